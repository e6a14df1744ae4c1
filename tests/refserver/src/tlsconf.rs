//! The web listener's TLS: the server certificate from the cluster CA, client certificates
//! optional (the `/webapi` endpoints need none) but verified against the cluster CA when given.

use std::sync::Arc;

use rustls::RootCertStore;
use rustls::pki_types::CertificateDer;
use rustls::server::WebPkiClientVerifier;
use tele_common::error::{Error, Result};
use tele_common::tls;

/// Builds the listener's config.
pub fn server_config(cert_pem: &str, key_pem: &str, ca_der: &[u8]) -> Result<rustls::ServerConfig> {
    let provider = tls::provider();
    let mut roots = RootCertStore::empty();
    roots
        .add(CertificateDer::from(ca_der.to_vec()))
        .map_err(|e| Error::internal(format!("CA certificate: {e}")))?;
    let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider.clone())
        .allow_unauthenticated()
        .build()
        .map_err(|e| Error::internal(format!("client verifier: {e}")))?;
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::internal(e.to_string()))?
        .with_client_cert_verifier(verifier)
        .with_single_cert(tls::parse_certs_pem(cert_pem)?, tls::parse_key_pem(key_pem)?)
        .map_err(|e| Error::internal(format!("server certificate: {e}")))?;
    config.alpn_protocols = vec![
        b"h2".to_vec(),
        b"http/1.1".to_vec(),
        tele_common::api::routes::ALPN_POSTGRES.to_vec(),
    ];
    Ok(config)
}

/// The web listener's acceptor: TLS, then routing by ALPN (Teleport's TLS routing on one port).
/// `teleport-postgres` goes to the database proxy; everything else is HTTP for the router.
#[derive(Clone)]
pub struct Routing<A> {
    inner: A,
    server: Arc<crate::server::Server>,
}

impl<A> Routing<A> {
    /// Routes what `inner` (the rustls acceptor) accepts.
    pub fn new(inner: A, server: Arc<crate::server::Server>) -> Self {
        Self { inner, server }
    }
}

type TlsTcp = tokio_rustls::server::TlsStream<tokio::net::TcpStream>;

impl<A, S> axum_server::accept::Accept<tokio::net::TcpStream, S> for Routing<A>
where
    A: axum_server::accept::Accept<tokio::net::TcpStream, S, Stream = TlsTcp> + Clone + Send + Sync + 'static,
    A::Future: Send,
    A::Service: Send,
    S: Send + 'static,
{
    type Stream = TlsTcp;
    type Service = A::Service;
    type Future =
        std::pin::Pin<Box<dyn std::future::Future<Output = std::io::Result<(Self::Stream, Self::Service)>> + Send>>;

    fn accept(&self, stream: tokio::net::TcpStream, service: S) -> Self::Future {
        let inner = self.inner.clone();
        let server = self.server.clone();
        Box::pin(async move {
            let (tls, service) = inner.accept(stream, service).await?;
            let conn = tls.get_ref().1;
            if conn.alpn_protocol() == Some(tele_common::api::routes::ALPN_POSTGRES) {
                let peer = conn
                    .peer_certificates()
                    .map(|chain| chain.iter().map(|c| c.to_vec()).collect())
                    .unwrap_or_default();
                tokio::spawn(crate::db_proxy::serve(server, tls, peer));
                // Not an HTTP connection: axum-server drops this "error" quietly.
                return Err(std::io::Error::other("routed to the database proxy"));
            }
            Ok((tls, service))
        })
    }
}
