//! The MFA answer of an admin action, as gRPC metadata `mfa_challenge_response`: standard
//! base64 of the protobuf JSON of `proto.MFAAuthenticateResponse`, as Teleport's
//! `EncodeMFAChallengeResponseCredentials` writes it (gogo jsonpb: JSON names, bytes as padded
//! standard base64).
//!
//! Written by hand because only this one message travels as protobuf JSON: no crate in our
//! list (prost, tonic) writes protobuf JSON, and pbjson would generate serde code for every
//! message to use it for one. Decoding accepts the JSON names and the field names, as jsonpb's
//! unmarshaler does.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

use super::wire::proto::mfa_authenticate_response::Response;
use super::wire::proto::{MfaAuthenticateResponse, TotpResponse};
use super::wire::webauthn as pb;
use crate::error::{Error, Result};

/// The metadata key.
pub const MFA_RESPONSE_KEY: &str = "mfa_challenge_response";

/// Teleport's refusal of an admin action without MFA (`mfa.ErrAdminActionMFARequired`).
pub const ADMIN_MFA_REQUIRED: &str = "admin-level API request requires MFA verification";

mod bytes64 {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(v))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        STANDARD.decode(text.as_bytes()).map_err(serde::de::Error::custom)
    }
}

#[derive(Serialize, Deserialize, Default)]
struct Json {
    #[serde(rename = "TOTP", default, skip_serializing_if = "Option::is_none")]
    totp: Option<TotpJson>,
    #[serde(rename = "Webauthn", default, skip_serializing_if = "Option::is_none")]
    webauthn: Option<WebauthnJson>,
}

#[derive(Serialize, Deserialize)]
struct TotpJson {
    #[serde(rename = "Code", default)]
    code: String,
}

#[derive(Serialize, Deserialize)]
struct WebauthnJson {
    #[serde(default)]
    r#type: String,
    #[serde(rename = "rawId", alias = "raw_id", with = "bytes64", default)]
    raw_id: Vec<u8>,
    #[serde(default)]
    response: Option<AssertionJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    extensions: Option<ExtensionsJson>,
}

#[derive(Serialize, Deserialize)]
struct AssertionJson {
    #[serde(rename = "clientDataJson", alias = "client_data_json", with = "bytes64", default)]
    client_data_json: Vec<u8>,
    #[serde(
        rename = "authenticatorData",
        alias = "authenticator_data",
        with = "bytes64",
        default
    )]
    authenticator_data: Vec<u8>,
    #[serde(with = "bytes64", default)]
    signature: Vec<u8>,
    #[serde(
        rename = "userHandle",
        alias = "user_handle",
        with = "bytes64",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    user_handle: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
struct ExtensionsJson {
    #[serde(rename = "appId", alias = "app_id", default)]
    app_id: bool,
}

/// The metadata value carrying `resp`.
pub fn encode_mfa_response(resp: &MfaAuthenticateResponse) -> String {
    let json = match &resp.response {
        Some(Response::Totp(t)) => Json {
            totp: Some(TotpJson { code: t.code.clone() }),
            ..Json::default()
        },
        Some(Response::Webauthn(w)) => {
            let r = w.response.clone().unwrap_or_default();
            Json {
                webauthn: Some(WebauthnJson {
                    r#type: w.r#type.clone(),
                    raw_id: w.raw_id.clone(),
                    response: Some(AssertionJson {
                        client_data_json: r.client_data_json,
                        authenticator_data: r.authenticator_data,
                        signature: r.signature,
                        user_handle: r.user_handle,
                    }),
                    extensions: w.extensions.as_ref().map(|e| ExtensionsJson { app_id: e.app_id }),
                }),
                ..Json::default()
            }
        }
        None => Json::default(),
    };
    // Serializing plain strings and byte fields cannot fail.
    let text = serde_json::to_vec(&json).unwrap_or_default();
    STANDARD.encode(text)
}

/// Reads a metadata value written by [`encode_mfa_response`] (or by Teleport's tctl).
pub fn decode_mfa_response(value: &str) -> Result<MfaAuthenticateResponse> {
    let bad = |what: String| Error::bad_parameter(format!("invalid {MFA_RESPONSE_KEY} metadata: {what}"));
    let raw = STANDARD
        .decode(value.trim().as_bytes())
        .map_err(|e| bad(e.to_string()))?;
    let json: Json = serde_json::from_slice(&raw).map_err(|e| bad(e.to_string()))?;
    let response = match (json.totp, json.webauthn) {
        (Some(t), None) => Response::Totp(TotpResponse { code: t.code }),
        (None, Some(w)) => {
            let r = w.response.ok_or_else(|| bad("webauthn response missing".into()))?;
            Response::Webauthn(pb::CredentialAssertionResponse {
                r#type: w.r#type,
                raw_id: w.raw_id,
                response: Some(pb::AuthenticatorAssertionResponse {
                    client_data_json: r.client_data_json,
                    authenticator_data: r.authenticator_data,
                    signature: r.signature,
                    user_handle: r.user_handle,
                }),
                extensions: w
                    .extensions
                    .map(|e| pb::AuthenticationExtensionsClientOutputs { app_id: e.app_id }),
            })
        }
        _ => return Err(bad("expected exactly one of TOTP or Webauthn".into())),
    };
    Ok(MfaAuthenticateResponse {
        response: Some(response),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webauthn_answers_travel_as_teleports_json() {
        let resp = MfaAuthenticateResponse {
            response: Some(Response::Webauthn(pb::CredentialAssertionResponse {
                r#type: "public-key".into(),
                raw_id: vec![1, 2, 3],
                response: Some(pb::AuthenticatorAssertionResponse {
                    client_data_json: b"{}".to_vec(),
                    authenticator_data: vec![0xff],
                    signature: vec![0xfe, 0xfd],
                    user_handle: Vec::new(),
                }),
                extensions: None,
            })),
        };
        let value = encode_mfa_response(&resp);
        let json = String::from_utf8(STANDARD.decode(&value).unwrap()).unwrap();
        assert_eq!(
            json,
            r#"{"Webauthn":{"type":"public-key","rawId":"AQID","response":{"clientDataJson":"e30=","authenticatorData":"/w==","signature":"/v0="}}}"#
        );
        assert_eq!(decode_mfa_response(&value).unwrap(), resp);
        // jsonpb also reads the protobuf field names.
        let snake = STANDARD.encode(
            r#"{"Webauthn":{"type":"public-key","raw_id":"AQID","response":{"client_data_json":"e30=","authenticator_data":"/w==","signature":"/v0="}}}"#,
        );
        assert_eq!(decode_mfa_response(&snake).unwrap(), resp);
    }

    #[test]
    fn otp_answers_and_garbage() {
        let resp = MfaAuthenticateResponse {
            response: Some(Response::Totp(TotpResponse { code: "123456".into() })),
        };
        assert_eq!(decode_mfa_response(&encode_mfa_response(&resp)).unwrap(), resp);
        assert!(decode_mfa_response("not base64!").is_err());
        assert!(decode_mfa_response(&STANDARD.encode("{}")).is_err());
    }
}
