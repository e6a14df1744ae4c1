//! MFA challenges and answers between Teleport's protobuf messages (`proto.MFAAuthenticate*`,
//! `webauthn.*`, bytes raw) and the WebAuthn JSON types the ceremony and webauthn-rs use.
//! The client and the server convert with the same functions, so both read what the other
//! wrote.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use webauthn_rs_proto::{
    AllowCredentials, AuthenticationExtensionsClientOutputs, AuthenticatorAssertionResponseRaw, PublicKeyCredential,
    PublicKeyCredentialRequestOptions, RequestAuthenticationExtensions, RequestChallengeResponse,
    UserVerificationPolicy,
};

use super::wire::proto::{
    MfaAuthenticateChallenge, MfaAuthenticateResponse, MfaRequired, TotpChallenge, TotpResponse,
    mfa_authenticate_response::Response,
};
use super::wire::webauthn as pb;
use crate::api::login::{MfaChallenge, MfaResponse};
use crate::error::{Error, Result};

/// A challenge as the server sends it; `required` answers the request's `MFARequiredCheck`.
pub fn challenge_to_proto(challenge: &MfaChallenge, required: Option<bool>) -> MfaAuthenticateChallenge {
    MfaAuthenticateChallenge {
        totp: challenge.totp_challenge.then_some(TotpChallenge {}),
        webauthn_challenge: challenge.webauthn_challenge.as_ref().map(assertion_to_proto),
        mfa_required: match required {
            None => MfaRequired::Unspecified,
            Some(true) => MfaRequired::Yes,
            Some(false) => MfaRequired::No,
        } as i32,
    }
}

/// A challenge as the client reads it.
pub fn challenge_from_proto(challenge: MfaAuthenticateChallenge) -> MfaChallenge {
    MfaChallenge {
        webauthn_challenge: challenge.webauthn_challenge.map(assertion_from_proto),
        totp_challenge: challenge.totp.is_some(),
    }
}

/// An answer as the client sends it.
pub fn response_to_proto(resp: &MfaResponse) -> MfaAuthenticateResponse {
    let response = if let Some(cred) = &resp.webauthn {
        Some(Response::Webauthn(credential_to_proto(cred)))
    } else if !resp.totp_code.is_empty() {
        Some(Response::Totp(TotpResponse {
            code: resp.totp_code.clone(),
        }))
    } else {
        None
    };
    MfaAuthenticateResponse { response }
}

/// An answer as the server reads it; an empty one is an error.
pub fn response_from_proto(resp: MfaAuthenticateResponse) -> Result<MfaResponse> {
    match resp.response {
        Some(Response::Webauthn(cred)) => Ok(MfaResponse {
            webauthn: Some(credential_from_proto(cred)?),
            totp_code: String::new(),
        }),
        Some(Response::Totp(totp)) => Ok(MfaResponse {
            webauthn: None,
            totp_code: totp.code,
        }),
        None => Err(Error::bad_parameter("MFAResponse: empty")),
    }
}

fn assertion_to_proto(rcr: &RequestChallengeResponse) -> pb::CredentialAssertion {
    let o = &rcr.public_key;
    pb::CredentialAssertion {
        public_key: Some(pb::PublicKeyCredentialRequestOptions {
            challenge: o.challenge.clone(),
            timeout_ms: o.timeout.map(i64::from).unwrap_or_default(),
            rp_id: o.rp_id.clone(),
            allow_credentials: o
                .allow_credentials
                .iter()
                .map(|c| pb::CredentialDescriptor {
                    r#type: c.type_.clone(),
                    id: c.id.clone(),
                })
                .collect(),
            extensions: o
                .extensions
                .as_ref()
                .and_then(|e| e.appid.clone())
                .map(|app_id| pb::AuthenticationExtensionsClientInputs { app_id }),
            user_verification: policy_name(&o.user_verification),
        }),
    }
}

fn assertion_from_proto(a: pb::CredentialAssertion) -> RequestChallengeResponse {
    let o = a.public_key.unwrap_or_default();
    RequestChallengeResponse {
        public_key: PublicKeyCredentialRequestOptions {
            challenge: o.challenge,
            timeout: u32::try_from(o.timeout_ms).ok().filter(|t| *t > 0),
            rp_id: o.rp_id,
            allow_credentials: o
                .allow_credentials
                .into_iter()
                .map(|c| AllowCredentials {
                    type_: c.r#type,
                    id: c.id,
                    transports: None,
                })
                .collect(),
            user_verification: policy(&o.user_verification),
            hints: None,
            extensions: o.extensions.map(|e| RequestAuthenticationExtensions {
                appid: Some(e.app_id).filter(|a| !a.is_empty()),
                uvm: None,
                hmac_get_secret: None,
            }),
        },
        mediation: None,
    }
}

