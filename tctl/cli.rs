//! tctl's global flags, the runtime, and the one place where errors become output and exit codes.

use std::path::PathBuf;
use std::process::ExitCode;

use std::sync::Arc;

use clap::{CommandFactory, Parser};
use tele::prompt::TermPrompter;
use tele_common::admin::{self, AdminOptions};
use tele_common::api::login::{MfaChallenge, MfaResponse};
use tele_common::context::Context;
use tele_common::env;
use tele_common::error::{Error, ErrorKind, Result};
use tele_common::grpc::{AdminMfa, AuthClient};
use tele_common::mfa::{Ceremony, MfaMode, Prompter};
use tele_common::output::{Format, Printer};

use crate::commands::Command;

/// Admin tool for the Teleport Access Platform
#[derive(Parser)]
#[command(name = "tctl", version, disable_help_subcommand = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every tctl command takes.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct GlobalArgs {
    /// Path to a configuration file [/etc/teleport.yaml] for an admin on the auth server host
    #[arg(short = 'c', long = "config", global = true, env = env::TELEPORT_CONFIG_FILE, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Path to an identity file (from `tctl auth sign --format=file`)
    #[arg(short = 'i', long = "identity", global = true, env = env::TELEPORT_IDENTITY_FILE, value_name = "PATH")]
    pub identity: Option<PathBuf>,
    /// Address of the auth server or proxy [host:port]
    #[arg(long = "auth-server", global = true, env = env::TELEPORT_AUTH_SERVER, value_name = "ADDR")]
    pub auth_server: Option<String>,
    /// Do not verify the server's certificate (for tests only)
    #[arg(long, global = true)]
    pub insecure: bool,
}

/// What every command gets: process state, the printer, the global flags.
pub struct Env {
    pub ctx: Context,
    pub printer: Printer,
    pub global: GlobalArgs,
    /// What to do when the server says the credentials have ended (a tsh profile's `tsh
    /// login`), once they are found.
    expired_hint: std::cell::RefCell<Option<String>>,
}

/// Admin-action MFA at the terminal: Teleport's reason line, then the tap (or an OTP code).
struct TermAdminMfa {
    ctx: Context,
    origin: String,
}

impl AdminMfa for TermAdminMfa {
    fn solve(&self, challenge: &MfaChallenge) -> Result<MfaResponse> {
        let prompter = TermPrompter::new(&self.ctx);
        prompter.notify("This is an admin-level action and requires MFA to complete");
        let authenticator = tele_common::mfa::authenticator(&self.ctx, &prompter);
        // Teleport takes no OTP code for admin actions: without a key there is no answer.
        if authenticator.is_none() && !challenge.totp_challenge {
            return Err(Error::bad_parameter("no security key found")
                .with_hint("plug in a FIDO2 security key (and check access to /dev/hidraw*)"));
        }
        Ceremony {
            mode: MfaMode::Auto,
            origin: self.origin.clone(),
            authenticator,
            prompter: &prompter,
            registered: false,
        }
        .solve(challenge)
    }
}

impl Env {
    /// Connects to the cluster's Auth service (gRPC) with the admin credentials the flags
    /// point at; admin actions ask for MFA at the terminal when the cluster wants it.
    pub async fn connect_auth(&self) -> Result<AuthClient> {
        let creds = admin::credentials(&self.ctx, &self.admin_options())?;
        *self.expired_hint.borrow_mut() = creds.expired_hint();
        let timeout = tele_common::api::timeout(&self.ctx)?;
        let client = AuthClient::connect_within(&creds.addr, &creds.cluster, creds.tls()?, timeout)
            .await
            .map_err(|e| creds.explain(e))?;
        let mfa = TermAdminMfa {
            ctx: self.ctx.clone(),
            origin: format!("https://{}", creds.addr),
        };
        Ok(client.with_admin_mfa(Arc::new(mfa)))
    }

    /// Adds what to do to an error that says the credentials have ended.
    fn explain(&self, err: Error) -> Error {
        match self.expired_hint.borrow().as_ref() {
            Some(hint) if err.kind() == ErrorKind::Unauthenticated && err.message().contains("expired") => {
                err.with_hint(hint.clone())
            }
            _ => err,
        }
    }

    fn admin_options(&self) -> AdminOptions {
        AdminOptions {
            config: self.global.config.clone(),
            identity: self.global.identity.clone(),
            auth_server: self.global.auth_server.clone(),
            insecure: self.global.insecure,
        }
    }

    /// Writes data to stdout.
    pub fn out(&mut self, text: &str) -> Result<()> {
        self.printer.data(text)
    }

    /// Renders a view model to stdout in the chosen format.
    pub fn emit<T: tele_common::output::Render + serde::Serialize>(&mut self, format: Format, view: &T) -> Result<()> {
        self.printer.emit(format, view)
    }

    /// Writes a message to stderr.
    pub fn msg(&mut self, text: &str) -> Result<()> {
        self.printer.message(text)
    }
}

/// Returns tctl's clap definition (completions, man pages, tests).
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
        expired_hint: Default::default(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
    let result = match runtime {
        Ok(rt) => rt.block_on(crate::commands::run(&mut env, cli.command)),
        Err(e) => Err(Error::internal(format!("starting runtime: {e}"))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if tele_common::output::is_closed_output(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let e = env.explain(e);
            let _ = env.printer.error(&e);
            ExitCode::FAILURE
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
