//! Per-session MFA before an SSH connection (seed 003): ask the cluster whether the node needs
//! it; if so, one MFA ceremony and a single-use certificate for that node and login, kept in
//! memory only. The security key is preferred; `--mfa-mode=otp` takes a code instead.

use ssh_key::Certificate;
use tele_common::api::nodes::{MfaRequiredRequest, SingleUseCertRequest};
use tele_common::error::{Error, ErrorKind, Result};
use tele_common::mfa::{Ceremony, MfaMode};
use tele_common::profile::{Home, Session};
use tele_common::ssh::{Dialer, Target};

use crate::cli::Env;
use crate::prompt::TermPrompter;

/// Puts a single-use certificate into `dialer` when the node needs per-session MFA.
pub fn prepare(
    env: &mut Env,
    home: &Home,
    session: &Session,
    dialer: &mut Dialer,
    target: &Target,
    login: &str,
) -> Result<()> {
    let client = session.client(home, env.global.insecure)?;
    let req = MfaRequiredRequest {
        node: target.host.clone(),
        port: target.port,
        login: login.to_string(),
    };
    // The cluster cannot be reached: a failed connection, OpenSSH's 255.
    let answer = env
        .block_on_value(async { client.mfa_required(&req).await })
        .map_err(|e| {
            if e.kind() == ErrorKind::ConnectionProblem {
                e.with_exit_code(tele_common::ssh::CONNECTION_FAILED)
            } else {
                e
            }
        })?;
    if !answer.required {
        return Ok(());
    }
    env.printer
        .message(&format!("MFA is required to access Node {:?}", answer.node_name))?;
    let mut challenge = env.block_on_value(async { client.mfa_challenge("user_session").await })?;
    // `auto` prefers the security key: the code prompt only when there is no key to tap.
    if env.global.mfa_mode != MfaMode::Otp && challenge.webauthn_challenge.is_some() {
        challenge.totp_challenge = false;
    }
    if challenge.is_empty() {
        return Err(
            Error::access_denied("per-session MFA is required, but this account has no MFA device")
                .with_hint("add one with: tsh mfa add"),
        );
    }
    let prompter = TermPrompter::new(&env.ctx);
    let response = Ceremony {
        mode: env.global.mfa_mode,
        origin: format!("https://{}", session.profile.web_proxy_addr),
        authenticator: tele_common::mfa::authenticator(&env.ctx, &prompter),
        prompter: &prompter,
        registered: false,
    }
    .solve(&challenge)?;
    let req = SingleUseCertRequest {
        ssh_public_key: dialer.key.public_openssh(),
        node: target.host.clone(),
        port: target.port,
        login: login.to_string(),
        mfa_response: response,
    };
    let cert = env.block_on_value(async { client.single_use_cert(&req).await })?;
    dialer.cert = Certificate::from_openssh(cert.ssh_cert.trim())
        .map_err(|e| Error::internal(format!("single-use certificate: {e}")))?;
    Ok(())
}
