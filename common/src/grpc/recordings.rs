//! Recorded sessions as Teleport's audit events: a `session.end` event per session for
//! `tsh recordings ls` (`GetSessionEvents`), and a recording as `session.start`, one `print` per
//! output chunk and `session.end` for `tsh play` (`StreamSessionEvents`). The server keeps
//! asciicast v2 files; both sides convert with these functions, so what tsh rebuilds is what
//! the server stored (to the millisecond: Teleport's delays are milliseconds).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::AuthClient;
use super::convert::{from_timestamp, to_timestamp};
use super::wire::events::{
    ConnectionMetadata, Metadata, OneOf, ServerMetadata, SessionEnd, SessionMetadata, SessionPrint, SessionStart,
    UserMetadata, one_of::Event as Kind,
};
use super::wire::proto::{GetSessionEventsRequest, Order, StreamSessionEventsRequest};
use crate::api::nodes::Recording;
use crate::asciicast::{Event, Header};
use crate::duration::rfc3339;
use crate::error::{Error, Result};

/// Teleport's event types and codes.
pub const SESSION_START: (&str, &str) = ("session.start", "T2000I");
/// `print` events carry no code.
pub const PRINT: &str = "print";
/// The end of a session.
pub const SESSION_END: (&str, &str) = ("session.end", "T2004I");
/// The session's protocol in `ConnectionMetadata.Protocol` (and `tsh recordings ls`' Type).
pub const PROTOCOL_SSH: &str = "ssh";

/// What is known of a recorded session besides its output.
pub struct SessionInfo<'a> {
    /// The listing's view of it (ID, user, login, node, command, times).
    pub recording: &'a Recording,
    /// The cluster's name.
    pub cluster: &'a str,
    /// When it started and ended.
    pub started: SystemTime,
    /// When it ended (the start, for one still running).
    pub ended: SystemTime,
}

fn metadata(index: i64, (kind, code): (&str, &str), time: SystemTime, cluster: &str) -> Option<Metadata> {
    Some(Metadata {
        index,
        r#type: kind.into(),
        id: String::new(),
        code: code.into(),
        time: Some(to_timestamp(time)),
        cluster_name: cluster.into(),
    })
}

fn initial_command(r: &Recording) -> Vec<String> {
    if r.command.is_empty() {
        Vec::new()
    } else {
        vec![r.command.clone()]
    }
}

/// The `session.end` event of a session.
pub fn session_end(info: &SessionInfo<'_>, index: i64) -> OneOf {
    let r = info.recording;
    OneOf {
        event: Some(Kind::SessionEnd(SessionEnd {
            metadata: metadata(index, SESSION_END, info.ended, info.cluster),
            user: Some(UserMetadata {
                user: r.user.clone(),
                login: r.login.clone(),
            }),
            session: Some(SessionMetadata {
                session_id: r.id.clone(),
                ..SessionMetadata::default()
            }),
            connection: Some(ConnectionMetadata {
                protocol: r.kind.clone(),
                ..ConnectionMetadata::default()
            }),
            server: Some(ServerMetadata {
                server_namespace: super::resources::NAMESPACE.into(),
                server_hostname: r.hostname.clone(),
                ..ServerMetadata::default()
            }),
            enhanced_recording: false,
            interactive: r.command.is_empty(),
            participants: vec![r.user.clone()],
            start_time: Some(to_timestamp(info.started)),
            end_time: Some(to_timestamp(info.ended)),
            initial_command: initial_command(r),
            session_recording: "proxy".into(),
        })),
    }
}

/// A listed session as `tsh recordings ls` shows it; none for other events.
pub fn recording_from_event(e: OneOf) -> Option<Recording> {
    let Some(Kind::SessionEnd(end)) = e.event else {
        return None;
    };
    let user = end.user.unwrap_or_default();
    let time = |t: &Option<prost_types::Timestamp>| t.as_ref().map(|t| rfc3339(from_timestamp(t))).unwrap_or_default();
    Some(Recording {
        id: end.session.unwrap_or_default().session_id,
        kind: end.connection.unwrap_or_default().protocol,
        user: user.user,
        login: user.login,
        hostname: end.server.unwrap_or_default().server_hostname,
        command: end.initial_command.join(" "),
        started: time(&end.start_time),
        ended: time(&end.end_time),
    })
}

