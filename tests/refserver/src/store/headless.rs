//! Headless login requests: pending until their user approves or denies them, gone after
//! they expire.

use std::time::SystemTime;

use rusqlite::params;
use tele_common::api::headless::State;
use tele_common::error::Result;

use super::{Store, from_unix, optional, unix};

/// How long an expired request is kept.
pub const KEEP_EXPIRED: std::time::Duration = std::time::Duration::from_secs(600);

/// A headless login request.
#[derive(Clone, Debug)]
pub struct HeadlessRow {
    /// The request ID (derived from the SSH key).
    pub id: String,
    /// The Teleport user it asks for.
    pub user: String,
    /// SSH public key, authorized_keys form.
    pub ssh_pub_key: String,
    /// TLS public key, PEM.
    pub tls_pub_key: String,
    /// Where it came from.
    pub client_ip: String,
    /// Pending, approved or denied.
    pub state: State,
    /// The MFA device that approved it.
    pub device: Option<String>,
    /// When it was made.
    pub created: SystemTime,
    /// When it stops being approvable.
    pub expires: SystemTime,
}

fn state_text(s: State) -> &'static str {
    match s {
        State::Pending => "pending",
        State::Approved => "approved",
        State::Denied => "denied",
    }
}

fn state_of(text: &str) -> State {
    match text {
        "approved" => State::Approved,
        "pending" => State::Pending,
        _ => State::Denied,
    }
}

impl Store {
    /// Stores a new pending request. An expired request with the same ID is replaced; a live
    /// one is kept and `false` returned.
    pub fn put_headless(&self, r: &HeadlessRow, now: SystemTime) -> Result<bool> {
        self.with(|c| {
            let tx = c.transaction()?;
            tx.execute(
                "DELETE FROM headless_requests WHERE id = ?1 AND expires <= ?2",
                params![r.id, unix(now)],
            )?;
            let n = tx.execute(
                "INSERT INTO headless_requests (id, user, ssh_pub_key, tls_pub_key, client_ip, state, device, created, expires)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7, ?8) ON CONFLICT (id) DO NOTHING",
                params![
                    r.id,
                    r.user,
                    r.ssh_pub_key,
                    r.tls_pub_key,
                    r.client_ip,
                    state_text(r.state),
                    unix(r.created),
                    unix(r.expires)
                ],
            )?;
            tx.commit()?;
            Ok(n > 0)
        })
    }

    /// One request.
    pub fn headless(&self, id: &str) -> Result<Option<HeadlessRow>> {
        self.with(|c| {
            optional(c.query_row(
                "SELECT id, user, ssh_pub_key, tls_pub_key, client_ip, state, device, created, expires
                 FROM headless_requests WHERE id = ?1",
                [id],
                |r| {
                    Ok(HeadlessRow {
                        id: r.get(0)?,
                        user: r.get(1)?,
                        ssh_pub_key: r.get(2)?,
                        tls_pub_key: r.get(3)?,
                        client_ip: r.get(4)?,
                        state: state_of(&r.get::<_, String>(5)?),
                        device: r.get(6)?,
                        created: from_unix(r.get(7)?),
                        expires: from_unix(r.get(8)?),
                    })
                },
            ))
        })
    }

    /// Moves a pending, unexpired request to `state`; returns whether it was one.
    pub fn decide_headless(&self, id: &str, state: State, device: Option<&str>, now: SystemTime) -> Result<bool> {
        self.with(|c| {
            c.execute(
                "UPDATE headless_requests SET state = ?2, device = ?3
                 WHERE id = ?1 AND state = 'pending' AND expires > ?4",
                params![id, state_text(state), device, unix(now)],
            )
            .map(|n| n > 0)
        })
    }

    /// Deletes a request.
    pub fn delete_headless(&self, id: &str) -> Result<()> {
        self.with(|c| c.execute("DELETE FROM headless_requests WHERE id = ?1", [id]).map(drop))
    }

    /// The client addresses of the unexpired requests (for the caps on unauthenticated
    /// inserts; at most the global cap of them), after removing requests expired for over [`KEEP_EXPIRED`]
    /// (kept that long so that a late approver is told "expired").
    pub fn live_headless(&self, now: SystemTime) -> Result<Vec<String>> {
        self.with(|c| {
            c.execute(
                "DELETE FROM headless_requests WHERE expires <= ?1",
                [unix(now - KEEP_EXPIRED)],
            )?;
            let mut stmt = c.prepare("SELECT client_ip FROM headless_requests WHERE expires > ?1")?;
            let ips = stmt
                .query_map([unix(now)], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(ips)
        })
    }
}
