//! `/v1/status` and certificate signing (`tctl auth sign`, also `--format=db`).

use std::time::Duration;

use axum::Json;
use axum::extract::State as AxState;
use ssh_key::PublicKey;
use tele_common::api::types::{
    CaStatus, DbCertRequest, DbCertResponse, HostCertRequest, HostCertResponse, StatusResponse, UserCertRequest,
    UserCertResponse,
};
use tele_common::error::Error;
use tele_common::resources::Verb;

use super::{ApiJson, ApiResult, State};
use crate::authz::Caller;
use crate::issue;

/// `GET /v1/status`.
pub async fn status(AxState(s): AxState<State>, caller: Caller) -> ApiResult<Json<StatusResponse>> {
    caller.check("cert_authority", Verb::Read)?;
    let never = |kind: &str| CaStatus {
        kind: kind.into(),
        rotation: "never updated".into(),
    };
    Ok(Json(StatusResponse {
        cluster_name: s.settings.cluster_name.clone(),
        version: tele_common::VERSION.into(),
        cas: vec![never("host"), never("user")],
        ca_pins: vec![s.cas.pin()?],
    }))
}

/// `POST /v1/certs/host`: an SSH host certificate signed by the host CA.
pub async fn host(
    AxState(s): AxState<State>,
    caller: Caller,
    ApiJson(req): ApiJson<HostCertRequest>,
) -> ApiResult<Json<HostCertResponse>> {
    caller.check("host_cert", Verb::Create)?;
    let key = PublicKey::from_openssh(req.public_key.trim())
        .map_err(|_| Error::bad_parameter("public_key: not an OpenSSH public key"))?;
    let principals = trimmed(&req.principals);
    if principals.is_empty() {
        return Err(Error::bad_parameter("principals: at least one host name or address is required").into());
    }
    if let Some(p) = principals.iter().find(|p| p.contains('*')) {
        return Err(Error::bad_parameter(format!(
            "principals: {p:?}: wildcard certificates are not supported by OpenSSH"
        ))
        .into());
    }
    let ttl = req.ttl.map(Duration::from_nanos);
    if ttl.is_some_and(|t| t.is_zero()) {
        return Err(Error::bad_parameter("ttl: must be more than 0").into());
    }
    let cert = s.cas.sign_host(&key, &principals, ttl, "Node")?;
    tracing::info!(principals = ?principals, "host certificate issued");
    Ok(Json(HostCertResponse {
        cert: cert
            .to_openssh()
            .map_err(|e| Error::internal(format!("encoding certificate: {e}")))?,
    }))
}

/// `POST /v1/certs/user`: SSH and TLS certificates for a user.
pub async fn user(
    AxState(s): AxState<State>,
    caller: Caller,
    ApiJson(req): ApiJson<UserCertRequest>,
) -> ApiResult<Json<UserCertResponse>> {
    caller.check("user_cert", Verb::Create)?;
    let row = s
        .store
        .user(&req.user)?
        .ok_or_else(|| Error::not_found(format!("user {:?} not found", req.user)))?;
    let cert_req = issue::CertRequest {
        ssh_public_key: &req.ssh_public_key,
        tls_public_key: &req.tls_public_key,
        ttl: req.ttl,
        login_ip: None,
        extensions: &[],
    };
    let resp = issue::user_certs(&s, &row.user, &cert_req)?;
    tracing::info!(user = req.user, by = caller.name(), "user certificates issued");
    Ok(Json(resp))
}

/// `POST /v1/certs/db`: a database server certificate signed by the `db` CA, with the
/// `db_client` CA the database should trust for client certificates.
pub async fn db(
    AxState(s): AxState<State>,
    caller: Caller,
    ApiJson(req): ApiJson<DbCertRequest>,
) -> ApiResult<Json<DbCertResponse>> {
    caller.check("database_certificate", Verb::Create)?;
    let hosts = trimmed(&req.hosts);
    if hosts.is_empty() {
        return Err(Error::bad_parameter("hosts: at least one host name or address is required").into());
    }
    if req.ttl.is_zero() {
        return Err(Error::bad_parameter("ttl: must be more than 0").into());
    }
    let cert = s.cas.sign_db_server(&req.public_key, &hosts, req.ttl)?;
    tracing::info!(hosts = ?hosts, by = caller.name(), "database server certificate issued");
    Ok(Json(DbCertResponse {
        cert,
        cas: vec![s.cas.db_client_ca_pem().to_string()],
    }))
}

/// Host names as given, trimmed, blanks dropped.
fn trimmed(names: &[String]) -> Vec<String> {
    names
        .iter()
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}
