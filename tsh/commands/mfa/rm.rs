//! `tsh mfa rm NAME`: needs a check with an existing device (`DeleteMFADeviceSync`).

use tele_common::error::Result;
use tele_common::grpc::mfa::response_to_proto;

use super::{authenticator, check_existing};
use crate::cli::Env;
use tele::prompt::TermPrompter;

/// Remove an MFA device
#[derive(clap::Args)]
pub struct MfaRmArgs {
    /// Name of the MFA device to remove
    name: String,
}

pub fn run(env: &mut Env, args: MfaRmArgs) -> Result<()> {
    let (home, session) = env.session()?;
    let prompter = TermPrompter::new(&env.ctx);
    let key = authenticator(env, &prompter);
    env.block_on(async {
        let auth = session.auth_client(&home).await?;
        if !auth.mfa_devices().await?.iter().any(|d| d.name == args.name) {
            return Err(tele_common::error::Error::not_found(format!(
                "MFA device {:?} not found",
                args.name
            )));
        }
        let check = check_existing(&auth, &session, env, &prompter, key).await?;
        auth.delete_mfa_device(&args.name, response_to_proto(&check)).await
    })?;
    env.out(&format!("MFA device {:?} removed.\n", args.name))
}
