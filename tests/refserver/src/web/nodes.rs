//! Joining OpenSSH nodes with a token (recorded sessions are `grpc::recordings`).

use std::time::SystemTime;

use axum::Json;
use axum::extract::State as AxState;
use ssh_key::PublicKey;
use tele_common::api::nodes::{JoinRequest, JoinResponse};
use tele_common::error::Error;
use tele_common::resources::SystemRole;

use super::{ApiJson, ApiResult, State};
use crate::store::NodeRow;

/// `POST /webapi/host/credentials`: a node presents a join token and gets its host certificate.
pub async fn join(AxState(s): AxState<State>, ApiJson(req): ApiJson<JoinRequest>) -> ApiResult<Json<JoinResponse>> {
    let now = SystemTime::now();
    let token = crate::grpc::find_token(&s, &req.token, now)?.ok_or_else(|| {
        tracing::info!("join refused: unknown or expired token");
        Error::access_denied("the join token is not valid: it does not exist or it has expired")
            .with_hint("ask an admin for a new one: tctl tokens add --type=node")
    })?;
    if !token.spec.roles.contains(&SystemRole::Node) {
        let roles: Vec<String> = token.spec.roles.iter().map(|r| r.flag_name()).collect();
        tracing::info!("join refused: wrong token type");
        return Err(
            Error::access_denied(format!("the join token is for {}, not for a node", roles.join(",")))
                .with_hint("create a node token: tctl tokens add --type=node")
                .into(),
        );
    }
    if req.role != "Node" {
        return Err(Error::bad_parameter(format!("role: {:?}: only Node can join here", req.role)).into());
    }
    tele_common::resources::validate_name("node_name", &req.node_name)?;
    tele_common::config::split_host_port(&req.address).map_err(|e| e.context("address"))?;
    let key = PublicKey::from_openssh(req.public_ssh_key.trim())
        .map_err(|_| Error::bad_parameter("public_ssh_key: not an OpenSSH public key"))?;
    // `<name>.<cluster>` too: the host name OpenSSH checks with `tsh config`'s ssh_config.
    let mut principals = vec![
        req.node_name.clone(),
        format!("{}.{}", req.node_name, s.settings.cluster_name),
    ];
    if let Ok((host, _)) = tele_common::config::split_host_port(&req.address) {
        principals.push(host);
    }
    for p in &req.additional_principals {
        if p.contains('*') {
            return Err(
                Error::bad_parameter(format!("additional_principals: {p:?}: wildcards are not allowed")).into(),
            );
        }
        principals.push(p.clone());
    }
    principals.dedup();
    let mut labels = token.metadata.labels.clone();
    labels.extend(req.labels.clone());
    let existing = s.store.nodes()?.into_iter().find(|n| n.name == req.node_name);
    let row = NodeRow {
        name: req.node_name.clone(),
        uuid: existing.map_or_else(|| uuid::Uuid::new_v4().to_string(), |n| n.uuid),
        addr: req.address.clone(),
        labels,
        version: tele_common::VERSION.into(),
    };
    let row = s.store.upsert_node(&row, now)?;
    let cert = s.cas.sign_host(&key, &principals, None, "Node")?;
    tracing::info!(node = %row.name, addr = %row.addr, "node joined");
    Ok(Json(JoinResponse {
        cert: cert
            .to_openssh()
            .map_err(|e| Error::internal(format!("encoding certificate: {e}")))?,
        ssh_ca_certs: vec![s.cas.host_ca_line()],
        ssh_user_ca_keys: vec![
            s.cas
                .ssh_user_ca()
                .to_openssh()
                .map_err(|e| Error::internal(e.to_string()))?,
        ],
        node: row.view(),
    }))
}
