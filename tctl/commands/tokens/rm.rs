//! `tctl tokens rm TOKEN`.

use tele_common::error::Result;

use crate::cli::Env;

/// Delete/revoke an invitation token
#[derive(clap::Args)]
pub struct TokensRmArgs {
    /// Token to delete
    token: String,
}

pub async fn run(env: &mut Env, args: TokensRmArgs) -> Result<()> {
    env.connect_auth().await?.delete_token(&args.token).await?;
    env.out(&format!("Token {} has been deleted\n", args.token))
}
