//! `tctl tokens add|ls|rm`.

pub mod add;
pub mod invite;
mod ls;
mod rm;

use clap::Subcommand;
use tele_common::error::Result;

use crate::cli::Env;

#[derive(Subcommand)]
pub enum TokensCommand {
    /// Create an invitation token
    Add(add::TokensAddArgs),
    /// List node and user invitation tokens
    Ls(ls::TokensLsArgs),
    /// Delete/revoke an invitation token
    #[command(visible_alias = "del")]
    Rm(rm::TokensRmArgs),
}

pub async fn run(env: &mut Env, command: TokensCommand) -> Result<()> {
    match command {
        TokensCommand::Add(a) => add::run(env, a).await,
        TokensCommand::Ls(a) => ls::run(env, a).await,
        TokensCommand::Rm(a) => rm::run(env, a).await,
    }
}
