//! Per-session MFA over gRPC, Teleport's sequence (teleport-wire §3): `IsMFARequired`,
//! `CreateAuthenticateChallenge` (with `MFARequiredCheck` and scope `USER_SESSION`), then
//! `GenerateUserCerts` with the answer, `Purpose: SINGLE_USE_CERTS`, for one node and login.

use std::time::{Duration, SystemTime};

use ssh_key::PublicKey;
use tele_common::api::routes::RouteTarget;
use tele_common::error::{Error, Result};
use tele_common::grpc::mfa::{challenge_to_proto, response_from_proto};
use tele_common::grpc::wire::proto::create_authenticate_challenge_request::Request as ChallengeFor;
use tele_common::grpc::wire::proto::is_mfa_required_request::Target;
use tele_common::grpc::wire::proto::user_certs_request::{CertPurpose, CertUsage};
use tele_common::grpc::wire::proto::{
    Certs, CreateAuthenticateChallengeRequest, IsMfaRequiredRequest, IsMfaRequiredResponse, MfaAuthenticateChallenge,
    MfaRequired, UserCertsRequest,
};
use tele_common::grpc::wire::teleport::mfa::v1::{ChallengeAllowReuse, ChallengeScope};
use tele_common::resources::{Role, User, Verb};

use super::Call;
use crate::authz::Caller;
use crate::server::Server;
use crate::{route, session_mfa};

/// The caller as a user with their roles, as read when the call came in (one read per call);
/// system identities have no MFA devices or sessions.
fn user_of(caller: &Caller) -> Result<(&User, &[Role])> {
    match caller {
        Caller::User { user, roles, .. } => Ok((user, roles)),
        Caller::System { .. } => Err(Error::bad_parameter(
            "per-session MFA is for users; this identity is a system identity",
        )),
    }
}

/// `IsMFARequired`: whether the caller needs an MFA check for the target. A node that does not
/// exist, or that the roles do not reach, answers "no" (as Teleport: no oracle of node names;
/// the proxy refuses the connection itself).
pub fn is_mfa_required(s: &Server, caller: &Caller, req: &IsMfaRequiredRequest) -> Result<IsMfaRequiredResponse> {
    let required = required(s, caller, req)?;
    Ok(IsMfaRequiredResponse {
        required,
        mfa_required: if required { MfaRequired::Yes } else { MfaRequired::No } as i32,
    })
}

