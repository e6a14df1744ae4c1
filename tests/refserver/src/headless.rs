//! Headless WebAuthn, the server side (teleport-facts §4.3): a request waits as `pending` for up
//! to three minutes; only its own user may approve it, and only with a fresh security-key
//! assertion to a `headless_login` challenge, or deny it. An approved request gets one-minute
//! certificates marked MFA-verified; a denied, expired or abandoned one is deleted.
//!
//! Requests are unauthenticated inserts, so each client address may have only so many live
//! ones, and the cluster only so many in all ([`crate::settings::Limits`]; Teleport waits for
//! the approver's "stub" resource instead; see ARCHITECTURE.md). The caps count by address,
//! not by the user named: anyone may name any user, and a cap per user would let a stranger
//! lock a user out of headless login (and be reported as that user's requests).

use std::net::IpAddr;
use std::time::Duration;

use ssh_key::{HashAlg, PublicKey};
use tele_common::api::headless::{
    CERT_TTL, HeadlessLoginRequest, HeadlessRequest, State, TIMEOUT, non_pending, request_id,
};
use tele_common::api::login::MfaResponse;
use tele_common::duration;
use tele_common::error::{Error, ErrorKind, Result};

use crate::server::Server;
use crate::session_mfa::{HEADLESS_LOGIN, MFA_VERIFIED};
use crate::store::HeadlessRow;

pub use tele_common::api::headless::SCOPE;

/// The longest public key a request may carry, in either form.
const MAX_KEY: usize = 8 * 1024;

/// The error of a cluster that does not allow headless login.
pub fn disallowed() -> Error {
    Error::access_denied("headless disallowed by cluster settings")
        .with_hint("an admin can allow it: webauthn in the cluster auth preference and no `headless: false`")
}

fn not_found(id: &str) -> Error {
    Error::not_found(format!("headless authentication {id:?} not found"))
}

fn expired() -> Error {
    Error::access_denied("the headless login request expired before it was approved")
        .with_hint("run the command again and approve it within 3 minutes")
}

/// Refuses a new request from `ip` when its address, or the cluster, has as many waiting as
/// allowed. The messages name no user: the requests counted may be anyone's.
fn check_caps(s: &Server, ip: IpAddr, now: std::time::SystemTime) -> Result<()> {
    let limits = s.settings.limits;
    let live = s.store.live_headless(now)?;
    let key = crate::lockout::address_key(ip);
    let from_here = live
        .iter()
        .filter(|a| a.parse().is_ok_and(|a: IpAddr| crate::lockout::address_key(a) == key))
        .count() as u64;
    let all = live.len() as u64;
    let limited = |msg: &str, hint: &str| Err(Error::new(ErrorKind::LimitExceeded, msg).with_hint(hint));
    if from_here >= limits.headless_per_address {
        tracing::warn!(ip = %ip, from_here, "headless login request refused: too many waiting from one address");
        return limited(
            "too many headless login requests from this address are waiting for approval",
            "approve or deny the waiting ones, or wait 3 minutes for them to expire",
        );
    }
    if all >= limits.headless_live {
        tracing::warn!(ip = %ip, all, "headless login request refused: too many waiting in the cluster");
        return limited(
            "too many headless login requests are waiting for approval in this cluster",
            "try again in a few minutes",
        );
    }
    Ok(())
}

