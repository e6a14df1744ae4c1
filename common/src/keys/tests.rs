use super::*;

#[test]
fn ssh_keys_of_every_kind_round_trip_and_hide_in_debug() {
    for (alg, prefix) in [
        (KeyAlgorithm::Ed25519, "ssh-ed25519 "),
        (KeyAlgorithm::EcdsaP256, "ecdsa-sha2-nistp256 "),
        (KeyAlgorithm::Rsa2048, "ssh-rsa "),
    ] {
        let k = SshKey::generate(alg).unwrap();
        let pem = k.to_openssh().unwrap();
        assert!(pem.expose().starts_with("-----BEGIN OPENSSH PRIVATE KEY-----"));
        let back = SshKey::from_pem(pem.expose()).unwrap();
        assert_eq!(back.public_openssh(), k.public_openssh());
        assert!(k.public_openssh().starts_with(prefix), "{alg}: {}", k.public_openssh());
        assert!(!format!("{k:?}").contains("PRIVATE"));
        assert_eq!(k.signature_hash().is_some(), alg == KeyAlgorithm::Rsa2048);
    }
}

#[test]
fn tls_keys_are_written_as_teleport_writes_them_and_read_in_every_form() {
    let ec = TlsKey::generate(KeyAlgorithm::EcdsaP256).unwrap();
    assert!(ec.private_pem().expose().starts_with("-----BEGIN PRIVATE KEY-----"));
    assert_eq!(format!("{:?}", ec.private_pem()), "Secret(..)");
    assert_eq!(format!("{ec:?}"), "TlsKey(ECDSA P-256)");
    let rsa = TlsKey::generate(KeyAlgorithm::Rsa2048).unwrap();
    let pkcs1 = rsa.private_pem();
    assert!(pkcs1.expose().starts_with("-----BEGIN RSA PRIVATE KEY-----"));
    assert_eq!(rsa.algorithm(), KeyAlgorithm::Rsa2048);
    // PKCS#1 and PKCS#8 of one RSA key, SEC1 and PKCS#8 of one P-256 key: same public key.
    let pkcs8 = rsa.key_pair().serialize_pem();
    for pem in [pkcs1.expose(), pkcs8.as_str()] {
        assert_eq!(TlsKey::from_pem(pem).unwrap().public_pem(), rsa.public_pem());
        crate::tls::parse_key_pem(pem).unwrap();
    }
    let secret = p256::SecretKey::from_pkcs8_der(&ec.key_pair().serialize_der()).unwrap();
    let sec1 = secret.to_sec1_pem(rsa::pkcs8::LineEnding::LF).unwrap();
    assert!(sec1.starts_with("-----BEGIN EC PRIVATE KEY-----"));
    assert_eq!(TlsKey::from_pem(&sec1).unwrap().public_pem(), ec.public_pem());
    crate::tls::parse_key_pem(&sec1).unwrap();
    assert!(TlsKey::from_pem("-----BEGIN DSA PRIVATE KEY-----\nAA==\n-----END DSA PRIVATE KEY-----\n").is_err());
}

#[test]
fn one_rsa_key_serves_ssh_and_tls_and_pem_keys_become_ssh_keys() {
    let (ssh, tls) = generate_pair(KeyAlgorithm::Rsa2048, KeyAlgorithm::Rsa2048).unwrap();
    // An older identity file's one PKCS#1 block is the SSH key too.
    let from_pkcs1 = SshKey::from_pem(tls.private_pem().expose()).unwrap();
    assert_eq!(from_pkcs1.public_openssh(), ssh.public_openssh());
    let (ssh, tls) = generate_pair(KeyAlgorithm::Ed25519, KeyAlgorithm::EcdsaP256).unwrap();
    assert!(ssh.public_openssh().starts_with("ssh-ed25519 "));
    let ec = SshKey::from_pem(tls.private_pem().expose()).unwrap();
    assert!(ec.public_openssh().starts_with("ecdsa-sha2-nistp256 "));
}

#[test]
fn rsa_signs_with_sha2_only() {
    use signature::Verifier;
    let key = SshKey::generate(KeyAlgorithm::Rsa2048).unwrap();
    assert!(key.sign(b"data", None).is_err(), "ssh-rsa (SHA-1) is not made");
    for hash in [HashAlg::Sha256, HashAlg::Sha512] {
        let sig = key.sign(b"data", Some(hash)).unwrap();
        assert_eq!(sig.algorithm(), Algorithm::Rsa { hash: Some(hash) });
        Verifier::verify(key.private().public_key(), b"data", &sig).unwrap();
    }
    let ec = SshKey::generate(KeyAlgorithm::EcdsaP256).unwrap();
    let sig = ec.sign(b"data", Some(HashAlg::Sha512)).unwrap();
    Verifier::verify(ec.private().public_key(), b"data", &sig).unwrap();
}
