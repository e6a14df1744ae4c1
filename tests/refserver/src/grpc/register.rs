//! Registering a device for the signed-in user (`tsh mfa add`), Teleport's two calls:
//! `CreateRegisterChallenge` (with the answer to a `MANAGE_DEVICES` challenge when the user has a
//! device already) and `AddMFADeviceSync` (the name and the new device's answer).

use tele_common::api::login::{DeviceType, RegisterFinishRequest};
use tele_common::error::{Error, Result};
use tele_common::grpc::convert::device_to_proto;
use tele_common::grpc::mfa::response_from_proto;
use tele_common::grpc::register::{creation_to_proto, credential_from_proto};
use tele_common::grpc::wire::proto::{
    AddMfaDeviceSyncRequest, AddMfaDeviceSyncResponse, CreateRegisterChallengeRequest, DeviceUsage,
    MfaRegisterChallenge, TotpRegisterChallenge, mfa_register_challenge, mfa_register_response,
};

use crate::authz::Caller;
use crate::mfa;
use crate::server::Server;

/// TOTP parameters this server's devices use (what Teleport's defaults are too).
const TOTP_PERIOD: u32 = 30;
const TOTP_DIGITS: u32 = 6;
const TOTP_ALGORITHM: &str = "SHA1";

fn user_of(caller: &Caller) -> Result<&str> {
    match caller {
        Caller::User { name, .. } => Ok(name),
        Caller::System { .. } => Err(Error::bad_parameter("MFA devices belong to users; sign in as one")),
    }
}

fn usage_supported(usage: DeviceUsage) -> Result<()> {
    match usage {
        DeviceUsage::Unspecified | DeviceUsage::Mfa => Ok(()),
        DeviceUsage::Passwordless => Err(Error::not_implemented(
            "passwordless devices are not supported by this server",
        )),
    }
}

/// `CreateRegisterChallenge`.
pub fn challenge(s: &Server, caller: &Caller, req: CreateRegisterChallengeRequest) -> Result<MfaRegisterChallenge> {
    let user = user_of(caller)?;
    if !req.token_id.is_empty() {
        return Err(Error::not_implemented(
            "this server registers devices of the signed-in user only, not by token",
        ));
    }
    usage_supported(req.device_usage())?;
    let kind = match req.device_type() {
        tele_common::grpc::wire::proto::DeviceType::Totp => DeviceType::Totp,
        tele_common::grpc::wire::proto::DeviceType::Webauthn => DeviceType::Webauthn,
        tele_common::grpc::wire::proto::DeviceType::Unspecified => {
            return Err(Error::bad_parameter("unsupported device type DEVICE_TYPE_UNSPECIFIED"));
        }
    };
    let existing = req.existing_mfa_response.map(response_from_proto).transpose()?;
    mfa::check_existing(s, user, existing.as_ref())?;
    let challenge = mfa::register_begin(s, user, None, kind)?;
    let request = match (challenge.totp, challenge.webauthn) {
        (Some(totp), _) => mfa_register_challenge::Request::Totp(TotpRegisterChallenge {
            id: mfa::totp_registration_id(&totp.secret),
            secret: totp.secret,
            issuer: s.settings.cluster_name.clone(),
            period_seconds: TOTP_PERIOD,
            algorithm: TOTP_ALGORITHM.into(),
            digits: TOTP_DIGITS,
            account: user.into(),
            qr_code: Vec::new(),
        }),
        (None, Some(ccr)) => mfa_register_challenge::Request::Webauthn(creation_to_proto(&ccr)),
        (None, None) => return Err(Error::internal("no registration challenge")),
    };
    Ok(MfaRegisterChallenge { request: Some(request) })
}

/// `AddMFADeviceSync`.
pub fn add(s: &Server, caller: &Caller, req: AddMfaDeviceSyncRequest) -> Result<AddMfaDeviceSyncResponse> {
    let user = user_of(caller)?;
    if !req.token_id.is_empty() {
        return Err(Error::not_implemented(
            "this server registers devices of the signed-in user only, not by token",
        ));
    }
    usage_supported(req.device_usage())?;
    if req.new_device_name.is_empty() {
        return Err(Error::bad_parameter("missing NewDeviceName"));
    }
    let answer = req
        .new_mfa_response
        .and_then(|r| r.response)
        .ok_or_else(|| Error::bad_parameter("missing NewMFAResponse"))?;
    let mut totp_id = None;
    let finish = match answer {
        mfa_register_response::Response::Totp(totp) => RegisterFinishRequest {
            name: req.new_device_name,
            totp_code: {
                totp_id = Some(totp.id);
                totp.code
            },
            webauthn: None,
        },
        mfa_register_response::Response::Webauthn(cred) => RegisterFinishRequest {
            name: req.new_device_name,
            totp_code: String::new(),
            webauthn: Some(credential_from_proto(cred)?),
        },
    };
    let d = mfa::register_finish(s, user, &finish, totp_id.as_deref())?;
    tracing::info!(user, device = d.name, kind = %d.kind, "MFA device added");
    Ok(AddMfaDeviceSyncResponse {
        device: Some(device_to_proto(
            &d.id,
            &d.name,
            d.kind == "webauthn",
            d.added,
            d.last_used,
        )),
    })
}
