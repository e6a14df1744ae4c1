//! Session recordings in asciicast v2: `tsh play FILE.cast` parses and schedules them; the
//! server parses the ones it stored and streams them as Teleport's audit events
//! (`recordings::recording_events`), which tsh turns back into asciicast.
#![no_main]

use std::time::{Duration, SystemTime};

use libfuzzer_sys::fuzz_target;
use tele_common::api::nodes::Recording;
use tele_common::asciicast;
use tele_common::grpc::recordings::{SessionInfo, asciicast_from_events, recording_events};

fuzz_target!(|data: &[u8]| {
    let text = tele_fuzz::text(data);
    let Ok((header, events)) = asciicast::parse(&text) else {
        return;
    };
    let _ = asciicast::schedule(&events, 1.0, Duration::from_secs(2));
    let _ = asciicast::schedule(&events, 0.25, Duration::MAX);
    let recording = Recording {
        id: "00000000-0000-0000-0000-000000000000".into(),
        kind: "ssh".into(),
        user: tele_fuzz::USER.into(),
        login: "root".into(),
        hostname: "node".into(),
        command: header.command.clone().unwrap_or_default(),
        started: String::new(),
        ended: String::new(),
    };
    // The server's session row: when the session started, by its clock.
    let started = SystemTime::now();
    let info = SessionInfo {
        recording: &recording,
        cluster: tele_fuzz::CLUSTER,
        started,
        ended: started,
    };
    let streamed = recording_events(&info, &header, &events);
    let (_, back) = asciicast_from_events(streamed).expect("a recording streams with its session.start");
    assert_eq!(back.len(), events.len());
});
