//! tctl's credentials: none, an identity file, an expired one, one from another cluster, one
//! whose roles do not allow the action. Every failure is exit 1 with a clear message, and
//! nothing changes on the server.

use std::time::Duration;

use tele_test_support::{RefServer, run, wait_for};

use crate::tctl;

fn tokens(srv: &RefServer) -> String {
    srv.tctl(tctl(), &["tokens", "ls", "--with-secrets", "--format=json"])
        .ok()
        .to_string()
}

/// Signs an identity file for `user` (with `roles`) and returns its path.
pub fn identity(srv: &RefServer, user: &str, roles: &str, ttl: &str) -> String {
    srv.tctl(
        tctl(),
        &["users", "add", user, &format!("--roles={roles}"), "--logins=x"],
    )
    .ok();
    let path = srv.dir().join(format!("{user}.identity"));
    srv.tctl(
        tctl(),
        &[
            "auth",
            "sign",
            &format!("--user={user}"),
            &format!("--ttl={ttl}"),
            "--out",
            path.to_str().unwrap(),
        ],
    )
    .ok();
    path.to_str().unwrap().to_string()
}

/// `tctl -i IDENTITY --auth-server=<srv> ARGS`: an admin somewhere else.
pub fn remote(srv: &RefServer, identity: &str, args: &[&str]) -> tele_test_support::Output {
    let mut full = vec!["-i", identity, "--auth-server", srv.web_addr.as_str()];
    full.extend_from_slice(args);
    run(tctl(), &full, &srv.env(), None)
}

#[test]
fn without_credentials_tctl_says_what_to_do() {
    let srv = RefServer::start();
    let out = run(tctl(), &["tokens", "ls"], &srv.env(), None);
    let err = out.fails_with(1);
    assert!(
        err.starts_with(
            "ERROR: no credentials found: no tsh profile is logged in and no teleport.yaml was given\nhint: "
        ),
        "{out}"
    );
    assert!(err.contains("tsh login --proxy=HOST:PORT --user=NAME"), "{out}");
    assert!(err.contains("-i IDENTITY --auth-server=HOST:PORT"), "{out}");
    let out = run(
        tctl(),
        &["tokens", "add", "--type=node", "-i", "/nonexistent"],
        &srv.env(),
        None,
    );
    assert!(
        out.fails_with(1).contains("--auth-server is required with --identity"),
        "{out}"
    );
    let out = run(
        tctl(),
        &["tokens", "ls", "-i", "/nonexistent", "--auth-server", &srv.web_addr],
        &srv.env(),
        None,
    );
    assert!(
        out.fails_with(1)
            .contains("reading identity file /nonexistent: no such file or directory"),
        "{out}"
    );
    assert_eq!(tokens(&srv).trim(), "[]");
}

#[test]
fn an_identity_file_works_remotely() {
    let srv = RefServer::start();
    let id = identity(&srv, "admin2", "editor", "1h");
    let out = remote(&srv, &id, &["tokens", "add", "--type=node", "--format=text"]);
    let token = out.ok().trim().to_string();
    assert!(tokens(&srv).contains(&token));
    // The environment variables work as the flags do.
    let env = [
        ("HOME", srv.dir().to_str().unwrap()),
        ("TELEPORT_IDENTITY_FILE", id.as_str()),
        ("TELEPORT_AUTH_SERVER", srv.web_addr.as_str()),
    ];
    let out = run(tctl(), &["status"], &env, None);
    assert!(out.ok().starts_with("Cluster "), "{out}");
}

#[test]
fn an_expired_identity_is_refused() {
    let srv = RefServer::start();
    let id = identity(&srv, "shortlived", "editor", "2s");
    wait_for("the identity to expire", Duration::from_secs(30), || {
        remote(&srv, &id, &["status"]).code != 0
    });
    let before = tokens(&srv);
    let out = remote(&srv, &id, &["tokens", "add", "--type=node"]);
    let err = out.fails_with(1);
    assert!(err.contains("expired at"), "{out}");
    assert!(err.contains("hint: ask an admin for a new one"), "{out}");
    assert_eq!(tokens(&srv), before);
}

#[test]
fn an_identity_from_another_cluster_is_refused() {
    let ours = RefServer::builder().cluster("ours.test").start();
    let theirs = RefServer::builder().cluster("theirs.test").start();
    let foreign = identity(&theirs, "mallory", "editor", "1h");
    let before = tokens(&ours);
    let out = remote(&ours, &foreign, &["tokens", "add", "--type=node"]);
    let err = out.fails_with(1);
    assert!(err.contains("not signed by the cluster CA you trust"), "{out}");
    // Even when the client skips checking the server, the server does not route to another
    // cluster's Auth service (the ALPN value names the cluster).
    let out = remote(&ours, &foreign, &["--insecure", "tokens", "add", "--type=node"]);
    let err = out.fails_with(1);
    assert!(err.contains("does not route to the cluster's Auth service"), "{out}");
    assert_eq!(tokens(&ours), before);
}

#[test]
fn roles_without_the_rule_are_denied() {
    let srv = RefServer::start();
    let id = identity(&srv, "plainuser", "access", "1h");
    let before = tokens(&srv);
    let out = remote(&srv, &id, &["tokens", "add", "--type=node"]);
    assert!(
        out.fails_with(1)
            .contains("access denied to perform action \"create\" on \"token\""),
        "{out}"
    );
    assert_eq!(tokens(&srv), before);
    // Deleting the user revokes what its certificate could do.
    let admin = identity(&srv, "boss", "editor", "1h");
    srv.tctl(tctl(), &["users", "rm", "boss"]).ok();
    let out = remote(&srv, &admin, &["tokens", "ls"]);
    assert!(out.fails_with(1).contains("user \"boss\" no longer exists"), "{out}");
}
