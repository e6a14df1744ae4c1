//! The MFA ceremony on the client: answer a challenge with a security key, a TOTP code, or
//! whichever comes first, with Teleport's prompts (teleport-facts §3.6).
//!
//! Security keys sit behind the [`Authenticator`] trait: USB keys through ctap-hid-fido2
//! (feature `fido2`), and a software key for tests and the demo (feature `soft-authenticator`,
//! selected by `TSH_SOFT_AUTHENTICATOR`). Prompts go through a [`Prompter`] the binary provides:
//! this crate never touches the terminal itself.

#[cfg(feature = "fido2")]
mod hid;
#[cfg(feature = "soft-authenticator")]
pub mod soft;
pub mod webauthn;

use std::sync::{Arc, mpsc};
use std::time::Duration;

use webauthn_rs_proto::{CreationChallengeResponse, RegisterPublicKeyCredential};
use zeroize::Zeroizing;

use crate::api::login::{MfaChallenge, MfaResponse};
use crate::context::Context;
use crate::error::{Error, Result};

/// `--mfa-mode`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum MfaMode {
    /// Whatever the challenge allows; security key and OTP at once when both are possible.
    #[default]
    Auto,
    /// Roaming security keys only.
    CrossPlatform,
    /// Platform authenticators only (Touch ID, Windows Hello): not available here.
    Platform,
    /// OTP codes only.
    Otp,
}

/// How the ceremony talks to the user. Implemented by the binary (terminal or piped stdin).
pub trait Prompter: Sync {
    /// Shows a line to the user (stderr).
    fn notify(&self, text: &str);
    /// Asks for a line of visible input (an OTP code, a device name).
    fn read_line(&self, prompt: &str) -> Result<String>;
    /// Asks for a secret (a password, a PIN): not echoed, wiped after use.
    fn read_secret(&self, prompt: &str) -> Result<Zeroizing<String>>;
    /// Reads one line in the background (no prompt of its own); the line, or the error (end of
    /// input), arrives on the channel. Used to wait for an OTP code and a key tap at once.
    fn read_line_in_background(&self) -> mpsc::Receiver<Result<String>>;
}

/// A WebAuthn assertion request at the CTAP level.
pub struct AssertRequest {
    /// The relying party ID.
    pub rp_id: String,
    /// The clientDataJSON the key signs the hash of.
    pub client_data_json: Vec<u8>,
    /// Credential IDs the server accepts (empty: any).
    pub allow: Vec<Vec<u8>>,
}

/// A key's answer to an [`AssertRequest`].
pub struct AssertResponse {
    /// The credential that answered.
    pub credential_id: Vec<u8>,
    /// authenticatorData.
    pub authenticator_data: Vec<u8>,
    /// ES256 signature (DER) over authenticatorData ‖ SHA-256(clientDataJSON).
    pub signature: Vec<u8>,
    /// The user handle, for resident credentials.
    pub user_handle: Option<Vec<u8>>,
}

/// A WebAuthn registration request at the CTAP level.
pub struct RegisterRequest {
    /// The relying party ID.
    pub rp_id: String,
    /// The clientDataJSON.
    pub client_data_json: Vec<u8>,
    /// The user's handle.
    pub user_id: Vec<u8>,
    /// The user's name.
    pub user_name: String,
    /// Credentials the key must not already hold.
    pub exclude: Vec<Vec<u8>>,
}

/// A key's answer to a [`RegisterRequest`].
pub struct RegisterResponse {
    /// The new credential's ID.
    pub credential_id: Vec<u8>,
    /// The attestationObject (CBOR).
    pub attestation_object: Vec<u8>,
}

/// A security key.
pub trait Authenticator: Send + Sync {
    /// Waits for a touch and signs the assertion.
    fn assert(&self, req: &AssertRequest) -> Result<AssertResponse>;
    /// Waits for a touch and makes a credential; may ask for the key's PIN.
    fn register(&self, req: &RegisterRequest, prompter: &dyn Prompter) -> Result<RegisterResponse>;
}

/// Returns the security key to use: the software key when compiled in and selected, else a USB
/// key when compiled in, else none.
pub fn authenticator(ctx: &Context, prompter: &dyn Prompter) -> Option<Arc<dyn Authenticator>> {
    #[cfg(feature = "soft-authenticator")]
    if let Some(path) = ctx.var(crate::env::TSH_SOFT_AUTHENTICATOR) {
        prompter.notify(&format!(
            "WARNING: using the software authenticator in {path}: it is a test stand-in, not a security key"
        ));
        let keys = std::env::split_paths(path)
            .map(|p| soft::SoftAuthenticator::new(ctx.resolve(p.display().to_string())))
            .collect();
        return Some(Arc::new(soft::PluggedIn(keys)));
    }
    let _ = (ctx, prompter);
    #[cfg(feature = "fido2")]
    return Some(Arc::new(hid::HidAuthenticator));
    #[allow(unreachable_code)]
    None
}

