//! The demo's database: a real PostgreSQL (certificate authentication only, trusting the
//! cluster's database client CA, with a server certificate from `tctl auth sign --format=db`),
//! registered as `demo-pg` (label `env=dev`), reachable by alice as database user `alice`
//! through role `demo-db`. PostgreSQL runs as the `postgres` user, so the demo needs root and
//! the postgresql package for it; elsewhere it runs without (with a note).

use std::path::Path;
use std::process::{Command, Stdio};

use tele_test_support::Postgres;

use crate::bench::run_ok;

/// The role that lets alice reach dev databases as database user alice.
pub const ROLE: &str = "kind: role\nversion: v7\nmetadata:\n  name: demo-db\nspec:\n  allow:\n    db_labels:\n      env: dev\n    db_users: [alice]\n    db_names: ['*']\n";

fn tctl(bin: &Path, config: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(bin.join("tctl"));
    c.arg("-c").arg(config).args(args).stdout(Stdio::null());
    c
}

/// Creates role `demo-db` (before the users that have it).
pub fn create_role(bin: &Path, dir: &Path, config: &Path) -> Result<(), String> {
    let file = dir.join("demo-db-role.yaml");
    std::fs::write(&file, ROLE).map_err(|e| e.to_string())?;
    run_ok(
        &mut tctl(bin, config, &["create", file.to_str().unwrap_or_default()]),
        "tctl create role demo-db",
    )
}

/// Starts PostgreSQL and registers it, or says why not.
pub fn start(bin: &Path, dir: &Path, config: &Path) -> Result<Option<Postgres>, String> {
    let root = crate::nodes::stdout_of(Command::new("id").arg("-u"), "id")?.trim() == "0";
    if !root || !Path::new("/usr/lib/postgresql").exists() {
        println!("(the demo runs without a database: it needs root and apt-get install postgresql)");
        return Ok(None);
    }
    registered_postgres(bin, dir, config, "demo-pg", "alice").map(Some)
}

/// A PostgreSQL with a server certificate from `tctl auth sign --format=db`, a login role for
/// `db_user`, registered as database `name` (label `env=dev`) with `tctl create`.
pub fn registered_postgres(
    bin: &Path,
    dir: &Path,
    config: &Path,
    name: &str,
    db_user: &str,
) -> Result<Postgres, String> {
    let out = dir.join(name);
    run_ok(
        tctl(
            bin,
            config,
            &[
                "auth",
                "sign",
                "--format=db",
                "--host=localhost,127.0.0.1",
                "--overwrite",
            ],
        )
        .arg(format!("--out={}", out.display())),
        "tctl auth sign --format=db",
    )?;
    let file = |ext: &str| dir.join(format!("{name}.{ext}"));
    let pg = Postgres::start(&file("key"), &file("crt"), &file("cas"));
    pg.create_role(db_user);
    let resource = dir.join(format!("{name}.yaml"));
    std::fs::write(
        &resource,
        format!(
            "kind: db\nversion: v3\nmetadata:\n  name: {name}\n  labels:\n    env: dev\nspec:\n  protocol: postgres\n  uri: localhost:{}\n",
            pg.port
        ),
    )
    .map_err(|e| e.to_string())?;
    run_ok(
        &mut tctl(bin, config, &["create", resource.to_str().unwrap_or_default()]),
        "tctl create db",
    )?;
    Ok(pg)
}
