//! Resources between Teleport's protobuf types (`types.ServerV2`, ...) and the suite's views.

use super::wire::types::{Metadata, ServerSpecV2, ServerV2};
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
