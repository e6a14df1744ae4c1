//! `tsh recordings ...`: sessions the proxy recorded.

mod ls;

use clap::Subcommand;
use tele_common::error::Result;

use crate::cli::Env;

#[derive(Subcommand)]
pub enum RecordingsCommand {
    /// List recorded sessions
    Ls(ls::RecordingsLsArgs),
}

pub fn run(env: &mut Env, command: RecordingsCommand) -> Result<()> {
    match command {
        RecordingsCommand::Ls(a) => ls::run(env, a),
    }
}
