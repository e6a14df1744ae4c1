//! `cargo xtask fuzz [TARGET...] [--runs N] [--seconds S] [--short] [--seeds]`: builds the
//! libFuzzer targets of `fuzz/` on the stable toolchain and runs each, one after the other.
//!
//! The build is what `cargo fuzz build --sanitizer none` does, so CI needs no `cargo install`:
//! release, the host target named explicitly (so build scripts and proc macros are built
//! without instrumentation), libFuzzer's SanitizerCoverage flags, debug assertions and overflow
//! checks, and its own target dir (`fuzz/target`, gitignored). Each target reads the committed
//! seeds (`fuzz/corpus/<target>`) and grows a work corpus in `fuzz/target/corpus/<target>`;
//! crashing inputs go to `fuzz/target/artifacts/<target>/`, the fuzzer's output to
//! `fuzz/target/logs/<target>.log`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::{cargo, check, root};

/// What `cargo fuzz build -s none` passes to rustc (cargo-fuzz's `project.rs`).
const RUSTFLAGS: &[&str] = &[
    "--cfg fuzzing",
    "-Cpasses=sancov-module",
    "-Cllvm-args=-sanitizer-coverage-level=4",
    "-Cllvm-args=-sanitizer-coverage-inline-8bit-counters",
    "-Cllvm-args=-sanitizer-coverage-pc-table",
    "-Cllvm-args=-sanitizer-coverage-trace-compares",
    "-Cdebug-assertions",
    "-Coverflow-checks",
];

/// The default run of each target: a million executions, ten minutes at most.
const RUNS: u64 = 1_000_000;
const SECONDS: u64 = 600;
/// `--short` (what `cargo xtask test` runs): a smoke run of every target.
const SHORT_RUNS: u64 = 20_000;
const SHORT_SECONDS: u64 = 10;
/// One input taking longer than this is a hang, reported as a crash.
const INPUT_TIMEOUT_SECONDS: u64 = 25;

struct Options {
    targets: Vec<String>,
    runs: u64,
    seconds: u64,
    seeds: bool,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut opts = Options {
        targets: Vec::new(),
        runs: RUNS,
        seconds: SECONDS,
        seeds: false,
    };
    let mut it = args.iter();
    let number = |flag: &str, v: Option<&String>| -> Result<u64, String> {
        v.and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("{flag} needs a number"))
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--runs" => opts.runs = number("--runs", it.next())?,
            "--seconds" => opts.seconds = number("--seconds", it.next())?,
            "--short" => {
                opts.runs = SHORT_RUNS;
                opts.seconds = SHORT_SECONDS;
            }
            "--seeds" => opts.seeds = true,
            flag if flag.starts_with('-') => return Err(format!("fuzz: unknown flag {flag}")),
            target => opts.targets.push(target.to_string()),
        }
    }
    Ok(opts)
}

fn fuzz_dir() -> PathBuf {
    root().join("fuzz")
}

/// The fuzz targets: `fuzz/fuzz_targets/*.rs`, by name.
fn all_targets() -> Result<Vec<String>, String> {
    let dir = fuzz_dir().join("fuzz_targets");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("reading {}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".rs"))
                .map(String::from)
        })
        .collect();
    names.sort();
    Ok(names)
}

fn host_triple() -> Result<String, String> {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(rustc)
        .arg("-vV")
        .output()
        .map_err(|e| format!("rustc -vV: {e}"))?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .map(str::to_string)
        .ok_or_else(|| "rustc -vV names no host".to_string())
}

/// `cargo <verb> --release` of the fuzz package with the instrumentation.
fn fuzz_cargo(verb: &str, host: &str) -> Command {
    let mut cmd = cargo();
    cmd.arg(verb)
        .arg("--release")
        .arg("--manifest-path")
        .arg(fuzz_dir().join("Cargo.toml"))
        .args(["--target", host])
        .arg("--target-dir")
        .arg(fuzz_dir().join("target"))
        .env("RUSTFLAGS", RUSTFLAGS.join(" "))
        .env("CARGO_INCREMENTAL", "0");
    cmd
}

