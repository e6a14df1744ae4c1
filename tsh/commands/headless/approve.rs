//! `tsh headless approve [--skip-confirm] ID` (teleport-facts §4.4): with the local login, show
//! the request, ask, and approve it with a security-key tap (challenge scope `headless_login`)
//! or deny it.

use tele_common::api::headless::{Action, SCOPE, State, UpdateRequest, non_pending};
use tele_common::error::{Error, Result};
use tele_common::mfa::{self, Ceremony, Prompter};
use tele_common::profile::proxy_host;

use crate::cli::Env;
use tele::prompt::TermPrompter;

/// Approve a headless authentication request
#[derive(clap::Args)]
pub struct ApproveArgs {
    /// Skip confirmation and prompt for MFA immediately
    #[arg(long, env = tele_common::env::TELEPORT_HEADLESS_SKIP_CONFIRM)]
    skip_confirm: bool,
    /// Headless authentication request ID
    #[arg(value_name = "REQUEST_ID")]
    id: String,
}

pub fn run(env: &mut Env, args: ApproveArgs) -> Result<()> {
    let (home, session) = env.saved_session()?;
    let relogin = |what: String| {
        Error::access_denied(what).with_hint(format!(
            "log in there first: tsh login --proxy={} --user={}",
            env.global.proxy.as_deref().unwrap_or(&session.profile.web_proxy_addr),
            env.global.user.as_deref().unwrap_or(&session.profile.user)
        ))
    };
    if let Some(proxy) = &env.global.proxy
        && proxy_host(proxy) != session.profile.name()
    {
        return Err(relogin(format!(
            "you are logged in to {}, not {proxy}",
            session.profile.web_proxy_addr
        )));
    }
    if let Some(user) = &env.global.user
        && user != &session.profile.user
    {
        return Err(relogin(format!(
            "you are logged in as {}, and only {user} can approve this request",
            session.profile.user
        )));
    }
    let client = session.client(&home, env.global.insecure)?;
    let prompter = TermPrompter::new(&env.ctx);
    let ctx = env.ctx.clone();
    let mode = env.global.mfa_mode;
    let origin = format!("https://{}", session.profile.web_proxy_addr);
    let id = args.id.clone();
    let approved = env.block_on_value(async {
        let req = client.headless_get(&id).await?;
        if req.state != State::Pending {
            return Err(non_pending("approve", req.state));
        }
        prompter.notify(&format!(
            "Headless login attempt from IP address {:?} requires approval.\nContact your administrator if you didn't initiate this login attempt.",
            req.client_ip_address
        ));
        prompter.notify(&format!(
            "  User:    {}\n  Time:    {}\n  Expires: {}\n  Key:     {}",
            req.user, req.created, req.expires, req.ssh_key_fingerprint
        ));
        if !args.skip_confirm {
            let answer = prompter.read_line("Approve? [y/N]: ")?;
            if !matches!(answer.trim().to_lowercase().as_str(), "y" | "yes") {
                let deny = UpdateRequest {
                    action: Action::Deny,
                    mfa_response: None,
                };
                client.headless_update(&id, &deny).await?;
                return Ok(false);
            }
        }
        let mut challenge = client.mfa_challenge(SCOPE).await?;
        // An approval takes a security key only: a code typed on a compromised box proves nothing.
        challenge.totp_challenge = false;
        if challenge.webauthn_challenge.is_none() {
            return Err(
                Error::access_denied("approving a headless login needs a security key, and this account has none")
                    .with_hint("add one with: tsh mfa add --type=WEBAUTHN"),
            );
        }
        let response = Ceremony {
            mode,
            origin,
            authenticator: mfa::authenticator(&ctx, &prompter),
            prompter: &prompter,
            registered: true,
        }
        .solve(&challenge)?;
        let approve = UpdateRequest {
            action: Action::Accept,
            mfa_response: Some(response),
        };
        client.headless_update(&id, &approve).await?;
        Ok(true)
    })?;
    env.printer.message(if approved {
        "Headless login approved.\n"
    } else {
        "Headless login denied.\n"
    })
}
