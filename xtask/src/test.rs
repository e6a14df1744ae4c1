//! `cargo xtask test`: installs the Debian packages the tests need (when missing and running
//! as root), checks formatting and lints, then runs every test.

use std::process::Command;

use crate::{cargo, check};

/// Debian packages the tests start or read, with what for.
const PACKAGES: &[(&str, &str)] = &[
    ("openssh-server", "sshd: the nodes"),
    ("openssh-client", "ssh, ssh-keygen, ssh-agent"),
    ("openssl", "an independent CA pin computation"),
    ("curl", "Teleport's web API as the docs call it"),
    ("man-db", "man pages render"),
    ("oathtool", "TOTP codes from an independent implementation"),
    ("gpg-agent", "an ssh-agent that refuses certificates"),
    ("libudev-dev", "building ctap-hid-fido2 (USB security keys)"),
    ("pkg-config", "building ctap-hid-fido2 (USB security keys)"),
];

pub fn run(args: &[String]) -> Result<(), String> {
    install_packages()?;
    check(cargo().args(["fmt", "--all", "--", "--check"]), "cargo fmt --check")?;
    check(
        cargo().args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]),
        "cargo clippy -D warnings",
    )?;
    check(
        cargo().args(["build", "--workspace", "--bins"]),
        "building the binaries",
    )?;
    let extra: Vec<&String> = args.iter().skip_while(|a| *a == "--").collect();
    if has_nextest() {
        let mut cmd = cargo();
        cmd.args(["nextest", "run", "--workspace", "--no-fail-fast"])
            .args(&extra);
        check(&mut cmd, "cargo nextest run --workspace")
    } else {
        let mut cmd = cargo();
        cmd.args(["test", "--workspace"]).args(&extra);
        check(&mut cmd, "cargo test --workspace")
    }
}

fn has_nextest() -> bool {
    cargo()
        .args(["nextest", "--version"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
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

fn install_packages() -> Result<(), String> {
    if Command::new("dpkg-query").arg("--version").output().is_err() {
        eprintln!(
            "xtask: not a Debian system; make sure these are installed: {}",
            names(PACKAGES)
        );
        return Ok(());
    }
    let missing: Vec<&(&str, &str)> = PACKAGES.iter().filter(|(p, _)| !installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let list: Vec<&str> = missing.iter().map(|(p, _)| *p).collect();
    if !is_root() {
        eprintln!(
            "xtask: missing packages (tests that need them will fail): {}",
            list.join(" ")
        );
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

fn names(p: &[(&str, &str)]) -> String {
    p.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(" ")
}
