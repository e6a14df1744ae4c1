//! SSH access through the proxy: OpenSSH nodes joined with tokens, `tctl nodes ls`, `tsh ls`,
//! `tsh ssh` with roles, exit codes and refusals.

use tele_test_support::{RefServer, totp_code};

use crate::nodes::{joined_node, node_token};
use crate::{TshUser, os_user, tctl};

const PASSWORD: &str = "correct-horse-battery";
const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPJBSWY3DP";

fn bootstrap(login: &str) -> String {
    format!(
        "kind: role\nversion: v7\nmetadata:\n  name: dev-only\nspec:\n  allow:\n    logins: [{login}]\n    node_labels:\n      env: dev\n"
    )
}

/// A user logged in with tsh.
pub fn logged_in(srv: &RefServer, user: &str, roles: &str, logins: &str) -> TshUser {
    srv.add_user(user, roles, logins, PASSWORD, &[SECRET]);
    let u = TshUser::new(srv);
    // Each login needs a fresh TOTP code: a code counts once per device.
    let code = totp_code(SECRET);
    u.login(srv, user, &[], &format!("{PASSWORD}\n{code}\n")).ok();
    u
}

#[test]
fn joined_nodes_are_listed_and_reached_by_role() {
    let login = os_user();
    let srv = RefServer::builder().with_mfa().bootstrap(&bootstrap(&login)).start();
    let (_token, join_args) = node_token(&srv, "5m");
    let dev = joined_node(&srv, &join_args, "dev1", "env=dev");
    let prod = joined_node(&srv, &join_args, "prod1", "env=prod,team=db");

    let nodes = srv.tctl(tctl(), &["nodes", "ls"]).ok().to_string();
    let header = nodes.lines().next().unwrap();
    for col in ["Host", "UUID", "Public Address", "Labels", "Version"] {
        assert!(header.contains(col), "{nodes}");
    }
    let dev_row = nodes.lines().find(|l| l.starts_with("dev1 ")).expect(&nodes);
    assert!(
        dev_row.contains(&format!("127.0.0.1:{}", dev.sshd.port)) && dev_row.contains("env=dev"),
        "{nodes}"
    );
    assert!(
        nodes
            .lines()
            .any(|l| l.starts_with("prod1 ") && l.contains("env=prod,team=db")),
        "{nodes}"
    );
    let json: serde_json::Value =
        serde_json::from_str(srv.tctl(tctl(), &["nodes", "ls", "--format=json"]).ok()).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2, "{json}");

    let alice = logged_in(&srv, "alice", "access", &login);
    let all = alice.tsh(&["ls"], None).ok().to_string();
    assert!(all.starts_with("Node Name"), "{all}");
    assert!(all.contains("dev1") && all.contains("prod1"), "{all}");
    let json: serde_json::Value = serde_json::from_str(alice.tsh(&["ls", "--format=json"], None).ok()).unwrap();
    let names: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["name"].as_str())
        .collect();
    assert_eq!(names, ["dev1", "prod1"], "{json}");
    let yaml = alice.tsh(&["ls", "team=db", "--format=yaml"], None).ok().to_string();
    assert!(yaml.contains("name: prod1") && !yaml.contains("dev1"), "{yaml}");
    let only_prod = alice.tsh(&["ls", "env=prod"], None).ok().to_string();
    assert!(
        only_prod.contains("prod1") && !only_prod.contains("dev1"),
        "{only_prod}"
    );

    let out = alice.tsh(&["ssh", &format!("{login}@dev1"), "echo", "hi"], None);
    assert_eq!((out.code, out.stdout.as_str()), (0, "hi\n"), "{out}\n{}", srv.log());
    let out = alice.tsh(&["ssh", "prod1", "exit 7"], None);
    assert_eq!(out.code, 7, "{out}");
    // The proxy does not record here: tsh keeps its agent to itself.
    assert!(!srv.log().contains("client forwarded its agent"), "{}", srv.log());
    let out = alice.tsh(&["ssh", "prod1", "echo err >&2; cat"], Some("piped-in\n"));
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "piped-in\n", "err\n"),
        "{out}"
    );
    // Seed 002: a node by address and port.
    let port = format!("--port={}", prod.sshd.port);
    let out = alice.tsh(
        &["ssh", &port, &format!("{login}@127.0.0.1"), "echo", "by-address"],
        None,
    );
    assert_eq!(out.stdout, "by-address\n", "{out}");

    // Refusals: a login the roles do not give, a node the labels do not allow, no such node.
    let out = alice.tsh(&["ssh", "nobody-here@dev1", "true"], None);
    assert_eq!(out.code, 1, "{out}");
    assert!(
        out.stderr.contains("access denied to nobody-here connecting to dev1"),
        "{out}"
    );
    let bob = logged_in(&srv, "bob", "dev-only", &login);
    let listed = bob.tsh(&["ls"], None).ok().to_string();
    assert!(listed.contains("dev1") && !listed.contains("prod1"), "{listed}");
    assert_eq!(bob.tsh(&["ssh", "dev1", "echo", "ok"], None).ok(), "ok\n");
    let out = bob.tsh(&["ssh", "prod1", "true"], None);
    assert_eq!(out.code, 1, "{out}");
    assert!(
        out.stderr
            .contains(&format!("access denied to {login} connecting to prod1")),
        "{out}"
    );
    let out = bob.tsh(&["ssh", "nowhere", "true"], None);
    assert!(out.stderr.contains("node \"nowhere\" is not found"), "{out}");
    // -l names the login; a node whose sshd is down is a connection failure (255).
    assert_eq!(
        alice.tsh(&["ssh", "-l", &login, "prod1", "whoami"], None).ok(),
        format!("{login}\n")
    );
    drop(prod);
    let out = alice.tsh(&["ssh", "prod1", "true"], None);
    assert_eq!(out.code, 255, "{out}");
    assert!(
        out.stderr.contains("failed connecting to host prod1: dial tcp"),
        "{out}"
    );
    // The proxy itself is down: OpenSSH's 255.
    drop(srv);
    let out = bob.tsh(&["ssh", "dev1", "true"], None);
    assert_eq!(out.code, 255, "{out}");
}

