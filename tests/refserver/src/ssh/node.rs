//! The proxy as an SSH client of a node (recording mode): the node's host certificate checked
//! against the host CA, login through the user's forwarded agent.

use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use russh::client::{self, AuthResult};
use russh::keys::agent::AgentIdentity;
use russh::keys::agent::client::AgentClient;
use russh::keys::{HashAlg, PublicKeyOrCertificate};
use ssh_key::certificate::CertType;
use tele_common::error::{Error, Result};
use tele_common::sshca::check_cert;

use super::SshError;
use super::proxy::DIAL_TIMEOUT;
use crate::store::NodeRow;

/// Teleport's words when a node shows a plain key to a proxy that checks host keys.
pub(crate) const PLAIN_KEY: &str =
    "ssh: handshake failed: remote host presented a public key, expected a host certificate";

pub(crate) struct NodeHandler {
    host_ca: ssh_key::PublicKey,
    node: String,
    strict: bool,
    /// Why the host key was refused, for the user.
    refusal: Arc<Mutex<Option<String>>>,
}

impl client::Handler for NodeHandler {
    type Error = SshError;

    async fn check_server_key(&mut self, key: &PublicKeyOrCertificate) -> Result<bool, SshError> {
        let verdict = match key {
            PublicKeyOrCertificate::Certificate(cert) => {
                let now = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or(0);
                check_cert(cert, &self.host_ca, CertType::Host, Some(&self.node), now)
                    .map_err(|e| format!("ssh: handshake failed: host {}: {}", self.node, e.message()))
            }
            PublicKeyOrCertificate::PublicKey { .. } => Err(PLAIN_KEY.to_string()),
        };
        match verdict {
            Ok(()) => Ok(true),
            Err(reason) if !self.strict => {
                tracing::warn!(
                    node = %self.node,
                    "Insecure configuration! Strict host key checking disabled, allowing login without checking host key ({reason})"
                );
                Ok(true)
            }
            Err(reason) => {
                tracing::info!(node = %self.node, "node refused: {reason}");
                *self.refusal.lock().unwrap_or_else(|p| p.into_inner()) = Some(reason);
                Ok(false)
            }
        }
    }
}

/// Connects to `node` as `login`, signing with the first certificate the user's agent holds.
pub(crate) async fn connect(
    node: &NodeRow,
    login: &str,
    host_ca: ssh_key::PublicKey,
    strict: bool,
    agent: &mut AgentClient<russh::ChannelStream<russh::server::Msg>>,
) -> Result<client::Handle<NodeHandler>> {
    let refusal = Arc::new(Mutex::new(None));
    let handler = NodeHandler {
        host_ca,
        node: node.name.clone(),
        strict,
        refusal: refusal.clone(),
    };
    let config = Arc::new(client::Config {
        preferred: tele_common::ssh::preferred(),
        nodelay: true,
        ..Default::default()
    });
    let dial = client::connect(config, node.addr.as_str(), handler);
    let mut handle = match tokio::time::timeout(DIAL_TIMEOUT, dial).await {
        Ok(Ok(h)) => h,
        Ok(Err(e)) => {
            let reason = refusal.lock().unwrap_or_else(|p| p.into_inner()).take();
            return Err(Error::connection(
                reason.unwrap_or_else(|| format!("dial {}: {e}", node.addr)),
            ));
        }
        Err(_) => return Err(Error::connection(format!("dial {}: timed out", node.addr))),
    };
    let identities = agent
        .request_identities()
        .await
        .map_err(|e| Error::connection(format!("reading the forwarded agent: {e}")))?;
    let certs = identities.into_iter().filter_map(|i| match i {
        AgentIdentity::Certificate { certificate, .. } => Some(certificate),
        AgentIdentity::PublicKey { .. } => None,
    });
    for cert in certs {
        // RSA keys sign with rsa-sha2-512: OpenSSH refuses ssh-rsa (SHA-1).
        let hash = cert.algorithm().is_rsa().then_some(HashAlg::Sha512);
        match handle.authenticate_certificate_with(login, cert, hash, agent).await {
            Ok(AuthResult::Success) => return Ok(handle),
            Ok(AuthResult::Failure { .. }) => continue,
            Err(e) => return Err(Error::connection(format!("signing with the forwarded agent: {e}"))),
        }
    }
    Err(Error::access_denied(format!(
        "ssh: unable to authenticate as {login}: no certificate in the forwarded agent was accepted"
    )))
}
