//! `tsh kube ...`: Kubernetes clusters reached through the proxy.

mod ls;

use clap::Subcommand;
use tele_common::error::Result;

use crate::cli::Env;

#[derive(Subcommand)]
pub enum KubeCommand {
    /// Get a list of Kubernetes clusters
    Ls(ls::KubeLsArgs),
}

pub fn run(env: &mut Env, command: KubeCommand) -> Result<()> {
    match command {
        KubeCommand::Ls(a) => ls::run(env, a),
    }
}
