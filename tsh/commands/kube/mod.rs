//! `tsh kube ...`: Kubernetes clusters reached through the proxy.

mod credentials;
mod login;
mod ls;

pub use login::not_found;

use clap::Subcommand;
use tele_common::error::Result;

use crate::cli::Env;

#[derive(Subcommand)]
pub enum KubeCommand {
    /// Get a list of Kubernetes clusters
    Ls(ls::KubeLsArgs),
    /// Log in to a Kubernetes cluster and discover connected clusters
    Login(login::KubeLoginArgs),
    /// Get credentials for kubectl access
    Credentials(credentials::KubeCredentialsArgs),
}

pub fn run(env: &mut Env, command: KubeCommand) -> Result<()> {
    match command {
        KubeCommand::Ls(a) => ls::run(env, a),
        KubeCommand::Login(a) => login::run(env, a),
        KubeCommand::Credentials(a) => credentials::run(env, a),
    }
}

/// The Teleport and Kubernetes cluster of kubectl's current context, when tsh wrote it.
pub fn selected(env: &Env) -> Result<Option<(String, String)>> {
    use tele_common::kube::config;
    let path = config::path(&env.ctx)?;
    let Some(text) = config::read(&path)? else {
        return Ok(None);
    };
    Ok(config::current_context(&text).and_then(|c| config::tsh_context(&text, &c)))
}
