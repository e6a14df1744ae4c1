//! Headless WebAuthn over HTTP: the requester's long poll (`POST /webapi/headless/login`,
//! unauthenticated: the request carries only public keys). `tsh headless approve` uses the Auth
//! service's gRPC (`grpc/headless.rs`), the web page `headless_page.rs`.

use axum::Json;
use axum::extract::{ConnectInfo, State as AxState};
use tele_common::api::headless::HeadlessLoginRequest;
use tele_common::api::login::SshLoginResponse;

use super::{ApiJson, ApiResult, State};
use crate::headless;

/// `POST /webapi/headless/login`: waits for the user's decision (up to three minutes).
pub async fn login(
    AxState(s): AxState<State>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    ApiJson(req): ApiJson<HeadlessLoginRequest>,
) -> ApiResult<Json<SshLoginResponse>> {
    let row = headless::open(&s, &req, peer.ip())?;
    let device = headless::wait(&s, &row.id).await?;
    let certs = headless::certs(&s, &row, &device, req.ttl, peer.ip())?;
    Ok(Json(super::login::login_response(&s, &row.user, certs)?))
}
