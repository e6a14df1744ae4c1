//! `tsh mfa ls [--format]`: the Auth service's `GetMFADevices`.

use serde::Serialize;
use tele_common::api::login::MfaDevice;
use tele_common::error::Result;
use tele_common::output::{Format, Render, Table};

use crate::cli::Env;

/// Get a list of registered MFA devices
#[derive(clap::Args)]
pub struct MfaLsArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Serialize)]
#[serde(transparent)]
struct DevicesView(Vec<MfaDevice>);

impl Render for DevicesView {
    fn render_text(&self, out: &mut String) {
        let mut t = Table::with_header(["Name", "Type", "Added at", "Last used"]);
        for d in &self.0 {
            t.row([
                d.name.clone(),
                d.kind.to_string(),
                d.added_at.clone(),
                d.last_used.clone().unwrap_or_else(|| "never".into()),
            ]);
        }
        t.render(out);
    }
}

pub fn run(env: &mut Env, args: MfaLsArgs) -> Result<()> {
    let (home, session) = env.session()?;
    let devices = env.block_on_value(async { session.auth_client(&home).await?.mfa_devices().await })?;
    env.emit(args.format, &DevicesView(devices))
}
