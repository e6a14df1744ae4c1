//! Identity files (`tctl auth sign --format=file`, used by `tctl -i` and later by `tsh -i`).
//!
//! The layout follows Teleport's: private keys first, then the SSH certificate line, the TLS
//! certificate, the `@cert-authority` known_hosts lines and the TLS CA certificates. Keys are
//! split as in Teleport v17+: an OpenSSH key for SSH, then the TLS key as Teleport writes it
//! (PKCS#8, or PKCS#1 `RSA PRIVATE KEY` for RSA). Files of older Teleports carry one PKCS#1 RSA
//! key for both; that key then serves SSH too.

use std::fmt;
use std::time::SystemTime;

use rustls::pki_types::CertificateDer;

use crate::error::{Error, Result};
use crate::keys::SshKey;
use crate::tls;

/// The parts of an identity file.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Identity {
    /// OpenSSH private key (PEM).
    pub ssh_key: String,
    /// SSH certificate, authorized_keys form.
    pub ssh_cert: String,
    /// TLS private key (PKCS#8, PKCS#1 or SEC1 PEM).
    pub tls_key: String,
    /// TLS certificate (PEM).
    pub tls_cert: String,
    /// `@cert-authority ...` lines.
    pub known_hosts: Vec<String>,
    /// TLS CA certificates (PEM blocks).
    pub tls_cas: Vec<String>,
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Identity")
            .field("ssh_cert", &self.ssh_cert.split_whitespace().next())
            .field("known_hosts", &self.known_hosts.len())
            .field("tls_cas", &self.tls_cas.len())
            .finish_non_exhaustive()
    }
}

const BEGIN: &str = "-----BEGIN ";
const END: &str = "-----END ";

