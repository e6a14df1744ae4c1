//! The `teleport.yaml` subset the reference server reads, in Teleport's own shape. tctl reads
//! the same file (`tctl -c teleport.yaml`) to find the data dir and the web address.
//!
//! Every struct denies unknown keys, so a typo is an error naming the key and the file.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result, io_error};
use crate::resources::AuthPreferenceSpec;
use crate::yaml::{self, lenient_bool, lenient_bool_opt};

/// Default web (HTTPS) port of the proxy.
pub const DEFAULT_WEB_PORT: u16 = 3080;
/// Default SSH port of the proxy.
pub const DEFAULT_SSH_PORT: u16 = 3023;
/// Where tctl looks when neither `-c` nor `-i` is given, as Teleport's tctl does.
pub const DEFAULT_CONFIG_PATH: &str = "/etc/teleport.yaml";
/// The admin identity the server writes into its data dir for `tctl -c`.
pub const ADMIN_IDENTITY_FILE: &str = "admin.identity";

/// The whole file.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// `v1`, `v2` or `v3`; informative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Process-wide settings.
    #[serde(default)]
    pub teleport: Global,
    /// The auth service.
    #[serde(default)]
    pub auth_service: AuthService,
    /// The proxy service.
    #[serde(default)]
    pub proxy_service: ProxyService,
    /// The SSH service; only `enabled: false` makes sense here (nodes are OpenSSH).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssh_service: Option<Toggle>,
}

/// `teleport:`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Global {
    /// Name of this host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nodename: Option<String>,
    /// Where state lives (SQLite, CAs, the admin identity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    /// Logging.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log: Option<Log>,
}

/// `teleport.log`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Log {
    /// Only `stderr` is supported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// `DEBUG`, `INFO`, `WARN`, `ERROR`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
}

/// `ssh_service:` and other on/off sections.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Toggle {
    /// Whether the service runs.
    #[serde(deserialize_with = "lenient_bool")]
    pub enabled: bool,
}

/// `session_recording:`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SessionRecording {
    /// Nodes record (OpenSSH nodes do not).
    #[default]
    Node,
    /// Nodes record synchronously.
    NodeSync,
    /// The proxy records.
    Proxy,
    /// The proxy records synchronously.
    ProxySync,
    /// Nobody records.
    Off,
}

impl SessionRecording {
    /// Returns whether the proxy terminates and records SSH sessions.
    pub fn at_proxy(self) -> bool {
        matches!(self, Self::Proxy | Self::ProxySync)
    }
}

/// `auth_service:`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthService {
    /// Whether the auth service runs (it must, in the reference server).
    #[serde(
        default,
        deserialize_with = "lenient_bool_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub enabled: Option<bool>,
    /// The cluster's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_name: Option<String>,
    /// Where sessions are recorded.
    #[serde(default)]
    pub session_recording: SessionRecording,
    /// Whether the recording proxy insists on host certificates.
    #[serde(
        default,
        deserialize_with = "lenient_bool_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub proxy_checks_host_keys: Option<bool>,
    /// Static tokens: `'proxy,node:secret'` or `'auth:/path/to/tokenfile'`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tokens: Vec<String>,
    /// The cluster auth preference, applied at every start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication: Option<AuthPreferenceSpec>,
}

/// `proxy_service:`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProxyService {
    /// Whether the proxy runs (it must, in the reference server).
    #[serde(
        default,
        deserialize_with = "lenient_bool_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub enabled: Option<bool>,
    /// HTTPS address (default `0.0.0.0:3080`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_listen_addr: Option<String>,
    /// SSH address (default `0.0.0.0:3023`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listen_addr: Option<String>,
    /// Addresses users reach the proxy at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_addr: Option<OneOrMany>,
}

/// A string or a list of strings.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// One.
    One(String),
    /// Several.
    Many(Vec<String>),
}

impl OneOrMany {
    /// Returns the values as a list.
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            Self::One(s) => vec![s.clone()],
            Self::Many(v) => v.clone(),
        }
    }
}

