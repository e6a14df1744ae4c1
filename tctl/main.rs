//! `tctl`: the admin's client of a Teleport cluster.

mod cli;
mod commands;

fn main() -> std::process::ExitCode {
    cli::main()
}
