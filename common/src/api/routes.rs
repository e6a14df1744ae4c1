//! Routed certificates: a TLS certificate for one database (as one database user, on one
//! database name) or one Kubernetes cluster, what `tsh db connect|exec`, `tsh proxy db`,
//! `tsh kube credentials` and `tsh proxy kube` present to the proxy. When the target needs
//! per-session MFA the certificate lasts one minute and names the device that answered.
//!
//! The route travels in the certificate's subject, under attribute types of Teleport's private
//! arc `1.3.9999` (Teleport puts its routes in the subject too; whether its numbers are these
//! exact ones is not confirmed, and nothing outside this suite reads them).
//!
//! They come from the Auth service's `GenerateUserCerts` (`crate::grpc::route`).

use serde::{Deserialize, Serialize};

use crate::error::Result;

/// Subject attribute: the database's name.
pub const OID_DB_SERVICE: &[u64] = &[1, 3, 9999, 2, 1];
/// Subject attribute: the database protocol.
pub const OID_DB_PROTOCOL: &[u64] = &[1, 3, 9999, 2, 2];
/// Subject attribute: the database user.
pub const OID_DB_USER: &[u64] = &[1, 3, 9999, 2, 3];
/// Subject attribute: the database name inside the database server.
pub const OID_DB_NAME: &[u64] = &[1, 3, 9999, 2, 4];
/// Subject attribute: the Kubernetes cluster.
pub const OID_KUBE_CLUSTER: &[u64] = &[1, 3, 9999, 1, 3];
/// Subject attribute: the MFA device that answered (per-session MFA).
pub const OID_MFA_VERIFIED: &[u64] = &[1, 3, 9999, 1, 8];

/// ALPN protocol that routes a connection on the proxy's web port to the PostgreSQL proxy
/// (Teleport's TLS routing name).
pub const ALPN_POSTGRES: &[u8] = b"teleport-postgres";

/// `RequesterName` of `tsh db exec` (Teleport's `TSH_DB_EXEC`): the only requester whose MFA
/// answer the cluster accepts again, for five minutes (teleport-facts §3.4).
pub const REQUESTER_DB_EXEC: &str = "TSH_DB_EXEC";

/// `RequesterName` of `tsh proxy db --tunnel` (Teleport's): a local proxy, whose MFA-verified
/// certificate may last longer than a minute (teleport-facts §3.2).
pub const REQUESTER_DB_TUNNEL: &str = "TSH_DB_LOCAL_PROXY_TUNNEL";
/// `RequesterName` of `tsh proxy kube` (Teleport's), a local proxy too.
pub const REQUESTER_KUBE_LOCAL_PROXY: &str = "TSH_KUBE_LOCAL_PROXY";

/// Whether `requester` runs a local proxy: its MFA-verified certificate lasts until the login
/// ends or the roles' `mfa_verification_interval` is over, whichever comes first.
pub fn is_local_proxy(requester: &str) -> bool {
    requester == REQUESTER_DB_TUNNEL || requester == REQUESTER_KUBE_LOCAL_PROXY
}

/// What a routed certificate is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RouteTarget {
    /// One database, as one database user.
    Database {
        /// The database resource's name.
        name: String,
        /// The user to log in to the database as (`--db-user`).
        db_user: String,
        /// The database name inside it (`--db-name`); empty: the server's default.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        db_name: String,
    },
    /// One Kubernetes cluster.
    KubeCluster {
        /// The kube_cluster resource's name.
        name: String,
    },
}

impl RouteTarget {
    /// Teleport's kind word in "MFA is required to access Database "NAME"".
    pub fn kind_text(&self) -> &'static str {
        match self {
            Self::Database { .. } => "Database",
            Self::KubeCluster { .. } => "Kubernetes cluster",
        }
    }

    /// The resource's name.
    pub fn name(&self) -> &str {
        match self {
            Self::Database { name, .. } | Self::KubeCluster { name } => name,
        }
    }

    /// `MFA is required to access Database "NAME"` (teleport-facts §3.5).
    pub fn mfa_reason(&self) -> String {
        format!("MFA is required to access {} {:?}", self.kind_text(), self.name())
    }
}

/// A routed certificate with its key, held in memory only, and how to use it.
pub struct RouteCert {
    /// The target it is for.
    pub target: RouteTarget,
    /// The key (made by tsh, never sent).
    pub key: crate::keys::TlsKey,
    /// The certificate (PEM).
    pub cert_pem: String,
    /// The cluster's TLS CAs (PEM), to check the proxy.
    pub cas_pem: String,
    /// When it ends.
    pub not_after: std::time::SystemTime,
}

impl std::fmt::Debug for RouteCert {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RouteCert")
            .field("target", &self.target)
            .field("not_after", &self.not_after)
            .finish_non_exhaustive()
    }
}

impl RouteCert {
    /// A rustls client config presenting this certificate, trusting the cluster's CAs, and
    /// offering `alpn` (the proxy routes connections by it).
    pub fn tls_config(&self, alpn: &[&[u8]], insecure: bool) -> Result<rustls::ClientConfig> {
        let chain = crate::tls::parse_certs_pem(&self.cert_pem)?;
        let key = crate::tls::parse_key_pem(self.key.private_pem().expose())?;
        let cas = crate::tls::parse_certs_pem(&self.cas_pem)?;
        let mut config = crate::tls::client_config(&cas, Some((chain, key)), insecure)?;
        config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
        Ok(config)
    }

    /// Whether it has ended (with a few seconds to spare for a connection about to start).
    pub fn expired(&self, now: std::time::SystemTime) -> bool {
        now + std::time::Duration::from_secs(5) >= self.not_after
    }
}
