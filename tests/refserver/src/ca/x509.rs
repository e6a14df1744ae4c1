//! X.509 certificate authorities (the TLS CA and the database CAs `db` and `db_client`), kept
//! as rows of `cert_authorities` and created on first use, so a data dir made by an older
//! version gains the newer CAs on its next start.

use std::time::{Duration, SystemTime};

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, SanType,
};
use tele_common::error::Result;
use tele_common::keys::{KeyAlgorithm, TlsKey};
use tele_common::tls;

use super::{SKEW, rc};
use crate::store::{CaRow, Store};

/// How long CA certificates are valid.
const CA_VALIDITY: Duration = Duration::from_secs(10 * 365 * 24 * 3600);

/// One loaded X.509 CA.
pub(super) struct X509Ca {
    pub(super) issuer: Issuer<'static, KeyPair>,
    pub(super) pem: String,
    pub(super) der: Vec<u8>,
    /// The CA key's kind (RSA signs with SHA-256).
    pub(super) algorithm: KeyAlgorithm,
}

impl X509Ca {
    /// Loads the CA of `kind`, creating it (CN and O = the cluster name, as Teleport's, with an
    /// `alg` key) if absent.
    pub(super) fn load_or_create(store: &Store, kind: &str, cluster: &str, alg: KeyAlgorithm) -> Result<Self> {
        let row = match store.ca(kind)? {
            Some(row) => row,
            None => {
                let row = self_signed(cluster, alg)?;
                store.insert_ca(kind, &row)?;
                row
            }
        };
        let key = KeyPair::from_pem(&row.private_key).map_err(rc)?;
        let algorithm = TlsKey::algorithm_of(&key);
        let der = tls::parse_certs_pem(&row.public)?.remove(0).to_vec();
        let issuer = Issuer::from_ca_cert_pem(&row.public, key).map_err(rc)?;
        Ok(Self {
            issuer,
            pem: row.public,
            der,
            algorithm,
        })
    }
}

fn self_signed(cluster: &str, alg: KeyAlgorithm) -> Result<CaRow> {
    let key = TlsKey::generate(alg)?;
    let key = key.key_pair();
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
    let cert = p.self_signed(key).map_err(rc)?;
    Ok(CaRow {
        private_key: key.serialize_pem(),
        public: cert.pem(),
    })
}

/// Leaf parameters: the subject, digital signature + key encipherment, from now - skew to now +
/// ttl, a random serial.
pub(super) fn leaf_params(dn: DistinguishedName, ttl: Duration) -> Result<CertificateParams> {
    let mut p = CertificateParams::new(Vec::<String>::new()).map_err(rc)?;
    p.distinguished_name = dn;
    p.key_usages = vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::KeyEncipherment];
    let now = SystemTime::now();
    p.not_before = (now - SKEW).into();
    p.not_after = (now + ttl).into();
    p.serial_number = Some(rand::random::<[u8; 16]>().to_vec().into());
    Ok(p)
}

/// Adds server-auth use and one SAN per name (an IP address or a DNS name), without repeats.
pub(super) fn server_names(p: &mut CertificateParams, names: &[String]) -> Result<()> {
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
    Ok(())
}
