//! `GenerateUserCerts` with a route: a TLS certificate for one database (`RouteToDatabase`,
//! usage `Database`) or one Kubernetes cluster (`KubernetesCluster`, usage `Kubernetes`), what
//! `tsh db`, `tsh proxy db|kube` and `tsh kube credentials` present to the proxy.
//!
//! Access is checked first (a refusal comes before any tap). When the target needs per-session
//! MFA the request must carry the answer (`MFAResponse`) to a `USER_SESSION` challenge; the
//! certificate then lasts one minute, or for a local proxy (`TSH_DB_LOCAL_PROXY_TUNNEL`,
//! `TSH_KUBE_LOCAL_PROXY`) as long as the login, capped by the roles' shortest
//! `mfa_verification_interval` (teleport-facts §3.2), so a tunnel taps once. Without MFA it lasts
//! as long as the caller's own certificate.

use std::time::{Duration, SystemTime};

use tele_common::api::routes::{RouteTarget, is_local_proxy};
use tele_common::error::{Error, Result};
use tele_common::grpc::mfa::response_from_proto;
use tele_common::grpc::wire::proto::user_certs_request::{CertUsage, Requester};
use tele_common::grpc::wire::proto::{Certs, UserCertsRequest};

use super::Call;
use crate::authz::Caller;
use crate::ca::TlsSubject;
use crate::route;
use crate::server::Server;
use crate::session_mfa::SINGLE_USE_TTL;

/// The route a request names, if any.
pub fn target_of(req: &UserCertsRequest) -> Result<Option<RouteTarget>> {
    let db = req.route_to_database.as_ref().filter(|d| !d.service_name.is_empty());
    match (db, req.kubernetes_cluster.is_empty()) {
        (Some(_), false) => Err(Error::bad_parameter(
            "a certificate routes to a database or to a Kubernetes cluster, not both",
        )),
        (Some(db), true) => {
            if !db.protocol.is_empty() && db.protocol != "postgres" {
                return Err(Error::bad_parameter(format!(
                    "database protocol {:?} is not supported by this server",
                    db.protocol
                )));
            }
            Ok(Some(RouteTarget::Database {
                name: db.service_name.clone(),
                db_user: db.username.clone(),
                db_name: db.database.clone(),
            }))
        }
        (None, false) => Ok(Some(RouteTarget::KubeCluster {
            name: req.kubernetes_cluster.clone(),
        })),
        (None, true) => Ok(None),
    }
}

/// Signs a routed certificate for the caller's `TLSPublicKey`.
pub fn user_certs(s: &Server, call: &Call, req: &UserCertsRequest, target: RouteTarget) -> Result<Certs> {
    let Caller::User { name, .. } = &call.who else {
        return Err(Error::bad_parameter(
            "database and Kubernetes access is for users; sign in as one",
        ));
    };
    if !req.username.is_empty() && &req.username != name {
        return Err(Error::access_denied("a routed certificate is for the caller only"));
    }
    let usage_fits = matches!(
        (&target, req.usage()),
        (_, CertUsage::All)
            | (RouteTarget::Database { .. }, CertUsage::Database)
            | (RouteTarget::KubeCluster { .. }, CertUsage::Kubernetes)
    );
    if !usage_fits {
        return Err(Error::bad_parameter(format!(
            "usage {} does not fit a certificate for {} {:?}",
            req.usage().as_str_name(),
            target.kind_text(),
            target.name()
        )));
    }
    let key_pem = std::str::from_utf8(&req.tls_public_key)
        .map_err(|_| Error::bad_parameter("TLSPublicKey: not a PEM public key"))?;
    let (user, roles) = crate::issue::user_and_roles(s, name)?;
    let resolved = route::check(s, &roles, &target)?;
    let requester = match req.requester_name() {
        Requester::Unspecified => "",
        other => other.as_str_name(),
    };
    let login_left = call
        .not_after
        .duration_since(SystemTime::now())
        .unwrap_or(Duration::ZERO);
    let (device, ttl) = if route::mfa_required(s, &roles, &target, &resolved)? {
        let Some(answer) = req.mfa_response.clone() else {
            return Err(
                Error::access_denied(target.mfa_reason()).with_hint("answer an MFA challenge (tsh asks for a tap)")
            );
        };
        let answer = response_from_proto(answer)?;
        let device = s.reusable_answers.verify(s, name, requester, &answer)?;
        let ttl = if is_local_proxy(requester) {
            roles
                .iter()
                .filter_map(|r| r.spec.options.mfa_verification_interval.map(|d| d.0))
                .fold(login_left, Duration::min)
        } else {
            SINGLE_USE_TTL.min(login_left)
        };
        (Some(device), ttl)
    } else {
        (None, login_left)
    };
    if ttl.is_zero() {
        return Err(Error::access_denied("the login has expired").with_hint("log in again: tsh login"));
    }
    let role_names: Vec<String> = roles.iter().map(|r| r.metadata.name.clone()).collect();
    let subject = TlsSubject {
        common_name: &user.metadata.name,
        organizations: &role_names,
        organizational_units: &[],
    };
    let tls = s
        .cas
        .sign_tls_route(key_pem, &subject, &target, device.as_deref(), ttl)?;
    tracing::info!(user = %name, target = ?target, mfa = device.is_some(), requester, "routed certificate issued");
    Ok(Certs {
        tls: tls.into_bytes(),
        tlsca_certs: vec![s.cas.tls_ca_pem().as_bytes().to_vec()],
        ..Certs::default()
    })
}
