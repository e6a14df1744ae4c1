//! Durable state in SQLite inside `data_dir`: WAL journal, `synchronous=FULL` (an acknowledged
//! write survives `kill -9`), schema migrations keyed by `PRAGMA user_version`.

mod cas;
mod cluster;
mod databases;
mod headless;
mod mfa;
mod nodes;
mod tokens;
mod users;
mod web_sessions;

use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::Connection;
use tele_common::error::{Error, Result};

pub use cas::CaRow;
pub use headless::HeadlessRow;
pub use nodes::{NodeRow, SessionRow};
pub use tokens::TokenRow;
pub use users::{MfaDevice, UserRow};

/// Each entry moves the schema one version forward. Never edit an entry; append a new one.
const MIGRATIONS: &[&str] = &[
    // 1: the foundation.
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
     CREATE TABLE cert_authorities (kind TEXT PRIMARY KEY, private_key TEXT NOT NULL, public TEXT NOT NULL, created INTEGER NOT NULL);
     CREATE TABLE tokens (name TEXT PRIMARY KEY, roles TEXT NOT NULL, labels TEXT NOT NULL, expires INTEGER, created INTEGER NOT NULL);
     CREATE INDEX tokens_by_expiry ON tokens (expires);
     CREATE TABLE users (name TEXT PRIMARY KEY, spec TEXT NOT NULL, password_hash TEXT, created INTEGER NOT NULL);
     CREATE TABLE user_tokens (name TEXT PRIMARY KEY, user TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE, kind TEXT NOT NULL, expires INTEGER NOT NULL, created INTEGER NOT NULL);
     CREATE TABLE mfa_devices (id TEXT PRIMARY KEY, user TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE, name TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL, added INTEGER NOT NULL, last_used INTEGER, UNIQUE (user, name));
     CREATE TABLE roles (name TEXT PRIMARY KEY, resource TEXT NOT NULL);
     CREATE TABLE cluster_config (name TEXT PRIMARY KEY, resource TEXT NOT NULL);",
    // 2: login: pending MFA challenges (single use) and failed attempts (lockout).
    "CREATE TABLE mfa_challenges (user TEXT NOT NULL, scope TEXT NOT NULL, state TEXT NOT NULL, expires INTEGER NOT NULL, PRIMARY KEY (user, scope));
     CREATE TABLE login_failures (name TEXT NOT NULL, at INTEGER NOT NULL);
     CREATE INDEX login_failures_by_name ON login_failures (name, at);",
    // 3: SSH access: joined OpenSSH nodes and recorded sessions.
    "CREATE TABLE nodes (name TEXT PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, addr TEXT NOT NULL, labels TEXT NOT NULL, version TEXT NOT NULL, joined INTEGER NOT NULL);
     CREATE TABLE sessions (id TEXT PRIMARY KEY, user TEXT NOT NULL, login TEXT NOT NULL, node TEXT NOT NULL, kind TEXT NOT NULL, command TEXT NOT NULL, started INTEGER NOT NULL, ended INTEGER);",
    // 4: headless WebAuthn: login requests waiting for their user's approval.
    "CREATE TABLE headless_requests (id TEXT PRIMARY KEY, user TEXT NOT NULL, ssh_pub_key TEXT NOT NULL, tls_pub_key TEXT NOT NULL, client_ip TEXT NOT NULL, state TEXT NOT NULL, device TEXT, created INTEGER NOT NULL, expires INTEGER NOT NULL);
     CREATE INDEX headless_by_user ON headless_requests (user, expires);",
    // 5: browser sign-ins: SHA-256 of the session cookie, never the cookie itself.
    "CREATE TABLE web_sessions (hash TEXT PRIMARY KEY, user TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE, expires INTEGER NOT NULL, created INTEGER NOT NULL);
     CREATE INDEX web_sessions_by_expiry ON web_sessions (expires);",
    // 6: databases and Kubernetes clusters, stored as their resources' JSON.
    "CREATE TABLE databases (name TEXT PRIMARY KEY, resource TEXT NOT NULL);
     CREATE TABLE kube_clusters (name TEXT PRIMARY KEY, resource TEXT NOT NULL);",
];

/// The server's database.
pub struct Store {
    conn: Mutex<Connection>,
    fresh: bool,
}