/// Stores a new pending request after checking it; returns the row.
pub fn open(s: &Server, req: &HeadlessLoginRequest, ip: IpAddr) -> Result<HeadlessRow> {
    if !s.cap()?.allow_headless() {
        return Err(disallowed());
    }
    if req.user.is_empty() {
        return Err(Error::bad_parameter("user: missing"));
    }
    if req.user.len() > crate::lockout::MAX_NAME {
        return Err(Error::bad_parameter(format!(
            "user: longer than {} bytes",
            crate::lockout::MAX_NAME
        )));
    }
    // An RSA-4096 key is under 1 KiB in either form: this bounds what a stored row may hold.
    if req.ssh_pub_key.len() > MAX_KEY || req.tls_pub_key.len() > MAX_KEY {
        return Err(Error::bad_parameter(format!(
            "public keys: longer than {MAX_KEY} bytes"
        )));
    }
    PublicKey::from_openssh(req.ssh_pub_key.trim())
        .map_err(|_| Error::bad_parameter("ssh_pub_key: not an OpenSSH public key"))?;
    if req.tls_pub_key.trim().is_empty() {
        return Err(Error::bad_parameter("tls_pub_key: missing"));
    }
    if request_id(&req.ssh_pub_key) != req.headless_id {
        return Err(Error::bad_parameter("headless_id: does not match the SSH public key"));
    }
    let now = s.settings.now();
    check_caps(s, ip, now)?;
    let row = HeadlessRow {
        id: req.headless_id.clone(),
        user: req.user.clone(),
        ssh_pub_key: req.ssh_pub_key.clone(),
        tls_pub_key: req.tls_pub_key.clone(),
        client_ip: ip.to_string(),
        state: State::Pending,
        device: None,
        created: now,
        expires: now + TIMEOUT,
    };
    if !s.store.put_headless(&row, now)? {
        return Err(Error::already_exists(
            "a headless login request with this key is already waiting",
        ));
    }
    tracing::info!(
        user = row.user,
        id = row.id,
        ip = row.client_ip,
        "headless login waiting for approval"
    );
    s.headless_changed.notify_waiters();
    Ok(row)
}

/// Deletes a request unless disarmed: a requester that gave up (or failed) leaves nothing to
/// approve.
struct Abandon<'a> {
    s: &'a Server,
    id: &'a str,
    armed: bool,
}

impl Drop for Abandon<'_> {
    fn drop(&mut self) {
        if self.armed
            && let Err(e) = self.s.store.delete_headless(self.id)
        {
            tracing::error!("removing a headless request: {e}");
        }
    }
}

/// Runs `check` now and again whenever a request changes (and at least once a second, to notice
/// expiry on the server's clock) until it gives an answer; `None` once `deadline` has passed.
async fn watch<T>(
    s: &Server,
    deadline: Option<tokio::time::Instant>,
    mut check: impl FnMut() -> Result<Option<T>>,
) -> Result<Option<T>> {
    const TICK: Duration = Duration::from_secs(1);
    loop {
        let notified = s.headless_changed.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        if let Some(answer) = check()? {
            return Ok(Some(answer));
        }
        let now = tokio::time::Instant::now();
        let tick = match deadline {
            Some(d) if d <= now => return Ok(None),
            Some(d) => TICK.min(d - now),
            None => TICK,
        };
        let _ = tokio::time::timeout(tick, notified).await;
    }
}

/// Waits until the request is decided or expires; the approving device on approval.
pub async fn wait(s: &Server, id: &str) -> Result<String> {
    let mut guard = Abandon { s, id, armed: true };
    let device = watch(s, None, || {
        let row = s.store.headless(id)?.ok_or_else(expired)?;
        match row.state {
            State::Approved => {
                guard.armed = false;
                row.device
                    .map(Some)
                    .ok_or_else(|| Error::access_denied("expected mfa approval for headless authentication approval"))
            }
            State::Denied => Err(Error::access_denied("headless authentication denied")),
            State::Pending if row.expires <= s.settings.now() => {
                // Kept a while, so that a late approver hears "expired", not "not found".
                guard.armed = false;
                Err(expired())
            }
            State::Pending => Ok(None),
        }
    })
    .await?;
    device.ok_or_else(expired)
}

/// The certificates of an approved request: one minute at most, marked MFA-verified by the
/// approving device and as headless.
pub fn certs(
    s: &Server,
    row: &HeadlessRow,
    device: &str,
    ttl: Duration,
    ip: IpAddr,
) -> Result<tele_common::api::types::UserCertResponse> {
    let (user, _) = crate::issue::user_and_roles(s, &row.user)?;
    let ttl = if ttl.is_zero() { CERT_TTL } else { ttl.min(CERT_TTL) };
    let ext = [
        (MFA_VERIFIED.to_string(), device.to_string()),
        (HEADLESS_LOGIN.to_string(), String::new()),
    ];
    let certs = crate::issue::user_certs(
        s,
        &user,
        &crate::issue::CertRequest {
            ssh_public_key: &row.ssh_pub_key,
            tls_public_key: &row.tls_pub_key,
            ttl,
            login_ip: Some(ip),
            extensions: &ext,
        },
    )?;
    tracing::info!(
        user = row.user,
        id = row.id,
        "headless login approved: certificates issued"
    );
    Ok(certs)
}

