//! `tctl users add|ls|rm`.

mod add;
mod ls;
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
    /// Deletes user accounts
    #[command(visible_alias = "del")]
    Rm(rm::UsersRmArgs),
}

pub async fn run(env: &mut Env, command: UsersCommand) -> Result<()> {
    match command {
        UsersCommand::Add(a) => add::run(env, a).await,
        UsersCommand::Ls(a) => ls::run(env, a).await,
        UsersCommand::Rm(a) => rm::run(env, a).await,
    }
}
