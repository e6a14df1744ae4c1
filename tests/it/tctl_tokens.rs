//! `tctl tokens add|ls|rm` and `tctl nodes add`, as seed 004 shows them.

use std::time::Duration;

use serde_json::Value;
use tele_test_support::{RefServer, wait_for};

use crate::tctl;

const TYPES: [(&str, &str); 9] = [
    ("app", "App"),
    ("auth", "Auth"),
    ("bot", "Bot"),
    ("db", "Db"),
    ("discovery", "Discovery"),
    ("kube", "Kube"),
    ("node", "Node"),
    ("proxy", "Proxy"),
    ("windowsdesktop", "WindowsDesktop"),
];

fn is_token(s: &str) -> bool {
    s.len() == 32 && s.chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
}

/// All tokens with secrets, as JSON (the state the bad-input tests compare).
fn tokens_json(srv: &RefServer) -> Value {
    serde_json::from_str(
        srv.tctl(tctl(), &["tokens", "ls", "--with-secrets", "--format=json"])
            .ok(),
    )
    .unwrap()
}

#[test]
fn every_type_can_be_added_and_is_listed_with_its_name() {
    let srv = RefServer::start();
    let mut made = Vec::new();
    for (flag, name) in TYPES {
        let out = srv.tctl(tctl(), &["tokens", "add", &format!("--type={flag}"), "--format=text"]);
        let token = out.ok().trim().to_string();
        assert!(is_token(&token), "{flag}: {token:?} is not 32 lowercase hex characters");
        made.push((token, name));
    }
    let list = srv.tctl(tctl(), &["tokens", "ls", "--with-secrets"]);
    let text = list.ok();
    for (token, name) in &made {
        let line = text
            .lines()
            .find(|l| l.starts_with(token.as_str()))
            .unwrap_or_else(|| panic!("{token} missing:\n{text}"));
        assert_eq!(line.split_whitespace().nth(1), Some(*name), "{line}");
    }
    // Several types at once, and upper case accepted.
    let out = srv.tctl(tctl(), &["tokens", "add", "--type=Node,proxy", "--format=json"]);
    let v: Value = serde_json::from_str(out.ok()).unwrap();
    assert_eq!(v["roles"], serde_json::json!(["Node", "Proxy"]));
}

#[test]
fn add_prints_the_invite_block_with_a_join_command_and_the_ca_pin() {
    let srv = RefServer::start();
    let out = srv.tctl(tctl(), &["tokens", "add", "--type=node", "--ttl=5m"]);
    let text = out.ok();
    let token = text
        .lines()
        .next()
        .unwrap()
        .strip_prefix("The invite token: ")
        .expect(text);
    assert!(is_token(token));
    let pin = crate::status_pin(&srv);
    let expected = format!(
        "The invite token: {token}\nThis token will expire in 5 minutes.\n\nRun this on the new node to join the cluster:\n\n\
         > refserver join openssh \\\n   --token={token} \\\n   --ca-pin={pin} \\\n   --auth-server={addr}\n\n\
         Please note:\n\n  - This invitation token will expire in 5 minutes\n  - {addr} must be reachable from the new node\n",
        addr = srv.web_addr
    );
    assert_eq!(text, expected);
    // Other services are Teleport agents: their block says `teleport start --roles=...`.
    let out = srv.tctl(tctl(), &["tokens", "add", "--type=proxy,db"]);
    assert!(
        out.ok()
            .contains("> teleport start \\\n   --roles=proxy,db \\\n   --token="),
        "{out}"
    );
}

