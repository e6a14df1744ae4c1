//! What the join and the proxy refuse: expired, removed and wrong-type tokens, a wrong CA pin;
//! certificates that are expired or from another cluster's CA (OpenSSH's own client).

use std::time::{Duration, SystemTime};

use tele_test_support::{RefServer, wait_for};

use crate::nodes::{join, joined_node, node_token};
use crate::{os_user, tctl};

fn join_args_with(args: &[String], flag: &str, value: &str) -> Vec<String> {
    args.iter()
        .map(|a| {
            if a.starts_with(&format!("--{flag}=")) {
                format!("--{flag}={value}")
            } else {
                a.clone()
            }
        })
        .collect()
}

#[test]
fn join_refuses_bad_tokens_and_a_wrong_ca_pin() {
    let srv = RefServer::start();
    let (token, args) = node_token(&srv, "5m");
    let out_dir = srv.dir().join("refused");

    let out = join(
        &join_args_with(&args, "ca-pin", &format!("sha256:{}", "0".repeat(64))),
        "n1",
        2222,
        "",
        &out_dir,
    );
    assert_eq!(out.code, 1, "{out}");
    assert!(
        out.stderr.contains("CA pin mismatch") && out.stderr.contains("the token was not sent"),
        "{out}"
    );
    assert!(
        !srv.log().contains("/webapi/host/credentials"),
        "the token must not reach the server"
    );

    let text = srv.tctl(tctl(), &["tokens", "add", "--type=proxy"]).ok().to_string();
    let proxy_token = text
        .lines()
        .next()
        .unwrap()
        .strip_prefix("The invite token: ")
        .unwrap()
        .to_string();
    let out = join(&join_args_with(&args, "token", &proxy_token), "n1", 2222, "", &out_dir);
    assert!(
        out.stderr.contains("the join token is for proxy, not for a node"),
        "{out}"
    );

    srv.tctl(tctl(), &["tokens", "rm", &token]).ok();
    let out = join(&args, "n1", 2222, "", &out_dir);
    assert!(
        out.stderr
            .contains("the join token is not valid: it does not exist or it has expired"),
        "{out}"
    );

    let (_short, short_args) = node_token(&srv, "1s");
    let issued = SystemTime::now();
    wait_for("the token to expire", Duration::from_secs(10), || {
        issued.elapsed().unwrap_or_default() > Duration::from_secs(2)
    });
    let out = join(&short_args, "n1", 2222, "", &out_dir);
    assert!(out.stderr.contains("it does not exist or it has expired"), "{out}");

    assert!(!out_dir.exists(), "a refused join writes nothing");
    assert!(!srv.tctl(tctl(), &["nodes", "ls"]).ok().contains("n1"));
}

/// OpenSSH's `ssh` asking the proxy for `proxy:dev1:0` with a key and its certificate.
fn ssh_to_proxy(srv: &RefServer, key: &std::path::Path, login: &str) -> tele_test_support::Output {
    crate::nodes::openssh_subsystem(srv, key, None, login, "dev1")
}

#[test]
fn the_proxy_refuses_expired_and_foreign_certificates() {
    let login = os_user();
    let srv = RefServer::builder().with_mfa().start();
    let (_t, args) = node_token(&srv, "5m");
    let _dev = joined_node(&srv, &args, "dev1", "env=dev");
    srv.add_user("alice", "access", &login, "correct-horse-battery", &[]);
    let dir = srv.dir();
    let sign = |out: &std::path::Path, ttl: &str| {
        let out = format!("--out={}", out.display());
        srv.tctl(
            tctl(),
            &[
                "auth",
                "sign",
                "--user=alice",
                "--format=openssh",
                &out,
                &format!("--ttl={ttl}"),
            ],
        )
        .ok();
    };

    // A good certificate gets through: the node's SSH banner comes back.
    let good = dir.join("good");
    sign(&good, "1h");
    let out = ssh_to_proxy(&srv, &good, &login);
    assert!(out.stdout.starts_with("SSH-2.0-OpenSSH"), "{out}\n{}", srv.log());

    let short = dir.join("short");
    sign(&short, "1s");
    let issued = SystemTime::now();
    wait_for("the certificate to expire", Duration::from_secs(10), || {
        issued.elapsed().unwrap_or_default() > Duration::from_secs(2)
    });
    let out = ssh_to_proxy(&srv, &short, &login);
    assert_eq!(out.code, 255, "{out}");
    assert!(out.stderr.contains("Permission denied"), "{out}");

    let other = RefServer::builder().with_mfa().start();
    other.add_user("alice", "access", &login, "correct-horse-battery", &[]);
    let foreign = dir.join("foreign");
    let out_flag = format!("--out={}", foreign.display());
    other
        .tctl(tctl(), &["auth", "sign", "--user=alice", "--format=openssh", &out_flag])
        .ok();
    let out = ssh_to_proxy(&srv, &foreign, &login);
    assert_eq!(out.code, 255, "{out}");
    assert!(out.stderr.contains("Permission denied"), "{out}");
}
