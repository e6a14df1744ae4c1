//! tsh's SSH client: to the proxy's SSH port with the login's certificate, through the
//! `proxy:host:port@cluster` subsystem to a node, whose host certificate is checked against the
//! cluster's host CA. When the proxy records (`cluster-details@goteleport.com`), the login's key
//! is offered to it as a forwarded agent, and only then.

mod forward;
mod session;

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use russh::client::{self, AuthResult, Handle};
use russh::keys::PublicKeyOrCertificate;
use russh::{Channel, ChannelMsg, ChannelStream};
use ssh_key::certificate::CertType;
use ssh_key::{Certificate, PublicKey};

use crate::error::{Error, ErrorKind, Result};
use crate::keys::SshKey;
use crate::sshca::check_cert;

pub use forward::{LocalForward, bind_local_forward, serve_local_forward};
pub use session::{Exec, Io, run_session};

/// Teleport's global request asking whether the cluster records at the proxy.
pub const CLUSTER_DETAILS: &str = "cluster-details@goteleport.com";
/// The exit code when the connection itself fails (as OpenSSH's).
pub const CONNECTION_FAILED: u8 = 255;

/// Where `tsh ssh` goes: `[login@]host[:port]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The OS login, if given in the target.
    pub login: Option<String>,
    /// Node name or address.
    pub host: String,
    /// Port, 0 when not given (the proxy finds the node by name).
    pub port: u16,
}

impl Target {
    /// Parses `[login@]host`; `port` comes from `-p`.
    pub fn parse(text: &str, port: Option<u16>) -> Result<Self> {
        let (login, host) = match text.rsplit_once('@') {
            Some((l, h)) => (Some(l.to_string()), h),
            None => (None, text),
        };
        if host.is_empty() || login.as_deref() == Some("") {
            return Err(Error::bad_parameter(format!(
                "invalid target {text:?}: expected [user@]host"
            )));
        }
        Ok(Self {
            login,
            host: host.to_string(),
            port: port.unwrap_or(0),
        })
    }

    /// The subsystem that asks the proxy for this target.
    pub fn subsystem(&self, cluster: &str) -> String {
        format!("proxy:{}:{}@{cluster}", self.host, self.port)
    }
}

/// How tsh reaches the proxy's SSH server.
#[derive(Clone)]
pub enum ProxyRoute {
    /// The SSH port, `host:port` (clusters without TLS routing).
    Ssh(String),
    /// The web port with Teleport's TLS routing: TLS with ALPN `teleport-proxy-ssh` (and the
    /// login's client certificate), plain SSH inside.
    Tls {
        /// `host:port` of the web listener.
        addr: String,
        /// The name the proxy's TLS certificate must carry (`<hex>.teleport.cluster.local`).
        server_name: String,
        /// Roots, client certificate and ALPN.
        tls: Arc<rustls::ClientConfig>,
    },
}

impl ProxyRoute {
    /// The address dialed.
    pub fn addr(&self) -> &str {
        match self {
            Self::Ssh(addr) | Self::Tls { addr, .. } => addr,
        }
    }
}

/// What a connection needs: where the proxy is, who logs in, and whom to trust.
#[derive(Clone)]
pub struct Dialer {
    /// The way to the proxy's SSH server.
    pub proxy: ProxyRoute,
    /// The cluster's name.
    pub cluster: String,
    /// The login's key.
    pub key: Arc<SshKey>,
    /// The login's certificate.
    pub cert: Certificate,
    /// The cluster's host CA keys.
    pub host_cas: Vec<PublicKey>,
    /// Comment of the key in a forwarded agent (`teleport:<user>`).
    pub agent_comment: String,
    /// The agent to offer the node when a session asks for agent forwarding (`tsh ssh -A`).
    pub node_agent: Option<AgentSource>,
}

/// An agent tsh can forward.
#[derive(Clone, Debug)]
pub enum AgentSource {
    /// The user's ssh-agent at `SSH_AUTH_SOCK`.
    Socket(std::path::PathBuf),
    /// tsh's own: the login's key and certificate, from memory.
    Login,
}

/// Checks host certificates against the host CAs, for one expected name.
struct HostCheck {
    host_cas: Vec<PublicKey>,
    name: String,
    refusal: Arc<std::sync::Mutex<Option<String>>>,
}

