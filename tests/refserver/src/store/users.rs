//! Users, their password hashes, invitations and MFA devices. Hashes and device secrets are
//! read only by the code that checks them.

use std::time::SystemTime;

use rusqlite::params;
use tele_common::error::{Error, Result};
use tele_common::resources::{Metadata, Role, User, UserSpec};

use super::{Store, from_json, from_unix, optional, to_json, unix};

/// A stored user.
pub struct UserRow {
    /// The resource.
    pub user: User,
    /// argon2 PHC string, if a password is set.
    pub password_hash: Option<String>,
}

/// A registered MFA device.
pub struct MfaDevice {
    /// Device ID (UUID).
    pub id: String,
    /// Name the user gave it.
    pub name: String,
    /// `totp` or `webauthn`.
    pub kind: String,
    /// The secret part (TOTP secret, WebAuthn credential), JSON.
    pub data: String,
    /// When it was added.
    pub added: SystemTime,
    /// When it was last used.
    pub last_used: Option<SystemTime>,
}

impl Store {
    /// Creates or replaces a user (keeps the password on replace). Returns whether it is new.
    pub fn put_user(&self, user: &User, replace: bool) -> Result<bool> {
        let created = self.with(|c| {
            let exists: bool = c.query_row("SELECT EXISTS (SELECT 1 FROM users WHERE name = ?1)", [&user.metadata.name], |r| r.get(0))?;
            if exists && !replace {
                return Ok(None);
            }
            c.execute(
                "INSERT INTO users (name, spec, created) VALUES (?1, ?2, ?3) ON CONFLICT (name) DO UPDATE SET spec = ?2",
                params![user.metadata.name, to_json(&user.spec), unix(SystemTime::now())],
            )?;
            Ok(Some(!exists))
        })?;
        created.ok_or_else(|| Error::already_exists(format!("user {:?} already exists", user.metadata.name)))
    }

    /// Reads a user.
    pub fn user(&self, name: &str) -> Result<Option<UserRow>> {
        self.with(|c| read_user_named(c, name))
    }

    /// Reads a user and those of its roles that exist, in one read transaction (one snapshot,
    /// one lock): what every authenticated call needs, so the statements are cached rather
    /// than parsed again each time.
    pub fn user_with_roles(&self, name: &str) -> Result<Option<(UserRow, Vec<Role>)>> {
        self.with(|c| {
            super::read_snapshot(c, |c| {
                let Some(row) = read_user_named(c, name)? else {
                    return Ok(None);
                };
                let mut roles = Vec::with_capacity(row.user.spec.roles.len());
                for role in &row.user.spec.roles {
                    roles.extend(super::cluster::read_role(c, role)?);
                }
                Ok(Some((row, roles)))
            })
        })
    }

    /// Lists users by name.
    pub fn users(&self) -> Result<Vec<UserRow>> {
        self.with(|c| {
            let mut stmt = c.prepare("SELECT name, spec, password_hash FROM users ORDER BY name")?;
            let rows = stmt.query_map([], read_user)?;
            rows.collect()
        })
    }

    /// Deletes a user with its invitations and devices; returns whether it existed.
    pub fn delete_user(&self, name: &str) -> Result<bool> {
        self.with(|c| c.execute("DELETE FROM users WHERE name = ?1", [name]).map(|n| n > 0))
    }

    /// Sets a user's password hash.
    pub fn set_password_hash(&self, name: &str, hash: &str) -> Result<()> {
        let n = self.with(|c| c.execute("UPDATE users SET password_hash = ?2 WHERE name = ?1", [name, hash]))?;
        if n == 0 {
            return Err(Error::not_found(format!("user {name:?} not found")));
        }
        Ok(())
    }

    /// Stores an invitation token for a user.
    pub fn put_user_token(&self, token: &str, user: &str, kind: &str, expires: SystemTime) -> Result<()> {
        self.with(|c| {
            c.execute(
                "INSERT INTO user_tokens (name, user, kind, expires, created) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![token, user, kind, unix(expires), unix(SystemTime::now())],
            )
            .map(drop)
        })
    }

