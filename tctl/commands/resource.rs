//! What `tctl get` and `tctl edit` share: naming a resource (`cap`, `roles`, `role/NAME`, ...)
//! and fetching it.

use tele_common::error::{Error, ErrorKind, Result};
use tele_common::grpc::AuthClient;
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
pub async fn fetch(client: &AuthClient, selector: &Selector, with_secrets: bool) -> Result<Vec<Resource>> {
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
            .map(Resource::Database)
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

/// Fetches the one resource a selector names for changing it (`tctl edit`): fails when the
/// cluster holds fields of it this client would drop.
pub async fn fetch_complete(client: &AuthClient, selector: &Selector) -> Result<Resource> {
    Ok(match selector {
        Selector::Cap => Resource::AuthPreference(client.get_cap_complete().await?),
        Selector::Role(Some(n)) => Resource::Role(client.get_role_complete(n).await?),
        Selector::User(Some(n)) => Resource::User(client.get_user_complete(n).await?),
        Selector::Db(Some(n)) => Resource::Database(client.get_database_complete(n).await?),
        Selector::Kube(Some(n)) => Resource::KubeCluster(client.get_kube_cluster_complete(n).await?),
        _ => {
            return Err(Error::bad_parameter(
                "edit takes one resource: cap, role/NAME, user/NAME, db/NAME or kube_cluster/NAME",
            ));
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

/// Creates one resource (`force`: or replaces it) as Teleport's tctl does: `Create…`, or with
/// `force` the upsert (`Update…` for databases and Kubernetes clusters that exist); returns the
/// line to print.
pub async fn put(client: &AuthClient, r: &Resource, force: bool) -> Result<String> {
    let hint = |e: Error| {
        if e.kind() == ErrorKind::AlreadyExists {
            e.with_hint("use tctl create -f to overwrite it")
        } else {
            e
        }
    };
    let existed = force && exists(client, r).await?;
    let verb = if existed { "updated" } else { "created" };
    Ok(match r {
        Resource::AuthPreference(cap) => {
            client.upsert_cap(cap).await?;
            "cluster auth preference has been updated".to_string()
        }
        Resource::Role(role) => {
            if force {
                client.upsert_role(role).await?;
            } else {
                client.create_role(role).await.map_err(hint)?;
            }
            format!("role {:?} has been {verb}", role.metadata.name)
        }
        Resource::User(user) => {
            if force {
                client.upsert_user(user).await?;
            } else {
                client.create_user(user).await.map_err(hint)?;
            }
            format!("user {:?} has been {verb}", user.metadata.name)
        }
        Resource::Database(db) => {
            client.put_database(db, existed).await.map_err(hint)?;
            format!("database {:?} has been {verb}", db.metadata.name)
        }
        Resource::KubeCluster(kube) => {
            client.put_kube_cluster(kube, existed).await.map_err(hint)?;
            format!("kubernetes cluster {:?} has been {verb}", kube.metadata.name)
        }
        Resource::Token(token) => {
            if force {
                client.upsert_token(token).await?;
            } else {
                client.create_token(token).await.map_err(hint)?;
            }
            let name = safe_token_name(&token.metadata.name, &token.spec.join_method);
            format!("provision_token {name:?} has been {verb}")
        }
    })
}

/// Whether the resource exists already. The cluster auth preference counts as not existing:
/// writing it replaces the cluster's, with or without `-f`.
pub async fn exists(client: &AuthClient, r: &Resource) -> Result<bool> {
    let found = match r {
        Resource::AuthPreference(_) => return Ok(false),
        Resource::Role(x) => client.get_role(&x.metadata.name).await.map(drop),
        Resource::Database(x) => client.get_database(&x.metadata.name).await.map(drop),
        Resource::KubeCluster(x) => client.get_kube_cluster(&x.metadata.name).await.map(drop),
        Resource::Token(x) => client.get_token(&x.metadata.name).await.map(drop),
        Resource::User(x) => client.get_user(&x.metadata.name).await.map(drop),
    };
    match found {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
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
