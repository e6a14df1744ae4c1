//! `/v1/roles` and `/v1/cap`.

use axum::Json;
use axum::extract::{Path, Query, State as AxState};
use tele_common::api::types::UpsertResponse;
use tele_common::error::{Error, ErrorKind};
use tele_common::resources::{AuthPreference, Role, Verb};

use super::{ApiJson, ApiResult, PutQuery, State};
use crate::authz::Caller;
use crate::ca::ADMIN_ROLE;

const RESOURCE: &str = "role";
const CAP: &str = "cluster_auth_preference";

/// `GET /v1/roles`.
pub async fn list(AxState(s): AxState<State>, caller: Caller) -> ApiResult<Json<Vec<Role>>> {
    caller.check(RESOURCE, Verb::List)?;
    Ok(Json(s.store.roles()?))
}

/// `GET /v1/roles/<name>`.
pub async fn read(AxState(s): AxState<State>, caller: Caller, Path(name): Path<String>) -> ApiResult<Json<Role>> {
    caller.check(RESOURCE, Verb::Read)?;
    Ok(Json(s.store.role(&name)?.ok_or_else(|| not_found(&name))?))
}

/// `PUT /v1/roles/<name>`.
pub async fn upsert(
    AxState(s): AxState<State>,
    caller: Caller,
    Path(name): Path<String>,
    Query(q): Query<PutQuery>,
    ApiJson(role): ApiJson<Role>,
) -> ApiResult<Json<UpsertResponse>> {
    caller.check(RESOURCE, Verb::Create)?;
    if !q.create_only {
        caller.check(RESOURCE, Verb::Update)?;
    }
    role.validate()?;
    if role.metadata.name != name {
        return Err(Error::bad_parameter("metadata.name: does not match the URL").into());
    }
    if name == ADMIN_ROLE {
        return Err(Error::bad_parameter(format!("metadata.name: {ADMIN_ROLE:?} is a reserved system role")).into());
    }
    let created = s.store.put_role(&role, !q.create_only)?;
    tracing::info!(role = name, created, "role stored");
    Ok(Json(UpsertResponse { created }))
}

/// `DELETE /v1/roles/<name>`: refused while a user has the role.
pub async fn remove(AxState(s): AxState<State>, caller: Caller, Path(name): Path<String>) -> ApiResult<()> {
    caller.check(RESOURCE, Verb::Delete)?;
    let users: Vec<String> = s
        .store
        .users()?
        .into_iter()
        .filter(|u| u.user.spec.roles.contains(&name))
        .map(|u| u.user.metadata.name)
        .collect();
    if !users.is_empty() {
        return Err(Error::new(
            ErrorKind::CompareFailed,
            format!("role {name:?} is still used by {}", users.join(", ")),
        )
        .into());
    }
    if !s.store.delete_role(&name)? {
        return Err(not_found(&name).into());
    }
    Ok(())
}

/// `GET /v1/cap`.
pub async fn read_cap(AxState(s): AxState<State>, caller: Caller) -> ApiResult<Json<AuthPreference>> {
    caller.check(CAP, Verb::Read)?;
    Ok(Json(s.cap()?))
}

/// `PUT /v1/cap`.
pub async fn put_cap(
    AxState(s): AxState<State>,
    caller: Caller,
    ApiJson(cap): ApiJson<AuthPreference>,
) -> ApiResult<Json<UpsertResponse>> {
    caller.check(CAP, Verb::Update)?;
    cap.validate()?;
    let mut cap = cap;
    // A cap written without the suite keeps the cluster's (Teleport keeps it too); naming one
    // changes what users' keys are made of, never the CAs that exist.
    match cap.spec.signature_algorithm_suite {
        None => cap.spec.signature_algorithm_suite = s.cap()?.spec.signature_algorithm_suite,
        Some(suite) => {
            suite
                .ca_keys()
                .map_err(|e| e.context("spec.signature_algorithm_suite"))?;
        }
    }
    s.store.put_cap(&cap)?;
    tracing::info!(second_factor = %cap.spec.second_factor, "cluster auth preference updated");
    Ok(Json(UpsertResponse { created: false }))
}

fn not_found(name: &str) -> Error {
    Error::not_found(format!("role {name:?} is not found"))
}
