//! The server side of MFA: challenges (one per user and scope, single use, expiring), their
//! verification (TOTP codes used once, WebAuthn through webauthn-rs), and device registration.

use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use tele_common::api::login::{
    DeviceType, MfaChallenge, MfaDevice as DeviceView, MfaResponse, RegisterChallenge, TotpRegisterChallenge,
};
use tele_common::duration;
use tele_common::error::{Error, Result};
use webauthn_rs::prelude::{SecurityKey, SecurityKeyAuthentication, SecurityKeyRegistration};
use webauthn_rs::{Webauthn, WebauthnBuilder};

use crate::server::Server;
use crate::store::MfaDevice;

/// Challenge scopes (Teleport's `CHALLENGE_SCOPE_*`).
pub const LOGIN: &str = "login";
/// Adding or removing devices.
pub const MANAGE_DEVICES: &str = "manage_devices";
/// Per-session MFA: single-use certificates for one target.
pub const USER_SESSION: &str = "user_session";
/// Approving a headless login.
pub const HEADLESS_LOGIN: &str = "headless_login";
/// Admin actions (writes by remote admins).
pub const ADMIN_ACTION: &str = "admin_action";
/// Registration state of a new device (not a challenge to answer).
const REGISTER: &str = "register";

#[derive(Serialize, Deserialize)]
struct ChallengeState {
    webauthn: Option<SecurityKeyAuthentication>,
    totp: bool,
    /// Asked for with `allow_reuse`: its answer may be presented again until the challenge
    /// would have expired.
    #[serde(default)]
    reuse: bool,
}

/// A checked MFA answer.
#[derive(Debug)]
pub struct Verified {
    /// The device that answered.
    pub device: String,
    /// For a challenge asked for with `allow_reuse`: until when its answer counts again.
    pub reusable_until: Option<SystemTime>,
}

#[derive(Serialize, Deserialize)]
enum Registration {
    Totp {
        /// The device's name when it was given at the start (the web page gives it then).
        name: Option<String>,
        secret: String,
    },
    Webauthn {
        name: Option<String>,
        state: SecurityKeyRegistration,
    },
}

#[derive(Serialize, Deserialize)]
struct TotpData {
    secret: String,
    #[serde(default)]
    last_step: u64,
}

#[derive(Serialize, Deserialize)]
struct WebauthnData {
    key: SecurityKey,
}

fn denied(reason: &str) -> Error {
    Error::access_denied(reason.to_string())
}

/// The relying party, from the cluster auth preference; none when security keys are not allowed.
pub fn webauthn(s: &Server) -> Result<Option<Webauthn>> {
    let cap = s.cap()?;
    let Some(w) = cap.spec.webauthn.filter(|_| cap.spec.second_factor.allows_webauthn()) else {
        return Ok(None);
    };
    let origin = url::Url::parse(&format!("https://{}", w.rp_id)).map_err(|e| Error::internal(e.to_string()))?;
    let rp = WebauthnBuilder::new(&w.rp_id, &origin)
        .and_then(|b| {
            b.allow_any_port(true)
                .allow_subdomains(true)
                .rp_name(&s.settings.cluster_name)
                .danger_set_user_presence_only_security_keys(true)
                .build()
        })
        .map_err(|e| Error::internal(format!("WebAuthn setup: {e}")))?;
    Ok(Some(rp))
}

fn devices_of(s: &Server, user: &str, kind: &str) -> Result<Vec<MfaDevice>> {
    Ok(s.store
        .mfa_devices(user)?
        .into_iter()
        .filter(|d| d.kind == kind)
        .collect())
}

fn security_keys(devices: &[MfaDevice]) -> Vec<SecurityKey> {
    devices
        .iter()
        .filter_map(|d| serde_json::from_str::<WebauthnData>(&d.data).ok())
        .map(|d| d.key)
        .collect()
}

/// Makes a challenge for `user`'s devices, stored for one answer within the challenge TTL.
pub fn challenge(s: &Server, user: &str, scope: &str) -> Result<MfaChallenge> {
    challenge_with(s, user, scope, false)
}

/// Like [`challenge`]; with `reuse`, the answer counts again until the challenge would expire.
pub fn challenge_with(s: &Server, user: &str, scope: &str, reuse: bool) -> Result<MfaChallenge> {
    let cap = s.cap()?;
    let keys = security_keys(&devices_of(s, user, "webauthn")?);
    let mut out = MfaChallenge::default();
    let mut state = ChallengeState {
        webauthn: None,
        totp: false,
        reuse,
    };
    if let (Some(rp), false) = (webauthn(s)?, keys.is_empty()) {
        let (rcr, auth) = rp
            .start_securitykey_authentication(&keys)
            .map_err(|e| Error::internal(format!("WebAuthn challenge: {e}")))?;
        out.webauthn_challenge = Some(rcr);
        state.webauthn = Some(auth);
    }
    if cap.spec.second_factor.allows_otp() && !devices_of(s, user, "totp")?.is_empty() {
        out.totp_challenge = true;
        state.totp = true;
    }
    if !out.is_empty() {
        let text = serde_json::to_string(&state).map_err(|e| Error::internal(e.to_string()))?;
        s.store
            .put_challenge(user, scope, &text, SystemTime::now() + s.settings.mfa_challenge_ttl)?;
    }
    Ok(out)
}

