//! Keys made on the client, of the kinds a cluster's signature algorithm suite asks for
//! (`crate::suite`): Ed25519, ECDSA P-256 or RSA 2048 for SSH; ECDSA P-256 or RSA 2048 for TLS.
//! The server only ever sees the public halves. Private key material is zeroized on drop and
//! never shown by `Debug`.
//!
//! At rest: SSH keys in OpenSSH form; TLS keys as Teleport writes them (PKCS#1
//! `RSA PRIVATE KEY` for RSA, PKCS#8 otherwise). Readers take PKCS#1, SEC1 (`EC PRIVATE KEY`)
//! and PKCS#8 alike.

use std::fmt;

use rsa::pkcs1::{DecodeRsaPrivateKey, EncodeRsaPrivateKey};
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use ssh_key::private::{EcdsaKeypair, KeypairData, RsaKeypair};
use ssh_key::{Algorithm, EcdsaCurve, HashAlg, LineEnding, PrivateKey, Signature};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// A key algorithm of a suite.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyAlgorithm {
    /// Ed25519.
    Ed25519,
    /// ECDSA on NIST P-256.
    EcdsaP256,
    /// RSA with a 2048-bit modulus.
    Rsa2048,
}

impl fmt::Display for KeyAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Ed25519 => "Ed25519",
            Self::EcdsaP256 => "ECDSA P-256",
            Self::Rsa2048 => "RSA 2048",
        })
    }
}

fn new_rsa() -> Result<rsa::RsaPrivateKey> {
    rsa::RsaPrivateKey::new(&mut rand::rng(), 2048).map_err(|e| Error::internal(format!("generating RSA key: {e}")))
}

/// An SSH key pair.
#[derive(Clone)]
pub struct SshKey(PrivateKey);

impl fmt::Debug for SshKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SshKey({})", self.0.fingerprint(HashAlg::Sha256))
    }
}

impl SshKey {
    /// Generates a key.
    pub fn generate(alg: KeyAlgorithm) -> Result<Self> {
        let algorithm = match alg {
            KeyAlgorithm::Ed25519 => Algorithm::Ed25519,
            KeyAlgorithm::EcdsaP256 => Algorithm::Ecdsa {
                curve: EcdsaCurve::NistP256,
            },
            KeyAlgorithm::Rsa2048 => return Self::from_rsa(&new_rsa()?),
        };
        PrivateKey::random(&mut rand::rng(), algorithm)
            .map(Self)
            .map_err(|e| Error::internal(format!("generating SSH key: {e}")))
    }

    fn from_rsa(key: &rsa::RsaPrivateKey) -> Result<Self> {
        RsaKeypair::try_from(key)
            .map(|kp| Self(kp.into()))
            .map_err(|e| Error::internal(format!("converting RSA key: {e}")))
    }

    /// Reads an OpenSSH private key.
    pub fn from_openssh(pem: &str) -> Result<Self> {
        PrivateKey::from_openssh(pem)
            .map(Self)
            .map_err(|e| Error::bad_parameter(format!("invalid SSH private key: {e}")))
    }

    /// Reads a private key in any PEM form tsh meets: OpenSSH, or an RSA or P-256 key in PKCS#1,
    /// SEC1 or PKCS#8 (older Teleport identity files carry one PKCS#1 RSA key for both SSH and
    /// TLS).
    pub fn from_pem(pem: &str) -> Result<Self> {
        if pem_label(pem) == Some("OPENSSH PRIVATE KEY") {
            return Self::from_openssh(pem);
        }
        let der = pkcs8_der(pem)?;
        if let Ok(rsa) = rsa::RsaPrivateKey::from_pkcs8_der(&der) {
            return Self::from_rsa(&rsa);
        }
        let secret = p256::SecretKey::from_pkcs8_der(&der).map_err(|_| {
            Error::bad_parameter("invalid SSH private key: expected an RSA, ECDSA P-256 or OpenSSH key")
        })?;
        let pair = EcdsaKeypair::NistP256 {
            public: secret.public_key().into(),
            private: secret.into(),
        };
        Ok(Self(pair.into()))
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

    /// The hash to sign with in SSH: SHA-512 (`rsa-sha2-512`) for RSA, as OpenSSH prefers; none
    /// for the others, whose algorithm fixes it.
    pub fn signature_hash(&self) -> Option<HashAlg> {
        self.0.algorithm().is_rsa().then_some(HashAlg::Sha512)
    }

    /// Signs `data`; for RSA with `hash` (`None` is SHA-1's `ssh-rsa`, which is refused).
    pub fn sign(&self, data: &[u8], hash: Option<HashAlg>) -> Result<Signature> {
        let bad = |e: signature::Error| Error::internal(format!("signing: {e}"));
        match self.0.key_data() {
            KeypairData::Rsa(pair) => {
                let hash = hash.ok_or_else(|| Error::bad_parameter("ssh-rsa (SHA-1) signatures are not made"))?;
                signature::Signer::try_sign(&(pair, Some(hash)), data).map_err(bad)
            }
            _ => signature::Signer::try_sign(&self.0, data).map_err(bad),
        }
    }
}

/// A TLS key pair (ECDSA P-256 or RSA 2048; Ed25519 too, though no suite asks for it).
pub struct TlsKey(rcgen::KeyPair);

impl fmt::Debug for TlsKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TlsKey({})", self.algorithm())
    }
}

