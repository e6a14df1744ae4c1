//! The Auth service's gRPC (`proto.AuthService`, `teleport.users.v1.UsersService`,
//! `teleport.trust.v1.TrustService`, `teleport.clusterconfig.v1.ClusterConfigService`), reached through the web port's TLS routing:
//! the acceptor (`crate::tlsconf::Routing`) hands over every connection whose first ALPN value is
//! `teleport-auth@<hex(cluster)>.teleport.cluster.local`, TLS already terminated, and tonic serves
//! HTTP/2 on it. The caller is the client certificate, checked again at every call.

mod auth;
pub mod catalog;
mod certs;
mod headless;
mod nodes;
mod recordings;
mod register;
mod roles;
mod routed;
mod servers;
mod sign;
mod tokens;
mod trust;
mod users;

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use tele_common::error::Error;
use tele_common::grpc::client::MAX_MESSAGE;
use tele_common::grpc::status::to_status;
use tele_common::grpc::wire::proto::auth_service_server::AuthServiceServer;
use tele_common::grpc::wire::teleport::clusterconfig::v1::cluster_config_service_server::ClusterConfigServiceServer;
use tele_common::grpc::wire::teleport::trust::v1::trust_service_server::TrustServiceServer;
use tele_common::grpc::wire::teleport::users::v1::users_service_server::UsersServiceServer;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::mpsc;
use tonic::Status;

pub use tokens::find as find_token;

use crate::authz::Caller;
use crate::server::Server;
use crate::tlsconf::TlsTcp;

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
    let service = AuthServiceServer::new(auth::AuthSvc::new(server.clone()))
        .max_decoding_message_size(MAX_MESSAGE)
        .max_encoding_message_size(MAX_MESSAGE);
    let users = UsersServiceServer::new(users::UsersSvc::new(server.clone()))
        .max_decoding_message_size(MAX_MESSAGE)
        .max_encoding_message_size(MAX_MESSAGE);
    let trust = TrustServiceServer::new(trust::TrustSvc::new(server.clone())).max_encoding_message_size(MAX_MESSAGE);
    let idle = server.settings.timeouts.idle;
    let config = ClusterConfigServiceServer::new(trust::TrustSvc::new(server));
    tokio::spawn(async move {
        // Pings every half idle period find dead peers (and keep a live long poll's
        // connection from reading as idle); a peer that does not answer within 20 s is gone.
        let result = tonic::transport::Server::builder()
            .http2_keepalive_interval(Some(idle / 2))
            .http2_keepalive_timeout(Some(Duration::from_secs(20).min(idle)))
            .add_service(service)
            .add_service(users)
            .add_service(trust)
            .add_service(config)
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

/// The caller of an admin action (a write): Teleport 17 asks remote admins for MFA when the
/// cluster's second factor is WebAuthn only (`IsAdminActionMFAEnforced`); the answer travels
/// as metadata `mfa_challenge_response`. The auth host's own admin identity is exempt, as
/// Teleport's built-in roles are.
fn admin_caller<T>(s: &Server, req: &tonic::Request<T>) -> std::result::Result<Call, Status> {
    let call = caller(s, req)?;
    admin_action(s, &call.who, req.metadata()).map_err(|e| status(&e))?;
    Ok(call)
}

/// Whether admin actions of `caller` need MFA.
pub fn admin_mfa_required(s: &Server, caller: &Caller) -> tele_common::error::Result<bool> {
    Ok(match caller {
        Caller::System { .. } => false,
        Caller::User { .. } => s.cap()?.spec.second_factor == tele_common::resources::SecondFactor::Webauthn,
    })
}

fn admin_action(s: &Server, caller: &Caller, md: &tonic::metadata::MetadataMap) -> tele_common::error::Result<()> {
    use tele_common::grpc::metadata::{ADMIN_MFA_REQUIRED, MFA_RESPONSE_KEY, decode_mfa_response};
    if !admin_mfa_required(s, caller)? {
        return Ok(());
    }
    let Some(value) = md.get(MFA_RESPONSE_KEY) else {
        return Err(Error::access_denied(ADMIN_MFA_REQUIRED));
    };
    let value = value
        .to_str()
        .map_err(|_| Error::bad_parameter(format!("{MFA_RESPONSE_KEY}: not text")))?;
    let answer = tele_common::grpc::mfa::response_from_proto(decode_mfa_response(value)?)?;
    let device = s.reusable_answers.verify_admin(s, caller.name(), &answer)?;
    tracing::info!(user = caller.name(), device, "admin action MFA verified");
    Ok(())
}

/// One page of `items` (sorted here by `name`): up to `limit` (1000 when not positive) from the
/// first whose name is `start`, and the name the next page starts at (empty: the last page).
fn page_by_name<T>(mut items: Vec<T>, name: impl Fn(&T) -> &str, limit: i32, start: &str) -> (Vec<T>, String) {
    let limit = usize::try_from(limit).ok().filter(|l| *l > 0).unwrap_or(1000);
    items.sort_by(|a, b| name(a).cmp(name(b)));
    let mut page: Vec<T> = items.into_iter().filter(|i| name(i) >= start).take(limit + 1).collect();
    let next = if page.len() > limit {
        page.pop().map(|i| name(&i).to_string()).unwrap_or_default()
    } else {
        String::new()
    };
    (page, next)
}
