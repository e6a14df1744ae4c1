//! `cargo xtask bench`: speed as ratios in one run, never as timed tests.
//!
//! - `tctl tokens ls` with 100,000 tokens, against `tctl status` on the same server (the same
//!   process start, credential load and TLS handshake, a tiny answer) as the baseline.
//! - Release binary sizes of tsh and tctl (budget: 12 MB each).

use std::fmt::Write as _;
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{cargo, check, target_dir};

const TOKENS: usize = 100_000;
const RUNS: usize = 7;

pub fn run(args: &[String]) -> Result<(), String> {
    crate::packages::ensure(crate::packages::BUILD)?;
    check(
        cargo().args(["build", "--quiet", "--release", "--workspace", "--bins"]),
        "building release binaries",
    )?;
    let bin = target_dir().join("release");
    for name in ["tsh", "tctl"] {
        let size = std::fs::metadata(bin.join(name)).map_err(|e| e.to_string())?.len();
        println!("binary size {name}: {:.1} MB (budget 12 MB)", size as f64 / 1e6);
    }

    let dir = target_dir().join("bench");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| e.to_string())?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    // `cargo xtask bench ssh`: only the SSH figures; `mfa`: only per-session MFA.
    match args.first().map(String::as_str) {
        Some("ssh") => return crate::bench_ssh::run(&bin, &dir),
        Some("mfa") => return crate::bench_mfa::run(&bin, &dir),
        _ => {}
    }
    let port = free_port()?;
    let config = dir.join("teleport.yaml");
    std::fs::write(
        &config,
        format!(
            "teleport:\n  data_dir: {}\nauth_service:\n  cluster_name: bench.test\n  authentication:\n    second_factor: \"off\"\nproxy_service:\n  web_listen_addr: 127.0.0.1:{port}\n",
            dir.join("data").display()
        ),
    )
    .map_err(|e| e.to_string())?;
    let bootstrap = dir.join("tokens.yaml");
    let mut yaml = String::with_capacity(TOKENS * 150);
    for i in 0..TOKENS {
        let _ = write!(
            yaml,
            "kind: token\nversion: v2\nmetadata:\n  name: bench{i:027}\n  expires: \"2099-01-01T00:{:02}:{:02}Z\"\n  labels:\n    n: \"{}\"\nspec:\n  roles: [Node]\n---\n",
            (i / 60) % 60,
            i % 60,
            i % 10
        );
    }
    std::fs::write(&bootstrap, yaml).map_err(|e| e.to_string())?;

    let started = Instant::now();
    let mut server = Command::new(bin.join("refserver"))
        .arg("start")
        .arg("-c")
        .arg(&config)
        .arg("--bootstrap")
        .arg(&bootstrap)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("starting refserver: {e}"))?;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(s)) = server.try_wait() {
            return Err(format!("refserver exited with {s}"));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    println!(
        "server up with {TOKENS} tokens from bootstrap in {:.2} s",
        started.elapsed().as_secs_f64()
    );

    let tctl = bin.join("tctl");
    let dir2 = dir.clone();
    let result = (|| {
        let lines = output(&tctl, &config, &["tokens", "ls"])?.lines().count();
        if lines != TOKENS + 2 {
            return Err(format!("tokens ls printed {lines} lines, expected {}", TOKENS + 2));
        }
        let base = tctl_median(&tctl, &config, &["status"])?;
        let text = tctl_median(&tctl, &config, &["tokens", "ls"])?;
        let json = tctl_median(&tctl, &config, &["tokens", "ls", "--format=json"])?;
        println!("tctl status (baseline):          {:7.1} ms", ms(base));
        println!(
            "tctl tokens ls, 100k tokens:     {:7.1} ms  ({:.1}x baseline; budget 1000 ms)",
            ms(text),
            ratio(text, base)
        );
        println!(
            "tctl tokens ls --format=json:    {:7.1} ms  ({:.1}x baseline)",
            ms(json),
            ratio(json, base)
        );
        tsh_figures(&bin, &dir2, &config, port)
    })();
    let _ = server.kill();
    let _ = server.wait();
    result?;
    crate::bench_ssh::run(&bin, &dir)
}

