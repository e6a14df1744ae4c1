//! A real PostgreSQL on a free loopback port with certificate authentication only, run as the
//! `postgres` OS user (initdb and postgres refuse root) in a temp dir.

use std::fs::File;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::{free_port, require_program, temp_dir, wait_for};

/// The Debian package the PostgreSQL programs come from.
const PACKAGE: &str = "postgresql";

/// A running PostgreSQL. Dropping it stops the server.
pub struct Postgres {
    dir: tempfile::TempDir,
    bin: PathBuf,
    /// The TCP port it listens on (127.0.0.1 only).
    pub port: u16,
    child: Child,
}

impl Postgres {
    /// Initialises a cluster and starts it with `ssl = on`, the given server certificate and key
    /// and `client_ca` as `ssl_ca_file`; TCP connections must present a client certificate
    /// signed by `client_ca` whose CN is the database user (`hostssl all all 127.0.0.1/32 cert`,
    /// no other host line). The `postgres` superuser reaches it through the local socket only.
    pub fn start(server_key: &Path, server_crt: &Path, client_ca: &Path) -> Self {
        let bin = bin_dir();
        let dir = temp_dir();
        let data = dir.path().join("data");
        let certs = dir.path().join("certs");
        let sockets = dir.path().join("sockets");
        for d in [&certs, &sockets] {
            std::fs::create_dir(d).expect("creating a PostgreSQL dir");
        }
        for (from, name) in [
            (server_key, "server.key"),
            (server_crt, "server.crt"),
            (client_ca, "client.cas"),
        ] {
            let to = certs.join(name);
            std::fs::copy(from, &to).unwrap_or_else(|e| panic!("copying {}: {e}", from.display()));
            std::fs::set_permissions(&to, std::fs::Permissions::from_mode(0o600)).expect("chmod 0600");
        }
        chown_postgres(dir.path());
        for d in [&certs, &sockets] {
            chown_postgres(d);
        }
        for name in ["server.key", "server.crt", "client.cas"] {
            chown_postgres(&certs.join(name));
        }
        as_postgres(
            &bin.join("initdb"),
            &[
                "-D",
                path(&data),
                "-U",
                "postgres",
                "--auth-local=trust",
                "--auth-host=reject",
            ],
        );
        std::fs::write(
            data.join("pg_hba.conf"),
            "local all all trust\nhostssl all all 127.0.0.1/32 cert\n",
        )
        .expect("writing pg_hba.conf");
        let conf = format!(
            "\nssl = on\nssl_cert_file = '{}'\nssl_key_file = '{}'\nssl_ca_file = '{}'\n",
            certs.join("server.crt").display(),
            certs.join("server.key").display(),
            certs.join("client.cas").display(),
        );
        let mut text = std::fs::read_to_string(data.join("postgresql.conf")).expect("reading postgresql.conf");
        text.push_str(&conf);
        std::fs::write(data.join("postgresql.conf"), text).expect("writing postgresql.conf");
        let port = free_port();
        let log = File::create(dir.path().join("postgres.log")).expect("postgres log");
        chown_postgres(&dir.path().join("postgres.log"));
        let child = Command::new(runuser())
            .args(["-u", "postgres", "--"])
            .arg(bin.join("postgres"))
            .args(["-D", path(&data), "-k", path(&sockets), "-h", "127.0.0.1", "-p"])
            .arg(port.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            .spawn()
            .expect("starting postgres");
        let mut me = Self { dir, bin, port, child };
        wait_for("postgres to accept connections", Duration::from_secs(60), || {
            if let Ok(Some(status)) = me.child.try_wait() {
                panic!("postgres exited with {status}:\n{}", me.log());
            }
            me.superuser_sql("SELECT 1").status.success()
        });
        me
    }

    /// What postgres logged.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("postgres.log")).unwrap_or_default()
    }

    /// Creates a login role (no password: it can only sign in with a certificate).
    pub fn create_role(&self, name: &str) {
        self.superuser_ok(&format!("CREATE ROLE {} LOGIN", ident(name)));
    }

    /// Creates a database owned by `owner`.
    pub fn create_database(&self, name: &str, owner: &str) {
        self.superuser_ok(&format!("CREATE DATABASE {} OWNER {}", ident(name), ident(owner)));
    }

    fn superuser_ok(&self, sql: &str) {
        let out = self.superuser_sql(sql);
        assert!(
            out.status.success(),
            "{sql}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Runs SQL as the `postgres` superuser through the local socket.
    fn superuser_sql(&self, sql: &str) -> std::process::Output {
        self.superuser_psql()
            .args(["-q", "-v", "ON_ERROR_STOP=1", "-c", sql])
            .stdin(Stdio::null())
            .output()
            .expect("running psql")
    }

    /// The directory of this PostgreSQL's programs: its `psql` is the binary itself, where the
    /// `psql` on PATH is Debian's Perl wrapper (about 15 ms of start-up).
    pub fn bin_dir(&self) -> &Path {
        &self.bin
    }

    /// `psql` as the `postgres` superuser through the local socket, without TLS or the proxy:
    /// the baseline of the database benchmark.
    pub fn superuser_psql(&self) -> Command {
        let mut cmd = Command::new(runuser());
        cmd.args(["-u", "postgres", "--"])
            .arg(self.bin.join("psql"))
            .args(["-X", "-d", "postgres", "-U", "postgres", "-h"])
            .arg(self.dir.path().join("sockets"))
            .arg("-p")
            .arg(self.port.to_string());
        cmd
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        // runuser may sit between us and the postmaster: stop the server itself, then reap.
        let data = self.dir.path().join("data");
        let _ = Command::new(runuser())
            .args(["-u", "postgres", "--"])
            .arg(self.bin.join("pg_ctl"))
            .args(["stop", "-m", "immediate", "-w", "-D"])
            .arg(&data)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `/usr/lib/postgresql/<newest>/bin`, or a panic naming the package.
fn bin_dir() -> PathBuf {
    let mut dirs: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("postgres").exists().then_some((version, bin))
        })
        .collect();
    dirs.sort();
    dirs.pop().map(|(_, bin)| bin).unwrap_or_else(|| {
        panic!("this test needs PostgreSQL's server: install the Debian package `{PACKAGE}` (cargo xtask test does it as root)")
    })
}

fn runuser() -> PathBuf {
    require_program("runuser", "util-linux")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// Runs a program as `postgres`, panicking with its output when it fails.
fn as_postgres(program: &Path, args: &[&str]) {
    let out = Command::new(runuser())
        .args(["-u", "postgres", "--"])
        .arg(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("running runuser");
    assert!(
        out.status.success(),
        "{} {args:?}: {}{}",
        program.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Gives a path to the `postgres` user (PostgreSQL demands it owns its key and data dir).
fn chown_postgres(p: &Path) {
    let (uid, gid) = postgres_ids();
    std::os::unix::fs::chown(p, Some(uid), Some(gid)).unwrap_or_else(|e| panic!("chown {}: {e}", p.display()));
}

fn postgres_ids() -> (u32, u32) {
    let passwd = std::fs::read_to_string("/etc/passwd").expect("reading /etc/passwd");
    passwd
        .lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.first() == Some(&"postgres") && f.len() > 3).then(|| (f[2].parse().ok(), f[3].parse().ok()))
        })
        .and_then(|(u, g)| Some((u?, g?)))
        .unwrap_or_else(|| panic!("no `postgres` user: install the Debian package `{PACKAGE}`"))
}

/// A double-quoted SQL identifier.
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
