//! The text forms of the cluster's certificate authorities, as `tctl auth export` and
//! `GET /webapi/auth/export` print them (teleport-facts §6.5), and SSH certificate checks.

use std::fmt;

use ssh_key::{Certificate, PublicKey, certificate::CertType};

use crate::error::{Error, Result};

/// What `--type` of `tctl auth export` asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportType {
    /// The SSH user CA, as an authorized_keys `cert-authority` line.
    User,
    /// The SSH host CA, as a known_hosts `@cert-authority` line.
    Host,
    /// The TLS CA that signs server certificates (PEM).
    TlsHost,
    /// The TLS CA that signs user certificates (PEM).
    TlsUser,
    /// Alias of `user` (OpenSSH's TrustedUserCAKeys form after the prefix is removed).
    Openssh,
    /// The database CA that signs database server certificates (PEM): clients verify databases with it.
    Db,
    /// The database client CA (PEM): databases trust the proxy's client certificates with it.
    DbClient,
}

impl ExportType {
    /// The query value: `user`, `host`, `tls-host`, `tls-user`, `openssh`, `db`, `db-client`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Host => "host",
            Self::TlsHost => "tls-host",
            Self::TlsUser => "tls-user",
            Self::Openssh => "openssh",
            Self::Db => "db",
            Self::DbClient => "db-client",
        }
    }
}

impl fmt::Display for ExportType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ExportType {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        <Self as clap::ValueEnum>::from_str(s, true).map_err(|_| {
            Error::bad_parameter(format!(
                "unsupported export type {s:?}, expected one of user, host, tls-host, tls-user, openssh, db, db-client"
            ))
        })
    }
}

/// Escapes a query value the way Go's `url.QueryEscape` does.
fn query_escape(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Returns the key without its comment: `ssh-ed25519 AAAA...`.
fn bare(key: &PublicKey) -> String {
    let mut key = key.clone();
    key.set_comment("");
    key.to_openssh().unwrap_or_default()
}

/// `cert-authority ssh-ed25519 AAAA... clustername=<cluster>&type=user`.
pub fn user_ca_line(key: &PublicKey, cluster: &str) -> String {
    format!(
        "cert-authority {} clustername={}&type=user",
        bare(key),
        query_escape(cluster)
    )
}

/// `@cert-authority <patterns> ssh-ed25519 AAAA... type=host`, with the patterns
/// `<cluster>,*.<cluster>` preceded by `extra_hosts` (tsh adds the proxy host).
pub fn host_ca_line(key: &PublicKey, cluster: &str, extra_hosts: &[&str]) -> String {
    let mut patterns: Vec<String> = extra_hosts.iter().map(|h| h.to_string()).collect();
    patterns.push(cluster.to_string());
    patterns.push(format!("*.{cluster}"));
    format!("@cert-authority {} {} type=host", patterns.join(","), bare(key))
}

/// Checks an SSH certificate the way a careful client does: signed by `ca` and valid at `now`
/// (ssh-key's `validate_at`), of the expected type, and naming `principal` when one is given.
pub fn check_cert(
    cert: &Certificate,
    ca: &PublicKey,
    cert_type: CertType,
    principal: Option<&str>,
    now_unix: u64,
) -> Result<()> {
    cert.validate_at(now_unix, [&ca.fingerprint(Default::default())])
        .map_err(|e| Error::unauthenticated(format!("certificate rejected: {e}")))?;
    if cert.cert_type() != cert_type {
        return Err(Error::unauthenticated(format!(
            "certificate rejected: expected a {} certificate",
            if cert_type == CertType::Host { "host" } else { "user" }
        )));
    }
    if let Some(p) = principal
        && !cert.valid_principals().iter().any(|vp| vp == p)
    {
        return Err(Error::unauthenticated(format!(
            "certificate rejected: not valid for {p:?}"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::SshKey;

    #[test]
    fn lines_have_teleports_shape() {
        let k = SshKey::generate(crate::keys::KeyAlgorithm::Ed25519).unwrap();
        let key = k.private().public_key();
        let user = user_ca_line(key, "example.com");
        assert!(user.starts_with("cert-authority ssh-ed25519 AAAA"));
        assert!(user.ends_with(" clustername=example.com&type=user"));
        let host = host_ca_line(key, "example.com", &[]);
        assert!(host.starts_with("@cert-authority example.com,*.example.com ssh-ed25519 AAAA"));
        assert!(host.ends_with(" type=host"));
        assert_eq!(query_escape("a b&c"), "a+b%26c");
    }
}
