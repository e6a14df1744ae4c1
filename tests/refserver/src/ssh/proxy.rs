//! The proxy's side of a user's SSH connection: certificate login, `cluster-details`, and the
//! `proxy:host:port@cluster` subsystem.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use russh::Channel;
use russh::ChannelId;
use russh::server::ChannelOpenHandle;
use russh::server::{Auth, Handle, Msg, Session};
use ssh_key::Certificate;
use ssh_key::certificate::CertType;
use tele_common::error::{Error, Result};
use tele_common::sshca::check_cert;

use super::{Shared, SshError, forward};
use crate::store::NodeRow;
use crate::{access, session_mfa};

/// Teleport's global request asking whether the cluster records at the proxy.
const CLUSTER_DETAILS: &str = "cluster-details@goteleport.com";
/// How long the proxy waits for a node's TCP port.
pub(crate) const DIAL_TIMEOUT: Duration = Duration::from_secs(10);

/// Who logged in to the proxy.
#[derive(Clone, Debug)]
pub(crate) struct Identity {
    /// The Teleport user (the certificate's key id).
    pub user: String,
    /// The OS login asked for (the SSH user name).
    pub login: String,
    /// The certificate's principals.
    pub principals: Vec<String>,
    /// For a single-use certificate: the MFA device that answered, and the node it is for.
    pub single_use: Option<(String, String)>,
    /// A headless login's certificate: approved with a security key within its one minute.
    pub headless: bool,
}

pub(crate) struct ProxyHandler {
    shared: Arc<Shared>,
    peer: SocketAddr,
    identity: Option<Identity>,
    channels: HashMap<ChannelId, Channel<Msg>>,
    agent_forwarded: bool,
    /// Told when the user has authenticated, which lifts the connection's auth deadline.
    authenticated: Option<tokio::sync::oneshot::Sender<()>>,
}

impl ProxyHandler {
    pub(crate) fn new(shared: Arc<Shared>, peer: SocketAddr, authenticated: tokio::sync::oneshot::Sender<()>) -> Self {
        Self {
            shared,
            peer,
            identity: None,
            channels: HashMap::new(),
            agent_forwarded: false,
            authenticated: Some(authenticated),
        }
    }
}

/// Checks a user certificate presented to the proxy (or to the proxy standing in for a node):
/// signed by the user CA, valid now, a user certificate, of a user that exists; naming `login`
/// when `strict` (the proxy itself checks the login per node, to say which was refused).
pub(crate) fn check_user_cert(shared: &Shared, login: &str, cert: &Certificate, strict: bool) -> Result<Identity> {
    let now = shared
        .server
        .settings
        .now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let principal = strict.then_some(login);
    check_cert(cert, shared.server.cas.ssh_user_ca(), CertType::User, principal, now)?;
    let user = cert.key_id().to_string();
    if shared.server.store.user(&user)?.is_none() {
        return Err(Error::unauthenticated(format!("user {user:?} no longer exists")));
    }
    Ok(Identity {
        user,
        login: login.to_string(),
        principals: cert.valid_principals().to_vec(),
        single_use: cert
            .extensions()
            .get(session_mfa::MFA_VERIFIED)
            .zip(cert.extensions().get(session_mfa::SINGLE_USE_NODE))
            .map(|(d, n)| (d.clone(), n.clone())),
        headless: cert.extensions().contains_key(session_mfa::HEADLESS_LOGIN)
            && cert.extensions().contains_key(session_mfa::MFA_VERIFIED),
    })
}

/// A parsed `proxy:host:port@cluster` request.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Target {
    pub host: String,
    pub port: u16,
    pub cluster: Option<String>,
}

/// Parses the subsystem name (teleport-facts §8.3: `proxy:host:22`, `proxy:host:22@cluster`,
/// `proxy:host:22@namespace@cluster`).
pub(crate) fn parse_target(name: &str) -> Result<Target> {
    let invalid = || {
        Error::bad_parameter(format!(
            "invalid format for proxy request: {name:?}, expected 'proxy:host:port@cluster'"
        ))
    };
    let rest = name.strip_prefix("proxy:").ok_or_else(invalid)?;
    let mut parts = rest.split('@');
    let hostport = parts.next().unwrap_or_default();
    let cluster = parts.next_back().map(str::to_string);
    let (host, port) = hostport.rsplit_once(':').ok_or_else(invalid)?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() {
        return Err(invalid());
    }
    let port = port.parse::<u16>().map_err(|_| invalid())?;
    Ok(Target {
        host: host.to_string(),
        port,
        cluster,
    })
}

