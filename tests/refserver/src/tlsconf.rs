//! The web listener's TLS and Teleport's TLS routing on it: the server certificate from the
//! cluster CA, client certificates optional (the `/webapi` endpoints need none) but verified
//! against the cluster CA when given, and each connection routed by the ALPN value it chose.

use std::sync::Arc;

use rustls::RootCertStore;
use rustls::pki_types::CertificateDer;
use rustls::server::WebPkiClientVerifier;
use tele_common::api::routes::ALPN_POSTGRES;
use tele_common::error::{Error, Result};
use tele_common::grpc::routing;
use tele_common::tls;

use crate::timed::Timed;

/// Builds the listener's config. ALPN values are chosen in this order (rustls takes the first
/// of the server's list the client offers): Teleport's protocols before HTTP, because a gRPC
/// client offers `teleport-auth@...` and then `h2`.
pub fn server_config(cert_pem: &str, key_pem: &str, ca_der: &[u8], cluster: &str) -> Result<rustls::ServerConfig> {
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
        routing::auth_alpn(cluster),
        routing::PROXY_SSH.to_vec(),
        ALPN_POSTGRES.to_vec(),
        routing::H2.to_vec(),
        routing::HTTP1.to_vec(),
    ];
    Ok(config)
}

/// Where routed connections go: the Auth service's gRPC, the SSH proxy, the database proxy.
pub struct Routes {
    /// The server.
    pub server: Arc<crate::server::Server>,
    /// The gRPC server's queue of connections.
    pub grpc: crate::grpc::Incoming,
    /// The SSH proxy.
    pub ssh: Arc<crate::ssh::Shared>,
}

/// The web listener's acceptor: TLS, then routing (Teleport's TLS routing on one port): by the
/// server name first (`kube-teleport-proxy-alpn.*` goes to the Kubernetes proxy), then by ALPN.
/// `teleport-auth@<hex(cluster)>.teleport.cluster.local` goes to the Auth service's gRPC,
/// `teleport-proxy-ssh` to the SSH proxy, `teleport-postgres` to the database proxy; `h2` and
/// `http/1.1` are HTTP for the router.
#[derive(Clone)]
pub struct Routing<A> {
    inner: A,
    routes: Arc<Routes>,
}

impl<A> Routing<A> {
    /// Routes what `inner` (the rustls acceptor) accepts.
    pub fn new(inner: A, routes: Arc<Routes>) -> Self {
        Self { inner, routes }
    }
}

/// A TLS connection on the web listener, over the [`Timed`] TCP stream that bounds it.
pub type TlsTcp = tokio_rustls::server::TlsStream<Timed<tokio::net::TcpStream>>;

/// The length of HTTP/2's client connection preface: what a gRPC client sends first.
const H2_PREFACE_LEN: usize = 24;

impl<A, S> axum_server::accept::Accept<tokio::net::TcpStream, S> for Routing<A>
where
    A: axum_server::accept::Accept<Timed<tokio::net::TcpStream>, S, Stream = TlsTcp> + Clone + Send + Sync + 'static,
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
        let routes = self.routes.clone();
        Box::pin(async move {
            let peer = stream.peer_addr()?;
            // Without it small answers wait out the peer's delayed ACK (~40 ms each).
            stream.set_nodelay(true)?;
            let limits = routes.server.settings.timeouts;
            // The handshake itself is bounded by the rustls acceptor's timeout.
            let (mut tls, service) = inner.accept(Timed::new(stream), service).await?;
            let conn = tls.get_ref().1;
            let alpn = conn.alpn_protocol().unwrap_or_default().to_vec();
            let peer_certs: Vec<Vec<u8>> = conn
                .peer_certificates()
                .map(|chain| chain.iter().map(|c| c.to_vec()).collect())
                .unwrap_or_default();
            let kube = conn
                .server_name()
                .is_some_and(|name| name.starts_with(routing::KUBE_SNI_PREFIX));
            let timed = tls.get_mut().0;
            if kube {
                timed.set_idle(limits.idle);
                crate::kube_proxy::serve(routes.server.clone(), tls, peer_certs);
            } else if alpn == ALPN_POSTGRES {
                // The startup message has its own deadline; a session may then be quiet.
                tokio::spawn(crate::db_proxy::serve(routes.server.clone(), tls, peer_certs));
            } else if alpn == routing::PROXY_SSH {
                // Bounded until it authenticates; its keep-alives watch it after that.
                crate::ssh::serve_stream(&routes.ssh, tls, peer);
            } else if alpn.starts_with(routing::AUTH_PREFIX.as_bytes()) {
                timed.require_bytes(H2_PREFACE_LEN, limits.first_request);
                timed.set_idle(limits.idle);
                // Only this cluster's value was offered by the server config, so a match is ours.
                if routes.grpc.send(crate::grpc::Conn::new(tls, peer)).is_err() {
                    tracing::error!("gRPC server is gone");
                }
            } else {
                // HTTP: axum-server bounds the first request, hyper the headers of the rest.
                timed.set_idle(limits.idle);
                return Ok((tls, service));
            }
            // Not an HTTP connection: axum-server drops this "error" quietly.
            Err(std::io::Error::other("routed by ALPN"))
        })
    }
}
