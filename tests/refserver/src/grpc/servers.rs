//! `ListResources` of `db_server` and `kube_server`: the databases and Kubernetes clusters this
//! server proxies, as its own Database and Kubernetes Services would announce them, those the
//! caller may see (`grpc::catalog`'s rule), filtered by labels and search keywords, in pages by
//! name.

use std::collections::BTreeMap;

use tele_common::error::{Error, Result};
use tele_common::grpc::resources::{Host, KIND_DB_SERVER, db_server_to_proto, kube_server_to_proto};
use tele_common::grpc::wire::proto::{
    ListResourcesRequest, ListResourcesResponse, PaginatedResource, paginated_resource::Resource,
};

use super::catalog::{Stored, may_see};
use crate::authz::Caller;
use crate::server::Server;

/// One page of databases or Kubernetes clusters (`req.resource_type` says which).
pub fn list(s: &Server, caller: &Caller, req: ListResourcesRequest) -> Result<ListResourcesResponse> {
    let hostname = s.settings.cluster_name.clone();
    let host_id = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_DNS, hostname.as_bytes()).to_string();
    let host = Host {
        hostname: &hostname,
        host_id: &host_id,
    };
    if req.resource_type == KIND_DB_SERVER {
        page(caller, &req, s.store.databases()?, |db| {
            Ok(Resource::DatabaseServer(db_server_to_proto(db, &host)))
        })
    } else {
        page(caller, &req, s.store.kube_clusters()?, |kube| {
            Ok(Resource::KubernetesServer(kube_server_to_proto(kube, &host)?))
        })
    }
}

fn page<T: Stored>(
    caller: &Caller,
    req: &ListResourcesRequest,
    mut items: Vec<T>,
    to_proto: impl Fn(&T) -> Result<Resource>,
) -> Result<ListResourcesResponse> {
    if req.limit < 0 {
        return Err(Error::bad_parameter("negative parameter limit"));
    }
    items.retain(|i| {
        let labels = &i.metadata().labels;
        may_see(caller, i)
            && req.labels.iter().all(|(k, v)| labels.get(k) == Some(v))
            && matches_keywords(&i.metadata().name, labels, &req.search_keywords)
    });
    let total = items.len();
    let (page, next_key) = super::page_by_name(items, |i| &i.metadata().name, req.limit, &req.start_key);
    let resources = page
        .iter()
        .map(|i| {
            Ok(PaginatedResource {
                resource: Some(to_proto(i)?),
                ..PaginatedResource::default()
            })
        })
        .collect::<Result<_>>()?;
    Ok(ListResourcesResponse {
        resources,
        next_key,
        total_count: if req.need_total_count { total as i32 } else { 0 },
    })
}

/// Every keyword appears (case-insensitively) in the name or a label.
fn matches_keywords(name: &str, labels: &BTreeMap<String, String>, keywords: &[String]) -> bool {
    let fields = std::iter::once(name).chain(labels.iter().flat_map(|(k, v)| [k.as_str(), v.as_str()]));
    super::nodes::keywords_match(fields, keywords)
}
