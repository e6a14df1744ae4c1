//! The proxy's SSH listener (`proxy_service.listen_addr`, default 3023).
//!
//! Users authenticate with their Teleport user certificate; the subsystem
//! `proxy:host:port@cluster` reaches a joined OpenSSH node. Without recording at the proxy the
//! channel is spliced to the node's TCP port and the client's SSH runs end to end. With
//! `session_recording: proxy` the proxy terminates that inner SSH itself (`forward`), logs in to
//! the node with the user's forwarded agent, and records the session as asciicast v2.

mod forward;
mod node;
mod proxy;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use russh::MethodKind;
use ssh_key::PrivateKey;
use tele_common::config::SessionRecording;
use tele_common::error::{Error, Result};

use crate::server::Server;

/// How long the proxy's own host certificate lasts; it is made anew at every start.
const HOST_CERT_TTL: Duration = Duration::from_secs(365 * 24 * 3600);

/// Where a session's recording lives.
pub fn recording_path(data_dir: &Path, id: &str) -> PathBuf {
    data_dir.join("records").join(format!("{id}.cast"))
}

/// What every connection shares.
pub struct Shared {
    server: Arc<Server>,
    host_key: PrivateKey,
    config: Arc<russh::server::Config>,
}

impl Shared {
    fn recording(&self) -> bool {
        self.server.settings.session_recording == SessionRecording::Proxy
    }

    /// A server config presenting a host certificate for `principals` (the node the client
    /// asked for, when the proxy stands in for it).
    fn config_for(&self, principals: &[String]) -> Result<Arc<russh::server::Config>> {
        let cert = self.server.cas.sign_host(
            self.host_key.public_key(),
            principals,
            Some(Duration::from_secs(3600)),
            "Proxy",
        )?;
        Ok(Arc::new(server_config(self.host_key.clone(), cert)))
    }
}

fn server_config(key: PrivateKey, cert: ssh_key::Certificate) -> russh::server::Config {
    russh::server::Config {
        keys: vec![key],
        certificates: vec![cert],
        methods: (&[MethodKind::PublicKey][..]).into(),
        auth_rejection_time: Duration::from_millis(300),
        auth_rejection_time_initial: Some(Duration::ZERO),
        preferred: russh::Preferred {
            host_key_certificates: std::borrow::Cow::Borrowed(&[]),
            ..tele_common::ssh::preferred()
        },
        nodelay: true,
        ..Default::default()
    }
}

/// The proxy's SSH server: its host key (of the CAs' kind) and certificate, shared by every
/// connection, whether it came to the SSH port or through the web port's TLS routing
/// (`teleport-proxy-ssh`).
pub fn shared(server: Arc<Server>) -> Result<Arc<Shared>> {
    let (host_alg, _) = server.cas.identity_keys();
    let host_key = tele_common::keys::SshKey::generate(host_alg)?.private().clone();
    let names = server.settings.server_names();
    let cert = server
        .cas
        .sign_host(host_key.public_key(), &names, Some(HOST_CERT_TTL), "Proxy")?;
    Ok(Arc::new(Shared {
        config: Arc::new(server_config(host_key.clone(), cert)),
        server,
        host_key,
    }))
}

/// Binds the separate SSH listener when `proxy_service.listen_addr` is set; the returned
/// future serves it.
pub async fn bind(shared: Arc<Shared>) -> Result<Option<impl Future<Output = ()>>> {
    let Some(addr) = shared.server.settings.ssh_listen_addr.clone() else {
        return Ok(None);
    };
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|e| Error::bad_parameter(format!("cannot listen on {addr} (proxy_service.listen_addr): {e}")))?;
    tracing::info!(addr = %listener.local_addr().map(|a| a.to_string()).unwrap_or(addr), "ssh listener ready");
    Ok(Some(async move {
        let mut backoff = ACCEPT_BACKOFF_MIN;
        loop {
            let (tcp, peer) = match listener.accept().await {
                Ok(conn) => conn,
                Err(e) => {
                    // Out of descriptors (EMFILE) fails every accept at once: wait for
                    // connections to end instead of spinning and logging at full speed.
                    tracing::warn!("ssh accept: {e}; next try in {backoff:?}");
                    tokio::time::sleep(backoff).await;
                    backoff = (backoff * 2).min(ACCEPT_BACKOFF_MAX);
                    continue;
                }
            };
            backoff = ACCEPT_BACKOFF_MIN;
            let _ = tcp.set_nodelay(true);
            serve_stream(&shared, tcp, peer);
        }
    }))
}

