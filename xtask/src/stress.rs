//! `cargo xtask stress [SCENARIO...] [--no-build] [--refserver PATH] [--seconds N]`: the
//! reference server under abuse, on the real wire (Teleport's web API and gRPC over the TLS-routed
//! web port, spoken by `tele-common`'s own clients), one scenario at a time, each against a fresh
//! release `refserver` in its own temp dir, the load coming from a release build of this xtask
//! (a debug one re-runs itself from `target/release/xtask`). Prints one table; exits non-zero
//! when a scenario fails. Each scenario has a deadline: running out of it is a failure, never a
//! hang.

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::stress_server::Stats;
use crate::{cargo, check, target_dir};

/// What a scenario reports besides the server's figures.
#[derive(Default)]
pub struct Outcome {
    /// The load, in a few words.
    pub load: String,
    /// Whether the acceptance criterion holds.
    pub pass: bool,
    /// The key figure.
    pub figure: String,
    /// Requests that failed where they should not have.
    pub failures: String,
    /// Acknowledged writes missing afterwards (only where writes are the point).
    pub lost: Option<usize>,
    /// Raw figures, printed under the table.
    pub details: Vec<String>,
}

/// What every scenario is given.
pub struct Ctx {
    /// The `refserver` binary.
    pub refserver: PathBuf,
    /// A directory of its own for each cluster.
    pub dir: PathBuf,
    /// The server's RSS and CPU, kept by the clusters the scenario starts.
    pub stats: Arc<Mutex<Stats>>,
    /// `--seconds`: how long `cert-issuance` loops.
    pub cert_seconds: Option<u64>,
}

type Run = for<'a> fn(&'a Ctx) -> Pin<Box<dyn Future<Output = Result<Outcome, String>> + 'a>>;

/// The scenarios, in the order they run, with their deadlines.
const SCENARIOS: [(&str, u64, Run); 8] = [
    ("login-storm", 180, |c| Box::pin(crate::stress_login::login_storm(c))),
    ("kill-9-writes", 240, |c| {
        Box::pin(crate::stress_writes::kill_9_writes(c))
    }),
    ("idle-connections", 180, |c| {
        Box::pin(crate::stress_conns::idle_connections(c))
    }),
    ("slowloris", 90, |c| Box::pin(crate::stress_conns::slowloris(c))),
    ("big-names", 90, |c| Box::pin(crate::stress_login::big_names(c))),
    ("wrong-passwords", 90, |c| {
        Box::pin(crate::stress_login::wrong_passwords(c))
    }),
    ("headless-flood", 120, |c| {
        Box::pin(crate::stress_headless::headless_flood(c))
    }),
    ("cert-issuance", 120, |c| {
        Box::pin(crate::stress_certs::cert_issuance(c))
    }),
];

/// One line of the table.
struct Row {
    scenario: &'static str,
    outcome: Outcome,
    stats: Stats,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut build = true;
    let mut refserver: Option<PathBuf> = std::env::var_os("STRESS_REFSERVER").map(PathBuf::from);
    let mut cert_seconds = None;
    let mut names = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--no-build" => build = false,
            "--refserver" => refserver = Some(it.next().ok_or("--refserver needs a path")?.into()),
            "--seconds" => {
                let n = it.next().ok_or("--seconds needs a number")?;
                cert_seconds = Some(n.parse::<u64>().map_err(|_| format!("--seconds: not a number: {n}"))?);
            }
            name if SCENARIOS.iter().any(|(n, _, _)| *n == name) => names.push(name.to_string()),
            other => {
                let known: Vec<&str> = SCENARIOS.iter().map(|(n, _, _)| *n).collect();
                return Err(format!(
                    "stress: unknown argument {other:?}; scenarios: {}",
                    known.join(", ")
                ));
            }
        }
    }
    // An explicit server binary is taken as it is (the load side is still built).
    let build_refserver = build && refserver.is_none();
    let refserver = refserver.unwrap_or_else(|| target_dir().join("release/refserver"));
    if build_refserver {
        check(
            cargo().args([
                "build",
                "--quiet",
                "--release",
                "-p",
                "tele-refserver",
                "--bin",
                "refserver",
            ]),
            "building the release refserver",
        )?;
    }
    if build {
        // The load side too: a debug build of the clients (rustls, h2, tonic unoptimised) is
        // slower than the server it loads, and a server that is not kept busy spends more CPU
        // per request (a wake-up and a syscall each, nothing batched), which skews
        // `cert-issuance`. tsh is a release build as well.
        check(
            cargo().args(["build", "--quiet", "--release", "-p", "xtask"]),
            "building the release xtask (the load side)",
        )?;
    }
    if cfg!(debug_assertions) {
        let release = target_dir().join("release/xtask");
        if release.is_file() {
            return run_release(&release, &refserver, &names, cert_seconds);
        }
        eprintln!("stress: no {}; the load runs from this debug build", release.display());
    }
    if !refserver.is_file() {
        return Err(format!(
            "no refserver at {} (build it, or drop --no-build)",
            refserver.display()
        ));
    }
    for program in ["prlimit", "openssl"] {
        if crate::stress_server::which(program).is_none() {
            return Err(format!("stress needs {program} on PATH (Debian: util-linux, openssl)"));
        }
    }
    raise_nofile();
    let dir = target_dir().join("stress");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("clearing {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let mut rows = Vec::new();
    for (name, deadline, scenario) in SCENARIOS {
        if !names.is_empty() && !names.iter().any(|n| n == name) {
            continue;
        }
        eprintln!("stress: {name} (deadline {deadline} s)");
        let ctx = Ctx {
            refserver: refserver.clone(),
            dir: dir.join(name),
            stats: Arc::default(),
            cert_seconds,
        };
        std::fs::create_dir_all(&ctx.dir).map_err(|e| e.to_string())?;
        let started = Instant::now();
        let result = rt.block_on(async { tokio::time::timeout(Duration::from_secs(deadline), scenario(&ctx)).await });
        let outcome = match result {
            Ok(Ok(outcome)) => outcome,
            Ok(Err(e)) => failed(&e),
            Err(_) => failed(&format!("deadline of {deadline} s passed")),
        };
        eprintln!(
            "stress: {name}: {} {} ({:.1} s)",
            if outcome.pass { "PASS" } else { "FAIL" },
            outcome.figure,
            started.elapsed().as_secs_f64()
        );
        let stats = ctx.stats.lock().map(|s| s.clone()).unwrap_or_default();
        rows.push(Row {
            scenario: name,
            outcome,
            stats,
        });
    }
    // Whatever a scenario left running (idle sockets, long polls) goes with the runtime.
    rt.shutdown_timeout(Duration::from_secs(5));
    print_table(&rows);
    let failed: Vec<&str> = rows.iter().filter(|r| !r.outcome.pass).map(|r| r.scenario).collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("stress: failed: {}", failed.join(", ")))
    }
}

