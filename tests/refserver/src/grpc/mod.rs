//! The Auth service's gRPC (`proto.AuthService`), reached through the web port's TLS routing:
//! the acceptor (`crate::tlsconf::Routing`) hands over every connection whose first ALPN value is
//! `teleport-auth@<hex(cluster)>.teleport.cluster.local`, TLS already terminated, and tonic serves
//! HTTP/2 on it. The caller is the client certificate, checked again at every call.

mod auth;
mod certs;
mod nodes;

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use tele_common::error::Error;
use tele_common::grpc::client::MAX_MESSAGE;
use tele_common::grpc::status::to_status;
use tele_common::grpc::wire::proto::auth_service_server::AuthServiceServer;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::mpsc;
use tonic::Status;

use crate::authz::Caller;
use crate::server::Server;

type TlsTcp = tokio_rustls::server::TlsStream<tokio::net::TcpStream>;

/// What a call knows of its connection: the client's certificate chain (DER) and address.
#[derive(Clone, Debug)]
pub struct ConnInfo {
    /// The verified chain the client presented, leaf first; empty without a certificate.
    pub peer_certs: Arc<Vec<Vec<u8>>>,
    /// The client's address.
    pub remote: SocketAddr,
}

/// A routed connection: the TLS stream and what the handshake said.
pub struct Conn {
    tls: TlsTcp,
    info: ConnInfo,
}

impl Conn {
    /// Wraps a TLS stream the acceptor routed here.
    pub fn new(tls: TlsTcp, remote: SocketAddr) -> Self {
        let peer_certs = tls
            .get_ref()
            .1
            .peer_certificates()
            .map(|chain| chain.iter().map(|c| c.to_vec()).collect())
            .unwrap_or_default();
        Self {
            tls,
            info: ConnInfo {
                peer_certs: Arc::new(peer_certs),
                remote,
            },
        }
    }
}

impl tonic::transport::server::Connected for Conn {
    type ConnectInfo = ConnInfo;

    fn connect_info(&self) -> ConnInfo {
        self.info.clone()
    }
}

impl AsyncRead for Conn {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.tls).poll_read(cx, buf)
    }
}

impl AsyncWrite for Conn {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.tls).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.tls).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.tls).poll_shutdown(cx)
    }
}

/// Where the acceptor sends the connections it routes to the Auth service.
pub type Incoming = mpsc::UnboundedSender<Conn>;

/// Starts the gRPC server; it serves every connection sent on the returned sender.
pub fn start(server: Arc<Server>) -> Incoming {
    let (tx, rx) = mpsc::unbounded_channel::<Conn>();
    let incoming = tokio_stream::wrappers::UnboundedReceiverStream::new(rx);
    let incoming = tokio_stream::StreamExt::map(incoming, Ok::<_, std::io::Error>);
    let service = AuthServiceServer::new(auth::AuthSvc::new(server))
        .max_decoding_message_size(MAX_MESSAGE)
        .max_encoding_message_size(MAX_MESSAGE);
    tokio::spawn(async move {
        let result = tonic::transport::Server::builder()
            .add_service(service)
            .serve_with_incoming(incoming)
            .await;
        if let Err(e) = result {
            tracing::error!("gRPC server: {e}");
        }
    });
    tx
}

/// Who makes a call, as its connection's client certificate says.
pub struct Call {
    /// The caller.
    pub who: Caller,
    /// Where the call came from.
    pub remote: SocketAddr,
    /// When the caller's certificate ends.
    pub not_after: std::time::SystemTime,
}

/// The caller of a call, from its connection's client certificate, checked as of the server's
/// clock (rustls checked the chain and the real clock): a certificate that has ended by the
/// clock tests can move is refused too.
fn caller<T>(s: &Server, req: &tonic::Request<T>) -> std::result::Result<Call, Status> {
    let info = req
        .extensions()
        .get::<ConnInfo>()
        .ok_or_else(|| Status::internal("connection info missing"))?;
    let (who, not_after) = Caller::identify_at(&info.peer_certs, &s.store, s.settings.now()).map_err(|e| status(&e))?;
    tracing::debug!(caller = who.name(), "gRPC caller authenticated");
    Ok(Call {
        who,
        remote: info.remote,
        not_after,
    })
}

/// An error as a status, logged with the call it ended.
fn status(err: &Error) -> Status {
    tracing::info!(kind = ?err.kind(), "gRPC call refused: {}", err.message());
    to_status(err)
}