impl FileConfig {
    /// Reads and checks a config file; errors name the file and the key.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| io_error("reading config", path, e))?;
        Self::parse(&text).map_err(|e| e.context(path.display()))
    }

    /// Parses and checks config text.
    pub fn parse(text: &str) -> Result<Self> {
        let config: Self = if text.trim().is_empty() {
            Self::default()
        } else {
            yaml::from_str(text)?
        };
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<()> {
        if self.auth_service.enabled == Some(false) {
            return Err(Error::bad_parameter(
                "auth_service.enabled: the reference server always runs the auth service",
            ));
        }
        if self.proxy_service.enabled == Some(false) {
            return Err(Error::bad_parameter(
                "proxy_service.enabled: the reference server always runs the proxy service",
            ));
        }
        if self.ssh_service.as_ref().is_some_and(|s| s.enabled) {
            return Err(Error::bad_parameter(
                "ssh_service.enabled: nodes are OpenSSH servers joined with `refserver join openssh`",
            ));
        }
        for (key, addr) in [
            ("proxy_service.web_listen_addr", &self.proxy_service.web_listen_addr),
            ("proxy_service.listen_addr", &self.proxy_service.listen_addr),
        ] {
            if let Some(addr) = addr {
                split_host_port(addr).map_err(|e| e.context(key))?;
            }
        }
        if let Some(name) = &self.auth_service.cluster_name {
            crate::resources::validate_name("auth_service.cluster_name", name)?;
        }
        for (i, token) in self.auth_service.tokens.iter().enumerate() {
            StaticToken::parse(token).map_err(|e| e.context(format!("auth_service.tokens[{i}]")))?;
        }
        if let Some(auth) = &self.auth_service.authentication {
            crate::resources::AuthPreference::new(auth.clone())
                .validate()
                .map_err(|e| {
                    Error::bad_parameter(format!(
                        "auth_service.authentication.{}",
                        e.message().trim_start_matches("spec.")
                    ))
                })?;
            if let Some(suite) = auth.signature_algorithm_suite {
                suite
                    .ca_keys()
                    .map_err(|e| e.context("auth_service.authentication.signature_algorithm_suite"))?;
            }
        }
        if let Some(log) = &self.teleport.log
            && log.output.as_deref().is_some_and(|o| o != "stderr")
        {
            return Err(Error::bad_parameter(
                "teleport.log.output: only \"stderr\" is supported",
            ));
        }
        Ok(())
    }

    /// The data dir (default `/var/lib/teleport`).
    pub fn data_dir(&self) -> PathBuf {
        self.teleport
            .data_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from("/var/lib/teleport"))
    }

    /// The cluster name (default `localhost`).
    pub fn cluster_name(&self) -> String {
        self.auth_service
            .cluster_name
            .clone()
            .unwrap_or_else(|| "localhost".into())
    }

    /// The web listen address.
    pub fn web_listen_addr(&self) -> String {
        self.proxy_service
            .web_listen_addr
            .clone()
            .unwrap_or_else(|| format!("0.0.0.0:{DEFAULT_WEB_PORT}"))
    }

    /// The separate SSH listen address, when one is set: with TLS routing (Teleport's
    /// `multiplex` listener mode) SSH reaches the proxy through the web port, and the SSH port
    /// (Teleport's default 3023) is opened only where `proxy_service.listen_addr` asks for it.
    pub fn ssh_listen_addr(&self) -> Option<String> {
        self.proxy_service.listen_addr.clone()
    }

    /// The address a client on this host dials for the web listener (`0.0.0.0` becomes loopback).
    pub fn local_web_addr(&self) -> String {
        dialable(&self.web_listen_addr())
    }

    /// The address users reach the web listener at: the first public address, else the local one.
    pub fn public_web_addr(&self) -> String {
        self.proxy_service
            .public_addr
            .as_ref()
            .and_then(|p| p.to_vec().into_iter().next())
            .map(|a| {
                if a.contains(':') {
                    a
                } else {
                    format!("{a}:{DEFAULT_WEB_PORT}")
                }
            })
            .unwrap_or_else(|| self.local_web_addr())
    }

    /// The path of the admin identity in the data dir.
    pub fn admin_identity_path(&self) -> PathBuf {
        self.data_dir().join(ADMIN_IDENTITY_FILE)
    }
}

/// Turns a listen address into one a local client can dial.
pub fn dialable(addr: &str) -> String {
    match split_host_port(addr) {
        Ok((host, port)) if host == "0.0.0.0" || host.is_empty() => format!("127.0.0.1:{port}"),
        Ok((host, port)) if host == "::" => format!("[::1]:{port}"),
        _ => addr.to_string(),
    }
}

/// Splits `host:port` (IPv6 in brackets).
pub fn split_host_port(addr: &str) -> Result<(String, u16)> {
    let bad = || Error::bad_parameter(format!("{addr:?} is not a valid address, expected host:port"));
    let (host, port) = addr.rsplit_once(':').ok_or_else(bad)?;
    let port: u16 = port.parse().map_err(|_| bad())?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    Ok((host.to_string(), port))
}

/// A token from `auth_service.tokens`.
#[derive(Clone, PartialEq, Eq)]
pub struct StaticToken {
    /// What it joins as.
    pub roles: Vec<crate::resources::SystemRole>,
    /// The secret, or a file holding it.
    pub value: StaticTokenValue,
}

