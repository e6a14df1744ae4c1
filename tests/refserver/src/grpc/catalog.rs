//! Databases and Kubernetes clusters as tctl manages them (`GetDatabase`, `GetDatabases`,
//! `CreateDatabase`, `UpdateDatabase`, `DeleteDatabase` and the same for
//! `KubernetesCluster`): admins write them (role rules on `db` and `kube_cluster`); users read
//! those their roles' labels let them see, and anything else is "not found".

use tele_common::error::{Error, ErrorKind, Result};
use tele_common::resources::Verb;

use crate::authz::Caller;
use crate::server::Server;
use crate::web::databases::{Stored, may_see};

/// One the caller may see.
pub fn get<T: Stored>(s: &Server, caller: &Caller, name: &str) -> Result<T> {
    match T::load(&s.store, name)? {
        Some(item) if may_see(caller, &item) => Ok(item),
        _ => Err(not_found::<T>(name)),
    }
}

/// All the caller may see.
pub fn list<T: Stored>(s: &Server, caller: &Caller, all: Vec<T>) -> Vec<T> {
    let _ = s;
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
