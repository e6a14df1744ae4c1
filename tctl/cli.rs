//! tctl's global flags, the runtime, and the one place where errors become output and exit codes.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use tele_common::admin::{self, AdminOptions};
use tele_common::api::Client;
use tele_common::context::Context;
use tele_common::env;
use tele_common::error::{Error, Result};
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
}

impl Env {
    /// Connects with the admin credentials the flags point at.
    pub fn connect(&self) -> Result<Client> {
        admin::connect(&self.ctx, &self.admin_options())
    }

    /// A client of the web API's public endpoints (no client certificate), with the trust of
    /// the admin credentials the flags point at.
    pub fn connect_public(&self) -> Result<Client> {
        admin::connect_public(&self.ctx, &self.admin_options())
    }

    /// Connects to the cluster's Auth service (gRPC) with the admin credentials the flags
    /// point at.
    pub async fn connect_auth(&self) -> Result<tele_common::grpc::AuthClient> {
        admin::connect_auth(&self.ctx, &self.admin_options()).await
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