impl Identity {
    /// Renders the file's text.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for block in [&self.ssh_key, &self.tls_key] {
            out.push_str(block.trim_end());
            out.push('\n');
        }
        out.push_str(self.ssh_cert.trim_end());
        out.push('\n');
        out.push_str(self.tls_cert.trim_end());
        out.push('\n');
        for line in &self.known_hosts {
            out.push_str(line.trim_end());
            out.push('\n');
        }
        for ca in &self.tls_cas {
            out.push_str(ca.trim_end());
            out.push('\n');
        }
        out
    }

    /// Parses an identity file.
    pub fn parse(text: &str) -> Result<Self> {
        let mut id = Self::default();
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            let line = line.trim_end();
            if line.is_empty() {
                continue;
            }
            if let Some(label) = line.strip_prefix(BEGIN) {
                let label = label.trim_end_matches('-').to_string();
                let unterminated = || Error::bad_parameter(format!("identity file: unterminated {label} block"));
                // A block ends at its own END line; any other armour line inside it means the
                // file is cut or spliced (and what is written back would read differently).
                let end = format!("{END}{label}-----");
                let mut block = format!("{line}\n");
                loop {
                    let next = lines.next().ok_or_else(unterminated)?.trim_end();
                    block.push_str(next);
                    block.push('\n');
                    if next == end {
                        break;
                    }
                    if next.starts_with("-----") {
                        return Err(unterminated());
                    }
                }
                match label.as_str() {
                    "OPENSSH PRIVATE KEY" => id.ssh_key = block,
                    "PRIVATE KEY" | "EC PRIVATE KEY" | "RSA PRIVATE KEY" => id.tls_key = block,
                    "CERTIFICATE" if id.tls_cert.is_empty() => id.tls_cert = block,
                    "CERTIFICATE" => id.tls_cas.push(block),
                    other => return Err(Error::bad_parameter(format!("identity file: unexpected {other} block"))),
                }
            } else if line.starts_with("@cert-authority ") {
                id.known_hosts.push(line.to_string());
            } else if line.contains("-cert-v01@openssh.com ") {
                id.ssh_cert = line.to_string();
            } else {
                return Err(Error::bad_parameter("identity file: unrecognised line"));
            }
        }
        if id.ssh_key.is_empty() && !id.tls_key.is_empty() {
            // An older Teleport's file: its one key is the SSH key too.
            let key = SshKey::from_pem(&id.tls_key).map_err(|e| e.context("identity file"))?;
            id.ssh_key = key.to_openssh()?.expose().to_string();
        }
        for (what, missing) in [
            ("SSH private key", id.ssh_key.is_empty()),
            ("TLS private key", id.tls_key.is_empty()),
            ("TLS certificate", id.tls_cert.is_empty()),
            ("TLS CA certificate", id.tls_cas.is_empty()),
        ] {
            if missing {
                return Err(Error::bad_parameter(format!("identity file: no {what} found")));
            }
        }
        Ok(id)
    }

    /// Returns the identity's TLS certificate fields.
    pub fn tls_info(&self) -> Result<tls::CertInfo> {
        let certs = tls::parse_certs_pem(&self.tls_cert)?;
        tls::cert_info(&certs[0])
    }

    /// Returns the CA certificates to trust.
    pub fn ca_certs(&self) -> Result<Vec<CertificateDer<'static>>> {
        let mut all = Vec::new();
        for ca in &self.tls_cas {
            all.extend(tls::parse_certs_pem(ca)?);
        }
        Ok(all)
    }

    /// Builds a TLS client config that presents this identity and trusts its CAs.
    pub fn client_config(&self, insecure: bool) -> Result<rustls::ClientConfig> {
        let chain = tls::parse_certs_pem(&self.tls_cert)?;
        let key = tls::parse_key_pem(&self.tls_key)?;
        tls::client_config(&self.ca_certs()?, Some((chain, key)), insecure)
    }

    /// Builds a TLS client config that trusts this identity's CAs and presents nothing, for
    /// the web API's public endpoints.
    pub fn public_config(&self, insecure: bool) -> Result<rustls::ClientConfig> {
        tls::client_config(&self.ca_certs()?, None, insecure)
    }

    /// Fails with a clear error when the TLS certificate has expired at `now`.
    pub fn check_valid(&self, now: SystemTime, source: &str) -> Result<()> {
        let info = self.tls_info()?;
        if info.not_after <= now {
            return Err(Error::unauthenticated(format!(
                "the identity in {source} expired at {}",
                crate::duration::rfc3339(info.not_after)
            ))
            .with_hint("ask an admin for a new one: tctl auth sign --user=NAME --format=file --out=FILE"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{KeyAlgorithm, generate_pair};

    const CERT: &str = "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n";

    /// The shapes of `fuzz/corpus/identity_file/crash-f2424ea7...`: a block with another BEGIN
    /// line inside it (a spliced file), and one ended by another label's END line. Both were
    /// read as one block, and what `tctl auth sign` would write back did not read again.
    #[test]
    fn a_block_ends_only_at_its_own_end_line() {
        let nested = format!("-----BEGIN CERTIFICATE-----\nAA==\n{CERT}");
        let other_end = "-----BEGIN PRIVATE KEY-----\nAA==\n-----END CERTIFICATE-----\n";
        for text in [nested.as_str(), other_end] {
            let err = Identity::parse(text).unwrap_err();
            assert!(err.message().starts_with("identity file: unterminated"), "{err}");
        }
        let spaces = "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----   \n";
        assert!(
            Identity::parse(spaces)
                .unwrap_err()
                .message()
                .contains("no SSH private key"),
            "trailing spaces still end a block"
        );
    }

    #[test]
    fn rsa_keys_are_written_as_pkcs1_and_an_older_files_one_key_serves_ssh() {
        let (ssh, tls) = generate_pair(KeyAlgorithm::Rsa2048, KeyAlgorithm::Rsa2048).unwrap();
        let id = Identity {
            ssh_key: ssh.to_openssh().unwrap().expose().to_string(),
            ssh_cert: "ssh-rsa-cert-v01@openssh.com AAAA".into(),
            tls_key: tls.private_pem().expose().to_string(),
            tls_cert: CERT.into(),
            known_hosts: vec![],
            tls_cas: vec![CERT.into()],
        };
        let text = id.render();
        assert!(text.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----"));
        assert!(text.contains("\n-----BEGIN RSA PRIVATE KEY-----\n"));
        assert_eq!(Identity::parse(&text).unwrap(), id);
        // Teleport before v17: one RSA PRIVATE KEY block, no OpenSSH key.
        let old = text.replace(&id.ssh_key, "");
        let parsed = Identity::parse(&old).unwrap();
        assert_eq!(parsed.tls_key, id.tls_key);
        let key = SshKey::from_openssh(&parsed.ssh_key).unwrap();
        assert_eq!(key.public_openssh(), ssh.public_openssh());
    }
}
