//! Registering a device (`tsh mfa add`): the WebAuthn creation challenge and the new key's
//! answer between Teleport's protobuf messages (`webauthn.CredentialCreation*`, bytes raw) and
//! the WebAuthn JSON types the ceremony and webauthn-rs use, and the TOTP challenge's
//! `otpauth://` URL as Teleport's tsh builds it. Client and server convert with these.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use webauthn_rs_proto::{
    AttestationConveyancePreference, AuthenticatorAttachment, AuthenticatorAttestationResponseRaw,
    AuthenticatorSelectionCriteria, CreationChallengeResponse, PubKeyCredParams, PublicKeyCredentialCreationOptions,
    PublicKeyCredentialDescriptor, RegisterPublicKeyCredential, RegistrationExtensionsClientOutputs, RelyingParty,
    User,
};

use super::mfa::{from_json_word, json_word, policy, policy_name};
use super::wire::proto::TotpRegisterChallenge;
use super::wire::webauthn as pb;
use crate::error::{Error, Result};

/// A creation challenge as the server sends it. What Teleport's message cannot carry (hints,
/// attestation formats, registration extensions, the resident-key preference) is left out.
pub fn creation_to_proto(ccr: &CreationChallengeResponse) -> pb::CredentialCreation {
    let o = &ccr.public_key;
    pb::CredentialCreation {
        public_key: Some(pb::PublicKeyCredentialCreationOptions {
            challenge: o.challenge.clone(),
            rp: Some(pb::RelyingPartyEntity {
                id: o.rp.id.clone(),
                name: o.rp.name.clone(),
                icon: String::new(),
            }),
            user: Some(pb::UserEntity {
                id: o.user.id.clone(),
                name: o.user.name.clone(),
                display_name: o.user.display_name.clone(),
                icon: String::new(),
            }),
            credential_parameters: o
                .pub_key_cred_params
                .iter()
                .filter_map(|p| {
                    Some(pb::CredentialParameter {
                        r#type: p.type_.clone(),
                        alg: i32::try_from(p.alg).ok()?,
                    })
                })
                .collect(),
            timeout_ms: o.timeout.map(i64::from).unwrap_or_default(),
            exclude_credentials: o
                .exclude_credentials
                .iter()
                .flatten()
                .map(|c| pb::CredentialDescriptor {
                    r#type: c.type_.clone(),
                    id: c.id.clone(),
                })
                .collect(),
            attestation: o.attestation.as_ref().map(json_word).unwrap_or_default(),
            extensions: None,
            authenticator_selection: o.authenticator_selection.as_ref().map(|s| pb::AuthenticatorSelection {
                authenticator_attachment: s.authenticator_attachment.as_ref().map(json_word).unwrap_or_default(),
                require_resident_key: s.require_resident_key,
                user_verification: policy_name(&s.user_verification),
            }),
        }),
    }
}

/// A creation challenge as the client reads it.
pub fn creation_from_proto(c: pb::CredentialCreation) -> Result<CreationChallengeResponse> {
    let o = c
        .public_key
        .ok_or_else(|| Error::bad_parameter("Webauthn.public_key: missing"))?;
    let rp = o.rp.unwrap_or_default();
    let user = o.user.unwrap_or_default();
    Ok(CreationChallengeResponse {
        public_key: PublicKeyCredentialCreationOptions {
            rp: RelyingParty {
                name: rp.name,
                id: rp.id,
            },
            user: User {
                id: user.id,
                name: user.name,
                display_name: user.display_name,
            },
            challenge: o.challenge,
            pub_key_cred_params: o
                .credential_parameters
                .into_iter()
                .map(|p| PubKeyCredParams {
                    type_: p.r#type,
                    alg: i64::from(p.alg),
                })
                .collect(),
            timeout: u32::try_from(o.timeout_ms).ok().filter(|t| *t > 0),
            exclude_credentials: Some(
                o.exclude_credentials
                    .into_iter()
                    .map(|c| PublicKeyCredentialDescriptor {
                        type_: c.r#type,
                        id: c.id,
                        transports: None,
                    })
                    .collect(),
            ),
            authenticator_selection: o.authenticator_selection.map(|s| AuthenticatorSelectionCriteria {
                authenticator_attachment: from_json_word::<AuthenticatorAttachment>(&s.authenticator_attachment),
                resident_key: None,
                require_resident_key: s.require_resident_key,
                user_verification: policy(&s.user_verification),
            }),
            hints: None,
            attestation: from_json_word::<AttestationConveyancePreference>(&o.attestation),
            attestation_formats: None,
            extensions: None,
        },
    })
}

/// The new key's answer as the client sends it.
pub fn credential_to_proto(c: &RegisterPublicKeyCredential) -> pb::CredentialCreationResponse {
    pb::CredentialCreationResponse {
        r#type: c.type_.clone(),
        raw_id: c.raw_id.clone(),
        response: Some(pb::AuthenticatorAttestationResponse {
            client_data_json: c.response.client_data_json.clone(),
            attestation_object: c.response.attestation_object.clone(),
        }),
        extensions: c
            .extensions
            .appid
            .map(|app_id| pb::AuthenticationExtensionsClientOutputs { app_id }),
    }
}

/// The new key's answer as the server reads it.
pub fn credential_from_proto(c: pb::CredentialCreationResponse) -> Result<RegisterPublicKeyCredential> {
    let r = c
        .response
        .ok_or_else(|| Error::bad_parameter("NewMFAResponse.Webauthn.response: missing"))?;
    Ok(RegisterPublicKeyCredential {
        id: URL_SAFE_NO_PAD.encode(&c.raw_id),
        raw_id: c.raw_id,
        response: AuthenticatorAttestationResponseRaw {
            attestation_object: r.attestation_object,
            client_data_json: r.client_data_json,
            transports: None,
        },
        type_: c.r#type,
        extensions: RegistrationExtensionsClientOutputs {
            appid: c.extensions.map(|e| e.app_id),
            ..RegistrationExtensionsClientOutputs::default()
        },
    })
}

/// The `otpauth://` URL of a TOTP challenge, as Teleport's tsh builds it from the fields
/// (Google Authenticator's key URI format; query keys sorted, as Go's `url.Values` writes them).
pub fn otpauth_url(c: &TotpRegisterChallenge) -> String {
    let enc = crate::api::segment;
    format!(
        "otpauth://totp/{issuer}:{account}?algorithm={alg}&digits={digits}&issuer={issuer}&period={period}&secret={secret}",
        issuer = enc(&c.issuer),
        account = enc(&c.account),
        alg = enc(&c.algorithm),
        digits = c.digits,
        period = c.period_seconds,
        secret = enc(&c.secret),
    )
}