/// What to ask for in one ceremony.
pub struct Ceremony<'a> {
    /// `--mfa-mode`.
    pub mode: MfaMode,
    /// The origin the client data names: `https://<proxy host>:<port>`.
    pub origin: String,
    /// The security key, if any.
    pub authenticator: Option<Arc<dyn Authenticator>>,
    /// The user's terminal.
    pub prompter: &'a dyn Prompter,
    /// Whether the prompt says "*registered*" (checks with an existing device).
    pub registered: bool,
}

impl Ceremony<'_> {
    /// Answers a challenge. An empty challenge (second factor off) needs no answer.
    pub fn solve(&self, challenge: &MfaChallenge) -> Result<MfaResponse> {
        if challenge.is_empty() {
            return Ok(MfaResponse::default());
        }
        let webauthn = match (&challenge.webauthn_challenge, self.mode, &self.authenticator) {
            (_, MfaMode::Otp | MfaMode::Platform, _) | (None, _, _) | (_, _, None) => None,
            (Some(c), _, Some(a)) => Some((c, a.clone())),
        };
        let otp = challenge.totp_challenge && matches!(self.mode, MfaMode::Auto | MfaMode::Otp);
        let registered = if self.registered { "*registered* " } else { "" };
        match (webauthn, otp) {
            (None, false) => Err(self.no_method(challenge)),
            (None, true) => {
                let code = self.prompter.read_line("Enter an OTP code from a device:")?;
                Ok(MfaResponse {
                    webauthn: None,
                    totp_code: code.trim().to_string(),
                })
            }
            (Some((c, a)), false) => {
                self.prompter.notify(&format!("Tap any {registered}security key"));
                let cred = webauthn::assert(c, &self.origin, a.as_ref())?;
                self.prompter.notify("Detected security key tap");
                Ok(MfaResponse {
                    webauthn: Some(cred),
                    totp_code: String::new(),
                })
            }
            (Some((c, a)), true) => {
                self.prompter.notify(&format!(
                    "Tap any {registered}security key or enter a code from a {registered}OTP device"
                ));
                self.either(c.clone(), a)
            }
        }
    }

    fn no_method(&self, challenge: &MfaChallenge) -> Error {
        let mut available = Vec::new();
        if challenge.webauthn_challenge.is_some() {
            available.push("WEBAUTHN");
        }
        if challenge.totp_challenge {
            available.push("OTP");
        }
        let err = Error::bad_parameter(format!(
            "client does not support any available MFA methods [{}]",
            available.join(", ")
        ));
        match (self.mode, self.authenticator.is_some()) {
            (MfaMode::Platform, _) => {
                err.with_hint("platform authenticators are not supported here; use --mfa-mode=cross-platform or otp")
            }
            (_, false) => err.with_hint("this tsh was built without security key support; use --mfa-mode=otp"),
            _ => err.with_hint("pick another method with --mfa-mode=auto|cross-platform|otp"),
        }
    }

    // Security key and OTP at once: the first answer wins. A key that fails (none plugged in)
    // leaves the OTP prompt waiting; the end of input leaves the key waiting. Both waits run on
    // detached threads: whichever loses may block on its device until the process ends.
    fn either(
        &self,
        challenge: webauthn_rs_proto::RequestChallengeResponse,
        a: Arc<dyn Authenticator>,
    ) -> Result<MfaResponse> {
        let (key_tx, key_rx) = mpsc::channel();
        let origin = self.origin.clone();
        std::thread::spawn(move || {
            let _ = key_tx.send(webauthn::assert(&challenge, &origin, a.as_ref()));
        });
        let lines = self.prompter.read_line_in_background();
        let mut key_error: Option<Error> = None;
        let mut lines_done = false;
        loop {
            if key_error.is_none() {
                match key_rx.recv_timeout(Duration::from_millis(10)) {
                    Ok(Ok(cred)) => {
                        self.prompter.notify("Detected security key tap");
                        return Ok(MfaResponse {
                            webauthn: Some(cred),
                            totp_code: String::new(),
                        });
                    }
                    Ok(Err(e)) if lines_done => return Err(e),
                    Ok(Err(e)) => key_error = Some(e),
                    Err(_) => {}
                }
            }
            if !lines_done {
                match lines.recv_timeout(Duration::from_millis(10)) {
                    Ok(Ok(code)) if !code.trim().is_empty() => {
                        return Ok(MfaResponse {
                            webauthn: None,
                            totp_code: code.trim().to_string(),
                        });
                    }
                    Ok(Ok(_)) => {}
                    Ok(Err(_)) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                        if let Some(e) = key_error.take() {
                            return Err(e);
                        }
                        lines_done = true;
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => {}
                }
            }
        }
    }
}

/// Registers a new security key for a `CreationChallengeResponse`.
pub fn register_webauthn(
    challenge: &CreationChallengeResponse,
    origin: &str,
    authenticator: &dyn Authenticator,
    prompter: &dyn Prompter,
) -> Result<RegisterPublicKeyCredential> {
    prompter.notify("Tap your *new* security key");
    let cred = webauthn::register(challenge, origin, authenticator, prompter)?;
    prompter.notify("Detected security key tap");
    Ok(cred)
}
