//! `tctl nodes add [--roles=node] [--ttl=30m] [--token]`: a join token with the invite block.

use std::time::Duration;

use tele_common::error::Result;
use tele_common::resources::SystemRole;

use crate::cli::Env;
use crate::commands::tokens::add::{create, parse_ttl, print_created};

/// Generate a node invitation token
#[derive(clap::Args)]
pub struct NodesAddArgs {
    /// Comma-separated list of roles for the new node to assume
    #[arg(long, default_value = "node")]
    roles: String,
    /// Time to live for a generated token
    #[arg(long, default_value = "30m", value_parser = parse_ttl)]
    ttl: Duration,
    /// Override the default random generated token with a specified value
    #[arg(long)]
    token: Option<String>,
    /// Output format: json prints ["<token>"]
    #[arg(long, value_parser = ["text", "json"], hide = true)]
    format: Option<String>,
}

pub async fn run(env: &mut Env, args: NodesAddArgs) -> Result<()> {
    let roles = SystemRole::parse_list(&args.roles)?;
    let client = env.connect_auth().await?;
    let now = env.ctx.now();
    let token = create(&client, args.token, roles.clone(), Default::default(), now, args.ttl).await?;
    if args.format.as_deref() == Some("json") {
        return env.out(&tele_common::output::to_json(&[&token.metadata.name]));
    }
    print_created(env, &client, &token, &roles, args.ttl, args.format.as_deref()).await
}
