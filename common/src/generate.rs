//! Shell completions and man pages, rendered from a binary's clap definition. `tsh completion`,
//! `tctl completion` and `cargo xtask gen` all go through here, so the committed files in
//! `completions/` and `man/` are exactly what the binaries print.

use clap::Command;
use clap_complete::Shell;

/// The shells completions are made for, with the file name each one's script is committed as.
pub const SHELLS: [(Shell, &str); 4] = [
    (Shell::Bash, "{}.bash"),
    (Shell::Zsh, "_{}"),
    (Shell::Fish, "{}.fish"),
    (Shell::PowerShell, "_{}.ps1"),
];

/// Renders the completion script of `cmd` for `shell`.
pub fn completion(mut cmd: Command, shell: Shell) -> Vec<u8> {
    let name = cmd.get_name().to_string();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, name, &mut out);
    out
}

/// Every completion file of `cmd`, as (file name, contents).
pub fn completion_files(cmd: &Command) -> Vec<(String, Vec<u8>)> {
    SHELLS
        .iter()
        .map(|(shell, pattern)| (pattern.replace("{}", cmd.get_name()), completion(cmd.clone(), *shell)))
        .collect()
}

/// One man page per command and subcommand (`tctl.1`, `tctl-tokens-add.1`, ...), as
/// (file name, contents). Hidden commands get none.
pub fn man_pages(cmd: &Command) -> Vec<(String, Vec<u8>)> {
    let mut cmd = cmd.clone();
    cmd.build();
    let mut pages = Vec::new();
    collect(&cmd, cmd.get_name(), &mut pages);
    pages
}

fn collect(cmd: &Command, name: &str, pages: &mut Vec<(String, Vec<u8>)>) {
    let page_cmd = cmd.clone().name(name.to_string()).bin_name(name.replace('-', " "));
    let mut out = Vec::new();
    // Rendering into a Vec cannot fail.
    let _ = clap_mangen::Man::new(page_cmd).date("").render(&mut out);
    pages.push((format!("{name}.1"), out));
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        collect(sub, &format!("{name}-{}", sub.get_name()), pages);
    }
}

/// What `__generate` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Artifact {
    /// `completions/`.
    Completions,
    /// `man/`.
    Man,
}

/// Writes the artifacts of `cmd` into `dir`.
pub fn write(cmd: &Command, artifact: Artifact, dir: &std::path::Path) -> crate::error::Result<()> {
    use crate::error::io_error;
    let files = match artifact {
        Artifact::Man => man_pages(cmd),
        Artifact::Completions => completion_files(cmd),
    };
    std::fs::create_dir_all(dir).map_err(|e| io_error("creating", dir, e))?;
    for (name, data) in files {
        let path = dir.join(name);
        std::fs::write(&path, data).map_err(|e| io_error("writing", &path, e))?;
    }
    Ok(())
}
