//! `/v1/tokens`: join tokens in the database, static tokens from the config, user invitations.

use std::time::SystemTime;

use axum::Json;
use axum::extract::{Path, Query, State as AxState};
use tele_common::api::types::{CreateTokenRequest, TokenList, UpsertResponse};
use tele_common::error::{Error, ErrorKind, Result};
use tele_common::resources::{ProvisionToken, SystemRole, Verb, validate_name};

use super::{ApiJson, ApiResult, PutQuery, State};
use crate::authz::Caller;
use crate::server::Server;
use crate::store::TokenRow;

const RESOURCE: &str = "token";

/// `POST /v1/tokens`: makes a token (32 lowercase hex characters unless a value is given).
pub async fn create(
    AxState(s): AxState<State>,
    caller: Caller,
    ApiJson(req): ApiJson<CreateTokenRequest>,
) -> ApiResult<Json<ProvisionToken>> {
    caller.check(RESOURCE, Verb::Create)?;
    if req.roles.is_empty() {
        return Err(Error::bad_parameter("at least one token type is required").into());
    }
    if req.roles.contains(&SystemRole::Signup) {
        return Err(Error::bad_parameter("signup tokens are made by `tctl users add`").into());
    }
    if req.ttl.is_zero() {
        return Err(Error::bad_parameter("the token TTL must be more than 0").into());
    }
    let now = SystemTime::now();
    let expires = now
        .checked_add(req.ttl)
        .ok_or_else(|| Error::bad_parameter("the token TTL is too long"))?;
    let name = match req.name {
        Some(name) => {
            validate_name("token", &name)
                .map_err(|_| Error::bad_parameter("the token value must not be empty or hold spaces or slashes"))?;
            name
        }
        None => hex::encode(rand::random::<[u8; 16]>()),
    };
    ensure_not_reserved(&s, &name, now)?;
    let row = TokenRow {
        name,
        roles: req.roles,
        labels: req.labels,
        expires: Some(expires),
    };
    s.store.put_token(&row, false, now).map_err(already_exists)?;
    tracing::info!(roles = ?row.roles, "token created");
    Ok(Json(row.to_resource()))
}

/// `GET /v1/tokens`.
pub async fn list(AxState(s): AxState<State>, caller: Caller) -> ApiResult<Json<TokenList>> {
    caller.check(RESOURCE, Verb::List)?;
    let now = SystemTime::now();
    let store = s.clone();
    let db = tokio::task::spawn_blocking(move || store.store.tokens(now))
        .await
        .map_err(|e| Error::internal(format!("listing tokens: {e}")))??;
    let mut tokens: Vec<ProvisionToken> = s.settings.static_tokens.clone();
    tokens.extend(invitations(&s, now)?);
    tokens.extend(db.iter().map(TokenRow::to_resource));
    tokens.sort_by_key(|t| t.metadata.expires);
    Ok(Json(TokenList { tokens }))
}

/// `GET /v1/tokens/<name>`.
pub async fn read(
    AxState(s): AxState<State>,
    caller: Caller,
    Path(name): Path<String>,
) -> ApiResult<Json<ProvisionToken>> {
    caller.check(RESOURCE, Verb::Read)?;
    Ok(Json(find(&s, &name, SystemTime::now())?.ok_or_else(not_found)?))
}

/// `PUT /v1/tokens/<name>`: a token from a resource (`tctl create`).
pub async fn upsert(
    AxState(s): AxState<State>,
    caller: Caller,
    Path(name): Path<String>,
    Query(q): Query<PutQuery>,
    ApiJson(token): ApiJson<ProvisionToken>,
) -> ApiResult<Json<UpsertResponse>> {
    caller.check(RESOURCE, Verb::Create)?;
    if !q.create_only {
        caller.check(RESOURCE, Verb::Update)?;
    }
    token.validate()?;
    if token.metadata.name != name {
        return Err(Error::bad_parameter("metadata.name: does not match the URL").into());
    }
    if token.spec.roles.contains(&SystemRole::Signup) {
        return Err(Error::bad_parameter("spec.roles: signup tokens are made by `tctl users add`").into());
    }
    let now = SystemTime::now();
    if token.expired(now) {
        return Err(Error::bad_parameter("metadata.expires: the token has already expired").into());
    }
    ensure_not_reserved(&s, &name, now)?;
    let row = TokenRow {
        name,
        roles: token.spec.roles,
        labels: token.metadata.labels,
        expires: token.metadata.expires,
    };
    let created = s.store.put_token(&row, !q.create_only, now).map_err(already_exists)?;
    Ok(Json(UpsertResponse { created }))
}

/// `DELETE /v1/tokens/<name>`.
pub async fn remove(AxState(s): AxState<State>, caller: Caller, Path(name): Path<String>) -> ApiResult<()> {
    caller.check(RESOURCE, Verb::Delete)?;
    if s.settings.static_tokens.iter().any(|t| t.metadata.name == name) {
        return Err(Error::new(
            ErrorKind::CompareFailed,
            "this token is statically configured in teleport.yaml and cannot be removed",
        )
        .with_hint(format!(
            "remove it from auth_service.tokens in {} and restart",
            s.settings.config_path.display()
        ))
        .into());
    }
    let now = SystemTime::now();
    if s.store.delete_token(&name, now)? || s.store.delete_user_token(&name)? {
        tracing::info!("token deleted");
        return Ok(());
    }
    Err(not_found().into())
}

/// Finds a live token of any origin.
pub fn find(s: &Server, name: &str, now: SystemTime) -> Result<Option<ProvisionToken>> {
    if let Some(t) = s.settings.static_tokens.iter().find(|t| t.metadata.name == name) {
        return Ok(Some(t.clone()));
    }
    if let Some(t) = invitations(s, now)?.into_iter().find(|t| t.metadata.name == name) {
        return Ok(Some(t));
    }
    Ok(s.store.token(name, now)?.map(|r| r.to_resource()))
}

fn invitations(s: &Server, now: SystemTime) -> Result<Vec<ProvisionToken>> {
    Ok(s.store
        .user_tokens(now)?
        .into_iter()
        .map(|(token, _user, expires)| ProvisionToken::new(token, vec![SystemRole::Signup], Some(expires)))
        .collect())
}

fn ensure_not_reserved(s: &Server, name: &str, now: SystemTime) -> Result<()> {
    let static_or_invite = s.settings.static_tokens.iter().any(|t| t.metadata.name == name)
        || invitations(s, now)?.iter().any(|t| t.metadata.name == name);
    if static_or_invite {
        return Err(already_exists(Error::already_exists("")));
    }
    Ok(())
}

fn already_exists(e: Error) -> Error {
    if e.kind() == ErrorKind::AlreadyExists {
        Error::already_exists(
            "failed to create token (a token with this value already exists), please use another name",
        )
    } else {
        e
    }
}

fn not_found() -> Error {
    Error::not_found("token not found").with_hint("list tokens with: tctl tokens ls --with-secrets")
}
