//! Recording proxy mode (seed 002): the proxy terminates SSH, logs in to the node with the
//! user's forwarded agent, checks the node's host certificate, and records the session as
//! asciicast v2 that `asciinema play` and `tsh play` replay.

use tele_test_support::{RefServer, SshAgent, Sshd, free_port, require_program, run, temp_dir};

use crate::nodes::{join, joined_node, node_token};
use crate::tsh_ssh::logged_in;
use crate::{os_user, tctl};

fn recording_server(extra: &str) -> RefServer {
    RefServer::builder()
        .with_mfa()
        .auth_service(&format!("  session_recording: proxy\n{extra}"))
        .start()
}

/// A node that joined but whose sshd presents its plain host key, no certificate.
fn plain_key_node(srv: &RefServer, join_args: &[String]) -> Sshd {
    let port = free_port();
    let dir = srv.dir().join("node-plain1");
    join(join_args, "plain1", port, "env=dev", &dir).ok();
    Sshd::start_with(
        port,
        &dir.join("teleport_host_key"),
        None,
        &dir.join("teleport_user_ca.pub"),
    )
}

#[test]
fn sessions_are_recorded_and_replayed() {
    let login = os_user();
    let srv = recording_server("");
    let (_t, join_args) = node_token(&srv, "5m");
    let _dev = joined_node(&srv, &join_args, "dev1", "env=dev");
    let alice = logged_in(&srv, "alice", "access", &login);

    let out = alice.tsh(&["ssh", "dev1", "echo recorded-$((6*7))"], None);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "recorded-42\n"),
        "{out}\n{}",
        srv.log()
    );
    let out = alice.tsh(&["ssh", "dev1", "exit 3"], None);
    assert_eq!(out.code, 3, "{out}");
    // The proxy records: tsh offered it its agent.
    assert!(srv.log().contains("client forwarded its agent"), "{}", srv.log());

    let listed = alice.tsh(&["recordings", "ls"], None).ok().to_string();
    assert!(listed.starts_with("ID"), "{listed}");
    let json: serde_json::Value =
        serde_json::from_str(alice.tsh(&["recordings", "ls", "--format=json"], None).ok()).unwrap();
    let sessions = json.as_array().unwrap();
    assert_eq!(sessions.len(), 2, "{json}");
    let first = sessions
        .iter()
        .find(|s| s["command"].as_str().unwrap().contains("recorded"))
        .expect("the echo session");
    assert_eq!(
        (first["user"].as_str(), first["hostname"].as_str()),
        (Some("alice"), Some("dev1"))
    );
    let id = first["id"].as_str().unwrap();
    assert!(listed.contains(id) && listed.contains("dev1"), "{listed}");
    // The window and the limit are Teleport's flags.
    let json = |args: &[&str]| -> Vec<serde_json::Value> {
        let mut all = vec!["recordings", "ls", "--format=json"];
        all.extend_from_slice(args);
        let out = alice.tsh(&all, None);
        serde_json::from_str::<serde_json::Value>(out.ok())
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    };
    assert_eq!(json(&["--limit=1"]).len(), 1);
    assert_eq!(json(&["--last=1h"]).len(), 2);
    assert!(json(&["--from-utc=2099-01-01", "--to-utc=2099-01-02"]).is_empty());
    let out = alice.tsh(&["recordings", "ls", "--last=1h", "--from-utc=2020-01-01"], None);
    assert!(out.fails_with(1).contains("mutually exclusive"), "{out}");
    let out = alice.tsh(
        &["recordings", "ls", "--from-utc=2020-01-01", "--to-utc=2022-01-01"],
        None,
    );
    assert!(
        out.fails_with(1).contains("date range for recording listing too large"),
        "{out}"
    );

    // The file is a real asciicast: asciinema plays it.
    let file = srv.data_dir.join("records").join(format!("{id}.cast"));
    let asciinema = require_program("asciinema", "asciinema");
    let played = run(
        &asciinema,
        &["play", "-s", "10", file.to_str().unwrap()],
        &[("HOME", "/tmp")],
        None,
    );
    assert!(played.stdout.contains("recorded-42"), "{played}");
    let played = alice.tsh(&["play", id, "--speed=10"], None);
    assert_eq!(played.ok(), "recorded-42\n");
    let events = alice.tsh(&["play", id, "--format=json"], None).ok().to_string();
    assert!(events.contains("recorded-42"), "{events}");
    // Another user sees none of alice's sessions.
    let bob = logged_in(&srv, "bob", "access", &login);
    assert!(!bob.tsh(&["recordings", "ls"], None).ok().contains(id));
    let out = bob.tsh(&["play", id], None);
    assert!(out.stderr.contains("is not found"), "{out}");
}

