//! `ListResources` of `node` (databases and Kubernetes clusters in `servers.rs`): the nodes the caller's roles show (`node_labels`, deny wins; the
//! admin identity sees all), filtered by labels and search keywords, in pages ordered by the
//! node's ID (its `Metadata.Name`), `StartKey` being the ID the next page starts at.

use tele_common::error::{Error, Result};
use tele_common::grpc::resources::{KIND_DB_SERVER, KIND_KUBE_SERVER, KIND_NODE, NAMESPACE, node_to_proto};
use tele_common::grpc::wire::proto::{
    ListResourcesRequest, ListResourcesResponse, PaginatedResource, paginated_resource,
};
use tele_common::resources::labels_match;

use crate::access;
use crate::authz::Caller;
use crate::server::Server;
use crate::store::NodeRow;

/// A page when the request names no limit (Teleport's `DefaultChunkSize`).
const DEFAULT_LIMIT: usize = 1000;

/// One page of nodes.
pub fn list(s: &Server, caller: &Caller, req: ListResourcesRequest) -> Result<ListResourcesResponse> {
    if !req.predicate_expression.is_empty() {
        return Err(Error::not_implemented(
            "predicate expressions are not supported by this server; filter with labels or search keywords",
        ));
    }
    if !req.namespace.is_empty() && req.namespace != NAMESPACE {
        return Ok(ListResourcesResponse::default());
    }
    if req.resource_type == KIND_DB_SERVER || req.resource_type == KIND_KUBE_SERVER {
        return super::servers::list(s, caller, req);
    }
    if req.resource_type != KIND_NODE {
        return Err(Error::not_implemented(format!(
            "listing resources of type {:?} is not supported by this server",
            req.resource_type
        )));
    }
    if req.limit < 0 {
        return Err(Error::bad_parameter("negative parameter limit"));
    }
    let limit = if req.limit == 0 {
        DEFAULT_LIMIT
    } else {
        req.limit as usize
    };
    let mut nodes: Vec<NodeRow> = s.store.nodes()?;
    if let Caller::User { roles, .. } = caller {
        nodes.retain(|n| access::node_visible(roles, n));
    }
    nodes.retain(|n| req.labels.iter().all(|(k, v)| n.labels.get(k) == Some(v)));
    nodes.retain(|n| matches_keywords(n, &req.search_keywords));
    nodes.sort_by(|a, b| a.uuid.cmp(&b.uuid));
    let total = nodes.len();
    let start = nodes.partition_point(|n| n.uuid < req.start_key);
    let page: Vec<&NodeRow> = nodes.iter().skip(start).take(limit).collect();
    let next_key = nodes.get(start + limit).map(|n| n.uuid.clone()).unwrap_or_default();
    // With the logins asked for: the user, their roles, and every login the roles leave after
    // deny, once for the page.
    let user = match caller {
        Caller::User { name, .. } if req.include_logins => {
            let (user, roles) = crate::issue::user_and_roles(s, name)?;
            let all = crate::issue::logins(&user, &roles);
            Some((user, roles, all))
        }
        _ => None,
    };
    let resources = page
        .into_iter()
        .map(|n| PaginatedResource {
            resource: Some(paginated_resource::Resource::Node(node_to_proto(&n.view()))),
            logins: user
                .as_ref()
                .map(|(u, roles, all)| logins_on(u, roles, all, n))
                .unwrap_or_default(),
            requires_request: false,
        })
        .collect();
    Ok(ListResourcesResponse {
        resources,
        next_key,
        total_count: if req.need_total_count { total as i32 } else { 0 },
    })
}

/// Every keyword appears (case-insensitively) in the name, the address or a label.
fn matches_keywords(n: &NodeRow, keywords: &[String]) -> bool {
    let fields = [n.name.as_str(), n.addr.as_str(), n.uuid.as_str()]
        .into_iter()
        .chain(n.labels.iter().flat_map(|(k, v)| [k.as_str(), v.as_str()]));
    keywords_match(fields, keywords)
}

/// Every keyword appears (case-insensitively) in one of `fields`: `ListResources`' search.
pub(super) fn keywords_match<'a>(fields: impl IntoIterator<Item = &'a str>, keywords: &[String]) -> bool {
    let fields: Vec<String> = fields.into_iter().map(str::to_lowercase).collect();
    keywords
        .iter()
        .map(|k| k.to_lowercase())
        .all(|k| fields.iter().any(|f| f.contains(&k)))
}

/// The logins the roles grant on this node: allowed by a role whose `node_labels` match it, and
/// among `all`, the logins no role denies.
fn logins_on(
    user: &tele_common::resources::User,
    roles: &[tele_common::resources::Role],
    all: &[String],
    n: &NodeRow,
) -> Vec<String> {
    let matching: Vec<_> = roles
        .iter()
        .filter(|r| labels_match(&r.spec.allow.node_labels, &n.labels))
        .cloned()
        .collect();
    crate::issue::logins(user, &matching)
        .into_iter()
        .filter(|l| all.contains(l))
        .collect()
}
