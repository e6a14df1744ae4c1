//! Teleport's login web API: `POST /webapi/mfa/login/begin` and `/finish`.
//!
//! Any wrong user, password or second factor is "invalid credentials" (no user enumeration);
//! the log says which. Failures count towards the lockout (`crate::lockout`), and the checks run
//! off the async workers.

use std::sync::Arc;

use argon2::password_hash::PasswordVerifier;
use argon2::password_hash::phc::PasswordHash;
use axum::Json;
use axum::extract::{ConnectInfo, State as AxState};
use tele_common::api::login::{
    AuthenticateSshUserRequest, MfaChallenge, MfaLoginBeginRequest, MfaResponse, SshLoginResponse, TrustedCerts,
};
use tele_common::error::{Error, Result};

use super::{ApiJson, ApiResult, State};
use crate::issue;
use crate::mfa;
use crate::server::Server;
use crate::store::UserRow;

/// A hash of a random password, so a login for an unknown user costs what a known one does.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| crate::cli::hash_password(&hex::encode(rand::random::<[u8; 16]>())).unwrap_or_default())
}

fn invalid() -> Error {
    Error::access_denied("invalid credentials")
}

fn fail(s: &Server, user: &str, reason: &str) -> Error {
    tracing::warn!(user, reason, "login failed");
    let now = s.settings.now();
    if let Err(e) = s.store.add_login_failure(user, now, now - crate::lockout::LOCKOUT) {
        tracing::error!("recording a failed login: {e}");
    }
    invalid()
}

/// Checks the password; the user row on success.
fn check_password(s: &Server, user: &str, password: &str) -> Result<UserRow> {
    let row = s.store.user(user)?;
    let hash = row.as_ref().and_then(|r| r.password_hash.clone());
    let parsed = PasswordHash::new(hash.as_deref().unwrap_or(dummy_hash()))
        .map_err(|_| Error::internal("stored password hash"))?;
    let ok = argon2::Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok();
    match row {
        Some(row) if ok && hash.is_some() => Ok(row),
        Some(_) if hash.is_none() => Err(fail(s, user, "the user has no password yet")),
        Some(_) => Err(fail(s, user, "wrong password")),
        None => Err(fail(s, user, "no such user")),
    }
}

/// Checks the password and, when the cluster or the account has one, the second factor: what
/// `/finish` and the web sign-in (`/finishsession`) share. A failure counts towards the lock.
/// Blocking: call it through [`authenticate_off_workers`].
fn authenticate(s: &Server, user: &str, password: &str, resp: &MfaResponse) -> Result<UserRow> {
    let _guess = s.guesses.reserve(s, user)?;
    let row = check_password(s, user, password)?;
    let cap = s.cap()?;
    let answered = resp.webauthn.is_some() || !resp.totp_code.is_empty();
    let has_devices = !s.store.mfa_devices(user)?.is_empty();
    let needs_mfa = cap.spec.second_factor.required()
        || (cap.spec.second_factor != tele_common::resources::SecondFactor::Off && has_devices);
    if (needs_mfa || answered)
        && let Err(e) = mfa::verify(s, user, mfa::LOGIN, resp)
    {
        return Err(fail(s, user, e.message()));
    }
    s.store.clear_login_failures(user)?;
    Ok(row)
}

/// [`authenticate`] on the blocking pool.
pub(super) async fn authenticate_off_workers(
    s: &Arc<Server>,
    ip: std::net::IpAddr,
    user: &str,
    password: &str,
    resp: MfaResponse,
) -> Result<UserRow> {
    let (s, user, password) = (
        s.clone(),
        user.to_string(),
        zeroize::Zeroizing::new(password.to_string()),
    );
    let s2 = s.clone();
    crate::lockout::off_workers(&s2, ip, move || authenticate(&s, &user, &password, &resp)).await
}

/// `POST /webapi/mfa/login/begin`.
pub async fn begin(
    AxState(s): AxState<State>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    ApiJson(req): ApiJson<MfaLoginBeginRequest>,
) -> ApiResult<Json<MfaChallenge>> {
    let (s2, user, pass) = (s.clone(), req.user.clone(), zeroize::Zeroizing::new(req.pass.clone()));
    crate::lockout::off_workers(&s, peer.ip(), move || {
        let _guess = s2.guesses.reserve(&s2, &user)?;
        check_password(&s2, &user, &pass).map(drop)
    })
    .await?;
    let cap = s.cap()?;
    if cap.spec.second_factor == tele_common::resources::SecondFactor::Off {
        return Ok(Json(MfaChallenge::default()));
    }
    let challenge = mfa::challenge(&s, &req.user, mfa::LOGIN)?;
    if challenge.is_empty() && cap.spec.second_factor.required() {
        return Err(
            Error::access_denied("the cluster requires a second factor, but this account has no MFA device")
                .with_hint(
                    "an admin can give the account one: refserver users add NAME --totp-secret=BASE32 -c teleport.yaml",
                )
                .into(),
        );
    }
    Ok(Json(challenge))
}

/// `POST /webapi/mfa/login/finish`.
pub async fn finish(
    AxState(s): AxState<State>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    ApiJson(req): ApiJson<AuthenticateSshUserRequest>,
) -> ApiResult<Json<SshLoginResponse>> {
    let resp = MfaResponse {
        webauthn: req.webauthn_challenge_response.clone(),
        totp_code: req.totp_code.clone(),
    };
    let row = authenticate_off_workers(&s, peer.ip(), &req.user, &req.password, resp).await?;
    let roles = issue::user_roles(&s, &row.user)?;
    // At login a TTL past the roles' limit is shortened, as Teleport does, not refused.
    let ttl = req.ttl.min(issue::max_ttl(&roles));
    let ttl = if ttl.is_zero() {
        crate::settings::DEFAULT_CERT_TTL.min(issue::max_ttl(&roles))
    } else {
        ttl
    };
    let cert_req = issue::CertRequest {
        ssh_public_key: &req.ssh_pub_key,
        tls_public_key: &req.tls_pub_key,
        ttl,
        login_ip: Some(peer.ip()),
        extensions: &[],
    };
    let certs = issue::user_certs(&s, &row.user, &cert_req)?;
    tracing::info!(user = req.user, "login");
    Ok(Json(login_response(&s, &row.user.metadata.name, certs)?))
}

/// The login answer for issued certificates: them and the cluster's host CA.
pub(super) fn login_response(
    s: &Server,
    user: &str,
    certs: tele_common::api::types::UserCertResponse,
) -> Result<SshLoginResponse> {
    Ok(SshLoginResponse {
        username: user.to_string(),
        cert: certs.ssh_cert,
        tls_cert: certs.tls_cert,
        host_signers: vec![TrustedCerts {
            domain_name: s.settings.cluster_name.clone(),
            checking_keys: vec![
                s.cas
                    .ssh_host_ca()
                    .to_openssh()
                    .map_err(|e| Error::internal(e.to_string()))?,
            ],
            tls_certs: certs.tls_cas,
        }],
    })
}
