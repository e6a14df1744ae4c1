//! `tsh headless approve [--skip-confirm] ID` (teleport-facts §4.4, teleport-wire §7), over the
//! Auth service's gRPC with the local login: `GetHeadlessAuthentication` (pending only), show who
//! asks and from where, ask; no → `UpdateHeadlessAuthenticationState` DENIED; yes → a
//! `HEADLESS_LOGIN` challenge, a security-key tap, and APPROVED with the answer.

use tele_common::api::headless::{State, non_pending};
use tele_common::duration;
use tele_common::error::{Error, Result};
use tele_common::grpc::convert::from_timestamp;
use tele_common::grpc::mfa::{challenge_from_proto, response_to_proto};
use tele_common::grpc::wire::teleport::mfa::v1::ChallengeScope;
use tele_common::grpc::wire::types::HeadlessAuthenticationState;
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
    let prompter = TermPrompter::new(&env.ctx);
    let ctx = env.ctx.clone();
    let mode = env.global.mfa_mode;
    let origin = format!("https://{}", session.profile.web_proxy_addr);
    let id = args.id.clone();
    let approved = env.block_on_value(async {
        let client = session.auth_client(&home).await?;
        let req = client.get_headless_authentication(&id).await?;
        let state = match req.state() {
            HeadlessAuthenticationState::Pending => State::Pending,
            HeadlessAuthenticationState::Approved => State::Approved,
            _ => State::Denied,
        };
        if state != State::Pending {
            return Err(non_pending("approve", state));
        }
        prompter.notify(&format!(
            "Headless login attempt from IP address {:?} requires approval.\nContact your administrator if you didn't initiate this login attempt.",
            req.client_ip_address
        ));
        let expires = req
            .header
            .as_ref()
            .and_then(|h| h.metadata.as_ref())
            .and_then(|m| m.expires.as_ref())
            .map(|t| duration::rfc3339(from_timestamp(t)))
            .unwrap_or_default();
        let fingerprint = std::str::from_utf8(&req.ssh_public_key)
            .ok()
            .and_then(|k| ssh_key::PublicKey::from_openssh(k.trim()).ok())
            .map(|k| k.fingerprint(ssh_key::HashAlg::Sha256).to_string())
            .unwrap_or_default();
        prompter.notify(&format!(
            "  User:    {}\n  Expires: {expires}\n  Key:     {fingerprint}",
            req.user
        ));
        if !args.skip_confirm {
            let answer = prompter.read_line("Approve? [y/N]: ")?;
            if !matches!(answer.trim().to_lowercase().as_str(), "y" | "yes") {
                client
                    .update_headless_authentication_state(&id, HeadlessAuthenticationState::Denied, None)
                    .await?;
                return Ok(false);
            }
        }
        let challenge = client
            .user_challenge(ChallengeScope::HeadlessLogin, false, None)
            .await?;
        let mut challenge = challenge_from_proto(challenge);
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
        client
            .update_headless_authentication_state(
                &id,
                HeadlessAuthenticationState::Approved,
                Some(response_to_proto(&response)),
            )
            .await?;
        Ok(true)
    })?;
    env.printer.message(if approved {
        "Headless login approved.\n"
    } else {
        "Headless login denied.\n"
    })
}
