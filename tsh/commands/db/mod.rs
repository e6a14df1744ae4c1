//! `tsh db ...`: databases reached through the proxy.

mod ls;

use clap::Subcommand;
use tele_common::error::Result;

use crate::cli::Env;

#[derive(Subcommand)]
pub enum DbCommand {
    /// List all available databases
    Ls(ls::DbLsArgs),
}

pub fn run(env: &mut Env, command: DbCommand) -> Result<()> {
    match command {
        DbCommand::Ls(a) => ls::run(env, a),
    }
}
