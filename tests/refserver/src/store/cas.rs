//! Certificate authority rows: private keys stay in the database, never in logs or answers.

use super::{Store, optional, unix};
use tele_common::error::Result;

/// One CA as stored.
pub struct CaRow {
    /// Private key (OpenSSH or PKCS#8 PEM).
    pub private_key: String,
    /// Public part (OpenSSH public key or certificate PEM).
    pub public: String,
}

impl Store {
    /// Reads a CA by kind (`ssh_user`, `ssh_host`, `tls`).
    pub fn ca(&self, kind: &str) -> Result<Option<CaRow>> {
        self.with(|c| {
            optional(c.query_row(
                "SELECT private_key, public FROM cert_authorities WHERE kind = ?1",
                [kind],
                |r| {
                    Ok(CaRow {
                        private_key: r.get(0)?,
                        public: r.get(1)?,
                    })
                },
            ))
        })
    }

    /// Stores a new CA.
    pub fn insert_ca(&self, kind: &str, row: &CaRow) -> Result<()> {
        self.with(|c| {
            c.execute(
                "INSERT INTO cert_authorities (kind, private_key, public, created) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![kind, row.private_key, row.public, unix(std::time::SystemTime::now())],
            )
            .map(drop)
        })
    }
}