#[test]
fn a_node_with_a_plain_host_key_is_refused_unless_checks_are_off() {
    let login = os_user();
    let strict = recording_server("");
    let (_t, join_args) = node_token(&strict, "5m");
    let _plain = plain_key_node(&strict, &join_args);
    let alice = logged_in(&strict, "alice", "access", &login);
    let out = alice.tsh(&["ssh", "plain1", "echo", "should-not-run"], None);
    assert_ne!(out.code, 0, "{out}");
    assert!(
        out.stderr
            .contains("ssh: handshake failed: remote host presented a public key, expected a host certificate"),
        "{out}"
    );
    assert!(!out.stdout.contains("should-not-run"));

    let lax = recording_server("  proxy_checks_host_keys: no\n");
    let (_t, join_args) = node_token(&lax, "5m");
    let _plain = plain_key_node(&lax, &join_args);
    let alice = logged_in(&lax, "alice", "access", &login);
    let out = alice.tsh(&["ssh", "plain1", "echo", "unchecked"], None);
    assert_eq!(out.stdout, "unchecked\n", "{out}");
    assert!(
        lax.log()
            .contains("Insecure configuration! Strict host key checking disabled")
    );
}

#[test]
fn openssh_with_the_seeds_proxycommand_reaches_a_node_in_recording_mode() {
    let login = os_user();
    let srv = recording_server("");
    let (_t, join_args) = node_token(&srv, "5m");
    let _dev = joined_node(&srv, &join_args, "dev1", "env=dev");
    let agent = SshAgent::start();
    let mut alice = crate::TshUser::new(&srv);
    alice.set("SSH_AUTH_SOCK", agent.sock.to_str().unwrap());
    srv.add_user(
        "alice",
        "access",
        &login,
        "correct-horse-battery",
        &["JBSWY3DPEHPK3PXPJBSWY3DPJBSWY3DP"],
    );
    let code = tele_test_support::totp_code("JBSWY3DPEHPK3PXPJBSWY3DPJBSWY3DP");
    alice
        .login(&srv, "alice", &[], &format!("correct-horse-battery\n{code}\n"))
        .ok();

    let home = temp_dir();
    let known_hosts = home.path().join("known_hosts");
    let host_ca = srv.tctl(tctl(), &["auth", "export", "--type=host"]).ok().to_string();
    let key = host_ca.split_whitespace().skip(2).take(2).collect::<Vec<_>>().join(" ");
    std::fs::write(&known_hosts, format!("@cert-authority * {key}\n")).unwrap();
    let common = format!(
        "-F /dev/null -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile={} \
         -o GlobalKnownHostsFile=/dev/null -o IdentityAgent={} -o ForwardAgent=yes",
        known_hosts.display(),
        agent.sock.display()
    );
    let proxy_port = srv.ssh_addr.rsplit(':').next().unwrap();
    let proxy_command = format!("ProxyCommand=ssh {common} -p {proxy_port} %r@127.0.0.1 -s proxy:%h:%p");
    let ssh = require_program("ssh", "openssh-client");
    let mut args: Vec<String> = common.split_whitespace().map(String::from).collect();
    args.extend([
        "-o".into(),
        proxy_command,
        format!("{login}@dev1"),
        "echo seed-form".into(),
    ]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&ssh, &args, &[("HOME", home.path().to_str().unwrap())], None);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "seed-form\n"),
        "{out}\n{}",
        srv.log()
    );
    // Recorded too.
    let listed = alice.tsh(&["recordings", "ls", "--format=json"], None).ok().to_string();
    assert!(listed.contains("echo seed-form"), "{listed}");
}
