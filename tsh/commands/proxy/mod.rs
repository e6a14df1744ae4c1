//! `tsh proxy ...`: local proxies for programs that speak their own protocol.

mod db;
mod kube;
mod ssh;

use clap::Subcommand;
use tele_common::error::Result;

use crate::cli::Env;

#[derive(Subcommand)]
pub enum ProxyCommand {
    /// Start local TLS proxy for ssh connections when using Teleport in single-port mode
    Ssh(ssh::ProxySshArgs),
    /// Start local TLS proxy for database connections when using Teleport in single-port mode
    Db(db::ProxyDbArgs),
    /// Start local proxy for Kubernetes access
    Kube(kube::ProxyKubeArgs),
}

pub fn run(env: &mut Env, command: ProxyCommand) -> Result<()> {
    match command {
        ProxyCommand::Ssh(a) => ssh::run(env, a),
        ProxyCommand::Db(a) => db::run(env, a),
        ProxyCommand::Kube(a) => kube::run(env, a),
    }
}