/// Runs the scenarios from the release xtask, the refserver already chosen and built.
fn run_release(
    xtask: &std::path::Path,
    refserver: &std::path::Path,
    names: &[String],
    cert_seconds: Option<u64>,
) -> Result<(), String> {
    let mut cmd = std::process::Command::new(xtask);
    cmd.arg("stress")
        .args(names)
        .arg("--no-build")
        .arg("--refserver")
        .arg(refserver);
    if let Some(n) = cert_seconds {
        cmd.arg("--seconds").arg(n.to_string());
    }
    let status = cmd.status().map_err(|e| format!("running {}: {e}", xtask.display()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("stress: the release xtask ended with {status}"))
    }
}

/// The load side holds thousands of sockets at once (2,000 idle connections, 1,000 writers):
/// its soft descriptor limit goes up to the hard one, or the harness, not the server, would run
/// out first.
fn raise_nofile() {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let mut limit = getrlimit(Resource::Nofile);
    // `None` is unlimited.
    if limit.current != limit.maximum {
        limit.current = limit.maximum;
        if let Err(e) = setrlimit(Resource::Nofile, limit) {
            eprintln!("stress: could not raise the descriptor limit: {e}");
        }
    }
    if let Some(n) = getrlimit(Resource::Nofile).current.filter(|n| *n < 8192) {
        eprintln!(
            "stress: descriptor limit {n} is low; idle-connections and kill-9-writes may fail on the client side"
        );
    }
}

fn failed(why: &str) -> Outcome {
    Outcome {
        load: "-".into(),
        pass: false,
        figure: why.lines().next().unwrap_or(why).chars().take(120).collect(),
        failures: "-".into(),
        lost: None,
        details: vec![why.to_string()],
    }
}

/// The table, columns padded to their widest cell, then the raw figures of each scenario.
fn print_table(rows: &[Row]) {
    let header = [
        "scenario",
        "load",
        "result",
        "failures",
        "lost writes",
        "server RSS",
        "server CPU",
    ]
    .map(String::from);
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            [
                r.scenario.to_string(),
                r.outcome.load.clone(),
                format!("{} {}", if r.outcome.pass { "PASS" } else { "FAIL" }, r.outcome.figure),
                r.outcome.failures.clone(),
                r.outcome.lost.map_or("-".into(), |n| n.to_string()),
                r.stats.rss_mib.map_or("-".into(), |m| format!("{m:.0} MiB")),
                r.stats.cpu_s.map_or("-".into(), |s| format!("{s:.1} s")),
            ]
        })
        .collect();
    let mut widths = header.clone().map(|h| h.len());
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |row: &[String; 7]| {
        let parts: Vec<String> = row
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        parts.join(" | ").trim_end().to_string()
    };
    println!();
    println!("{}", line(&header));
    println!("{}", widths.map(|w| "-".repeat(w)).join("-|-"));
    for row in &cells {
        println!("{}", line(row));
    }
    println!();
    for r in rows {
        for d in &r.outcome.details {
            println!("{}: {d}", r.scenario);
        }
    }
}
