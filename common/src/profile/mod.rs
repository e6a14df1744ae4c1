//! tsh's home (`~/.tsh`, or `TELEPORT_HOME`) in Teleport's layout (teleport-facts §2):
//!
//! ```text
//! current-profile                      <proxy host>
//! <proxy host>.yaml                    the profile
//! known_hosts                          @cert-authority lines
//! keys/<proxy>/<user>                  SSH private key (file store)
//! keys/<proxy>/<user>.pub              SSH public key
//! keys/<proxy>/<user>.key              TLS private key (file store)
//! keys/<proxy>/<user>.crt              TLS certificate
//! keys/<proxy>/<user>-ssh/<cluster>-cert.pub
//! keys/<proxy>/cas/<cluster>.pem       TLS CA of the cluster
//! keys/<proxy>/certs.pem               all TLS CAs (legacy)
//! ```
//!
//! Directories are 0700 and files 0600.

mod session;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::env;
use crate::error::{Error, Result, io_error};
use crate::fsutil;
use crate::keystore::KeyStoreKind;

pub use session::{MemoryKeys, Session, SessionCerts};

/// A profile: where the proxy is and who is logged in there.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// `host:port` of the proxy's web listener.
    pub web_proxy_addr: String,
    /// `host:port` of the proxy's SSH listener (the web port with TLS routing).
    #[serde(default)]
    pub ssh_proxy_addr: String,
    /// Whether the proxy routes every protocol through its web port by ALPN (Teleport's
    /// `tls_routing_enabled`): tsh then reaches SSH and the Auth service there.
    #[serde(default)]
    pub tls_routing_enabled: bool,
    /// The Teleport user.
    pub user: String,
    /// The cluster.
    pub cluster: String,
    /// `--mfa-mode` chosen at login.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub mfa_mode: String,
    /// Where the private keys are.
    #[serde(default)]
    pub key_store: KeyStoreKind,
}

impl Profile {
    /// The profile's name: the proxy's host.
    pub fn name(&self) -> String {
        proxy_host(&self.web_proxy_addr)
    }
}

/// The host part of `host:port`.
pub fn proxy_host(addr: &str) -> String {
    crate::config::split_host_port(addr)
        .map(|(h, _)| h)
        .unwrap_or_else(|_| addr.to_string())
}

/// tsh's home directory.
#[derive(Clone, Debug)]
pub struct Home {
    dir: PathBuf,
}

/// Paths of one user's keys under one proxy.
#[derive(Clone, Debug)]
pub struct KeyPaths {
    dir: PathBuf,
    user: String,
}

impl KeyPaths {
    /// `keys/<proxy>`.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
    /// `keys/<proxy>/<user>.pub`.
    pub fn ssh_pub(&self) -> PathBuf {
        self.dir.join(format!("{}.pub", self.user))
    }
    /// `keys/<proxy>/<user>.crt`.
    pub fn tls_cert(&self) -> PathBuf {
        self.dir.join(format!("{}.crt", self.user))
    }
    /// `keys/<proxy>/<user>-ssh/<cluster>-cert.pub`.
    pub fn ssh_cert(&self, cluster: &str) -> PathBuf {
        self.dir
            .join(format!("{}-ssh", self.user))
            .join(format!("{cluster}-cert.pub"))
    }
    /// `keys/<proxy>/cas/<cluster>.pem`.
    pub fn ca(&self, cluster: &str) -> PathBuf {
        self.dir.join("cas").join(format!("{cluster}.pem"))
    }
    /// `keys/<proxy>/certs.pem`.
    pub fn certs_pem(&self) -> PathBuf {
        self.dir.join("certs.pem")
    }
}

impl Home {
    /// `TELEPORT_HOME`, else `~/.tsh`.
    pub fn resolve(ctx: &Context) -> Result<Self> {
        if let Some(dir) = ctx.var(env::TELEPORT_HOME) {
            return Ok(Self { dir: ctx.resolve(dir) });
        }
        let home = ctx.home().ok_or_else(|| {
            Error::bad_parameter("cannot find the home directory").with_hint("set HOME or TELEPORT_HOME")
        })?;
        Ok(Self { dir: home.join(".tsh") })
    }

