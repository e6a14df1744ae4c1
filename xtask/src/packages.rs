//! Debian packages the build and the tests need: installed when missing and running as root,
//! named otherwise.

use std::process::Command;

use crate::check;

/// What building the suite needs beyond Rust (ctap-hid-fido2 links libudev through pkg-config).
pub const BUILD: &[(&str, &str)] = &[
    ("libudev-dev", "building ctap-hid-fido2 (USB security keys)"),
    ("pkg-config", "building ctap-hid-fido2 (USB security keys)"),
];

/// Packages that are not needed when their program is on PATH already, from another package:
/// Google's `kubectl` package and Debian's `kubernetes-client` both ship /usr/bin/kubectl, so
/// installing the latter over the former would fail.
const PROVIDED_BY_COMMAND: &[(&str, &str)] = &[("kubernetes-client", "kubectl")];

fn on_path(command: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {command}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Installed, or its program is there anyway.
fn satisfied(package: &str) -> bool {
    installed(package)
        || PROVIDED_BY_COMMAND
            .iter()
            .any(|(p, command)| *p == package && on_path(command))
}

fn installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        .unwrap_or(false)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Installs the missing ones of `packages` (as root), or says which are missing.
pub fn ensure(packages: &[(&str, &str)]) -> Result<(), String> {
    let names = || packages.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(" ");
    if Command::new("dpkg-query").arg("--version").output().is_err() {
        eprintln!("xtask: not a Debian system; make sure these are installed: {}", names());
        return Ok(());
    }
    let missing: Vec<&(&str, &str)> = packages.iter().filter(|(p, _)| !satisfied(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let list: Vec<&str> = missing.iter().map(|(p, _)| *p).collect();
    if !is_root() {
        eprintln!("xtask: missing packages: {}", list.join(" "));
        for (p, why) in &missing {
            eprintln!("  {p}: {why}");
        }
        eprintln!("xtask: install them with: sudo apt-get install -y {}", list.join(" "));
        return Ok(());
    }
    check(Command::new("apt-get").args(["update", "-qq"]), "apt-get update")?;
    check(
        Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y", "-qq", "--no-install-recommends"])
            .args(&list),
        &format!("apt-get install {}", list.join(" ")),
    )
}
