//! One session on a node: a command or a shell, with or without a terminal, its output copied
//! out and its exit status returned. The caller owns the real stdio; this only sees channels and
//! writers, so it never prints on its own.

use russh::ChannelMsg;
use russh::client::Handle;
use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;

use super::connection_failed;
use crate::error::Result;

/// What to run.
#[derive(Clone, Debug, Default)]
pub struct Exec {
    /// The command; none for a login shell.
    pub command: Option<String>,
    /// A terminal: `(TERM, columns, rows)`.
    pub pty: Option<(String, u32, u32)>,
    /// Ask the node to forward an agent back (`-A`).
    pub forward_agent: bool,
}

/// Where the session's bytes come from and go.
pub struct Io<O, E> {
    /// Input chunks; the sender hanging up is end of input.
    pub stdin: mpsc::Receiver<Vec<u8>>,
    /// Terminal size changes `(columns, rows)`.
    pub resize: mpsc::Receiver<(u32, u32)>,
    /// Output.
    pub stdout: O,
    /// Error output.
    pub stderr: E,
}

/// Runs `exec` on the node and returns its exit status (255 when it ended without one, as
/// OpenSSH's client reports a lost connection or a signal).
pub async fn run_session<H, O, E>(node: &Handle<H>, exec: &Exec, io: Io<O, E>) -> Result<u32>
where
    H: russh::client::Handler,
    O: AsyncWrite + Unpin,
    E: AsyncWrite + Unpin,
{
    let fail = |e: russh::Error| connection_failed(format!("ssh session: {e}"));
    let channel = node.channel_open_session().await.map_err(fail)?;
    if exec.forward_agent {
        channel.agent_forward(false).await.map_err(fail)?;
    }
    if let Some((term, cols, rows)) = &exec.pty {
        channel
            .request_pty(false, term, *cols, *rows, 0, 0, &[])
            .await
            .map_err(fail)?;
    }
    match &exec.command {
        Some(c) => channel.exec(true, c.as_bytes()).await.map_err(fail)?,
        None => channel.request_shell(true).await.map_err(fail)?,
    }
    let Io {
        mut stdin,
        mut resize,
        mut stdout,
        mut stderr,
    } = io;
    let (mut read, write) = channel.split();
    let (mut input_open, mut resize_open) = (true, true);
    let mut status = None;
    loop {
        tokio::select! {
            msg = read.wait() => match msg {
                Some(ChannelMsg::Data { data }) => {
                    let _ = stdout.write_all(&data).await;
                    let _ = stdout.flush().await;
                }
                Some(ChannelMsg::ExtendedData { data, .. }) => {
                    let _ = stderr.write_all(&data).await;
                    let _ = stderr.flush().await;
                }
                Some(ChannelMsg::ExitStatus { exit_status }) => status = Some(exit_status),
                Some(ChannelMsg::Failure) => {
                    return Err(connection_failed("the node refused to start the session"));
                }
                Some(ChannelMsg::Close) | None => break,
                Some(_) => {}
            },
            chunk = stdin.recv(), if input_open => match chunk {
                Some(bytes) => write.data_bytes(bytes).await.map_err(fail)?,
                None => {
                    input_open = false;
                    let _ = write.eof().await;
                }
            },
            size = resize.recv(), if resize_open => match size {
                Some((cols, rows)) => {
                    let _ = write.window_change(cols, rows, 0, 0).await;
                }
                None => resize_open = false,
            },
        }
    }
    Ok(status.unwrap_or(255))
}