impl Store {
    /// Opens (creating if needed) `data_dir/teleport.db` and migrates it.
    pub fn open(data_dir: &Path) -> Result<Self> {
        let path = data_dir.join("teleport.db");
        // The database holds CA private keys: create it owner-only before SQLite does (its
        // -wal and -shm files copy the main file's mode).
        std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .open(&path)
            .map_err(|e| Error::internal(format!("creating {}: {e}", path.display())))?;
        let mut conn =
            Connection::open(&path).map_err(|e| Error::internal(format!("opening {}: {e}", path.display())))?;
        conn.busy_timeout(Duration::from_secs(10)).map_err(db)?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(db)?;
        conn.pragma_update(None, "synchronous", "FULL").map_err(db)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(db)?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(db)?;
        let version = usize::try_from(version).unwrap_or(0);
        if version > MIGRATIONS.len() {
            return Err(Error::internal(format!(
                "{} has schema version {version}, newer than this server knows ({})",
                path.display(),
                MIGRATIONS.len()
            )));
        }
        let tx = conn.transaction().map_err(db)?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
            tx.execute_batch(sql).map_err(db)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64).map_err(db)?;
        }
        tx.commit().map_err(db)?;
        Ok(Self {
            conn: Mutex::new(conn),
            fresh: version == 0,
        })
    }

    /// Returns whether this open created the database (bootstrap applies only then).
    pub fn is_fresh(&self) -> bool {
        self.fresh
    }

    /// Runs `f` with the connection.
    fn with<T>(&self, f: impl FnOnce(&mut Connection) -> rusqlite::Result<T>) -> Result<T> {
        let mut conn = self
            .conn
            .lock()
            .map_err(|_| Error::internal("database lock poisoned"))?;
        f(&mut conn).map_err(db)
    }

    /// Reads a value of the `meta` table.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        self.with(|c| optional(c.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))))
    }

    /// Writes a value of the `meta` table.
    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.with(|c| {
            c.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
                [key, value],
            )
            .map(drop)
        })
    }
}

/// Runs the reads of `f` in one read transaction: one snapshot, and one WAL read lock rather
/// than one per statement. `BEGIN` and `COMMIT` are cached statements, not parsed again at
/// every call as `Connection::transaction` does (this runs at every authenticated call).
fn read_snapshot<T>(c: &Connection, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    c.prepare_cached("BEGIN DEFERRED")?.execute([])?;
    let result = f(c).and_then(|v| c.prepare_cached("COMMIT")?.execute([]).map(|_| v));
    if !c.is_autocommit() {
        // Still open (a read or the commit failed): reads only, so ending it loses nothing, and
        // the next call must not find a transaction already begun. The first error is the one
        // worth reporting.
        let _ = c.prepare_cached("ROLLBACK").and_then(|mut s| s.execute([]));
    }
    result
}

fn db(e: rusqlite::Error) -> Error {
    Error::internal(format!("database: {e}"))
}

fn optional<T>(r: rusqlite::Result<T>) -> rusqlite::Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Unix seconds of a time.
pub fn unix(t: SystemTime) -> i64 {
    t.duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// The time of Unix seconds.
pub fn from_unix(secs: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs.max(0) as u64)
}

fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, format!("{what}: {e}").into())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_once_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(dir.path()).unwrap();
        assert!(s.is_fresh());
        s.set_meta("cluster_name", "a").unwrap();
        drop(s);
        let s = Store::open(dir.path()).unwrap();
        assert!(!s.is_fresh());
        assert_eq!(s.meta("cluster_name").unwrap().as_deref(), Some("a"));
    }

    #[test]
    fn user_with_roles_reads_the_roles_that_exist() {
        use tele_common::resources::{Role, RoleSpec, User};
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(dir.path()).unwrap();
        assert!(s.user_with_roles("alice").unwrap().is_none());
        let roles = vec!["access".to_string(), "gone".to_string()];
        s.put_user(&User::new("alice", roles, vec!["alice".into()]), false)
            .unwrap();
        s.put_role(&Role::new("access", RoleSpec::default()), false).unwrap();
        let (row, roles) = s.user_with_roles("alice").unwrap().unwrap();
        assert_eq!(row.user.metadata.name, "alice");
        let names: Vec<&str> = roles.iter().map(|r| r.metadata.name.as_str()).collect();
        assert_eq!(names, ["access"]);
        // The read transaction ended: writes and further reads still work.
        s.delete_role("access").unwrap();
        assert!(s.user_with_roles("alice").unwrap().unwrap().1.is_empty());
    }
}
