//! An independent client (Python's ssl, h2 and cryptography; no code shared with the suite)
//! approves a headless login over `teleport-auth@`, following Teleport's sequence, with one
//! assertion of the software key; its answer cannot approve a second request, and another user
//! cannot see the request at all.

use std::path::Path;

use tele_test_support::{RefServer, require_program, run};

use crate::TshUser;
use crate::tsh_headless::{approve, cluster, laptop, request_id, start};

/// Runs `tests/it/scripts/headless_approve.py` as `user` of `laptop` for `id`.
fn python_approve(srv: &RefServer, laptop: &TshUser, user: &str, id: &str, extra: &[&str]) -> serde_json::Value {
    let python = require_program("python3", "python3");
    for module in ["h2", "cryptography"] {
        let check = run(&python, &["-c", &format!("import {module}")], &[], None);
        assert_eq!(
            check.code, 0,
            "Python's {module} package is missing (Debian: python3-{module})\n{check}"
        );
    }
    let keys = laptop.home().join("keys/localhost");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/scripts/headless_approve.py");
    let mut args = vec![
        script.display().to_string(),
        srv.localhost_addr(),
        "example.test".into(),
        keys.join("cas/example.test.pem").display().to_string(),
        keys.join(format!("{user}.crt")).display().to_string(),
        keys.join(format!("{user}.key")).display().to_string(),
        laptop.dir().join("softkey.json").display().to_string(),
        id.into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let out = run(&python, &args, &[], None);
    serde_json::from_str(out.ok().trim()).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn taps(laptop: &TshUser) -> u64 {
    let text = std::fs::read_to_string(laptop.dir().join("softkey.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["credentials"][0]["counter"].as_u64().unwrap()
}

#[test]
fn an_independent_client_approves_with_one_assertion_and_its_answer_cannot_be_replayed() {
    let srv = cluster("", None);
    let alice = laptop(&srv, "alice");
    let remote = TshUser::new(&srv);
    let mut first = start(&srv, &remote, "alice", &["ls"]);
    let first_id = request_id(&mut first, &srv, "alice");
    let mut second = start(&srv, &remote, "alice", &["ls"]);
    let second_id = request_id(&mut second, &srv, "alice");

    // Bob's identity does not see Alice's request.
    let bob = laptop(&srv, "bob");
    let seen = python_approve(&srv, &bob, "bob", &first_id, &[]);
    assert_eq!(seen["get"]["grpc_status"], "5", "NotFound: {seen}");
    assert!(seen.get("approve").is_none(), "{seen}");

    let before = taps(&alice);
    let replay_on = format!("--replay-on={second_id}");
    let answer = python_approve(&srv, &alice, "alice", &first_id, &[&replay_on]);
    // The request as Teleport describes it: Alice's, pending, from the remote box's address.
    assert_eq!(answer["user"], "alice", "{answer}");
    assert_eq!(answer["state"], 1, "HEADLESS_AUTHENTICATION_STATE_PENDING: {answer}");
    assert_eq!(answer["client_ip"], "127.0.0.1", "{answer}");
    assert_eq!(answer["challenge"]["grpc_status"], "0", "{answer}");
    assert_eq!(answer["approve"]["grpc_status"], "0", "{answer}");
    assert_eq!(taps(&alice), before + 1, "exactly one assertion");
    // The same answer does not approve the second request.
    assert_ne!(answer["replay"]["grpc_status"], "0", "{answer}");

    // The first tsh completes its login and lists the nodes.
    let out = first.finish();
    assert!(out.ok().starts_with("Node Name"), "{out}");
    // The second is still waiting: tsh approves it, with a tap of its own.
    approve(&alice, &second_id).ok();
    assert_eq!(taps(&alice), before + 2);
    let out = second.finish();
    assert!(out.ok().starts_with("Node Name"), "{out}");
}
