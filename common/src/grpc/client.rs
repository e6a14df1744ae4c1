//! [`AuthClient`]: the Auth service's gRPC, reached through the proxy's web port with Teleport's
//! TLS routing. One TLS connection (ALPN `teleport-auth@<hex(cluster)>.teleport.cluster.local`
//! then `h2`, the login's client certificate, the cluster's CAs as the only roots) carries one
//! HTTP/2 connection for every call of a command.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context as TaskContext, Poll};
use std::time::Duration;

use hyper::client::conn::http2::SendRequest;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tonic::body::Body;

use super::resources;
use super::routing;
use super::status::from_status;
use super::wire::proto::auth_service_client::AuthServiceClient;
use super::wire::proto::paginated_resource::Resource;
use super::wire::proto::{
    Certs, CreateAuthenticateChallengeRequest, IsMfaRequiredRequest, IsMfaRequiredResponse, ListResourcesRequest,
    ListResourcesResponse, MfaAuthenticateChallenge, PingRequest, PingResponse, UserCertsRequest,
};
use crate::api::nodes::Node;
use crate::error::{Error, Result};

/// Resources asked for per `ListResources` page.
const PAGE: i32 = 1000;
/// How long one call may take.
const CALL_TIMEOUT: Duration = Duration::from_secs(60);
/// The largest answer the client reads: far above any listing this suite makes (100,000 tokens
/// are about 20 MB), below what would exhaust memory.
pub const MAX_MESSAGE: usize = 64 << 20;

/// A client of the cluster's Auth service.
#[derive(Clone)]
pub struct AuthClient {
    inner: AuthServiceClient<Http2>,
    addr: String,
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
    pub async fn connect(addr: &str, cluster: &str, mut tls: rustls::ClientConfig) -> Result<Self> {
        let alpn = routing::auth_alpn(cluster);
        tls.alpn_protocols = vec![alpn.clone(), routing::H2.to_vec()];
        let server_name = routing::cluster_server_name(cluster);
        let stream = routing::dial(addr, &server_name, Arc::new(tls), &alpn, "the cluster's Auth service").await?;
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
        let inner = AuthServiceClient::with_origin(Http2(send), origin)
            .max_decoding_message_size(MAX_MESSAGE)
            .max_encoding_message_size(MAX_MESSAGE);
        Ok(Self {
            inner,
            addr: addr.to_string(),
        })
    }

    /// The proxy address this client dials.
    pub fn addr(&self) -> &str {
        &self.addr
    }

    async fn call<T, F>(&self, rpc: &str, f: impl FnOnce(AuthServiceClient<Http2>) -> F) -> Result<T>
    where
        F: Future<Output = std::result::Result<tonic::Response<T>, tonic::Status>>,
    {
        match tokio::time::timeout(CALL_TIMEOUT, f(self.inner.clone())).await {
            Ok(Ok(resp)) => Ok(resp.into_inner()),
            Ok(Err(status)) => Err(from_status(&status, &self.addr)),
            Err(_) => Err(Error::connection(format!("{rpc}: timed out waiting for {}", self.addr))),
        }
    }

    /// `Ping`.
    pub async fn ping(&self) -> Result<PingResponse> {
        self.call("Ping", |mut c| async move { c.ping(PingRequest {}).await })
            .await
    }

    /// `ListResources`: one page.
    pub async fn list_resources(&self, req: ListResourcesRequest) -> Result<ListResourcesResponse> {
        self.call("ListResources", |mut c| async move { c.list_resources(req).await })
            .await
    }

    /// Every node the caller may see whose labels match `labels`, page by page
    /// (`ListResources` of `node`), sorted by name.
    pub async fn list_nodes(&self, labels: &BTreeMap<String, String>) -> Result<Vec<Node>> {
        let mut nodes = Vec::new();
        let mut start_key = String::new();
        loop {
            let page = self
                .list_resources(ListResourcesRequest {
                    resource_type: resources::KIND_NODE.into(),
                    namespace: resources::NAMESPACE.into(),
                    limit: PAGE,
                    start_key: start_key.clone(),
                    labels: labels.clone().into_iter().collect(),
                    ..ListResourcesRequest::default()
                })
                .await?;
            nodes.extend(page.resources.into_iter().filter_map(|r| match r.resource {
                Some(Resource::Node(server)) => Some(resources::node_from_proto(server)),
                _ => None,
            }));
            if page.next_key.is_empty() {
                break;
            }
            if page.next_key == start_key {
                return Err(Error::internal(format!(
                    "{} repeated the page at {start_key:?}",
                    self.addr
                )));
            }
            start_key = page.next_key;
        }
        nodes.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.uuid.cmp(&b.uuid)));
        Ok(nodes)
    }

    /// `IsMFARequired`.
    pub async fn is_mfa_required(&self, req: IsMfaRequiredRequest) -> Result<IsMfaRequiredResponse> {
        self.call("IsMFARequired", |mut c| async move { c.is_mfa_required(req).await })
            .await
    }

    /// `CreateAuthenticateChallenge`.
    pub async fn create_authenticate_challenge(
        &self,
        req: CreateAuthenticateChallengeRequest,
    ) -> Result<MfaAuthenticateChallenge> {
        self.call("CreateAuthenticateChallenge", |mut c| async move {
            c.create_authenticate_challenge(req).await
        })
        .await
    }

    /// `GenerateUserCerts`.
    pub async fn generate_user_certs(&self, req: UserCertsRequest) -> Result<Certs> {
        self.call(
            "GenerateUserCerts",
            |mut c| async move { c.generate_user_certs(req).await },
        )
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
