//! Join tokens (`GetToken`, `GetTokens`, `CreateTokenV2`, `UpsertTokenV2`, `DeleteToken`):
//! tokens in the database, static tokens from the config, and user invitations (listed with
//! the `signup` role, never joinable). Token values are secrets: no message or log quotes one.

use std::time::SystemTime;

use tele_common::error::{Error, ErrorKind, Result};
use tele_common::grpc::convert::{token_from_proto, token_to_proto};
use tele_common::grpc::wire::types::{ProvisionTokenV2, ProvisionTokenV2List};
use tele_common::resources::{ProvisionToken, SystemRole, Verb};

use crate::authz::Caller;
use crate::server::Server;
use crate::store::TokenRow;

const RESOURCE: &str = "token";

/// `GetToken`.
pub fn get(s: &Server, caller: &Caller, name: &str) -> Result<ProvisionTokenV2> {
    caller.check(RESOURCE, Verb::Read)?;
    let token = find(s, name, SystemTime::now())?.ok_or_else(not_found)?;
    Ok(token_to_proto(&token))
}

/// `GetTokens`: all of them, soonest to expire first.
pub fn list(s: &Server, caller: &Caller) -> Result<ProvisionTokenV2List> {
    caller.check(RESOURCE, Verb::List)?;
    let now = SystemTime::now();
    let mut tokens: Vec<ProvisionToken> = s.settings.static_tokens.clone();
    tokens.extend(invitations(s, now)?);
    tokens.extend(s.store.tokens(now)?.iter().map(TokenRow::to_resource));
    tokens.sort_by_key(|t| t.metadata.expires);
    Ok(ProvisionTokenV2List {
        provision_tokens: tokens.iter().map(token_to_proto).collect(),
    })
}

/// `CreateTokenV2` (fails when the value is taken) and `UpsertTokenV2`.
pub fn put(s: &Server, caller: &Caller, token: Option<ProvisionTokenV2>, replace: bool) -> Result<()> {
    caller.check(RESOURCE, Verb::Create)?;
    if replace {
        caller.check(RESOURCE, Verb::Update)?;
    }
    let token = token.ok_or_else(|| Error::bad_parameter("missing token"))?;
    let token = token_from_proto(token)?;
    token.validate()?;
    if token.spec.roles.contains(&SystemRole::Signup) {
        return Err(Error::bad_parameter(
            "spec.roles: signup tokens are made by `tctl users add`",
        ));
    }
    let now = SystemTime::now();
    if token.expired(now) {
        return Err(Error::bad_parameter("metadata.expires: the token has already expired"));
    }
    ensure_not_reserved(s, &token.metadata.name, now)?;
    let row = TokenRow {
        name: token.metadata.name,
        roles: token.spec.roles,
        labels: token.metadata.labels,
        expires: token.metadata.expires,
    };
    let created = s.store.put_token(&row, replace, now).map_err(already_exists)?;
    tracing::info!(roles = ?row.roles, created, "token stored");
    Ok(())
}

/// `DeleteToken`: a join token or an invitation; static tokens stay.
pub fn delete(s: &Server, caller: &Caller, name: &str) -> Result<()> {
    caller.check(RESOURCE, Verb::Delete)?;
    if s.settings.static_tokens.iter().any(|t| t.metadata.name == name) {
        return Err(Error::new(
            ErrorKind::CompareFailed,
            "this token is statically configured in teleport.yaml and cannot be removed",
        )
        .with_hint(format!(
            "remove it from auth_service.tokens in {} and restart",
            s.settings.config_path.display()
        )));
    }
    if s.store.delete_token(name, SystemTime::now())? || s.store.delete_user_token(name)? {
        tracing::info!("token deleted");
        return Ok(());
    }
    Err(not_found())
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
