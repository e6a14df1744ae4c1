//! `tctl create [-f] FILE`: every document is checked before anything is written, and without
//! `-f` nothing is written when any of them exists already.

use std::path::PathBuf;

use tele_common::error::{Error, Result, io_error};
use tele_common::resources::Resource;

use super::resource;
use crate::cli::Env;

/// Create or update resources from a YAML file
#[derive(clap::Args)]
pub struct CreateArgs {
    /// Resource definition file, YAML; - for stdin
    filename: PathBuf,
    /// Overwrite the resource if it exists already
    #[arg(short = 'f', long = "force")]
    force: bool,
}

pub async fn run(env: &mut Env, args: CreateArgs) -> Result<()> {
    let text = if args.filename.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin()).map_err(|e| Error::bad_parameter(format!("reading stdin: {e}")))?
    } else {
        let path = env.ctx.resolve(&args.filename);
        std::fs::read_to_string(&path).map_err(|e| io_error("reading", &path, e))?
    };
    let resources = Resource::parse_all(&text).map_err(|e| e.context(args.filename.display()))?;
    let client = env.connect_auth().await?;
    if !args.force {
        for r in &resources {
            if resource::exists(&client, r).await? {
                return Err(
                    Error::already_exists(format!("{} {:?} already exists", kind(r), display_name(r)))
                        .with_hint("use tctl create -f to overwrite it"),
                );
            }
        }
    }
    for r in &resources {
        let line = resource::put(&client, r, args.force).await?;
        env.out(&format!("{line}\n"))?;
    }
    Ok(())
}

// A token's name is its secret.
fn display_name(r: &Resource) -> String {
    match r {
        Resource::Token(t) => tele_common::resources::safe_token_name(&t.metadata.name, &t.spec.join_method),
        other => other.name().to_string(),
    }
}

fn kind(r: &Resource) -> &'static str {
    match r {
        Resource::AuthPreference(_) => "cluster_auth_preference",
        Resource::Database(_) => "database",
        Resource::KubeCluster(_) => "kubernetes cluster",
        Resource::Role(_) => "role",
        Resource::Token(_) => "token",
        Resource::User(_) => "user",
    }
}
