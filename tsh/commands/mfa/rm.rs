//! `tsh mfa rm NAME`: needs a check with an existing device.

use tele_common::api::login::DeleteDeviceRequest;
use tele_common::error::Result;

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
    let client = session.client(&home, env.global.insecure)?;
    let prompter = TermPrompter::new(&env.ctx);
    let key = authenticator(env, &prompter);
    env.block_on(async {
        if !session
            .auth_client(&home)
            .await?
            .mfa_devices()
            .await?
            .iter()
            .any(|d| d.name == args.name)
        {
            return Err(tele_common::error::Error::not_found(format!(
                "MFA device {:?} not found",
                args.name
            )));
        }
        let check = check_existing(&client, &session, env, &prompter, key).await?;
        client
            .mfa_delete_device(&args.name, &DeleteDeviceRequest { mfa_response: check })
            .await
    })?;
    env.out(&format!("MFA device {:?} removed.\n", args.name))
}