/// Checks an answer to the user's pending challenge of `scope`; returns the device's ID.
/// The challenge is consumed whatever the outcome. Errors say why (for the log and for
/// signed-in callers); login folds them into "invalid credentials".
pub fn verify(s: &Server, user: &str, scope: &str, resp: &MfaResponse) -> Result<String> {
    verify_full(s, user, scope, resp).map(|v| v.device)
}

/// Like [`verify`], saying also whether the challenge allowed its answer to be reused.
pub fn verify_full(s: &Server, user: &str, scope: &str, resp: &MfaResponse) -> Result<Verified> {
    let (state, expires) = s
        .store
        .take_challenge(user, scope)?
        .ok_or_else(|| denied("no MFA challenge is pending (ask for a new one)"))?;
    let now = unix_now() as i64;
    if expires <= now {
        return Err(denied("the MFA challenge has expired"));
    }
    let state: ChallengeState = serde_json::from_str(&state).map_err(|e| Error::internal(e.to_string()))?;
    let reusable_until = state
        .reuse
        .then(|| s.settings.now() + std::time::Duration::from_secs((expires - now) as u64));
    let device = check_answer(s, user, &state, resp)?;
    Ok(Verified { device, reusable_until })
}

fn check_answer(s: &Server, user: &str, state: &ChallengeState, resp: &MfaResponse) -> Result<String> {
    if let Some(cred) = &resp.webauthn {
        let (Some(auth), Some(rp)) = (&state.webauthn, webauthn(s)?) else {
            return Err(denied("a security key was not asked for"));
        };
        let result = rp
            .finish_securitykey_authentication(cred, auth)
            .map_err(|e| denied(&format!("security key check failed: {e}")))?;
        for d in devices_of(s, user, "webauthn")? {
            let Ok(mut data) = serde_json::from_str::<WebauthnData>(&d.data) else {
                continue;
            };
            if data.key.cred_id() == result.cred_id() {
                data.key.update_credential(&result);
                let text = serde_json::to_string(&data).map_err(|e| Error::internal(e.to_string()))?;
                s.store.update_mfa_device(&d.id, &text, SystemTime::now())?;
                return Ok(d.id);
            }
        }
        return Err(denied("the security key is not registered"));
    }
    if !resp.totp_code.is_empty() {
        if !state.totp {
            return Err(denied("an OTP code was not asked for"));
        }
        for d in devices_of(s, user, "totp")? {
            let Ok(mut data) = serde_json::from_str::<TotpData>(&d.data) else {
                continue;
            };
            let Some(step) = totp(&data.secret)?.check(resp.totp_code.trim(), unix_now()) else {
                continue;
            };
            if step <= data.last_step {
                return Err(denied("the OTP code was used already"));
            }
            data.last_step = step;
            let text = serde_json::to_string(&data).map_err(|e| Error::internal(e.to_string()))?;
            s.store.update_mfa_device(&d.id, &text, SystemTime::now())?;
            return Ok(d.id);
        }
        return Err(denied("the OTP code is not valid"));
    }
    Err(denied("no MFA response"))
}

