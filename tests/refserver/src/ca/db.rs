//! The database CAs: `db` signs database server certificates (what `tctl auth sign --format=db`
//! gives PostgreSQL), `db_client` signs the client certificates the database proxy presents to
//! databases (what PostgreSQL trusts through `ssl_ca_file`).

use std::time::Duration;

use rcgen::{DistinguishedName, DnType, ExtendedKeyUsagePurpose, KeyPair, SubjectPublicKeyInfo};
use tele_common::error::{Error, Result};

use super::x509::{leaf_params, server_names};
use super::{Authorities, rc};

impl Authorities {
    /// The database server CA (PEM): clients verify databases with it.
    pub fn db_ca_pem(&self) -> &str {
        &self.db.pem
    }

    /// The database client CA (PEM): databases verify the proxy's client certificates with it.
    pub fn db_client_ca_pem(&self) -> &str {
        &self.db_client.pem
    }

    /// Signs a database server certificate for a public key (PKIX PEM): CN = the first name,
    /// one SAN per name (DNS or IP).
    pub fn sign_db_server(&self, public_key_pem: &str, names: &[String], ttl: Duration) -> Result<String> {
        let spki = SubjectPublicKeyInfo::from_pem(public_key_pem)
            .map_err(|_| Error::bad_parameter("public_key: not a PKIX public key PEM"))?;
        self.sign_db_server_key(&spki, names, ttl)
    }

    /// Signs a database server certificate for the key of a certificate request (PEM), as
    /// `GenerateDatabaseCert` does: the request's key, the hosts the caller names.
    pub fn sign_db_csr(&self, csr_pem: &str, names: &[String], ttl: Duration) -> Result<String> {
        let csr = rcgen::CertificateSigningRequestParams::from_pem(csr_pem)
            .map_err(|e| Error::bad_parameter(format!("CSR: not a certificate request: {e}")))?;
        self.sign_db_server_key(&csr.public_key, names, ttl)
    }

    fn sign_db_server_key(&self, key: &impl rcgen::PublicKeyData, names: &[String], ttl: Duration) -> Result<String> {
        let first = names
            .first()
            .ok_or_else(|| Error::bad_parameter("hosts: at least one host name or address is required"))?;
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, first.as_str());
        dn.push(DnType::OrganizationName, self.cluster.as_str());
        let mut p = leaf_params(dn, ttl)?;
        server_names(&mut p, names)?;
        Ok(p.signed_by(key, &self.db.issuer).map_err(rc)?.pem())
    }

    /// A client certificate and its new key (PEMs) for database user `user` (CN, as PostgreSQL's
    /// `cert` authentication demands), signed by the database client CA.
    pub fn sign_db_client(&self, user: &str, ttl: Duration) -> Result<(String, String)> {
        if user.is_empty() {
            return Err(Error::bad_parameter("database user: must not be empty"));
        }
        let key = KeyPair::generate().map_err(rc)?;
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, user);
        dn.push(DnType::OrganizationName, self.cluster.as_str());
        let mut p = leaf_params(dn, ttl)?;
        p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        let cert = p.signed_by(&key, &self.db_client.issuer).map_err(rc)?;
        Ok((cert.pem(), key.serialize_pem()))
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    use x509_parser::prelude::*;

    use tele_common::suite::Suite;

    use crate::ca::Authorities;
    use crate::store::Store;

    fn authorities() -> (tempfile::TempDir, Authorities) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let cas = Authorities::load_or_create(&store, "example.test", Suite::BalancedV1).unwrap();
        (dir, cas)
    }

    fn der(pem: &str) -> Vec<u8> {
        tele_common::tls::parse_certs_pem(pem).unwrap().remove(0).to_vec()
    }

    #[test]
    fn db_client_cert_is_signed_by_the_db_client_ca_for_the_user() {
        let (_dir, cas) = authorities();
        let (cert_pem, key_pem) = cas.sign_db_client("alice", Duration::from_secs(3600)).unwrap();
        assert!(key_pem.contains("PRIVATE KEY"));
        let cert_der = der(&cert_pem);
        let (_, cert) = X509Certificate::from_der(&cert_der).unwrap();
        let ca_der = der(cas.db_client_ca_pem());
        let (_, ca) = X509Certificate::from_der(&ca_der).unwrap();
        assert_eq!(cert.issuer(), ca.subject());
        cert.verify_signature(Some(ca.public_key())).unwrap();
        let other_der = der(cas.db_ca_pem());
        let (_, other) = X509Certificate::from_der(&other_der).unwrap();
        assert!(cert.verify_signature(Some(other.public_key())).is_err());
        let cn: Vec<&str> = cert.subject().iter_common_name().map(|a| a.as_str().unwrap()).collect();
        assert_eq!(cn, ["alice"]);
        let eku = cert.extended_key_usage().unwrap().unwrap().value;
        assert!(eku.client_auth && !eku.server_auth);
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
        let v = cert.validity();
        assert!(v.not_before.timestamp() <= now - 30);
        assert!((v.not_after.timestamp() - (now + 3600)).abs() <= 5);
        assert!(cas.sign_db_client("", Duration::from_secs(60)).is_err());
    }

    #[test]
    fn db_cas_are_distinct_and_survive_a_reload() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let first = Authorities::load_or_create(&store, "example.test", Suite::BalancedV1).unwrap();
        assert_ne!(first.db_ca_pem(), first.db_client_ca_pem());
        assert_ne!(first.db_ca_pem(), first.tls_ca_pem());
        drop(store);
        let store = Store::open(dir.path()).unwrap();
        let again = Authorities::load_or_create(&store, "example.test", Suite::BalancedV1).unwrap();
        assert_eq!(first.db_ca_pem(), again.db_ca_pem());
        assert_eq!(first.db_client_ca_pem(), again.db_client_ca_pem());
    }

    #[test]
    fn a_data_dir_without_db_cas_gains_them_and_keeps_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let before = Authorities::load_or_create(&store, "example.test", Suite::BalancedV1).unwrap();
        drop(store);
        // What a data dir made before the database CAs existed looks like.
        let conn = rusqlite::Connection::open(dir.path().join("teleport.db")).unwrap();
        conn.execute("DELETE FROM cert_authorities WHERE kind IN ('db', 'db_client')", [])
            .unwrap();
        drop(conn);
        let store = Store::open(dir.path()).unwrap();
        let after = Authorities::load_or_create(&store, "example.test", Suite::BalancedV1).unwrap();
        assert_eq!(before.tls_ca_pem(), after.tls_ca_pem());
        assert_eq!(before.ssh_user_ca(), after.ssh_user_ca());
        assert_ne!(before.db_ca_pem(), after.db_ca_pem());
        assert!(store.ca("db").unwrap().is_some() && store.ca("db_client").unwrap().is_some());
    }
}