/// `tsh ssh -N -L port:host:hostport` until killed; returns the local port once it answers.
fn forward(user: &TshUser, node: &str, to: &str) -> (std::process::Child, u16) {
    let port = tele_test_support::free_port();
    let spec = format!("{port}:{to}");
    let child = std::process::Command::new(crate::tsh())
        .args(["ssh", "-N", "-L", &spec, node])
        .env_clear()
        .envs(user.env())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    tele_test_support::wait_for("the forwarded port", std::time::Duration::from_secs(20), || {
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    (child, port)
}

/// What the far end of a forwarded port says first.
fn banner(port: u16) -> String {
    use std::io::Read;
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(10))).unwrap();
    let mut buf = [0u8; 64];
    let n = s.read(&mut buf).unwrap_or(0);
    String::from_utf8_lossy(&buf[..n]).into_owned()
}

/// A cluster (recording at the proxy or not) with one joined node `dev1` and `alice` logged in.
pub fn dev1_cluster(recording: bool) -> (RefServer, crate::nodes::Node, TshUser) {
    let builder = RefServer::builder().with_mfa();
    let builder = if recording {
        builder.auth_service("  session_recording: proxy\n")
    } else {
        builder
    };
    let srv = builder.start();
    let (_t, join_args) = node_token(&srv, "5m");
    let dev = joined_node(&srv, &join_args, "dev1", "env=dev");
    let alice = logged_in(&srv, "alice", "access", &os_user());
    (srv, dev, alice)
}

#[test]
fn port_and_agent_forwarding() {
    for recording in [false, true] {
        let (srv, dev, alice) = dev1_cluster(recording);
        // -L to the node's own sshd, as the node sees it: its SSH banner comes back.
        let (mut child, port) = forward(&alice, "dev1", &format!("127.0.0.1:{}", dev.sshd.port));
        let said = banner(port);
        let _ = child.kill();
        let _ = child.wait();
        assert!(
            said.starts_with("SSH-2.0-OpenSSH"),
            "recording={recording}: {said:?}\n{}",
            srv.log()
        );
        let out = alice.tsh(&["ssh", "-L", "bad-spec", "dev1", "true"], None);
        assert!(out.stderr.contains("invalid port forwarding spec"), "{out}");
        if recording {
            continue;
        }
        // -A: the node sees tsh's key-ring agent (no SSH_AUTH_SOCK here); without -A, no agent.
        let out = alice.tsh(&["ssh", "-A", "dev1", "ssh-add -L"], None);
        assert!(
            out.stdout.starts_with("ssh-ed25519-cert-v01@openssh.com ")
                && out.stdout.trim_end().ends_with("teleport:alice"),
            "{out}"
        );
        let out = alice.tsh(&["ssh", "dev1", "ssh-add -L"], None);
        assert_eq!(out.code, 2, "{out}");
    }
}
