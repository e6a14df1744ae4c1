//! `tctl nodes add|ls`.

mod add;
mod ls;

use clap::Subcommand;
use tele_common::error::Result;

use crate::cli::Env;

#[derive(Subcommand)]
pub enum NodesCommand {
    /// Generate a node invitation token
    Add(add::NodesAddArgs),
    /// List all active SSH nodes within the cluster
    Ls(ls::NodesLsArgs),
}

pub async fn run(env: &mut Env, command: NodesCommand) -> Result<()> {
    match command {
        NodesCommand::Add(a) => add::run(env, a).await,
        NodesCommand::Ls(a) => ls::run(env, a).await,
    }
}
