//! `tctl auth export` and `tctl auth sign`, checked with OpenSSH's own tools, ending in a real
//! `ssh` login to a real `sshd` (seed 002's recipe).

use std::path::Path;

use tele_test_support::{Output, RefServer, openssh, require_program, run};

use crate::{openssh_node, os_user, tctl};

fn ssh_keygen_l(cert: &Path) -> String {
    let keygen = require_program("ssh-keygen", "openssh-client");
    let out = run(&keygen, &["-L", "-f", cert.to_str().unwrap()], &[], None);
    out.ok().to_string()
}

/// `ssh` with one key file and no agent.
fn ssh(key: &Path, known_hosts: &Path, port: u16, login: &str, alias: &str, command: &str) -> Output {
    let options = [
        "IdentitiesOnly=yes".to_string(),
        "IdentityAgent=none".into(),
        format!("IdentityFile={}", key.display()),
    ];
    openssh(known_hosts, alias, port, login, &options, command)
}

#[test]
fn export_prints_teleports_line_formats() {
    let srv = RefServer::builder().cluster("example.test").start();
    let user = srv.tctl(tctl(), &["auth", "export", "--type=user"]).ok().to_string();
    let fields: Vec<&str> = user.trim_end().split(' ').collect();
    assert_eq!(fields.len(), 4, "{user}");
    assert_eq!(fields[0], "cert-authority");
    assert_eq!(fields[1], "ssh-ed25519");
    assert_eq!(fields[3], "clustername=example.test&type=user");
    let host = srv.tctl(tctl(), &["auth", "export", "--type=host"]).ok().to_string();
    let fields: Vec<&str> = host.trim_end().split(' ').collect();
    assert_eq!(
        fields[..2],
        ["@cert-authority", "example.test,*.example.test"],
        "{host}"
    );
    assert_eq!(fields[2], "ssh-ed25519");
    assert_eq!(fields[4], "type=host");
    let both = srv.tctl(tctl(), &["auth", "export"]).ok().to_string();
    assert_eq!(both, format!("{host}{user}"));
    for kind in ["tls-host", "tls-user"] {
        let pem = srv
            .tctl(tctl(), &["auth", "export", &format!("--type={kind}")])
            .ok()
            .to_string();
        assert!(
            pem.starts_with("-----BEGIN CERTIFICATE-----\n") && pem.ends_with("-----END CERTIFICATE-----\n"),
            "{pem}"
        );
    }
    srv.tctl(tctl(), &["auth", "export", "--type=gadget"]).fails_with(2);
    // Teleport's tctl reads the CAs from the Auth service (`teleport.trust.v1`); the public
    // `/webapi/auth/export` (the same text, checked in refserver.rs) is for curl.
    let log = srv.log();
    assert!(!log.contains("route=\"/webapi/auth/export\""), "{log}");
}

#[test]
fn host_certificate_reads_back_through_ssh_keygen() {
    let srv = RefServer::start();
    let out = srv.dir().join("api.example.com");
    let res = srv.tctl(
        tctl(),
        &[
            "auth",
            "sign",
            "--host=api.example.com,ssh.example.com,64.225.88.175",
            "--format=openssh",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(
        res.ok(),
        format!(
            "\nThe credentials have been written to {0}, {0}-cert.pub\n",
            out.display()
        )
    );
    let text = ssh_keygen_l(&srv.dir().join("api.example.com-cert.pub"));
    assert!(
        text.contains("Type: ssh-ed25519-cert-v01@openssh.com host certificate"),
        "{text}"
    );
    assert!(text.contains("Key ID: \"\""), "{text}");
    assert!(
        text.contains("Valid: after "),
        "a host certificate without --ttl never expires:\n{text}"
    );
    let principals: Vec<&str> = text
        .split("Principals:")
        .nth(1)
        .unwrap()
        .split("Critical Options:")
        .next()
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(principals, ["api.example.com", "ssh.example.com", "64.225.88.175"]);
    assert!(
        text.contains("x-teleport-role UNKNOWN OPTION") && text.contains("(len 8)"),
        "{text}"
    );
    assert!(text.contains("x-teleport-authority UNKNOWN OPTION"), "{text}");
    let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&out).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);
    // With --ttl the certificate ends.
    let out2 = srv.dir().join("short");
    srv.tctl(
        tctl(),
        &[
            "auth",
            "sign",
            "--host=h1",
            "--format=openssh",
            "--ttl=1h",
            "--out",
            out2.to_str().unwrap(),
        ],
    )
    .ok();
    assert!(ssh_keygen_l(&srv.dir().join("short-cert.pub")).contains("Valid: from "));
}

#[test]
fn user_certificate_carries_the_users_logins() {
    let srv = RefServer::start();
    srv.tctl(
        tctl(),
        &["users", "add", "alice", "--roles=access", "--logins=root,ubuntu"],
    )
    .ok();
    let out = srv.dir().join("alice");
    srv.tctl(
        tctl(),
        &[
            "auth",
            "sign",
            "--user=alice",
            "--format=openssh",
            "--ttl=1h",
            "--out",
            out.to_str().unwrap(),
        ],
    )
    .ok();
    let text = ssh_keygen_l(&srv.dir().join("alice-cert.pub"));
    assert!(
        text.contains("user certificate") && text.contains("Key ID: \"alice\""),
        "{text}"
    );
    for p in ["root", "ubuntu"] {
        assert!(
            text.contains(&format!("\n                {p}\n")),
            "{p} missing:\n{text}"
        );
    }
    assert!(text.contains("permit-pty") && text.contains("teleport-roles"), "{text}");
}

