//! The database figures of `cargo xtask bench mfa` (they need its cluster and logged-in user):
//! `SELECT 1` by `psql` through a running `tsh proxy db --tunnel` (loopback tunnel, TLS to the
//! proxy, the proxy's checks, TLS to PostgreSQL with a certificate made per connection) and by
//! `tsh db connect` end to end (a routed certificate per run), against `psql` to the same
//! PostgreSQL through its Unix socket as the superuser (no TLS, no proxy), interleaved.
//! All three run the same psql binary (not Debian's Perl wrapper on PATH).
//! PostgreSQL runs as the `postgres` user, so this part needs root; elsewhere it is skipped.

use std::io::BufRead;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::bench::{median, ms, run_ok};
use crate::nodes::{Kill, stdout_of};

const RUNS: usize = 21;

/// Runs the database figures for user `bench` (role `apps-bench`) with `tctl -c config`.
pub fn run(bin: &Path, dir: &Path, config: &Path, tsh: &dyn Fn(&[&str]) -> Command) -> Result<(), String> {
    let root = stdout_of(Command::new("id").arg("-u"), "id")?.trim() == "0";
    if !root || !Path::new("/usr/lib/postgresql").exists() {
        println!("database figures skipped: they need root and the postgresql package");
        return Ok(());
    }
    let pg = crate::demo_db::registered_postgres(bin, dir, config, "bench-pg", "bench")?;

    let mut tunnel = tsh(&[
        "proxy",
        "db",
        "--tunnel",
        "bench-pg",
        "--db-user=bench",
        "--db-name=postgres",
        "--insecure",
    ]);
    let mut child = tunnel.stdout(Stdio::piped()).spawn().map_err(|e| e.to_string())?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let _tunnel = Kill(child);
    let url = std::io::BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|l| l.trim().strip_prefix("$ psql ").map(String::from))
        .ok_or("tsh proxy db printed no psql line")?;
    let psql = |cmd: &mut Command| {
        let start = Instant::now();
        run_ok(cmd.stdin(Stdio::null()).stdout(Stdio::null()), "psql").map(|()| start.elapsed())
    };
    // The same psql binary everywhere, not Debian's Perl wrapper on PATH.
    let path = format!(
        "{}:{}",
        pg.bin_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let (mut direct, mut tunneled, mut connect) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        direct.push(psql(pg.superuser_psql().args(["-c", "select 1"]))?);
        tunneled.push(psql(Command::new(pg.bin_dir().join("psql")).args([
            url.as_str(),
            "-X",
            "-c",
            "select 1",
        ]))?);
        let start = Instant::now();
        let mut c = tsh(&[
            "db",
            "connect",
            "bench-pg",
            "--db-user=bench",
            "--db-name=postgres",
            "--insecure",
        ]);
        let child = c
            .env("PATH", &path)
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?;
        crate::nodes::feed(child, "select 1")?;
        connect.push(start.elapsed());
    }
    let (direct, tunneled, connect) = (median(direct), median(tunneled), median(connect));
    println!(
        "psql -c 'select 1', Unix socket as superuser: {:7.1} ms  (median of {RUNS}, interleaved)",
        ms(direct)
    );
    println!(
        "psql through tsh proxy db --tunnel:          {:7.1} ms  ({:.2}x)",
        ms(tunneled),
        tunneled.as_secs_f64() / direct.as_secs_f64()
    );
    println!(
        "tsh db connect (certificate, tunnel, psql):  {:7.1} ms  ({:.2}x)",
        ms(connect),
        connect.as_secs_f64() / direct.as_secs_f64()
    );
    Ok(())
}