/// `tsh login` end to end (password only: a second factor would need a fresh code or a key per
/// run) and `tsh status` against `/bin/true`.
fn tsh_figures(bin: &Path, dir: &Path, config: &Path, port: u16) -> Result<(), String> {
    let mut add = Command::new(bin.join("refserver"))
        .args([
            "users",
            "add",
            "bench",
            "--roles=access,editor",
            "--logins=bench",
            "--password-stdin",
            "-c",
        ])
        .arg(config)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    if let Some(mut stdin) = add.stdin.take() {
        use std::io::Write as _;
        writeln!(stdin, "bench-password-123").map_err(|e| e.to_string())?;
    }
    add.wait().map_err(|e| e.to_string())?;
    let home = dir.join("tsh-home");
    let tsh = |args: &[&str]| {
        let mut cmd = Command::new(bin.join("tsh"));
        cmd.args(args)
            .env("TELEPORT_HOME", &home)
            .env("TSH_KEYSTORE", "file")
            .env_remove("SSH_AUTH_SOCK")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        cmd
    };
    let login_args = [
        "login",
        "--insecure",
        "--user=bench",
        &format!("--proxy=localhost:{port}"),
    ]
    .map(String::from);
    let login = timed(|| {
        let mut cmd = tsh(&login_args.iter().map(String::as_str).collect::<Vec<_>>());
        cmd.stdin(Stdio::piped());
        let mut child = cmd.spawn().map_err(|e| e.to_string())?;
        if let Some(mut stdin) = child.stdin.take() {
            use std::io::Write as _;
            writeln!(stdin, "bench-password-123").map_err(|e| e.to_string())?;
        }
        child.wait().map_err(|e| e.to_string()).and_then(|s| {
            if s.success() {
                Ok(())
            } else {
                Err("tsh login failed".into())
            }
        })
    })?;
    let status = timed_n(41, || run_ok(&mut tsh(&["status"]), "tsh status"))?;
    let truth = timed_n(41, || {
        run_ok(Command::new("/bin/true").stdout(Stdio::null()), "/bin/true")
    })?;
    // tctl after `tsh login` (the seeds' flow) against tctl on the auth host, same server.
    let tctl = |profile: bool| {
        let mut cmd = Command::new(bin.join("tctl"));
        cmd.arg("status")
            .env("TELEPORT_HOME", &home)
            .env_remove("TELEPORT_CONFIG_FILE")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if !profile {
            cmd.arg("-c").arg(config);
        }
        cmd
    };
    let from_profile = timed_n(21, || run_ok(&mut tctl(true), "tctl status (profile)"))?;
    let from_config = timed_n(21, || run_ok(&mut tctl(false), "tctl status -c"))?;
    println!("tsh login (password, end to end): {:7.1} ms", ms(login));
    println!("tctl status -c (baseline):        {:7.2} ms", ms(from_config));
    println!(
        "tctl status from the tsh profile: {:7.2} ms  ({:.1}x tctl -c; budget 3x)",
        ms(from_profile),
        ratio(from_profile, from_config)
    );
    println!("/bin/true (baseline):             {:7.2} ms", ms(truth));
    println!(
        "tsh status:                       {:7.2} ms  ({:.1}x /bin/true; budget 3x)",
        ms(status),
        ratio(status, truth)
    );
    Ok(())
}

pub(crate) fn run_ok(cmd: &mut Command, what: &str) -> Result<(), String> {
    let status = cmd.status().map_err(|e| format!("{what}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed"))
    }
}

fn timed(f: impl FnMut() -> Result<(), String>) -> Result<Duration, String> {
    timed_n(RUNS, f)
}

/// The median of `n` runs.
pub(crate) fn timed_n(n: usize, mut f: impl FnMut() -> Result<(), String>) -> Result<Duration, String> {
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let start = Instant::now();
        f()?;
        times.push(start.elapsed());
    }
    Ok(median(times))
}

/// The median of measured times (the upper one of an even count).
pub(crate) fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn output(tctl: &Path, config: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new(tctl)
        .arg("-c")
        .arg(config)
        .args(args)
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "tctl {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The median time of `tctl -c config ARGS`.
fn tctl_median(tctl: &Path, config: &Path, args: &[&str]) -> Result<Duration, String> {
    timed(|| {
        let status = Command::new(tctl)
            .arg("-c")
            .arg(config)
            .args(args)
            .stdout(Stdio::null())
            .status()
            .map_err(|e| e.to_string())?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("tctl {args:?} failed"))
        }
    })
}

pub(crate) fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub(crate) fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-9)
}

pub(crate) fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}
