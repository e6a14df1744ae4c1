//! SSH access: joining OpenSSH nodes (`POST /webapi/host/credentials`), listing nodes, and the
//! sessions the proxy recorded.

use std::collections::BTreeMap;

use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::Client;
use crate::error::{Error, Result};

/// `POST /webapi/host/credentials`: an OpenSSH node presents a join token and its public key
/// (Teleport's `RegisterUsingTokenRequest` names; `labels` and `address` are this suite's, since
/// an OpenSSH node has no heartbeat to announce them).
#[derive(Clone, Serialize, Deserialize)]
pub struct JoinRequest {
    /// The join token.
    pub token: String,
    /// The node's name (its host name).
    pub node_name: String,
    /// What it joins as: `Node`.
    pub role: String,
    /// The host key, authorized_keys form.
    pub public_ssh_key: String,
    /// More names for the host certificate (its address).
    #[serde(default)]
    pub additional_principals: Vec<String>,
    /// Where its sshd listens, `host:port`.
    pub address: String,
    /// Labels to list it with.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
}

impl std::fmt::Debug for JoinRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JoinRequest")
            .field("token", &"<redacted>")
            .field("node_name", &self.node_name)
            .field("address", &self.address)
            .finish_non_exhaustive()
    }
}

/// The answer to [`JoinRequest`].
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct JoinResponse {
    /// The host certificate, authorized_keys form.
    pub cert: String,
    /// The host CA keys (`@cert-authority` lines).
    pub ssh_ca_certs: Vec<String>,
    /// The user CA keys, authorized_keys form (what sshd's `TrustedUserCAKeys` holds).
    pub ssh_user_ca_keys: Vec<String>,
    /// The node as registered.
    pub node: Node,
}

/// A node as `tctl nodes ls` and `tsh ls` show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    /// The host name.
    pub name: String,
    /// Its UUID.
    pub uuid: String,
    /// `host:port` of its sshd.
    pub addr: String,
    /// Its labels.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// The version it joined with.
    pub version: String,
}

impl Node {
    /// Labels as `k=v,k2=v2` (Teleport's list form).
    pub fn labels_text(&self) -> String {
        labels_text(&self.labels)
    }

    /// Whether every `key=value` selector matches this node's labels.
    pub fn matches(&self, selectors: &BTreeMap<String, String>) -> bool {
        labels_select(selectors, &self.labels)
    }
}

/// Labels as `k=v,k2=v2` (Teleport's list form).
pub fn labels_text(labels: &BTreeMap<String, String>) -> String {
    labels
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Whether every `key=value` selector (from [`parse_selectors`]) matches `labels` exactly.
pub fn labels_select(selectors: &BTreeMap<String, String>, labels: &BTreeMap<String, String>) -> bool {
    selectors.iter().all(|(k, v)| labels.get(k) == Some(v))
}

/// Parses `key=value` label selectors (`tsh ls env=prod`), also comma-separated.
pub fn parse_selectors(args: &[String]) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for part in args.iter().flat_map(|a| a.split(',')).filter(|p| !p.is_empty()) {
        let (k, v) = part
            .split_once('=')
            .ok_or_else(|| Error::bad_parameter(format!("invalid label selector {part:?}: expected key=value")))?;
        out.insert(k.trim().to_string(), v.trim().to_string());
    }
    Ok(out)
}

/// A session the proxy recorded, as `tsh recordings ls` shows it (from its `session.end` event).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Recording {
    /// Session ID.
    pub id: String,
    /// `ssh`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The Teleport user.
    pub user: String,
    /// The OS login.
    pub login: String,
    /// The node's name.
    pub hostname: String,
    /// The command, empty for a shell.
    pub command: String,
    /// Start, RFC 3339.
    pub started: String,
    /// End, RFC 3339, empty while it runs.
    #[serde(default)]
    pub ended: String,
}

impl Client {
    /// Joins an OpenSSH node with a token (no client certificate needed).
    pub async fn join_node(&self, req: &JoinRequest) -> Result<JoinResponse> {
        self.call(Method::POST, "/webapi/host/credentials", Some(req)).await
    }
}
