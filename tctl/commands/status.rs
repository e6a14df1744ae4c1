//! `tctl status`: cluster name, version, CA rotation state and the CA pin.

use serde::Serialize;
use tele_common::api::types::StatusResponse;
use tele_common::error::Result;
use tele_common::output::{Format, Render, Table};

use crate::cli::Env;

/// Report cluster status
#[derive(clap::Args)]
pub struct StatusArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Serialize)]
struct StatusView(StatusResponse);

impl Render for StatusView {
    fn render_text(&self, out: &mut String) {
        let s = &self.0;
        let mut t = Table::headless();
        t.row(["Cluster", &s.cluster_name]);
        t.row(["Version", &s.version]);
        for ca in &s.cas {
            t.row([format!("{} CA", ca.kind), ca.rotation.clone()]);
        }
        for pin in &s.ca_pins {
            t.row(["CA pin", pin]);
        }
        t.render(out);
    }
}

pub async fn run(env: &mut Env, args: StatusArgs) -> Result<()> {
    let status = env.connect_auth().await?.status().await?;
    env.emit(args.format, &StatusView(status))
}
