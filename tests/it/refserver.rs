//! The reference server itself: config errors, one instance per data dir, clean shutdown,
//! durability across kill -9, no secrets in logs, Teleport's web API shapes.

use std::os::unix::fs::PermissionsExt;

use serde_json::Value;
use tele_test_support::{RefServer, require_program, run};

use crate::tctl;

fn curl(url: &str) -> String {
    let curl = require_program("curl", "curl");
    run(&curl, &["-sSk", "--fail-with-body", url], &[], None)
        .ok()
        .to_string()
}

#[test]
fn config_errors_name_the_file_and_the_key() {
    let srv = RefServer::start();
    let cases = [
        (
            "auth_service:\n  cluster_nam: x\n",
            "auth_service.cluster_nam: unknown field `cluster_nam`",
        ),
        (
            "auth_service:\n  session_recording: tape\n",
            "auth_service.session_recording: unknown variant `tape`",
        ),
        (
            "proxy_service:\n  web_listen_addr: nowhere\n",
            "proxy_service.web_listen_addr",
        ),
        ("auth_service:\n  tokens: ['gadget:x']\n", "auth_service.tokens[0]"),
        (
            "auth_service:\n  tokens: ['node:/does/not/exist']\n",
            "auth_service.tokens[0]",
        ),
        ("teleport: [\n", ""),
    ];
    for (i, (text, message)) in cases.iter().enumerate() {
        let path = srv.dir().join(format!("bad{i}.yaml"));
        std::fs::write(
            &path,
            format!("teleport:\n  data_dir: {}\n", srv.dir().join("unused").display()) + text,
        )
        .unwrap();
        if i == 5 {
            std::fs::write(&path, text).unwrap();
        }
        let out = srv.refserver(&["start", "-c", path.to_str().unwrap()], None);
        let err = out.fails_with(1);
        assert!(err.starts_with(&format!("ERROR: {}", path.display())), "{out}");
        assert!(err.contains(message), "case {i}: {out}");
    }
}

#[test]
fn a_second_instance_on_the_same_data_dir_fails_clearly() {
    let srv = RefServer::start();
    let out = srv.refserver(&["start", "-c", srv.config.to_str().unwrap()], None);
    let err = out.fails_with(1);
    assert!(
        err.contains("another refserver is already running with data_dir"),
        "{out}"
    );
    // The first one is unharmed.
    srv.tctl(tctl(), &["status"]).ok();
}

#[test]
fn sigterm_shuts_down_cleanly() {
    let mut srv = RefServer::start();
    assert_eq!(srv.terminate(), 0, "{}", srv.log());
    assert!(srv.log().contains("SIGTERM: shutting down"), "{}", srv.log());
    // The lock is released: it starts again on the same data dir.
    srv.restart();
    srv.tctl(tctl(), &["status"]).ok();
}

#[test]
fn an_acknowledged_token_survives_kill_9() {
    let mut srv = RefServer::start();
    let token = srv
        .tctl(tctl(), &["tokens", "add", "--type=node", "--format=text"])
        .ok()
        .trim()
        .to_string();
    srv.kill9();
    srv.restart();
    let ls = srv.tctl(tctl(), &["tokens", "ls", "--with-secrets"]);
    assert!(ls.ok().contains(&token), "{ls}");
    // The CAs are the same after the restart: the pin has not changed.
    let pin1 = srv.tctl(tctl(), &["status", "--format=json"]).ok().to_string();
    srv.kill9();
    srv.restart();
    assert_eq!(srv.tctl(tctl(), &["status", "--format=json"]).ok(), pin1);
}

#[test]
fn secrets_never_reach_the_log() {
    let srv = RefServer::builder().static_token("node:static-secret-value").start();
    let token = srv.tctl(
        tctl(),
        &[
            "tokens",
            "add",
            "--type=node",
            "--value=my-secret-token-value",
            "--format=text",
        ],
    );
    assert_eq!(token.ok().trim(), "my-secret-token-value");
    srv.tctl(tctl(), &["tokens", "ls", "--with-secrets"]).ok();
    srv.tctl(tctl(), &["get", "token/my-secret-token-value", "--with-secrets"])
        .ok();
    srv.tctl(tctl(), &["tokens", "rm", "my-secret-token-value"]).ok();
    let invite = srv
        .tctl(tctl(), &["users", "add", "eve", "--roles=access"])
        .ok()
        .to_string();
    let invite_token = invite.lines().nth(1).unwrap().rsplit('/').next().unwrap().to_string();
    let log = srv.log();
    assert!(
        log.contains("token stored") && log.contains("token deleted"),
        "the token calls are logged, without the token:\n{log}"
    );
    for secret in [
        "my-secret-token-value",
        "static-secret-value",
        invite_token.as_str(),
        "PRIVATE KEY",
    ] {
        assert!(!log.contains(secret), "{secret} leaked into the log:\n{log}");
    }
}

#[test]
fn state_files_are_private() {
    let srv = RefServer::start();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&srv.data_dir), 0o700);
    for f in ["teleport.db", "admin.identity", "teleport.db-wal"] {
        let p = srv.data_dir.join(f);
        if p.exists() {
            assert_eq!(mode(&p), 0o600, "{f}");
        }
    }
}

