//! The cluster's certificate authorities: SSH user CA and SSH host CA (Ed25519), TLS CA
//! (ECDSA P-256). Created on first start, loaded after. Signing happens here and nowhere else.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, SanType, SubjectPublicKeyInfo,
};
use ssh_key::certificate::{Builder, CertType};
use ssh_key::{Algorithm, Certificate, LineEnding, PrivateKey, PublicKey};
use tele_common::error::{Error, Result};
use tele_common::sshca::{self, ExportType};
use tele_common::tls;

use crate::store::{CaRow, Store};

/// OU that marks a system identity (not a user) in TLS certificates.
pub const SYSTEM_OU: &str = "teleport-system";
/// The system role of the admin identity `tctl -c` uses.
pub const ADMIN_ROLE: &str = "Admin";
/// How long CA certificates are valid.
const CA_VALIDITY: Duration = Duration::from_secs(10 * 365 * 24 * 3600);
/// Certificates start a minute in the past, against clock skew.
const SKEW: Duration = Duration::from_secs(60);

/// The loaded CAs.
pub struct Authorities {
    cluster: String,
    ssh_user: PrivateKey,
    ssh_host: PrivateKey,
    tls_issuer: Issuer<'static, KeyPair>,
    tls_cert_pem: String,
    tls_cert_der: Vec<u8>,
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
    /// Loads the CAs, creating those that do not exist yet.
    pub fn load_or_create(store: &Store, cluster: &str) -> Result<Self> {
        let ssh_user = ssh_ca(store, "ssh_user")?;
        let ssh_host = ssh_ca(store, "ssh_host")?;
        let row = match store.ca("tls")? {
            Some(row) => row,
            None => {
                let key = KeyPair::generate().map_err(rc)?;
                let mut p = CertificateParams::new(Vec::<String>::new()).map_err(rc)?;
                let mut dn = DistinguishedName::new();
                dn.push(DnType::CommonName, cluster);
                dn.push(DnType::OrganizationName, cluster);
                p.distinguished_name = dn;
                p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
                p.key_usages = vec![
                    KeyUsagePurpose::KeyCertSign,
                    KeyUsagePurpose::CrlSign,
                    KeyUsagePurpose::DigitalSignature,
                ];
                let now = SystemTime::now();
                p.not_before = (now - SKEW).into();
                p.not_after = (now + CA_VALIDITY).into();
                let cert = p.self_signed(&key).map_err(rc)?;
                let row = CaRow {
                    private_key: key.serialize_pem(),
                    public: cert.pem(),
                };
                store.insert_ca("tls", &row)?;
                row
            }
        };
        let key = KeyPair::from_pem(&row.private_key).map_err(rc)?;
        let tls_cert_der = tls::parse_certs_pem(&row.public)?.remove(0).to_vec();
        let tls_issuer = Issuer::from_ca_cert_pem(&row.public, key).map_err(rc)?;
        Ok(Self {
            cluster: cluster.to_string(),
            ssh_user,
            ssh_host,
            tls_issuer,
            tls_cert_pem: row.public,
            tls_cert_der,
        })
    }

    /// The cluster's name.
    pub fn cluster(&self) -> &str {
        &self.cluster
    }

    /// The TLS CA certificate (PEM).
    pub fn tls_ca_pem(&self) -> &str {
        &self.tls_cert_pem
    }

    /// The TLS CA certificate (DER).
    pub fn tls_ca_der(&self) -> &[u8] {
        &self.tls_cert_der
    }

    /// The CA pin of the TLS CA.
    pub fn pin(&self) -> Result<String> {
        tls::ca_pin(&self.tls_cert_der)
    }

    /// The SSH user CA's public key.
    pub fn ssh_user_ca(&self) -> &PublicKey {
        self.ssh_user.public_key()
    }

    /// The SSH host CA's public key.
    pub fn ssh_host_ca(&self) -> &PublicKey {
        self.ssh_host.public_key()
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
            Some(ExportType::TlsHost | ExportType::TlsUser) => self.tls_cert_pem.clone(),
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
        Ok(p.signed_by(&spki, &self.tls_issuer).map_err(rc)?.pem())
    }

    /// Issues the web listener's certificate and key for the given names (DNS names or IPs).
    pub fn server_identity(&self, names: &[String], ttl: Duration) -> Result<(String, String)> {
        let key = KeyPair::generate().map_err(rc)?;
        let subject = TlsSubject {
            common_name: &self.cluster,
            organizations: &[],
            organizational_units: &[],
        };
        let mut p = self.leaf_params(&subject, ttl)?;
        p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        for name in names {
            let san = match name.parse::<std::net::IpAddr>() {
                Ok(ip) => SanType::IpAddress(ip),
                Err(_) => SanType::DnsName(name.clone().try_into().map_err(rc)?),
            };
            if !p.subject_alt_names.contains(&san) {
                p.subject_alt_names.push(san);
            }
        }
        let cert = p.signed_by(&key, &self.tls_issuer).map_err(rc)?;
        Ok((cert.pem(), key.serialize_pem()))
    }

    fn leaf_params(&self, subject: &TlsSubject<'_>, ttl: Duration) -> Result<CertificateParams> {
        let mut p = CertificateParams::new(Vec::<String>::new()).map_err(rc)?;
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, subject.common_name);
        for o in subject.organizations {
            dn.push(DnType::OrganizationName, o.as_str());
        }
        for ou in subject.organizational_units {
            dn.push(DnType::OrganizationalUnitName, *ou);
        }
        p.distinguished_name = dn;
        p.key_usages = vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::KeyEncipherment];
        let now = SystemTime::now();
        p.not_before = (now - SKEW).into();
        p.not_after = (now + ttl).into();
        p.serial_number = Some(rand::random::<[u8; 16]>().to_vec().into());
        Ok(p)
    }
}

fn ssh_ca(store: &Store, kind: &str) -> Result<PrivateKey> {
    if let Some(row) = store.ca(kind)? {
        return PrivateKey::from_openssh(&row.private_key).map_err(ssh);
    }
    let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).map_err(ssh)?;
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
