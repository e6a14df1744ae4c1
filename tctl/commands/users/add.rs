//! `tctl users add NAME --roles=a,b [--logins=x,y]`: a user and an invitation URL (1 h).

use std::time::Duration;

use tele_common::error::{Error, Result};
use tele_common::resources::User;

use crate::cli::Env;

/// How long an invitation lasts (Teleport's `SignupTokenTTL`).
const INVITE_TTL: Duration = Duration::from_secs(3600);

/// Generate a user invitation token
#[derive(clap::Args)]
pub struct UsersAddArgs {
    /// Teleport user account name
    account: String,
    /// List of roles for the new user to assume, comma-separated
    #[arg(long, value_delimiter = ',', required = true)]
    roles: Vec<String>,
    /// List of allowed SSH logins for the new user, comma-separated
    #[arg(long, value_delimiter = ',')]
    logins: Vec<String>,
}

pub async fn run(env: &mut Env, args: UsersAddArgs) -> Result<()> {
    let roles: Vec<String> = args
        .roles
        .iter()
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .collect();
    if roles.is_empty() {
        return Err(Error::bad_parameter("--roles: at least one role is required"));
    }
    let logins: Vec<String> = args
        .logins
        .iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let user = User::new(args.account, roles, logins);
    user.validate()?;
    let client = env.connect_auth().await?;
    client.create_user(&user).await?;
    let token = client
        .create_reset_token(&user.metadata.name, "invite", INVITE_TTL)
        .await?;
    env.out(&super::reset_message(
        &format!(
            "User {:?} has been created but requires a password. Share this URL with the user to complete user setup",
            user.metadata.name
        ),
        &token,
        env.ctx.now(),
    ))
}
