//! tsh's commands, one module per command, a directory per group.

mod completion;
mod generate;
mod login;
mod logout;
mod mfa;
mod status;
mod version;

use clap::Subcommand;
use tele_common::error::Result;

use crate::cli::Env;

#[derive(Subcommand)]
pub enum Command {
    /// Print a shell completion script
    Completion(completion::CompletionArgs),
    /// Log in to a cluster and retrieve the session certificate
    Login(login::LoginArgs),
    /// Delete a cluster certificate
    Logout(logout::LogoutArgs),
    /// Manage multi-factor authentication (MFA) devices
    #[command(subcommand)]
    Mfa(mfa::MfaCommand),
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
    match command {
        Command::Completion(a) => completion::run(env, a),
        Command::Generate(a) => generate::run(a),
        Command::Login(a) => login::run(env, a),
        Command::Logout(a) => logout::run(env, a),
        Command::Mfa(c) => mfa::run(env, c),
        Command::Status(a) => status::run(env, a),
        Command::Version(a) => version::run(env, a),
    }
}
