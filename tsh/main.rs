//! `tsh`: the user's client of a Teleport cluster.

mod cli;
mod commands;
mod headless_login;
mod memlock;
mod route_cert;
mod session_mfa;
mod terminal;

fn main() -> std::process::ExitCode {
    cli::main()
}
