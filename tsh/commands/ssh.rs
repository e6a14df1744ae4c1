//! `tsh ssh [-p PORT] [-l LOGIN] [-t|-T] [LOGIN@]HOST [COMMAND...]`: through the proxy to a
//! node; the remote command's exit status becomes tsh's, 255 when the connection fails.

use tele_common::error::{Error, Result};
use tele_common::ssh::{Exec, Io, Target, run_session};

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
    /// Remote hostname and the login to use: [login@]host
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
    let (home, session) = env.session()?;
    let dialer = session.dialer(&home)?;
    let command = (!args.command.is_empty()).then(|| args.command.join(" "));
    let want_tty = args.tty || (!args.no_tty && command.is_none() && env.ctx.stdin_is_terminal());
    let term = env.ctx.var(tele_common::env::TERM).unwrap_or("xterm").to_string();
    let status = env.block_on_value(async move {
        let conn = dialer.connect_node(&target, &login).await?;
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
        let status = run_session(&conn.node, &Exec { command, pty }, io).await;
        drop(raw);
        status
    })?;
    match u8::try_from(status) {
        Ok(0) => Ok(()),
        Ok(code) => Err(Error::remote_exit(code)),
        Err(_) => Err(Error::remote_exit(255)),
    }
}
