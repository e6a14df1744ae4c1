//! The cluster's certificate authorities: SSH user CA and SSH host CA, TLS CA, database CAs
//! `db` and `db_client`, of the kinds the signature algorithm suite names when they are made
//! (`balanced-v1`: Ed25519 SSH, ECDSA P-256 X.509; `legacy`: RSA 2048 everywhere). Created on
//! first start (a CA missing from an older data dir is created on its next start), loaded after:
//! a data dir keeps its CAs whatever the suite says later. Signing happens here and nowhere else.

mod db;
mod signer;
mod x509;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rcgen::{CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, SubjectPublicKeyInfo};
use ssh_key::certificate::{Builder, CertType};
use ssh_key::{Certificate, LineEnding, PrivateKey, PublicKey};
use tele_common::api::routes::{self, RouteTarget};
use tele_common::error::{Error, Result};
use tele_common::keys::{KeyAlgorithm, SshKey, TlsKey};
use tele_common::sshca::{self, ExportType};
use tele_common::suite::Suite;
use tele_common::tls;

use crate::store::{CaRow, Store};
use signer::SshCa;
use x509::X509Ca;

/// OU that marks a system identity (not a user) in TLS certificates.
pub const SYSTEM_OU: &str = "teleport-system";
/// The system role of the admin identity `tctl -c` uses.
pub const ADMIN_ROLE: &str = "Admin";
/// Certificates start a minute in the past, against clock skew.
const SKEW: Duration = Duration::from_secs(60);

/// The loaded CAs.
pub struct Authorities {
    cluster: String,
    ssh_user: SshCa,
    ssh_host: SshCa,
    tls: X509Ca,
    db: X509Ca,
    db_client: X509Ca,
}

/// What goes into a TLS certificate's subject.
pub struct TlsSubject<'a> {
    /// CN: user or system identity name.
    pub common_name: &'a str,
    /// O: roles.
    pub organizations: &'a [String],
    /// OU: identity kind markers.
    pub organizational_units: &'a [&'a str],
}

impl Authorities {
    /// Loads the CAs, creating those that do not exist yet with the keys `suite` names.
    pub fn load_or_create(store: &Store, cluster: &str, suite: Suite) -> Result<Self> {
        let (ssh_alg, x509_alg) = suite.ca_keys()?;
        let ssh_user = SshCa::new(ssh_ca(store, "ssh_user", ssh_alg)?)?;
        let ssh_host = SshCa::new(ssh_ca(store, "ssh_host", ssh_alg)?)?;
        Ok(Self {
            cluster: cluster.to_string(),
            ssh_user,
            ssh_host,
            tls: X509Ca::load_or_create(store, "tls", cluster, x509_alg)?,
            db: X509Ca::load_or_create(store, "db", cluster, x509_alg)?,
            db_client: X509Ca::load_or_create(store, "db_client", cluster, x509_alg)?,
        })
    }

    /// The kinds of key the server's own identities get: those of its CAs (the proxy's SSH host
    /// key like the host CA, the web listener's TLS key like the TLS CA).
    pub fn identity_keys(&self) -> (KeyAlgorithm, KeyAlgorithm) {
        let ssh = match self.ssh_host.key().algorithm() {
            ssh_key::Algorithm::Rsa { .. } => KeyAlgorithm::Rsa2048,
            ssh_key::Algorithm::Ecdsa { .. } => KeyAlgorithm::EcdsaP256,
            _ => KeyAlgorithm::Ed25519,
        };
        (ssh, self.tls.algorithm)
    }

    /// The cluster's name.
    pub fn cluster(&self) -> &str {
        &self.cluster
    }

    /// The TLS CA certificate (PEM).
    pub fn tls_ca_pem(&self) -> &str {
        &self.tls.pem
    }

    /// The TLS CA certificate (DER).
    pub fn tls_ca_der(&self) -> &[u8] {
        &self.tls.der
    }

    /// The CA pin of the TLS CA.
    pub fn pin(&self) -> Result<String> {
        tls::ca_pin(&self.tls.der)
    }

    /// The SSH user CA's public key.
    pub fn ssh_user_ca(&self) -> &PublicKey {
        self.ssh_user.key().public_key()
    }

    /// The SSH host CA's public key.
    pub fn ssh_host_ca(&self) -> &PublicKey {
        self.ssh_host.key().public_key()
    }

    /// The `@cert-authority` known_hosts line of the host CA.
    pub fn host_ca_line(&self) -> String {
        sshca::host_ca_line(self.ssh_host_ca(), &self.cluster, &[])
    }

    /// What `GET /webapi/auth/export` answers.
    pub fn export(&self, kind: Option<ExportType>) -> String {
        let user = sshca::user_ca_line(self.ssh_user_ca(), &self.cluster) + "\n";
        let host = self.host_ca_line() + "\n";
        match kind {
            None => host + &user,
            Some(ExportType::User | ExportType::Openssh) => user,
            Some(ExportType::Host) => host,
            Some(ExportType::TlsHost | ExportType::TlsUser) => self.tls.pem.clone(),
            Some(ExportType::Db) => self.db.pem.clone(),
            Some(ExportType::DbClient) => self.db_client.pem.clone(),
        }
    }

    /// Signs an SSH host certificate; `ttl` none means it never expires (as Teleport's
    /// `tctl auth sign --host`).
    pub fn sign_host(
        &self,
        key: &PublicKey,
        principals: &[String],
        ttl: Option<Duration>,
        role: &str,
    ) -> Result<Certificate> {
        let now = SystemTime::now();
        let after = unix(now - SKEW);
        let before = match ttl {
            Some(ttl) => unix(now + ttl),
            None => u64::MAX,
        };
        let mut b = builder(key, after, before)?;
        b.cert_type(CertType::Host).map_err(ssh)?;
        b.key_id("").map_err(ssh)?;
        for p in principals {
            b.valid_principal(p.clone()).map_err(ssh)?;
        }
        b.extension("x-teleport-role", role).map_err(ssh)?;
        b.extension("x-teleport-authority", self.cluster.clone()).map_err(ssh)?;
        b.sign(&self.ssh_host).map_err(ssh)
    }