/// One of `user`'s requests (another user's is "not found").
fn mine(s: &Server, user: &str, id: &str) -> Result<HeadlessRow> {
    s.store
        .headless(id)?
        .filter(|r| r.user == user)
        .ok_or_else(|| not_found(id))
}

/// One of `user`'s requests, unless it is pending past its expiry.
pub fn get_row(s: &Server, user: &str, id: &str) -> Result<HeadlessRow> {
    let row = mine(s, user, id)?;
    if row.state == State::Pending && row.expires <= s.settings.now() {
        return Err(expired());
    }
    Ok(row)
}

/// What the approver is shown.
pub fn get(s: &Server, user: &str, id: &str) -> Result<HeadlessRequest> {
    get_row(s, user, id).map(view)
}

/// A request as the approval page shows it.
pub fn view(row: HeadlessRow) -> HeadlessRequest {
    let fingerprint = PublicKey::from_openssh(row.ssh_pub_key.trim())
        .map(|k| k.fingerprint(HashAlg::Sha256).to_string())
        .unwrap_or_default();
    HeadlessRequest {
        id: row.id,
        user: row.user,
        client_ip_address: row.client_ip,
        state: row.state,
        created: duration::rfc3339(row.created),
        expires: duration::rfc3339(row.expires),
        ssh_key_fingerprint: fingerprint,
    }
}

/// How long an approver's look-up waits for a request that is not there yet: the requester
/// prints its URL before its request reaches the server, and a quick approver may be first
/// (Teleport's approver watches for the request the same way).
pub const LOOKUP_WAIT: Duration = Duration::from_secs(3);

/// [`get_row`], waiting up to [`LOOKUP_WAIT`] for a request that has not arrived yet.
pub async fn lookup(s: &Server, user: &str, id: &str) -> Result<HeadlessRow> {
    let deadline = tokio::time::Instant::now() + LOOKUP_WAIT;
    let found = watch(s, Some(deadline), || match get_row(s, user, id) {
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        other => other.map(Some),
    })
    .await?;
    found.ok_or_else(|| not_found(id))
}

/// A request that can still be decided.
fn pending(s: &Server, user: &str, id: &str, verb: &str) -> Result<HeadlessRow> {
    let row = mine(s, user, id)?;
    if row.state != State::Pending {
        return Err(non_pending(verb, row.state));
    }
    if row.expires <= s.settings.now() {
        return Err(expired());
    }
    Ok(row)
}

fn decide(s: &Server, id: &str, state: State, device: Option<&str>) -> Result<()> {
    if !s.store.decide_headless(id, state, device, s.settings.now())? {
        return Err(Error::new(
            ErrorKind::CompareFailed,
            "the headless login request was decided or expired meanwhile",
        ));
    }
    s.headless_changed.notify_waiters();
    Ok(())
}

/// Approves `user`'s request with an answer to their `headless_login` challenge, which must be
/// a security-key assertion.
pub fn approve(s: &Server, user: &str, id: &str, resp: &MfaResponse) -> Result<()> {
    pending(s, user, id, "approve")?;
    if resp.webauthn.is_none() {
        return Err(Error::access_denied(
            "approving a headless login needs a security key (WebAuthn); an OTP code is not enough",
        ));
    }
    let device = crate::mfa::verify(s, user, SCOPE, resp)?;
    decide(s, id, State::Approved, Some(&device))?;
    tracing::info!(user, id, "headless login approved");
    Ok(())
}

/// Denies `user`'s request.
pub fn deny(s: &Server, user: &str, id: &str) -> Result<()> {
    pending(s, user, id, "deny")?;
    decide(s, id, State::Denied, None)?;
    tracing::info!(user, id, "headless login denied");
    Ok(())
}
