//! Joining OpenSSH nodes with a token, listing nodes, and recorded sessions.

use std::time::SystemTime;

use axum::Json;
use axum::extract::{Path, State as AxState};
use axum::http::header;
use axum::response::IntoResponse;
use ssh_key::PublicKey;
use tele_common::api::nodes::{JoinRequest, JoinResponse, Recording, RecordingList};
use tele_common::duration::rfc3339;
use tele_common::error::Error;
use tele_common::resources::{SystemRole, Verb};

use super::{ApiJson, ApiResult, State};
use crate::authz::Caller;
use crate::store::{NodeRow, SessionRow};

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

/// `GET /v1/nodes`: all nodes for admins; for users, those their roles let them see.
/// Whose sessions the caller may read: everyone's with a `session` read rule, else their own.
fn session_owner(caller: &Caller) -> Option<String> {
    match caller.check("session", Verb::Read) {
        Ok(()) => None,
        Err(_) => Some(caller.name().to_string()),
    }
}

/// `GET /v1/recordings`.
pub async fn recordings(AxState(s): AxState<State>, caller: Caller) -> ApiResult<Json<RecordingList>> {
    let owner = session_owner(&caller);
    let rows = s.store.sessions(owner.as_deref())?;
    Ok(Json(RecordingList {
        recordings: rows.iter().filter(|r| r.kind == "ssh").map(recording).collect(),
    }))
}

fn recording(r: &SessionRow) -> Recording {
    Recording {
        id: r.id.clone(),
        kind: r.kind.clone(),
        user: r.user.clone(),
        login: r.login.clone(),
        hostname: r.node.clone(),
        command: r.command.clone(),
        started: rfc3339(r.started),
        ended: r.ended.map(rfc3339).unwrap_or_default(),
    }
}

/// `GET /v1/recordings/{id}`: the asciicast v2 file.
pub async fn recording_file(
    AxState(s): AxState<State>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<impl IntoResponse> {
    let not_found =
        || Error::not_found(format!("recording {id:?} is not found")).with_hint("list them with: tsh recordings ls");
    let row = s
        .store
        .session(&id)?
        .filter(|r| r.kind == "ssh")
        .ok_or_else(not_found)?;
    if session_owner(&caller).is_some_and(|owner| owner != row.user) {
        return Err(not_found().into());
    }
    let path = crate::ssh::recording_path(&s.settings.data_dir, &row.id);
    let text = std::fs::read_to_string(&path).map_err(|_| not_found())?;
    Ok(([(header::CONTENT_TYPE, "application/x-asciicast")], text))
}
