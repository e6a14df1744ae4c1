//! The test harness: every test gets its own temp dir, its own reference server on free
//! loopback ports and, where it needs one, a real OpenSSH `sshd` or PostgreSQL, or the stand-in
//! Kubernetes API server (`KubeStandin`; no real one can be installed). Waiting is always on a
//! condition (a port that answers, a file that appears), with a deadline, never a fixed sleep.

#![allow(clippy::print_stderr, clippy::disallowed_methods)]

mod agent;
mod cmd;
mod interactive;
mod kube_standin;
mod postgres;
mod refserver;
mod sshd;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub use agent::SshAgent;
pub use cmd::{Output, run};
pub use interactive::Interactive;
pub use kube_standin::{KubeStandin, STANDIN_PODS, STANDIN_VERSION, Seen};
pub use postgres::Postgres;
pub use refserver::{RefServer, RefServerBuilder};
pub use sshd::{Sshd, openssh};

/// Returns a loopback port that was free a moment ago. It is drawn at random below the kernel's
/// ephemeral range (32768 and up on Linux): a port the kernel hands out itself may be taken as the
/// local end of some test's outgoing connection before the server that wanted it binds it.
pub fn free_port() -> u16 {
    use std::hash::{BuildHasher, Hasher};
    for _ in 0..1000 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u32(std::process::id());
        let port = 20_000 + (h.finish() % 12_000) as u16;
        if TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no free loopback port between 20000 and 32000")
}

/// Polls `cond` until it holds; panics with `what` after `timeout`.
pub fn wait_for(what: &str, timeout: Duration, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_millis(5);
    while !cond() {
        assert!(
            Instant::now() < deadline,
            "timed out after {timeout:?} waiting for {what}"
        );
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(200));
    }
}

/// Returns the path of a program, or panics naming the Debian package that provides it
/// (`cargo xtask test` installs them).
pub fn require_program(name: &str, package: &str) -> PathBuf {
    for dir in [
        "/usr/sbin",
        "/usr/bin",
        "/sbin",
        "/bin",
        "/usr/local/bin",
        "/usr/local/sbin",
    ] {
        let p = Path::new(dir).join(name);
        if p.exists() {
            return p;
        }
    }
    panic!("this test needs `{name}`: install the Debian package `{package}` (cargo xtask test does it as root)");
}

/// The directory cargo puts this build's binaries in (`target/debug`).
pub fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("current_exe");
    let mut dir = exe.parent().expect("test binary dir").to_path_buf();
    if dir.ends_with("deps") {
        dir.pop();
    }
    dir
}

/// Returns the path of the `refserver` binary, building it once per test process (a no-op
/// when `cargo xtask test` built it already).
pub fn refserver_bin() -> PathBuf {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let target = target_dir();
            let profile_release = target.ends_with("release");
            let cargo = option_env!("CARGO").unwrap_or("cargo");
            let mut cmd = Command::new(cargo);
            // Only the refserver: building the workspace's binaries here would replace the tsh
            // the tests run (built with test features) by a plain one. `cargo xtask test` runs
            // this same invocation first, so it is a no-op there.
            cmd.args(["build", "--quiet", "-p", "tele-refserver", "--bin", "refserver"]);
            if profile_release {
                cmd.arg("--release");
            }
            if let Some(root) = target.parent() {
                cmd.arg("--target-dir").arg(root);
            }
            let status = cmd.status().expect("running cargo build for refserver");
            assert!(status.success(), "building refserver failed");
            target.join("refserver")
        })
        .clone()
}

/// The current TOTP code of a base32 secret, from `oathtool`: an implementation of RFC 6238
/// independent of ours.
pub fn totp_code(secret: &str) -> String {
    let oathtool = require_program("oathtool", "oathtool");
    run(&oathtool, &["--totp", "-b", secret], &[], None)
        .ok()
        .trim()
        .to_string()
}

/// A fresh temp dir.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("tele-test-")
        .tempdir()
        .expect("temp dir")
}
