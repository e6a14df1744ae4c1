//! The API of the headless approval page `/web/headless/<id>` (Teleport's web UI paths): the
//! signed-in browser user reads one of their requests, asks a `headless_login` challenge, and
//! approves with the security key's answer or denies. The decisions are `crate::headless`'s.

use axum::Json;
use axum::extract::{Path, State as AxState};
use serde::Deserialize;
use tele_common::api::headless::HeadlessRequest;
use tele_common::api::login::{MfaChallenge, MfaResponse};
use tele_common::error::Error;
use webauthn_rs::prelude::PublicKeyCredential;

use super::browser::WebUser;
use super::{ApiJson, ApiResult, State};
use crate::headless;

/// `PUT /webapi/headless/<id>` (Teleport's `client.HeadlessRequest`).
#[derive(Deserialize)]
pub struct DecisionRequest {
    /// `accept`, or `denied` (Teleport's word; `deny` is taken too).
    pub action: String,
    /// The security key's answer to the `headless_login` challenge, for `accept`.
    #[serde(default, rename = "webauthnAssertionResponse")]
    pub webauthn: Option<PublicKeyCredential>,
}

/// `GET /webapi/headless/<id>`.
pub async fn read(
    AxState(s): AxState<State>,
    WebUser(user): WebUser,
    Path(id): Path<String>,
) -> ApiResult<Json<HeadlessRequest>> {
    Ok(Json(headless::view(headless::lookup(&s, &user, &id).await?)))
}

/// `POST /webapi/headless/<id>/challenge`: a challenge for the user's security keys.
pub async fn challenge(
    AxState(s): AxState<State>,
    WebUser(user): WebUser,
    Path(id): Path<String>,
) -> ApiResult<Json<MfaChallenge>> {
    headless::get(&s, &user, &id)?;
    Ok(Json(crate::mfa::challenge(&s, &user, headless::SCOPE)?))
}

/// `PUT /webapi/headless/<id>`: approve or deny; `{"status":"OK"}` as Teleport answers.
pub async fn decide(
    AxState(s): AxState<State>,
    WebUser(user): WebUser,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<DecisionRequest>,
) -> ApiResult<Json<serde_json::Value>> {
    match req.action.as_str() {
        "accept" => {
            let resp = MfaResponse {
                webauthn: req.webauthn,
                totp_code: String::new(),
            };
            headless::approve(&s, &user, &id, &resp)?;
        }
        "denied" | "deny" => headless::deny(&s, &user, &id)?,
        other => return Err(Error::bad_parameter(format!("unknown action {other:?}")).into()),
    }
    Ok(Json(serde_json::json!({ "status": "OK" })))
}