impl ProxyHandler {
    /// Everything that can be decided at once: the target, the node, the access rules.
    fn route(&self, name: &str) -> Result<(Identity, NodeRow, Target)> {
        let id = self
            .identity
            .clone()
            .ok_or_else(|| Error::unauthenticated("not logged in"))?;
        let target = parse_target(name)?;
        let server = &self.shared.server;
        if let Some(c) = &target.cluster
            && c != &server.settings.cluster_name
        {
            return Err(Error::not_found(format!("cluster {c:?} is not found")));
        }
        let node = access::find_node(&server.store, &target.host, target.port)?;
        let (user, roles) = crate::issue::user_and_roles(server, &id.user)?;
        access::check_ssh(&user, &roles, &id.login, &node)?;
        if !id.principals.contains(&id.login) {
            return Err(access::denied(&id.login, &node));
        }
        if session_mfa::required(server, &user, &roles, &node, &id.login)? {
            check_single_use(&id, &node)?;
        }
        Ok((id, node, target))
    }
}

/// A node that needs per-session MFA takes only a single-use certificate made for it, or a
/// headless login's (one minute, approved with a security key).
pub(crate) fn check_single_use(id: &Identity, node: &NodeRow) -> Result<()> {
    if id.headless {
        return Ok(());
    }
    match &id.single_use {
        Some((_, for_node)) if session_mfa::names(node, for_node) => Ok(()),
        Some((_, for_node)) => Err(Error::access_denied(format!(
            "this single-use certificate is for node {for_node:?}, not {:?}",
            node.name
        ))),
        None => Err(Error::access_denied(format!(
            "MFA is required to access Node {:?}, and this certificate carries no MFA check",
            node.name
        ))
        .with_hint("connect with tsh ssh, which asks for a security key tap; OpenSSH alone cannot do per-session MFA")),
    }
}

/// Reports a failure on the subsystem's stderr and ends it with exit status 1, as Teleport's
/// proxy does: the subsystem is accepted first, because OpenSSH's client shows no stderr of a
/// subsystem it was refused ("subsystem request failed" alone).
pub(crate) async fn refuse(handle: &Handle, channel: ChannelId, host: &str, e: &Error) {
    let mut text = format!("failed connecting to host {host}: {}", e.message());
    if let Some(h) = e.hint() {
        text.push_str(&format!("\r\nhint: {h}"));
    }
    text.push_str("\r\n");
    let _ = handle.channel_success(channel).await;
    let _ = handle.extended_data(channel, 1, text.into_bytes()).await;
    let _ = handle.exit_status_request(channel, 1).await;
    let _ = handle.eof(channel).await;
    let _ = handle.close(channel).await;
}

impl russh::server::Handler for ProxyHandler {
    type Error = SshError;

    async fn auth_openssh_certificate(&mut self, user: &str, certificate: &Certificate) -> Result<Auth, SshError> {
        match check_user_cert(&self.shared, user, certificate, false) {
            Ok(id) => {
                tracing::info!(peer = %self.peer, user = %id.user, login = %id.login, "ssh login");
                if let Some(tx) = self.authenticated.take() {
                    let _ = tx.send(());
                }
                self.identity = Some(id);
                Ok(Auth::Accept)
            }
            Err(e) => {
                tracing::info!(peer = %self.peer, login = %user, "ssh login refused: {e}");
                Ok(Auth::reject())
            }
        }
    }

    async fn global_request(
        &mut self,
        name: &str,
        _data: &[u8],
        _s: &mut Session,
    ) -> Result<Option<Vec<u8>>, SshError> {
        if name == CLUSTER_DETAILS {
            // SSH wire form of {RecordingProxy bool, FIPSEnabled bool}.
            return Ok(Some(vec![u8::from(self.shared.recording()), 0]));
        }
        Ok(None)
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _s: &mut Session,
    ) -> Result<(), SshError> {
        self.channels.insert(channel.id(), channel);
        reply.accept().await;
        Ok(())
    }

    async fn agent_request(&mut self, _channel: ChannelId, _s: &mut Session) -> Result<bool, SshError> {
        tracing::info!(peer = %self.peer, "client forwarded its agent");
        self.agent_forwarded = true;
        Ok(true)
    }

