//! Routed certificates (databases, Kubernetes clusters): who may reach which target, when a
//! target needs per-session MFA, and the five-minute reuse of one MFA answer that only
//! `tsh db exec` gets (teleport-facts §3.4).

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};
use tele_common::api::login::MfaResponse;
use tele_common::api::routes::{REQUESTER_DB_EXEC, RouteTarget};
use tele_common::error::{Error, Result};
use tele_common::resources::{Role, RoleConditions, labels_match};

use crate::access;
use crate::server::Server;

/// How long one MFA answer serves `tsh db exec` (Teleport's five minutes, server-enforced).
pub const REUSE_WINDOW: Duration = Duration::from_secs(300);

/// What a target resolves to: its labels, and for a database where it listens.
#[derive(Clone, Debug)]
pub struct Resolved {
    /// The resource's labels.
    pub labels: BTreeMap<String, String>,
    /// A database's `host:port`; empty for a Kubernetes cluster.
    pub uri: String,
}

/// Finds the target and checks that `roles` reach it: labels (deny wins), and for a database the
/// database user (`db_users`) and, when given, the database name (`db_names`). Anything the
/// roles do not show reads as "not found", as in the listings.
pub fn check(s: &Server, roles: &[Role], target: &RouteTarget) -> Result<Resolved> {
    match target {
        RouteTarget::Database { name, db_user, db_name } => {
            let db = s
                .store
                .database(name)?
                .filter(|db| access::db_visible(roles, &db.metadata.labels))
                .ok_or_else(|| not_found(target))?;
            let labels = db.metadata.labels.clone();
            let users = access::db_users(roles, &labels);
            let user_ok = !db_user.is_empty()
                && !users.denied.iter().any(|u| u == db_user)
                && users.allowed.iter().any(|u| u == "*" || u == db_user);
            if !user_ok {
                return Err(Error::access_denied(format!(
                    "access to db denied. User does not have permissions. Confirm database user and name.\n\tdatabase user {db_user:?} is not allowed on database {name:?}"
                ))
                .with_hint("tsh db ls shows the allowed users; pick one with --db-user"));
            }
            if !db_name.is_empty() {
                check_db_name(roles, &labels, name, db_name)?;
            }
            Ok(Resolved {
                labels,
                uri: db.spec.uri,
            })
        }
        RouteTarget::KubeCluster { name } => {
            let kube = s
                .store
                .kube_cluster(name)?
                .filter(|k| access::kube_visible(roles, &k.metadata.labels))
                .ok_or_else(|| not_found(target))?;
            Ok(Resolved {
                labels: kube.metadata.labels,
                uri: String::new(),
            })
        }
    }
}

/// Fails unless the roles allow `db_name` inside the database (`db_names`: allowed by a role
/// whose `db_labels` match, not denied by any).
pub fn check_db_name(roles: &[Role], labels: &BTreeMap<String, String>, db: &str, db_name: &str) -> Result<()> {
    let hit = |c: &RoleConditions| c.db_names.iter().any(|n| n == "*" || n == db_name);
    let denied = roles.iter().any(|r| hit(&r.spec.deny));
    let allowed = roles
        .iter()
        .any(|r| labels_match(&r.spec.allow.db_labels, labels) && hit(&r.spec.allow));
    if denied || !allowed {
        return Err(Error::access_denied(format!(
            "access to db denied. User does not have permissions. Confirm database user and name.\n\tdatabase name {db_name:?} is not allowed on database {db:?}"
        ))
        .with_hint("ask an admin for a role whose db_names allow it"));
    }
    Ok(())
}

fn not_found(target: &RouteTarget) -> Error {
    match target {
        RouteTarget::Database { name, .. } => Error::not_found(format!("database {name:?} not found"))
            .with_hint("list the databases you can reach with: tsh db ls"),
        RouteTarget::KubeCluster { name } => Error::not_found(format!("kubernetes cluster {name:?} not found"))
            .with_hint("list the clusters you can reach with: tsh kube ls"),
    }
}

