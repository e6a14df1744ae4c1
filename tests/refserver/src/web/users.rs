//! `/v1/users`: local users and their invitations.

use std::time::SystemTime;

use axum::Json;
use axum::extract::{Path, Query, State as AxState};
use tele_common::api::types::{CreateUserResponse, UpsertResponse};
use tele_common::error::{Error, Result};
use tele_common::resources::{User, Verb};

use super::{ApiJson, ApiResult, PutQuery, State};
use crate::authz::Caller;
use crate::server::Server;
use crate::settings::INVITE_TTL;

const RESOURCE: &str = "user";

/// `POST /v1/users/invite`: creates a user without a password and an invitation URL.
pub async fn invite(
    AxState(s): AxState<State>,
    caller: Caller,
    ApiJson(user): ApiJson<User>,
) -> ApiResult<Json<CreateUserResponse>> {
    caller.check(RESOURCE, Verb::Create)?;
    user.validate()?;
    check_roles_exist(&s, &user)?;
    s.store.put_user(&user, false)?;
    let token = hex::encode(rand::random::<[u8; 16]>());
    s.store
        .put_user_token(&token, &user.metadata.name, "invite", SystemTime::now() + INVITE_TTL)?;
    tracing::info!(user = user.metadata.name, "user created with an invitation");
    Ok(Json(CreateUserResponse {
        invite_url: format!("https://{}/web/invite/{token}", s.settings.public_web_addr),
        invite_ttl: INVITE_TTL,
        user,
    }))
}

/// `GET /v1/users`.
pub async fn list(AxState(s): AxState<State>, caller: Caller) -> ApiResult<Json<Vec<User>>> {
    caller.check(RESOURCE, Verb::List)?;
    Ok(Json(s.store.users()?.into_iter().map(|r| r.user).collect()))
}

/// `GET /v1/users/<name>`.
pub async fn read(AxState(s): AxState<State>, caller: Caller, Path(name): Path<String>) -> ApiResult<Json<User>> {
    caller.check(RESOURCE, Verb::Read)?;
    let row = s.store.user(&name)?.ok_or_else(|| not_found(&name))?;
    Ok(Json(row.user))
}

/// `PUT /v1/users/<name>`.
pub async fn upsert(
    AxState(s): AxState<State>,
    caller: Caller,
    Path(name): Path<String>,
    Query(q): Query<PutQuery>,
    ApiJson(user): ApiJson<User>,
) -> ApiResult<Json<UpsertResponse>> {
    caller.check(RESOURCE, Verb::Create)?;
    if !q.create_only {
        caller.check(RESOURCE, Verb::Update)?;
    }
    user.validate()?;
    if user.metadata.name != name {
        return Err(Error::bad_parameter("metadata.name: does not match the URL").into());
    }
    check_roles_exist(&s, &user)?;
    let created = s.store.put_user(&user, !q.create_only)?;
    Ok(Json(UpsertResponse { created }))
}

/// `DELETE /v1/users/<name>`.
pub async fn remove(AxState(s): AxState<State>, caller: Caller, Path(name): Path<String>) -> ApiResult<()> {
    caller.check(RESOURCE, Verb::Delete)?;
    if !s.store.delete_user(&name)? {
        return Err(not_found(&name).into());
    }
    tracing::info!(user = name, "user deleted");
    Ok(())
}

fn check_roles_exist(s: &Server, user: &User) -> Result<()> {
    for (i, role) in user.spec.roles.iter().enumerate() {
        if s.store.role(role)?.is_none() {
            return Err(
                Error::bad_parameter(format!("spec.roles[{i}]: role {role:?} is not found"))
                    .with_hint("list roles with: tctl get roles"),
            );
        }
    }
    Ok(())
}

fn not_found(name: &str) -> Error {
    Error::not_found(format!("user {name:?} not found"))
}
