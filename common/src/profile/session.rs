//! A profile's certificates as they are on disk, what they say (roles, logins, validity), and a
//! client that presents them.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ssh_key::Certificate;

use super::{Home, Profile};
use crate::error::{Error, Result, io_error};
use crate::keystore::{self, KeyKind};
use crate::tls;

/// 9999-12-31T23:59:59Z, in seconds since the epoch.
const LATEST_TIME: u64 = 253_402_300_799;

/// The public half of a login: certificates and CAs.
#[derive(Clone, Debug)]
pub struct SessionCerts {
    /// The SSH user certificate.
    pub ssh_cert: Certificate,
    /// The TLS certificate, PEM.
    pub tls_cert: String,
    /// The cluster's TLS CA certificates, PEM.
    pub tls_cas: String,
}

/// A profile with its certificates.
#[derive(Clone, Debug)]
pub struct Session {
    /// The profile.
    pub profile: Profile,
    /// Its certificates.
    pub certs: SessionCerts,
    /// Keys held in memory only (a headless login); `None`: the profile's key store.
    pub memory: Option<std::sync::Arc<MemoryKeys>>,
    /// The login's TLS client config, once built: its key is read from the store (a keyring
    /// call, or a file) once per process, though `tsh ssh` needs it for the Auth service and
    /// for the SSH proxy alike.
    pub(crate) tls: TlsOnce,
}

/// A TLS client config built at most once; shared by the clones of a [`Session`].
#[derive(Clone, Default)]
pub(crate) struct TlsOnce(std::sync::Arc<std::sync::OnceLock<rustls::ClientConfig>>);

impl std::fmt::Debug for TlsOnce {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TlsOnce(..)")
    }
}

/// A login that lives in this process only: its keys and the host CAs it was given.
#[derive(Debug)]
pub struct MemoryKeys {
    /// The SSH key.
    pub ssh: std::sync::Arc<crate::keys::SshKey>,
    /// The TLS key.
    pub tls: crate::keys::TlsKey,
    /// The cluster's SSH host CAs.
    pub host_cas: Vec<ssh_key::PublicKey>,
}

fn read(path: &std::path::Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| io_error("reading", path, e).with_hint("log in again with tsh login"))
}

impl Session {
    /// Reads a profile's certificates.
    pub fn load(home: &Home, profile: Profile) -> Result<Self> {
        let paths = home.keys(&profile.name(), &profile.user);
        let ssh_text = read(&paths.ssh_cert(&profile.cluster))?;
        let ssh_cert = Certificate::from_openssh(ssh_text.trim())
            .map_err(|e| Error::bad_parameter(format!("invalid SSH certificate: {e}")))?;
        let tls_cert = read(&paths.tls_cert())?;
        let tls_cas = read(&paths.ca(&profile.cluster))?;
        Ok(Self {
            profile,
            certs: SessionCerts {
                ssh_cert,
                tls_cert,
                tls_cas,
            },
            memory: None,
            tls: TlsOnce::default(),
        })
    }

    /// Role names (the `teleport-roles` extension).
    pub fn roles(&self) -> Vec<String> {
        let ext = self.certs.ssh_cert.extensions().get("teleport-roles");
        ext.and_then(|v| serde_json::from_str::<serde_json::Value>(v).ok())
            .and_then(|v| v["roles"].as_array().cloned())
            .map(|a| a.iter().filter_map(|r| r.as_str().map(String::from)).collect())
            .unwrap_or_default()
    }

    /// OS logins (principals without Teleport's internal ones).
    pub fn logins(&self) -> Vec<String> {
        self.certs
            .ssh_cert
            .valid_principals()
            .iter()
            .filter(|p| !p.starts_with("-teleport"))
            .cloned()
            .collect()
    }

    /// Extensions a user cares about (not Teleport's bookkeeping), sorted.
    pub fn extensions(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .certs
            .ssh_cert
            .extensions()
            .keys()
            .filter(|k| !k.starts_with("teleport-"))
            .cloned()
            .collect();
        v.sort();
        v
    }

    /// The end of the SSH certificate's validity. A certificate's `valid_before` can be past
    /// what a `SystemTime` holds (OpenSSH's "forever" is `u64::MAX`): such a time reads as the
    /// latest one RFC 3339 writes.
    pub fn valid_until(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(self.certs.ssh_cert.valid_before().min(LATEST_TIME))
    }

    /// A client of the cluster's Auth service (gRPC through the web port's TLS routing),
    /// presenting this login's TLS certificate and trusting only the cluster's CAs. It lives on
    /// the runtime it was made on.
    pub async fn auth_client(&self, home: &Home) -> Result<crate::grpc::AuthClient> {
        let tls = self.tls_config(home, false)?;
        crate::grpc::AuthClient::connect(&self.profile.web_proxy_addr, &self.profile.cluster, tls).await
    }

    /// The login's TLS client certificate and key, and the cluster's CAs as the only roots.
    pub fn tls_config(&self, home: &Home, insecure: bool) -> Result<rustls::ClientConfig> {
        if insecure {
            return self.build_tls_config(home, true);
        }
        if let Some(config) = self.tls.0.get() {
            return Ok(config.clone());
        }
        let config = self.build_tls_config(home, false)?;
        let _ = self.tls.0.set(config.clone());
        Ok(config)
    }