/// Whether a session to the target needs MFA: the cap says so for everything, or a role with
/// `options.require_session_mfa: true` is one that grants this target.
pub fn mfa_required(s: &Server, roles: &[Role], target: &RouteTarget, resolved: &Resolved) -> Result<bool> {
    if s.cap()?.spec.require_session_mfa == Some(true) {
        return Ok(true);
    }
    Ok(roles.iter().any(|r| {
        let allow = &r.spec.allow;
        r.spec.options.require_session_mfa == Some(true)
            && match target {
                RouteTarget::Database { db_user, .. } => {
                    labels_match(&allow.db_labels, &resolved.labels)
                        && allow.db_users.iter().any(|u| u == "*" || u == db_user)
                }
                RouteTarget::KubeCluster { .. } => labels_match(&allow.kubernetes_labels, &resolved.labels),
            }
    }))
}

/// Who presents a routed certificate to the database or Kubernetes proxy, checked again as of
/// now: the user still exists, the roles still reach the target, and when the target needs MFA
/// the certificate carries an MFA check and is still valid by the server's clock (the test knob
/// moves it; rustls checked the chain and the real clock).
#[derive(Debug)]
pub struct Routed {
    /// The user.
    pub user: String,
    /// The user's roles as stored now.
    pub roles: Vec<Role>,
    /// The target named in the certificate.
    pub target: RouteTarget,
    /// What it resolves to now.
    pub resolved: Resolved,
}

impl Routed {
    /// Identifies the holder of the leaf certificate `peer_certs[0]`.
    pub fn identify(s: &Server, peer_certs: &[Vec<u8>]) -> Result<Self> {
        let leaf = peer_certs
            .first()
            .ok_or_else(|| Error::unauthenticated("this listener needs a client certificate"))?;
        let info = tele_common::tls::cert_info(leaf)?;
        let Some(target) = info.route else {
            return Err(
                Error::access_denied("this certificate is not for a database or Kubernetes cluster")
                    .with_hint("tsh asks for one by itself; use tsh db connect, tsh proxy db or tsh kube login"),
            );
        };
        if info.not_after <= s.settings.now() {
            return Err(Error::access_denied("the certificate has expired").with_hint("run the tsh command again"));
        }
        let (_, roles) = crate::issue::user_and_roles(s, &info.common_name)?;
        let resolved = check(s, &roles, &target)?;
        if info.mfa_verified.is_none() && mfa_required(s, &roles, &target, &resolved)? {
            return Err(Error::access_denied(target.mfa_reason()));
        }
        Ok(Self {
            user: info.common_name,
            roles,
            target,
            resolved,
        })
    }
}

/// What a remembered answer may be presented again for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ReuseFor {
    /// `tsh db exec`'s databases (requester `TSH_DB_EXEC`).
    DbExec,
    /// Single-use SSH certificates for the nodes of one command.
    SshNodes,
    /// The admin actions of one command (Teleport allows reuse for these).
    AdminAction,
}

/// Whose answer it was, which device gave it, until when, and what for.
type Remembered = (String, String, SystemTime, ReuseFor);

/// MFA answers that may be presented again, by the SHA-256 of the answer.
#[derive(Default)]
pub struct ReusableAnswers(Mutex<HashMap<[u8; 32], Remembered>>);

fn answer_key(resp: &MfaResponse) -> Result<[u8; 32]> {
    Ok(Sha256::digest(serde_json::to_vec(resp).map_err(|e| Error::internal(e.to_string()))?).into())
}

impl ReusableAnswers {
    /// Checks an MFA answer for a routed certificate and returns the device's ID. A fresh answer
    /// goes through [`crate::mfa::verify`] (single use); when `requester` is `TSH_DB_EXEC` it is
    /// remembered, and the same answer from the same user and requester is taken again for
    /// [`REUSE_WINDOW`] from its first use. Nobody else gets reuse.
    pub fn verify(&self, s: &Server, user: &str, requester: &str, resp: &MfaResponse) -> Result<String> {
        let key = answer_key(resp)?;
        let now = s.settings.now();
        let reusable = requester == REQUESTER_DB_EXEC;
        if reusable && let Some(device) = self.reuse(&key, user, ReuseFor::DbExec, now) {
            return Ok(device);
        }
        let device = crate::mfa::verify(s, user, "user_session", resp).map_err(|e| {
            if reusable {
                Error::access_denied(format!(
                    "Reusable MFA response validation failed and possibly expired: {}",
                    e.message()
                ))
                .with_hint("Your MFA session has expired. Start a new MFA session to execute database sessions")
            } else {
                e
            }
        })?;
        if reusable {
            self.remember(key, user, &device, now + REUSE_WINDOW, ReuseFor::DbExec);
        }
        Ok(device)
    }

