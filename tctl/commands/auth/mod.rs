//! `tctl auth export|sign`.

mod export;
mod sign;
mod sign_db;

use clap::Subcommand;
use tele_common::error::Result;

use crate::cli::Env;

#[derive(Subcommand)]
pub enum AuthCommand {
    /// Export public cluster CA certificates to stdout
    Export(export::AuthExportArgs),
    /// Create an identity file(s) for a given user or host
    Sign(sign::AuthSignArgs),
}

pub async fn run(env: &mut Env, command: AuthCommand) -> Result<()> {
    match command {
        AuthCommand::Export(a) => export::run(env, a).await,
        AuthCommand::Sign(a) => sign::run(env, a).await,
    }
}
