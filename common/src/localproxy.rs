//! Local tunnels: a program (psql, or kubectl through `tsh proxy kube`) connects to 127.0.0.1;
//! each of its connections is carried to the proxy's web port inside TLS, with a routed
//! certificate and the ALPN name that routes it (Teleport's "authenticated tunnel"). Only
//! loopback is ever bound.

use std::sync::Arc;

use rustls::ClientConfig;
use rustls::pki_types::ServerName;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};

use crate::error::{Error, Result};

/// A TLS connection to the proxy.
pub type ProxyStream = tokio_rustls::client::TlsStream<TcpStream>;

/// Listens on `127.0.0.1:port` (0: a free port).
pub async fn bind(port: u16) -> Result<TcpListener> {
    TcpListener::bind(("127.0.0.1", port)).await.map_err(|e| {
        Error::bad_parameter(format!("cannot listen on 127.0.0.1:{port}: {e}"))
            .with_hint("choose another port with --port, or leave it out for a random one")
    })
}

/// Opens TLS to the proxy's web address (`host:port`) with `config` (a routed certificate and
/// the ALPN name, from [`RouteCert::tls_config`](crate::api::routes::RouteCert::tls_config)),
/// naming the proxy's host.
pub async fn connect(proxy_addr: &str, config: Arc<ClientConfig>) -> Result<ProxyStream> {
    let (host, _) = crate::config::split_host_port(proxy_addr)?;
    connect_named(proxy_addr, &host, config).await
}

/// Opens TLS to the proxy's web address, asking for the server name `name` (Kubernetes is
/// routed by it).
pub async fn connect_named(proxy_addr: &str, name: &str, config: Arc<ClientConfig>) -> Result<ProxyStream> {
    let name = ServerName::try_from(name.to_string())
        .map_err(|_| Error::bad_parameter(format!("{name:?} is not a host name or address")))?;
    let tcp = TcpStream::connect(proxy_addr)
        .await
        .map_err(|e| Error::connection(format!("cannot reach the proxy at {proxy_addr}: {e}")))?;
    let _ = tcp.set_nodelay(true);
    tokio_rustls::TlsConnector::from(config)
        .connect(name, tcp)
        .await
        .map_err(|e| Error::connection(format!("TLS to the proxy at {proxy_addr} failed: {e}")))
}

/// Copies both ways until either end hangs up.
pub async fn pipe<L: AsyncRead + AsyncWrite + Unpin>(mut local: L, mut remote: ProxyStream) {
    // An error is one end going away; the program on the local end saw the protocol's own
    // messages already.
    let _ = tokio::io::copy_bidirectional(&mut local, &mut remote).await;
}