    /// Signs an SSH user certificate.
    pub fn sign_user(
        &self,
        key: &PublicKey,
        user: &str,
        principals: &[String],
        ttl: Duration,
        extensions: &[(String, String)],
    ) -> Result<Certificate> {
        let now = SystemTime::now();
        let mut b = builder(key, unix(now - SKEW), unix(now + ttl))?;
        b.cert_type(CertType::User).map_err(ssh)?;
        b.key_id(user).map_err(ssh)?;
        for p in principals {
            b.valid_principal(p.clone()).map_err(ssh)?;
        }
        for (name, value) in extensions {
            b.extension(name.clone(), value.clone()).map_err(ssh)?;
        }
        b.sign(&self.ssh_user).map_err(ssh)
    }

    /// Signs a TLS client certificate for a public key (PKIX PEM).
    pub fn sign_tls_client(&self, public_key_pem: &str, subject: &TlsSubject<'_>, ttl: Duration) -> Result<String> {
        let spki = SubjectPublicKeyInfo::from_pem(public_key_pem)
            .map_err(|_| Error::bad_parameter("tls_public_key: not a PKIX public key PEM"))?;
        let mut p = self.leaf_params(subject, ttl)?;
        p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        Ok(p.signed_by(&spki, &self.tls.issuer).map_err(rc)?.pem())
    }

    /// Signs a routed client certificate: `subject` plus the route (and the MFA device, for a
    /// per-session certificate) as subject attributes (`tele_common::api::routes`).
    pub fn sign_tls_route(
        &self,
        public_key_pem: &str,
        subject: &TlsSubject<'_>,
        route: &RouteTarget,
        mfa_device: Option<&str>,
        ttl: Duration,
    ) -> Result<String> {
        let spki = SubjectPublicKeyInfo::from_pem(public_key_pem)
            .map_err(|_| Error::bad_parameter("tls_public_key: not a PKIX public key PEM"))?;
        let mut p = self.leaf_params(subject, ttl)?;
        let custom = |oid: &[u64]| DnType::CustomDnType(oid.to_vec());
        match route {
            RouteTarget::Database { name, db_user, db_name } => {
                p.distinguished_name.push(custom(routes::OID_DB_SERVICE), name.as_str());
                p.distinguished_name.push(custom(routes::OID_DB_PROTOCOL), "postgres");
                p.distinguished_name.push(custom(routes::OID_DB_USER), db_user.as_str());
                if !db_name.is_empty() {
                    p.distinguished_name.push(custom(routes::OID_DB_NAME), db_name.as_str());
                }
            }
            RouteTarget::KubeCluster { name } => {
                p.distinguished_name
                    .push(custom(routes::OID_KUBE_CLUSTER), name.as_str());
            }
        }
        if let Some(device) = mfa_device {
            p.distinguished_name.push(custom(routes::OID_MFA_VERIFIED), device);
        }
        p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        Ok(p.signed_by(&spki, &self.tls.issuer).map_err(rc)?.pem())
    }

    /// Issues the web listener's certificate and key for the given names (DNS names or IPs).
    pub fn server_identity(&self, names: &[String], ttl: Duration) -> Result<(String, String)> {
        let key = TlsKey::generate(self.tls.algorithm)?;
        let key = key.key_pair();
        let subject = TlsSubject {
            common_name: &self.cluster,
            organizations: &[],
            organizational_units: &[],
        };
        let mut p = self.leaf_params(&subject, ttl)?;
        x509::server_names(&mut p, names)?;
        let cert = p.signed_by(&key, &self.tls.issuer).map_err(rc)?;
        Ok((cert.pem(), key.serialize_pem()))
    }

    fn leaf_params(&self, subject: &TlsSubject<'_>, ttl: Duration) -> Result<CertificateParams> {
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, subject.common_name);
        for o in subject.organizations {
            dn.push(DnType::OrganizationName, o.as_str());
        }
        for ou in subject.organizational_units {
            dn.push(DnType::OrganizationalUnitName, *ou);
        }
        x509::leaf_params(dn, ttl)
    }
}

fn ssh_ca(store: &Store, kind: &str, alg: KeyAlgorithm) -> Result<PrivateKey> {
    if let Some(row) = store.ca(kind)? {
        return PrivateKey::from_openssh(&row.private_key).map_err(ssh);
    }
    // An RSA CA signs with rsa-sha2-512 (ssh-key's default for RSA keys).
    let key = SshKey::generate(alg)?.private().clone();
    let row = CaRow {
        private_key: key.to_openssh(LineEnding::LF).map_err(ssh)?.to_string(),
        public: key.public_key().to_openssh().map_err(ssh)?,
    };
    store.insert_ca(kind, &row)?;
    Ok(key)
}

fn builder(key: &PublicKey, after: u64, before: u64) -> Result<Builder> {
    Builder::new_with_random_nonce(&mut rand::rng(), key.key_data().clone(), after, before).map_err(ssh)
}

fn unix(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

fn rc(e: rcgen::Error) -> Error {
    Error::internal(format!("X.509: {e}"))
}

fn ssh(e: ssh_key::Error) -> Error {
    Error::internal(format!("SSH certificate: {e}"))
}

#[cfg(test)]
mod tests;
