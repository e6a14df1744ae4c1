//! Per-session MFA (seeds 000 and 003): which sessions need a fresh MFA check, and the
//! single-use certificates that carry one.
//!
//! A session to a node needs MFA when the cluster auth preference says `require_session_mfa:
//! true`, or when a role of the user with `options.require_session_mfa: true` is one that grants
//! this node (its `allow` matches the node's labels and its logins hold the login): Teleport's
//! Jerry/Olga example, where `access-prod` asks for MFA and `access-dev` does not.

use std::time::Duration;

use tele_common::error::Result;
use tele_common::resources::{Role, User, labels_match};

use crate::server::Server;
use crate::store::NodeRow;

/// How long a single-use certificate lasts (Teleport's `UserSingleUseCertTTL`).
pub const SINGLE_USE_TTL: Duration = Duration::from_secs(60);
/// The extension naming the device that answered (Teleport's).
pub const MFA_VERIFIED: &str = "mfa-verified";
/// The extension binding a single-use certificate to one node (this suite's: Teleport binds by
/// the issuing request alone, teleport-facts §3.3).
pub const SINGLE_USE_NODE: &str = "teleport-single-use-node";
/// The extension of a headless login's one-minute certificates: approved with a security key
/// just now, so they satisfy per-session MFA on any node the roles grant (this suite's name).
pub const HEADLESS_LOGIN: &str = "teleport-headless-login";

/// Whether `user` needs MFA for a session to `node` as `login`.
pub fn required(s: &Server, user: &User, roles: &[Role], node: &NodeRow, login: &str) -> Result<bool> {
    if s.cap()?.spec.require_session_mfa == Some(true) {
        return Ok(true);
    }
    Ok(roles.iter().any(|r| {
        r.spec.options.require_session_mfa == Some(true)
            && labels_match(&r.spec.allow.node_labels, &node.labels)
            && crate::issue::logins(user, std::slice::from_ref(r))
                .iter()
                .any(|l| l == login)
    }))
}
