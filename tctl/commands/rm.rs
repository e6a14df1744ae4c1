//! `tctl rm KIND/NAME`: deletes one role, user, token, database or Kubernetes cluster, with
//! Teleport's lines. Removing what is not there is an error naming it.

use tele_common::error::{Error, ErrorKind, Result};

use super::resource::Selector;
use crate::cli::Env;

/// Delete a resource
#[derive(clap::Args)]
pub struct RmArgs {
    /// Resource to delete: role/NAME, user/NAME, token/NAME, db/NAME or kube_cluster/NAME
    resource: Selector,
}

pub async fn run(env: &mut Env, args: RmArgs) -> Result<()> {
    let client = env.connect_auth().await?;
    let missing_name =
        || Error::bad_parameter("provide a full resource name to delete, for example:\n$ tctl rm role/editor");
    let line = match &args.resource {
        Selector::Role(Some(name)) => {
            client.delete_role(name).await?;
            format!("role {name:?} has been deleted")
        }
        Selector::User(Some(name)) => {
            client.delete_user(name).await?;
            format!("user {name:?} has been deleted")
        }
        Selector::Token(Some(name)) => {
            client.delete_token(name).await?;
            format!("token {name:?} has been deleted")
        }
        Selector::Db(Some(name)) => {
            client
                .get_database(name)
                .await
                .map_err(|e| not_found(e, "database", name))?;
            client.delete_database(name).await?;
            format!("database {name:?} has been deleted")
        }
        Selector::Kube(Some(name)) => {
            client
                .get_kube_cluster(name)
                .await
                .map_err(|e| not_found(e, "Kubernetes cluster", name))?;
            client.delete_kube_cluster(name).await?;
            format!("Kubernetes cluster {name:?} has been deleted")
        }
        Selector::Cap => {
            return Err(Error::bad_parameter("the cluster auth preference cannot be removed")
                .with_hint("change it with: tctl edit cap"));
        }
        Selector::Role(None)
        | Selector::User(None)
        | Selector::Token(None)
        | Selector::Db(None)
        | Selector::Kube(None) => {
            return Err(missing_name());
        }
    };
    env.out(&format!("{line}\n"))
}

// Teleport's tctl looks databases and Kubernetes clusters up first, and says so when there is
// none by that name.
fn not_found(e: Error, what: &str, name: &str) -> Error {
    if e.kind() == ErrorKind::NotFound {
        Error::not_found(format!("{what} {name:?} not found"))
    } else {
        e
    }
}
