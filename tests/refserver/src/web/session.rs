//! `/v1/mfa/required` and `/v1/certs/single-use`: per-session MFA for SSH.

use axum::Json;
use axum::extract::State as AxState;
use ssh_key::PublicKey;
use tele_common::api::nodes::{MfaRequiredRequest, MfaRequiredResponse, SingleUseCertRequest, SingleUseCertResponse};
use tele_common::error::{Error, Result};
use tele_common::resources::{Role, User};

use super::{ApiJson, ApiResult, State};
use crate::access;
use crate::authz::Caller;
use crate::server::Server;
use crate::session_mfa::{self, MFA_VERIFIED, SINGLE_USE_NODE, SINGLE_USE_TTL};
use crate::store::NodeRow;

/// The caller's user and roles, and the node they name.
fn target(s: &Server, caller: &Caller, node: &str, port: u16) -> Result<(User, Vec<Role>, NodeRow)> {
    let Caller::User { name, .. } = caller else {
        return Err(Error::bad_parameter("per-session MFA is for users; sign in as one"));
    };
    let (user, roles) = crate::issue::user_and_roles(s, name)?;
    Ok((user, roles, access::find_node(&s.store, node, port)?))
}

/// `POST /v1/mfa/required`.
pub async fn required(
    AxState(s): AxState<State>,
    caller: Caller,
    ApiJson(req): ApiJson<MfaRequiredRequest>,
) -> ApiResult<Json<MfaRequiredResponse>> {
    let (user, roles, node) = target(&s, &caller, &req.node, req.port)?;
    access::check_ssh(&user, &roles, &req.login, &node)?;
    Ok(Json(MfaRequiredResponse {
        required: session_mfa::required(&s, &user, &roles, &node, &req.login)?,
        node_name: node.name,
    }))
}

/// `POST /v1/certs/single-use`: checks the answer to the `user_session` challenge and signs a
/// one-minute certificate for exactly this login on this node (and on each of `more_nodes`,
/// under the same check).
pub async fn single_use(
    AxState(s): AxState<State>,
    caller: Caller,
    ApiJson(req): ApiJson<SingleUseCertRequest>,
) -> ApiResult<Json<SingleUseCertResponse>> {
    let (user, roles, node) = target(&s, &caller, &req.node, req.port)?;
    let mut nodes = vec![node];
    for name in &req.more_nodes {
        nodes.push(target(&s, &caller, name, 0)?.2);
    }
    for node in &nodes {
        access::check_ssh(&user, &roles, &req.login, node)?;
    }
    let device = crate::mfa::verify(&s, &user.metadata.name, "user_session", &req.mfa_response)?;
    let key = PublicKey::from_openssh(req.ssh_public_key.trim())
        .map_err(|_| Error::bad_parameter("ssh_public_key: not an OpenSSH public key"))?;
    let mut certs = Vec::new();
    for node in &nodes {
        certs.push(sign(&s, &user, &roles, &key, node, &req.login, &device)?);
    }
    let ssh_cert = certs.remove(0);
    Ok(Json(SingleUseCertResponse {
        ssh_cert,
        more_certs: certs,
    }))
}

fn sign(
    s: &Server,
    user: &User,
    roles: &[Role],
    key: &PublicKey,
    node: &NodeRow,
    login: &str,
    device: &str,
) -> Result<String> {
    let role_names: Vec<String> = roles.iter().map(|r| r.metadata.name.clone()).collect();
    let mut ext = vec![
        ("permit-pty".to_string(), String::new()),
        (MFA_VERIFIED.to_string(), device.to_string()),
        (SINGLE_USE_NODE.to_string(), node.name.clone()),
        (
            "teleport-roles".to_string(),
            serde_json::json!({ "roles": role_names }).to_string(),
        ),
    ];
    if roles.iter().any(|r| r.spec.options.forward_agent == Some(true)) {
        ext.push(("permit-agent-forwarding".into(), String::new()));
    }
    if roles.iter().all(|r| r.spec.options.port_forwarding != Some(false)) {
        ext.push(("permit-port-forwarding".into(), String::new()));
    }
    let login = login.to_string();
    let cert = s.cas.sign_user(
        key,
        &user.metadata.name,
        std::slice::from_ref(&login),
        SINGLE_USE_TTL,
        &ext,
    )?;
    tracing::info!(user = %user.metadata.name, node = %node.name, login, "single-use certificate issued");
    cert.to_openssh()
        .map_err(|e| Error::internal(format!("encoding certificate: {e}")))
}
