//! `tsh headless approve`: the other end of `tsh --headless`.

mod approve;

use clap::Subcommand;
use tele_common::error::Result;

use crate::cli::Env;

#[derive(Subcommand)]
pub enum HeadlessCommand {
    /// Approve a headless authentication request
    Approve(approve::ApproveArgs),
}

pub fn run(env: &mut Env, command: HeadlessCommand) -> Result<()> {
    match command {
        HeadlessCommand::Approve(a) => approve::run(env, a),
    }
}