impl HostCheck {
    fn check(&self, key: &PublicKeyOrCertificate) -> bool {
        let verdict = match key {
            PublicKeyOrCertificate::Certificate(cert) => {
                let now = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or(0);
                let mut last = None;
                let ok =
                    self.host_cas
                        .iter()
                        .any(|ca| match check_cert(cert, ca, CertType::Host, Some(&self.name), now) {
                            Ok(()) => true,
                            Err(e) => {
                                last = Some(e.message().to_string());
                                false
                            }
                        });
                if ok {
                    Ok(())
                } else {
                    Err(last.unwrap_or_else(|| "no host CA is known".into()))
                }
            }
            PublicKeyOrCertificate::PublicKey { .. } => {
                Err("remote host presented a public key, expected a host certificate".into())
            }
        };
        match verdict {
            Ok(()) => true,
            Err(reason) => {
                *self.refusal.lock().unwrap_or_else(|p| p.into_inner()) =
                    Some(format!("ssh: handshake failed: host {}: {reason}", self.name));
                false
            }
        }
    }
}

/// tsh's side of an SSH connection, to the proxy or to a node: host certificates checked, and
/// agent channels served from `agent` (none: refused). The proxy gets tsh's own key (it asks only
/// when it records and tsh forwarded); a node gets what `-A` chose.
pub struct TshHandler {
    check: HostCheck,
    agent: Option<AgentSource>,
    key: Arc<SshKey>,
    cert: Certificate,
    comment: String,
}

impl client::Handler for TshHandler {
    type Error = russh::Error;

    async fn check_server_key(&mut self, key: &PublicKeyOrCertificate) -> std::result::Result<bool, russh::Error> {
        Ok(self.check.check(key))
    }

    async fn server_channel_open_agent_forward(
        &mut self,
        channel: Channel<client::Msg>,
        reply: client::ChannelOpenHandle,
        _session: &mut client::Session,
    ) -> std::result::Result<(), russh::Error> {
        let Some(source) = self.agent.clone() else {
            reply
                .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
                .await;
            return Ok(());
        };
        reply.accept().await;
        let (key, cert, comment) = (self.key.clone(), self.cert.clone(), self.comment.clone());
        tokio::spawn(async move {
            let mut stream = channel.into_stream();
            match source {
                AgentSource::Socket(path) => {
                    if let Ok(mut sock) = tokio::net::UnixStream::connect(&path).await {
                        let _ = tokio::io::copy_bidirectional(&mut stream, &mut sock).await;
                    }
                }
                AgentSource::Login => {
                    let _ = crate::agent::serve(stream, &key, &cert, &comment).await;
                }
            }
        });
        Ok(())
    }
}

/// The host certificates tsh accepts, of every key kind a Teleport cluster's hosts have (RSA
/// with SHA-2 only: OpenSSH no longer signs with `ssh-rsa`).
const HOST_CERT_ALGORITHMS: &[ssh_key::Algorithm] = &[
    ssh_key::Algorithm::Ed25519,
    ssh_key::Algorithm::Ecdsa {
        curve: ssh_key::EcdsaCurve::NistP256,
    },
    ssh_key::Algorithm::Rsa {
        hash: Some(ssh_key::HashAlg::Sha512),
    },
    ssh_key::Algorithm::Rsa {
        hash: Some(ssh_key::HashAlg::Sha256),
    },
];

/// Algorithms in the order tsh and the proxy offer them: host certificates accepted (russh's
/// default is none), and AES-GCM before ChaCha20-Poly1305 because ring's AES-GCM uses the CPU's
/// AES instructions (copies through a recording proxy were 1.5x faster in the bench).
pub fn preferred() -> russh::Preferred {
    russh::Preferred {
        host_key_certificates: std::borrow::Cow::Borrowed(HOST_CERT_ALGORITHMS),
        cipher: std::borrow::Cow::Borrowed(&[
            russh::cipher::AES_256_GCM,
            russh::cipher::CHACHA20_POLY1305,
            russh::cipher::AES_256_CTR,
        ]),
        ..Default::default()
    }
}

fn client_config() -> Arc<client::Config> {
    Arc::new(client::Config {
        preferred: preferred(),
        nodelay: true,
        ..Default::default()
    })
}

/// An error that ends tsh with OpenSSH's 255.
pub fn connection_failed(message: impl Into<String>) -> Error {
    Error::connection(message).with_exit_code(CONNECTION_FAILED)
}

/// The byte stream to a node through the proxy (the first bytes already read, put back).
pub type NodeStream = tokio::io::Join<
    tokio::io::Chain<std::io::Cursor<Vec<u8>>, tokio::io::ReadHalf<ChannelStream<client::Msg>>>,
    tokio::io::WriteHalf<ChannelStream<client::Msg>>,
>;

/// A connection to the proxy, and whether it records sessions.
pub struct ProxyConnection {
    /// The SSH connection.
    pub handle: Handle<TshHandler>,
    /// Whether the cluster records at the proxy (so the agent must be forwarded).
    pub recording: bool,
}

