//! `tctl nodes add`.

mod add;

use clap::Subcommand;
use tele_common::error::Result;

use crate::cli::Env;

#[derive(Subcommand)]
pub enum NodesCommand {
    /// Generate a node invitation token
    Add(add::NodesAddArgs),
}

pub async fn run(env: &mut Env, command: NodesCommand) -> Result<()> {
    match command {
        NodesCommand::Add(a) => add::run(env, a).await,
    }
}
