//! End-to-end tests: the real `tsh`/`tctl` binaries against the reference server and real
//! OpenSSH programs. One test binary (jj, cargo); every file below is a `mod`.

#![allow(clippy::print_stdout, clippy::print_stderr, clippy::disallowed_methods)]

mod generated;
mod headless_independent;
mod hostile_server;
mod key_suites;
mod login_storm;
mod nodes;
mod refserver;
mod slow_clients;
mod ssh_refusals;
mod tctl_auth;
mod tctl_credentials;
mod tctl_db_certs;
mod tctl_profile;
mod tctl_resources;
mod tctl_status;
mod tctl_tokens;
mod tctl_users;
mod tls_routing;
mod tsh_agent;
mod tsh_db;
mod tsh_db_kube_ls;
mod tsh_headless;
mod tsh_interactive;
mod tsh_kube;
mod tsh_login;
mod tsh_mfa;
mod tsh_recording;
mod tsh_scp;
mod tsh_session_mfa;
mod tsh_ssh;

use std::path::Path;

/// The `tctl` under test.
pub fn tctl() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_tctl"))
}

/// The `tsh` under test.
pub fn tsh() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_tsh"))
}

/// The CA pin `tctl status` prints.
pub fn status_pin(srv: &tele_test_support::RefServer) -> String {
    let status = srv.tctl(tctl(), &["status"]);
    let line = status
        .ok()
        .lines()
        .find_map(|l| l.strip_prefix("CA pin"))
        .map(str::trim);
    line.unwrap_or_else(|| panic!("no CA pin row:\n{status}")).to_string()
}

/// A user's machine for tsh: its own home (`TELEPORT_HOME`), the cluster CA trusted through
/// `SSL_CERT_FILE`, and a software security key file.
pub struct TshUser {
    dir: tempfile::TempDir,
    env: Vec<(String, String)>,
}

impl TshUser {
    /// A fresh machine that trusts `srv`'s CA.
    pub fn new(srv: &tele_test_support::RefServer) -> Self {
        let dir = tele_test_support::temp_dir();
        let env = vec![
            ("HOME".to_string(), dir.path().display().to_string()),
            ("TELEPORT_HOME".into(), dir.path().join("tsh").display().to_string()),
            ("SSL_CERT_FILE".into(), srv.ca_file().display().to_string()),
            (
                "TSH_SOFT_AUTHENTICATOR".into(),
                dir.path().join("softkey.json").display().to_string(),
            ),
        ];
        Self { dir, env }
    }

    /// Adds an environment variable.
    pub fn set(&mut self, key: &str, value: &str) {
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.into(), value.into()));
    }

    /// The environment tsh runs with.
    pub fn env(&self) -> Vec<(&str, &str)> {
        self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
    }

    /// `TELEPORT_HOME`.
    pub fn home(&self) -> std::path::PathBuf {
        self.dir.path().join("tsh")
    }

    /// The machine's temp dir.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Runs tsh with `stdin` piped.
    pub fn tsh(&self, args: &[&str], stdin: Option<&str>) -> tele_test_support::Output {
        tele_test_support::run(tsh(), args, &self.env(), stdin)
    }

    /// `tsh login --proxy=localhost:PORT --user=USER EXTRA...` with `stdin` as the answers.
    pub fn login(
        &self,
        srv: &tele_test_support::RefServer,
        user: &str,
        extra: &[&str],
        stdin: &str,
    ) -> tele_test_support::Output {
        let proxy = format!("--proxy={}", srv.localhost_addr());
        let user = format!("--user={user}");
        let mut args = vec!["login", proxy.as_str(), user.as_str()];
        args.extend_from_slice(extra);
        self.tsh(&args, Some(stdin))
    }
}

/// The OS user the tests run as (a login on the local sshd).
pub fn os_user() -> String {
    let out = std::process::Command::new("id").arg("-un").output().expect("id -un");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A real sshd set up the way seed 002 tells admins to: `TrustedUserCAKeys` from
/// `tctl auth export --type=user` (prefix removed), `HostKey`/`HostCertificate` from
/// `tctl auth sign --host`; and a known_hosts file from `tctl auth export --type=host`.
pub fn openssh_node(srv: &tele_test_support::RefServer) -> (tele_test_support::Sshd, std::path::PathBuf) {
    let dir = srv.dir();
    let user_ca = srv.tctl(tctl(), &["auth", "export", "--type=user"]).ok().to_string();
    let trusted = dir.join("teleport_user_ca.pub");
    std::fs::write(&trusted, user_ca.trim_start_matches("cert-authority ")).unwrap();
    let host = dir.join("node1");
    let out = host.to_str().unwrap();
    let sign = [
        "auth",
        "sign",
        "--host=node1.example.test,localhost,127.0.0.1",
        "--format=openssh",
        "--out",
        out,
    ];
    srv.tctl(tctl(), &sign).ok();
    let known_hosts = dir.join("known_hosts");
    std::fs::write(&known_hosts, srv.tctl(tctl(), &["auth", "export", "--type=host"]).ok()).unwrap();
    (
        tele_test_support::Sshd::start(&host, &dir.join("node1-cert.pub"), &trusted),
        known_hosts,
    )
}

/// Every `.rs` file in this directory is a module of this binary (jj's check).
#[test]
fn no_forgotten_test_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it");
    let main = std::fs::read_to_string(dir.join("main.rs")).unwrap();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        if let Some(module) = name.strip_suffix(".rs").filter(|m| *m != "main") {
            assert!(
                main.contains(&format!("mod {module};")),
                "tests/it/{name} is not declared in main.rs"
            );
        }
    }
}
