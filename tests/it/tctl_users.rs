//! `tctl users add|ls|rm`, and the scriptable dev-credentials path of the reference server.

use serde_json::Value;
use tele_test_support::RefServer;

use crate::tctl;

#[test]
fn add_prints_an_invite_url_valid_for_an_hour() {
    let srv = RefServer::start();
    let out = srv.tctl(
        tctl(),
        &["users", "add", "joe", "--roles=access,editor", "--logins=root,joe"],
    );
    let text = out.ok();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "User \"joe\" has been created but requires a password. Share this URL with the user to complete user setup, link is valid for 1h:"
    );
    let prefix = format!("https://{}/web/invite/", srv.web_addr);
    let token = lines[1].strip_prefix(&prefix).unwrap_or_else(|| panic!("{text}"));
    assert_eq!(token.len(), 32);
    assert_eq!(
        lines[3],
        format!(
            "NOTE: Make sure {} points at a Teleport proxy which users can access.",
            srv.web_addr
        )
    );
    // The invitation is listed among the tokens, as a signup token.
    let ls = srv.tctl(tctl(), &["tokens", "ls", "--with-secrets"]);
    assert!(
        ls.ok().lines().any(|l| l.starts_with(token) && l.contains(" Signup ")),
        "{ls}"
    );

    let ls = srv.tctl(tctl(), &["users", "ls"]);
    assert!(
        ls.ok()
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["joe", "access,editor"]),
        "{ls}"
    );
    let json: Value = serde_json::from_str(srv.tctl(tctl(), &["users", "ls", "--format=json"]).ok()).unwrap();
    assert_eq!(json[0]["spec"]["traits"]["logins"], serde_json::json!(["root", "joe"]));

    let out = srv.tctl(tctl(), &["users", "add", "joe", "--roles=access"]);
    assert!(out.fails_with(1).contains("user \"joe\" already exists"), "{out}");
    let out = srv.tctl(tctl(), &["users", "add", "ann", "--roles=wizard"]);
    assert!(out.fails_with(1).contains("role \"wizard\" is not found"), "{out}");
    srv.tctl(tctl(), &["users", "add", "ann"]).fails_with(2);

    assert_eq!(
        srv.tctl(tctl(), &["users", "rm", "joe"]).ok(),
        "User \"joe\" has been deleted\n"
    );
    assert!(
        !srv.tctl(tctl(), &["tokens", "ls", "--with-secrets"])
            .ok()
            .contains(token),
        "the invite goes with the user"
    );
    let out = srv.tctl(tctl(), &["users", "rm", "joe"]);
    assert!(out.fails_with(1).contains("user \"joe\" is not found"), "{out}");
}

#[test]
fn dev_credentials_can_be_scripted() {
    let srv = RefServer::start();
    let cfg = srv.config.to_str().unwrap();
    let out = srv.refserver(
        &[
            "users",
            "add",
            "dev",
            "-c",
            cfg,
            "--roles=access",
            "--logins=root",
            "--password-stdin",
            "--totp-secret=JBSWY3DPEHPK3PXPJBSWY3DP",
        ],
        Some("correct-horse-battery\n"),
    );
    assert_eq!(out.ok(), "User \"dev\" has been created.\n");
    let ls = srv.tctl(tctl(), &["users", "ls"]);
    assert!(ls.ok().contains("dev "), "{ls}");
    let out = srv.refserver(
        &["users", "add", "weak", "-c", cfg, "--password-stdin"],
        Some("short\n"),
    );
    assert!(out.fails_with(1).contains("at least 12 characters"), "{out}");
    let out = srv.refserver(&["users", "add", "weak", "-c", cfg, "--totp-secret=!!!"], None);
    assert!(out.fails_with(1).contains("not a base32 secret"), "{out}");
    assert!(
        !srv.tctl(tctl(), &["users", "ls"]).ok().contains("weak"),
        "a refused user is not created"
    );
    assert!(!srv.log().contains("correct-horse-battery"));
}
