//! [`AuthClient`]: the Auth service's gRPC, reached through the proxy's web port with Teleport's
//! TLS routing. One TLS connection (ALPN `teleport-auth@<hex(cluster)>.teleport.cluster.local`
//! then `h2`, the login's client certificate, the cluster's CAs as the only roots) carries one
//! HTTP/2 connection for every call of a command.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context as TaskContext, Poll};
use std::time::Duration;

use hyper::client::conn::http2::SendRequest;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tonic::body::Body;

use super::complete::RawCodec;
use super::metadata::{ADMIN_MFA_REQUIRED, MFA_RESPONSE_KEY, encode_mfa_response};
use super::status::from_status;
use super::wire::proto::auth_service_client::AuthServiceClient;
use super::wire::proto::create_authenticate_challenge_request::Request as ChallengeFor;
use super::wire::proto::is_mfa_required_request::Target as MfaTarget;
use super::wire::proto::paginated_resource::Resource;
use super::wire::proto::{
    AdminAction, Certs, ContextUser, CreateAuthenticateChallengeRequest, IsMfaRequiredRequest, IsMfaRequiredResponse,
    ListResourcesRequest, ListResourcesResponse, MfaAuthenticateChallenge, PingRequest, PingResponse, UserCertsRequest,
};
use super::wire::teleport::clusterconfig::v1::cluster_config_service_client::ClusterConfigServiceClient;
use super::wire::teleport::mfa::v1::{ChallengeAllowReuse, ChallengeExtensions, ChallengeScope};
use super::wire::teleport::trust::v1::trust_service_client::TrustServiceClient;
use super::wire::teleport::users::v1::users_service_client::UsersServiceClient;
use super::{mfa, resources, routing};
use crate::api::login::{MfaChallenge, MfaResponse};
use crate::api::nodes::Node;
use crate::error::{Error, Result};

/// Resources asked for per `ListResources` page.
const PAGE: i32 = 1000;
/// How long one call may take by default ([`AuthClient::with_timeout`] sets another).
const CALL_TIMEOUT: Duration = Duration::from_secs(60);
/// The largest answer the client reads: far above any listing this suite makes (100,000 tokens
/// are about 20 MB), below what would exhaust memory.
pub const MAX_MESSAGE: usize = 64 << 20;

/// A client of the cluster's Auth service (and the other services Teleport's Auth serves on
/// the same connection: users, cluster configuration, trust).
#[derive(Clone)]
pub struct AuthClient {
    channel: Http2,
    origin: http::Uri,
    addr: String,
    admin_mfa: Option<Arc<dyn AdminMfa>>,
    /// The admin-action MFA answer of this command, once given (metadata value).
    admin_answer: Arc<Mutex<Option<String>>>,
    /// How long one call (or one streamed message) may take.
    timeout: Duration,
}

/// Answers the MFA challenge of an admin action: the binary's prompt and security key.
pub trait AdminMfa: Send + Sync {
    /// Asks for the tap (or code) and returns the answer.
    fn solve(&self, challenge: &MfaChallenge) -> Result<MfaResponse>;
}

