//! The web API behind the invitation page `/web/invite/<token>`, with Teleport's paths and names:
//! read the invitation, get a registration challenge for the new device, then set the password
//! and add the device in one request, which uses the invitation up.
//!
//! Invitation tokens are secrets: they travel in paths, which the log shows as route templates,
//! and no message quotes them.

use std::time::SystemTime;

use axum::Json;
use axum::extract::{Path, State as AxState};
use serde::{Deserialize, Serialize};
use tele_common::api::b64;
use tele_common::api::login::{DeviceType, RegisterChallenge, RegisterFinishRequest};
use tele_common::duration;
use tele_common::error::{Error, Result};
use tele_common::resources::SecondFactor;
use webauthn_rs::prelude::RegisterPublicKeyCredential;

use super::{ApiJson, ApiResult, State};
use crate::server::Server;
use crate::{cli, mfa};

/// The `user_tokens` kind `tctl users add` makes.
const INVITE: &str = "invite";

/// `GET /webapi/users/password/token/<token>` (Teleport's `ResetPasswordToken` view).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InviteView {
    /// The token, echoed (the page has it in its URL already).
    pub token_id: String,
    /// The invited user.
    pub user: String,
    /// When the invitation expires (RFC 3339).
    pub expiry: String,
}

/// `POST /webapi/mfa/token/<token>/registerchallenge`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegisterChallengeRequest {
    /// `webauthn` or `totp`.
    pub device_type: String,
    /// `mfa` (Teleport also has `passwordless`, which this server does not offer).
    #[serde(default)]
    pub device_usage: String,
    /// The new device's name (ours; the default is `security-key` or `otp`).
    #[serde(default)]
    pub device_name: String,
}

/// `PUT /webapi/users/password/token` (Teleport's `changeUserAuthenticationRequest`).
#[derive(Deserialize)]
pub struct ChangeUserAuthenticationRequest {
    /// The invitation token.
    pub token: String,
    /// The new password, as Go's `[]byte` (base64).
    #[serde(with = "b64::string", default)]
    pub password: String,
    /// A code from the new OTP device.
    #[serde(default)]
    pub second_factor_token: String,
    /// The new device's name, as given for the challenge.
    #[serde(default, rename = "deviceName")]
    pub device_name: String,
    /// The new security key's answer (`PublicKeyCredential.toJSON()`).
    #[serde(default, rename = "webauthnCreationResponse")]
    pub webauthn: Option<RegisterPublicKeyCredential>,
}

/// Who the invitation is for, and when it expires; "not found" for any token that does not
/// invite anybody now.
fn invitation(s: &Server, token: &str) -> Result<(String, SystemTime)> {
    s.store
        .user_token(token, INVITE, SystemTime::now())?
        .ok_or_else(not_valid)
}

fn not_valid() -> Error {
    Error::not_found("this invitation is not valid: it has expired, was used already, or never existed")
        .with_hint("ask an admin for a new invitation")
}

fn device_type(text: &str) -> Result<DeviceType> {
    match text.to_ascii_lowercase().as_str() {
        "webauthn" => Ok(DeviceType::Webauthn),
        "totp" => Ok(DeviceType::Totp),
        other => Err(Error::bad_parameter(format!(
            "deviceType: {other:?} is not a device type (webauthn or totp)"
        ))),
    }
}

fn device_name(given: &str, kind: DeviceType) -> String {
    match (given.trim(), kind) {
        ("", DeviceType::Webauthn) => "security-key".into(),
        ("", DeviceType::Totp) => "otp".into(),
        (name, _) => name.into(),
    }
}

/// `GET /webapi/users/password/token/<token>`.
pub async fn read(AxState(s): AxState<State>, Path(token): Path<String>) -> ApiResult<Json<InviteView>> {
    let (user, expires) = invitation(&s, &token)?;
    Ok(Json(InviteView {
        token_id: token,
        user,
        expiry: duration::rfc3339(expires),
    }))
}

/// `POST /webapi/mfa/token/<token>/registerchallenge`.
pub async fn register_challenge(
    AxState(s): AxState<State>,
    Path(token): Path<String>,
    ApiJson(req): ApiJson<RegisterChallengeRequest>,
) -> ApiResult<Json<RegisterChallenge>> {
    let (user, _) = invitation(&s, &token)?;
    if !matches!(req.device_usage.as_str(), "" | "mfa") {
        return Err(Error::bad_parameter("deviceUsage: only \"mfa\" devices can be registered here").into());
    }
    let kind = device_type(&req.device_type)?;
    if s.cap()?.spec.second_factor == SecondFactor::Off {
        return Err(Error::bad_parameter("this cluster does not use a second factor: set a password only").into());
    }
    Ok(Json(mfa::register_begin(
        &s,
        &user,
        Some(&device_name(&req.device_name, kind)),
        kind,
    )?))
}

/// `PUT /webapi/users/password/token`: sets the password and adds the device registered with
/// the challenge, then deletes the invitation. Nothing is written unless both are good.
pub async fn complete(
    AxState(s): AxState<State>,
    ApiJson(req): ApiJson<ChangeUserAuthenticationRequest>,
) -> ApiResult<Json<super::browser::WebSessionView>> {
    let (user, _) = invitation(&s, &req.token)?;
    let hash = cli::hash_password(&req.password)?;
    let second_factor = s.cap()?.spec.second_factor;
    let kind = match (&req.webauthn, req.second_factor_token.trim().is_empty()) {
        (Some(_), _) => Some(DeviceType::Webauthn),
        (None, false) => Some(DeviceType::Totp),
        (None, true) => None,
    };
    match kind {
        Some(_) if second_factor == SecondFactor::Off => {
            return Err(Error::bad_parameter("this cluster does not use a second factor: set a password only").into());
        }
        None if second_factor.required() => {
            return Err(Error::bad_parameter(
                "this cluster requires a second factor: register a security key or an OTP device with the password",
            )
            .into());
        }
        _ => {}
    }
    if let Some(kind) = kind {
        let finish = RegisterFinishRequest {
            name: device_name(&req.device_name, kind),
            totp_code: req.second_factor_token.clone(),
            webauthn: req.webauthn.clone(),
        };
        let device = mfa::register_finish(&s, &user, &finish, None)?;
        tracing::info!(user, device = device.name, kind = %device.kind, "MFA device added from an invitation");
    }
    if !s.store.delete_user_token(&req.token)? {
        return Err(not_valid().into());
    }
    s.store.set_password_hash(&user, &hash)?;
    tracing::info!(user, "invitation used: password set");
    Ok(Json(super::browser::WebSessionView { user }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_teleports_request_shape() {
        let req: ChangeUserAuthenticationRequest = serde_json::from_str(
            r#"{"token":"t","password":"MTIzNDU2Nzg5MDEy","second_factor_token":"","deviceName":"k"}"#,
        )
        .unwrap();
        assert_eq!(req.password, "123456789012");
        assert_eq!(req.device_name, "k");
        assert!(req.webauthn.is_none());
        assert_eq!(device_type("WebAuthn").unwrap(), DeviceType::Webauthn);
        assert!(device_type("u2f").is_err());
        assert_eq!(device_name(" ", DeviceType::Totp), "otp");
    }
}
