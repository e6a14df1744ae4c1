//! Join tokens. Expired rows are never returned and are purged when seen.

use std::collections::BTreeMap;
use std::time::SystemTime;

use rusqlite::params;
use tele_common::error::{Error, Result};
use tele_common::resources::{ProvisionToken, SystemRole};

use super::{Store, from_json, from_unix, optional, to_json, unix};

/// A stored join token.
pub struct TokenRow {
    /// The secret.
    pub name: String,
    /// What it joins as.
    pub roles: Vec<SystemRole>,
    /// Labels.
    pub labels: BTreeMap<String, String>,
    /// Expiry.
    pub expires: Option<SystemTime>,
}

impl TokenRow {
    /// The resource form.
    pub fn to_resource(&self) -> ProvisionToken {
        let mut t = ProvisionToken::new(self.name.clone(), self.roles.clone(), self.expires);
        t.metadata.labels = self.labels.clone();
        t
    }
}

impl Store {
    /// Inserts a token; fails with AlreadyExists when a live one has the name (`replace` overwrites).
    pub fn put_token(&self, row: &TokenRow, replace: bool, now: SystemTime) -> Result<bool> {
        let created = self.with(|c| {
            let tx = c.transaction()?;
            tx.execute(
                "DELETE FROM tokens WHERE name = ?1 AND expires IS NOT NULL AND expires <= ?2",
                params![row.name, unix(now)],
            )?;
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM tokens WHERE name = ?1)",
                [&row.name],
                |r| r.get(0),
            )?;
            if exists && !replace {
                return Ok(None);
            }
            tx.execute(
                "INSERT INTO tokens (name, roles, labels, expires, created) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (name) DO UPDATE SET roles = ?2, labels = ?3, expires = ?4",
                params![
                    row.name,
                    to_json(&row.roles),
                    to_json(&row.labels),
                    row.expires.map(unix),
                    unix(now)
                ],
            )?;
            tx.commit()?;
            Ok(Some(!exists))
        })?;
        created.ok_or_else(|| Error::already_exists("a token with this value already exists"))
    }

    /// Inserts or replaces many tokens in one transaction (bootstrap).
    pub fn put_tokens(&self, rows: &[TokenRow], now: SystemTime) -> Result<()> {
        self.with(|c| {
            let tx = c.transaction()?;
            {
                let mut stmt = tx.prepare(
                    "INSERT INTO tokens (name, roles, labels, expires, created) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (name) DO UPDATE SET roles = ?2, labels = ?3, expires = ?4",
                )?;
                for row in rows {
                    stmt.execute(params![
                        row.name,
                        to_json(&row.roles),
                        to_json(&row.labels),
                        row.expires.map(unix),
                        unix(now)
                    ])?;
                }
            }
            tx.commit()
        })
    }

    /// Lists live tokens, soonest expiry first.
    pub fn tokens(&self, now: SystemTime) -> Result<Vec<TokenRow>> {
        self.with(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT name, roles, labels, expires FROM tokens WHERE expires IS NULL OR expires > ?1 ORDER BY expires",
            )?;
            let rows = stmt.query_map([unix(now)], read_row)?;
            rows.collect()
        })
    }

    /// Reads a live token.
    pub fn token(&self, name: &str, now: SystemTime) -> Result<Option<TokenRow>> {
        self.with(|c| {
            optional(c.query_row(
                "SELECT name, roles, labels, expires FROM tokens WHERE name = ?1 AND (expires IS NULL OR expires > ?2)",
                params![name, unix(now)],
                read_row,
            ))
        })
    }

    /// Deletes a token; returns whether a live one was there.
    pub fn delete_token(&self, name: &str, now: SystemTime) -> Result<bool> {
        self.with(|c| {
            let tx = c.transaction()?;
            let n = tx.execute(
                "DELETE FROM tokens WHERE name = ?1 AND (expires IS NULL OR expires > ?2)",
                params![name, unix(now)],
            )?;
            tx.execute(
                "DELETE FROM tokens WHERE expires IS NOT NULL AND expires <= ?1",
                [unix(now)],
            )?;
            tx.commit()?;
            Ok(n > 0)
        })
    }
}

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<TokenRow> {
    Ok(TokenRow {
        name: r.get(0)?,
        roles: from_json(&r.get::<_, String>(1)?, "token roles")?,
        labels: from_json(&r.get::<_, String>(2)?, "token labels")?,
        expires: r.get::<_, Option<i64>>(3)?.map(from_unix),
    })
}
