//! `cargo xtask test`: installs the Debian packages the tests need (when missing and running
//! as root), checks formatting and lints, then runs every test.

use crate::{cargo, check};

/// Debian packages the tests start or read, with what for.
const TEST_PACKAGES: &[(&str, &str)] = &[
    ("openssh-server", "sshd: the nodes"),
    ("openssh-client", "ssh, ssh-keygen, ssh-agent"),
    ("openssl", "an independent CA pin computation"),
    ("curl", "Teleport's web API as the docs call it"),
    ("man-db", "man pages render"),
    ("oathtool", "TOTP codes from an independent implementation"),
    ("gpg-agent", "an ssh-agent that refuses certificates"),
    ("asciinema", "plays the session recordings"),
    ("tmux", "a real terminal for interactive sessions"),
    ("chromium", "the headless approval page in a real browser"),
    ("postgresql", "a real database behind the database proxy"),
    (
        "python3-h2",
        "an independent gRPC client of the Auth service (Python's ssl and h2)",
    ),
    ("zbar-tools", "zbarimg decodes the TOTP QR code tsh draws"),
    (
        "python3-cryptography",
        "an independent client's security-key signature (headless approval)",
    ),
    ("util-linux", "prlimit: a server under a low descriptor limit"),
    ("procps", "kill: a server that stops answering (SIGSTOP)"),
    ("g++", "libFuzzer, built for the fuzz targets"),
    // Skipped when a kubectl is on PATH already (see packages.rs).
    ("kubernetes-client", "kubectl for the Kubernetes access tests"),
];

pub fn run(args: &[String]) -> Result<(), String> {
    crate::packages::ensure(crate::packages::BUILD)?;
    crate::packages::ensure(TEST_PACKAGES)?;
    check(cargo().args(["fmt", "--all", "--", "--check"]), "cargo fmt --check")?;
    check(
        cargo().args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]),
        "cargo clippy -D warnings",
    )?;
    // The same invocation the test harness makes, so it finds the refserver built (building the
    // workspace's binaries instead would resolve features differently and rebuild in the tests).
    check(
        cargo().args(["build", "-p", "tele-refserver", "--bin", "refserver"]),
        "building the refserver",
    )?;
    let extra: Vec<&String> = args.iter().skip_while(|a| *a == "--").collect();
    if has_nextest() {
        let mut cmd = cargo();
        cmd.args(["nextest", "run", "--workspace", "--no-fail-fast"])
            .args(&extra);
        check(&mut cmd, "cargo nextest run --workspace")?;
    } else {
        let mut cmd = cargo();
        cmd.args(["test", "--workspace"]).args(&extra);
        check(&mut cmd, "cargo test --workspace")?;
    }
    // A short coverage-guided run of every parser that reads untrusted bytes (CONTRIBUTING.md).
    crate::fuzz::run(&["--short".to_string()])
}

fn has_nextest() -> bool {
    cargo()
        .args(["nextest", "--version"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}
