//! Databases and Kubernetes clusters: `tctl create|get` of `kind: db` and `kind: kube_cluster`,
//! and the listings `tsh db ls` and `tsh kube ls` show (only what the caller's roles allow).
//!
//! Routes: `GET /v1/databases`, `GET /v1/kube_clusters` (tsh's listings, until they move to
//! `ListResources`); tctl manages both over the Auth service's gRPC.

use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::Client;
use crate::error::Result;
use crate::resources::{Database, KubeCluster};

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

/// `GET /v1/databases`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct DatabaseList {
    /// By name.
    pub databases: Vec<DatabaseListing>,
}

/// `GET /v1/kube_clusters`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct KubeClusterList {
    /// By name.
    pub kube_clusters: Vec<KubeCluster>,
}

impl Client {
    /// Lists the databases the caller may see, with their allowed users.
    pub async fn list_databases(&self) -> Result<Vec<DatabaseListing>> {
        let list: DatabaseList = self.call(Method::GET, "/v1/databases", None::<&()>).await?;
        Ok(list.databases)
    }

    /// Lists the Kubernetes clusters the caller may see.
    pub async fn list_kube_clusters(&self) -> Result<Vec<KubeCluster>> {
        let list: KubeClusterList = self.call(Method::GET, "/v1/kube_clusters", None::<&()>).await?;
        Ok(list.kube_clusters)
    }
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
