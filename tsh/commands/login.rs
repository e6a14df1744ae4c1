//! `tsh login`: password and second factor, certificates, profile, keys, agent.

use tele_common::error::{Error, Result};
use tele_common::login::{self, LoginOptions};
use tele_common::mfa;

use crate::cli::Env;
use tele::prompt::TermPrompter;

/// Log in to a cluster and retrieve the session certificate
#[derive(clap::Args)]
pub struct LoginArgs {}

pub fn run(env: &mut Env, _args: LoginArgs) -> Result<()> {
    let g = env.global.clone();
    let proxy = g.proxy.clone().ok_or_else(|| {
        Error::bad_parameter("--proxy is required to log in")
            .with_hint("tsh login --proxy=proxy.example.com:3080 --user=NAME")
    })?;
    let user = env.teleport_user()?;
    let opts = LoginOptions {
        proxy: tele_common::admin::normalize_addr(&proxy)?,
        user,
        ttl: g.ttl,
        insecure: g.insecure,
        mfa_mode: g.mfa_mode,
        add_keys: g.add_keys_to_agent,
        use_local_agent: g.use_local_ssh_agent && !g.no_use_local_ssh_agent,
    };
    let home = env.home()?;
    let prompter = TermPrompter::new(&env.ctx);
    let authenticator = mfa::authenticator(&env.ctx, &prompter);
    let ctx = env.ctx.clone();
    let mut outcome = None;
    env.block_on(async {
        outcome = Some(login::login(&ctx, &home, &opts, &prompter, authenticator).await?);
        Ok(())
    })?;
    let outcome = outcome.ok_or_else(|| Error::internal("login ended without an outcome"))?;
    for w in &outcome.warnings {
        env.printer.warn(w)?;
    }
    let view = super::status::view(&home, env.ctx.now())?;
    env.emit(tele_common::output::Format::Text, &view)
}
