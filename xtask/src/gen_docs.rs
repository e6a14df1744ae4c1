//! `cargo xtask gen`: renders `completions/` and `man/` from the binaries' clap definitions.

use std::process::Command;

use crate::{cargo, check, root, target_dir};

pub fn run() -> Result<(), String> {
    check(
        cargo().args(["build", "--quiet", "--bin", "tsh", "--bin", "tctl"]),
        "building tsh and tctl",
    )?;
    let bin_dir = target_dir().join("debug");
    for kind in ["completions", "man"] {
        let dir = root().join(kind);
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| format!("clearing {}: {e}", dir.display()))?;
        }
        for bin in ["tsh", "tctl"] {
            check(
                Command::new(bin_dir.join(bin)).arg("__generate").arg(kind).arg(&dir),
                &format!("writing {kind} of {bin}"),
            )?;
        }
    }
    eprintln!("xtask: completions/ and man/ are fresh; commit them");
    Ok(())
}
