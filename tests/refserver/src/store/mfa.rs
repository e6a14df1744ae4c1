//! Pending MFA challenges (one per user and scope, taken once) and failed logins.

use std::time::SystemTime;

use rusqlite::params;
use tele_common::error::Result;

use super::{Store, optional, unix};

impl Store {
    /// Stores a challenge's server-side state, replacing an older one of the same scope.
    pub fn put_challenge(&self, user: &str, scope: &str, state: &str, expires: SystemTime) -> Result<()> {
        self.with(|c| {
            c.execute(
                "INSERT INTO mfa_challenges (user, scope, state, expires) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (user, scope) DO UPDATE SET state = ?3, expires = ?4",
                params![user, scope, state, unix(expires)],
            )
            .map(drop)
        })
    }

    /// Takes a challenge: returns its state and expiry and deletes it, so it answers once.
    pub fn take_challenge(&self, user: &str, scope: &str) -> Result<Option<(String, i64)>> {
        self.with(|c| {
            let tx = c.transaction()?;
            let row = optional(tx.query_row(
                "SELECT state, expires FROM mfa_challenges WHERE user = ?1 AND scope = ?2",
                params![user, scope],
                |r| Ok((r.get(0)?, r.get(1)?)),
            ))?;
            tx.execute(
                "DELETE FROM mfa_challenges WHERE user = ?1 AND scope = ?2",
                params![user, scope],
            )?;
            tx.commit()?;
            Ok(row)
        })
    }

    /// Records a failed login for a name (known or not), and forgets failures from before
    /// `forget_before` (they count for nothing), so strangers' guesses cannot pile up.
    pub fn add_login_failure(&self, name: &str, at: SystemTime, forget_before: SystemTime) -> Result<()> {
        self.with(|c| {
            c.execute(
                "DELETE FROM login_failures WHERE at <= ?1",
                params![unix(forget_before)],
            )?;
            c.execute(
                "INSERT INTO login_failures (name, at) VALUES (?1, ?2)",
                params![name, unix(at)],
            )
            .map(drop)
        })
    }

    /// Counts failed logins for a name since `since`.
    pub fn login_failures_since(&self, name: &str, since: SystemTime) -> Result<u32> {
        self.with(|c| {
            c.query_row(
                "SELECT COUNT(*) FROM login_failures WHERE name = ?1 AND at > ?2",
                params![name, unix(since)],
                |r| r.get(0),
            )
        })
    }

    /// Forgets failed logins for a name (after a successful login).
    pub fn clear_login_failures(&self, name: &str) -> Result<()> {
        self.with(|c| {
            c.execute("DELETE FROM login_failures WHERE name = ?1", [name])
                .map(drop)
        })
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn rows(s: &Store) -> u32 {
        s.with(|c| c.query_row("SELECT COUNT(*) FROM login_failures", [], |r| r.get(0)))
            .unwrap()
    }

    #[test]
    fn failures_older_than_the_lockout_window_are_pruned_on_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(dir.path()).unwrap();
        let window = Duration::from_secs(30 * 60);
        let t0 = SystemTime::now();
        // A stranger's spray of names, each failing once.
        for i in 0..500 {
            s.add_login_failure(&format!("name-{i}"), t0, t0 - window).unwrap();
        }
        assert_eq!(rows(&s), 500);
        assert_eq!(s.login_failures_since("name-7", t0 - window).unwrap(), 1);
        // One more failure once the window has passed: the old ones are gone, not just ignored.
        let later = t0 + window + Duration::from_secs(1);
        s.add_login_failure("alice", later, later - window).unwrap();
        assert_eq!(rows(&s), 1);
        assert_eq!(s.login_failures_since("name-7", t0 - window).unwrap(), 0);
        assert_eq!(s.login_failures_since("alice", later - window).unwrap(), 1);
    }
}
