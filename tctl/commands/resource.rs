//! What `tctl get` and `tctl edit` share: naming a resource (`cap`, `roles`, `role/NAME`, ...)
//! and fetching it.

use tele_common::api::Client;
use tele_common::error::{Error, Result};
use tele_common::resources::{Resource, safe_token_name};

/// A resource selector: a kind and, optionally, a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selector {
    /// The cluster auth preference.
    Cap,
    /// Roles, or one role.
    Role(Option<String>),
    /// Users, or one user.
    User(Option<String>),
    /// Tokens, or one token.
    Token(Option<String>),
    /// Databases, or one database.
    Db(Option<String>),
    /// Kubernetes clusters, or one.
    Kube(Option<String>),
}

impl std::str::FromStr for Selector {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let (kind, name) = match s.split_once('/') {
            Some((k, n)) if !n.is_empty() => (k, Some(n.to_string())),
            Some((k, _)) => (k, None),
            None => (s, None),
        };
        Ok(match kind.to_ascii_lowercase().as_str() {
            "cap" | "cluster_auth_preference" | "cluster_auth_preferences" => Self::Cap,
            "role" | "roles" => Self::Role(name),
            "user" | "users" => Self::User(name),
            "token" | "tokens" => Self::Token(name),
            "db" | "dbs" | "database" | "databases" => Self::Db(name),
            "kube_cluster" | "kube_clusters" => Self::Kube(name),
            other => {
                return Err(Error::bad_parameter(format!("unsupported resource {other:?}"))
                    .with_hint(
                    "supported: cap, roles, role/NAME, users, user/NAME, tokens, token/NAME, db, db/NAME, kube_cluster, kube_cluster/NAME",
                ));
            }
        })
    }
}

/// Fetches what a selector names; token names are redacted unless `with_secrets`.
pub async fn fetch(client: &Client, selector: &Selector, with_secrets: bool) -> Result<Vec<Resource>> {
    Ok(match selector {
        Selector::Cap => vec![Resource::AuthPreference(client.get_cap().await?)],
        Selector::Role(Some(n)) => vec![Resource::Role(client.get_role(n).await?)],
        Selector::Role(None) => client.list_roles().await?.into_iter().map(Resource::Role).collect(),
        Selector::User(Some(n)) => vec![Resource::User(client.get_user(n).await?)],
        Selector::User(None) => client.list_users().await?.into_iter().map(Resource::User).collect(),
        Selector::Db(Some(n)) => vec![Resource::Database(client.get_database(n).await?)],
        Selector::Db(None) => client
            .list_databases()
            .await?
            .into_iter()
            .map(|d| Resource::Database(d.database))
            .collect(),
        Selector::Kube(Some(n)) => vec![Resource::KubeCluster(client.get_kube_cluster(n).await?)],
        Selector::Kube(None) => client
            .list_kube_clusters()
            .await?
            .into_iter()
            .map(Resource::KubeCluster)
            .collect(),
        Selector::Token(name) => {
            let tokens = match name {
                Some(n) => vec![client.get_token(n).await?],
                None => client.list_tokens().await?,
            };
            tokens
                .into_iter()
                .map(|mut t| {
                    if !with_secrets {
                        t.metadata.name = safe_token_name(&t.metadata.name, &t.spec.join_method);
                    }
                    Resource::Token(t)
                })
                .collect()
        }
    })
}

/// Serializes a resource for output.
pub fn to_value(r: &Resource) -> serde_json::Value {
    let v = match r {
        Resource::AuthPreference(x) => serde_json::to_value(x),
        Resource::Database(x) => serde_json::to_value(x),
        Resource::KubeCluster(x) => serde_json::to_value(x),
        Resource::Role(x) => serde_json::to_value(x),
        Resource::Token(x) => serde_json::to_value(x),
        Resource::User(x) => serde_json::to_value(x),
    };
    v.unwrap_or_default()
}

/// Renders resources as `---`-separated YAML documents, the form `tctl create` reads.
pub fn to_yaml_documents(resources: &[Resource]) -> String {
    resources
        .iter()
        .map(|r| tele_common::output::to_yaml(&to_value(r)))
        .collect::<Vec<_>>()
        .join("---\n")
}

/// Creates or updates one resource; returns the line to print.
pub async fn put(client: &Client, r: &Resource, force: bool) -> Result<String> {
    let hint = |e: Error| {
        if e.kind() == tele_common::error::ErrorKind::AlreadyExists {
            e.with_hint("use tctl create -f to overwrite it")
        } else {
            e
        }
    };
    let verb = |created: bool| if created { "created" } else { "updated" };
    Ok(match r {
        Resource::AuthPreference(cap) => {
            client.put_cap(cap).await?;
            "cluster auth preference has been updated".to_string()
        }
        Resource::Role(role) => {
            let resp = client.put_role(role, !force).await.map_err(hint)?;
            format!("role {:?} has been {}", role.metadata.name, verb(resp.created))
        }
        Resource::User(user) => {
            let resp = client.put_user(user, !force).await.map_err(hint)?;
            format!("user {:?} has been {}", user.metadata.name, verb(resp.created))
        }
        Resource::Database(db) => {
            let resp = client.put_database(db, !force).await.map_err(hint)?;
            format!("database {:?} has been {}", db.metadata.name, verb(resp.created))
        }
        Resource::KubeCluster(kube) => {
            let resp = client.put_kube_cluster(kube, !force).await.map_err(hint)?;
            format!(
                "kubernetes cluster {:?} has been {}",
                kube.metadata.name,
                verb(resp.created)
            )
        }
        Resource::Token(token) => {
            let resp = client.put_token(token, !force).await.map_err(hint)?;
            let name = safe_token_name(&token.metadata.name, &token.spec.join_method);
            format!("provision_token {name:?} has been {}", verb(resp.created))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_selectors() {
        assert_eq!("cap".parse::<Selector>().unwrap(), Selector::Cap);
        assert_eq!("roles".parse::<Selector>().unwrap(), Selector::Role(None));
        assert_eq!(
            "role/dev".parse::<Selector>().unwrap(),
            Selector::Role(Some("dev".into()))
        );
        assert_eq!("db/pg".parse::<Selector>().unwrap(), Selector::Db(Some("pg".into())));
        assert_eq!("kube_clusters".parse::<Selector>().unwrap(), Selector::Kube(None));
        assert!("gadgets".parse::<Selector>().is_err());
    }
}
