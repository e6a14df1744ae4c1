//! `tsh recordings ls [--from-utc DATE] [--to-utc DATE] [--last DURATION] [--limit N] [--format]`:
//! the sessions that ended in the window (the last 24 hours by default), from the Auth
//! service's `GetSessionEvents`, newest first.

use std::time::{Duration, SystemTime};

use serde::Serialize;
use tele_common::api::nodes::Recording;
use tele_common::error::{Error, Result};
use tele_common::output::{Format, Render, Table};

use crate::cli::Env;

/// Teleport's longest window.
const MAX_WINDOW: Duration = Duration::from_secs(365 * 24 * 3600);
/// Teleport's default window.
const DEFAULT_WINDOW: Duration = Duration::from_secs(24 * 3600);

/// List recorded sessions
#[derive(clap::Args)]
pub struct RecordingsLsArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Start of the window, a UTC date as 2006-01-02 (default: 24 hours ago)
    #[arg(long = "from-utc")]
    from_utc: Option<String>,
    /// End of the window, a UTC date as 2006-01-02 (default: now)
    #[arg(long = "to-utc")]
    to_utc: Option<String>,
    /// Maximum number of recordings to show
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Duration into the past from which session recordings should be listed, e.g. 5h30m40s
    #[arg(long)]
    last: Option<String>,
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

fn date(flag: &str, text: &str) -> Result<SystemTime> {
    humantime::parse_rfc3339(&format!("{text}T00:00:00Z"))
        .map_err(|_| Error::bad_parameter(format!("--{flag}: {text:?} is not a date as 2006-01-02")))
}

/// The window: `--last`, or `--from-utc`/`--to-utc`, or the last 24 hours.
fn window(args: &RecordingsLsArgs, now: SystemTime) -> Result<(SystemTime, SystemTime)> {
    if let Some(last) = &args.last {
        if args.from_utc.is_some() || args.to_utc.is_some() {
            return Err(Error::bad_parameter(
                "use of 'since' is mutually exclusive with 'from-utc' and 'to-utc' flags",
            ));
        }
        let d = tele_common::duration::parse(last)?;
        return Ok((now.checked_sub(d).unwrap_or(SystemTime::UNIX_EPOCH), now));
    }
    let from = match &args.from_utc {
        Some(text) => date("from-utc", text)?,
        None => now.checked_sub(DEFAULT_WINDOW).unwrap_or(SystemTime::UNIX_EPOCH),
    };
    let to = match &args.to_utc {
        Some(text) => date("to-utc", text)?,
        None => now,
    };
    let span = to.duration_since(from).unwrap_or(Duration::ZERO);
    if from > to {
        return Err(Error::bad_parameter("--from-utc must come before --to-utc"));
    }
    if span > MAX_WINDOW {
        return Err(Error::bad_parameter(format!(
            "date range for recording listing too large: {} days specified: limit 365 days",
            span.as_secs() / 86_400
        )));
    }
    Ok((from, to))
}

pub fn run(env: &mut Env, args: RecordingsLsArgs) -> Result<()> {
    let (from, to) = window(&args, env.ctx.now())?;
    let (home, session) = env.session()?;
    let recordings =
        env.block_on_value(async { session.auth_client(&home).await?.recordings(from, to, args.limit).await })?;
    env.emit(args.format, &RecordingsView { recordings })
}
