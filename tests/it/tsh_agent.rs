//! After `tsh login` the certificate is in the user's real ssh-agent, plain OpenSSH logs in to a
//! real sshd through the agent alone, and `tsh logout` takes it out of the agent and the disk.

use std::path::Path;
use std::process::Command;

use tele_test_support::{RefServer, SshAgent, openssh, require_program, run, totp_code};

use crate::{TshUser, openssh_node as node, os_user};

const PASSWORD: &str = "correct-horse-battery";
const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPJBSWY3DP";

fn ssh_via_agent(agent: &Path, known_hosts: &Path, port: u16, login: &str) -> tele_test_support::Output {
    // No identity file: the agent is the only source of keys.
    let options = [format!("IdentityAgent={}", agent.display())];
    openssh(
        known_hosts,
        "node1.example.test",
        port,
        login,
        &options,
        "echo through-the-agent",
    )
}

#[test]
fn login_loads_the_agent_and_logout_empties_it() {
    let login = os_user();
    let srv = RefServer::builder().with_mfa().start();
    srv.add_user("dev", "access", &login, PASSWORD, &[SECRET]);
    let (sshd, known_hosts) = node(&srv);
    let agent = SshAgent::start();
    let mut u = TshUser::new(&srv);
    u.set("SSH_AUTH_SOCK", agent.sock.to_str().unwrap());

    // Nothing in the agent yet: ssh cannot log in.
    assert_eq!(ssh_via_agent(&agent.sock, &known_hosts, sshd.port, &login).code, 255);

    u.login(&srv, "dev", &[], &format!("{PASSWORD}\n{}\n", totp_code(SECRET)))
        .ok();
    let listed = agent.list();
    let line = listed.ok().lines().next().unwrap().to_string();
    assert!(line.starts_with("ssh-ed25519-cert-v01@openssh.com "), "{listed}");
    assert!(line.ends_with(" teleport:dev"), "{listed}");

    let out = ssh_via_agent(&agent.sock, &known_hosts, sshd.port, &login);
    assert_eq!(out.code, 0, "{out}\n{}", sshd.log());
    assert_eq!(out.stdout.trim(), "through-the-agent");

    assert_eq!(
        u.tsh(&["logout"], None).ok(),
        "Logged out all users from all proxies.\n"
    );
    let listed = agent.list();
    assert_eq!(listed.code, 1, "{listed}");
    assert!(listed.stdout.contains("The agent has no identities."), "{listed}");
    assert!(!u.home().join("keys/localhost").exists());
    assert_eq!(ssh_via_agent(&agent.sock, &known_hosts, sshd.port, &login).code, 255);
}

#[test]
fn agent_choices_are_honoured() {
    let srv = RefServer::builder().with_mfa().start();
    // One user per login: a TOTP code works once per device.
    for user in ["no", "nolocal", "only", "yes"] {
        srv.add_user(user, "access", user, PASSWORD, &[SECRET]);
    }
    let agent = SshAgent::start();
    let mut u = TshUser::new(&srv);
    u.set("SSH_AUTH_SOCK", agent.sock.to_str().unwrap());
    let answers = || format!("{PASSWORD}\n{}\n", totp_code(SECRET));

    // --add-keys-to-agent=no and TELEPORT_USE_LOCAL_SSH_AGENT=false keep the agent empty.
    u.login(&srv, "no", &["--add-keys-to-agent=no"], &answers()).ok();
    assert_eq!(agent.list().code, 1);
    u.set("TELEPORT_USE_LOCAL_SSH_AGENT", "false");
    u.login(&srv, "nolocal", &[], &answers()).ok();
    assert_eq!(agent.list().code, 1);

    // --add-keys-to-agent=only: into the agent, no private key on disk.
    u.set("TELEPORT_USE_LOCAL_SSH_AGENT", "true");
    let out = u.login(&srv, "only", &["--add-keys-to-agent=only"], &answers());
    assert!(out.ok().contains("Key store:          ssh-agent only"), "{out}");
    assert!(agent.list().ok().contains("teleport:only"));
    assert!(!u.home().join("keys/localhost/only").exists() && !u.home().join("keys/localhost/only.key").exists());

    // yes without an agent: a warning, not a failure.
    let mut no_agent = TshUser::new(&srv);
    no_agent.set("TELEPORT_ADD_KEYS_TO_AGENT", "yes");
    let out = no_agent.login(&srv, "yes", &[], &answers());
    out.ok();
    assert!(out.stderr.contains("WARNING: no ssh-agent is running"), "{out}");
}

#[test]
fn an_agent_that_refuses_certificates_is_a_warning_not_a_failure() {
    let gpg_agent = require_program("gpg-agent", "gpg-agent");
    let gpgconf = require_program("gpgconf", "gpgconf");
    let srv = RefServer::builder().with_mfa().start();
    srv.add_user("dev", "access", "dev", PASSWORD, &[SECRET]);
    let home = tele_test_support::temp_dir();
    let gpg_home = home.path().join("gnupg");
    std::fs::create_dir(&gpg_home).unwrap();
    std::fs::set_permissions(&gpg_home, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let g = gpg_home.to_str().unwrap();
    // The daemon outlives this call: its output goes nowhere, so nothing waits on its pipes.
    let status = Command::new(&gpg_agent)
        .args(["--homedir", g, "--daemon", "--enable-ssh-support"])
        .env("GNUPGHOME", g)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "gpg-agent --daemon failed");
    let sock = gpg_home.join("S.gpg-agent.ssh");
    let mut u = TshUser::new(&srv);
    u.set("SSH_AUTH_SOCK", sock.to_str().unwrap());
    // gpg-agent's socket is skipped by `auto`; `yes` insists, and gpg-agent refuses certificates.
    let out = u.login(
        &srv,
        "dev",
        &["--add-keys-to-agent=yes"],
        &format!("{PASSWORD}\n{}\n", totp_code(SECRET)),
    );
    run(
        &gpgconf,
        &["--homedir", g, "--kill", "gpg-agent"],
        &[("GNUPGHOME", g)],
        None,
    );
    assert!(out.ok().contains("Logged in as:       dev"), "{out}");
    assert!(
        out.stderr.contains("WARNING: Certificate was not loaded into agent because the agent at SSH_AUTH_SOCK does not appear to support SSH certificates"),
        "{out}"
    );
}