    /// Lists live user tokens as (token, user, expiry).
    pub fn user_tokens(&self, now: SystemTime) -> Result<Vec<(String, String, SystemTime)>> {
        self.with(|c| {
            let mut stmt =
                c.prepare_cached("SELECT name, user, expires FROM user_tokens WHERE expires > ?1 ORDER BY expires")?;
            let rows = stmt.query_map([unix(now)], |r| Ok((r.get(0)?, r.get(1)?, from_unix(r.get(2)?))))?;
            rows.collect()
        })
    }

    /// The user a live token of `kind` was made for, and when the token expires.
    pub fn user_token(&self, token: &str, kind: &str, now: SystemTime) -> Result<Option<(String, SystemTime)>> {
        self.with(|c| {
            optional(c.query_row(
                "SELECT user, expires FROM user_tokens WHERE name = ?1 AND kind = ?2 AND expires > ?3",
                params![token, kind, unix(now)],
                |r| Ok((r.get(0)?, from_unix(r.get(1)?))),
            ))
        })
    }

    /// Deletes a user token; returns whether it was there.
    pub fn delete_user_token(&self, token: &str) -> Result<bool> {
        self.with(|c| {
            c.execute("DELETE FROM user_tokens WHERE name = ?1", [token])
                .map(|n| n > 0)
        })
    }

    /// Adds an MFA device.
    pub fn add_mfa_device(&self, user: &str, device: &MfaDevice) -> Result<()> {
        let r = self.with(|c| {
            c.execute(
                "INSERT INTO mfa_devices (id, user, name, kind, data, added) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    device.id,
                    user,
                    device.name,
                    device.kind,
                    device.data,
                    unix(device.added)
                ],
            )
            .map(drop)
        });
        r.map_err(|e| {
            if e.message().contains("UNIQUE") {
                Error::already_exists(format!("MFA device {:?} already exists", device.name))
            } else {
                e
            }
        })
    }

    /// Replaces a device's data (TOTP last step, WebAuthn counter) and marks it used.
    pub fn update_mfa_device(&self, id: &str, data: &str, used: SystemTime) -> Result<()> {
        self.with(|c| {
            c.execute(
                "UPDATE mfa_devices SET data = ?2, last_used = ?3 WHERE id = ?1",
                params![id, data, unix(used)],
            )
            .map(drop)
        })
    }

    /// Deletes a device by name; returns whether it existed.
    pub fn delete_mfa_device(&self, user: &str, name: &str) -> Result<bool> {
        self.with(|c| {
            c.execute("DELETE FROM mfa_devices WHERE user = ?1 AND name = ?2", [user, name])
                .map(|n| n > 0)
        })
    }

    /// Lists a user's MFA devices.
    pub fn mfa_devices(&self, user: &str) -> Result<Vec<MfaDevice>> {
        self.with(|c| {
            let mut stmt = c.prepare(
                "SELECT id, name, kind, data, added, last_used FROM mfa_devices WHERE user = ?1 ORDER BY added, name",
            )?;
            let rows = stmt.query_map([user], |r| {
                Ok(MfaDevice {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    data: r.get(3)?,
                    added: from_unix(r.get(4)?),
                    last_used: r.get::<_, Option<i64>>(5)?.map(from_unix),
                })
            })?;
            rows.collect()
        })
    }
}

fn read_user_named(c: &rusqlite::Connection, name: &str) -> rusqlite::Result<Option<UserRow>> {
    let mut stmt = c.prepare_cached("SELECT name, spec, password_hash FROM users WHERE name = ?1")?;
    optional(stmt.query_row([name], read_user))
}

fn read_user(r: &rusqlite::Row<'_>) -> rusqlite::Result<UserRow> {
    let spec: UserSpec = from_json(&r.get::<_, String>(1)?, "user spec")?;
    Ok(UserRow {
        user: User {
            kind: "user".into(),
            version: "v2".into(),
            metadata: Metadata::named(r.get::<_, String>(0)?),
            spec,
        },
        password_hash: r.get(2)?,
    })
}
