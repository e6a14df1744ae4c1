//! Recording mode: the proxy stands in for the node. It terminates the client's inner SSH
//! connection (presenting a host certificate for the node's names), opens its own connection to
//! the node with the user's forwarded agent, relays every channel, and records sessions.

use std::collections::HashMap;
use std::fs::{DirBuilder, File, OpenOptions};
use std::io::BufWriter;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use russh::client;
use russh::keys::agent::client::AgentClient;
use russh::server::ChannelOpenHandle;
use russh::server::{Auth, Handle, Msg, Session};
use russh::{Channel, ChannelId, ChannelMsg, ChannelWriteHalf, Pty, Sig};
use ssh_key::Certificate;
use tele_common::asciicast;
use tele_common::error::{Error, Result};

use super::node::{self, NodeHandler};
use super::proxy::{Identity, Target, check_user_cert, refuse};
use super::{Shared, SshError, recording_path};
use crate::store::{NodeRow, SessionRow};

type Recorder = Arc<Mutex<Option<asciicast::Writer<BufWriter<File>>>>>;

/// Serves one `proxy:` subsystem in recording mode.
pub(crate) async fn run(
    shared: Arc<Shared>,
    handle: Handle,
    channel: Channel<Msg>,
    identity: Identity,
    node: NodeRow,
    target: Target,
    agent_forwarded: bool,
) {
    let id = channel.id();
    let connected = connect(&shared, &handle, &identity, &node, agent_forwarded).await;
    let node_handle = match connected {
        Ok(h) => h,
        Err(e) => return refuse(&handle, id, &node.name, &e).await,
    };
    let cluster = &shared.server.settings.cluster_name;
    let mut principals = vec![
        target.host.clone(),
        node.name.clone(),
        format!("{}.{cluster}", node.name),
    ];
    if let Ok((host, _)) = tele_common::config::split_host_port(&node.addr) {
        principals.push(host);
    }
    principals.dedup();
    let config = match shared.config_for(&principals) {
        Ok(c) => c,
        Err(e) => return refuse(&handle, id, &node.name, &e).await,
    };
    let _ = handle.channel_success(id).await;
    let forward = ForwardHandler {
        shared,
        identity,
        node,
        upstream: Arc::new(node_handle),
        channels: HashMap::new(),
    };
    match russh::server::run_stream(config, channel.into_stream(), forward).await {
        Ok(session) => {
            if let Err(e) = session.await {
                tracing::debug!("forwarded session ended: {e}");
            }
        }
        Err(e) => tracing::debug!("forwarded handshake failed: {e}"),
    }
    let _ = handle.eof(id).await;
    let _ = handle.close(id).await;
}

async fn connect(
    shared: &Shared,
    handle: &Handle,
    identity: &Identity,
    node: &NodeRow,
    agent_forwarded: bool,
) -> Result<client::Handle<NodeHandler>> {
    if !agent_forwarded {
        return Err(Error::access_denied(
            "cluster is in proxy recording mode and requires agent forwarding for connections, but no agent was initialized",
        )
        .with_hint("use tsh ssh, or OpenSSH with -o ForwardAgent=yes on the connection to the proxy"));
    }
    let agent_channel = handle
        .channel_open_agent()
        .await
        .map_err(|e| Error::connection(format!("opening the forwarded agent: {e}")))?;
    let mut agent = AgentClient::connect(agent_channel.into_stream());
    let strict = shared.server.settings.config.auth_service.proxy_checks_host_keys != Some(false);
    node::connect(
        node,
        &identity.login,
        shared.server.cas.ssh_host_ca().clone(),
        strict,
        &mut agent,
    )
    .await
}

struct Relay {
    upstream: ChannelWriteHalf<client::Msg>,
    recorder: Recorder,
    size: (u32, u32),
    /// The session's ID once it starts, until whichever side closes first ends it.
    session_id: SessionSlot,
}

/// A session's ID, shared by the handler and the pump from the node.
type SessionSlot = Arc<Mutex<Option<String>>>;

/// Marks the session in `slot` ended (once, by whichever side closes first).
fn end_session(server: &crate::server::Server, slot: &SessionSlot) {
    if let Some(id) = slot.lock().unwrap_or_else(|p| p.into_inner()).take() {
        let _ = server.store.end_session(&id, SystemTime::now());
    }
}

struct ForwardHandler {
    shared: Arc<Shared>,
    identity: Identity,
    node: NodeRow,
    upstream: Arc<client::Handle<NodeHandler>>,
    channels: HashMap<ChannelId, Relay>,
}

impl ForwardHandler {
    fn relay(&mut self, id: ChannelId) -> Result<&mut Relay, SshError> {
        self.channels
            .get_mut(&id)
            .ok_or_else(|| SshError::Tele(Error::internal("unknown channel")))
    }

