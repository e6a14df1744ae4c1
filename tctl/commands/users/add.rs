//! `tctl users add NAME --roles=a,b [--logins=x,y]`: a user and an invitation URL (1 h).

use tele_common::duration;
use tele_common::error::{Error, Result};
use tele_common::resources::User;

use crate::cli::Env;

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
    let client = env.connect()?;
    let resp = client.create_user(&user).await?;
    let proxy = resp
        .invite_url
        .trim_start_matches("https://")
        .split('/')
        .next()
        .unwrap_or_default()
        .to_string();
    env.out(&format!(
        "User {:?} has been created but requires a password. Share this URL with the user to complete user setup, link is valid for {}:\n{}\n\nNOTE: Make sure {proxy} points at a Teleport proxy which users can access.\n",
        user.metadata.name,
        duration::format_short(resp.invite_ttl),
        resp.invite_url,
    ))
}