#[test]
fn sign_refuses_bad_requests_and_keeps_existing_files() {
    let srv = RefServer::start();
    srv.tctl(tctl(), &["users", "add", "bob", "--roles=access", "--logins=bob"])
        .ok();
    let out = srv.dir().join("bob");
    let o = out.to_str().unwrap();
    let err = srv.tctl(tctl(), &["auth", "sign", "--out", o]);
    assert!(
        err.fails_with(1).contains("--user or --host must be specified"),
        "{err}"
    );
    let err = srv.tctl(tctl(), &["auth", "sign", "--user=bob", "--host=h", "--out", o]);
    assert!(
        err.fails_with(1).contains("--user or --host must be specified"),
        "{err}"
    );
    let err = srv.tctl(tctl(), &["auth", "sign", "--host=h", "--format=file", "--out", o]);
    assert!(
        err.fails_with(1)
            .contains("invalid --format flag \"file\", only \"openssh\" is supported"),
        "{err}"
    );
    let err = srv.tctl(tctl(), &["auth", "sign", "--user=nobody", "--out", o]);
    assert!(err.fails_with(1).contains("user \"nobody\" is not found"), "{err}");
    let err = srv.tctl(tctl(), &["auth", "sign", "--user=bob", "--ttl=31h", "--out", o]);
    assert!(
        err.fails_with(1)
            .contains("requested TTL of 31h0m0s exceeded the maximum allowed value of 30h0m0s"),
        "{err}"
    );
    assert!(!out.exists(), "nothing may be written on error");

    std::fs::write(&out, "precious").unwrap();
    let err = srv.tctl(tctl(), &["auth", "sign", "--user=bob", "--out", o]);
    assert!(err.fails_with(1).contains("already exists"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious");
    srv.tctl(tctl(), &["auth", "sign", "--user=bob", "--out", o, "--overwrite"])
        .ok();
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("BEGIN OPENSSH PRIVATE KEY")
    );

    let tls = srv.dir().join("bobtls");
    let res = srv.tctl(
        tctl(),
        &[
            "auth",
            "sign",
            "--user=bob",
            "--format=tls",
            "--out",
            tls.to_str().unwrap(),
        ],
    );
    assert!(
        res.ok().contains("bobtls.key, ") && res.ok().contains("bobtls.crt, "),
        "{res}"
    );
    for ext in ["key", "crt", "cas"] {
        let text = std::fs::read_to_string(srv.dir().join(format!("bobtls.{ext}"))).unwrap();
        assert!(text.starts_with("-----BEGIN "), "{ext}: {text}");
    }
}

/// The acceptance path: sshd trusts the exported user CA and presents a host certificate from
/// `tctl auth sign --host`; plain `ssh` logs in with a certificate from `tctl auth sign --user`
/// and checks the host through a known_hosts line from `tctl auth export --type=host`.
#[test]
fn openssh_logs_in_with_certificates_from_tctl() {
    let srv = RefServer::builder().cluster("example.test").start();
    let dir = srv.dir();
    let login = os_user();

    let (sshd, known_hosts) = openssh_node(&srv);
    srv.tctl(
        tctl(),
        &["users", "add", "alice", "--roles=access", &format!("--logins={login}")],
    )
    .ok();
    let key = dir.join("alice");
    srv.tctl(
        tctl(),
        &[
            "auth",
            "sign",
            "--user=alice",
            "--format=openssh",
            "--ttl=10m",
            "--out",
            key.to_str().unwrap(),
        ],
    )
    .ok();

    let out = ssh(
        &key,
        &known_hosts,
        sshd.port,
        &login,
        "node1.example.test",
        "echo hello-from-sshd",
    );
    assert_eq!(out.code, 0, "{out}\nsshd log:\n{}", sshd.log());
    assert_eq!(out.stdout.trim(), "hello-from-sshd");
    assert!(
        sshd.log().contains("ID alice"),
        "sshd should name the certificate's key id:\n{}",
        sshd.log()
    );

    // A login the certificate does not name is refused.
    let bob = dir.join("bob");
    srv.tctl(
        tctl(),
        &["users", "add", "bob", "--roles=access", "--logins=nobody-here"],
    )
    .ok();
    srv.tctl(
        tctl(),
        &[
            "auth",
            "sign",
            "--user=bob",
            "--format=openssh",
            "--out",
            bob.to_str().unwrap(),
        ],
    )
    .ok();
    let out = ssh(&bob, &known_hosts, sshd.port, &login, "node1.example.test", "true");
    assert_eq!(out.code, 255, "{out}");

    // A host CA the client does not trust is refused (StrictHostKeyChecking yes).
    let keygen = require_program("ssh-keygen", "openssh-client");
    let other = dir.join("other_ca");
    run(
        &keygen,
        &["-q", "-t", "ed25519", "-N", "", "-f", other.to_str().unwrap()],
        &[],
        None,
    )
    .ok();
    let other_pub = std::fs::read_to_string(dir.join("other_ca.pub")).unwrap();
    let foreign = dir.join("foreign_known_hosts");
    std::fs::write(
        &foreign,
        format!("@cert-authority example.test,*.example.test {other_pub}"),
    )
    .unwrap();
    let out = ssh(&key, &foreign, sshd.port, &login, "node1.example.test", "true");
    assert_eq!(out.code, 255, "{out}");
    assert!(out.stderr.contains("Host key verification failed"), "{out}");
}
