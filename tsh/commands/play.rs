//! `tsh play SESSION_ID|FILE.cast [--speed] [--format]`: replays a recording in the terminal
//! with its timing, or prints its events.

use std::time::{Duration, Instant};

use serde::Serialize;
use tele_common::asciicast::{self, Event};
use tele_common::error::{Error, Result, io_error};
use tele_common::output::{Format, Render};

use crate::cli::Env;

/// Replay the recorded session (SSH, Kubernetes, App, DB)
#[derive(clap::Args)]
pub struct PlayArgs {
    /// Session ID, or the path of an asciicast (.cast) file
    session_id: String,
    /// Playback speed: 0.5, 1, 2, ...
    #[arg(long, default_value_t = 1.0)]
    speed: f64,
    /// Longest pause between two events, e.g. 2s
    #[arg(long, default_value = "2s", value_parser = parse_idle)]
    skip_idle_time: Duration,
    /// Print the events instead of replaying them (json, yaml)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

fn parse_idle(text: &str) -> std::result::Result<Duration, String> {
    tele_common::duration::parse(text).map_err(|e| e.message().to_string())
}

#[derive(Serialize)]
struct EventView {
    time: f64,
    data: String,
}

#[derive(Serialize)]
#[serde(transparent)]
struct EventsView {
    events: Vec<EventView>,
}

impl Render for EventsView {
    fn render_text(&self, out: &mut String) {
        for e in &self.events {
            out.push_str(&e.data);
        }
    }
}

pub fn run(env: &mut Env, args: PlayArgs) -> Result<()> {
    if args.speed.is_nan() || args.speed <= 0.0 {
        return Err(Error::bad_parameter("--speed must be more than 0"));
    }
    let (_, events) = if args.session_id.ends_with(".cast") {
        let path = std::path::Path::new(&args.session_id);
        asciicast::parse(&std::fs::read_to_string(path).map_err(|e| io_error("reading", path, e))?)?
    } else {
        // Teleport's StreamSessionEvents, rebuilt into asciicast.
        let (home, session) = env.session()?;
        let id = &args.session_id;
        env.block_on_value(async { session.auth_client(&home).await?.recording(id).await })?
    };
    if args.format != Format::Text {
        let events = events
            .into_iter()
            .map(|Event { time, data }| EventView { time, data })
            .collect();
        return env.emit(args.format, &EventsView { events });
    }
    let due = asciicast::schedule(&events, args.speed, args.skip_idle_time);
    let start = Instant::now();
    for (event, at) in events.iter().zip(due) {
        if let Some(wait) = at.checked_sub(start.elapsed()) {
            std::thread::sleep(wait);
        }
        env.out(&event.data)?;
    }
    Ok(())
}
