//! `/v1/routes/mfa_required` and `/v1/certs/route`: routed certificates for databases and
//! Kubernetes clusters (see `crate::route`).

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::Json;
use axum::extract::FromRequestParts;
use axum::extract::State as AxState;
use axum::http::request::Parts;
use axum_server::tls::TlsInfo;
use tele_common::api::routes::{
    RouteCertRequest, RouteCertResponse, RouteMfaRequest, RouteMfaResponse, is_local_proxy,
};
use tele_common::error::{Error, Result};
use tele_common::resources::{Role, User};

use super::{ApiError, ApiJson, ApiResult, State};
use crate::authz::Caller;
use crate::ca::TlsSubject;
use crate::route;
use crate::server::Server;
use crate::session_mfa::SINGLE_USE_TTL;

/// When the caller's own certificate ends: a routed certificate without MFA lasts as long.
pub struct CallerExpiry(SystemTime);

impl FromRequestParts<State> for CallerExpiry {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &State) -> std::result::Result<Self, Self::Rejection> {
        let leaf = parts
            .extensions
            .get::<Arc<TlsInfo>>()
            .and_then(|info| info.peer_certificates.first().cloned())
            .ok_or_else(|| Error::unauthenticated("this API needs a client certificate"))?;
        Ok(Self(tele_common::tls::cert_info(&leaf)?.not_after))
    }
}

fn user(s: &Server, caller: &Caller) -> Result<(User, Vec<Role>)> {
    let Caller::User { name, .. } = caller else {
        return Err(Error::bad_parameter(
            "database and Kubernetes access is for users; sign in as one",
        ));
    };
    crate::issue::user_and_roles(s, name)
}

/// `POST /v1/routes/mfa_required`.
pub async fn mfa_required(
    AxState(s): AxState<State>,
    caller: Caller,
    ApiJson(req): ApiJson<RouteMfaRequest>,
) -> ApiResult<Json<RouteMfaResponse>> {
    let (_, roles) = user(&s, &caller)?;
    let resolved = route::check(&s, &roles, &req.target)?;
    Ok(Json(RouteMfaResponse {
        required: route::mfa_required(&s, &roles, &req.target, &resolved)?,
    }))
}

/// `POST /v1/certs/route`: checks access (and the MFA answer when the target needs one), then
/// signs a certificate for the target. Without MFA it lasts as long as the caller's own
/// certificate. With MFA: one minute; for a local proxy (`TSH_DB_LOCAL_PROXY_TUNNEL`,
/// `TSH_KUBE_LOCAL_PROXY`) as long as the login, capped by the roles' shortest
/// `mfa_verification_interval` (Teleport's rule, teleport-facts §3.2), so a tunnel taps once.
pub async fn cert(
    AxState(s): AxState<State>,
    caller: Caller,
    CallerExpiry(caller_expiry): CallerExpiry,
    ApiJson(req): ApiJson<RouteCertRequest>,
) -> ApiResult<Json<RouteCertResponse>> {
    let (user, roles) = user(&s, &caller)?;
    let resolved = route::check(&s, &roles, &req.target)?;
    let name = &user.metadata.name;
    let login_left = caller_expiry
        .duration_since(SystemTime::now())
        .unwrap_or(Duration::ZERO);
    let (device, ttl) = if route::mfa_required(&s, &roles, &req.target, &resolved)? {
        let Some(resp) = &req.mfa_response else {
            return Err(Error::access_denied(req.target.mfa_reason())
                .with_hint("answer an MFA challenge (tsh asks for a tap)")
                .into());
        };
        let device = s.reusable_answers.verify(&s, name, &req.requester, resp)?;
        let ttl = if is_local_proxy(&req.requester) {
            roles
                .iter()
                .filter_map(|r| r.spec.options.mfa_verification_interval.map(|d| d.0))
                .fold(login_left, Duration::min)
        } else {
            SINGLE_USE_TTL
        };
        (Some(device), ttl)
    } else {
        (None, login_left)
    };
    if ttl.is_zero() {
        return Err(Error::access_denied("the login has expired")
            .with_hint("log in again: tsh login")
            .into());
    }
    let role_names: Vec<String> = roles.iter().map(|r| r.metadata.name.clone()).collect();
    let subject = TlsSubject {
        common_name: name,
        organizations: &role_names,
        organizational_units: &[],
    };
    let tls_cert = s
        .cas
        .sign_tls_route(&req.tls_public_key, &subject, &req.target, device.as_deref(), ttl)?;
    tracing::info!(user = %name, target = ?req.target, mfa = device.is_some(), "routed certificate issued");
    Ok(Json(RouteCertResponse { tls_cert }))
}
