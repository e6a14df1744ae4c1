//! `tsh proxy ...`: local proxies for programs that speak their own protocol.

mod ssh;

use clap::Subcommand;
use tele_common::error::Result;

use crate::cli::Env;

#[derive(Subcommand)]
pub enum ProxyCommand {
    /// Start local TLS proxy for ssh connections when using Teleport in single-port mode
    Ssh(ssh::ProxySshArgs),
}

pub fn run(env: &mut Env, command: ProxyCommand) -> Result<()> {
    match command {
        ProxyCommand::Ssh(a) => ssh::run(env, a),
    }
}