fn totp(secret: &str) -> Result<totp_rs::Totp> {
    let secret =
        totp_rs::Secret::try_from_base32(secret).map_err(|_| Error::internal("stored TOTP secret is not base32"))?;
    // Teleport accepts 80-bit secrets; the RFC-compliance check of `build` wants 128.
    Ok(totp_rs::Builder::new()
        .with_secret(secret)
        .with_skew(1)
        .with_step_duration(30)
        .with_digits(6)
        .build_noncompliant())
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// A name a new device of `user`'s may take.
fn check_new_name(s: &Server, user: &str, name: &str) -> Result<()> {
    tele_common::resources::validate_name("name", name)?;
    if s.store.mfa_devices(user)?.iter().any(|d| d.name == name) {
        return Err(Error::already_exists(format!("MFA device {name:?} already exists")));
    }
    Ok(())
}

/// The check with an existing device that adding a device needs (none for a user without
/// one): the answer to a `manage_devices` challenge.
pub fn check_existing(s: &Server, user: &str, resp: Option<&MfaResponse>) -> Result<()> {
    if s.store.mfa_devices(user)?.is_empty() {
        return Ok(());
    }
    let resp = resp.ok_or_else(|| Error::access_denied("an MFA check with an existing device is required"))?;
    verify(s, user, MANAGE_DEVICES, resp).map(drop)
}

/// Starts registering a device; `name` when it is known now (else it comes at the finish).
pub fn register_begin(s: &Server, user: &str, name: Option<&str>, kind: DeviceType) -> Result<RegisterChallenge> {
    if let Some(name) = name {
        check_new_name(s, user, name)?;
    }
    let name = name.map(String::from);
    let (challenge, reg) = match kind {
        DeviceType::Totp => {
            if !s.cap()?.spec.second_factor.allows_otp() {
                return Err(Error::bad_parameter("this cluster does not allow OTP devices"));
            }
            let secret = totp_rs::Secret::from(rand::random::<[u8; 20]>().to_vec()).to_base32();
            let url = format!(
                "otpauth://totp/{cluster}:{user}?secret={secret}&issuer={cluster}&algorithm=SHA1&digits=6&period=30",
                cluster = s.settings.cluster_name
            );
            (
                RegisterChallenge {
                    totp: Some(TotpRegisterChallenge {
                        secret: secret.clone(),
                        url,
                    }),
                    webauthn: None,
                },
                Registration::Totp { name, secret },
            )
        }
        DeviceType::Webauthn => {
            let rp = webauthn(s)?.ok_or_else(|| {
                Error::bad_parameter("this cluster does not allow security keys (no webauthn in its auth preference)")
            })?;
            let existing: Vec<_> = security_keys(&devices_of(s, user, "webauthn")?)
                .iter()
                .map(|k| k.cred_id().clone())
                .collect();
            let id = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, user.as_bytes());
            let (ccr, state) = rp
                .start_securitykey_registration(id, user, user, Some(existing), None, None)
                .map_err(|e| Error::internal(format!("WebAuthn registration: {e}")))?;
            (
                RegisterChallenge {
                    totp: None,
                    webauthn: Some(ccr),
                },
                Registration::Webauthn { name, state },
            )
        }
    };
    let text = serde_json::to_string(&reg).map_err(|e| Error::internal(e.to_string()))?;
    s.store
        .put_challenge(user, REGISTER, &text, SystemTime::now() + s.settings.mfa_challenge_ttl)?;
    Ok(challenge)
}

/// The ID a TOTP registration challenge carries over gRPC and its answer echoes: derived from
/// the secret, so it is checked without storing more.
pub fn totp_registration_id(secret: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(&Sha256::digest(secret.as_bytes())[..8])
}

/// Finishes a registration started by [`register_begin`]; `totp_id`, when the answer carries
/// one, must be the challenge's. Returns the device as stored.
pub fn register_finish(
    s: &Server,
    user: &str,
    req: &tele_common::api::login::RegisterFinishRequest,
    totp_id: Option<&str>,
) -> Result<MfaDevice> {
    let (state, expires) = s
        .store
        .take_challenge(user, REGISTER)?
        .ok_or_else(|| Error::bad_parameter("no device registration is in progress"))?;
    if expires <= unix_now() as i64 {
        return Err(Error::bad_parameter("the registration has expired; start again"));
    }
    let reg: Registration = serde_json::from_str(&state).map_err(|e| Error::internal(e.to_string()))?;
    let (name, kind, data) = match reg {
        Registration::Totp { name, secret } => {
            if totp_id.is_some_and(|id| id != totp_registration_id(&secret)) {
                return Err(Error::bad_parameter(
                    "the TOTP answer is for another registration; start again",
                ));
            }
            let step = totp(&secret)?
                .check(req.totp_code.trim(), unix_now())
                .ok_or_else(|| Error::bad_parameter("the OTP code does not match the new device; try again"))?;
            (
                name,
                "totp",
                serde_json::to_string(&TotpData {
                    secret,
                    last_step: step,
                }),
            )
        }
        Registration::Webauthn { name, state } => {
            let cred = req
                .webauthn
                .as_ref()
                .ok_or_else(|| Error::bad_parameter("webauthn: missing"))?;
            let rp = webauthn(s)?.ok_or_else(|| Error::bad_parameter("this cluster does not allow security keys"))?;
            let key = rp
                .finish_securitykey_registration(cred, &state)
                .map_err(|e| Error::bad_parameter(format!("security key registration failed: {e}")))?;
            (name, "webauthn", serde_json::to_string(&WebauthnData { key }))
        }
    };
    if name.as_ref().is_some_and(|n| *n != req.name) {
        return Err(Error::bad_parameter(
            "name: does not match the registration in progress",
        ));
    }
    check_new_name(s, user, &req.name)?;
    let name = req.name.clone();
    let device = MfaDevice {
        id: uuid::Uuid::new_v4().to_string(),
        name,
        kind: kind.into(),
        data: data.map_err(|e| Error::internal(e.to_string()))?,
        added: SystemTime::now(),
        last_used: None,
    };
    s.store.add_mfa_device(user, &device)?;
    Ok(device)
}

/// A device as clients see it (no secrets).
pub fn view(d: &MfaDevice) -> DeviceView {
    DeviceView {
        name: d.name.clone(),
        kind: if d.kind == "webauthn" {
            DeviceType::Webauthn
        } else {
            DeviceType::Totp
        },
        added_at: duration::rfc3339(d.added),
        last_used: d.last_used.map(duration::rfc3339),
    }
}
