//! `/v1/databases` and `/v1/kube_clusters`, tsh's listings (until they move to
//! `ListResources`): users see those their roles' labels allow (`db_labels`,
//! `kubernetes_labels`; deny wins); what each caller may see is `grpc::catalog`'s rule.

use axum::Json;
use axum::extract::State as AxState;
use tele_common::api::databases::{DatabaseList, DatabaseListing, DbUsers, KubeClusterList};
use tele_common::resources::Role;

use super::{ApiResult, State};
use crate::access;
use crate::authz::Caller;
use crate::grpc::catalog::may_see;

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
