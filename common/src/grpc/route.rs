//! Routed certificates (databases, Kubernetes clusters) as Teleport asks for them: the
//! `IsMFARequired` target of a route, and the `GenerateUserCerts` request for one.

use super::wire::proto::is_mfa_required_request::Target as MfaTarget;
use super::wire::proto::user_certs_request::{CertPurpose, CertUsage, Requester};
use super::wire::proto::{IsMfaRequiredRequest, MfaAuthenticateResponse, RouteToDatabase, UserCertsRequest};
use crate::api::routes::RouteTarget;

/// The only database protocol this suite reaches.
pub const PROTOCOL_POSTGRES: &str = "postgres";

/// `IsMFARequiredRequest` for a route.
pub fn mfa_check(target: &RouteTarget) -> IsMfaRequiredRequest {
    IsMfaRequiredRequest {
        target: Some(match target {
            RouteTarget::Database { .. } => MfaTarget::Database(to_database(target)),
            RouteTarget::KubeCluster { name } => MfaTarget::KubernetesCluster(name.clone()),
        }),
    }
}

fn to_database(target: &RouteTarget) -> RouteToDatabase {
    match target {
        RouteTarget::Database { name, db_user, db_name } => RouteToDatabase {
            service_name: name.clone(),
            protocol: PROTOCOL_POSTGRES.into(),
            username: db_user.clone(),
            database: db_name.clone(),
            roles: Vec::new(),
        },
        RouteTarget::KubeCluster { .. } => RouteToDatabase::default(),
    }
}

/// What a routed certificate request carries besides the route.
pub struct RouteCertParams<'a> {
    /// The signed-in user.
    pub user: &'a str,
    /// The cluster (`RouteToCluster`).
    pub cluster: &'a str,
    /// The new key's public half (PKIX PEM).
    pub tls_public_key_pem: &'a str,
    /// Teleport's `RequesterName`.
    pub requester: Requester,
    /// The answer to a `USER_SESSION` challenge, when the target needs MFA.
    pub mfa_response: Option<MfaAuthenticateResponse>,
}

/// `GenerateUserCerts` for a route: usage `Database` with `RouteToDatabase`, or `Kubernetes`
/// with `KubernetesCluster`; with an MFA answer, purpose `SINGLE_USE_CERTS`.
pub fn cert_request(target: &RouteTarget, p: RouteCertParams<'_>) -> UserCertsRequest {
    let mut req = UserCertsRequest {
        username: p.user.into(),
        route_to_cluster: p.cluster.into(),
        tls_public_key: p.tls_public_key_pem.as_bytes().to_vec(),
        ..UserCertsRequest::default()
    };
    match target {
        RouteTarget::Database { .. } => {
            req.route_to_database = Some(to_database(target));
            req.set_usage(CertUsage::Database);
        }
        RouteTarget::KubeCluster { name } => {
            req.kubernetes_cluster = name.clone();
            req.set_usage(CertUsage::Kubernetes);
        }
    }
    req.set_requester_name(p.requester);
    if p.mfa_response.is_some() {
        req.set_purpose(CertPurpose::SingleUseCerts);
    }
    req.mfa_response = p.mfa_response;
    req
}

/// Teleport's `RequesterName` for this suite's requester words (`TSH_DB_EXEC`, ...).
pub fn requester(word: &str) -> Requester {
    Requester::from_str_name(word).unwrap_or(Requester::Unspecified)
}