    /// Checks the answer to a `user_session` challenge for a single-use SSH certificate and
    /// returns the device's ID. The answer to a challenge asked for with `allow_reuse` is
    /// remembered until that challenge would have expired and taken again from the same user,
    /// for another node of the same command (this server's extension of Teleport's reuse,
    /// ARCHITECTURE.md); any other answer is single use.
    pub fn verify_session(&self, s: &Server, user: &str, resp: &MfaResponse) -> Result<String> {
        let key = answer_key(resp)?;
        if let Some(device) = self.reuse(&key, user, ReuseFor::SshNodes, s.settings.now()) {
            return Ok(device);
        }
        let verified = crate::mfa::verify_full(s, user, crate::mfa::USER_SESSION, resp)?;
        if let Some(until) = verified.reusable_until {
            self.remember(key, user, &verified.device, until, ReuseFor::SshNodes);
        }
        Ok(verified.device)
    }

    /// Checks the answer to an `admin_action` challenge (gRPC metadata `mfa_challenge_response`)
    /// and returns the device's ID. An answer to a challenge that allowed reuse counts again,
    /// from the same user, until that challenge would have expired: one tap for one command's
    /// writes, as Teleport's reusable admin-action MFA.
    pub fn verify_admin(&self, s: &Server, user: &str, resp: &MfaResponse) -> Result<String> {
        let key = answer_key(resp)?;
        if let Some(device) = self.reuse(&key, user, ReuseFor::AdminAction, s.settings.now()) {
            return Ok(device);
        }
        let verified = crate::mfa::verify_full(s, user, crate::mfa::ADMIN_ACTION, resp)?;
        if let Some(until) = verified.reusable_until {
            self.remember(key, user, &verified.device, until, ReuseFor::AdminAction);
        }
        Ok(verified.device)
    }

    /// The device of a remembered answer of `user`'s for `what` that is still inside its window.
    fn reuse(&self, key: &[u8; 32], user: &str, what: ReuseFor, now: SystemTime) -> Option<String> {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, (_, _, until, _)| *until > now);
        map.get(key)
            .filter(|(owner, _, _, purpose)| owner == user && *purpose == what)
            .map(|(_, device, _, _)| device.clone())
    }

    fn remember(&self, key: [u8; 32], user: &str, device: &str, until: SystemTime, what: ReuseFor) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.insert(key, (user.to_string(), device.to_string(), until, what));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_reused_by_its_user_for_five_minutes_only() {
        let answers = ReusableAnswers::default();
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let key = [7u8; 32];
        let db = ReuseFor::DbExec;
        assert_eq!(answers.reuse(&key, "alice", db, t0), None, "nothing before a first use");
        answers.remember(key, "alice", "dev-1", t0 + REUSE_WINDOW, db);
        assert_eq!(
            answers
                .reuse(&key, "alice", db, t0 + Duration::from_secs(299))
                .as_deref(),
            Some("dev-1")
        );
        assert_eq!(
            answers.reuse(&key, "bob", db, t0 + Duration::from_secs(1)),
            None,
            "another user"
        );
        assert_eq!(
            answers.reuse(&key, "alice", ReuseFor::SshNodes, t0),
            None,
            "another purpose"
        );
        assert_eq!(answers.reuse(&[8u8; 32], "alice", db, t0), None, "another answer");
        assert_eq!(
            answers.reuse(&key, "alice", db, t0 + REUSE_WINDOW),
            None,
            "the window is over"
        );
        assert_eq!(answers.reuse(&key, "alice", db, t0), None, "and it was forgotten");
    }
}
