//! tsh's commands, one module per command, a directory per group.

mod completion;
mod generate;
mod version;

use clap::Subcommand;
use tele_common::error::Result;

use crate::cli::Env;

#[derive(Subcommand)]
pub enum Command {
    /// Print a shell completion script
    Completion(completion::CompletionArgs),
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
        Command::Version(a) => version::run(env, a),
    }
}
