//! The wire contract, defined once: the reference server serves these types and the clients
//! read them. Unauthenticated `/webapi/*` types use Teleport's JSON names exactly (Go rules:
//! durations in nanoseconds unless noted, `omitempty` fields skipped when empty).

use serde::{Deserialize, Serialize};

use crate::duration::GoDuration;

fn is_false(b: &bool) -> bool {
    !*b
}

/// `GET /webapi/ping`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PingResponse {
    /// Authentication settings.
    #[serde(default)]
    pub auth: AuthenticationSettings,
    /// Proxy settings.
    #[serde(default)]
    pub proxy: ProxySettings,
    /// The server's version.
    #[serde(default)]
    pub server_version: String,
    /// The oldest client version the server accepts.
    #[serde(default)]
    pub min_client_version: String,
    /// The cluster's name.
    #[serde(default)]
    pub cluster_name: String,
    /// Whether agents update themselves.
    #[serde(default)]
    pub automatic_upgrades: bool,
}

/// `GET /webapi/find`: [`PingResponse`] without `auth`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FindResponse {
    /// Proxy settings.
    #[serde(default)]
    pub proxy: ProxySettings,
    /// The server's version.
    #[serde(default)]
    pub server_version: String,
    /// The oldest client version the server accepts.
    #[serde(default)]
    pub min_client_version: String,
    /// The cluster's name.
    #[serde(default)]
    pub cluster_name: String,
}

/// `auth` of the ping response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AuthenticationSettings {
    /// `local`.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// `off`, `otp`, `webauthn`, `on`, `optional`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub second_factor: String,
    /// `webauthn` or `otp`: what tsh tries first.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub preferred_local_mfa: String,
    /// Passwordless login allowed.
    #[serde(default, skip_serializing_if = "is_false")]
    pub allow_passwordless: bool,
    /// Headless login allowed.
    #[serde(default, skip_serializing_if = "is_false")]
    pub allow_headless: bool,
    /// The local connector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local: Option<LocalSettings>,
    /// WebAuthn settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webauthn: Option<WebauthnSettings>,
    /// `none` unless hardware keys are required.
    #[serde(default)]
    pub private_key_policy: String,
    /// Device trust.
    #[serde(default)]
    pub device_trust: DeviceTrustSettings,
    /// Whether a message of the day is shown before login.
    #[serde(default)]
    pub has_motd: bool,
    /// Whether clients should load every cluster's CAs.
    #[serde(default, skip_serializing_if = "is_false")]
    pub load_all_cas: bool,
    /// Default certificate TTL (Teleport writes this one as a duration string).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_session_ttl: Option<GoDuration>,
    /// The cluster's signature algorithm suite: which keys tsh makes. Teleport sends the enum
    /// number; a name is taken too.
    #[serde(default, with = "crate::suite::number", skip_serializing_if = "Option::is_none")]
    pub signature_algorithm_suite: Option<crate::suite::Suite>,
}

/// `auth.local`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LocalSettings {
    /// Connector name (empty for the default).
    #[serde(default)]
    pub name: String,
}

/// `auth.webauthn`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WebauthnSettings {
    /// The relying party ID.
    pub rp_id: String,
}

/// `auth.device_trust`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DeviceTrustSettings {
    /// Device trust is off.
    #[serde(default)]
    pub disabled: bool,
    /// Devices enroll themselves.
    #[serde(default, skip_serializing_if = "is_false")]
    pub auto_enroll: bool,
}

/// `proxy` of the ping response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProxySettings {
    /// Kubernetes proxy.
    #[serde(default)]
    pub kube: KubeProxySettings,
    /// SSH proxy.
    #[serde(default)]
    pub ssh: SshProxySettings,
    /// Database proxies.
    #[serde(default)]
    pub db: DbProxySettings,
    /// Whether every protocol goes through the web port.
    #[serde(default)]
    pub tls_routing_enabled: bool,
}

impl ProxySettings {
    /// Where tsh reaches the proxy's SSH server (Teleport's `SSHProxyHostPort`): with TLS
    /// routing the web address (`ssh.public_addr`, else `ssh.web_listen_addr`), else the SSH
    /// port (`ssh_public_addr`, else `listen_addr`).
    pub fn ssh_proxy_addr(&self) -> String {
        let ssh = &self.ssh;
        let candidates = if self.tls_routing_enabled {
            [&ssh.public_addr, &ssh.web_listen_addr]
        } else {
            [&ssh.ssh_public_addr, &ssh.listen_addr]
        };
        candidates
            .into_iter()
            .find(|a| !a.is_empty())
            .cloned()
            .unwrap_or_default()
    }
}

/// `proxy.kube`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KubeProxySettings {
    /// Whether the Kubernetes proxy runs.
    #[serde(default)]
    pub enabled: bool,
    /// Public address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub public_addr: String,
    /// Listen address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub listen_addr: String,
}

/// `proxy.ssh`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SshProxySettings {
    /// SSH listen address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub listen_addr: String,
    /// Reverse tunnel listen address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub tunnel_listen_addr: String,
    /// Web listen address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub web_listen_addr: String,
    /// Public web address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub public_addr: String,
    /// Public SSH address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ssh_public_addr: String,
    /// Public tunnel address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ssh_tunnel_public_addr: String,
}

/// `proxy.db`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DbProxySettings {
    /// PostgreSQL listen address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub postgres_listen_addr: String,
    /// PostgreSQL public address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub postgres_public_addr: String,
    /// MySQL listen address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub mysql_listen_addr: String,
    /// MySQL public address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub mysql_public_addr: String,
    /// MongoDB listen address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub mongo_listen_addr: String,
    /// MongoDB public address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub mongo_public_addr: String,
}

/// `GET /v1/status`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StatusResponse {
    /// The cluster's name.
    pub cluster_name: String,
    /// The server's version.
    pub version: String,
    /// One row per CA.
    pub cas: Vec<CaStatus>,
    /// CA pins of the TLS CA certificates.
    pub ca_pins: Vec<String>,
}

/// A CA and its rotation state.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CaStatus {
    /// `host` or `user`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `never updated`, or the rotation phase.
    pub rotation: String,
}

/// User certificates as the server issues them (login, headless approval, `tctl auth sign`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct UserCertResponse {
    /// SSH user certificate, authorized_keys form.
    pub ssh_cert: String,
    /// TLS certificate, PEM.
    pub tls_cert: String,
    /// `@cert-authority` lines of the host CA.
    pub host_ca_lines: Vec<String>,
    /// TLS CA certificates, PEM.
    pub tls_cas: Vec<String>,
}
