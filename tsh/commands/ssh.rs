//! `tsh ssh [-p PORT] [-l LOGIN] [-t|-T] [LOGIN@]HOST [COMMAND...]`: through the proxy to a
//! node; the remote command's exit status becomes tsh's, 255 when the connection fails.

use std::sync::Arc;

use tele_common::error::{Error, Result};
use tele_common::ssh::{
    AgentSource, Exec, Io, LocalForward, Target, bind_local_forward, run_session, serve_local_forward,
};

use crate::cli::Env;
use crate::terminal;

/// Run shell or execute a command on a remote SSH node
#[derive(clap::Args)]
pub struct SshArgs {
    /// Remote host login
    #[arg(short = 'l', long)]
    login: Option<String>,
    /// SSH port on a remote host
    #[arg(short = 'p', long)]
    port: Option<u16>,
    /// Allocate TTY
    #[arg(short = 't', long = "tty", conflicts_with = "no_tty")]
    tty: bool,
    /// Disable TTY allocation
    #[arg(short = 'T', long = "no-tty")]
    no_tty: bool,
    /// Forward localhost connections to remote server: [bind_address:]port:host:hostport
    #[arg(short = 'L', long = "forward", value_name = "SPEC")]
    forward: Vec<String>,
    /// Don't execute remote command, useful for port forwarding
    #[arg(short = 'N', long = "no-remote-exec")]
    no_remote_exec: bool,
    /// Forward agent to target node (the ssh-agent at SSH_AUTH_SOCK, else tsh's own key)
    #[arg(short = 'A', long = "forward-agent")]
    forward_agent: bool,
    /// Remote hostname and the login to use: [login@]host, or [login@]key=value for every node
    /// with that label
    #[arg(value_name = "[USER@]HOST")]
    target: String,
    /// Command to execute on a remote host
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    command: Vec<String>,
}

/// The login for a target: `login@`, then `-l`, then the OS user (Teleport's order).
pub fn login_for(env: &Env, target: &Target, flag: Option<&str>) -> Result<String> {
    target
        .login
        .clone()
        .or_else(|| flag.map(str::to_string))
        .or_else(|| env.ctx.os_user().map(str::to_string))
        .ok_or_else(|| Error::bad_parameter("no login given").with_hint("use login@host or -l LOGIN"))
}

pub fn run(env: &mut Env, args: SshArgs) -> Result<()> {
    let target = Target::parse(&args.target, args.port)?;
    let login = login_for(env, &target, args.login.as_deref())?;
    if target.host.contains('=') {
        let command = (!args.command.is_empty()).then(|| args.command.join(" "));
        return super::ssh_many::run(env, &target.host, login, command);
    }
    let forwards = args
        .forward
        .iter()
        .map(|s| LocalForward::parse(s))
        .collect::<Result<Vec<_>>>()?;
    if args.no_remote_exec && forwards.is_empty() {
        return Err(Error::bad_parameter("-N needs something to forward: add -L"));
    }
    let (home, session) = env.session()?;
    let mut dialer = session.dialer(&home)?;
    if args.forward_agent {
        dialer.node_agent = Some(match env.ctx.var(tele_common::env::SSH_AUTH_SOCK) {
            Some(sock) => AgentSource::Socket(sock.into()),
            None => AgentSource::Login,
        });
    }
    crate::session_mfa::prepare(env, &home, &session, &mut dialer, &target, &login)?;
    let forward_agent = args.forward_agent;
    let no_remote_exec = args.no_remote_exec;
    let command = (!args.command.is_empty()).then(|| args.command.join(" "));
    let want_tty = args.tty || (!args.no_tty && command.is_none() && env.ctx.stdin_is_terminal());
    let term = env.ctx.var(tele_common::env::TERM).unwrap_or("xterm").to_string();
    let status = env.block_on_value(async move {
        let mut listeners = Vec::new();
        for f in &forwards {
            listeners.push((bind_local_forward(f).await?, f.clone()));
        }
        let conn = Arc::new(dialer.connect_node(&target, &login).await?);
        for (listener, f) in listeners {
            tokio::spawn(serve_local_forward(listener, conn.clone(), f));
        }
        if no_remote_exec {
            // Forward until interrupted, as `ssh -N`.
            let _ = tokio::signal::ctrl_c().await;
            return Ok(0);
        }
        let raw = if want_tty { terminal::RawMode::enter() } else { None };
        let pty = want_tty.then(|| {
            let (cols, rows) = terminal::size();
            (term, cols, rows)
        });
        let io = Io {
            stdin: terminal::stdin_chunks(),
            resize: terminal::resizes(),
            stdout: tokio::io::stdout(),
            stderr: tokio::io::stderr(),
        };
        let exec = Exec {
            command,
            pty,
            forward_agent,
        };
        let status = run_session(&conn.node, &exec, io).await;
        drop(raw);
        status
    })?;
    match u8::try_from(status) {
        Ok(0) => Ok(()),
        Ok(code) => Err(Error::remote_exit(code)),
        Err(_) => Err(Error::remote_exit(255)),
    }
}
