//! `tctl users add|ls|rm`.

mod add;
mod ls;
mod reset;
mod rm;

use clap::Subcommand;
use tele_common::error::Result;

use crate::cli::Env;

#[derive(Subcommand)]
pub enum UsersCommand {
    /// Generate a user invitation token
    Add(add::UsersAddArgs),
    /// Lists all user accounts
    Ls(ls::UsersLsArgs),
    /// Reset user password and generate a new token
    Reset(reset::UsersResetArgs),
    /// Deletes user accounts
    #[command(visible_alias = "del")]
    Rm(rm::UsersRmArgs),
}

pub async fn run(env: &mut Env, command: UsersCommand) -> Result<()> {
    match command {
        UsersCommand::Add(a) => add::run(env, a).await,
        UsersCommand::Ls(a) => ls::run(env, a).await,
        UsersCommand::Reset(a) => reset::run(env, a).await,
        UsersCommand::Rm(a) => rm::run(env, a).await,
    }
}

/// The lines `tctl users add` and `tctl users reset` print: what happened, the URL, how long it
/// lasts (the token's expiry from now, to the nearest second), and the proxy note.
fn reset_message(
    what: &str,
    token: &tele_common::grpc::wire::types::UserTokenV3,
    now: std::time::SystemTime,
) -> String {
    let expires = token
        .metadata
        .as_ref()
        .and_then(|m| m.expires.as_ref())
        .map(tele_common::grpc::convert::from_timestamp)
        .unwrap_or(now);
    let left = expires.duration_since(now).unwrap_or_default();
    let url = token.spec.as_ref().map(|s| s.url.clone()).unwrap_or_default();
    let proxy = url
        .trim_start_matches("https://")
        .split('/')
        .next()
        .unwrap_or_default()
        .to_string();
    format!(
        "{what}, link is valid for {}:\n{url}\n\nNOTE: Make sure {proxy} points at a Teleport proxy which users can access.\n",
        tele_common::duration::format_short(left),
    )
}
