//! `tsh completion <shell>`: prints the completion script; it edits no rc file.

use clap_complete::Shell;
use tele_common::error::Result;

use crate::cli::Env;

/// Print a shell completion script: source <(tsh completion bash)
#[derive(clap::Args)]
pub struct CompletionArgs {
    /// Shell
    shell: Shell,
}

pub fn run(env: &mut Env, args: CompletionArgs) -> Result<()> {
    let script = tele_common::generate::completion(crate::cli::command(), args.shell);
    env.out(&String::from_utf8_lossy(&script))
}
