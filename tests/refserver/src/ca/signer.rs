//! An SSH CA key ready to sign. ssh-key signs with an Ed25519 key by rebuilding
//! `ed25519_dalek::SigningKey` from the stored bytes at every call, and that rebuild derives the
//! public key: a base-point multiplication as dear as the signature itself, which made half the
//! CA's cost per certificate (profiled under `cargo xtask stress cert-issuance`). The signing key
//! is expanded here once, when the CA is loaded, and checked against the stored public key; RSA
//! and ECDSA CAs sign through ssh-key as before.

use ed25519_dalek::Signer;
use ed25519_dalek::ed25519::signature;
use ssh_key::private::KeypairData;
use ssh_key::public::KeyData;
use ssh_key::{Algorithm, PrivateKey, Signature};
use tele_common::error::{Error, Result};

/// A CA's private key, and its Ed25519 signing key expanded once.
pub struct SshCa {
    key: PrivateKey,
    ed25519: Option<ed25519_dalek::SigningKey>,
}

impl SshCa {
    /// Wraps `key`; an Ed25519 key whose private half does not match its public half is refused.
    pub fn new(key: PrivateKey) -> Result<Self> {
        let ed25519 = match key.key_data() {
            KeypairData::Ed25519(pair) => Some(
                ed25519_dalek::SigningKey::try_from(pair)
                    .map_err(|e| Error::internal(format!("SSH CA: Ed25519 key: {e}")))?,
            ),
            _ => None,
        };
        Ok(Self { key, ed25519 })
    }

    /// The private key (and through it the public key).
    pub fn key(&self) -> &PrivateKey {
        &self.key
    }
}

impl Signer<Signature> for SshCa {
    fn try_sign(&self, message: &[u8]) -> signature::Result<Signature> {
        match &self.ed25519 {
            Some(key) => {
                let sig: ed25519_dalek::Signature = key.try_sign(message)?;
                Ok(Signature::new(Algorithm::Ed25519, sig.to_bytes().to_vec())?)
            }
            None => self.key.try_sign(message),
        }
    }
}

/// What ssh-key's certificate builder writes as the signature key.
impl From<&SshCa> for KeyData {
    fn from(ca: &SshCa) -> KeyData {
        ca.key.public_key().key_data().clone()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tele_common::keys::{KeyAlgorithm, SshKey};

    use super::*;

    /// The cached key signs what ssh-key's own path signs (Ed25519 is deterministic), and the
    /// certificate verifies against the CA.
    #[test]
    fn ed25519_signatures_match_ssh_key() {
        let key = SshKey::generate(KeyAlgorithm::Ed25519).unwrap().private().clone();
        let ca = SshCa::new(key.clone()).unwrap();
        assert!(ca.ed25519.is_some());
        let message = b"to be signed";
        let ours = Signer::<Signature>::try_sign(&ca, message).unwrap();
        let theirs = Signer::<Signature>::try_sign(&key, message).unwrap();
        assert_eq!(ours, theirs);

        let user = SshKey::generate(KeyAlgorithm::Ed25519).unwrap();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let mut b = ssh_key::certificate::Builder::new_with_random_nonce(
            &mut rand::rng(),
            user.private().public_key().key_data().clone(),
            now - 60,
            now + Duration::from_secs(60).as_secs(),
        )
        .unwrap();
        b.valid_principal("alice").unwrap();
        let cert = b.sign(&ca).unwrap();
        let fingerprint = key.public_key().fingerprint(Default::default());
        cert.validate_at(now, &[fingerprint]).unwrap();
    }

    /// A key whose halves do not belong together is refused at load, not at the first signature.
    #[test]
    fn mismatched_ed25519_halves_are_refused() {
        let a = SshKey::generate(KeyAlgorithm::Ed25519).unwrap().private().clone();
        let b = SshKey::generate(KeyAlgorithm::Ed25519).unwrap().private().clone();
        let (KeypairData::Ed25519(pa), KeypairData::Ed25519(pb)) = (a.key_data(), b.key_data()) else {
            panic!("not Ed25519");
        };
        let mixed = ssh_key::private::Ed25519Keypair {
            public: pa.public,
            private: pb.private.clone(),
        };
        let key = PrivateKey::new(KeypairData::Ed25519(mixed), "").unwrap();
        assert!(SshCa::new(key).is_err());
    }
}
