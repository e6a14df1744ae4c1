//! Roles and the cluster auth preference, stored as their resources' JSON.

use tele_common::error::{Error, Result};
use tele_common::resources::{AuthPreference, CAP_NAME, Role};

use super::{Store, from_json, optional, to_json};

impl Store {
    /// Creates or replaces a role. Returns whether it is new.
    pub fn put_role(&self, role: &Role, replace: bool) -> Result<bool> {
        let created = self.with(|c| {
            let exists: bool = c.query_row(
                "SELECT EXISTS (SELECT 1 FROM roles WHERE name = ?1)",
                [&role.metadata.name],
                |r| r.get(0),
            )?;
            if exists && !replace {
                return Ok(None);
            }
            c.execute(
                "INSERT INTO roles (name, resource) VALUES (?1, ?2) ON CONFLICT (name) DO UPDATE SET resource = ?2",
                [&role.metadata.name, &to_json(role)],
            )?;
            Ok(Some(!exists))
        })?;
        created.ok_or_else(|| Error::already_exists(format!("role {:?} already exists", role.metadata.name)))
    }

    /// Reads a role.
    pub fn role(&self, name: &str) -> Result<Option<Role>> {
        self.with(|c| read_role(c, name))
    }

    /// Lists roles by name.
    pub fn roles(&self) -> Result<Vec<Role>> {
        self.with(|c| {
            let mut stmt = c.prepare("SELECT resource FROM roles ORDER BY name")?;
            let rows = stmt.query_map([], |r| from_json(&r.get::<_, String>(0)?, "role"))?;
            rows.collect()
        })
    }

    /// Deletes a role; returns whether it existed.
    pub fn delete_role(&self, name: &str) -> Result<bool> {
        self.with(|c| c.execute("DELETE FROM roles WHERE name = ?1", [name]).map(|n| n > 0))
    }

    /// Reads the cluster auth preference.
    pub fn cap(&self) -> Result<Option<AuthPreference>> {
        self.with(|c| {
            optional(
                c.query_row("SELECT resource FROM cluster_config WHERE name = ?1", [CAP_NAME], |r| {
                    from_json(&r.get::<_, String>(0)?, "cluster auth preference")
                }),
            )
        })
    }

    /// Replaces the cluster auth preference.
    pub fn put_cap(&self, cap: &AuthPreference) -> Result<()> {
        self.with(|c| {
            c.execute(
                "INSERT INTO cluster_config (name, resource) VALUES (?1, ?2) ON CONFLICT (name) DO UPDATE SET resource = ?2",
                [CAP_NAME, &to_json(cap)],
            )
            .map(drop)
        })
    }
}

/// A role by name, with a cached statement (every authenticated call reads its caller's roles).
pub(super) fn read_role(c: &rusqlite::Connection, name: &str) -> rusqlite::Result<Option<Role>> {
    let mut stmt = c.prepare_cached("SELECT resource FROM roles WHERE name = ?1")?;
    optional(stmt.query_row([name], |r| from_json(&r.get::<_, String>(0)?, "role")))
}
