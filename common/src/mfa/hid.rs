//! USB security keys through ctap-hid-fido2 (CTAP2). The crate's "challenge" argument is hashed
//! with SHA-256 into clientDataHash, so the whole clientDataJSON is passed as the challenge.
//! Calls block until the key is touched; the ceremony runs them off the main thread.

use ctap_hid_fido2::fidokey::get_info::InfoOption;
use ctap_hid_fido2::fidokey::{GetAssertionArgsBuilder, MakeCredentialArgsBuilder};
use ctap_hid_fido2::public_key_credential_user_entity::PublicKeyCredentialUserEntity;
use ctap_hid_fido2::{Cfg, FidoKeyHid, FidoKeyHidFactory};

use super::webauthn::cbor;
use super::{AssertRequest, AssertResponse, Authenticator, Prompter, RegisterRequest, RegisterResponse};
use crate::error::{Error, Result};

/// Whatever FIDO2 key is plugged in.
pub struct HidAuthenticator;

fn device() -> Result<FidoKeyHid> {
    let mut cfg = Cfg::init();
    // The library's own "touch" message goes to stdout by default; the ceremony prints ours.
    cfg.enable_keep_alive_msg = false;
    cfg.keep_alive_msg_to_stderr = true;
    FidoKeyHidFactory::create(&cfg).map_err(|e| {
        let text = e.to_string();
        if text.contains("not found") {
            Error::not_found("no security key found")
                .with_hint("plug in a FIDO2 security key (and check access to /dev/hidraw*), or use --mfa-mode=otp")
        } else {
            Error::connection(format!("security key: {text}"))
        }
    })
}

fn ctap(e: anyhow::Error) -> Error {
    Error::unauthenticated(format!("security key: {e}"))
}

impl Authenticator for HidAuthenticator {
    fn assert(&self, req: &AssertRequest) -> Result<AssertResponse> {
        let dev = device()?;
        let mut builder = GetAssertionArgsBuilder::new(&req.rp_id, &req.client_data_json).without_pin_and_uv();
        for id in &req.allow {
            builder = builder.add_credential_id(id);
        }
        let assertions = dev.get_assertion_with_args(&builder.build()).map_err(ctap)?;
        let a = assertions
            .into_iter()
            .next()
            .ok_or_else(|| Error::unauthenticated("the security key gave no assertion"))?;
        let user_handle = if a.user.id.is_empty() { None } else { Some(a.user.id) };
        Ok(AssertResponse {
            credential_id: a.credential_id,
            authenticator_data: a.auth_data,
            signature: a.signature,
            user_handle,
        })
    }

    fn register(&self, req: &RegisterRequest, prompter: &dyn Prompter) -> Result<RegisterResponse> {
        let dev = device()?;
        let pin_set = dev
            .enable_info_option(&InfoOption::ClientPin)
            .map_err(ctap)?
            .unwrap_or(false);
        let uv_not_required = dev
            .enable_info_option(&InfoOption::MakeCredUvNotRqd)
            .map_err(ctap)?
            .unwrap_or(false);
        let pin = if pin_set && !uv_not_required {
            Some(prompter.read_secret("Enter your security key PIN:")?)
        } else {
            None
        };
        let user = PublicKeyCredentialUserEntity::new(Some(&req.user_id), Some(&req.user_name), Some(&req.user_name));
        let mut builder = MakeCredentialArgsBuilder::new(&req.rp_id, &req.client_data_json).user_entity(&user);
        for id in &req.exclude {
            builder = builder.exclude_authenticator(id);
        }
        builder = match &pin {
            Some(pin) => builder.pin(pin),
            None => builder.without_pin_and_uv(),
        };
        let att = dev.make_credential_with_args(&builder.build()).map_err(ctap)?;
        Ok(RegisterResponse {
            credential_id: att.credential_descriptor.id.clone(),
            attestation_object: cbor::attestation_object_none(&att.auth_data),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On a machine without a FIDO2 key (CI), the error says so and what to do instead.
    #[test]
    fn no_key_plugged_in_is_a_clear_error() {
        if !ctap_hid_fido2::get_fidokey_devices().is_empty() {
            return; // a real key is plugged in: this check is for machines without one
        }
        let req = AssertRequest {
            rp_id: "localhost".into(),
            client_data_json: b"{}".to_vec(),
            allow: vec![],
        };
        let Err(err) = HidAuthenticator.assert(&req) else {
            panic!("an assertion without a key")
        };
        assert_eq!(err.message(), "no security key found");
        assert!(err.hint().unwrap().contains("--mfa-mode=otp"));
    }
}
