//! What `tsh db ls` shows of a database: the resource and the database users the caller's
//! roles allow on it, worked out by tsh from its roles as Teleport's tsh does (the listing
//! itself is `ListResources` of `db_server`, `crate::grpc::listing`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::resources::{Database, Role, RoleConditions, labels_match};

/// The database users a caller may log in as on one database (Teleport's `users` field of
/// `tsh db ls --format=json`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DbUsers {
    /// Allowed by a role whose `db_labels` match; `*` means any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<String>,
    /// Denied by a role whose deny `db_labels` match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub denied: Vec<String>,
}

impl DbUsers {
    /// Teleport's "Allowed Users" cell: `[alice bob]`, `[*], except: [root]`, or `(none)`.
    pub fn text(&self) -> String {
        if self.allowed.is_empty() {
            return "(none)".into();
        }
        let allowed = format!("[{}]", self.allowed.join(" "));
        if self.denied.is_empty() || !self.allowed.iter().any(|u| u == "*") {
            return allowed;
        }
        format!("{allowed}, except: [{}]", self.denied.join(" "))
    }
}

/// A database as listed: the resource and who the caller may be on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatabaseListing {
    /// The resource.
    #[serde(flatten)]
    pub database: Database,
    /// The caller's database users.
    #[serde(default)]
    pub users: DbUsers,
}

/// The database users the roles allow on a database with these labels: `db_users` of every role
/// whose allow `db_labels` match, less the deny `db_users` of every role. Deny is greedy, as in
/// Teleport: a deny whose labels match hides the database itself (`ListResources`), and a deny
/// without matching labels still takes its users away everywhere. A denied `*` leaves none; a
/// wildcard allow keeps the denied names to show "except".
pub fn db_users(roles: &[Role], labels: &BTreeMap<String, String>) -> DbUsers {
    let collect = |conditions: &mut dyn Iterator<Item = &RoleConditions>| {
        let mut users: Vec<String> = conditions.flat_map(|c| c.db_users.iter().cloned()).collect();
        users.sort();
        users.dedup();
        users
    };
    let mut allowed = collect(
        &mut roles
            .iter()
            .map(|r| &r.spec.allow)
            .filter(|c| labels_match(&c.db_labels, labels)),
    );
    let denied = collect(&mut roles.iter().map(|r| &r.spec.deny));
    if denied.iter().any(|u| u == "*") {
        allowed.clear();
    }
    allowed.retain(|u| u == "*" || !denied.contains(u));
    DbUsers { allowed, denied }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_is_the_resource_plus_users() {
        let listing = DatabaseListing {
            database: Database::new("pg", "postgres", "localhost:5432"),
            users: DbUsers {
                allowed: vec!["alice".into()],
                denied: vec![],
            },
        };
        let json = serde_json::to_value(&listing).unwrap();
        assert_eq!(json["kind"], "db");
        assert_eq!(json["spec"]["uri"], "localhost:5432");
        assert_eq!(json["users"]["allowed"][0], "alice");
        let back: DatabaseListing = serde_json::from_value(json).unwrap();
        assert_eq!(back, listing);
    }

    #[test]
    fn allowed_users_read_like_teleport() {
        let users = |a: &[&str], d: &[&str]| DbUsers {
            allowed: a.iter().map(|s| s.to_string()).collect(),
            denied: d.iter().map(|s| s.to_string()).collect(),
        };
        assert_eq!(users(&[], &[]).text(), "(none)");
        assert_eq!(users(&["alice", "bob"], &["root"]).text(), "[alice bob]");
        assert_eq!(users(&["*"], &["root"]).text(), "[*], except: [root]");
    }
}
