//! Signing in from a browser: `POST /webapi/mfa/login/finishsession` answers a login challenge
//! (password, then the security key) with a session cookie, as Teleport's web UI signs in. The
//! pages' own API (`/webapi/headless/...`) takes that cookie as the caller.
//!
//! The cookie is `__Host-session` (Secure, HttpOnly, SameSite=Strict, Path=/): other sites can
//! neither read it nor make the browser send it; the JSON bodies the API takes cannot come from a
//! plain HTML form either. The server keeps only the SHA-256 of the cookie value, with an expiry.

use std::time::{Duration, SystemTime};

use axum::Json;
use axum::extract::{FromRequestParts, State as AxState};
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{AppendHeaders, IntoResponse};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tele_common::api::login::MfaResponse;
use tele_common::error::{Error, Result};
use webauthn_rs::prelude::PublicKeyCredential;

use super::{ApiJson, ApiResult, State, login};

/// The session cookie's name. `__Host-` makes the browser insist on Secure, Path=/ and no Domain.
pub const COOKIE_NAME: &str = "__Host-session";
/// How long a web session lasts (Teleport's default session TTL).
pub const SESSION_TTL: Duration = Duration::from_secs(12 * 3600);

/// `POST /webapi/mfa/login/finishsession`: Teleport's web sign-in. Teleport has checked the
/// password at `begin` only; this server asks for it again, so the challenge alone never signs
/// anybody in.
#[derive(Deserialize)]
pub struct WebLoginRequest {
    /// The user.
    pub user: String,
    /// The password.
    #[serde(default)]
    pub pass: String,
    /// The security key's answer (`PublicKeyCredential.toJSON()`).
    #[serde(default, rename = "webauthnAssertionResponse", alias = "webauthn_challenge_response")]
    pub webauthn: Option<PublicKeyCredential>,
    /// An OTP code instead.
    #[serde(default, rename = "totp_code", alias = "second_factor_token")]
    pub totp_code: String,
}

/// Who is signed in.
#[derive(Serialize)]
pub struct WebSessionView {
    /// The user.
    pub user: String,
}

/// The signed-in user of a request, from its session cookie; 401 without a live one.
pub struct WebUser(pub String);

impl FromRequestParts<State> for WebUser {
    type Rejection = super::ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &State) -> std::result::Result<Self, Self::Rejection> {
        let user = match session_cookie(&parts.headers) {
            Some(value) => state.store.web_session_user(&hash(value), SystemTime::now())?,
            None => None,
        };
        user.map(WebUser).ok_or_else(|| {
            Error::unauthenticated("you are not signed in, or your web session has expired")
                .with_hint("sign in again")
                .into()
        })
    }
}

/// The value of the session cookie, if the request carries one.
fn session_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value)
        .filter(|v| !v.is_empty())
}

fn hash(value: &str) -> String {
    hex::encode(Sha256::digest(value.as_bytes()))
}

fn cookie(value: &str, max_age: Duration) -> Result<HeaderValue> {
    HeaderValue::from_str(&format!(
        "{COOKIE_NAME}={value}; Path=/; Max-Age={}; Secure; HttpOnly; SameSite=Strict",
        max_age.as_secs()
    ))
    .map_err(|e| Error::internal(e.to_string()))
}

/// `POST /webapi/mfa/login/finishsession`.
pub async fn finish_session(
    AxState(s): AxState<State>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    ApiJson(req): ApiJson<WebLoginRequest>,
) -> ApiResult<impl IntoResponse> {
    let resp = MfaResponse {
        webauthn: req.webauthn,
        totp_code: req.totp_code,
    };
    let row = login::authenticate_off_workers(&s, peer.ip(), &req.user, &req.pass, resp).await?;
    let user = row.user.metadata.name;
    let value = hex::encode(rand::random::<[u8; 32]>());
    s.store
        .put_web_session(&hash(&value), &user, SystemTime::now() + SESSION_TTL)?;
    tracing::info!(user, "web sign-in");
    Ok((
        AppendHeaders([(SET_COOKIE, cookie(&value, SESSION_TTL)?)]),
        Json(WebSessionView { user }),
    ))
}

/// `GET /webapi/sessions/web`: who the cookie signs in (ours; the pages ask it).
pub async fn current(WebUser(user): WebUser) -> Json<WebSessionView> {
    Json(WebSessionView { user })
}

/// `DELETE /webapi/sessions/web`: signs out (Teleport's logout).
pub async fn sign_out(AxState(s): AxState<State>, headers: HeaderMap) -> ApiResult<impl IntoResponse> {
    if let Some(value) = session_cookie(&headers) {
        s.store.delete_web_session(&hash(value))?;
    }
    Ok((
        AppendHeaders([(SET_COOKIE, cookie("", Duration::ZERO)?)]),
        Json(serde_json::json!({})),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_session_cookie_among_others() {
        let mut h = HeaderMap::new();
        h.append(COOKIE, HeaderValue::from_static("a=1; __Host-session=abc ; b=2"));
        assert_eq!(session_cookie(&h), Some("abc"));
        let mut h = HeaderMap::new();
        h.append(COOKIE, HeaderValue::from_static("a=1"));
        h.append(COOKIE, HeaderValue::from_static("__Host-session=xyz"));
        assert_eq!(session_cookie(&h), Some("xyz"));
        let mut h = HeaderMap::new();
        h.append(COOKIE, HeaderValue::from_static("session=abc; __Host-session="));
        assert_eq!(session_cookie(&h), None);
    }
}
