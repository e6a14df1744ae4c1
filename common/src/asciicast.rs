//! Session recordings as asciicast v2 (<https://docs.asciinema.org/manual/asciicast/v2/>): a JSON
//! header line, then one `[seconds, "o", text]` line per output chunk. `asciinema play` plays
//! them; so does `tsh play`.

use std::io::Write;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The first line of a recording.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// Always 2.
    pub version: u32,
    /// Terminal columns.
    pub width: u32,
    /// Terminal rows.
    pub height: u32,
    /// Start, Unix seconds.
    #[serde(default)]
    pub timestamp: u64,
    /// What was run, if not a shell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    /// A title: `login@node`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// One output event.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Seconds since the start.
    pub time: f64,
    /// The text written to the terminal.
    pub data: String,
}

/// Writes a recording as output arrives. Output is bytes; asciicast holds text, so a UTF-8
/// sequence split across two chunks is held back until its end arrives.
pub struct Writer<W: Write> {
    out: W,
    start: Instant,
    pending: Vec<u8>,
}

impl<W: Write> Writer<W> {
    /// Starts a recording: writes the header.
    pub fn new(mut out: W, header: &Header) -> Result<Self> {
        let line = serde_json::to_string(header).map_err(|e| Error::internal(e.to_string()))?;
        writeln!(out, "{line}").map_err(write_error)?;
        Ok(Self {
            out,
            start: Instant::now(),
            pending: Vec::new(),
        })
    }

    /// Records output.
    pub fn output(&mut self, bytes: &[u8]) -> Result<()> {
        self.pending.extend_from_slice(bytes);
        let cut = complete_prefix(&self.pending);
        if cut == 0 {
            return Ok(());
        }
        let text = String::from_utf8_lossy(&self.pending[..cut]).into_owned();
        self.pending.drain(..cut);
        self.event(&text)
    }

    fn event(&mut self, text: &str) -> Result<()> {
        let t = self.start.elapsed().as_secs_f64();
        let line = serde_json::to_string(&(round(t), "o", text)).map_err(|e| Error::internal(e.to_string()))?;
        writeln!(self.out, "{line}").map_err(write_error)?;
        self.out.flush().map_err(write_error)
    }

    /// Ends the recording, writing any held-back bytes.
    pub fn finish(mut self) -> Result<()> {
        if !self.pending.is_empty() {
            let text = String::from_utf8_lossy(&std::mem::take(&mut self.pending)).into_owned();
            self.event(&text)?;
        }
        self.out.flush().map_err(write_error)
    }
}

fn round(t: f64) -> f64 {
    (t * 1e6).round() / 1e6
}

fn write_error(e: std::io::Error) -> Error {
    Error::internal(format!("writing recording: {e}"))
}

/// The length of the longest prefix that does not end inside a UTF-8 sequence (invalid bytes
/// count as complete: they become U+FFFD).
fn complete_prefix(bytes: &[u8]) -> usize {
    let n = bytes.len();
    for back in 1..=3.min(n) {
        let b = bytes[n - back];
        if b & 0xC0 != 0x80 {
            let need = match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF7 => 4,
                _ => 1,
            };
            return if need > back { n - back } else { n };
        }
    }
    n
}

/// Parses a recording: the header and its output events (input and other event types are
/// skipped, as players do).
pub fn parse(text: &str) -> Result<(Header, Vec<Event>)> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next().ok_or_else(|| Error::bad_parameter("recording is empty"))?;
    let header: Header =
        serde_json::from_str(first).map_err(|e| Error::bad_parameter(format!("recording header: {e}")))?;
    if header.version != 2 {
        return Err(Error::bad_parameter(format!(
            "recording is asciicast version {}, expected 2",
            header.version
        )));
    }
    let mut events = Vec::new();
    for (i, line) in lines.enumerate() {
        let (time, kind, data): (f64, String, String) =
            serde_json::from_str(line).map_err(|e| Error::bad_parameter(format!("recording event {}: {e}", i + 1)))?;
        if kind == "o" {
            events.push(Event { time, data });
        }
    }
    Ok((header, events))
}

/// When each event is due at `speed` (2.0 plays twice as fast), idle gaps capped at `max_idle`.
pub fn schedule(events: &[Event], speed: f64, max_idle: Duration) -> Vec<Duration> {
    let speed = if speed > 0.0 { speed } else { 1.0 };
    let mut at = Duration::ZERO;
    let mut last = 0.0_f64;
    events
        .iter()
        .map(|e| {
            let gap = Duration::from_secs_f64(((e.time - last).max(0.0)) / speed).min(max_idle);
            last = e.time;
            at += gap;
            at
        })
        .collect()
}

/// Unix seconds now, for headers.
pub fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header {
            version: 2,
            width: 80,
            height: 24,
            timestamp: 1,
            command: None,
            title: Some("root@dev1".into()),
        }
    }

    #[test]
    fn writes_what_it_parses_back() {
        let mut buf = Vec::new();
        let mut w = Writer::new(&mut buf, &header()).unwrap();
        w.output(b"hello \x1b[1mworld\x1b[0m\r\n").unwrap();
        w.output(b"\"quoted\"\n").unwrap();
        w.finish().unwrap();
        let (h, events) = parse(std::str::from_utf8(&buf).unwrap()).unwrap();
        assert_eq!(h, header());
        let all: String = events.iter().map(|e| e.data.as_str()).collect();
        assert_eq!(all, "hello \x1b[1mworld\x1b[0m\r\n\"quoted\"\n");
    }

    #[test]
    fn holds_back_a_split_utf8_sequence() {
        let mut buf = Vec::new();
        let mut w = Writer::new(&mut buf, &header()).unwrap();
        let snow = "☃".as_bytes();
        w.output(&snow[..1]).unwrap();
        w.output(&snow[1..]).unwrap();
        w.output(b"\xff!").unwrap();
        w.finish().unwrap();
        let (_, events) = parse(std::str::from_utf8(&buf).unwrap()).unwrap();
        let all: String = events.iter().map(|e| e.data.as_str()).collect();
        assert_eq!(all, "☃\u{fffd}!");
    }

    #[test]
    fn rejects_other_versions_and_garbage() {
        assert!(parse("").is_err());
        let e = parse("{\"version\":1,\"width\":1,\"height\":1}").unwrap_err();
        assert!(e.message().contains("version 1"), "{e}");
        let e = parse("{\"version\":2,\"width\":1,\"height\":1}\nnot json").unwrap_err();
        assert!(e.message().contains("event 1"), "{e}");
    }

    #[test]
    fn schedules_with_speed_and_idle_cap() {
        let ev = |t| Event {
            time: t,
            data: String::new(),
        };
        let s = schedule(&[ev(1.0), ev(3.0), ev(100.0)], 2.0, Duration::from_secs(5));
        assert_eq!(
            s,
            vec![
                Duration::from_millis(500),
                Duration::from_millis(1500),
                Duration::from_millis(6500)
            ]
        );
    }
}