impl std::fmt::Debug for AuthClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthClient")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl AuthClient {
    /// Dials the proxy at `addr` (`host:port`) and reaches `cluster`'s Auth service. `tls`
    /// carries the roots (the cluster's TLS CAs) and the client certificate; its ALPN list is
    /// replaced with Teleport's.
    pub async fn connect(addr: &str, cluster: &str, tls: rustls::ClientConfig) -> Result<Self> {
        Self::connect_within(addr, cluster, tls, CALL_TIMEOUT).await
    }

    /// [`connect`](Self::connect), with `timeout` for the dial (at most its usual 10 s) and
    /// for each call instead of the default minute.
    pub async fn connect_within(
        addr: &str,
        cluster: &str,
        mut tls: rustls::ClientConfig,
        timeout: Duration,
    ) -> Result<Self> {
        let alpn = routing::auth_alpn(cluster);
        tls.alpn_protocols = vec![alpn.clone(), routing::H2.to_vec()];
        let server_name = routing::cluster_server_name(cluster);
        let within = routing::DIAL_TIMEOUT.min(timeout);
        let stream = routing::dial(
            addr,
            &server_name,
            Arc::new(tls),
            &alpn,
            "the cluster's Auth service",
            within,
        )
        .await?;
        let (send, conn) = hyper::client::conn::http2::Builder::new(TokioExecutor::new())
            .handshake(TokioIo::new(stream))
            .await
            .map_err(|e| Error::connection(format!("HTTP/2 with {addr}: {e}")))?;
        // Ends with the command; an error then is reported by the call that was running.
        tokio::spawn(async move {
            let _ = conn.await;
        });
        let origin = format!("https://{server_name}")
            .parse()
            .map_err(|_| Error::internal("the Auth service's origin does not parse"))?;
        Ok(Self {
            channel: Http2(send),
            origin,
            addr: addr.to_string(),
            admin_mfa: None,
            admin_answer: Arc::default(),
            timeout,
        })
    }

    /// Answers admin-action MFA challenges with `mfa`: a write the server refuses with
    /// "admin-level API request requires MFA verification" is retried once with the answer.
    pub fn with_admin_mfa(mut self, mfa: Arc<dyn AdminMfa>) -> Self {
        self.admin_mfa = Some(mfa);
        self
    }

    /// The proxy address this client dials.
    pub fn addr(&self) -> &str {
        &self.addr
    }

    /// `proto.AuthService`.
    pub(crate) fn auth(&self) -> AuthServiceClient<Http2> {
        AuthServiceClient::with_origin(self.channel.clone(), self.origin.clone())
            .max_decoding_message_size(MAX_MESSAGE)
            .max_encoding_message_size(MAX_MESSAGE)
    }

    /// `teleport.users.v1.UsersService`.
    pub(crate) fn users(&self) -> UsersServiceClient<Http2> {
        UsersServiceClient::with_origin(self.channel.clone(), self.origin.clone())
            .max_decoding_message_size(MAX_MESSAGE)
            .max_encoding_message_size(MAX_MESSAGE)
    }

    /// `teleport.clusterconfig.v1.ClusterConfigService`.
    pub(crate) fn cluster_config(&self) -> ClusterConfigServiceClient<Http2> {
        ClusterConfigServiceClient::with_origin(self.channel.clone(), self.origin.clone())
    }

    /// `teleport.trust.v1.TrustService`.
    pub(crate) fn trust(&self) -> TrustServiceClient<Http2> {
        TrustServiceClient::with_origin(self.channel.clone(), self.origin.clone())
            .max_decoding_message_size(MAX_MESSAGE)
    }

    fn timed_out(&self, rpc: &str) -> Error {
        Error::connection(format!(
            "{rpc}: timed out waiting for {} after {:?}: the server stopped answering",
            self.addr, self.timeout
        ))
        .with_hint(format!(
            "check that the proxy is up and reachable; on a slow link, raise {} (e.g. 2m)",
            crate::api::TIMEOUT_ENV
        ))
    }

    /// Runs one call with the deadline; a status becomes the suite's error.
    pub(crate) async fn call<T>(
        &self,
        rpc: &str,
        call: impl Future<Output = std::result::Result<tonic::Response<T>, tonic::Status>>,
    ) -> Result<T> {
        match tokio::time::timeout(self.timeout, call).await {
            Ok(Ok(resp)) => Ok(resp.into_inner()),
            Ok(Err(status)) => Err(from_status(&status, &self.addr)),
            Err(_) => Err(self.timed_out(rpc)),
        }
    }

    /// Runs one server-streaming call and collects what it streams, each message within the
    /// deadline, at most `max` of them.
    pub(crate) async fn stream_all<T>(
        &self,
        rpc: &str,
        call: impl Future<Output = std::result::Result<tonic::Response<tonic::Streaming<T>>, tonic::Status>>,
        max: usize,
    ) -> Result<Vec<T>> {
        let mut stream = self.call(rpc, call).await?;
        let mut all = Vec::new();
        loop {
            match tokio::time::timeout(self.timeout, stream.message()).await {
                Ok(Ok(Some(item))) if all.len() < max => all.push(item),
                Ok(Ok(Some(_))) => {
                    return Err(Error::bad_parameter(format!(
                        "{rpc}: {} sent more than {max} messages",
                        self.addr
                    )));
                }
                Ok(Ok(None)) => return Ok(all),
                Ok(Err(status)) => return Err(from_status(&status, &self.addr)),
                Err(_) => return Err(self.timed_out(rpc)),
            }
        }
    }

    /// Runs one call of `path` whose answer is handed over as raw bytes (see
    /// [`super::complete`]).
    pub(crate) async fn raw_call<Req: prost::Message + Send + 'static>(
        &self,
        path: &'static str,
        req: Req,
    ) -> Result<Vec<u8>> {
        let mut grpc = tonic::client::Grpc::with_origin(self.channel.clone(), self.origin.clone())
            .max_decoding_message_size(MAX_MESSAGE);
        let call = async move {
            grpc.ready()
                .await
                .map_err(|e| tonic::Status::unavailable(format!("connection not ready: {e}")))?;
            let path = http::uri::PathAndQuery::from_static(path);
            grpc.unary(tonic::Request::new(req), path, RawCodec::default()).await
        };
        self.call(path, call).await
    }

    /// Runs an admin action (a write): with this command's MFA answer when there is one; a
    /// refusal for want of MFA asks for the tap, once per command, and retries.
    pub(crate) async fn admin_call<M, T, F, Fut>(&self, rpc: &str, msg: M, f: F) -> Result<T>
    where
        M: Clone,
        F: Fn(tonic::Request<M>) -> Fut,
        Fut: Future<Output = std::result::Result<tonic::Response<T>, tonic::Status>>,
    {
        let first = self.call(rpc, f(self.with_answer(msg.clone())?)).await;
        match first {
            Err(e) if e.message().contains(ADMIN_MFA_REQUIRED) && self.answer().is_none() => {
                let Some(mfa) = self.admin_mfa.clone() else {
                    return Err(e.with_hint("the cluster asks for a security key tap for admin actions"));
                };
                // Without an answer (no security key, a failed tap) the refusal stands, with why.
                if let Err(why) = self.admin_ceremony(mfa.as_ref()).await {
                    let hint = match why.hint() {
                        Some(h) => format!("{}; {h}", why.message()),
                        None => why.message().to_string(),
                    };
                    return Err(e.with_hint(hint));
                }
                self.call(rpc, f(self.with_answer(msg)?)).await
            }
            other => other,
        }
    }

    fn answer(&self) -> Option<String> {
        self.admin_answer.lock().ok().and_then(|a| a.clone())
    }

    fn with_answer<M>(&self, msg: M) -> Result<tonic::Request<M>> {
        let mut req = tonic::Request::new(msg);
        if let Some(answer) = self.answer() {
            let value = answer
                .parse()
                .map_err(|_| Error::internal("the MFA answer is not valid metadata"))?;
            req.metadata_mut().insert(MFA_RESPONSE_KEY, value);
        }
        Ok(req)
    }

    /// Teleport's admin-action ceremony: a challenge of scope `ADMIN_ACTION` (reusable for
    /// the rest of this command, which Teleport allows for admin actions only), the tap, and
    /// the answer kept for the retries.
    async fn admin_ceremony(&self, mfa: &dyn AdminMfa) -> Result<()> {
        let check = IsMfaRequiredRequest {
            target: Some(MfaTarget::AdminAction(AdminAction {})),
        };
        let challenge = self
            .user_challenge(ChallengeScope::AdminAction, true, Some(check))
            .await?;
        let challenge = mfa::challenge_from_proto(challenge);
        if challenge.is_empty() {
            return Err(Error::access_denied(ADMIN_MFA_REQUIRED).with_hint("register a security key: tsh mfa add"));
        }
        let answer = mfa.solve(&challenge)?;
        let value = encode_mfa_response(&mfa::response_to_proto(&answer));
        if let Ok(mut slot) = self.admin_answer.lock() {
            *slot = Some(value);
        }
        Ok(())
    }

    /// `Ping`.
    pub async fn ping(&self) -> Result<PingResponse> {
        self.call("Ping", self.auth().ping(PingRequest {})).await
    }

    /// `ListResources`: one page.
    pub async fn list_resources(&self, req: ListResourcesRequest) -> Result<ListResourcesResponse> {
        self.call("ListResources", self.auth().list_resources(req)).await
    }

    /// Every resource of `kind` the caller may see whose labels match `labels`, page by page
    /// (`ListResources`).
    pub async fn list_all(
        &self,
        kind: &str,
        labels: &BTreeMap<String, String>,
    ) -> Result<Vec<super::wire::proto::PaginatedResource>> {
        let mut all = Vec::new();
        let mut start_key = String::new();
        loop {
            let page = self
                .list_resources(ListResourcesRequest {
                    resource_type: kind.into(),
                    namespace: resources::NAMESPACE.into(),
                    limit: PAGE,
                    start_key: start_key.clone(),
                    labels: labels.clone().into_iter().collect(),
                    ..ListResourcesRequest::default()
                })
                .await?;
            all.extend(page.resources);
            if page.next_key.is_empty() {
                return Ok(all);
            }
            if page.next_key == start_key {
                return Err(Error::internal(format!(
                    "{} repeated the page at {start_key:?}",
                    self.addr
                )));
            }
            start_key = page.next_key;
        }
    }

    /// Every node the caller may see whose labels match `labels` (`ListResources` of `node`),
    /// sorted by name.
    pub async fn list_nodes(&self, labels: &BTreeMap<String, String>) -> Result<Vec<Node>> {
        let mut nodes: Vec<Node> = self
            .list_all(resources::KIND_NODE, labels)
            .await?
            .into_iter()
            .filter_map(|r| match r.resource {
                Some(Resource::Node(server)) => Some(resources::node_from_proto(server)),
                _ => None,
            })
            .collect();
        nodes.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.uuid.cmp(&b.uuid)));
        Ok(nodes)
    }

    /// `IsMFARequired`.
    pub async fn is_mfa_required(&self, req: IsMfaRequiredRequest) -> Result<IsMfaRequiredResponse> {
        self.call("IsMFARequired", self.auth().is_mfa_required(req)).await
    }

    /// `CreateAuthenticateChallenge`.
    pub async fn create_authenticate_challenge(
        &self,
        req: CreateAuthenticateChallengeRequest,
    ) -> Result<MfaAuthenticateChallenge> {
        self.call(
            "CreateAuthenticateChallenge",
            self.auth().create_authenticate_challenge(req),
        )
        .await
    }

    /// `CreateAuthenticateChallenge` for the signed-in user (`ContextUser`), of `scope`,
    /// allowing reuse or not, with the MFA-required `check` when there is one.
    pub async fn user_challenge(
        &self,
        scope: ChallengeScope,
        allow_reuse: bool,
        check: Option<IsMfaRequiredRequest>,
    ) -> Result<MfaAuthenticateChallenge> {
        let mut ext = ChallengeExtensions::default();
        ext.set_scope(scope);
        if allow_reuse {
            ext.set_allow_reuse(ChallengeAllowReuse::Yes);
        }
        self.create_authenticate_challenge(CreateAuthenticateChallengeRequest {
            request: Some(ChallengeFor::ContextUser(ContextUser {})),
            mfa_required_check: check,
            challenge_extensions: Some(ext),
            ..CreateAuthenticateChallengeRequest::default()
        })
        .await
    }

    /// `GenerateUserCerts`.
    pub async fn generate_user_certs(&self, req: UserCertsRequest) -> Result<Certs> {
        self.call("GenerateUserCerts", self.auth().generate_user_certs(req))
            .await
    }
}

/// One HTTP/2 connection as the service tonic's generated client calls.
#[derive(Clone)]
pub struct Http2(SendRequest<Body>);

impl tower_service::Service<http::Request<Body>> for Http2 {
    type Response = http::Response<hyper::body::Incoming>;
    type Error = hyper::Error;
    type Future = Pin<Box<dyn Future<Output = std::result::Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut TaskContext<'_>) -> Poll<std::result::Result<(), Self::Error>> {
        self.0.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<Body>) -> Self::Future {
        Box::pin(self.0.send_request(req))
    }
}
