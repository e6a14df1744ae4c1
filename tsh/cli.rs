//! tsh's global flags, the runtime, and the one place where errors become output and exit codes.

use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use tele_common::error::Result;
use tele_common::output::Printer;

use crate::commands::Command;

/// Teleport Command Line Client
#[derive(Parser)]
#[command(name = "tsh", version, disable_help_subcommand = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// What every command gets. Process state (`tele_common::context::Context`) joins it with the
/// first command that reads any.
pub struct Env {
    pub printer: Printer,
}

impl Env {
    /// Writes data to stdout.
    pub fn out(&mut self, text: &str) -> Result<()> {
        self.printer.data(text)
    }
}

/// Returns tsh's clap definition (completions, man pages, tests).
pub fn command() -> clap::Command {
    Cli::command()
}

/// Parses the command line, runs the command, prints errors, picks the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut env = Env {
        printer: Printer::stdio(),
    };
    match crate::commands::run(&mut env, cli.command) {
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
