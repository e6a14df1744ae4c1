//! `tsh --headless ls|ssh|scp` (seed 001): the process is protected first (non-dumpable, memory
//! locked as `--mlock` says), then a request is made, its approval URL and command printed, and
//! tsh waits (a spinner on a terminal) for the one-minute certificates, kept in memory only.

use indicatif::{ProgressBar, ProgressStyle};
use tele_common::error::{Error, Result};
use tele_common::headless;
use tele_common::mfa::Prompter;
use tele_common::profile::{Home, Session};

use crate::cli::Env;
use tele::prompt::TermPrompter;

/// Whether this command logs in headless: `--headless`, `--auth=headless`, or a cluster whose
/// default connector is `headless` when there is no login to use.
pub fn wanted(env: &Env, home: &Home) -> Result<bool> {
    if env.headless_flag() {
        return Ok(true);
    }
    let g = &env.global;
    let Some(proxy) = &g.proxy else {
        return Ok(false);
    };
    if home.current()?.is_some() {
        return Ok(false);
    }
    let proxy = tele_common::admin::normalize_addr(proxy)?;
    let ctx = env.ctx.clone();
    let insecure = g.insecure;
    env.block_on_value(async move {
        let trust = tele_common::login::web_trust(&ctx, home, &proxy, insecure)?;
        let ping = tele_common::api::Client::new(&ctx, &proxy, trust)?.ping().await?;
        Ok(ping.auth.local.is_some_and(|l| l.name == headless::CONNECTOR))
    })
}

/// Logs in headless; the session lives in this process only.
pub fn login(env: &mut Env, home: &Home) -> Result<Session> {
    if let Some(warning) = crate::memlock::protect(env.global.mlock)? {
        env.printer.message(&format!("WARN: {warning}\n"))?;
    }
    let g = env.global.clone();
    let proxy = g.proxy.clone().ok_or_else(|| {
        Error::bad_parameter("--proxy is required for headless login")
            .with_hint("tsh ls --headless --proxy=proxy.example.com --user=alice")
    })?;
    let proxy = tele_common::admin::normalize_addr(&proxy)?;
    let user = env.teleport_user()?;
    let ctx = env.ctx.clone();
    let prompter = TermPrompter::new(&ctx);
    let spin = ctx.stderr_is_terminal();
    env.block_on_value(async move {
        let pending = headless::begin(&ctx, home, &proxy, &user, g.insecure).await?;
        prompter.notify(&pending.message());
        let spinner = spin.then(|| {
            let bar = ProgressBar::new_spinner().with_message("Waiting for approval");
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
                bar.set_style(style);
            }
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        let session = pending.wait(&ctx).await;
        if let Some(bar) = spinner {
            bar.finish_and_clear();
        }
        session
    })
}
