//! Keeping a headless login's keys out of swap and out of reach (seed 001's troubleshooting,
//! teleport-facts §4.5): `mlockall` as `--mlock` says, and the process marked non-dumpable (no
//! core dump, no ptrace by other processes of the user).

use tele_common::error::{Error, Result};

/// `--mlock` / `TELEPORT_MLOCK_MODE`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum MlockMode {
    /// `best_effort` for headless login, otherwise nothing.
    #[default]
    Auto,
    /// No locking.
    Off,
    /// Lock; warn and go on when it fails.
    #[value(name = "best_effort")]
    BestEffort,
    /// Lock; fail the command when it fails.
    Strict,
}

/// Teleport's explanation when strict locking fails.
pub const FAILURE: &str = "Failed to lock process memory for headless login. Memory locking is used to prevent secrets in memory from being swapped to disk. Please ensure that memory locking is available on your system and your user has locking privileges. This means using a Linux operating system and increasing your user's memory locking limit to unlimited if needed. Alternatively, set --mlock=off or TELEPORT_MLOCK_MODE=off to disable it. This is not recommended in production environments on shared systems where a memory swap attack is possible.\nhttps://goteleport.com/docs/access-controls/guides/headless/#troubleshooting";

/// Protects a headless process: non-dumpable always, memory locked as `mode` says. Returns a
/// warning when best-effort locking failed.
pub fn protect(mode: MlockMode) -> Result<Option<String>> {
    // Whatever happens to the lock, the keys are not for core files or debuggers.
    #[cfg(target_os = "linux")]
    let _ = rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable);
    let mode = match mode {
        MlockMode::Auto => MlockMode::BestEffort,
        m => m,
    };
    if mode == MlockMode::Off {
        return Ok(None);
    }
    match lock_all() {
        Ok(()) => Ok(None),
        Err(cause) if mode == MlockMode::Strict => Err(Error::access_denied(format!("{FAILURE}\n(mlockall: {cause})"))
            .with_hint("check `ulimit -l`, or run with --mlock=best_effort or --mlock=off")),
        Err(cause) => Ok(Some(format!(
            "Failed to lock system memory for headless login: {cause}"
        ))),
    }
}

#[cfg(target_os = "linux")]
fn lock_all() -> std::result::Result<(), String> {
    use rustix::mm::{MlockAllFlags, mlockall};
    mlockall(MlockAllFlags::CURRENT | MlockAllFlags::FUTURE).map_err(|e| match e {
        rustix::io::Errno::PERM => "operation not permitted".to_string(),
        rustix::io::Errno::NOMEM => "cannot allocate memory".to_string(),
        e => e.to_string(),
    })
}

#[cfg(not(target_os = "linux"))]
fn lock_all() -> std::result::Result<(), String> {
    Err("memory locking is not supported on non-Linux operating systems".into())
}
