//! Per-session MFA before SSH connections (seed 003), Teleport's sequence over the Auth
//! service's gRPC (teleport-wire §3): `CreateAuthenticateChallenge` with the node check and
//! scope `USER_SESSION` (an answer of "not required" ends it), the prompt and the tap, then
//! `GenerateUserCerts` for a one-minute certificate for that node and login, kept in memory
//! only. The security key is preferred; `--mfa-mode=otp` takes a code instead.
//!
//! One command on many nodes asks `IsMFARequired` per node and one challenge that allows
//! reuse, so one tap covers all of them. A cluster that refuses reuse (Teleport 17 allows it
//! for admin actions only) gets one challenge and one tap per node instead.

use ssh_key::Certificate;
use tele_common::api::login::{MfaChallenge, MfaResponse};
use tele_common::error::{Error, ErrorKind, Result};
use tele_common::grpc::AuthClient;
use tele_common::grpc::mfa::{challenge_from_proto, response_to_proto};
use tele_common::grpc::wire::proto::is_mfa_required_request::Target as MfaTarget;
use tele_common::grpc::wire::proto::user_certs_request::{CertPurpose, CertUsage};
use tele_common::grpc::wire::proto::{IsMfaRequiredRequest, MfaRequired, NodeLogin, UserCertsRequest};
use tele_common::grpc::wire::teleport::mfa::v1::ChallengeScope;
use tele_common::mfa::{Ceremony, MfaMode, Prompter};
use tele_common::profile::{Home, Session};
use tele_common::ssh::{Dialer, Target};

use crate::cli::Env;
use tele::prompt::TermPrompter;

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

/// For each target, a single-use certificate when it needs per-session MFA (one tap for all of
/// them where the cluster allows it), none when the login's certificate will do. Every call
/// runs on one connection to the Auth service.
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
    let prompter = TermPrompter::new(&env.ctx);
    let (ctx, mode) = (&env.ctx, env.global.mfa_mode);
    env.block_on_value(async {
        // The cluster cannot be reached: a failed connection, OpenSSH's 255.
        let auth = session.auth_client(home).await.map_err(unreachable)?;
        let certs = SingleUse {
            auth: &auth,
            session,
            dialer,
            login,
        };
        let ceremony = || Ceremony {
            mode,
            origin: format!("https://{}", session.profile.web_proxy_addr),
            // The security key is looked for only when a tap is needed: most sessions need none.
            authenticator: tele_common::mfa::authenticator(ctx, &prompter),
            prompter: &prompter,
            registered: false,
        };
        if let [target] = targets {
            let Some(challenge) = certs.challenge(Some(target), false).await.map_err(unreachable)? else {
                return Ok(vec![None]);
            };
            prompter.notify(&reason(target));
            let answer = solve_challenge(&ceremony(), challenge)?;
            return Ok(vec![Some(certs.issue(target, &answer).await?)]);
        }
        let mut needed = Vec::new();
        for (i, target) in targets.iter().enumerate() {
            let answer = auth
                .is_mfa_required(node_check(target, login))
                .await
                .map_err(unreachable)?;
            if answer.required || answer.mfa_required() == MfaRequired::Yes {
                needed.push(i);
            }
        }
        let mut out: Vec<Option<Certificate>> = vec![None; targets.len()];
        let Some(first) = needed.first().map(|i| &targets[*i]) else {
            return Ok(out);
        };
        match certs.challenge(None, true).await {
            Ok(challenge) => {
                for i in &needed {
                    prompter.notify(&reason(&targets[*i]));
                }
                let challenge = challenge.ok_or_else(|| no_device(&first.host))?;
                let answer = solve_challenge(&ceremony(), challenge)?;
                for i in needed {
                    out[i] = Some(certs.issue(&targets[i], &answer).await?);
                }
            }
            // Teleport 17: "mfa challenges with scope ... cannot allow reuse".
            Err(e) if e.kind() == ErrorKind::BadParameter => {
                for i in needed {
                    let target = &targets[i];
                    let challenge = certs
                        .challenge(None, false)
                        .await?
                        .ok_or_else(|| no_device(&target.host))?;
                    prompter.notify(&reason(target));
                    let answer = solve_challenge(&ceremony(), challenge)?;
                    out[i] = Some(certs.issue(target, &answer).await?);
                }
            }
            Err(e) => return Err(e),
        }
        Ok(out)
    })
}

