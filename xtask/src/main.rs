//! `cargo xtask gen|demo|test|bench|stress|fuzz`: the project's own tasks, in Rust so they run wherever
//! cargo does. This is a developer tool, not part of the suite: it talks to its user directly.

#![allow(clippy::print_stdout, clippy::print_stderr, clippy::disallowed_methods)]

mod bench;
mod bench_db;
mod bench_kube;
mod bench_mfa;
mod bench_ssh;
mod demo;
mod demo_db;
mod demo_node;
mod fuzz;
mod gen_docs;
mod nodes;
mod packages;
mod stress;
mod stress_certs;
mod stress_client;
mod stress_conns;
mod stress_headless;
mod stress_login;
mod stress_server;
mod stress_writes;
mod test;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("gen") => gen_docs::run(),
        Some("demo") => demo::run(&args[1..]),
        Some("test") => test::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("stress") => stress::run(&args[1..]),
        _ => Err(
            "usage: cargo xtask gen | demo [--web-port N] | test [-- NEXTEST ARGS] | bench | \
             stress [SCENARIO...] [--no-build] [--refserver PATH] [--seconds N] | \
             fuzz [TARGET...] [--runs N] [--seconds S] [--short] [--seeds]"
                .to_string(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// Where cargo puts build output (`CARGO_TARGET_DIR` or `target/`).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// The cargo that runs us.
pub fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root());
    cmd
}

/// Runs a command, failing with its description when it fails.
pub fn check(cmd: &mut Command, what: &str) -> Result<(), String> {
    eprintln!("xtask: {what}");
    let status = cmd.status().map_err(|e| format!("{what}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}
