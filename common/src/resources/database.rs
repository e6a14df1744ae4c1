//! `kind: db` and `kind: kube_cluster`: the databases and Kubernetes clusters users reach
//! through the proxy, in Teleport's v3 shape. What may reach them is the role's business
//! (`db_labels`, `kubernetes_labels`); these only say what exists and where.

use serde::{Deserialize, Serialize};

use super::{Metadata, check_header, validate_name};
use crate::error::{Error, Result};

/// Database protocols Teleport knows. Only `postgres` is served by this suite's proxy; the
/// others may be registered and listed.
pub const DB_PROTOCOLS: &[&str] = &[
    "postgres",
    "mysql",
    "mongodb",
    "cockroachdb",
    "redis",
    "sqlserver",
    "snowflake",
    "cassandra",
    "elasticsearch",
    "opensearch",
    "oracle",
    "clickhouse",
    "dynamodb",
    "spanner",
];

/// `spec` of a database.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSpec {
    /// `postgres`, `mysql`, ...
    #[serde(default)]
    pub protocol: String,
    /// Where the database listens, `host:port`.
    #[serde(default)]
    pub uri: String,
}

/// `kind: db`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Database {
    /// Always `db`.
    pub kind: String,
    /// `v3`.
    pub version: String,
    /// Name, description and labels.
    pub metadata: Metadata,
    /// Protocol and address.
    #[serde(default)]
    pub spec: DatabaseSpec,
}

impl Database {
    /// A database with the current version.
    pub fn new(name: impl Into<String>, protocol: impl Into<String>, uri: impl Into<String>) -> Self {
        Self {
            kind: "db".into(),
            version: "v3".into(),
            metadata: Metadata::named(name),
            spec: DatabaseSpec {
                protocol: protocol.into(),
                uri: uri.into(),
            },
        }
    }

    /// Checks the fields serde cannot.
    pub fn validate(&self) -> Result<()> {
        check_header(&self.kind, "db", &self.version, &["v3"])?;
        validate_name("metadata.name", &self.metadata.name)?;
        let protocol = &self.spec.protocol;
        if protocol.is_empty() {
            return Err(Error::bad_parameter("spec.protocol: missing, expected e.g. postgres"));
        }
        if !DB_PROTOCOLS.contains(&protocol.as_str()) {
            return Err(Error::bad_parameter(format!(
                "spec.protocol: unsupported database protocol {protocol:?}, expected one of {}",
                DB_PROTOCOLS.join(", ")
            )));
        }
        let uri = &self.spec.uri;
        if uri.is_empty() {
            return Err(Error::bad_parameter("spec.uri: missing, expected host:port"));
        }
        crate::config::split_host_port(uri)
            .map_err(|_| Error::bad_parameter(format!("spec.uri: {uri:?} is not host:port")))?;
        Ok(())
    }
}

/// `spec` of a Kubernetes cluster: where its API server is, as Teleport's dynamic
/// `kube_cluster` has it (base64 of a kubeconfig; its current context names the server, the CA
/// and a token or client certificate). Without one the cluster is listed but not reachable.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KubeClusterSpec {
    /// Base64 of a kubeconfig.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kubeconfig: String,
}

/// `kind: kube_cluster`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KubeCluster {
    /// Always `kube_cluster`.
    pub kind: String,
    /// `v3`.
    pub version: String,
    /// Name and labels.
    pub metadata: Metadata,
    /// Where the API server is.
    #[serde(default)]
    pub spec: KubeClusterSpec,
}

impl KubeCluster {
    /// A Kubernetes cluster with the current version.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            kind: "kube_cluster".into(),
            version: "v3".into(),
            metadata: Metadata::named(name),
            spec: KubeClusterSpec::default(),
        }
    }

    /// Checks the fields serde cannot.
    pub fn validate(&self) -> Result<()> {
        check_header(&self.kind, "kube_cluster", &self.version, &["v3"])?;
        validate_name("metadata.name", &self.metadata.name)?;
        if !self.spec.kubeconfig.is_empty() {
            crate::kube::config::Upstream::from_base64(&self.spec.kubeconfig)?;
        }
        Ok(())
    }
}
