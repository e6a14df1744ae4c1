//! The local proxy of `tsh proxy kube`: kubectl speaks HTTPS to 127.0.0.1 with a client
//! certificate from an ephemeral CA made here (so other local users cannot use the port), and
//! each connection is relayed, TLS terminated on both sides, to the cluster's proxy with the
//! routed certificate of the moment. The routed certificate is asked for per connection, so an
//! expired one is replaced (with a new MFA check) before the next connection, never mid-way.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, SanType,
};
use rustls::RootCertStore;
use rustls::server::WebPkiClientVerifier;
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;

use crate::error::{Error, Result};
use crate::keys::zeroize_string::Secret;

/// The local proxy's certificates live as long as one shell session may.
const LOCAL_VALIDITY: Duration = Duration::from_secs(24 * 3600);

fn rc(e: rcgen::Error) -> Error {
    Error::internal(format!("local certificates: {e}"))
}

/// The ephemeral CA, the server certificate for 127.0.0.1 and the one client certificate
/// kubectl presents; nothing of it is written outside the temporary kubeconfig.
pub struct LocalCa {
    /// The CA (PEM), what kubectl trusts.
    pub ca_pem: String,
    /// kubectl's client certificate (PEM).
    pub client_cert_pem: String,
    /// kubectl's key (PEM).
    pub client_key_pem: Secret,
    acceptor: TlsAcceptor,
}

fn params(cn: &str) -> Result<CertificateParams> {
    let mut p = CertificateParams::new(Vec::<String>::new()).map_err(rc)?;
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, cn);
    p.distinguished_name = dn;
    let now = SystemTime::now();
    p.not_before = (now - Duration::from_secs(60)).into();
    p.not_after = (now + LOCAL_VALIDITY).into();
    p.serial_number = Some(rand::random::<[u8; 16]>().to_vec().into());
    Ok(p)
}

impl LocalCa {
    /// Makes the CA and both certificates.
    pub fn new() -> Result<Self> {
        let ca_key = KeyPair::generate().map_err(rc)?;
        let mut ca = params("tsh proxy kube local CA")?;
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::DigitalSignature];
        let ca_cert = ca.self_signed(&ca_key).map_err(rc)?;
        let ca_pem = ca_cert.pem();
        let issuer = Issuer::from_ca_cert_pem(&ca_pem, ca_key).map_err(rc)?;

        let server_key = KeyPair::generate().map_err(rc)?;
        let mut server = params("127.0.0.1")?;
        server.subject_alt_names = vec![SanType::IpAddress(std::net::Ipv4Addr::LOCALHOST.into())];
        server.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        server.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        let server_cert = server.signed_by(&server_key, &issuer).map_err(rc)?;

        let client_key = KeyPair::generate().map_err(rc)?;
        let mut client = params("kubectl")?;
        client.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        client.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        let client_cert = client.signed_by(&client_key, &issuer).map_err(rc)?;

        let provider = crate::tls::provider();
        let mut roots = RootCertStore::empty();
        roots
            .add(ca_cert.der().clone())
            .map_err(|e| Error::internal(format!("local CA: {e}")))?;
        let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider.clone())
            .build()
            .map_err(|e| Error::internal(format!("local client verifier: {e}")))?;
        let key_pem = Secret(zeroize::Zeroizing::new(server_key.serialize_pem()));
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| Error::internal(e.to_string()))?
            .with_client_cert_verifier(verifier)
            .with_single_cert(
                vec![server_cert.der().clone()],
                crate::tls::parse_key_pem(key_pem.expose())?,
            )
            .map_err(|e| Error::internal(format!("local server certificate: {e}")))?;
        // The cluster's proxy is spoken to in HTTP/1.1; kubectl must pick the same.
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Self {
            ca_pem,
            client_cert_pem: client_cert.pem(),
            client_key_pem: Secret(zeroize::Zeroizing::new(client_key.serialize_pem())),
            acceptor: TlsAcceptor::from(Arc::new(config)),
        })
    }
}

/// Where connections go and with which certificate.
pub trait Upstream {
    /// The TLS config (routed certificate) for the next connection; called once per
    /// connection, one at a time. An error drops that connection only.
    fn tls_config(&mut self) -> impl Future<Output = Result<Arc<rustls::ClientConfig>>>;
}

/// Serves `listener` until the future is dropped: every connection kubectl makes is checked
/// against the local CA and relayed to `proxy_addr` (`host:port`), with the TLS server name that
/// routes it to the Kubernetes proxy (`kube-teleport-proxy-alpn.`, Teleport's SNI routing).
pub async fn serve<U: Upstream>(listener: TcpListener, local: &LocalCa, proxy_addr: &str, upstream: &mut U) {
    // Handshakes run concurrently; connections that passed the local CA come back here, where
    // the routed certificate (maybe a tap) is asked for one connection at a time.
    let (tx, mut rx) = tokio::sync::mpsc::channel::<LocalStream>(16);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((conn, _)) = accepted else { continue };
                let _ = conn.set_nodelay(true);
                let acceptor = local.acceptor.clone();
                let tx = tx.clone();
                tokio::spawn(async move {
                    if let Ok(stream) = acceptor.accept(conn).await {
                        let _ = tx.send(stream).await;
                    }
                });
            }
            Some(stream) = rx.recv() => {
                let Ok(config) = upstream.tls_config().await else { continue };
                let addr = proxy_addr.to_string();
                tokio::spawn(async move {
                    let Ok((host, _)) = crate::config::split_host_port(&addr) else { return };
                    let name = crate::grpc::routing::kube_server_name(&host);
                    if let Ok(remote) = crate::localproxy::connect_named(&addr, &name, config).await {
                        crate::localproxy::pipe(stream, remote).await;
                    }
                });
            }
        }
    }
}

type LocalStream = tokio_rustls::server::TlsStream<TcpStream>;
