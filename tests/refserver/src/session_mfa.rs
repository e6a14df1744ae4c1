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
/// The extension binding a single-use certificate to the node its request named (this suite's:
/// Teleport binds by the issuing request alone, teleport-facts §3.3). Its value is the
/// request's `NodeName`: a name, an ID, or the host of an address ([`names`]).
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

/// The nodes a client's `NodeName` names: by name, by ID, or by the host of their address
/// (Teleport's matching; several nodes may share an address's host).
pub fn nodes_named<'a>(nodes: &'a [NodeRow], name: &str) -> Vec<&'a NodeRow> {
    nodes.iter().filter(|n| names(n, name)).collect()
}

/// Whether `name` names `node` (see [`nodes_named`]).
pub fn names(node: &NodeRow, name: &str) -> bool {
    node.name == name
        || node.uuid == name
        || tele_common::config::split_host_port(&node.addr).is_ok_and(|(host, _)| host == name)
}

/// What a single-use SSH certificate is made of.
pub struct SingleUse<'a> {
    /// The user.
    pub user: &'a User,
    /// The user's roles.
    pub roles: &'a [Role],
    /// The key to certify (the login's own SSH key).
    pub key: &'a ssh_key::PublicKey,
    /// The node as the request named it (`NodeName`); the proxy takes the certificate for the
    /// nodes this names.
    pub node: &'a str,
    /// The only login it carries (`SSHLogin`); empty: every login of the roles.
    pub login: &'a str,
    /// The device that answered the MFA challenge.
    pub device: &'a str,
    /// Its lifetime.
    pub ttl: Duration,
    /// When the certificate that asked for it ends (Teleport's `prev-identity-expires`).
    pub prev_identity_expires: std::time::SystemTime,
    /// Where the request came from (`login-ip`).
    pub login_ip: std::net::IpAddr,
}

/// Signs a single-use SSH certificate: Teleport's marks (`mfa-verified`,
/// `prev-identity-expires`, `login-ip`), the roles' extensions, and this suite's
/// [`SINGLE_USE_NODE`] binding it to the node named.
pub fn sign_single_use(s: &Server, req: &SingleUse<'_>) -> Result<String> {
    let mut ext = crate::issue::role_extensions(req.roles);
    ext.push((MFA_VERIFIED.to_string(), req.device.to_string()));
    ext.push((SINGLE_USE_NODE.to_string(), req.node.to_string()));
    ext.push((
        "prev-identity-expires".to_string(),
        tele_common::duration::rfc3339(req.prev_identity_expires),
    ));
    ext.push(("login-ip".to_string(), req.login_ip.to_string()));
    ext.push(("teleport-route-to-cluster".to_string(), s.cas.cluster().to_string()));
    let principals = if req.login.is_empty() {
        crate::issue::logins(req.user, req.roles)
    } else {
        vec![req.login.to_string()]
    };
    let name = &req.user.metadata.name;
    let cert = s.cas.sign_user(req.key, name, &principals, req.ttl, &ext)?;
    tracing::info!(user = %name, node = req.node, login = req.login, "single-use certificate issued");
    cert.to_openssh()
        .map_err(|e| tele_common::error::Error::internal(format!("encoding certificate: {e}")))
}