#[test]
fn bootstrap_applies_on_first_start_only() {
    let mut srv = RefServer::builder()
        .bootstrap("kind: role\nversion: v7\nmetadata:\n  name: auditor\nspec:\n  allow:\n    rules:\n    - resources: [token]\n      verbs: [list]\n---\nkind: user\nversion: v2\nmetadata:\n  name: ada\nspec:\n  roles: [auditor]\n")
        .start();
    assert!(srv.tctl(tctl(), &["users", "ls"]).ok().contains("ada  auditor"));
    srv.tctl(tctl(), &["users", "rm", "ada"]).ok();
    srv.kill9();
    srv.restart();
    assert!(
        !srv.tctl(tctl(), &["users", "ls"]).ok().contains("ada"),
        "bootstrap ran twice"
    );
}

#[test]
fn a_bad_bootstrap_is_refused_before_anything_is_written() {
    let srv = RefServer::start();
    let dir = srv.dir().join("second");
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("teleport.yaml");
    std::fs::write(
        &config,
        format!(
            "teleport:\n  data_dir: {}/data\nproxy_service:\n  web_listen_addr: 127.0.0.1:0\n",
            dir.display()
        ),
    )
    .unwrap();
    let bootstrap = dir.join("bootstrap.yaml");
    for (text, message) in [
        (
            "kind: user\nversion: v2\nmetadata:\n  name: ada\nspec:\n  roles: [wizard]\n",
            "role \"wizard\" is not found",
        ),
        (
            "kind: role\nversion: v7\nmetadata:\n  name: Admin\n",
            "reserved system role",
        ),
        (
            "kind: role\nversion: v7\nmetadata:\n  name: r\nspec:\n  allow:\n    logins: [\"a b\"]\n",
            "spec.allow.logins[0]",
        ),
    ] {
        std::fs::write(&bootstrap, text).unwrap();
        let out = srv.refserver(
            &[
                "start",
                "-c",
                config.to_str().unwrap(),
                "--bootstrap",
                bootstrap.to_str().unwrap(),
            ],
            None,
        );
        assert!(out.fails_with(1).contains(message), "{out}");
        assert!(
            !dir.join("data").exists(),
            "a refused bootstrap must not create the data dir"
        );
    }
}

#[test]
fn the_cluster_name_of_a_data_dir_cannot_change() {
    let mut srv = RefServer::builder().cluster("first.test").start();
    srv.kill9();
    let text = std::fs::read_to_string(&srv.config)
        .unwrap()
        .replace("first.test", "second.test");
    std::fs::write(&srv.config, text).unwrap();
    let out = srv.refserver(&["start", "-c", srv.config.to_str().unwrap()], None);
    assert!(out.fails_with(1).contains("belongs to cluster \"first.test\""), "{out}");
}

#[test]
fn web_api_speaks_teleports_field_names() {
    let srv = RefServer::builder().cluster("example.test").start();
    let ping: Value = serde_json::from_str(&curl(&format!("https://{}/webapi/ping", srv.web_addr))).unwrap();
    let keys: Vec<&str> = ping.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "auth",
            "proxy",
            "server_version",
            "min_client_version",
            "cluster_name",
            "automatic_upgrades"
        ]
    );
    assert_eq!(ping["cluster_name"], "example.test");
    assert_eq!(ping["auth"]["type"], "local");
    assert_eq!(ping["auth"]["second_factor"], "otp");
    assert_eq!(ping["auth"]["default_session_ttl"], "12h0m0s");
    // A new cluster's suite is balanced-v1, sent as Teleport's enum number.
    assert_eq!(ping["auth"]["signature_algorithm_suite"], 2);
    assert_eq!(ping["proxy"]["ssh"]["web_listen_addr"], srv.web_addr.as_str());
    // TLS routing (Teleport's multiplex mode): tsh reaches SSH at `ssh.public_addr`, the web
    // port; the separate SSH port the harness configures is named too.
    assert_eq!(ping["proxy"]["tls_routing_enabled"], true);
    assert_eq!(ping["proxy"]["ssh"]["public_addr"], srv.web_addr.as_str());
    assert_eq!(ping["proxy"]["ssh"]["listen_addr"], srv.ssh_addr.as_str());
    // Seed 004 asks /v1/webapi/find for the version; find has no `auth`.
    let find: Value = serde_json::from_str(&curl(&format!("https://{}/v1/webapi/find", srv.web_addr))).unwrap();
    assert_eq!(find["server_version"], env!("CARGO_PKG_VERSION"));
    assert!(find.get("auth").is_none());
    // Seed 002 curls the user CA and strips the prefix for TrustedUserCAKeys.
    let user = curl(&format!("https://{}/webapi/auth/export?type=user", srv.web_addr));
    assert_eq!(user, srv.tctl(tctl(), &["auth", "export", "--type=user"]).ok());
    // An unknown path: the error body's shape, with its kind.
    let err = run(
        &require_program("curl", "curl"),
        &["-sk", &format!("https://{}/webapi/nope", srv.web_addr)],
        &[],
        None,
    );
    let body: Value = serde_json::from_str(&err.stdout).unwrap();
    assert_eq!(body["error"]["kind"], "not_found", "{body}");
}
