//! `/v1/databases` and `/v1/kube_clusters`: admins write them (role rules on `db` and
//! `kube_cluster`, as Teleport names the kinds); users list and read those their roles' labels
//! allow (`db_labels`, `kubernetes_labels`; deny wins), as `/v1/nodes` does for nodes.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State as AxState;
use serde::Serialize;
use serde::de::DeserializeOwned;
use tele_common::api::databases::{DatabaseList, DatabaseListing, DbUsers, KubeClusterList};
use tele_common::error::Result;
use tele_common::resources::{Database, KubeCluster, Metadata, Role, Verb};

use super::{ApiResult, State};
use crate::access;
use crate::authz::Caller;
use crate::store::Store;

/// What the shared handlers need of a stored kind.
pub trait Stored: Serialize + DeserializeOwned + Send + 'static {
    /// The kind in role rules.
    const KIND: &'static str;
    /// The word in messages.
    const WHAT: &'static str;
    /// Its name and labels.
    fn metadata(&self) -> &Metadata;
    /// Checks its fields.
    fn validate(&self) -> Result<()>;
    /// Whether the roles let a user see one with these labels.
    fn visible(roles: &[Role], labels: &BTreeMap<String, String>) -> bool;
    /// Reads one.
    fn load(store: &Store, name: &str) -> Result<Option<Self>>;
    /// Creates or replaces one; returns whether it is new.
    fn save(&self, store: &Store, replace: bool) -> Result<bool>;
    /// Deletes one; returns whether it existed.
    fn delete(store: &Store, name: &str) -> Result<bool>;
}

impl Stored for Database {
    const KIND: &'static str = "db";
    const WHAT: &'static str = "database";
    fn metadata(&self) -> &Metadata {
        &self.metadata
    }
    fn validate(&self) -> Result<()> {
        Self::validate(self)
    }
    fn visible(roles: &[Role], labels: &BTreeMap<String, String>) -> bool {
        access::db_visible(roles, labels)
    }
    fn load(store: &Store, name: &str) -> Result<Option<Self>> {
        store.database(name)
    }
    fn save(&self, store: &Store, replace: bool) -> Result<bool> {
        store.put_database(self, replace)
    }
    fn delete(store: &Store, name: &str) -> Result<bool> {
        store.delete_database(name)
    }
}

impl Stored for KubeCluster {
    const KIND: &'static str = "kube_cluster";
    const WHAT: &'static str = "kubernetes cluster";
    fn metadata(&self) -> &Metadata {
        &self.metadata
    }
    fn validate(&self) -> Result<()> {
        Self::validate(self)
    }
    fn visible(roles: &[Role], labels: &BTreeMap<String, String>) -> bool {
        access::kube_visible(roles, labels)
    }
    fn load(store: &Store, name: &str) -> Result<Option<Self>> {
        store.kube_cluster(name)
    }
    fn save(&self, store: &Store, replace: bool) -> Result<bool> {
        store.put_kube_cluster(self, replace)
    }
    fn delete(store: &Store, name: &str) -> Result<bool> {
        store.delete_kube_cluster(name)
    }
}

/// Whether the caller may see this one: a `list` rule on the kind (admins), or the roles' labels.
pub fn may_see<T: Stored>(caller: &Caller, item: &T) -> bool {
    match caller {
        Caller::System { .. } => true,
        Caller::User { roles, .. } => {
            caller.check(T::KIND, Verb::List).is_ok() || T::visible(roles, &item.metadata().labels)
        }
    }
}

/// `GET /v1/databases`: with the database users the caller's roles allow on each.
pub async fn list_databases(AxState(s): AxState<State>, caller: Caller) -> ApiResult<Json<DatabaseList>> {
    let roles: &[Role] = match &caller {
        Caller::System { .. } => &[],
        Caller::User { roles, .. } => roles,
    };
    let databases = s
        .store
        .databases()?
        .into_iter()
        .filter(|d| may_see(&caller, d))
        .map(|database| DatabaseListing {
            users: if roles.is_empty() {
                DbUsers::default()
            } else {
                access::db_users(roles, &database.metadata.labels)
            },
            database,
        })
        .collect();
    Ok(Json(DatabaseList { databases }))
}

/// `GET /v1/kube_clusters`.
pub async fn list_kube_clusters(AxState(s): AxState<State>, caller: Caller) -> ApiResult<Json<KubeClusterList>> {
    let kube_clusters = s
        .store
        .kube_clusters()?
        .into_iter()
        .filter(|k| may_see(&caller, k))
        .collect();
    Ok(Json(KubeClusterList { kube_clusters }))
}
