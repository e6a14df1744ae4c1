//! `tsh mfa ls|add|rm`: the user's MFA devices.

mod add;
mod ls;
mod rm;

use std::sync::Arc;

use clap::Subcommand;
use tele_common::api::login::MfaResponse;
use tele_common::error::Result;
use tele_common::grpc::AuthClient;
use tele_common::grpc::mfa::challenge_from_proto;
use tele_common::grpc::wire::teleport::mfa::v1::ChallengeScope;
use tele_common::mfa::{self, Authenticator, Ceremony};
use tele_common::profile::Session;

use crate::cli::Env;
use tele::prompt::TermPrompter;

#[derive(Subcommand)]
pub enum MfaCommand {
    /// Add a new MFA device
    Add(add::MfaAddArgs),
    /// Get a list of registered MFA devices
    Ls(ls::MfaLsArgs),
    /// Remove an MFA device
    Rm(rm::MfaRmArgs),
}

pub fn run(env: &mut Env, command: MfaCommand) -> Result<()> {
    match command {
        MfaCommand::Add(a) => add::run(env, a),
        MfaCommand::Ls(a) => ls::run(env, a),
        MfaCommand::Rm(a) => rm::run(env, a),
    }
}

/// The check with an existing device that adding and removing devices need: a challenge of
/// scope `MANAGE_DEVICES` from the Auth service, and the tap (or a code).
pub async fn check_existing(
    auth: &AuthClient,
    session: &Session,
    env: &Env,
    prompter: &TermPrompter,
    authenticator: Option<Arc<dyn Authenticator>>,
) -> Result<MfaResponse> {
    let challenge = auth.user_challenge(ChallengeScope::ManageDevices, false, None).await?;
    let challenge = challenge_from_proto(challenge);
    Ceremony {
        mode: env.global.mfa_mode,
        origin: format!("https://{}", session.profile.web_proxy_addr),
        authenticator,
        prompter,
        registered: true,
    }
    .solve(&challenge)
}

/// The security key for this run.
pub fn authenticator(env: &Env, prompter: &TermPrompter) -> Option<Arc<dyn Authenticator>> {
    mfa::authenticator(&env.ctx, prompter)
}
