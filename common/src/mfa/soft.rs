//! The software authenticator: a P-256 key in a JSON file standing in for a USB security key in
//! tests and the demo (no USB device exists there). It answers exactly as a CTAP2 key does:
//! authenticatorData, an ES256 signature over authData ‖ SHA-256(clientDataJSON), a `none`
//! attestation. Compiled in only with the `soft-authenticator` feature.

use std::path::PathBuf;
use std::sync::Mutex;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::webauthn::cbor;
use super::{AssertRequest, AssertResponse, Authenticator, Prompter, RegisterRequest, RegisterResponse};
use crate::error::{Error, Result, io_error};

/// Flags: user present.
const UP: u8 = 0x01;
/// Flags: attested credential data included.
const AT: u8 = 0x40;

#[derive(Default, Serialize, Deserialize)]
struct State {
    credentials: Vec<Credential>,
}

#[derive(Serialize, Deserialize)]
struct Credential {
    /// Credential ID, base64url.
    id: String,
    rp_id: String,
    /// P-256 private scalar, hex.
    key: String,
    counter: u32,
}

/// Several software keys plugged in at once (`TSH_SOFT_AUTHENTICATOR=a.json:b.json`), as a user
/// may have two USB keys in: an assertion comes from the first that holds a credential asked
/// for, a new credential from the first that the exclude list does not stop (the "new" key).
pub struct PluggedIn(pub Vec<SoftAuthenticator>);

impl Authenticator for PluggedIn {
    fn assert(&self, req: &AssertRequest) -> Result<AssertResponse> {
        let mut last = None;
        for key in &self.0 {
            match key.assert(req) {
                Err(e) if e.kind() == crate::error::ErrorKind::NotFound => last = Some(e),
                other => return other,
            }
        }
        Err(last.unwrap_or_else(|| Error::not_found("no software authenticator is plugged in")))
    }

    fn register(&self, req: &RegisterRequest, prompter: &dyn Prompter) -> Result<RegisterResponse> {
        let mut last = None;
        for key in &self.0 {
            match key.register(req, prompter) {
                Err(e) if e.kind() == crate::error::ErrorKind::AlreadyExists => last = Some(e),
                other => return other,
            }
        }
        Err(last.unwrap_or_else(|| Error::not_found("no software authenticator is plugged in")))
    }
}

/// A software key whose credentials live in a JSON file.
pub struct SoftAuthenticator {
    path: PathBuf,
    lock: Mutex<()>,
}

impl SoftAuthenticator {
    /// A key backed by `path` (created on first registration).
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            lock: Mutex::new(()),
        }
    }

    fn load(&self) -> Result<State> {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => serde_json::from_str(&text)
                .map_err(|e| Error::bad_parameter(format!("software authenticator {}: {e}", self.path.display()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(State::default()),
            Err(e) => Err(io_error("reading", &self.path, e)),
        }
    }

    fn save(&self, state: &State) -> Result<()> {
        let text = serde_json::to_string_pretty(state).map_err(|e| Error::internal(e.to_string()))?;
        crate::fsutil::write_private(&self.path, text.as_bytes())
    }
}

fn signing_key(hex_key: &str) -> Result<SigningKey> {
    let bytes = hex::decode(hex_key).map_err(|_| Error::bad_parameter("software authenticator: bad key"))?;
    SigningKey::from_slice(&bytes).map_err(|_| Error::bad_parameter("software authenticator: bad key"))
}

fn sign(key: &SigningKey, auth_data: &[u8], client_data_json: &[u8]) -> Vec<u8> {
    let mut message = auth_data.to_vec();
    message.extend(Sha256::digest(client_data_json));
    let sig: Signature = key.sign(&message);
    sig.to_der().as_bytes().to_vec()
}

impl Authenticator for SoftAuthenticator {
    fn assert(&self, req: &AssertRequest) -> Result<AssertResponse> {
        let _guard = self.lock.lock().map_err(|_| Error::internal("authenticator lock"))?;
        let mut state = self.load()?;
        let cred = state
            .credentials
            .iter_mut()
            .find(|c| {
                c.rp_id == req.rp_id
                    && (req.allow.is_empty() || req.allow.iter().any(|id| URL_SAFE_NO_PAD.encode(id) == c.id))
            })
            .ok_or_else(|| {
                Error::not_found("the software authenticator holds no credential for this account")
                    .with_hint("register it first: tsh mfa add --type=WEBAUTHN")
            })?;
        cred.counter += 1;
        let mut auth_data = Sha256::digest(req.rp_id.as_bytes()).to_vec();
        auth_data.push(UP);
        auth_data.extend(cred.counter.to_be_bytes());
        let key = signing_key(&cred.key)?;
        let signature = sign(&key, &auth_data, &req.client_data_json);
        let credential_id = URL_SAFE_NO_PAD
            .decode(&cred.id)
            .map_err(|_| Error::internal("bad credential id"))?;
        self.save(&state)?;
        Ok(AssertResponse {
            credential_id,
            authenticator_data: auth_data,
            signature,
            user_handle: None,
        })
    }

    fn register(&self, req: &RegisterRequest, _prompter: &dyn Prompter) -> Result<RegisterResponse> {
        let _guard = self.lock.lock().map_err(|_| Error::internal("authenticator lock"))?;
        let mut state = self.load()?;
        if state
            .credentials
            .iter()
            .any(|c| c.rp_id == req.rp_id && req.exclude.iter().any(|id| URL_SAFE_NO_PAD.encode(id) == c.id))
        {
            return Err(Error::already_exists("this security key is already registered"));
        }
        let key = loop {
            // A random scalar is valid with overwhelming probability; retry the rare miss.
            if let Ok(k) = SigningKey::from_slice(&rand::random::<[u8; 32]>()) {
                break k;
            }
        };
        let credential_id: [u8; 16] = rand::random();
        let point = key.verifying_key().to_sec1_point(false);
        let sec1 = point.as_bytes();
        let (x, y) = (&sec1[1..33], &sec1[33..65]);
        let mut auth_data = Sha256::digest(req.rp_id.as_bytes()).to_vec();
        auth_data.push(UP | AT);
        auth_data.extend(0u32.to_be_bytes());
        auth_data.extend([0u8; 16]); // AAGUID: none
        auth_data.extend((credential_id.len() as u16).to_be_bytes());
        auth_data.extend(credential_id);
        auth_data.extend(cbor::cose_p256(x, y));
        state.credentials.push(Credential {
            id: URL_SAFE_NO_PAD.encode(credential_id),
            rp_id: req.rp_id.clone(),
            key: hex::encode(key.to_bytes()),
            counter: 0,
        });
        self.save(&state)?;
        Ok(RegisterResponse {
            credential_id: credential_id.to_vec(),
            attestation_object: cbor::attestation_object_none(&auth_data),
        })
    }
}
