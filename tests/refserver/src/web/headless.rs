//! Headless WebAuthn over HTTP: the requester's long poll (`POST /webapi/headless/login`,
//! unauthenticated: the request carries only public keys) and the approver's `/v1/headless/<id>`
//! calls for `tsh headless approve`.

use axum::Json;
use axum::extract::{ConnectInfo, Path, State as AxState};
use tele_common::api::headless::{Action, HeadlessLoginRequest, HeadlessRequest, UpdateRequest};
use tele_common::api::login::SshLoginResponse;
use tele_common::error::{Error, Result};

use super::{ApiJson, ApiResult, State};
use crate::authz::Caller;
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

fn user_of(caller: &Caller) -> Result<&str> {
    match caller {
        Caller::User { name, .. } => Ok(name),
        Caller::System { .. } => Err(Error::bad_parameter(
            "headless logins are approved by their user; sign in as one",
        )),
    }
}

/// `GET /v1/headless/<id>`.
pub async fn get(
    AxState(s): AxState<State>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<HeadlessRequest>> {
    Ok(Json(headless::lookup(&s, user_of(&caller)?, &id).await?))
}

/// `PUT /v1/headless/<id>`: approve (with an MFA answer) or deny.
pub async fn update(
    AxState(s): AxState<State>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<UpdateRequest>,
) -> ApiResult<()> {
    let user = user_of(&caller)?;
    match req.action {
        Action::Accept => {
            let resp = req
                .mfa_response
                .ok_or_else(|| Error::access_denied("approving a headless login needs an MFA response"))?;
            headless::approve(&s, user, &id, &resp)?;
        }
        Action::Deny => headless::deny(&s, user, &id)?,
    }
    Ok(())
}
