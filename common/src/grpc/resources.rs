//! Resources between Teleport's protobuf types (`types.ServerV2`, ...) and the suite's views.

use super::wire::types::{
    DatabaseServerSpecV3, DatabaseServerV3, KubernetesServerSpecV3, KubernetesServerV3, Metadata, ServerSpecV2,
    ServerV2,
};
use crate::api::nodes::Node;

/// `ResourceType` of SSH nodes in `ListResources`.
pub const KIND_NODE: &str = "node";
/// `SubKind` of an OpenSSH node registered without a Teleport agent (Teleport's agentless
/// nodes), which is what this suite's nodes are.
pub const SUBKIND_OPENSSH: &str = "openssh";
/// The one namespace.
pub const NAMESPACE: &str = "default";

/// A node as `ListResources` carries it: `Metadata.Name` is its ID, `Spec.Hostname` the name
/// users type.
pub fn node_to_proto(node: &Node) -> ServerV2 {
    ServerV2 {
        kind: KIND_NODE.into(),
        sub_kind: SUBKIND_OPENSSH.into(),
        version: "v2".into(),
        metadata: Some(Metadata {
            name: node.uuid.clone(),
            namespace: NAMESPACE.into(),
            labels: node.labels.clone().into_iter().collect(),
            ..Metadata::default()
        }),
        spec: Some(ServerSpecV2 {
            addr: node.addr.clone(),
            hostname: node.name.clone(),
            version: node.version.clone(),
            ..ServerSpecV2::default()
        }),
    }
}

/// A node as `tsh ls` shows it.
pub fn node_from_proto(server: ServerV2) -> Node {
    let metadata = server.metadata.unwrap_or_default();
    let spec = server.spec.unwrap_or_default();
    Node {
        name: if spec.hostname.is_empty() {
            metadata.name.clone()
        } else {
            spec.hostname
        },
        uuid: metadata.name,
        addr: spec.addr,
        labels: metadata.labels.into_iter().collect(),
        version: spec.version,
    }
}

/// `ResourceType` of databases as Database Services proxy them (what `tsh db ls` lists).
pub const KIND_DB_SERVER: &str = "db_server";
/// `ResourceType` of Kubernetes clusters as Kubernetes Services proxy them (`tsh kube ls`).
pub const KIND_KUBE_SERVER: &str = "kube_server";

/// Where a proxied resource is served: the agent's host name and ID.
pub struct Host<'a> {
    /// `Spec.Hostname`.
    pub hostname: &'a str,
    /// `Spec.HostID`.
    pub host_id: &'a str,
}

/// A database as a `types.DatabaseServerV3` of `ListResources`: named as the database.
pub fn db_server_to_proto(db: &crate::resources::Database, host: &Host<'_>) -> DatabaseServerV3 {
    DatabaseServerV3 {
        kind: KIND_DB_SERVER.into(),
        sub_kind: String::new(),
        version: "v3".into(),
        metadata: Some(metadata_of(&db.metadata.name)),
        spec: Some(DatabaseServerSpecV3 {
            version: crate::VERSION.into(),
            hostname: host.hostname.into(),
            host_id: host.host_id.into(),
            database: Some(super::convert::database_to_proto(db)),
            proxy_i_ds: Vec::new(),
        }),
    }
}

/// The database a `types.DatabaseServerV3` carries.
pub fn db_server_from_proto(server: DatabaseServerV3) -> Option<crate::resources::Database> {
    server
        .spec
        .and_then(|s| s.database)
        .map(super::convert::database_from_proto)
}

/// A Kubernetes cluster as a `types.KubernetesServerV3` of `ListResources`, without its
/// kubeconfig (credentials stay with the service that uses them).
pub fn kube_server_to_proto(
    kube: &crate::resources::KubeCluster,
    host: &Host<'_>,
) -> crate::error::Result<KubernetesServerV3> {
    let mut cluster = super::convert::kube_to_proto(kube)?;
    if let Some(spec) = cluster.spec.as_mut() {
        spec.kubeconfig.clear();
    }
    Ok(KubernetesServerV3 {
        kind: KIND_KUBE_SERVER.into(),
        sub_kind: String::new(),
        version: "v3".into(),
        metadata: Some(metadata_of(&kube.metadata.name)),
        spec: Some(KubernetesServerSpecV3 {
            version: crate::VERSION.into(),
            hostname: host.hostname.into(),
            host_id: host.host_id.into(),
            cluster: Some(cluster),
            proxy_i_ds: Vec::new(),
        }),
    })
}

/// The Kubernetes cluster a `types.KubernetesServerV3` carries.
pub fn kube_server_from_proto(server: KubernetesServerV3) -> Option<crate::resources::KubeCluster> {
    server.spec.and_then(|s| s.cluster).map(super::convert::kube_from_proto)
}

fn metadata_of(name: &str) -> Metadata {
    Metadata {
        name: name.into(),
        namespace: NAMESPACE.into(),
        ..Metadata::default()
    }
}