    /// A home at an explicit directory.
    pub fn at(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `<home>/keys`.
    pub fn keys_dir(&self) -> PathBuf {
        self.dir.join("keys")
    }

    /// Key paths of `user` under `proxy_host`.
    pub fn keys(&self, proxy_host: &str, user: &str) -> KeyPaths {
        KeyPaths {
            dir: self.keys_dir().join(proxy_host),
            user: user.to_string(),
        }
    }

    /// `<home>/known_hosts`.
    pub fn known_hosts(&self) -> PathBuf {
        self.dir.join("known_hosts")
    }

    fn current_path(&self) -> PathBuf {
        self.dir.join("current-profile")
    }

    /// The name of the current profile.
    pub fn current(&self) -> Result<Option<String>> {
        match std::fs::read_to_string(self.current_path()) {
            Ok(s) if !s.trim().is_empty() => Ok(Some(s.trim().to_string())),
            Ok(_) => Ok(None),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_error("reading", &self.current_path(), e)),
        }
    }

    /// Makes `name` the current profile.
    pub fn set_current(&self, name: &str) -> Result<()> {
        fsutil::write_private_creating(&self.current_path(), format!("{name}\n").as_bytes())
    }

    /// Forgets the current profile.
    pub fn clear_current(&self) -> Result<()> {
        fsutil::remove_file(&self.current_path())
    }

    fn profile_path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.yaml"))
    }

    /// Reads a profile by name.
    pub fn load(&self, name: &str) -> Result<Option<Profile>> {
        let path = self.profile_path(name);
        match std::fs::read_to_string(&path) {
            Ok(text) => crate::yaml::from_str(&text)
                .map(Some)
                .map_err(|e| e.context(path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_error("reading", &path, e)),
        }
    }

    /// Writes a profile.
    pub fn save(&self, profile: &Profile) -> Result<()> {
        let text = serde_saphyr::to_string(profile).map_err(|e| Error::internal(e.to_string()))?;
        fsutil::write_private_creating(&self.profile_path(&profile.name()), text.as_bytes())
    }

    /// Removes a profile file.
    pub fn remove(&self, name: &str) -> Result<()> {
        fsutil::remove_file(&self.profile_path(name))
    }

    /// Every profile, sorted by name.
    pub fn profiles(&self) -> Result<Vec<Profile>> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_error("reading", &self.dir, e)),
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                e.file_name()
                    .to_str()
                    .and_then(|n| n.strip_suffix(".yaml"))
                    .map(String::from)
            })
            .collect();
        names.sort();
        let mut profiles = Vec::new();
        for name in names {
            if let Some(p) = self.load(&name)? {
                profiles.push(p);
            }
        }
        Ok(profiles)
    }

    /// The host CA keys of known_hosts' `@cert-authority` lines.
    pub fn host_cas(&self) -> Result<Vec<ssh_key::PublicKey>> {
        let path = self.known_hosts();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(io_error("reading", &path, e)),
        };
        let keys: Vec<ssh_key::PublicKey> = text
            .lines()
            .filter_map(|l| l.strip_prefix("@cert-authority "))
            .filter_map(|rest| {
                let mut f = rest.split_whitespace().skip(1);
                let (alg, data) = (f.next()?, f.next()?);
                ssh_key::PublicKey::from_openssh(&format!("{alg} {data}")).ok()
            })
            .collect();
        if keys.is_empty() {
            return Err(
                Error::not_found(format!("no host CA in {}", path.display())).with_hint("log in again with tsh login")
            );
        }
        Ok(keys)
    }

    /// Adds `lines` to known_hosts, skipping ones it has.
    pub fn add_known_hosts(&self, lines: &[String]) -> Result<()> {
        let path = self.known_hosts();
        let mut text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(io_error("reading", &path, e)),
        };
        for line in lines {
            if !text.lines().any(|l| l == line) {
                text.push_str(line);
                text.push('\n');
            }
        }
        fsutil::write_private_creating(&path, text.as_bytes())
    }
}