impl TlsKey {
    /// A certificate signing request (PEM) for this key, naming `common_name` (what
    /// `GenerateDatabaseCert` takes: the server keeps the key and subject, and names the hosts).
    pub fn csr_pem(&self, common_name: &str) -> Result<String> {
        let mut params = rcgen::CertificateParams::default();
        params.distinguished_name.push(rcgen::DnType::CommonName, common_name);
        params
            .serialize_request(&self.0)
            .and_then(|csr| csr.pem())
            .map_err(|e| Error::internal(format!("making a certificate request: {e}")))
    }

    /// Generates a key.
    pub fn generate(alg: KeyAlgorithm) -> Result<Self> {
        let pair = match alg {
            KeyAlgorithm::EcdsaP256 => rcgen::KeyPair::generate(),
            KeyAlgorithm::Ed25519 => rcgen::KeyPair::generate_for(&rcgen::PKCS_ED25519),
            // rcgen on ring cannot make RSA keys, only load them.
            KeyAlgorithm::Rsa2048 => return Self::from_rsa(&new_rsa()?),
        };
        pair.map(Self)
            .map_err(|e| Error::internal(format!("generating TLS key: {e}")))
    }

    fn from_rsa(key: &rsa::RsaPrivateKey) -> Result<Self> {
        let der = key
            .to_pkcs8_der()
            .map_err(|e| Error::internal(format!("encoding RSA key: {e}")))?;
        Self::from_pkcs8(der.as_bytes())
    }

    fn from_pkcs8(der: &[u8]) -> Result<Self> {
        // Borrowed: the format is recognised from the DER, no unzeroized copy is made.
        rcgen::KeyPair::try_from(der)
            .map(Self)
            .map_err(|e| Error::bad_parameter(format!("invalid TLS private key: {e}")))
    }

    /// Reads a PEM key: PKCS#8, PKCS#1 (RSA) or SEC1 (P-256).
    pub fn from_pem(pem: &str) -> Result<Self> {
        Self::from_pkcs8(&pkcs8_der(pem)?)
    }

    /// The key's algorithm.
    pub fn algorithm(&self) -> KeyAlgorithm {
        Self::algorithm_of(&self.0)
    }

    /// The algorithm of an rcgen key pair (one of the three a suite uses).
    pub fn algorithm_of(pair: &rcgen::KeyPair) -> KeyAlgorithm {
        let alg = pair.algorithm();
        if alg == &rcgen::PKCS_RSA_SHA256 {
            KeyAlgorithm::Rsa2048
        } else if alg == &rcgen::PKCS_ED25519 {
            KeyAlgorithm::Ed25519
        } else {
            KeyAlgorithm::EcdsaP256
        }
    }

    fn is_rsa(&self) -> bool {
        self.algorithm() == KeyAlgorithm::Rsa2048
    }

    /// Returns the private key PEM as Teleport writes it: PKCS#1 for RSA, PKCS#8 otherwise.
    pub fn private_pem(&self) -> zeroize_string::Secret {
        if self.is_rsa()
            && let Ok(key) = rsa::RsaPrivateKey::from_pkcs8_der(&Zeroizing::new(self.0.serialize_der()))
            && let Ok(pem) = key.to_pkcs1_pem(rsa::pkcs8::LineEnding::LF)
        {
            return zeroize_string::Secret(pem);
        }
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

/// Makes a login's SSH and TLS keys. When both are RSA one key serves both, as Teleport's
/// `GenerateUserSSHAndTLSKey` does for the legacy suite: RSA keys are slow to make.
pub fn generate_pair(ssh: KeyAlgorithm, tls: KeyAlgorithm) -> Result<(SshKey, TlsKey)> {
    if ssh == KeyAlgorithm::Rsa2048 && tls == KeyAlgorithm::Rsa2048 {
        let key = new_rsa()?;
        return Ok((SshKey::from_rsa(&key)?, TlsKey::from_rsa(&key)?));
    }
    Ok((SshKey::generate(ssh)?, TlsKey::generate(tls)?))
}

/// The label of the first PEM block (`RSA PRIVATE KEY`, ...).
pub fn pem_label(pem: &str) -> Option<&str> {
    let start = pem.find("-----BEGIN ")? + "-----BEGIN ".len();
    let rest = &pem[start..];
    rest.find("-----").map(|end| &rest[..end])
}

/// Any private key PEM (PKCS#8, PKCS#1 RSA, SEC1 P-256) as PKCS#8 DER.
fn pkcs8_der(pem: &str) -> Result<Zeroizing<Vec<u8>>> {
    let bad = || Error::bad_parameter("invalid private key PEM: expected PKCS#8, PKCS#1 (RSA) or SEC1 (EC)");
    match pem_label(pem) {
        Some("PRIVATE KEY") => {
            let (_, doc) = rsa::pkcs8::SecretDocument::from_pem(pem).map_err(|_| bad())?;
            Ok(Zeroizing::new(doc.as_bytes().to_vec()))
        }
        Some("RSA PRIVATE KEY") => {
            let key = rsa::RsaPrivateKey::from_pkcs1_pem(pem).map_err(|_| bad())?;
            let der = key.to_pkcs8_der().map_err(|_| bad())?;
            Ok(Zeroizing::new(der.as_bytes().to_vec()))
        }
        Some("EC PRIVATE KEY") => {
            let key = p256::SecretKey::from_sec1_pem(pem).map_err(|_| bad())?;
            let der = key.to_pkcs8_der().map_err(|_| bad())?;
            Ok(Zeroizing::new(der.as_bytes().to_vec()))
        }
        _ => Err(bad()),
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
mod tests;
