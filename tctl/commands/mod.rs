//! tctl's commands, one module per command, a directory per group.

mod auth;
mod completion;
mod create;
mod edit;
mod generate;
mod get;
mod nodes;
mod resource;
mod rm;
mod status;
pub mod tokens;
mod users;
mod version;

use clap::Subcommand;
use tele_common::error::Result;

use crate::cli::Env;

#[derive(Subcommand)]
pub enum Command {
    /// Manage cluster certificate authorities
    #[command(subcommand)]
    Auth(auth::AuthCommand),
    /// Print a shell completion script
    Completion(completion::CompletionArgs),
    /// Create or update resources from a YAML file
    Create(create::CreateArgs),
    /// Edit a resource in $EDITOR
    Edit(edit::EditArgs),
    /// Print a resource
    Get(get::GetArgs),
    /// Issue invites for other nodes to join the cluster
    #[command(subcommand)]
    Nodes(nodes::NodesCommand),
    /// Delete a resource
    Rm(rm::RmArgs),
    /// Report cluster status
    Status(status::StatusArgs),
    /// List or revoke invitation tokens
    #[command(subcommand)]
    Tokens(tokens::TokensCommand),
    /// Manage user accounts
    #[command(subcommand)]
    Users(users::UsersCommand),
    /// Print the version of your tctl binary
    Version(version::VersionArgs),
    /// Write completions or man pages into a directory (used by `cargo xtask gen`)
    #[command(name = "__generate", hide = true)]
    Generate(generate::GenerateArgs),
}

/// Runs one command.
pub async fn run(env: &mut Env, command: Command) -> Result<()> {
    match command {
        Command::Auth(c) => auth::run(env, c).await,
        Command::Completion(a) => completion::run(env, a),
        Command::Create(a) => create::run(env, a).await,
        Command::Edit(a) => edit::run(env, a).await,
        Command::Generate(a) => generate::run(a),
        Command::Get(a) => get::run(env, a).await,
        Command::Nodes(c) => nodes::run(env, c).await,
        Command::Rm(a) => rm::run(env, a).await,
        Command::Status(a) => status::run(env, a).await,
        Command::Tokens(c) => tokens::run(env, c).await,
        Command::Users(c) => users::run(env, c).await,
        Command::Version(a) => version::run(env, a),
    }
}
