//! Per-session MFA before SSH connections (seed 003): ask the cluster which nodes need it; if
//! any do, one MFA ceremony and single-use certificates for those nodes and the login, kept in
//! memory only. One tap covers every node of one command. The security key is preferred;
//! `--mfa-mode=otp` takes a code instead.

use ssh_key::Certificate;
use tele_common::api::Client;
use tele_common::api::nodes::{MfaRequiredRequest, SingleUseCertRequest};
use tele_common::error::{Error, ErrorKind, Result};
use tele_common::mfa::{Ceremony, MfaMode, Prompter};
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
    let mut certs = single_use_certs(env, home, session, dialer, std::slice::from_ref(target), login)?;
    if let Some(Some(cert)) = certs.pop() {
        dialer.cert = cert;
    }
    Ok(())
}

/// For each target, a single-use certificate when it needs per-session MFA (one ceremony for
/// all of them), none when the login's certificate will do. Every call runs in one runtime, so
/// they share one TLS connection to the proxy.
pub fn single_use_certs(
    env: &mut Env,
    home: &Home,
    session: &Session,
    dialer: &Dialer,
    targets: &[Target],
    login: &str,
) -> Result<Vec<Option<Certificate>>> {
    // A headless login's certificates were approved with a security key a moment ago: the
    // proxy takes them for per-session MFA (seed 001), so no second tap is asked.
    if session.memory.is_some() {
        return Ok(vec![None; targets.len()]);
    }
    let client = session.client(home, env.global.insecure)?;
    let prompter = TermPrompter::new(&env.ctx);
    let (ctx, mode) = (&env.ctx, env.global.mfa_mode);
    env.block_on_value(async {
        let mut needed = Vec::new();
        for (i, target) in targets.iter().enumerate() {
            let req = MfaRequiredRequest {
                node: target.host.clone(),
                port: target.port,
                login: login.to_string(),
            };
            // The cluster cannot be reached: a failed connection, OpenSSH's 255.
            let answer = client.mfa_required(&req).await.map_err(|e| {
                if e.kind() == ErrorKind::ConnectionProblem {
                    e.with_exit_code(tele_common::ssh::CONNECTION_FAILED)
                } else {
                    e
                }
            })?;
            if answer.required {
                prompter.notify(&format!("MFA is required to access Node {:?}", answer.node_name));
                needed.push((i, answer.node_name));
            }
        }
        let mut out: Vec<Option<Certificate>> = vec![None; targets.len()];
        let Some(((first_index, _), rest)) = needed.split_first() else {
            return Ok(out);
        };
        // The security key is looked for only now: most sessions need none.
        let ceremony = Ceremony {
            mode,
            origin: format!("https://{}", session.profile.web_proxy_addr),
            authenticator: tele_common::mfa::authenticator(ctx, &prompter),
            prompter: &prompter,
            registered: false,
        };
        let response = solve(&ceremony, &client).await?;
        let first = &targets[*first_index];
        let req = SingleUseCertRequest {
            ssh_public_key: dialer.key.public_openssh(),
            node: first.host.clone(),
            port: first.port,
            login: login.to_string(),
            mfa_response: response,
            more_nodes: rest.iter().map(|(_, name)| name.clone()).collect(),
        };
        let answer = client.single_use_cert(&req).await?;
        let parse = |text: &str| {
            Certificate::from_openssh(text.trim()).map_err(|e| Error::internal(format!("single-use certificate: {e}")))
        };
        out[*first_index] = Some(parse(&answer.ssh_cert)?);
        for ((i, _), text) in rest.iter().zip(&answer.more_certs) {
            out[*i] = Some(parse(text)?);
        }
        Ok(out)
    })
}

pub async fn solve(ceremony: &Ceremony<'_>, client: &Client) -> Result<tele_common::api::login::MfaResponse> {
    let mut challenge = client.mfa_challenge("user_session").await?;
    // `auto` prefers the security key: the code prompt only when there is no key to tap.
    if ceremony.mode != MfaMode::Otp && challenge.webauthn_challenge.is_some() {
        challenge.totp_challenge = false;
    }
    if challenge.is_empty() {
        return Err(
            Error::access_denied("per-session MFA is required, but this account has no MFA device")
                .with_hint("add one with: tsh mfa add"),
        );
    }
    ceremony.solve(&challenge)
}
