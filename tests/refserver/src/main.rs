//! `refserver start -c teleport.yaml [--bootstrap resources.yaml]` and its helpers.

fn main() -> std::process::ExitCode {
    tele_refserver::cli::main()
}
