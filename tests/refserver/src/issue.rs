//! What goes into a user's certificates: principals from role logins (with
//! `{{internal.logins}}` expanded), extensions from role options, a TTL within the roles'
//! `max_session_ttl`.

use std::time::Duration;

use ssh_key::PublicKey;
use tele_common::api::types::UserCertResponse;
use tele_common::duration;
use tele_common::error::{Error, Result};
use tele_common::resources::{Role, User};

use crate::ca::TlsSubject;
use crate::server::Server;
use crate::settings::DEFAULT_MAX_SESSION_TTL;

/// Principal every Teleport user certificate carries (session joining).
pub const JOIN_PRINCIPAL: &str = "-teleport-internal-join";

/// The user's roles that exist.
pub fn user_roles(s: &Server, user: &User) -> Result<Vec<Role>> {
    let mut roles = Vec::new();
    for name in &user.spec.roles {
        if let Some(role) = s.store.role(name)? {
            roles.push(role);
        }
    }
    Ok(roles)
}

/// A user by name with the roles that exist; an error when the user is gone.
pub fn user_and_roles(s: &Server, name: &str) -> Result<(User, Vec<Role>)> {
    let (row, roles) = s
        .store
        .user_with_roles(name)?
        .ok_or_else(|| Error::unauthenticated(format!("user {name:?} no longer exists")))?;
    Ok((row.user, roles))
}

/// The SSH certificate extensions the roles grant (login and single-use certificates alike):
/// `permit-*` from role options, and `teleport-roles`.
pub fn role_extensions(roles: &[Role]) -> Vec<(String, String)> {
    let names: Vec<&str> = roles.iter().map(|r| r.metadata.name.as_str()).collect();
    let mut ext = vec![("permit-pty".to_string(), String::new())];
    if roles.iter().any(|r| r.spec.options.forward_agent == Some(true)) {
        ext.push(("permit-agent-forwarding".into(), String::new()));
    }
    if roles.iter().all(|r| r.spec.options.port_forwarding != Some(false)) {
        ext.push(("permit-port-forwarding".into(), String::new()));
    }
    ext.push((
        "teleport-roles".into(),
        serde_json::json!({ "roles": names }).to_string(),
    ));
    ext
}

/// The OS logins the user may use: allowed logins minus denied ones.
pub fn logins(user: &User, roles: &[Role]) -> Vec<String> {
    let expand = |logins: &[String]| -> Vec<String> {
        logins
            .iter()
            .flat_map(|l| {
                if l.replace(' ', "") == "{{internal.logins}}" {
                    user.logins().to_vec()
                } else {
                    vec![l.clone()]
                }
            })
            .collect()
    };
    let denied: Vec<String> = roles.iter().flat_map(|r| expand(&r.spec.deny.logins)).collect();
    let mut out: Vec<String> = Vec::new();
    for login in roles.iter().flat_map(|r| expand(&r.spec.allow.logins)) {
        if !denied.contains(&login) && !out.contains(&login) && !login.contains("{{") {
            out.push(login);
        }
    }
    out
}

/// The longest certificate the roles allow.
pub fn max_ttl(roles: &[Role]) -> Duration {
    roles
        .iter()
        .filter_map(|r| r.spec.options.max_session_ttl.map(|d| d.0))
        .min()
        .unwrap_or(DEFAULT_MAX_SESSION_TTL)
}

/// What a certificate request carries besides the keys.
pub struct CertRequest<'a> {
    /// SSH public key, authorized_keys form.
    pub ssh_public_key: &'a str,
    /// TLS public key, PKIX PEM.
    pub tls_public_key: &'a str,
    /// Lifetime.
    pub ttl: Duration,
    /// The address a login came from (`login-ip`); none for certificates an admin signs.
    pub login_ip: Option<std::net::IpAddr>,
    /// More SSH extensions (an MFA check's marks).
    pub extensions: &'a [(String, String)],
}

/// Issues SSH and TLS certificates for `user` on the caller's public keys.
pub fn user_certs(s: &Server, user: &User, req: &CertRequest<'_>) -> Result<UserCertResponse> {
    let (ssh_public_key, tls_public_key, ttl) = (req.ssh_public_key, req.tls_public_key, req.ttl);
    let roles = user_roles(s, user)?;
    let max = max_ttl(&roles);
    if ttl > max {
        return Err(Error::bad_parameter(format!(
            "The credential was not issued because the requested TTL of {} exceeded the maximum allowed value of {}.",
            duration::format(ttl),
            duration::format(max)
        ))
        .with_hint("ask for a shorter --ttl"));
    }
    if ttl.is_zero() {
        return Err(Error::bad_parameter("the TTL must be more than 0"));
    }
    let key = PublicKey::from_openssh(ssh_public_key.trim())
        .map_err(|_| Error::bad_parameter("ssh_public_key: not an OpenSSH public key"))?;
    let mut principals = logins(user, &roles);
    principals.push(JOIN_PRINCIPAL.to_string());
    let role_names: Vec<String> = roles.iter().map(|r| r.metadata.name.clone()).collect();
    let mut ext = role_extensions(&roles);
    ext.push(("private-key-policy".to_string(), "none".to_string()));
    if let Some(ip) = req.login_ip {
        ext.push(("login-ip".into(), ip.to_string()));
    }
    ext.push(("teleport-route-to-cluster".into(), s.cas.cluster().to_string()));
    ext.extend(req.extensions.iter().cloned());
    let ssh_cert = s.cas.sign_user(&key, &user.metadata.name, &principals, ttl, &ext)?;
    let subject = TlsSubject {
        common_name: &user.metadata.name,
        organizations: &role_names,
        organizational_units: &[],
    };
    let tls_cert = s.cas.sign_tls_client(tls_public_key, &subject, ttl)?;
    Ok(UserCertResponse {
        ssh_cert: ssh_cert
            .to_openssh()
            .map_err(|e| Error::internal(format!("encoding certificate: {e}")))?,
        tls_cert,
        host_ca_lines: vec![s.cas.host_ca_line()],
        tls_cas: vec![s.cas.tls_ca_pem().to_string()],
    })
}
