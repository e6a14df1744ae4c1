//! End-to-end tests: the real `tsh`/`tctl` binaries against the reference server and real
//! OpenSSH programs. One test binary (jj, cargo); every file below is a `mod`.

#![allow(clippy::print_stdout, clippy::print_stderr, clippy::disallowed_methods)]

mod generated;
mod refserver;
mod tctl_auth;
mod tctl_credentials;
mod tctl_resources;
mod tctl_status;
mod tctl_tokens;
mod tctl_users;

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
