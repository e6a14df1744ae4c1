//! Recorded sessions over the Auth service, as Teleport's audit log answers them:
//! `GetSessionEvents` lists a `session.end` event per ended SSH session in a time window, and
//! `StreamSessionEvents` replays one recording (an asciicast v2 file here) as events. Users see
//! their own sessions; a `session` read rule sees everyone's.

use std::time::UNIX_EPOCH;

use tele_common::api::nodes::Recording;
use tele_common::asciicast;
use tele_common::duration::rfc3339;
use tele_common::error::{Error, Result};
use tele_common::grpc::convert::from_timestamp;
use tele_common::grpc::recordings::{PROTOCOL_SSH, SessionInfo, recording_events, session_end};
use tele_common::grpc::wire::events::OneOf;
use tele_common::grpc::wire::proto::{Events, GetSessionEventsRequest, Order, StreamSessionEventsRequest};
use tele_common::resources::Verb;

use crate::authz::Caller;
use crate::server::Server;
use crate::store::SessionRow;

/// A page when the request names no limit, and the most one page holds (Teleport's).
const MAX_PAGE: usize = 1000;

/// Whose sessions the caller may read: everyone's with a `session` read rule, else their own.
pub fn session_owner(caller: &Caller) -> Option<String> {
    match caller.check("session", Verb::Read) {
        Ok(()) => None,
        Err(_) => Some(caller.name().to_string()),
    }
}

fn recording(r: &SessionRow) -> Recording {
    Recording {
        id: r.id.clone(),
        kind: r.kind.clone(),
        user: r.user.clone(),
        login: r.login.clone(),
        hostname: r.node.clone(),
        command: r.command.clone(),
        started: rfc3339(r.started),
        ended: r.ended.map(rfc3339).unwrap_or_default(),
    }
}

/// `GetSessionEvents`: the ended sessions of the window, newest first unless asked otherwise,
/// `StartKey` being the position the page starts at.
pub fn list(s: &Server, caller: &Caller, req: GetSessionEventsRequest) -> Result<Events> {
    let from = req.start_date.as_ref().map(from_timestamp).unwrap_or(UNIX_EPOCH);
    let to = req.end_date.as_ref().map(from_timestamp);
    let owner = session_owner(caller);
    let mut rows: Vec<SessionRow> = s
        .store
        .sessions(owner.as_deref())?
        .into_iter()
        .filter(|r| r.kind == PROTOCOL_SSH)
        .filter(|r| r.ended.is_some_and(|e| e >= from && to.is_none_or(|to| e <= to)))
        .collect();
    rows.sort_by_key(|r| (r.ended, r.id.clone()));
    if req.order() == Order::Descending {
        rows.reverse();
    }
    let start: usize = if req.start_key.is_empty() {
        0
    } else {
        req.start_key
            .parse()
            .map_err(|_| Error::bad_parameter(format!("StartKey {:?} is not a key this server gave", req.start_key)))?
    };
    let limit = usize::try_from(req.limit)
        .ok()
        .filter(|l| *l > 0)
        .unwrap_or(MAX_PAGE)
        .min(MAX_PAGE);
    let cluster = &s.settings.cluster_name;
    let items = rows
        .iter()
        .enumerate()
        .skip(start)
        .take(limit)
        .map(|(i, r)| {
            let view = recording(r);
            session_end(
                &SessionInfo {
                    recording: &view,
                    cluster,
                    started: r.started,
                    ended: r.ended.unwrap_or(r.started),
                },
                i as i64,
            )
        })
        .collect();
    let next = start + limit;
    Ok(Events {
        items,
        last_key: if next < rows.len() {
            next.to_string()
        } else {
            String::new()
        },
    })
}

/// `StreamSessionEvents`: the events of one recording from `StartIndex` on.
pub fn stream(s: &Server, caller: &Caller, req: StreamSessionEventsRequest) -> Result<Vec<OneOf>> {
    let id = &req.session_id;
    let not_found =
        || Error::not_found(format!("recording {id:?} is not found")).with_hint("list them with: tsh recordings ls");
    let row = s
        .store
        .session(id)?
        .filter(|r| r.kind == PROTOCOL_SSH)
        .ok_or_else(not_found)?;
    if session_owner(caller).is_some_and(|owner| owner != row.user) {
        return Err(not_found());
    }
    let path = crate::ssh::recording_path(&s.settings.data_dir, &row.id);
    let text = std::fs::read_to_string(&path).map_err(|_| not_found())?;
    let (header, output) = asciicast::parse(&text)?;
    let view = recording(&row);
    let events = recording_events(
        &SessionInfo {
            recording: &view,
            cluster: &s.settings.cluster_name,
            started: row.started,
            ended: row.ended.unwrap_or(row.started),
        },
        &header,
        &output,
    );
    let skip = usize::try_from(req.start_index).unwrap_or(0);
    Ok(events.into_iter().skip(skip).collect())
}