/// The first wait after a failed accept; it doubles up to [`ACCEPT_BACKOFF_MAX`].
const ACCEPT_BACKOFF_MIN: Duration = Duration::from_millis(5);
/// The longest wait after failed accepts.
const ACCEPT_BACKOFF_MAX: Duration = Duration::from_secs(1);

/// Serves one SSH connection on `stream` (TCP from the SSH port, or TLS routed from the web
/// port) until it ends. A client that has not authenticated within the SSH auth timeout is
/// disconnected, whatever step it stalls at.
pub fn serve_stream<S>(shared: &Arc<Shared>, stream: S, peer: std::net::SocketAddr)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (authenticated, authed) = tokio::sync::oneshot::channel();
    let (cut, cut_rx) = tokio::sync::oneshot::channel();
    let stream = Cuttable {
        inner: stream,
        cut: Some(cut_rx),
    };
    let handler = proxy::ProxyHandler::new(shared.clone(), peer, authenticated);
    let config = shared.config.clone();
    let deadline = tokio::time::Instant::now() + shared.server.settings.timeouts.ssh_auth;
    tokio::spawn(async move {
        let session = match tokio::time::timeout_at(deadline, russh::server::run_stream(config, stream, handler)).await
        {
            Ok(Ok(session)) => session,
            Ok(Err(e)) => return tracing::debug!(%peer, "ssh handshake failed: {e}"),
            Err(_) => return tracing::debug!(%peer, "ssh: no version line before the auth timeout"),
        };
        tokio::pin!(session);
        let ended = tokio::select! {
            ended = &mut session => Some(ended),
            authed = tokio::time::timeout_at(deadline, authed) => {
                if matches!(authed, Ok(Ok(()))) {
                    drop(cut);
                } else {
                    tracing::debug!(%peer, "ssh: not authenticated before the auth timeout");
                    let _ = cut.send(());
                }
                None
            }
        };
        let ended = match ended {
            Some(ended) => ended,
            None => session.await,
        };
        if let Err(e) = ended {
            tracing::debug!(%peer, "ssh connection ended: {e}");
        }
    });
}

/// A stream that fails every read and write once told to: how a connection that stalls at
/// any step before authentication (even with its send buffer full) is ended. russh's own
/// `inactivity_timeout` would also end quiet sessions after login.
struct Cuttable<S> {
    inner: S,
    /// Fires to cut; dropped unfired once the user has authenticated.
    cut: Option<tokio::sync::oneshot::Receiver<()>>,
}

impl<S> Cuttable<S> {
    fn check(&mut self, cx: &mut std::task::Context<'_>) -> std::io::Result<()> {
        use std::future::Future;
        if let Some(cut) = &mut self.cut {
            match std::pin::Pin::new(cut).poll(cx) {
                std::task::Poll::Ready(Ok(())) => {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::TimedOut,
                        "not authenticated in time",
                    ));
                }
                std::task::Poll::Ready(Err(_)) => self.cut = None,
                std::task::Poll::Pending => {}
            }
        }
        Ok(())
    }
}

impl<S: tokio::io::AsyncRead + Unpin> tokio::io::AsyncRead for Cuttable<S> {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        self.check(cx)?;
        std::pin::Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: tokio::io::AsyncWrite + Unpin> tokio::io::AsyncWrite for Cuttable<S> {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        self.check(cx)?;
        std::pin::Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        self.check(cx)?;
        std::pin::Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// The error type of the SSH handlers.
#[derive(Debug, thiserror::Error)]
pub enum SshError {
    /// From russh.
    #[error(transparent)]
    Ssh(#[from] russh::Error),
    /// Ours.
    #[error("{0}")]
    Tele(#[from] Error),
}
