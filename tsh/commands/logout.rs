//! `tsh logout [--proxy] [--user]`: keys and certificates leave the disk, the keyring and the
//! agent.

use tele_common::error::Result;
use tele_common::login;
use tele_common::profile::proxy_host;

use crate::cli::Env;

/// Delete a cluster certificate
#[derive(clap::Args)]
pub struct LogoutArgs {}

pub fn run(env: &mut Env, _args: LogoutArgs) -> Result<()> {
    let home = env.home()?;
    let want_proxy = env.global.proxy.as_deref().map(proxy_host);
    let want_user = env.global.user.clone();
    let all = want_proxy.is_none() && want_user.is_none();
    let mut removed = Vec::new();
    for profile in home.profiles()? {
        if want_proxy.as_ref().is_some_and(|p| *p != profile.name())
            || want_user.as_ref().is_some_and(|u| *u != profile.user)
        {
            continue;
        }
        login::logout(&env.ctx, &home, &profile)?;
        removed.push(profile);
    }
    if removed.is_empty() {
        return env.out("You are not logged in.\n");
    }
    if all {
        return env.out("Logged out all users from all proxies.\n");
    }
    for p in removed {
        env.out(&format!("Logged out {} from {}.\n", p.user, p.name()))?;
    }
    Ok(())
}
