//! `tsh logout [--proxy] [--user]`: keys and certificates leave the disk, the keyring and the
//! agent.

use tele_common::error::Result;
use tele_common::kube::config;
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
        forget_kube_contexts(env, &profile.cluster)?;
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

/// Takes the contexts `tsh kube login` wrote for `cluster` out of the kubeconfig, as Teleport
/// does: kubectl should not go on calling a tsh that is logged out. A kubeconfig tsh cannot
/// read is left alone with a warning; the logout itself has happened.
fn forget_kube_contexts(env: &mut Env, cluster: &str) -> Result<()> {
    let Ok(path) = config::path(&env.ctx) else {
        return Ok(());
    };
    let result = config::read(&path).and_then(|text| match text {
        Some(text) => match config::remove_teleport(&text, cluster)? {
            Some(updated) => config::write(&path, &updated),
            None => Ok(()),
        },
        None => Ok(()),
    });
    if let Err(e) = result {
        env.printer.warn(&format!(
            "{}: {} (its Kubernetes contexts were kept)",
            path.display(),
            e.message()
        ))?;
    }
    Ok(())
}
