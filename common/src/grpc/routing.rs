//! Teleport's TLS routing on the proxy's web port (`proxy_listener_mode: multiplex`): the
//! protocol a connection speaks is chosen by the first ALPN value the client offers, and the
//! Auth service answers to a server name made from the cluster's name.

/// ALPN of the web API and pages over HTTP/1.1.
pub const HTTP1: &[u8] = b"http/1.1";
/// ALPN of HTTP/2 (gRPC adds it after Teleport's own value).
pub const H2: &[u8] = b"h2";
/// ALPN prefix that reaches the Auth service's gRPC (mutual TLS).
pub const AUTH_PREFIX: &str = "teleport-auth@";
/// ALPN of the proxy's SSH server: TLS terminated at the proxy, plain SSH inside.
pub const PROXY_SSH: &[u8] = b"teleport-proxy-ssh";
/// Suffix of the names Teleport's own servers answer to.
pub const CLUSTER_LOCAL: &str = "teleport.cluster.local";

/// Prefix of the TLS server names that route a connection to the Kubernetes proxy (Teleport
/// routes Kubernetes by SNI; there is no Kubernetes ALPN value).
pub const KUBE_SNI_PREFIX: &str = "kube-teleport-proxy-alpn.";

/// The TLS server name for Kubernetes through the proxy at `host` (Teleport's
/// `GetKubeTLSServerName`): `kube-teleport-proxy-alpn.<host>`, or
/// `kube-teleport-proxy-alpn.teleport.cluster.local` when the host is empty, `localhost` or an
/// IP address.
pub fn kube_server_name(host: &str) -> String {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() || host == "localhost" || host.parse::<std::net::IpAddr>().is_ok() {
        format!("{KUBE_SNI_PREFIX}{CLUSTER_LOCAL}")
    } else {
        format!("{KUBE_SNI_PREFIX}{host}")
    }
}

/// `<hex(cluster)>.teleport.cluster.local`: the TLS server name of the cluster's Auth service
/// (Teleport's `EncodeClusterName`), valid whatever characters the cluster name holds.
pub fn cluster_server_name(cluster: &str) -> String {
    format!("{}.{CLUSTER_LOCAL}", hex::encode(cluster.as_bytes()))
}

/// `teleport-auth@<hex(cluster)>.teleport.cluster.local`: the ALPN value that routes a
/// connection to the Auth service. It must come first in the client's list (the proxy reads
/// the first), then `h2`.
pub fn auth_alpn(cluster: &str) -> Vec<u8> {
    format!("{AUTH_PREFIX}{}", cluster_server_name(cluster)).into_bytes()
}

/// How long reaching the proxy (TCP and TLS) may take.
pub const DIAL_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// A TLS connection to the proxy's web port.
pub type RoutedStream = tokio_rustls::client::TlsStream<tokio::net::TcpStream>;

/// Dials the proxy's web port at `addr` (TCP without Nagle, then TLS to `server_name` with
/// `tls`, whose ALPN list names the route) within the connect timeout, and checks the proxy
/// chose `alpn`: anything else means it does not route there. `what` names the route in that
/// error. The dial takes at most `within` (usually [`DIAL_TIMEOUT`]).
pub async fn dial(
    addr: &str,
    server_name: &str,
    tls: std::sync::Arc<rustls::ClientConfig>,
    alpn: &[u8],
    what: &str,
    within: std::time::Duration,
) -> crate::error::Result<RoutedStream> {
    use crate::error::Error;
    let name = rustls::pki_types::ServerName::try_from(server_name.to_string())
        .map_err(|_| Error::bad_parameter(format!("{server_name:?} is not a valid server name")))?;
    let dial = async {
        let tcp = tokio::net::TcpStream::connect(addr)
            .await
            .map_err(|e| crate::api::classify_io(&e, addr))?;
        let _ = tcp.set_nodelay(true);
        tokio_rustls::TlsConnector::from(tls)
            .connect(name, tcp)
            .await
            .map_err(|e| crate::api::classify_io(&e, addr))
    };
    let stream = tokio::time::timeout(within, dial).await.map_err(|_| {
        Error::connection(format!(
            "timed out connecting to {addr}: no TLS handshake after {within:?}"
        ))
        .with_hint("check that the proxy is up and reachable")
    })??;
    if stream.get_ref().1.alpn_protocol() != Some(alpn) {
        return Err(Error::connection(format!(
            "{addr} does not route to {what} (TLS routing is off or the proxy is not Teleport's)"
        )));
    }
    Ok(stream)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubernetes_server_names_are_teleports() {
        assert_eq!(
            kube_server_name("proxy.example.com"),
            "kube-teleport-proxy-alpn.proxy.example.com"
        );
        for host in ["", "localhost", "127.0.0.1", "[::1]", "::1"] {
            assert_eq!(
                kube_server_name(host),
                "kube-teleport-proxy-alpn.teleport.cluster.local",
                "{host:?}"
            );
        }
    }

    #[test]
    fn names_are_teleports() {
        assert_eq!(
            cluster_server_name("example.test"),
            "6578616d706c652e74657374.teleport.cluster.local"
        );
        assert_eq!(auth_alpn("a"), b"teleport-auth@61.teleport.cluster.local".to_vec());
    }
}
