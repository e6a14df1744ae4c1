//! `tctl users reset NAME [--ttl]`: a link with which the user sets a new password and device.

use std::time::Duration;

use tele_common::error::Result;

use crate::cli::Env;
use crate::commands::tokens::add::parse_ttl;

/// Reset user password and generate a new token
#[derive(clap::Args)]
pub struct UsersResetArgs {
    /// Teleport user account name
    account: String,
    /// Set expiration time for the reset link, default is 8h, maximum is 48h
    #[arg(long, default_value = "8h", value_parser = parse_ttl)]
    ttl: Duration,
}

pub async fn run(env: &mut Env, args: UsersResetArgs) -> Result<()> {
    let client = env.connect_auth().await?;
    let token = client.create_reset_token(&args.account, "password", args.ttl).await?;
    env.out(&super::reset_message(
        &format!(
            "User {:?} has been reset. Share this URL with the user to complete password reset",
            args.account
        ),
        &token,
        env.ctx.now(),
    ))
}