    /// Starts the session's bookkeeping: a row, and a recording unless it moves files.
    fn start(&mut self, id: ChannelId, command: &str, transfer: bool) -> Result<(), SshError> {
        let session_id = uuid::Uuid::new_v4().to_string();
        let row = SessionRow {
            id: session_id.clone(),
            user: self.identity.user.clone(),
            login: self.identity.login.clone(),
            node: self.node.name.clone(),
            kind: if transfer { "scp" } else { "ssh" }.into(),
            command: command.into(),
            started: SystemTime::now(),
            ended: None,
        };
        self.shared.server.store.insert_session(&row)?;
        let data_dir = self.shared.server.settings.data_dir.clone();
        let title = format!("{}@{}", self.identity.login, self.node.name);
        let relay = self.relay(id)?;
        *relay.session_id.lock().unwrap_or_else(|p| p.into_inner()) = Some(session_id.clone());
        if transfer {
            tracing::info!(session = %session_id, "file transfer (not recorded)");
            return Ok(());
        }
        let header = asciicast::Header {
            version: 2,
            width: relay.size.0,
            height: relay.size.1,
            timestamp: asciicast::now_unix(),
            command: (!command.is_empty()).then(|| command.to_string()),
            title: Some(title),
        };
        let writer =
            open_recording(&data_dir, &session_id).and_then(|f| asciicast::Writer::new(BufWriter::new(f), &header))?;
        *relay.recorder.lock().unwrap_or_else(|p| p.into_inner()) = Some(writer);
        tracing::info!(session = %session_id, "recording session");
        Ok(())
    }
}

fn open_recording(data_dir: &std::path::Path, id: &str) -> Result<File> {
    let path = recording_path(data_dir, id);
    if let Some(dir) = path.parent() {
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| tele_common::error::io_error("creating", dir, e))?;
    }
    OpenOptions::new()
        .create_new(true)
        .write(true)
        .mode(0o600)
        .open(&path)
        .map_err(|e| tele_common::error::io_error("creating", &path, e))
}

/// Whether an exec request moves files (scp, sftp): those are logged, not recorded.
fn is_transfer(command: &str) -> bool {
    let first = command.split_whitespace().next().unwrap_or_default();
    matches!(first.rsplit('/').next(), Some("scp" | "sftp-server"))
}

impl russh::server::Handler for ForwardHandler {
    type Error = SshError;

    async fn auth_openssh_certificate(&mut self, user: &str, certificate: &Certificate) -> Result<Auth, SshError> {
        match check_user_cert(&self.shared, user, certificate, true) {
            Ok(id) if id.user == self.identity.user && id.login == self.identity.login => Ok(Auth::Accept),
            Ok(_) => Ok(Auth::reject()),
            Err(e) => {
                tracing::info!(login = %user, "forwarded login refused: {e}");
                Ok(Auth::reject())
            }
        }
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        session: &mut Session,
    ) -> Result<(), SshError> {
        let upstream = match self.upstream.channel_open_session().await {
            Ok(c) => c,
            Err(e) => {
                tracing::info!(node = %self.node.name, "node refused a session: {e}");
                reply.reject(russh::ChannelOpenFailure::ConnectFailed).await;
                return Ok(());
            }
        };
        let (read, write) = upstream.split();
        let recorder: Recorder = Arc::new(Mutex::new(None));
        let slot: SessionSlot = Arc::new(Mutex::new(None));
        let id = channel.id();
        self.channels.insert(
            id,
            Relay {
                upstream: write,
                recorder: recorder.clone(),
                size: (80, 24),
                session_id: slot.clone(),
            },
        );
        reply.accept().await;
        drop(channel);
        let ends = (self.shared.server.clone(), slot);
        tokio::spawn(pump(read, session.handle(), id, recorder, ends));
        Ok(())
    }

    /// Port forwarding (`tsh ssh -L`): a channel to the same address from the node.
    async fn channel_open_direct_tcpip(
        &mut self,
        channel: Channel<Msg>,
        host_to_connect: &str,
        port_to_connect: u32,
        originator_address: &str,
        originator_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), SshError> {
        let opened = self
            .upstream
            .channel_open_direct_tcpip(host_to_connect, port_to_connect, originator_address, originator_port)
            .await;
        let Ok(upstream) = opened else {
            reply.reject(russh::ChannelOpenFailure::ConnectFailed).await;
            return Ok(());
        };
        reply.accept().await;
        tracing::info!(to = %format!("{host_to_connect}:{port_to_connect}"), "port forward");
        tokio::spawn(async move {
            let (mut a, mut b) = (channel.into_stream(), upstream.into_stream());
            let _ = tokio::io::copy_bidirectional(&mut a, &mut b).await;
        });
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        col_width: u32,
        row_height: u32,
        pix_width: u32,
        pix_height: u32,
        modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), SshError> {
        let relay = self.relay(channel)?;
        relay.size = (col_width.max(1), row_height.max(1));
        relay
            .upstream
            .request_pty(false, term, col_width, row_height, pix_width, pix_height, modes)
            .await?;
        session.channel_success(channel)?;
        Ok(())
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        value: &str,
        session: &mut Session,
    ) -> Result<(), SshError> {
        self.relay(channel)?.upstream.set_env(false, name, value).await?;
        session.channel_success(channel)?;
        Ok(())
    }

