//! The client side of WebAuthn without a browser: tsh writes the clientDataJSON itself, hands
//! the CTAP-level request to an [`Authenticator`], and turns the answer into the JSON a
//! WebAuthn relying party (webauthn-rs, or Teleport) verifies.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use webauthn_rs_proto::{
    AuthenticationExtensionsClientOutputs, AuthenticatorAssertionResponseRaw, AuthenticatorAttestationResponseRaw,
    CreationChallengeResponse, PublicKeyCredential, RegisterPublicKeyCredential, RegistrationExtensionsClientOutputs,
    RequestChallengeResponse,
};

use super::{AssertRequest, Authenticator, Prompter, RegisterRequest};
use crate::error::Result;

/// The clientDataJSON of a ceremony: `webauthn.get` or `webauthn.create`.
pub fn client_data_json(kind: &str, challenge: &[u8], origin: &str) -> Vec<u8> {
    serde_json::json!({
        "type": kind,
        "challenge": URL_SAFE_NO_PAD.encode(challenge),
        "origin": origin,
        "crossOrigin": false,
    })
    .to_string()
    .into_bytes()
}

/// Answers an assertion request with `authenticator`.
pub fn assert(
    challenge: &RequestChallengeResponse,
    origin: &str,
    authenticator: &dyn Authenticator,
) -> Result<PublicKeyCredential> {
    let options = &challenge.public_key;
    let client_data_json = client_data_json("webauthn.get", &options.challenge, origin);
    let req = AssertRequest {
        rp_id: options.rp_id.clone(),
        client_data_json: client_data_json.clone(),
        allow: options.allow_credentials.iter().map(|c| c.id.clone()).collect(),
    };
    let resp = authenticator.assert(&req)?;
    Ok(PublicKeyCredential {
        id: URL_SAFE_NO_PAD.encode(&resp.credential_id),
        raw_id: resp.credential_id,
        response: AuthenticatorAssertionResponseRaw {
            authenticator_data: resp.authenticator_data,
            client_data_json,
            signature: resp.signature,
            user_handle: resp.user_handle,
        },
        extensions: AuthenticationExtensionsClientOutputs::default(),
        type_: "public-key".into(),
    })
}

/// Answers a registration request with `authenticator`.
pub fn register(
    challenge: &CreationChallengeResponse,
    origin: &str,
    authenticator: &dyn Authenticator,
    prompter: &dyn Prompter,
) -> Result<RegisterPublicKeyCredential> {
    let options = &challenge.public_key;
    let client_data_json = client_data_json("webauthn.create", &options.challenge, origin);
    let req = RegisterRequest {
        rp_id: options.rp.id.clone(),
        client_data_json: client_data_json.clone(),
        user_id: options.user.id.to_vec(),
        user_name: options.user.name.clone(),
        exclude: options
            .exclude_credentials
            .iter()
            .flatten()
            .map(|c| c.id.to_vec())
            .collect(),
    };
    let resp = authenticator.register(&req, prompter)?;
    Ok(RegisterPublicKeyCredential {
        id: URL_SAFE_NO_PAD.encode(&resp.credential_id),
        raw_id: resp.credential_id,
        response: AuthenticatorAttestationResponseRaw {
            attestation_object: resp.attestation_object,
            client_data_json,
            transports: None,
        },
        type_: "public-key".into(),
        extensions: RegistrationExtensionsClientOutputs::default(),
    })
}

/// Minimal CBOR for the two fixed shapes WebAuthn needs here (an attestation object with
/// `fmt: "none"`, and a COSE EC2 key). A general CBOR crate would be a dependency for ~30 lines.
pub mod cbor {
    fn head(major: u8, len: usize, out: &mut Vec<u8>) {
        let m = major << 5;
        match len {
            0..=23 => out.push(m | len as u8),
            24..=0xff => out.extend([m | 24, len as u8]),
            0x100..=0xffff => {
                out.push(m | 25);
                out.extend((len as u16).to_be_bytes());
            }
            _ => {
                out.push(m | 26);
                out.extend((len as u32).to_be_bytes());
            }
        }
    }

    fn text(s: &str, out: &mut Vec<u8>) {
        head(3, s.len(), out);
        out.extend(s.as_bytes());
    }

    fn bytes(b: &[u8], out: &mut Vec<u8>) {
        head(2, b.len(), out);
        out.extend(b);
    }

    fn int(i: i64, out: &mut Vec<u8>) {
        if i >= 0 {
            head(0, i as usize, out);
        } else {
            head(1, (-1 - i) as usize, out);
        }
    }

    /// `{"fmt": "none", "attStmt": {}, "authData": <auth_data>}`.
    pub fn attestation_object_none(auth_data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        head(5, 3, &mut out);
        text("fmt", &mut out);
        text("none", &mut out);
        text("attStmt", &mut out);
        head(5, 0, &mut out);
        text("authData", &mut out);
        bytes(auth_data, &mut out);
        out
    }

    /// A COSE EC2 P-256 ES256 public key: `{1: 2, 3: -7, -1: 1, -2: x, -3: y}`.
    pub fn cose_p256(x: &[u8], y: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        head(5, 5, &mut out);
        int(1, &mut out);
        int(2, &mut out);
        int(3, &mut out);
        int(-7, &mut out);
        int(-1, &mut out);
        int(1, &mut out);
        int(-2, &mut out);
        bytes(x, &mut out);
        int(-3, &mut out);
        bytes(y, &mut out);
        out
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn encodes_known_bytes() {
            // {"fmt":"none","attStmt":{},"authData":h'0102'} from RFC 8949's rules, by hand.
            let expected = [
                0xa3, 0x63, b'f', b'm', b't', 0x64, b'n', b'o', b'n', b'e', 0x67, b'a', b't', b't', b'S', b't', b'm',
                b't', 0xa0, 0x68, b'a', b'u', b't', b'h', b'D', b'a', b't', b'a', 0x42, 0x01, 0x02,
            ];
            assert_eq!(super::attestation_object_none(&[1, 2]), expected);
            let cose = super::cose_p256(&[0u8; 32], &[1u8; 32]);
            assert_eq!(&cose[..7], &[0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01]);
            assert_eq!(&cose[7..10], &[0x21, 0x58, 0x20]);
        }
    }
}