pub fn run(args: &[String]) -> Result<(), String> {
    let opts = parse(args)?;
    let host = host_triple()?;
    if opts.seeds {
        // The seed writer is a test of the fuzz package, built like the targets.
        let mut cmd = fuzz_cargo("test", &host);
        cmd.args(["--test", "seeds", "--", "--ignored"]);
        return check(&mut cmd, "writing fuzz/corpus from the project's encoders");
    }
    let known = all_targets()?;
    let targets = if opts.targets.is_empty() {
        known.clone()
    } else {
        opts.targets.clone()
    };
    if let Some(unknown) = targets.iter().find(|t| !known.contains(t)) {
        return Err(format!("fuzz: no target {unknown:?}; there are: {}", known.join(", ")));
    }
    let started = Instant::now();
    let mut build = fuzz_cargo("build", &host);
    for t in &targets {
        build.args(["--bin", t]);
    }
    check(&mut build, "building the fuzz targets (stable, SanitizerCoverage)")?;
    let build_secs = started.elapsed().as_secs();
    let bin_dir = fuzz_dir().join("target").join(&host).join("release");
    let mut results = Vec::new();
    for t in &targets {
        results.push(run_target(&bin_dir, t, &opts)?);
    }
    print_table(&results);
    eprintln!(
        "xtask: fuzz: build {build_secs} s, total {} s",
        started.elapsed().as_secs()
    );
    let crashes: Vec<&PathBuf> = results.iter().flat_map(|r| &r.crashes).collect();
    if crashes.is_empty() {
        Ok(())
    } else {
        for c in &crashes {
            eprintln!("xtask: fuzz: crash: {}", c.display());
        }
        Err(format!(
            "{} crashing input(s); replay one with fuzz/target/{host}/release/TARGET FILE",
            crashes.len()
        ))
    }
}

struct Outcome {
    target: String,
    runs: Option<u64>,
    seconds: f64,
    crashes: Vec<PathBuf>,
    corpus: Option<u64>,
}

fn files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default()
}

fn run_target(bin_dir: &Path, target: &str, opts: &Options) -> Result<Outcome, String> {
    let work = fuzz_dir().join("target");
    let corpus = work.join("corpus").join(target);
    let seeds = fuzz_dir().join("corpus").join(target);
    let artifacts = work.join("artifacts").join(target);
    let logs = work.join("logs");
    for d in [&corpus, &seeds, &artifacts, &logs] {
        std::fs::create_dir_all(d).map_err(|e| format!("creating {}: {e}", d.display()))?;
    }
    let before = files(&artifacts);
    let log_path = logs.join(format!("{target}.log"));
    let log = std::fs::File::create(&log_path).map_err(|e| format!("creating {}: {e}", log_path.display()))?;
    eprintln!(
        "xtask: fuzz {target}: up to {} runs or {} s (log: {})",
        opts.runs,
        opts.seconds,
        log_path.display()
    );
    let started = Instant::now();
    // New inputs go to the first corpus dir (the work one); the seeds are only read.
    let status = Command::new(bin_dir.join(target))
        .arg(format!("-runs={}", opts.runs))
        .arg(format!("-max_total_time={}", opts.seconds))
        .arg(format!("-timeout={INPUT_TIMEOUT_SECONDS}"))
        .arg("-print_final_stats=1")
        .arg(format!("-artifact_prefix={}/", artifacts.display()))
        .arg(&corpus)
        .arg(&seeds)
        .stdin(Stdio::null())
        .stdout(log.try_clone().map_err(|e| e.to_string())?)
        .stderr(log)
        .status()
        .map_err(|e| format!("running {target}: {e}"))?;
    let seconds = started.elapsed().as_secs_f64();
    let text = std::fs::read_to_string(&log_path).unwrap_or_default();
    let mut crashes: Vec<PathBuf> = files(&artifacts).into_iter().filter(|p| !before.contains(p)).collect();
    crashes.sort();
    if !status.success() && crashes.is_empty() {
        // A failure that left no input behind (the fuzzer itself failed): say so.
        return Err(format!(
            "fuzz target {target} failed ({status}) without a crash file; see {}",
            log_path.display()
        ));
    }
    Ok(Outcome {
        target: target.to_string(),
        runs: executions(&text),
        seconds,
        crashes,
        corpus: corpus_size(&text),
    })
}

