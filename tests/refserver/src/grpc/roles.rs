//! Roles (`GetRole`, `ListRoles`, `CreateRole`, `UpdateRole`, `UpsertRoleV2`, `DeleteRole`)
//! and the cluster auth preference (`teleport.clusterconfig.v1.ClusterConfigService`).

use tele_common::error::{Error, ErrorKind, Result};
use tele_common::grpc::convert::{cap_from_proto, cap_to_proto, role_from_proto, role_to_proto};
use tele_common::grpc::wire::proto::ListRolesResponse;
use tele_common::grpc::wire::types::{AuthPreferenceV2, RoleV6};
use tele_common::resources::Verb;

use crate::authz::Caller;
use crate::ca::ADMIN_ROLE;
use crate::server::Server;

const RESOURCE: &str = "role";
const CAP: &str = "cluster_auth_preference";

/// How a write treats an existing role.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Write {
    /// `CreateRole`: fails when it exists.
    Create,
    /// `UpdateRole`: fails when it does not.
    Update,
    /// `UpsertRoleV2`.
    Upsert,
}

/// `GetRole`. A user may always read the roles they hold (Teleport's current-user exception:
/// tsh reads them to show which database users it may be).
pub fn get(s: &Server, caller: &Caller, name: &str) -> Result<RoleV6> {
    let holds = matches!(caller, Caller::User { roles, .. } if roles.iter().any(|r| r.metadata.name == name));
    if !holds {
        caller.check(RESOURCE, Verb::Read)?;
    }
    let role = s.store.role(name)?.ok_or_else(|| not_found(name))?;
    Ok(role_to_proto(&role))
}

/// `ListRoles`: pages of `limit` by name, `start_key` the first name of the page.
pub fn list(s: &Server, caller: &Caller, limit: i32, start_key: &str) -> Result<ListRolesResponse> {
    caller.check(RESOURCE, Verb::List)?;
    let (page, next_key) = super::page_by_name(s.store.roles()?, |r| &r.metadata.name, limit, start_key);
    Ok(ListRolesResponse {
        roles: page.iter().map(role_to_proto).collect(),
        next_key,
    })
}

/// `CreateRole`, `UpdateRole`, `UpsertRoleV2`: answers the role as stored.
pub fn put(s: &Server, caller: &Caller, role: Option<RoleV6>, write: Write) -> Result<RoleV6> {
    match write {
        Write::Create => caller.check(RESOURCE, Verb::Create)?,
        Write::Update => caller.check(RESOURCE, Verb::Update)?,
        Write::Upsert => {
            caller.check(RESOURCE, Verb::Create)?;
            caller.check(RESOURCE, Verb::Update)?;
        }
    }
    let role = role_from_proto(role.ok_or_else(|| Error::bad_parameter("missing role"))?)?;
    role.validate()?;
    let name = role.metadata.name.clone();
    if name == ADMIN_ROLE {
        return Err(Error::bad_parameter(format!(
            "metadata.name: {ADMIN_ROLE:?} is a reserved system role"
        )));
    }
    if write == Write::Update && s.store.role(&name)?.is_none() {
        return Err(not_found(&name));
    }
    let created = s
        .store
        .put_role(&role, write != Write::Create)
        .map_err(|e| match e.kind() {
            ErrorKind::AlreadyExists => Error::already_exists(format!("role {name:?} already exists")),
            _ => e,
        })?;
    tracing::info!(role = name, created, "role stored");
    Ok(role_to_proto(&role))
}

/// `DeleteRole`: refused while a user has the role.
pub fn delete(s: &Server, caller: &Caller, name: &str) -> Result<()> {
    caller.check(RESOURCE, Verb::Delete)?;
    let users: Vec<String> = s
        .store
        .users()?
        .into_iter()
        .filter(|u| u.user.spec.roles.iter().any(|r| r == name))
        .map(|u| u.user.metadata.name)
        .collect();
    if !users.is_empty() {
        return Err(Error::new(
            ErrorKind::CompareFailed,
            format!("role {name:?} is still used by {}", users.join(", ")),
        ));
    }
    if !s.store.delete_role(name)? {
        return Err(not_found(name));
    }
    tracing::info!(role = name, "role deleted");
    Ok(())
}

/// `ClusterConfigService.GetAuthPreference`.
pub fn get_cap(s: &Server, caller: &Caller) -> Result<AuthPreferenceV2> {
    caller.check(CAP, Verb::Read)?;
    Ok(cap_to_proto(&s.cap()?))
}

/// `ClusterConfigService.UpsertAuthPreference` (and `UpdateAuthPreference`).
pub fn put_cap(s: &Server, caller: &Caller, cap: Option<AuthPreferenceV2>) -> Result<AuthPreferenceV2> {
    caller.check(CAP, Verb::Update)?;
    let mut cap = cap_from_proto(cap.ok_or_else(|| Error::bad_parameter("missing auth_preference"))?)?;
    cap.validate()?;
    // A cap written without the suite keeps the cluster's (Teleport keeps it too); naming one
    // changes what users' keys are made of, never the CAs that exist.
    match cap.spec.signature_algorithm_suite {
        None => cap.spec.signature_algorithm_suite = s.cap()?.spec.signature_algorithm_suite,
        Some(suite) => {
            suite
                .ca_keys()
                .map_err(|e| e.context("spec.signature_algorithm_suite"))?;
        }
    }
    s.store.put_cap(&cap)?;
    tracing::info!(second_factor = %cap.spec.second_factor, "cluster auth preference updated");
    Ok(cap_to_proto(&cap))
}

fn not_found(name: &str) -> Error {
    Error::not_found(format!("role {name:?} is not found"))
}
