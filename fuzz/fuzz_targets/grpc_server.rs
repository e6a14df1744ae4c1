//! The reference server's side of the Auth service's gRPC: the requests its handlers decode
//! (prost, through tonic's codec) and the library conversions and checks they run before any
//! state is touched. The first byte picks the request; the rest is its protobuf encoding. Also
//! the `mfa_challenge_response` metadata of admin actions (base64 of protobuf JSON).
#![no_main]

use libfuzzer_sys::fuzz_target;
use prost::Message;
use tele_common::grpc::convert::{
    cap_from_proto, database_from_proto, from_go_nanos, from_proto_duration, from_timestamp, kube_from_proto,
    role_from_proto, token_from_proto, user_from_proto,
};
use tele_common::grpc::metadata::decode_mfa_response;
use tele_common::grpc::mfa::response_from_proto;
use tele_common::grpc::register::credential_from_proto;
use tele_common::grpc::wire::proto::mfa_register_response::Response as Registered;
use tele_common::grpc::wire::proto::{
    AddMfaDeviceSyncRequest, CreateAuthenticateChallengeRequest, CreateRegisterChallengeRequest,
    CreateResetPasswordTokenRequest, CreateRoleRequest, CreateTokenV2Request, DatabaseCertRequest,
    DeleteMfaDeviceSyncRequest, GetSessionEventsRequest, IsMfaRequiredRequest, ListResourcesRequest,
    MfaAuthenticateResponse, UpdateHeadlessAuthenticationStateRequest, UpsertTokenV2Request, UserCertsRequest,
    create_token_v2_request, upsert_token_v2_request,
};
use tele_common::grpc::wire::teleport::clusterconfig::v1::UpsertAuthPreferenceRequest;
use tele_common::grpc::wire::teleport::trust::v1::{GenerateHostCertRequest, GetCertAuthoritiesRequest};
use tele_common::grpc::wire::teleport::users::v1::UpsertUserRequest;
use tele_common::grpc::wire::types::{DatabaseV3, KubernetesClusterV3};

fn decode<M: Message + Default>(data: &[u8]) -> Option<M> {
    M::decode(data).ok()
}

/// An MFA answer as every handler that takes one reads it.
fn answer(resp: Option<MfaAuthenticateResponse>) {
    if let Some(resp) = resp {
        let _ = response_from_proto(resp);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((which, data)) = tele_fuzz::dispatch(data) else {
        return;
    };
    match which % 18 {
        // GenerateUserCerts: expiry, keys as text, the MFA answer of a single-use certificate.
        0 => {
            if let Some(req) = decode::<UserCertsRequest>(data) {
                if let Some(t) = &req.expires {
                    let _ = from_timestamp(t).duration_since(std::time::SystemTime::now());
                }
                let _ = req.usage();
                let _ = req.purpose();
                let _ = req.requester_name();
                if let Ok(text) = String::from_utf8(req.ssh_public_key) {
                    let _ = ssh_key::PublicKey::from_openssh(text.trim());
                }
                answer(req.mfa_response);
            }
        }
        1 => {
            if let Some(req) = decode::<ListResourcesRequest>(data) {
                let _ = tele_common::api::nodes::parse_selectors(
                    &req.labels.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>(),
                );
            }
        }
        2 => {
            if let Some(req) = decode::<CreateAuthenticateChallengeRequest>(data) {
                if let Some(ext) = &req.challenge_extensions {
                    let _ = (ext.scope(), ext.allow_reuse());
                }
            }
        }
        3 => {
            let _ = decode::<IsMfaRequiredRequest>(data);
        }
        // CreateRole, UpdateRole, UpsertRoleV2 (one layout).
        4 => {
            if let Some(req) = decode::<CreateRoleRequest>(data)
                && let Some(role) = req.role
                && let Ok(role) = role_from_proto(role)
            {
                let _ = role.validate();
            }
        }
        5 => {
            if let Some(req) = decode::<CreateTokenV2Request>(data)
                && let Some(create_token_v2_request::Token::V2(t)) = req.token
                && let Ok(token) = token_from_proto(t)
            {
                let _ = token.validate();
            }
        }
        6 => {
            if let Some(req) = decode::<UpsertTokenV2Request>(data)
                && let Some(upsert_token_v2_request::Token::V2(t)) = req.token
                && let Ok(token) = token_from_proto(t)
            {
                let _ = token.validate();
            }
        }
        // CreateUser, UpdateUser, UpsertUser (one layout).
        7 => {
            if let Some(req) = decode::<UpsertUserRequest>(data)
                && let Some(user) = req.user
            {
                let _ = user_from_proto(user).validate();
            }
        }
        8 => {
            if let Some(req) = decode::<UpsertAuthPreferenceRequest>(data)
                && let Some(cap) = req.auth_preference
                && let Ok(cap) = cap_from_proto(cap)
            {
                let _ = cap.validate();
            }
        }
        9 => {
            if let Some(db) = decode::<DatabaseV3>(data) {
                let _ = database_from_proto(db).validate();
            }
        }
        10 => {
            if let Some(k) = decode::<KubernetesClusterV3>(data) {
                let _ = kube_from_proto(k).validate();
            }
        }
        // AddMFADeviceSync: the new device's answer to its registration challenge.
        11 => {
            if let Some(req) = decode::<AddMfaDeviceSyncRequest>(data)
                && let Some(resp) = req.new_mfa_response
                && let Some(Registered::Webauthn(cred)) = resp.response
            {
                let _ = credential_from_proto(cred);
            }
        }
        12 => {
            if let Some(req) = decode::<DeleteMfaDeviceSyncRequest>(data) {
                answer(req.existing_mfa_response);
            }
        }
        13 => {
            if let Some(req) = decode::<CreateRegisterChallengeRequest>(data) {
                let _ = (req.device_type(), req.device_usage());
                answer(req.existing_mfa_response);
            }
        }
        14 => {
            if let Some(req) = decode::<UpdateHeadlessAuthenticationStateRequest>(data) {
                let _ = req.state();
                answer(req.mfa_response);
            }
        }
        15 => {
            if let Some(req) = decode::<GetSessionEventsRequest>(data) {
                let _ = req.start_date.as_ref().map(from_timestamp);
                let _ = req.end_date.as_ref().map(from_timestamp);
                let _ = req.order();
            }
        }
        // TTLs: GenerateHostCert (protobuf Duration), GenerateDatabaseCert and
        // CreateResetPasswordToken (Go nanoseconds).
        16 => {
            let (which, data) = tele_fuzz::dispatch(data).unwrap_or((0, data));
            match which % 4 {
                0 => {
                    if let Some(req) = decode::<GenerateHostCertRequest>(data) {
                        let _ = req.ttl.as_ref().map(from_proto_duration);
                        if let Ok(text) = std::str::from_utf8(&req.key) {
                            let _ = ssh_key::PublicKey::from_openssh(text.trim());
                        }
                    }
                }
                1 => {
                    if let Some(req) = decode::<DatabaseCertRequest>(data) {
                        let _ = from_go_nanos(req.ttl);
                    }
                }
                2 => {
                    if let Some(req) = decode::<CreateResetPasswordTokenRequest>(data) {
                        let _ = tele_common::duration::format(from_go_nanos(req.ttl));
                    }
                }
                _ => {
                    let _ = decode::<GetCertAuthoritiesRequest>(data);
                }
            }
        }
        // The admin-action MFA answer in the request's metadata.
        _ => {
            if let Ok(value) = std::str::from_utf8(data)
                && let Ok(resp) = decode_mfa_response(value)
            {
                let _ = response_from_proto(resp);
            }
        }
    }
});
