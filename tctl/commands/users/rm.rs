//! `tctl users rm NAME[,NAME...]`.

use tele_common::error::Result;

use crate::cli::Env;

/// Deletes user accounts
#[derive(clap::Args)]
pub struct UsersRmArgs {
    /// Comma-separated list of user names to delete
    #[arg(value_delimiter = ',', required = true)]
    logins: Vec<String>,
}

pub async fn run(env: &mut Env, args: UsersRmArgs) -> Result<()> {
    let client = env.connect_auth().await?;
    for name in args.logins.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        client.delete_user(name).await?;
        env.out(&format!("User {name:?} has been deleted\n"))?;
    }
    Ok(())
}
