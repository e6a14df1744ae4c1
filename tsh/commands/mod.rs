//! tsh's commands, one module per command, a directory per group.

mod completion;
mod config;
mod db;
mod generate;
mod headless;
mod kube;
mod login;
mod logout;
mod ls;
mod mfa;
mod play;
mod proxy;
mod recordings;
mod scp;
pub mod ssh;
mod ssh_many;
mod status;
mod version;

use clap::Subcommand;
use tele_common::error::Result;

use crate::cli::Env;

#[derive(Subcommand)]
pub enum Command {
    /// Print a shell completion script
    Completion(completion::CompletionArgs),
    /// Print OpenSSH configuration details
    Config(config::ConfigArgs),
    /// View and control proxied databases
    #[command(subcommand)]
    Db(db::DbCommand),
    /// Headless authentication commands
    #[command(subcommand)]
    Headless(headless::HeadlessCommand),
    /// Manage Kubernetes clusters
    #[command(subcommand)]
    Kube(kube::KubeCommand),
    /// Log in to a cluster and retrieve the session certificate
    Login(login::LoginArgs),
    /// Delete a cluster certificate
    Logout(logout::LogoutArgs),
    /// List remote SSH nodes
    Ls(ls::LsArgs),
    /// Manage multi-factor authentication (MFA) devices
    #[command(subcommand)]
    Mfa(mfa::MfaCommand),
    /// Replay the recorded session (SSH, Kubernetes, App, DB)
    Play(play::PlayArgs),
    /// Run local TLS proxy allowing connecting to Teleport in single-port mode
    #[command(subcommand)]
    Proxy(proxy::ProxyCommand),
    /// View and control session recordings
    #[command(subcommand)]
    Recordings(recordings::RecordingsCommand),
    /// Transfer files to a remote SSH node
    Scp(scp::ScpArgs),
    /// Run shell or execute a command on a remote SSH node
    Ssh(ssh::SshArgs),
    /// Display the list of proxy servers and retrieved certificates
    Status(status::StatusArgs),
    /// Print the version of your tsh binary
    Version(version::VersionArgs),
    /// Write completions or man pages into a directory (used by `cargo xtask gen`)
    #[command(name = "__generate", hide = true)]
    Generate(generate::GenerateArgs),
}

/// Runs one command.
pub fn run(env: &mut Env, command: Command) -> Result<()> {
    env.headless_command = matches!(command, Command::Ls(_) | Command::Ssh(_) | Command::Scp(_));
    if env.headless_flag() && !env.headless_command {
        return Err(tele_common::headless::unsupported());
    }
    match command {
        Command::Completion(a) => completion::run(env, a),
        Command::Config(a) => config::run(env, a),
        Command::Db(c) => db::run(env, c),
        Command::Generate(a) => generate::run(a),
        Command::Headless(c) => headless::run(env, c),
        Command::Kube(c) => kube::run(env, c),
        Command::Login(a) => login::run(env, a),
        Command::Logout(a) => logout::run(env, a),
        Command::Ls(a) => ls::run(env, a),
        Command::Mfa(c) => mfa::run(env, c),
        Command::Play(a) => play::run(env, a),
        Command::Proxy(c) => proxy::run(env, c),
        Command::Recordings(c) => recordings::run(env, c),
        Command::Scp(a) => scp::run(env, a),
        Command::Ssh(a) => ssh::run(env, a),
        Command::Status(a) => status::run(env, a),
        Command::Version(a) => version::run(env, a),
    }
}