    async fn shell_request(&mut self, channel: ChannelId, session: &mut Session) -> Result<(), SshError> {
        self.start(channel, "", false)?;
        self.relay(channel)?.upstream.request_shell(false).await?;
        session.channel_success(channel)?;
        Ok(())
    }

    async fn exec_request(&mut self, channel: ChannelId, data: &[u8], session: &mut Session) -> Result<(), SshError> {
        let command = String::from_utf8_lossy(data).into_owned();
        self.start(channel, &command, is_transfer(&command))?;
        self.relay(channel)?.upstream.exec(false, data.to_vec()).await?;
        session.channel_success(channel)?;
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), SshError> {
        self.start(channel, name, name == "sftp")?;
        self.relay(channel)?.upstream.request_subsystem(false, name).await?;
        session.channel_success(channel)?;
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        col_width: u32,
        row_height: u32,
        pix_width: u32,
        pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), SshError> {
        let relay = self.relay(channel)?;
        relay.size = (col_width, row_height);
        relay
            .upstream
            .window_change(col_width, row_height, pix_width, pix_height)
            .await?;
        Ok(())
    }

    async fn signal(&mut self, channel: ChannelId, signal: Sig, _session: &mut Session) -> Result<(), SshError> {
        self.relay(channel)?.upstream.signal(signal).await?;
        Ok(())
    }

    // Session channels are relayed here; forwarded ports move through their own streams.
    async fn data(&mut self, channel: ChannelId, data: &[u8], _session: &mut Session) -> Result<(), SshError> {
        if let Some(relay) = self.channels.get(&channel) {
            relay.upstream.data_bytes(data.to_vec()).await?;
        }
        Ok(())
    }

    async fn channel_eof(&mut self, channel: ChannelId, _session: &mut Session) -> Result<(), SshError> {
        if let Some(relay) = self.channels.get(&channel) {
            relay.upstream.eof().await?;
        }
        Ok(())
    }

    async fn channel_close(&mut self, channel: ChannelId, _session: &mut Session) -> Result<(), SshError> {
        if let Some(relay) = self.channels.remove(&channel) {
            let _ = relay.upstream.close().await;
            end_session(&self.shared.server, &relay.session_id);
        }
        Ok(())
    }
}

/// Node to client: output (recorded), exit status, end of file, close.
/// The session ends when the node closes the channel, before the client hears of it.
async fn pump(
    mut read: russh::ChannelReadHalf,
    client: Handle,
    id: ChannelId,
    recorder: Recorder,
    (server, slot): (Arc<crate::server::Server>, SessionSlot),
) {
    let record = |bytes: &[u8]| {
        if let Some(w) = recorder.lock().unwrap_or_else(|p| p.into_inner()).as_mut()
            && let Err(e) = w.output(bytes)
        {
            tracing::warn!("{e}");
        }
    };
    while let Some(msg) = read.wait().await {
        let sent = match msg {
            ChannelMsg::Data { data } => {
                record(&data);
                client.data(id, data).await.is_ok()
            }
            ChannelMsg::ExtendedData { data, ext } => {
                record(&data);
                client.extended_data(id, ext, data).await.is_ok()
            }
            ChannelMsg::ExitStatus { exit_status } => client.exit_status_request(id, exit_status).await.is_ok(),
            ChannelMsg::ExitSignal {
                signal_name,
                core_dumped,
                error_message,
                lang_tag,
            } => client
                .exit_signal_request(id, signal_name, core_dumped, error_message, lang_tag)
                .await
                .is_ok(),
            ChannelMsg::Eof => client.eof(id).await.is_ok(),
            ChannelMsg::Close => break,
            _ => true,
        };
        if !sent {
            break;
        }
    }
    if let Some(w) = recorder.lock().unwrap_or_else(|p| p.into_inner()).take()
        && let Err(e) = w.finish()
    {
        tracing::warn!("{e}");
    }
    end_session(&server, &slot);
    let _ = client.close(id).await;
}