    async fn channel_close(&mut self, channel: ChannelId, _s: &mut Session) -> Result<(), SshError> {
        self.channels.remove(&channel);
        Ok(())
    }

    async fn subsystem_request(&mut self, id: ChannelId, name: &str, session: &mut Session) -> Result<(), SshError> {
        let handle = session.handle();
        let Some(channel) = self.channels.remove(&id) else {
            session.channel_failure(id)?;
            return Ok(());
        };
        let (identity, node, target) = match self.route(name) {
            Ok(r) => r,
            Err(e) => {
                tracing::info!(subsystem = name, "proxy request refused: {e}");
                let host = name.strip_prefix("proxy:").unwrap_or(name).to_string();
                tokio::spawn(async move { refuse(&handle, id, &host, &e).await });
                return Ok(());
            }
        };
        tracing::info!(user = %identity.user, login = %identity.login, node = %node.name, "proxy to node");
        let shared = self.shared.clone();
        if shared.recording() {
            let agent = self.agent_forwarded;
            tokio::spawn(async move {
                forward::run(shared, handle, channel, identity, node, target, agent).await;
            });
        } else {
            tokio::spawn(splice(handle, channel, node));
        }
        Ok(())
    }
}

/// No recording: the channel becomes a TCP connection to the node's sshd.
async fn splice(handle: Handle, channel: Channel<Msg>, node: NodeRow) {
    let id = channel.id();
    let tcp = match tokio::time::timeout(DIAL_TIMEOUT, tokio::net::TcpStream::connect(&node.addr)).await {
        Ok(Ok(tcp)) => tcp,
        Ok(Err(e)) => {
            let e = Error::connection(format!("dial tcp {}: {e}", node.addr));
            return refuse(&handle, id, &node.name, &e).await;
        }
        Err(_) => {
            let e = Error::connection(format!("dial tcp {}: timed out", node.addr));
            return refuse(&handle, id, &node.name, &e).await;
        }
    };
    let _ = tcp.set_nodelay(true);
    let _ = handle.channel_success(id).await;
    let mut stream = channel.into_stream();
    let mut tcp = tcp;
    if let Err(e) = tokio::io::copy_bidirectional(&mut stream, &mut tcp).await {
        tracing::debug!(node = %node.name, "splice ended: {e}");
    }
    let _ = handle.eof(id).await;
    let _ = handle.close(id).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(name: &str) -> NodeRow {
        NodeRow {
            name: name.into(),
            uuid: String::new(),
            addr: "127.0.0.1:22".into(),
            labels: Default::default(),
            version: String::new(),
        }
    }

    #[test]
    fn a_single_use_certificate_opens_its_own_node_only() {
        let mut id = Identity {
            user: "jerry".into(),
            login: "jerry".into(),
            principals: vec!["jerry".into()],
            single_use: Some(("device-1".into(), "prod3".into())),
            headless: false,
        };
        assert!(check_single_use(&id, &node("prod3")).is_ok());
        let e = check_single_use(&id, &node("prod4")).unwrap_err();
        assert_eq!(
            e.message(),
            "this single-use certificate is for node \"prod3\", not \"prod4\""
        );
        id.single_use = None;
        id.headless = true;
        assert!(
            check_single_use(&id, &node("prod4")).is_ok(),
            "a headless login's certificate"
        );
        id.headless = false;
        let e = check_single_use(&id, &node("prod3")).unwrap_err();
        assert!(
            e.message().starts_with("MFA is required to access Node \"prod3\""),
            "{e}"
        );
    }

    #[test]
    fn parses_teleports_subsystem_forms() {
        let t = parse_target("proxy:dev1:22@example.com").unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.cluster.as_deref()),
            ("dev1", 22, Some("example.com"))
        );
        let t = parse_target("proxy:dev1:0@default@example.com").unwrap();
        assert_eq!((t.port, t.cluster.as_deref()), (0, Some("example.com")));
        let t = parse_target("proxy:[::1]:2222").unwrap();
        assert_eq!((t.host.as_str(), t.port, t.cluster), ("::1", 2222, None));
        for bad in ["proxy:dev1", "sftp", "proxy::22", "proxy:dev1:x@c"] {
            let e = parse_target(bad).unwrap_err();
            assert!(e.message().contains("expected 'proxy:host:port@cluster'"), "{bad}: {e}");
        }
    }
}