fn required(s: &Server, caller: &Caller, req: &IsMfaRequiredRequest) -> Result<bool> {
    let target = req
        .target
        .as_ref()
        .ok_or_else(|| Error::bad_parameter("unknown Target <nil>"))?;
    if let Target::Node(n) = target {
        if n.node.is_empty() {
            return Err(Error::bad_parameter("empty Node field"));
        }
        if n.login.is_empty() {
            return Err(Error::bad_parameter("empty Login field"));
        }
    }
    if let Target::AdminAction(_) = target {
        return super::admin_mfa_required(s, caller);
    }
    if s.cap()?.spec.require_session_mfa == Some(true) {
        return Ok(true);
    }
    let (user, roles) = user_of(caller)?;
    match target {
        Target::Node(n) => {
            let nodes = s.store.nodes()?;
            for node in session_mfa::nodes_named(&nodes, &n.node) {
                if crate::access::check_ssh(user, roles, &n.login, node).is_ok()
                    && session_mfa::required(s, user, roles, node, &n.login)?
                {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Target::Database(db) => {
            let target = RouteTarget::Database {
                name: db.service_name.clone(),
                db_user: db.username.clone(),
                db_name: db.database.clone(),
            };
            let resolved = route::check(s, roles, &target)?;
            route::mfa_required(s, roles, &target, &resolved)
        }
        Target::KubernetesCluster(name) => {
            let target = RouteTarget::KubeCluster { name: name.clone() };
            let resolved = route::check(s, roles, &target)?;
            route::mfa_required(s, roles, &target, &resolved)
        }
        Target::AdminAction(_) => super::admin_mfa_required(s, caller),
    }
}

/// The scope word the challenge store keys by, for the scopes a signed-in user may ask for.
fn scope_name(scope: ChallengeScope) -> Result<&'static str> {
    match scope {
        ChallengeScope::UserSession => Ok(crate::mfa::USER_SESSION),
        ChallengeScope::ManageDevices => Ok(crate::mfa::MANAGE_DEVICES),
        ChallengeScope::HeadlessLogin => Ok(crate::mfa::HEADLESS_LOGIN),
        ChallengeScope::AdminAction => Ok(crate::mfa::ADMIN_ACTION),
        other => Err(Error::bad_parameter(format!(
            "a signed-in user cannot ask for a challenge of scope {}",
            other.as_str_name()
        ))),
    }
}

/// `CreateAuthenticateChallenge` for the signed-in caller (`ContextUser`). With an
/// `MFARequiredCheck` that needs no MFA, the answer says so and holds no challenge.
pub fn challenge(
    s: &Server,
    caller: &Caller,
    req: CreateAuthenticateChallengeRequest,
) -> Result<MfaAuthenticateChallenge> {
    match req.request {
        None | Some(ChallengeFor::ContextUser(_)) => {}
        Some(ChallengeFor::UserCredentials(_)) => {
            return Err(Error::not_implemented(
                "this server starts password logins at /webapi/mfa/login/begin",
            ));
        }
        Some(_) => {
            return Err(Error::not_implemented(
                "passwordless and account recovery are not supported by this server",
            ));
        }
    }
    let ext = req
        .challenge_extensions
        .ok_or_else(|| Error::bad_parameter("requested challenge extensions must be supplied."))?;
    let scope = ext.scope();
    let name = scope_name(scope)?;
    // Teleport 17 allows reuse for admin actions only; this server also for user sessions, so
    // one tap covers one command on many nodes (see ARCHITECTURE.md).
    let reuse = ext.allow_reuse() == ChallengeAllowReuse::Yes;
    let reusable = match scope {
        ChallengeScope::AdminAction => true,
        ChallengeScope::UserSession => !s.settings.refuse_session_mfa_reuse,
        _ => false,
    };
    if reuse && !reusable {
        return Err(Error::bad_parameter(format!(
            "mfa challenges with scope {} cannot allow reuse",
            scope.as_str_name()
        )));
    }
    let required = match &req.mfa_required_check {
        Some(check) => Some(required(s, caller, check)?),
        None => None,
    };
    if required == Some(false) {
        return Ok(challenge_to_proto(&Default::default(), required));
    }
    let (user, _) = user_of(caller)?;
    let challenge = crate::mfa::challenge_with(s, &user.metadata.name, name, reuse)?;
    Ok(challenge_to_proto(&challenge, required))
}

/// `GenerateUserCerts`: single-use SSH certificates (per-session MFA) here, a login's
/// certificates in `sign.rs`, routed ones (databases, Kubernetes) in `routed.rs`.
pub fn user_certs(s: &Server, call: &Call, req: UserCertsRequest) -> Result<Certs> {
    if let Some(target) = super::routed::target_of(&req)? {
        return super::routed::user_certs(s, call, &req, target);
    }
    let caller = &call.who;
    let single_use = req.purpose() == CertPurpose::SingleUseCerts;
    match req.usage() {
        CertUsage::All if single_use => {
            return Err(Error::bad_parameter(
                "single-use certificates cannot be issued for all purposes",
            ));
        }
        CertUsage::Ssh if req.node_name.is_empty() => {
            return Err(Error::bad_parameter(
                "missing NodeName field in a ssh-only UserCertsRequest",
            ));
        }
        _ => {}
    }
    if !single_use {
        return super::sign::user_certs(s, caller, req);
    }
    let (user, roles) = user_of(caller)?;
    let name = user.metadata.name.clone();
    if !req.username.is_empty() && req.username != name {
        caller.check("user", Verb::Create)?;
        return Err(Error::not_implemented(
            "certificates for another user are issued by tctl auth sign on this server",
        ));
    }
    if req.usage() != CertUsage::Ssh {
        return Err(Error::not_implemented(
            "this server issues single-use SSH certificates over gRPC; others come from the web API",
        ));
    }
    let answer = req
        .mfa_response
        .clone()
        .ok_or_else(|| Error::access_denied("single-use certificates need an answer to an MFA challenge"))?;
    let answer = response_from_proto(answer)?;
    let key = std::str::from_utf8(&req.ssh_public_key)
        .ok()
        .and_then(|text| PublicKey::from_openssh(text.trim()).ok())
        .ok_or_else(|| Error::bad_parameter("SSHPublicKey: not an authorized_keys public key"))?;
    let caller_expiry = call.not_after;
    let now = SystemTime::now();
    let mut ttl = session_mfa::SINGLE_USE_TTL.min(caller_expiry.duration_since(now).unwrap_or(Duration::ZERO));
    if let Some(expires) = &req.expires {
        let until = tele_common::grpc::convert::from_timestamp(expires);
        ttl = ttl.min(until.duration_since(now).unwrap_or(Duration::ZERO));
    }
    if ttl.is_zero() {
        return Err(Error::access_denied("the login has expired").with_hint("log in again: tsh login"));
    }
    let device = s.reusable_answers.verify_session(s, &name, &answer)?;
    let cert = session_mfa::sign_single_use(
        s,
        &session_mfa::SingleUse {
            user,
            roles,
            key: &key,
            node: &req.node_name,
            login: &req.ssh_login,
            device: &device,
            ttl,
            prev_identity_expires: caller_expiry,
            login_ip: call.remote.ip(),
        },
    )?;
    Ok(Certs {
        ssh: format!("{cert}\n").into_bytes(),
        ..Certs::default()
    })
}

/// `GetMFADevices`: the caller's devices, without their secrets.
pub fn mfa_devices(s: &Server, caller: &Caller) -> Result<tele_common::grpc::wire::proto::GetMfaDevicesResponse> {
    let (user, _) = user_of(caller)?;
    let devices = s
        .store
        .mfa_devices(&user.metadata.name)?
        .iter()
        .map(|d| {
            tele_common::grpc::convert::device_to_proto(&d.id, &d.name, d.kind == "webauthn", d.added, d.last_used)
        })
        .collect();
    Ok(tele_common::grpc::wire::proto::GetMfaDevicesResponse { devices })
}

/// `DeleteMFADeviceSync`: removes one of the caller's devices, with an answer to a
/// `MANAGE_DEVICES` challenge; the last device stays while the cluster requires a second factor.
pub fn delete_mfa_device(
    s: &Server,
    caller: &Caller,
    req: tele_common::grpc::wire::proto::DeleteMfaDeviceSyncRequest,
) -> Result<()> {
    if !req.token_id.is_empty() {
        return Err(Error::not_implemented(
            "this server removes devices of the signed-in user only, not by token",
        ));
    }
    let (user, _) = user_of(caller)?;
    let user = user.metadata.name.clone();
    let name = req.device_name;
    let devices = s.store.mfa_devices(&user)?;
    if !devices.iter().any(|d| d.name == name) {
        return Err(Error::not_found(format!("MFA device {name:?} not found")));
    }
    let answer = req
        .existing_mfa_response
        .ok_or_else(|| Error::access_denied("an MFA check with an existing device is required"))?;
    crate::mfa::verify(s, &user, crate::mfa::MANAGE_DEVICES, &response_from_proto(answer)?)?;
    if devices.len() == 1 && s.cap()?.spec.second_factor.required() {
        return Err(Error::new(
            tele_common::error::ErrorKind::CompareFailed,
            "cannot delete the last MFA device for this user; add a replacement device first to avoid getting locked out",
        ));
    }
    s.store.delete_mfa_device(&user, &name)?;
    tracing::info!(user, device = name, "MFA device removed");
    Ok(())
}
