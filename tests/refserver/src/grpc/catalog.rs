//! Databases and Kubernetes clusters as tctl manages them (`GetDatabase`, `GetDatabases`,
//! `CreateDatabase`, `UpdateDatabase`, `DeleteDatabase` and the same for
//! `KubernetesCluster`): admins write them (role rules on `db` and `kube_cluster`); users read
//! those their roles' labels let them see, and anything else is "not found".

use std::collections::BTreeMap;

use serde::Serialize;
use serde::de::DeserializeOwned;
use tele_common::error::{Error, ErrorKind, Result};
use tele_common::resources::{Database, KubeCluster, Metadata, Role, Verb};

use crate::access;
use crate::authz::Caller;
use crate::server::Server;
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

/// One the caller may see.
pub fn get<T: Stored>(s: &Server, caller: &Caller, name: &str) -> Result<T> {
    match T::load(&s.store, name)? {
        Some(item) if may_see(caller, &item) => Ok(item),
        _ => Err(not_found::<T>(name)),
    }
}

/// All the caller may see.
pub fn list<T: Stored>(caller: &Caller, all: Vec<T>) -> Vec<T> {
    all.into_iter().filter(|item| may_see(caller, item)).collect()
}

/// `Create…` (`update` false: fails when it exists) or `Update…` (fails when it does not).
pub fn put<T: Stored>(s: &Server, caller: &Caller, item: T, update: bool) -> Result<()> {
    let verb = if update { Verb::Update } else { Verb::Create };
    caller.check(T::KIND, verb)?;
    item.validate()?;
    let name = item.metadata().name.clone();
    if update && T::load(&s.store, &name)?.is_none() {
        return Err(not_found::<T>(&name));
    }
    let created = item.save(&s.store, update).map_err(|e| match e.kind() {
        ErrorKind::AlreadyExists => Error::already_exists(format!("{} {name:?} already exists", T::WHAT)),
        _ => e,
    })?;
    tracing::info!(kind = T::KIND, name, created, "resource stored");
    Ok(())
}

/// `Delete…`.
pub fn delete<T: Stored>(s: &Server, caller: &Caller, name: &str) -> Result<()> {
    caller.check(T::KIND, Verb::Delete)?;
    if !T::delete(&s.store, name)? {
        return Err(not_found::<T>(name));
    }
    tracing::info!(kind = T::KIND, name, "resource deleted");
    Ok(())
}

fn not_found<T: Stored>(name: &str) -> Error {
    Error::not_found(format!("{} {name:?} is not found", T::WHAT))
}