fn credential_to_proto(c: &PublicKeyCredential) -> pb::CredentialAssertionResponse {
    pb::CredentialAssertionResponse {
        r#type: c.type_.clone(),
        raw_id: c.raw_id.clone(),
        response: Some(pb::AuthenticatorAssertionResponse {
            client_data_json: c.response.client_data_json.clone(),
            authenticator_data: c.response.authenticator_data.clone(),
            signature: c.response.signature.clone(),
            user_handle: c.response.user_handle.clone().unwrap_or_default(),
        }),
        extensions: c
            .extensions
            .appid
            .map(|app_id| pb::AuthenticationExtensionsClientOutputs { app_id }),
    }
}

fn credential_from_proto(c: pb::CredentialAssertionResponse) -> Result<PublicKeyCredential> {
    let r = c
        .response
        .ok_or_else(|| Error::bad_parameter("MFAResponse.Webauthn.response: missing"))?;
    Ok(PublicKeyCredential {
        id: URL_SAFE_NO_PAD.encode(&c.raw_id),
        raw_id: c.raw_id,
        response: AuthenticatorAssertionResponseRaw {
            authenticator_data: r.authenticator_data,
            client_data_json: r.client_data_json,
            signature: r.signature,
            user_handle: Some(r.user_handle).filter(|h| !h.is_empty()),
        },
        extensions: AuthenticationExtensionsClientOutputs {
            appid: c.extensions.map(|e| e.app_id),
            hmac_get_secret: None,
        },
        type_: c.r#type,
    })
}

/// WebAuthn's names for user verification (`required`, `preferred`, `discouraged`).
pub(super) fn policy_name(p: &UserVerificationPolicy) -> String {
    json_word(p)
}

pub(super) fn policy(name: &str) -> UserVerificationPolicy {
    from_json_word(name).unwrap_or(UserVerificationPolicy::Preferred)
}

/// The JSON word serde writes for a WebAuthn enum value (`"none"`, `"cross-platform"`, ...).
pub(super) fn json_word<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// The value a JSON word names; none for an empty or unknown word.
pub(super) fn from_json_word<T: serde::de::DeserializeOwned>(word: &str) -> Option<T> {
    if word.is_empty() {
        return None;
    }
    serde_json::from_value(serde_json::Value::String(word.to_string())).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn challenge() -> MfaChallenge {
        let rcr: RequestChallengeResponse = serde_json::from_value(serde_json::json!({
            "publicKey": {
                "challenge": "AQID",
                "timeout": 60000,
                "rpId": "localhost",
                "allowCredentials": [{"type": "public-key", "id": "CQk"}],
                "userVerification": "discouraged",
                "extensions": {"appid": "https://localhost"}
            }
        }))
        .unwrap();
        MfaChallenge {
            webauthn_challenge: Some(rcr),
            totp_challenge: true,
        }
    }

    #[test]
    fn challenges_survive_the_protobuf_form() {
        let sent = challenge();
        let proto = challenge_to_proto(&sent, Some(true));
        assert_eq!(proto.mfa_required(), MfaRequired::Yes);
        let options = proto.webauthn_challenge.as_ref().unwrap().public_key.as_ref().unwrap();
        assert_eq!(options.challenge, [1, 2, 3], "raw bytes, not base64");
        assert_eq!(options.user_verification, "discouraged");
        let back = challenge_from_proto(proto);
        assert!(back.totp_challenge);
        assert_eq!(
            serde_json::to_value(back.webauthn_challenge).unwrap(),
            serde_json::to_value(sent.webauthn_challenge).unwrap()
        );
        let none = challenge_to_proto(&MfaChallenge::default(), Some(false));
        assert_eq!(none.mfa_required(), MfaRequired::No);
        assert!(challenge_from_proto(none).is_empty());
    }

    #[test]
    fn answers_survive_the_protobuf_form() {
        let cred: PublicKeyCredential = serde_json::from_value(serde_json::json!({
            "id": "Bw",
            "rawId": "Bw",
            "type": "public-key",
            "response": {
                "authenticatorData": "AQ",
                "clientDataJSON": "e30",
                "signature": "Ag",
                "userHandle": null
            },
            "extensions": {}
        }))
        .unwrap();
        let sent = MfaResponse {
            webauthn: Some(cred),
            totp_code: String::new(),
        };
        let back = response_from_proto(response_to_proto(&sent)).unwrap();
        assert_eq!(
            serde_json::to_value(back.webauthn).unwrap(),
            serde_json::to_value(sent.webauthn).unwrap()
        );
        let code = MfaResponse {
            webauthn: None,
            totp_code: "123456".into(),
        };
        assert_eq!(
            response_from_proto(response_to_proto(&code)).unwrap().totp_code,
            "123456"
        );
        assert!(response_from_proto(MfaAuthenticateResponse { response: None }).is_err());
    }
}
