//! tsh's global flags, the runtime, and the one place where errors become output and exit codes.

use std::process::ExitCode;
use std::time::Duration;

use clap::{CommandFactory, Parser};
use tele_common::context::Context;
use tele_common::env;
use tele_common::error::{Error, Result};
use tele_common::login::AddKeysToAgent;
use tele_common::mfa::MfaMode;
use tele_common::output::{Format, Printer, Render};
use tele_common::profile::{Home, Session};

use crate::commands::Command;
use crate::memlock::MlockMode;

/// Teleport Command Line Client
#[derive(Parser)]
#[command(name = "tsh", version, disable_help_subcommand = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every tsh command takes (Teleport's names and environment variables).
#[derive(clap::Args, Clone, Debug)]
pub struct GlobalArgs {
    /// Teleport proxy address [host:port]
    #[arg(long, global = true, env = env::TELEPORT_PROXY, value_name = "HOST:PORT")]
    pub proxy: Option<String>,
    /// Teleport user, defaults to the current OS user
    #[arg(long, global = true, env = env::TELEPORT_USER)]
    pub user: Option<String>,
    /// Minimum certificate lifetime to request, e.g. 1h30m
    #[arg(long, global = true, value_parser = parse_ttl)]
    pub ttl: Option<Duration>,
    /// Do not verify the proxy's certificate (for tests only)
    #[arg(long, global = true)]
    pub insecure: bool,
    /// Preferred mode for MFA and passwordless assertions
    #[arg(long, global = true, env = env::TELEPORT_MFA_MODE, value_enum, default_value_t = MfaMode::Auto)]
    pub mfa_mode: MfaMode,
    /// Controls how keys are handled: auto, no, yes or only (agent only, nothing on disk)
    #[arg(short = 'k', long, global = true, env = env::TELEPORT_ADD_KEYS_TO_AGENT, value_enum, default_value_t = AddKeysToAgent::Auto)]
    pub add_keys_to_agent: AddKeysToAgent,
    /// Load generated keys into the local ssh-agent (false keeps tsh away from it)
    #[arg(long, global = true, hide = true, env = env::TELEPORT_USE_LOCAL_SSH_AGENT, default_value_t = true, action = clap::ArgAction::Set)]
    pub use_local_ssh_agent: bool,
    /// Do not use the local ssh-agent
    #[arg(long, global = true, hide = true)]
    pub no_use_local_ssh_agent: bool,
    /// Use headless login. Shorthand for --auth=headless.
    #[arg(long, global = true, env = env::TELEPORT_HEADLESS)]
    pub headless: bool,
    /// Specify the name of authentication connector to use (headless)
    #[arg(long, global = true, env = env::TELEPORT_AUTH, value_name = "CONNECTOR")]
    pub auth: Option<String>,
    /// Determines whether process memory will be locked for headless login and whether failure
    /// to do so will be accepted
    #[arg(long, global = true, env = env::TELEPORT_MLOCK_MODE, value_enum, default_value_t = MlockMode::Auto)]
    pub mlock: MlockMode,
}

fn parse_ttl(text: &str) -> std::result::Result<Duration, String> {
    match tele_common::duration::parse(text) {
        Ok(d) if d.is_zero() => Err("the TTL must be more than 0".into()),
        Ok(d) => Ok(d),
        Err(e) => Err(e.message().to_string()),
    }
}

/// What every command gets: process state, the printer, the global flags.
pub struct Env {
    pub ctx: Context,
    pub printer: Printer,
    pub global: GlobalArgs,
    /// The command is one headless login serves (`ls`, `ssh`, `scp`).
    pub headless_command: bool,
}

impl Env {
    /// Writes data to stdout.
    pub fn out(&mut self, text: &str) -> Result<()> {
        self.printer.data(text)
    }

    /// Renders a view model to stdout in the chosen format.
    pub fn emit<T: Render + serde::Serialize>(&mut self, format: Format, view: &T) -> Result<()> {
        self.printer.emit(format, view)
    }

    /// tsh's home.
    pub fn home(&self) -> Result<Home> {
        Home::resolve(&self.ctx)
    }

    /// The current profile with its certificates, or a "Not logged in." error; for a headless
    /// command, a login made now and kept in memory.
    pub fn session(&mut self) -> Result<(Home, Session)> {
        let home = self.home()?;
        if self.headless_command && crate::headless_login::wanted(self, &home)? {
            let session = crate::headless_login::login(self, &home)?;
            return Ok((home, session));
        }
        self.saved_session()
    }

    /// The current profile with its certificates (never a headless login).
    pub fn saved_session(&self) -> Result<(Home, Session)> {
        let home = self.home()?;
        let name = home.current()?.ok_or_else(not_logged_in)?;
        let profile = home.load(&name)?.ok_or_else(not_logged_in)?;
        let session = Session::load(&home, profile)?;
        Ok((home, session))
    }

    /// The Teleport user: `--user` (or `TELEPORT_USER`), else the OS user.
    pub fn teleport_user(&self) -> Result<String> {
        self.global
            .user
            .clone()
            .or_else(|| self.ctx.os_user().map(String::from))
            .ok_or_else(|| Error::bad_parameter("cannot tell the Teleport user").with_hint("pass --user=NAME"))
    }

    /// Whether `--headless` or `--auth=headless` was given.
    pub fn headless_flag(&self) -> bool {
        self.global.headless || self.global.auth.as_deref() == Some(tele_common::headless::CONNECTOR)
    }

    /// A runtime for commands that talk to the network.
    pub fn block_on<F: std::future::Future<Output = Result<()>>>(&self, f: F) -> Result<()> {
        self.block_on_value(f)
    }

    /// A runtime for commands that talk to the network, returning the future's value.
    pub fn block_on_value<T, F: std::future::Future<Output = Result<T>>>(&self, f: F) -> Result<T> {
        run_async(f)
    }
}

/// Runs a future on a runtime made for it (for futures that borrow parts of [`Env`] mutably).
pub fn run_async<T, F: std::future::Future<Output = Result<T>>>(f: F) -> Result<T> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::internal(format!("starting runtime: {e}")))?;
    let out = rt.block_on(f);
    // Do not wait for blocked readers of stdin.
    rt.shutdown_background();
    out
}

/// The error of commands that need a login.
pub fn not_logged_in() -> Error {
    Error::not_found("Not logged in.").with_hint("log in with: tsh login --proxy=HOST:PORT --user=NAME")
}

/// Returns tsh's clap definition (completions, man pages, tests).
pub fn command() -> clap::Command {
    Cli::command()
}

/// Parses the command line, runs the command, prints errors, picks the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut env = Env {
        ctx: Context::os(),
        printer: Printer::stdio(),
        global: cli.global,
        headless_command: false,
    };
    match crate::commands::run(&mut env, cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if tele_common::output::is_closed_output(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // A remote command's own exit status has nothing to print.
            if !e.message().is_empty() {
                let _ = env.printer.error(&e);
            }
            ExitCode::from(e.exit_code().unwrap_or(1))
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_consistent() {
        super::command().debug_assert();
    }
}