impl Dialer {
    fn handler(&self, check: HostCheck, agent: Option<AgentSource>) -> TshHandler {
        TshHandler {
            check,
            agent,
            key: self.key.clone(),
            cert: self.cert.clone(),
            comment: self.agent_comment.clone(),
        }
    }

    fn host_check(&self, name: &str) -> (HostCheck, Arc<std::sync::Mutex<Option<String>>>) {
        let refusal = Arc::new(std::sync::Mutex::new(None));
        let check = HostCheck {
            host_cas: self.host_cas.clone(),
            name: name.to_string(),
            refusal: refusal.clone(),
        };
        (check, refusal)
    }

    /// Logs in to the proxy as `login` and asks whether it records.
    pub async fn dial_proxy(&self, login: &str) -> Result<ProxyConnection> {
        let addr = self.proxy.addr();
        let proxy_host = crate::profile::proxy_host(addr);
        let (check, refusal) = self.host_check(&proxy_host);
        let handler = self.handler(check, Some(AgentSource::Login));
        let connected = match &self.proxy {
            ProxyRoute::Ssh(addr) => client::connect(client_config(), addr.as_str(), handler).await,
            ProxyRoute::Tls { addr, server_name, tls } => {
                let ssh = crate::grpc::routing::PROXY_SSH;
                let stream = crate::grpc::routing::dial(
                    addr,
                    server_name,
                    tls.clone(),
                    ssh,
                    "its SSH server",
                    crate::grpc::routing::DIAL_TIMEOUT,
                )
                .await
                .map_err(|e| connection_failed(e.message().to_string()).with_hint_of(&e))?;
                client::connect_stream(client_config(), stream, handler).await
            }
        };
        let mut handle = match connected {
            Ok(h) => h,
            Err(e) => {
                let why = refusal.lock().unwrap_or_else(|p| p.into_inner()).take();
                return Err(connection_failed(
                    why.unwrap_or_else(|| format!("failed to connect to the proxy at {addr}: {e}")),
                ));
            }
        };
        self.authenticate(&mut handle, login, "the proxy").await?;
        let recording = match handle.send_global_request(CLUSTER_DETAILS, &[], true).await {
            Ok(Some(reply)) => reply.first().is_some_and(|b| *b != 0),
            _ => false,
        };
        Ok(ProxyConnection { handle, recording })
    }

    async fn authenticate<H: client::Handler>(&self, handle: &mut Handle<H>, login: &str, what: &str) -> Result<()> {
        let mut signer = KeySigner(self.key.clone());
        let hash = self.key.signature_hash();
        match handle
            .authenticate_certificate_with(login, self.cert.clone(), hash, &mut signer)
            .await
        {
            Ok(AuthResult::Success) => Ok(()),
            Ok(AuthResult::Failure { .. }) => Err(connection_failed(format!(
                "ssh: handshake failed: {what} refused the certificate for login {login:?}"
            ))
            .with_hint("check the login is one of yours (tsh status), or log in again with tsh login")),
            Err(SignError(e)) => Err(connection_failed(format!("ssh: handshake failed with {what}: {e}"))),
        }
    }

    /// Opens `proxy:host:port@cluster` on the proxy connection and returns its byte stream.
    /// With `forward_agent`, the login's key is offered to the proxy first. A proxy that cannot
    /// reach the node says why on the subsystem's stderr before any byte of the node arrives.
    pub async fn open_subsystem(
        &self,
        proxy: &ProxyConnection,
        target: &Target,
        forward_agent: bool,
    ) -> Result<NodeStream> {
        let io = |e: russh::Error| connection_failed(format!("proxy connection: {e}"));
        let mut channel = proxy.handle.channel_open_session().await.map_err(io)?;
        if forward_agent {
            channel.agent_forward(false).await.map_err(io)?;
        }
        channel
            .request_subsystem(true, target.subsystem(&self.cluster))
            .await
            .map_err(io)?;
        let mut stderr = Vec::new();
        let mut accepted = false;
        loop {
            match channel.wait().await {
                Some(ChannelMsg::Success) => accepted = true,
                Some(ChannelMsg::Data { data }) if accepted => {
                    let (read, write) = tokio::io::split(channel.into_stream());
                    let first = std::io::Cursor::new(data.to_vec());
                    return Ok(tokio::io::join(tokio::io::AsyncReadExt::chain(first, read), write));
                }
                Some(ChannelMsg::ExtendedData { data, .. }) => stderr.extend_from_slice(&data),
                Some(ChannelMsg::Failure | ChannelMsg::Close | ChannelMsg::Eof) | None => break,
                Some(_) => {}
            }
        }
        Err(refusal_error(&target.host, &String::from_utf8_lossy(&stderr)))
    }

