//! `tctl version`.

use tele_common::error::Result;

use crate::cli::Env;

#[derive(clap::Args)]
pub struct VersionArgs {}

pub fn run(env: &mut Env, _args: VersionArgs) -> Result<()> {
    env.out(&format!("tctl v{}\n", tele_common::VERSION))
}