#[test]
fn json_and_yaml_outputs_parse() {
    let srv = RefServer::start();
    let out = srv.tctl(
        tctl(),
        &[
            "tokens",
            "add",
            "--type=db",
            "--value=my-db-token-value",
            "--format=json",
        ],
    );
    let v: Value = serde_json::from_str(out.ok()).unwrap();
    assert_eq!(v["token"], "my-db-token-value");
    assert_eq!(v["roles"], serde_json::json!(["Db"]));
    assert!(v["expires"].as_str().unwrap().ends_with('Z'));
    let out = srv.tctl(tctl(), &["tokens", "add", "--type=app", "--format=yaml"]);
    let y: Value = serde_saphyr::from_str(out.ok()).unwrap();
    assert!(is_token(y["token"].as_str().unwrap()));
    assert_eq!(y["roles"], serde_json::json!(["App"]));

    let ls: Value = serde_json::from_str(srv.tctl(tctl(), &["tokens", "ls", "--format=json"]).ok()).unwrap();
    assert_eq!(ls.as_array().unwrap().len(), 2);
    assert_eq!(ls[0]["kind"], "token");
    let ls: Value = serde_saphyr::from_str(
        srv.tctl(tctl(), &["tokens", "ls", "--format=yaml", "--with-secrets"])
            .ok(),
    )
    .unwrap();
    let names: Vec<&str> = ls
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["metadata"]["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"my-db-token-value"), "{names:?}");
}

#[test]
fn listing_redacts_shows_remaining_time_and_sorts_by_expiry() {
    let srv = RefServer::builder()
        .static_token("proxy,node:static-secret-value")
        .start();
    let long = srv.tctl(
        tctl(),
        &[
            "tokens",
            "add",
            "--type=node",
            "--ttl=2h",
            "--labels=env=prod,team=a",
            "--format=text",
        ],
    );
    let long = long.ok().trim().to_string();
    let short = srv.tctl(tctl(), &["tokens", "add", "--type=proxy", "--ttl=10m", "--format=text"]);
    let short = short.ok().trim().to_string();

    let out = srv.tctl(tctl(), &["tokens", "ls"]);
    let text = out.ok();
    assert!(
        !text.contains(&long) && !text.contains(&short) && !text.contains("static-secret-value"),
        "{text}"
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["Token", "Type", "Labels", "Expiry", "Time", "(UTC)"]
    );
    assert!(lines[1].starts_with("---") && lines[1].contains(" ---"), "{text}");
    // Static first (never), then by expiry: 10m before 2h.
    assert!(
        lines[2].starts_with("**************** Proxy,Node") && lines[2].contains("never"),
        "{text}"
    );
    assert!(
        lines[3].starts_with("**************** Proxy ") && lines[3].contains("(9m5") || lines[3].contains("(10m0s)"),
        "{text}"
    );
    assert!(
        lines[4].contains("Node") && lines[4].contains("env=prod,team=a"),
        "{text}"
    );
    let remaining = lines[4].rsplit_once('(').unwrap().1.trim().trim_end_matches(')');
    assert!(remaining.starts_with("1h59m") || remaining == "2h0m0s", "{remaining}");
    assert!(lines[4].contains(" UTC ("), "{text}");

    let text = srv.tctl(tctl(), &["tokens", "ls", "--with-secrets"]).ok().to_string();
    assert!(
        text.contains(&long) && text.contains(&short) && text.contains("static-secret-value"),
        "{text}"
    );

    let text = srv
        .tctl(tctl(), &["tokens", "ls", "--with-secrets", "--labels=env=prod"])
        .ok()
        .to_string();
    assert!(text.contains(&long) && !text.contains(&short), "{text}");
}

#[test]
fn static_tokens_from_a_file_are_listed_and_kept() {
    let dir = tele_test_support::temp_dir();
    let file = dir.path().join("tokenfile");
    std::fs::write(&file, "token-from-a-file\n").unwrap();
    let srv = RefServer::builder()
        .static_token(&format!("auth:{}", file.display()))
        .start();
    let ls = srv.tctl(tctl(), &["tokens", "ls", "--with-secrets"]);
    let line = ls
        .ok()
        .lines()
        .find(|l| l.starts_with("token-from-a-file "))
        .unwrap_or_else(|| panic!("{ls}"));
    assert_eq!(
        line.split_whitespace().collect::<Vec<_>>(),
        ["token-from-a-file", "Auth", "never"]
    );
    let out = srv.tctl(tctl(), &["tokens", "rm", "token-from-a-file"]);
    assert!(out.fails_with(1).contains("statically configured"), "{out}");
}

#[test]
fn empty_listing_says_so() {
    let srv = RefServer::start();
    assert_eq!(srv.tctl(tctl(), &["tokens", "ls"]).ok(), "No active tokens found.\n");
    assert_eq!(srv.tctl(tctl(), &["tokens", "ls", "--format=json"]).ok().trim(), "[]");
}

#[test]
fn removal_deletes_and_unknown_tokens_are_errors() {
    let srv = RefServer::builder().static_token("node:static-secret-value").start();
    let token = srv
        .tctl(tctl(), &["tokens", "add", "--type=node", "--format=text"])
        .ok()
        .trim()
        .to_string();
    let out = srv.tctl(tctl(), &["tokens", "rm", &token]);
    assert_eq!(out.ok(), format!("Token {token} has been deleted\n"));
    assert!(
        !srv.tctl(tctl(), &["tokens", "ls", "--with-secrets"])
            .ok()
            .contains(&token)
    );
    let out = srv.tctl(tctl(), &["tokens", "rm", &token]);
    assert!(out.fails_with(1).starts_with("ERROR: token not found"), "{out}");
    let out = srv.tctl(tctl(), &["tokens", "del", "no-such-token"]);
    out.fails_with(1);
    // Static tokens are listed but cannot be removed.
    let out = srv.tctl(tctl(), &["tokens", "rm", "static-secret-value"]);
    assert!(out.fails_with(1).contains("statically configured"), "{out}");
    assert!(
        srv.tctl(tctl(), &["tokens", "ls", "--with-secrets"])
            .ok()
            .contains("static-secret-value")
    );
}

#[test]
fn a_short_ttl_expires_and_the_token_is_gone() {
    let srv = RefServer::start();
    let token = srv
        .tctl(tctl(), &["tokens", "add", "--type=node", "--ttl=2s", "--format=text"])
        .ok()
        .trim()
        .to_string();
    assert!(
        srv.tctl(tctl(), &["tokens", "ls", "--with-secrets"])
            .ok()
            .contains(&token)
    );
    wait_for("the token to expire", Duration::from_secs(30), || {
        !srv.tctl(tctl(), &["tokens", "ls", "--with-secrets"])
            .ok()
            .contains(&token)
    });
    let out = srv.tctl(tctl(), &["get", &format!("token/{token}"), "--with-secrets"]);
    assert!(out.fails_with(1).contains("token not found"), "{out}");
    srv.tctl(tctl(), &["tokens", "rm", &token]).fails_with(1);
    // An expired value is free to be used again.
    srv.tctl(
        tctl(),
        &[
            "tokens",
            "add",
            "--type=node",
            &format!("--value={token}"),
            "--format=text",
        ],
    )
    .ok();
}

#[test]
fn bad_inputs_give_their_error_and_change_nothing() {
    let srv = RefServer::builder().static_token("node:static-secret-value").start();
    srv.tctl(
        tctl(),
        &[
            "tokens",
            "add",
            "--type=node",
            "--value=existing-token",
            "--format=text",
        ],
    )
    .ok();
    let before = tokens_json(&srv);
    let cases: [(&[&str], i32, &str); 7] = [
        (&["tokens", "add", "--type=gadget"], 1, "unknown token type \"gadget\""),
        (&["tokens", "add", "--type=node", "--ttl=soon"], 2, "invalid duration"),
        (&["tokens", "add", "--type=node", "--ttl=0"], 2, "must be more than 0"),
        (
            &["tokens", "add", "--type=node", "--value=existing-token"],
            1,
            "already exists",
        ),
        (
            &["tokens", "add", "--type=node", "--value=static-secret-value"],
            1,
            "already exists",
        ),
        (
            &["tokens", "add", "--type=node", "--labels=novalue"],
            1,
            "expected key=value",
        ),
        (&["tokens", "add"], 2, "--type"),
    ];
    for (args, code, message) in cases {
        let out = srv.tctl(tctl(), args);
        let err = out.fails_with(code);
        assert!(err.contains(message), "{args:?}: {out}");
        assert!(
            !err.contains("existing-token") && !err.contains("static-secret-value"),
            "secret in error: {err}"
        );
        assert_eq!(tokens_json(&srv), before, "{args:?} changed the tokens");
    }
    let out = srv.tctl(tctl(), &["tokens", "add", "--type=gadget"]);
    assert!(
        out.stderr
            .contains("hint: token types are: app, auth, bot, db, discovery, kube, node, proxy, windowsdesktop"),
        "{out}"
    );
}

#[test]
fn nodes_add_prints_the_same_invite_and_json_is_a_list() {
    let srv = RefServer::start();
    let out = srv.tctl(tctl(), &["nodes", "add", "--ttl=5m", "--roles=proxy"]);
    let text = out.ok();
    assert!(text.starts_with("The invite token: "), "{text}");
    assert!(
        text.contains("This token will expire in 5 minutes.") && text.contains("--roles=proxy"),
        "{text}"
    );
    let out = srv.tctl(tctl(), &["nodes", "add", "--format=json"]);
    let v: Value = serde_json::from_str(out.ok()).unwrap();
    let token = v.as_array().unwrap()[0].as_str().unwrap();
    assert!(is_token(token));
    let ls = srv.tctl(tctl(), &["tokens", "ls", "--with-secrets"]);
    assert!(
        ls.ok().lines().any(|l| l.starts_with(token) && l.contains(" Node ")),
        "{ls}"
    );
}