/// A recording as the events `StreamSessionEvents` sends: `session.start` with the terminal
/// size, a `print` per output chunk (delay in milliseconds from the start, offset in bytes),
/// then `session.end`.
pub fn recording_events(info: &SessionInfo<'_>, header: &Header, output: &[Event]) -> Vec<OneOf> {
    let r = info.recording;
    let mut events = Vec::with_capacity(output.len() + 2);
    events.push(OneOf {
        event: Some(Kind::SessionStart(SessionStart {
            metadata: metadata(0, SESSION_START, info.started, info.cluster),
            user: Some(UserMetadata {
                user: r.user.clone(),
                login: r.login.clone(),
            }),
            session: Some(SessionMetadata {
                session_id: r.id.clone(),
                ..SessionMetadata::default()
            }),
            server: Some(ServerMetadata {
                server_namespace: super::resources::NAMESPACE.into(),
                server_hostname: r.hostname.clone(),
                ..ServerMetadata::default()
            }),
            connection: Some(ConnectionMetadata {
                protocol: r.kind.clone(),
                ..ConnectionMetadata::default()
            }),
            terminal_size: format!("{}:{}", header.width, header.height),
            initial_command: initial_command(r),
            session_recording: "proxy".into(),
        })),
    });
    let mut offset = 0i64;
    for (i, e) in output.iter().enumerate() {
        let delay = (e.time * 1000.0).round() as i64;
        let bytes = e.data.len() as i64;
        events.push(OneOf {
            event: Some(Kind::SessionPrint(SessionPrint {
                metadata: metadata(
                    i as i64 + 1,
                    (PRINT, ""),
                    info.started + Duration::from_millis(delay.max(0) as u64),
                    info.cluster,
                ),
                chunk_index: i as i64,
                data: e.data.as_bytes().to_vec(),
                bytes,
                delay_milliseconds: delay,
                offset,
            })),
        });
        offset += bytes;
    }
    let index = events.len() as i64;
    events.push(session_end(info, index));
    events
}

/// The asciicast v2 text of a recording streamed as events (what `tsh play` replays and
/// `asciinema play` plays). A stream without `session.start` is refused; other event kinds are
/// skipped, as Teleport's player skips what it does not draw.
pub fn asciicast_from_events(events: Vec<OneOf>) -> Result<(Header, Vec<Event>)> {
    let mut header = None;
    let mut output = Vec::new();
    for e in events {
        match e.event {
            Some(Kind::SessionStart(start)) => {
                let (width, height) = start
                    .terminal_size
                    .split_once(':')
                    .and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?)))
                    .unwrap_or((80, 25));
                let at = start
                    .metadata
                    .as_ref()
                    .and_then(|m| m.time.as_ref())
                    .map(from_timestamp);
                let user = start.user.unwrap_or_default();
                let host = start.server.unwrap_or_default().server_hostname;
                header = Some(Header {
                    version: 2,
                    width,
                    height,
                    timestamp: at
                        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                        .map(|d| d.as_secs())
                        .unwrap_or_default(),
                    command: Some(start.initial_command.join(" ")).filter(|c| !c.is_empty()),
                    title: Some(format!("{}@{host}", user.login)),
                });
            }
            Some(Kind::SessionPrint(print)) => output.push(Event {
                time: print.delay_milliseconds as f64 / 1000.0,
                data: String::from_utf8_lossy(&print.data).into_owned(),
            }),
            _ => {}
        }
    }
    let header = header.ok_or_else(|| Error::bad_parameter("the recording has no session.start event"))?;
    Ok((header, output))
}

/// The most events one recording may stream to tsh.
const MAX_EVENTS: usize = 10_000_000;

impl AuthClient {
    /// `GetSessionEvents`: the sessions that ended between `from` and `to`, newest first, at
    /// most `limit`, page by page.
    pub async fn recordings(&self, from: SystemTime, to: SystemTime, limit: usize) -> Result<Vec<Recording>> {
        let mut all = Vec::new();
        let mut start_key = String::new();
        while all.len() < limit {
            let mut req = GetSessionEventsRequest {
                start_date: Some(to_timestamp(from)),
                end_date: Some(to_timestamp(to)),
                limit: i32::try_from(limit - all.len()).unwrap_or(i32::MAX),
                start_key: start_key.clone(),
                ..GetSessionEventsRequest::default()
            };
            req.set_order(Order::Descending);
            let page = self
                .call("GetSessionEvents", self.auth().get_session_events(req))
                .await?;
            all.extend(page.items.into_iter().filter_map(recording_from_event));
            if page.last_key.is_empty() || page.last_key == start_key {
                break;
            }
            start_key = page.last_key;
        }
        all.truncate(limit);
        Ok(all)
    }

    /// `StreamSessionEvents`: one recording as asciicast v2.
    pub async fn recording(&self, session_id: &str) -> Result<(Header, Vec<Event>)> {
        let req = StreamSessionEventsRequest {
            session_id: session_id.into(),
            start_index: 0,
        };
        let events = self
            .stream_all(
                "StreamSessionEvents",
                self.auth().stream_session_events(req),
                MAX_EVENTS,
            )
            .await?;
        asciicast_from_events(events)
    }
}
