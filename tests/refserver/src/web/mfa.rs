//! `/v1/mfa`: a signed-in user's challenges and devices. Adding or removing a device needs an
//! answer from an existing device; the last device stays while the cluster requires MFA.

use axum::Json;
use axum::extract::State as AxState;
use tele_common::api::login::{MfaDevice, RegisterBeginRequest, RegisterChallenge, RegisterFinishRequest};
use tele_common::error::{Error, Result};

use super::{ApiJson, ApiResult, State};
use crate::authz::Caller;
use crate::mfa;

fn user_of(caller: &Caller) -> Result<&str> {
    match caller {
        Caller::User { name, .. } => Ok(name),
        Caller::System { .. } => Err(Error::bad_parameter("MFA devices belong to users; sign in as one")),
    }
}

fn check_existing(
    s: &crate::server::Server,
    user: &str,
    resp: Option<&tele_common::api::login::MfaResponse>,
) -> Result<()> {
    if s.store.mfa_devices(user)?.is_empty() {
        return Ok(());
    }
    let resp = resp.ok_or_else(|| Error::access_denied("an MFA check with an existing device is required"))?;
    mfa::verify(s, user, mfa::MANAGE_DEVICES, resp).map(drop)
}

/// `POST /v1/mfa/devices/register/begin`.
pub async fn register_begin(
    AxState(s): AxState<State>,
    caller: Caller,
    ApiJson(req): ApiJson<RegisterBeginRequest>,
) -> ApiResult<Json<RegisterChallenge>> {
    let user = user_of(&caller)?;
    check_existing(&s, user, req.existing_mfa_response.as_ref())?;
    Ok(Json(mfa::register_begin(&s, user, &req.name, req.kind)?))
}

/// `POST /v1/mfa/devices/register/finish`.
pub async fn register_finish(
    AxState(s): AxState<State>,
    caller: Caller,
    ApiJson(req): ApiJson<RegisterFinishRequest>,
) -> ApiResult<Json<MfaDevice>> {
    let user = user_of(&caller)?;
    let device = mfa::register_finish(&s, user, &req)?;
    tracing::info!(user, device = device.name, kind = %device.kind, "MFA device added");
    Ok(Json(device))
}
