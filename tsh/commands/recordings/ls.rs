//! `tsh recordings ls [--format]`.

use serde::Serialize;
use tele_common::api::nodes::Recording;
use tele_common::error::Result;
use tele_common::output::{Format, Render, Table};

use crate::cli::Env;

/// List recorded sessions
#[derive(clap::Args)]
pub struct RecordingsLsArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Serialize)]
#[serde(transparent)]
struct RecordingsView {
    recordings: Vec<Recording>,
}

impl Render for RecordingsView {
    fn render_text(&self, out: &mut String) {
        let mut t = Table::with_header(["ID", "Type", "Participants", "Hostname", "Timestamp"]);
        for r in &self.recordings {
            t.row([
                r.id.clone(),
                r.kind.clone(),
                r.user.clone(),
                r.hostname.clone(),
                r.started.clone(),
            ]);
        }
        t.render(out);
    }
}

pub fn run(env: &mut Env, args: RecordingsLsArgs) -> Result<()> {
    let (home, session) = env.session()?;
    let client = session.client(&home, env.global.insecure)?;
    let recordings = env.block_on_value(async { client.list_recordings().await })?;
    env.emit(args.format, &RecordingsView { recordings })
}
