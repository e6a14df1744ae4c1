use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ssh_key::{Algorithm, HashAlg};
use tele_common::keys::{KeyAlgorithm, SshKey, TlsKey};
use tele_common::suite::Suite;
use x509_parser::prelude::*;

use super::{Authorities, TlsSubject};
use crate::store::Store;

fn der(pem: &str) -> Vec<u8> {
    tele_common::tls::parse_certs_pem(pem).unwrap().remove(0).to_vec()
}

#[test]
fn legacy_cas_are_rsa_and_sign_with_sha2() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let cas = Authorities::load_or_create(&store, "example.test", Suite::Legacy).unwrap();
    assert!(cas.ssh_user_ca().algorithm().is_rsa());
    assert!(cas.ssh_host_ca().algorithm().is_rsa());
    assert_eq!(cas.identity_keys(), (KeyAlgorithm::Rsa2048, KeyAlgorithm::Rsa2048));
    // SSH: rsa-sha2-512 over a user certificate for an ECDSA key.
    let user = SshKey::generate(KeyAlgorithm::EcdsaP256).unwrap();
    let cert = cas
        .sign_user(
            user.private().public_key(),
            "alice",
            &["alice".into()],
            Duration::from_secs(60),
            &[],
        )
        .unwrap();
    assert_eq!(
        cert.signature().algorithm(),
        Algorithm::Rsa {
            hash: Some(HashAlg::Sha512)
        }
    );
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    cert.validate_at(now, [&cas.ssh_user_ca().fingerprint(Default::default())])
        .unwrap();
    // X.509: an RSA CA, sha256WithRSAEncryption, over a P-256 client key.
    let ca_der = der(cas.tls_ca_pem());
    let (_, ca) = X509Certificate::from_der(&ca_der).unwrap();
    assert_eq!(
        ca.public_key().algorithm.algorithm,
        x509_parser::oid_registry::OID_PKCS1_RSAENCRYPTION
    );
    let client = TlsKey::generate(KeyAlgorithm::EcdsaP256).unwrap();
    let subject = TlsSubject {
        common_name: "alice",
        organizations: &[],
        organizational_units: &[],
    };
    let pem = cas
        .sign_tls_client(&client.public_pem(), &subject, Duration::from_secs(60))
        .unwrap();
    let leaf_der = der(&pem);
    let (_, leaf) = X509Certificate::from_der(&leaf_der).unwrap();
    assert_eq!(
        leaf.signature_algorithm.algorithm,
        x509_parser::oid_registry::OID_PKCS1_SHA256WITHRSA
    );
    leaf.verify_signature(Some(ca.public_key())).unwrap();
    let (_, key) = cas
        .server_identity(&["localhost".into()], Duration::from_secs(60))
        .unwrap();
    assert_eq!(TlsKey::from_pem(&key).unwrap().algorithm(), KeyAlgorithm::Rsa2048);
}

#[test]
fn a_data_dir_keeps_its_cas_whatever_the_suite_says_later() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let balanced = Authorities::load_or_create(&store, "example.test", Suite::BalancedV1).unwrap();
    assert_eq!(balanced.ssh_user_ca().algorithm(), Algorithm::Ed25519);
    assert_eq!(
        balanced.identity_keys(),
        (KeyAlgorithm::Ed25519, KeyAlgorithm::EcdsaP256)
    );
    let again = Authorities::load_or_create(&store, "example.test", Suite::Legacy).unwrap();
    assert_eq!(again.ssh_user_ca(), balanced.ssh_user_ca());
    assert_eq!(again.tls_ca_pem(), balanced.tls_ca_pem());
    assert!(Authorities::load_or_create(&store, "example.test", Suite::HsmV1).is_err());
}
