//! The HTTPS listener's HTTP side: Teleport's `/webapi/*` (also under `/v1/webapi`) and the
//! web pages. Everything after login is gRPC or routed by TLS (`crate::tlsconf`).
//! Handlers stay thin: parse, check the caller, call the store or the CAs, answer.

mod browser;
mod headless;
mod headless_page;
mod invite;
mod login;
mod nodes;
mod pages;
mod webapi;

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{FromRequest, FromRequestParts, MatchedPath, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum_server::tls::TlsInfo;
use tele_common::error::{Error, ErrorBody};

use crate::authz::Caller;
use crate::server::Server;

/// Shared state of every handler.
pub type State = Arc<Server>;

/// An error answer: `{"error":{"message","kind"}}` with the kind's status.
pub struct ApiError(pub Error);

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        Self(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.0.kind().http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, axum::Json(ErrorBody::from(&self.0))).into_response()
    }
}

/// Handler result.
pub type ApiResult<T> = std::result::Result<T, ApiError>;

/// A JSON body whose parse errors become `bad_parameter` answers naming the problem.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Self(v)),
            // A body past [`MAX_BODY`] without a length up front is 413 once it is seen.
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(too_large()),
            Err(e) => Err(ApiError(Error::bad_parameter(e.body_text())).into_response()),
        }
    }
}

/// The largest request body the web API reads (its JSON bodies are a few kilobytes).
pub const MAX_BODY: usize = 64 * 1024;

/// 413, with the error body the others have.
fn too_large() -> Response {
    let err = Error::bad_parameter(format!("the request body is larger than {MAX_BODY} bytes"));
    (StatusCode::PAYLOAD_TOO_LARGE, axum::Json(ErrorBody::from(&err))).into_response()
}

/// Refuses a request whose `Content-Length` is past [`MAX_BODY`] before any of its body is read
/// (a client that asked `Expect: 100-continue` is not told to send it).
async fn refuse_large_bodies(req: Request, next: Next) -> Response {
    let declared = req
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return too_large();
    }
    next.run(req).await
}

impl FromRequestParts<State> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &State) -> Result<Self, Self::Rejection> {
        let certs = parts
            .extensions
            .get::<Arc<TlsInfo>>()
            .map(|info| info.peer_certificates.clone())
            .unwrap_or_default();
        let caller = Caller::identify(&certs, &state.store)?;
        tracing::debug!(caller = caller.name(), "authenticated");
        Ok(caller)
    }
}

/// Builds the router.
pub fn router(state: State) -> Router {
    let webapi = Router::new()
        .route("/ping", get(webapi::ping))
        .route("/find", get(webapi::find))
        .route("/auth/export", get(webapi::export))
        .route("/sites/{site}/auth/export", get(webapi::export_site))
        .route("/mfa/login/begin", post(login::begin))
        .route("/mfa/login/finish", post(login::finish))
        .route("/host/credentials", post(nodes::join))
        .route("/headless/login", post(headless::login));
    Router::new()
        .nest("/webapi", webapi.clone())
        .nest("/v1/webapi", webapi)
        .merge(pages::routes())
        .fallback(no_such_endpoint)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn(refuse_large_bodies))
        .layer(axum::middleware::from_fn(log_request))
        .with_state(state)
}

/// Any other path (Kubernetes traffic is routed by its TLS server name before HTTP).
async fn no_such_endpoint() -> ApiError {
    ApiError(Error::not_found("no such endpoint"))
}

// Logs the route template, never the URI: token values travel in paths.
async fn log_request(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "(unmatched)".into());
    // Whether a client certificate came with it: Teleport's proxy hands such requests to
    // application access, so public endpoints must be called without one.
    let client_cert = req
        .extensions()
        .get::<Arc<TlsInfo>>()
        .is_some_and(|info| !info.peer_certificates.is_empty());
    let start = Instant::now();
    let resp = next.run(req).await;
    tracing::info!(%method, route, client_cert, status = resp.status().as_u16(), ms = start.elapsed().as_millis() as u64, "request");
    resp
}
