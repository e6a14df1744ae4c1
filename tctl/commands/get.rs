//! `tctl get cap|roles|role/NAME|users|user/NAME|tokens|token/NAME|db[/NAME]|kube_cluster[/NAME]
//! [--format]`.

use tele_common::error::Result;
use tele_common::output::Format;

use super::resource::{self, Selector};
use crate::cli::Env;

/// Print a resource
#[derive(clap::Args)]
pub struct GetArgs {
    /// Resource: cap, roles, role/NAME, users, user/NAME, tokens, token/NAME, db[/NAME], kube_cluster[/NAME]
    resource: Selector,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Yaml)]
    format: Format,
    /// Show token values instead of redacting them
    #[arg(long)]
    with_secrets: bool,
}

pub async fn run(env: &mut Env, args: GetArgs) -> Result<()> {
    let client = env.connect_auth().await?;
    let resources = resource::fetch(&client, &args.resource, args.with_secrets).await?;
    let text = match args.format {
        Format::Json => {
            let values: Vec<serde_json::Value> = resources.iter().map(resource::to_value).collect();
            tele_common::output::to_json(&values)
        }
        Format::Yaml | Format::Text => resource::to_yaml_documents(&resources),
    };
    env.out(&text)
}