    /// The cluster's CAs as the only roots, and no client certificate: for the web API's
    /// public endpoints (a Teleport proxy hands requests with one to application access).
    pub fn public_tls_config(&self, insecure: bool) -> Result<rustls::ClientConfig> {
        tls::client_config(&tls::parse_certs_pem(&self.certs.tls_cas)?, None, insecure)
    }

    fn build_tls_config(&self, home: &Home, insecure: bool) -> Result<rustls::ClientConfig> {
        let key = match &self.memory {
            Some(m) => tls::parse_key_pem(m.tls.private_pem().expose())?,
            None => {
                let store = keystore::open(self.profile.key_store, home.keys_dir())?;
                let key = store.get(&self.profile.name(), &self.profile.user, KeyKind::Tls)?;
                tls::parse_key_pem(std::str::from_utf8(&key).map_err(|_| Error::bad_parameter("TLS key is not PEM"))?)?
            }
        };
        let chain = tls::parse_certs_pem(&self.certs.tls_cert)?;
        let cas = tls::parse_certs_pem(&self.certs.tls_cas)?;
        tls::client_config(&cas, Some((chain, key)), insecure)
    }

    /// What an SSH connection through the proxy needs: the login's key and certificate, the
    /// host CAs of known_hosts, and the way to the proxy: its web port with TLS routing (ALPN
    /// `teleport-proxy-ssh`, this login's TLS certificate, the cluster's CAs), else its SSH port.
    pub fn dialer(&self, home: &Home) -> Result<crate::ssh::Dialer> {
        let (key, host_cas) = match &self.memory {
            Some(m) => (m.ssh.clone(), m.host_cas.clone()),
            None => {
                let store = keystore::open(self.profile.key_store, home.keys_dir())?;
                let pem = store.get(&self.profile.name(), &self.profile.user, KeyKind::Ssh)?;
                let key = crate::keys::SshKey::from_pem(
                    std::str::from_utf8(&pem).map_err(|_| Error::bad_parameter("SSH key is not PEM"))?,
                )?;
                (std::sync::Arc::new(key), home.host_cas()?)
            }
        };
        let proxy = if self.profile.tls_routing_enabled {
            let mut tls = self.tls_config(home, false)?;
            tls.alpn_protocols = vec![crate::grpc::routing::PROXY_SSH.to_vec()];
            crate::ssh::ProxyRoute::Tls {
                addr: self.profile.web_proxy_addr.clone(),
                server_name: crate::grpc::routing::cluster_server_name(&self.profile.cluster),
                tls: std::sync::Arc::new(tls),
            }
        } else if self.profile.ssh_proxy_addr.is_empty() {
            crate::ssh::ProxyRoute::Ssh(format!("{}:{}", self.profile.name(), crate::config::DEFAULT_SSH_PORT))
        } else {
            crate::ssh::ProxyRoute::Ssh(self.profile.ssh_proxy_addr.clone())
        };
        Ok(crate::ssh::Dialer {
            proxy,
            cluster: self.profile.cluster.clone(),
            key,
            cert: self.certs.ssh_cert.clone(),
            host_cas,
            agent_comment: format!("teleport:{}", self.profile.user),
            node_agent: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The SSH certificate of the profile that crashed the `profile` fuzz target
    /// (`fuzz/corpus/profile/crash-e036ab26a8dceb2d597bbebb8a6daad717b95ef1`): its `valid_before`
    /// is 0x800000012706de9c, past what a `SystemTime` holds, and `tsh status` panicked adding it.
    const FAR_FUTURE_CERT: &str = "ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29tAAAAIAcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHAAAAIHXsB8aQlQKMnPuumcoS/uGuU3qt+WtoVUkN/F4Is8FoAAAAAAAAAAAAAAABAAAABWFsaWNlAAAAIwAAAARyb290AAAAFy10ZWxlcG9ydC1pbnRlcm5hbC1qb2luAAAAAGsOwGGAAAABJwbenAAAAAAAAABPAAAACnJlcm1pdC1wdHkAAAAAAAAADnRlbGVwb3J0LXJvbGVzAAAAJwAAACN7InZlcnNpb24iOiJ2MSIsInJvbGVzIjpbImFjY2VzcyJdfQAAAAAAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIFG/rn+pLFFVEs061EJ2DkFhLlnf7DkT9nC3IcBCVbBoAAAAUwAAAAtzc2gtZWQyNTUxOQAAAEA6+Er+9RNoOxqPAw/+M70wHT09b+azEvjWrigfrHz9w8nLgct7tzhms8j1XVERXj2bw8l9ODiaEkbmIi6qO+sH";

    fn session(cert: &str) -> Session {
        Session {
            profile: Profile::default(),
            certs: SessionCerts {
                ssh_cert: Certificate::from_openssh(cert).unwrap(),
                tls_cert: String::new(),
                tls_cas: String::new(),
            },
            memory: None,
            tls: TlsOnce::default(),
        }
    }

    #[test]
    fn validity_past_what_a_time_holds_is_the_latest_time_written() {
        let s = session(FAR_FUTURE_CERT);
        assert_eq!(s.certs.ssh_cert.valid_before(), 0x8000_0001_2706_de9c);
        assert_eq!(crate::duration::rfc3339(s.valid_until()), "9999-12-31T23:59:59Z");
        assert!(s.valid_until() > SystemTime::now());
    }
}