/// Executions from libFuzzer's final `Done N runs in S second(s)`, else its final stats line
/// `stat::number_of_executed_units: N`, else the last status line's `#N`.
fn executions(log: &str) -> Option<u64> {
    let done = log.lines().rev().find_map(|l| {
        l.strip_prefix("Done ")
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
    });
    let stat = || {
        log.lines().rev().find_map(|l| {
            l.strip_prefix("stat::number_of_executed_units:")
                .and_then(|n| n.trim().parse().ok())
        })
    };
    let status = || {
        log.lines().rev().find_map(|l| {
            l.strip_prefix('#')
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|n| n.parse().ok())
        })
    };
    done.or_else(stat).or_else(status)
}

/// Units in the corpus from the last status line (`... corp: 123/45Kb ...`).
fn corpus_size(log: &str) -> Option<u64> {
    log.lines().rev().find_map(|l| {
        let rest = l.split(" corp: ").nth(1)?;
        rest.split('/').next()?.parse().ok()
    })
}

fn print_table(results: &[Outcome]) {
    let show = |v: Option<u64>| v.map_or_else(|| "?".to_string(), |n| n.to_string());
    let rows: Vec<[String; 5]> = results
        .iter()
        .map(|r| {
            [
                r.target.clone(),
                show(r.runs),
                format!("{:.0}", r.seconds),
                r.crashes.len().to_string(),
                show(r.corpus),
            ]
        })
        .collect();
    let header = ["target", "executions", "seconds", "crashes", "corpus size"];
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.len());
        }
    }
    let line = |cells: [&str; 5]| {
        let mut out = format!("{:<w$}", cells[0], w = widths[0]);
        for (i, cell) in cells.iter().enumerate().skip(1) {
            out.push_str(&format!(" | {cell:>w$}", w = widths[i]));
        }
        out
    };
    println!("{}", line(header));
    println!(
        "{}",
        widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("-|-")
    );
    for row in &rows {
        println!("{}", line([&row[0], &row[1], &row[2], &row[3], &row[4]]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libfuzzers_final_lines() {
        let log = "#2\tINITED cov: 10 ft: 10 corp: 3/120b exec/s: 0 rss: 30Mb\n\
                   #65536\tpulse  cov: 50 ft: 90 corp: 17/2Kb lim: 600 exec/s: 21845 rss: 40Mb\n\
                   #1000000\tDONE   cov: 52 ft: 95 corp: 19/3Kb lim: 4096 exec/s: 33333 rss: 41Mb\n\
                   Done 1000000 runs in 30 second(s)\n\
                   stat::number_of_executed_units: 1000000\n";
        assert_eq!(executions(log), Some(1_000_000));
        assert_eq!(corpus_size(log), Some(19));
        // Killed by a crash: no Done line, the stats say how far it got.
        let crashed = "#700\tNEW    cov: 9 ft: 9 corp: 4/1b\n==1== ERROR: libFuzzer: deadly signal\n\
                       stat::number_of_executed_units: 712\n";
        assert_eq!(executions(crashed), Some(712));
        assert_eq!(corpus_size(crashed), Some(4));
        assert_eq!(executions("garbage"), None);
    }

    #[test]
    fn flags() {
        let o = parse(&["--short".into(), "x509".into()]).unwrap();
        assert_eq!(
            (o.runs, o.seconds, o.targets.as_slice()),
            (SHORT_RUNS, SHORT_SECONDS, &["x509".to_string()][..])
        );
        let o = parse(&["--runs".into(), "5".into(), "--seconds".into(), "7".into()]).unwrap();
        assert_eq!((o.runs, o.seconds), (5, 7));
        assert!(parse(&["--runs".into()]).is_err());
        assert!(parse(&["--bogus".into()]).is_err());
    }
}