/// Where a static token's secret is.
#[derive(Clone, PartialEq, Eq)]
pub enum StaticTokenValue {
    /// Inline.
    Inline(String),
    /// In a file (absolute path).
    File(PathBuf),
}

impl std::fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaticToken")
            .field("roles", &self.roles)
            .finish_non_exhaustive()
    }
}

impl StaticToken {
    /// Parses `'proxy,node:secret'` or `'auth:/path/to/tokenfile'`.
    pub fn parse(text: &str) -> Result<Self> {
        let (roles, value) = text
            .split_once(':')
            .ok_or_else(|| Error::bad_parameter("expected 'role[,role]:token-or-/path/to/file'"))?;
        let roles = crate::resources::SystemRole::parse_list(roles)?;
        if value.is_empty() {
            return Err(Error::bad_parameter("the token value is empty"));
        }
        let value = if value.starts_with('/') {
            StaticTokenValue::File(PathBuf::from(value))
        } else {
            StaticTokenValue::Inline(value.to_string())
        };
        Ok(Self { roles, value })
    }

    /// Returns the secret, reading the file if there is one.
    pub fn secret(&self) -> Result<String> {
        match &self.value {
            StaticTokenValue::Inline(v) => Ok(v.clone()),
            StaticTokenValue::File(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| io_error("reading token file", path, e))?;
                let secret = text.trim().to_string();
                if secret.is_empty() {
                    return Err(Error::bad_parameter(format!("token file {} is empty", path.display())));
                }
                Ok(secret)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_seed_snippets() {
        let c = FileConfig::parse(
            "teleport:\n  data_dir: /tmp/x\nauth_service:\n  enabled: true\n  cluster_name: example.com\n  session_recording: \"proxy\"\n  proxy_checks_host_keys: no\n  tokens:\n  - 'proxy,node:secret-token-value'\n  - 'auth:/path/to/tokenfile'\nproxy_service:\n  web_listen_addr: 127.0.0.1:3080\n",
        )
        .unwrap();
        assert!(c.auth_service.session_recording.at_proxy());
        assert_eq!(c.auth_service.proxy_checks_host_keys, Some(false));
        assert_eq!(c.local_web_addr(), "127.0.0.1:3080");
        let t = StaticToken::parse(&c.auth_service.tokens[1]).unwrap();
        assert!(t.value == StaticTokenValue::File("/path/to/tokenfile".into()));
    }

    #[test]
    fn unknown_and_invalid_keys_are_named() {
        let err = FileConfig::parse("auth_service:\n  cluster_nam: x\n").unwrap_err();
        assert!(err.message().contains("cluster_nam"), "{err}");
        let err = FileConfig::parse("auth_service:\n  session_recording: tape\n").unwrap_err();
        assert!(err.message().contains("auth_service.session_recording"), "{err}");
        let err = FileConfig::parse("proxy_service:\n  web_listen_addr: nowhere\n").unwrap_err();
        assert!(err.message().contains("proxy_service.web_listen_addr"), "{err}");
        let err = FileConfig::parse("auth_service:\n  tokens: ['gadget:x']\n").unwrap_err();
        assert!(err.message().contains("auth_service.tokens[0]"), "{err}");
        let err = FileConfig::parse("auth_service:\n  authentication:\n    second_factor: webauthn\n").unwrap_err();
        assert!(err.message().contains("authentication.webauthn.rp_id"), "{err}");
        let err = FileConfig::parse("auth_service:\n  authentication:\n    signature_algorithm_suite: balanced-v2\n")
            .unwrap_err();
        assert!(
            err.message().starts_with(
                "auth_service.authentication.signature_algorithm_suite: unknown signature algorithm suite"
            ),
            "{err}"
        );
        let err =
            FileConfig::parse("auth_service:\n  authentication:\n    signature_algorithm_suite: hsm-v1\n").unwrap_err();
        assert!(
            err.message()
                .contains("signature_algorithm_suite: \"hsm-v1\" is not supported"),
            "{err}"
        );
        let c = FileConfig::parse("auth_service:\n  authentication:\n    signature_algorithm_suite: legacy\n").unwrap();
        let suite = c.auth_service.authentication.unwrap().signature_algorithm_suite;
        assert_eq!(suite, Some(crate::suite::Suite::Legacy));
    }

    #[test]
    fn dialable_addresses() {
        assert_eq!(dialable("0.0.0.0:3080"), "127.0.0.1:3080");
        assert_eq!(dialable("[::]:3080"), "[::1]:3080");
        assert_eq!(dialable("10.0.0.1:443"), "10.0.0.1:443");
    }
}
