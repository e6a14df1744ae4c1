//! Keys made on the client: Ed25519 for SSH, ECDSA P-256 for TLS. The server only ever sees the
//! public halves. Private key material is zeroized on drop and never shown by `Debug`.

use std::fmt;

use ssh_key::{Algorithm, LineEnding, PrivateKey};

use crate::error::{Error, Result};

/// An SSH key pair.
#[derive(Clone)]
pub struct SshKey(PrivateKey);

impl fmt::Debug for SshKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SshKey({})", self.0.fingerprint(ssh_key::HashAlg::Sha256))
    }
}

impl SshKey {
    /// Generates an Ed25519 key.
    pub fn generate() -> Result<Self> {
        PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519)
            .map(Self)
            .map_err(|e| Error::internal(format!("generating SSH key: {e}")))
    }

    /// Reads an OpenSSH private key.
    pub fn from_openssh(pem: &str) -> Result<Self> {
        PrivateKey::from_openssh(pem)
            .map(Self)
            .map_err(|e| Error::bad_parameter(format!("invalid SSH private key: {e}")))
    }

    /// Returns the OpenSSH private key text (zeroized when dropped).
    pub fn to_openssh(&self) -> Result<zeroize_string::Secret> {
        self.0
            .to_openssh(LineEnding::LF)
            .map(zeroize_string::Secret)
            .map_err(|e| Error::internal(format!("encoding SSH key: {e}")))
    }

    /// Returns the public key as an authorized_keys line (`ssh-ed25519 AAAA...`), no comment.
    pub fn public_openssh(&self) -> String {
        self.0.public_key().to_openssh().unwrap_or_default()
    }

    /// Returns the key for signing.
    pub fn private(&self) -> &PrivateKey {
        &self.0
    }
}

/// A TLS key pair (ECDSA P-256, PKCS#8).
pub struct TlsKey(rcgen::KeyPair);

impl fmt::Debug for TlsKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TlsKey(P-256)")
    }
}

impl TlsKey {
    /// Generates a P-256 key.
    pub fn generate() -> Result<Self> {
        rcgen::KeyPair::generate()
            .map(Self)
            .map_err(|e| Error::internal(format!("generating TLS key: {e}")))
    }

    /// Reads a PKCS#8 PEM key.
    pub fn from_pem(pem: &str) -> Result<Self> {
        rcgen::KeyPair::from_pem(pem)
            .map(Self)
            .map_err(|e| Error::bad_parameter(format!("invalid TLS private key: {e}")))
    }

    /// Returns the private key as PKCS#8 PEM.
    pub fn private_pem(&self) -> zeroize_string::Secret {
        zeroize_string::Secret(self.0.serialize_pem().into())
    }

    /// Returns the public key as PKIX PEM (`-----BEGIN PUBLIC KEY-----`).
    pub fn public_pem(&self) -> String {
        self.0.public_key_pem()
    }

    /// Returns the rcgen key pair (for signing CSRs or self-signed CA certificates).
    pub fn key_pair(&self) -> &rcgen::KeyPair {
        &self.0
    }
}

/// Secret text that is wiped from memory when dropped.
pub mod zeroize_string {
    use std::fmt;

    /// Secret text (a private key in PEM). `Debug` shows nothing of it.
    pub struct Secret(pub zeroize::Zeroizing<String>);

    impl Secret {
        /// Returns the text.
        pub fn expose(&self) -> &str {
            &self.0
        }
    }

    impl fmt::Debug for Secret {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("Secret(..)")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_hide_in_debug() {
        let k = SshKey::generate().unwrap();
        let pem = k.to_openssh().unwrap();
        assert!(pem.expose().starts_with("-----BEGIN OPENSSH PRIVATE KEY-----"));
        let back = SshKey::from_openssh(pem.expose()).unwrap();
        assert_eq!(back.public_openssh(), k.public_openssh());
        assert!(k.public_openssh().starts_with("ssh-ed25519 "));
        assert!(!format!("{k:?}").contains("PRIVATE"));
        let t = TlsKey::generate().unwrap();
        assert!(t.public_pem().contains("BEGIN PUBLIC KEY"));
        assert_eq!(format!("{:?}", t.private_pem()), "Secret(..)");
    }
}