    /// Dials the proxy, then the node through it, and logs in as `login`.
    pub async fn connect_node(&self, target: &Target, login: &str) -> Result<NodeConnection> {
        let proxy = self.dial_proxy(login).await?;
        let stream = self.open_subsystem(&proxy, target, proxy.recording).await?;
        let (check, refusal) = self.host_check(&target.host);
        let handler = self.handler(check, self.node_agent.clone());
        let mut handle = match client::connect_stream(client_config(), stream, handler).await {
            Ok(h) => h,
            Err(e) => {
                let why = refusal.lock().unwrap_or_else(|p| p.into_inner()).take();
                return Err(connection_failed(
                    why.unwrap_or_else(|| format!("failed connecting to host {}: {e}", target.host)),
                ));
            }
        };
        self.authenticate(&mut handle, login, &format!("host {}", target.host))
            .await?;
        Ok(NodeConnection {
            node: handle,
            _proxy: proxy.handle,
        })
    }
}

/// Signs user authentication with the login's key in memory. russh's own
/// `authenticate_openssh_cert` names an RSA certificate `ssh-rsa-cert-v01` (SHA-1), which
/// OpenSSH refuses; this way the hash follows [`SshKey::signature_hash`] (`rsa-sha2-512`).
struct KeySigner(Arc<SshKey>);

/// Why [`KeySigner`] could not sign.
#[derive(Debug)]
struct SignError(String);

impl From<russh::SendError> for SignError {
    fn from(e: russh::SendError) -> Self {
        Self(e.to_string())
    }
}

impl russh::Signer for KeySigner {
    type Error = SignError;

    fn auth_sign(
        &mut self,
        _key: &russh::keys::agent::AgentIdentity,
        hash_alg: Option<ssh_key::HashAlg>,
        mut to_sign: Vec<u8>,
    ) -> impl Future<Output = std::result::Result<Vec<u8>, SignError>> + Send {
        use ssh_key::encoding::Encode;
        let signed = self.0.sign(&to_sign, hash_alg).map_err(|e| SignError(e.to_string()));
        let blob = signed.and_then(|sig| sig.encode_vec().map_err(|e| SignError(e.to_string())));
        let done = blob.and_then(|b| b.encode(&mut to_sign).map_err(|e| SignError(e.to_string())));
        std::future::ready(done.map(|()| to_sign))
    }
}

/// A logged-in connection to a node, and the proxy connection it runs through.
pub struct NodeConnection {
    /// The node.
    pub node: Handle<TshHandler>,
    _proxy: Handle<TshHandler>,
}

/// Turns the proxy's stderr on a refused subsystem into an error of the right kind.
fn refusal_error(host: &str, stderr: &str) -> Error {
    let mut lines = stderr.lines().map(str::trim).filter(|l| !l.is_empty());
    let message = lines
        .next()
        .map(str::to_string)
        .unwrap_or_else(|| format!("failed connecting to host {host}: the proxy refused the request"));
    let hint = lines.find_map(|l| l.strip_prefix("hint: ").map(str::to_string));
    let kind = if message.contains("access denied") {
        ErrorKind::AccessDenied
    } else if message.contains("is not found") {
        ErrorKind::NotFound
    } else {
        ErrorKind::ConnectionProblem
    };
    let mut e = Error::new(kind, message);
    if kind == ErrorKind::ConnectionProblem {
        e = e.with_exit_code(CONNECTION_FAILED);
    }
    match hint {
        Some(h) => e.with_hint(h),
        None => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_targets() {
        let t = Target::parse("root@dev1", None).unwrap();
        assert_eq!((t.login.as_deref(), t.host.as_str(), t.port), (Some("root"), "dev1", 0));
        let t = Target::parse("127.0.0.1", Some(22)).unwrap();
        assert_eq!(t.subsystem("c"), "proxy:127.0.0.1:22@c");
        assert!(Target::parse("root@", None).is_err());
        assert!(Target::parse("@dev1", None).is_err());
    }

    #[test]
    fn refusals_keep_the_proxys_words_and_kind() {
        let e = refusal_error(
            "dev1",
            "failed connecting to host dev1: access denied to bob connecting to dev1\r\nhint: ask\r\n",
        );
        assert_eq!(e.kind(), ErrorKind::AccessDenied);
        assert_eq!(e.hint(), Some("ask"));
        assert_eq!(e.exit_code(), None);
        let e = refusal_error(
            "dev1",
            "failed connecting to host dev1: dial tcp 1.2.3.4:22: refused\r\n",
        );
        assert_eq!(e.exit_code(), Some(255));
    }
}
