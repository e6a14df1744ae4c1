//! Helpers: OpenSSH nodes joined the way `tctl tokens add --type=node` tells admins to.

use std::path::Path;

use tele_test_support::{Output, RefServer, Sshd, free_port, refserver_bin, require_program, run, temp_dir};

use crate::tctl;

/// A node token and the join command tctl printed for it, as arguments.
pub fn node_token(srv: &RefServer, ttl: &str) -> (String, Vec<String>) {
    let text = srv
        .tctl(tctl(), &["tokens", "add", "--type=node", &format!("--ttl={ttl}")])
        .ok()
        .to_string();
    let token = text
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("The invite token: "))
        .expect(&text)
        .to_string();
    // The command block: "> refserver join openssh \", then one flag per line.
    let mut args = Vec::new();
    let mut lines = text.lines().skip_while(|l| !l.starts_with("> refserver "));
    let first = lines.next().expect("a join command");
    args.extend(
        first
            .trim_start_matches("> refserver ")
            .trim_end_matches('\\')
            .split_whitespace()
            .map(String::from),
    );
    for l in lines.take_while(|l| !l.trim().is_empty()) {
        args.push(l.trim().trim_end_matches('\\').trim().to_string());
    }
    assert_eq!(&args[..2], ["join", "openssh"], "{text}");
    (token, args)
}

/// Runs a printed join command with this node's own flags.
pub fn join(join_args: &[String], name: &str, port: u16, labels: &str, out_dir: &std::path::Path) -> Output {
    let mut args: Vec<String> = join_args.to_vec();
    args.push(format!("--node-name={name}"));
    args.push(format!("--address=127.0.0.1:{port}"));
    args.push(format!("--labels={labels}"));
    args.push(format!("--out-dir={}", out_dir.display()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&refserver_bin(), &args, &[], None)
}

/// A joined node with its sshd running.
pub struct Node {
    /// Its sshd.
    pub sshd: Sshd,
}

/// Joins `name` with `labels` and starts its sshd with what join wrote.
pub fn joined_node(srv: &RefServer, join_args: &[String], name: &str, labels: &str) -> Node {
    let port = free_port();
    let dir = srv.dir().join(format!("node-{name}"));
    let out = join(join_args, name, port, labels, &dir);
    assert!(
        out.stdout
            .contains(&format!("Node {name} (127.0.0.1:{port}) joined the cluster")),
        "{out}"
    );
    let sshd = Sshd::start_at(
        port,
        &dir.join("teleport_host_key"),
        &dir.join("teleport_host_key-cert.pub"),
        &dir.join("teleport_user_ca.pub"),
    );
    Node { sshd }
}

/// OpenSSH's `ssh` asking `srv`'s proxy for `proxy:NODE:0` as `login` with a key and its
/// certificate (`<key>-cert.pub` unless given): what a user without tsh would run. Stdin is
/// empty, so a subsystem that reaches the node prints its SSH banner and ends.
pub fn openssh_subsystem(srv: &RefServer, key: &Path, cert: Option<&Path>, login: &str, node: &str) -> Output {
    let ssh = require_program("ssh", "openssh-client");
    let home = temp_dir();
    let port = srv.ssh_addr.rsplit(':').next().unwrap().to_string();
    let cert = match cert {
        Some(c) => c.to_path_buf(),
        None => Path::new(&format!("{}-cert.pub", key.display())).to_path_buf(),
    };
    let cert = format!("CertificateFile={}", cert.display());
    let target = format!("{login}@127.0.0.1");
    let subsystem = format!("proxy:{node}:0");
    let mut args = vec!["-F", "/dev/null", "-p", &port, "-i", key.to_str().unwrap(), "-o", &cert];
    for o in [
        "BatchMode=yes",
        "StrictHostKeyChecking=no",
        "UserKnownHostsFile=/dev/null",
        "IdentityAgent=none",
    ] {
        args.extend(["-o", o]);
    }
    args.extend([target.as_str(), "-s", subsystem.as_str()]);
    run(&ssh, &args, &[("HOME", home.path().to_str().unwrap())], Some(""))
}
