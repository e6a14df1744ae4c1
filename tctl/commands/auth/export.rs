//! `tctl auth export [--type=user|host|tls-host|tls-user|openssh|db|db-client]`: the lines of teleport-facts §6.5.

use tele_common::error::Result;
use tele_common::sshca::ExportType;

use crate::cli::Env;

/// Export public cluster CA certificates to stdout
#[derive(clap::Args)]
pub struct AuthExportArgs {
    /// Certificate type: user, host, tls-host, tls-user, openssh, db or db-client; both SSH CAs when omitted
    #[arg(long = "type", value_enum)]
    kind: Option<ExportType>,
}

pub async fn run(env: &mut Env, args: AuthExportArgs) -> Result<()> {
    let text = env.connect_auth().await?.export_cas(args.kind).await?;
    env.out(&text)
}