/// Teleport's line before the prompt.
fn reason(target: &Target) -> String {
    format!("MFA is required to access Node {:?}", target.host)
}

fn node_check(target: &Target, login: &str) -> IsMfaRequiredRequest {
    IsMfaRequiredRequest {
        target: Some(MfaTarget::Node(NodeLogin {
            node: target.host.clone(),
            login: login.to_string(),
        })),
    }
}

fn unreachable(e: Error) -> Error {
    if e.kind() == ErrorKind::ConnectionProblem {
        e.with_exit_code(tele_common::ssh::CONNECTION_FAILED)
    } else {
        e
    }
}

fn no_device(node: &str) -> Error {
    Error::access_denied(format!(
        "MFA is required to access Node {node:?}, but this account has no MFA device"
    ))
    .with_hint("add one with: tsh mfa add")
}

/// What every single-use certificate of one command shares.
struct SingleUse<'a> {
    auth: &'a AuthClient,
    session: &'a Session,
    dialer: &'a Dialer,
    login: &'a str,
}

impl SingleUse<'_> {
    /// `CreateAuthenticateChallenge` for the signed-in user, scope `USER_SESSION`, with the
    /// check of `target` when there is one: none when it needs no MFA, and an error that says so
    /// when it needs MFA and the user has no device.
    async fn challenge(&self, target: Option<&Target>, reuse: bool) -> Result<Option<MfaChallenge>> {
        let check = target.map(|t| node_check(t, self.login));
        let reply = self
            .auth
            .user_challenge(ChallengeScope::UserSession, reuse, check)
            .await?;
        let verdict = reply.mfa_required();
        let challenge = challenge_from_proto(reply);
        match verdict {
            MfaRequired::No => Ok(None),
            _ if !challenge.is_empty() => Ok(Some(challenge)),
            // An older server that did not evaluate the check, and no device to ask.
            MfaRequired::Unspecified => Ok(None),
            MfaRequired::Yes => Err(no_device(target.map(|t| t.host.as_str()).unwrap_or_default())),
        }
    }

    /// `GenerateUserCerts`: a single-use SSH certificate for the login's own key, this node and
    /// login, checked before use.
    async fn issue(&self, target: &Target, answer: &MfaResponse) -> Result<Certificate> {
        let profile = &self.session.profile;
        let expires = Some(tele_common::grpc::convert::to_timestamp(self.session.valid_until()));
        let key_line = format!("{}\n", self.dialer.key.public_openssh());
        let mut req = UserCertsRequest {
            username: profile.user.clone(),
            expires,
            route_to_cluster: profile.cluster.clone(),
            node_name: target.host.clone(),
            ssh_login: self.login.to_string(),
            mfa_response: Some(response_to_proto(answer)),
            ssh_public_key: key_line.into_bytes(),
            ..UserCertsRequest::default()
        };
        req.set_usage(CertUsage::Ssh);
        req.set_purpose(CertPurpose::SingleUseCerts);
        let certs = self.auth.generate_user_certs(req).await?;
        let text = String::from_utf8(certs.ssh).map_err(|_| bad_cert("not text"))?;
        let cert = Certificate::from_openssh(text.trim()).map_err(|_| bad_cert("it does not parse"))?;
        if cert.public_key() != self.dialer.key.private().public_key().key_data() {
            return Err(bad_cert("it is for another key"));
        }
        if !cert.valid_principals().iter().any(|p| p == self.login) {
            return Err(bad_cert(&format!("it does not carry login {:?}", self.login)));
        }
        Ok(cert)
    }
}

fn bad_cert(why: &str) -> Error {
    Error::internal(format!("the cluster sent a bad single-use certificate: {why}"))
}

/// Runs the ceremony for a challenge; `auto` prefers the security key, so the code prompt
/// comes only when there is no key to tap.
pub fn solve_challenge(ceremony: &Ceremony<'_>, mut challenge: MfaChallenge) -> Result<MfaResponse> {
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
