//! Hidden `tctl __generate completions|man DIR`, behind `cargo xtask gen`.

use std::path::PathBuf;

use tele_common::error::Result;
use tele_common::generate::{self, Artifact};

/// Write completions or man pages into a directory
#[derive(clap::Args)]
pub struct GenerateArgs {
    /// What to write
    #[arg(value_enum)]
    artifact: Artifact,
    /// Directory to write into
    dir: PathBuf,
}

pub fn run(args: GenerateArgs) -> Result<()> {
    generate::write(&crate::cli::command(), args.artifact, &args.dir)
}
