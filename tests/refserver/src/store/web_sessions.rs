//! Browser sign-ins (the cookie sessions of the web pages). Only a SHA-256 hash of each cookie
//! value is stored, so a copy of the database signs nobody in.

use std::time::SystemTime;

use rusqlite::params;
use tele_common::error::Result;

use super::{Store, optional, unix};

impl Store {
    /// Stores a session (by the hash of its cookie value) and drops the expired ones.
    pub fn put_web_session(&self, hash: &str, user: &str, expires: SystemTime) -> Result<()> {
        let now = unix(SystemTime::now());
        self.with(|c| {
            c.execute("DELETE FROM web_sessions WHERE expires <= ?1", [now])?;
            c.execute(
                "INSERT INTO web_sessions (hash, user, expires, created) VALUES (?1, ?2, ?3, ?4)",
                params![hash, user, unix(expires), now],
            )
            .map(drop)
        })
    }

    /// The user of a live session.
    pub fn web_session_user(&self, hash: &str, now: SystemTime) -> Result<Option<String>> {
        self.with(|c| {
            optional(c.query_row(
                "SELECT user FROM web_sessions WHERE hash = ?1 AND expires > ?2",
                params![hash, unix(now)],
                |r| r.get(0),
            ))
        })
    }

    /// Ends a session; returns whether it existed.
    pub fn delete_web_session(&self, hash: &str) -> Result<bool> {
        self.with(|c| {
            c.execute("DELETE FROM web_sessions WHERE hash = ?1", [hash])
                .map(|n| n > 0)
        })
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tele_common::resources::{Metadata, User, UserSpec};

    use super::*;

    #[test]
    fn a_session_lives_until_it_expires_or_its_user_goes() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(dir.path()).unwrap();
        let user = User {
            kind: "user".into(),
            version: "v2".into(),
            metadata: Metadata::named("alice".to_string()),
            spec: UserSpec::default(),
        };
        s.put_user(&user, false).unwrap();
        let now = SystemTime::now();
        s.put_web_session("h1", "alice", now + Duration::from_secs(60)).unwrap();
        s.put_web_session("old", "alice", now - Duration::from_secs(1)).unwrap();
        assert_eq!(s.web_session_user("h1", now).unwrap().as_deref(), Some("alice"));
        assert_eq!(s.web_session_user("h1", now + Duration::from_secs(61)).unwrap(), None);
        assert_eq!(s.web_session_user("old", now).unwrap(), None);
        assert_eq!(s.web_session_user("h2", now).unwrap(), None);
        // A new sign-in clears out the expired sessions.
        s.put_web_session("h2", "alice", now + Duration::from_secs(60)).unwrap();
        let left: i64 = s
            .with(|c| c.query_row("SELECT COUNT(*) FROM web_sessions", [], |r| r.get(0)))
            .unwrap();
        assert_eq!(left, 2);
        assert!(s.delete_web_session("h2").unwrap());
        assert!(!s.delete_web_session("h2").unwrap());
        s.delete_user("alice").unwrap();
        assert_eq!(
            s.web_session_user("h1", now).unwrap(),
            None,
            "sessions go with their user"
        );
    }
}
