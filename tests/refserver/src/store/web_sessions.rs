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
