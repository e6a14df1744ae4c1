//! `tctl auth sign --format=db --host=a,b --out=NAME`: a database server certificate signed by
//! the database CA, and the database client CA the database should trust (teleport-facts §6.3).

use std::path::PathBuf;
use std::time::Duration;

use tele_common::error::{Error, Result};
use tele_common::fsutil;
use tele_common::grpc::convert::to_go_nanos;
use tele_common::grpc::wire::proto::DatabaseCertRequest;
use tele_common::grpc::wire::proto::database_cert_request::Requester;
use tele_common::keys::TlsKey;

use super::sign::{AuthSignArgs, with_suffix};
use crate::cli::Env;

/// Teleport's default certificate TTL (`api/defaults` CertDuration).
const DEFAULT_TTL: Duration = Duration::from_secs(12 * 3600);

pub async fn run(env: &mut Env, args: &AuthSignArgs) -> Result<()> {
    if args.user.is_some() {
        return Err(Error::bad_parameter(
            "--format=db makes a database server certificate: it takes --host, not --user",
        )
        .with_hint("tctl auth sign --format=db --host=db.example.com,10.0.0.5 --out=server"));
    }
    if args.host.iter().all(|h| h.trim().is_empty()) {
        return Err(Error::bad_parameter(
            "at least one hostname must be specified via --host flag",
        ));
    }
    let out = env.ctx.resolve(&args.out);
    let targets: Vec<PathBuf> = ["key", "crt", "cas"].iter().map(|ext| with_suffix(&out, ext)).collect();
    fsutil::check_absent(
        &targets.iter().map(PathBuf::as_path).collect::<Vec<_>>(),
        args.overwrite,
    )?;
    let client = env.connect_auth().await?;
    let key = TlsKey::generate(tele_common::keys::KeyAlgorithm::EcdsaP256)?;
    let hosts: Vec<String> = args
        .host
        .iter()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .collect();
    let first = hosts.first().cloned().unwrap_or_default();
    let resp = client
        .generate_database_cert(DatabaseCertRequest {
            csr: key.csr_pem(&first)?.into_bytes(),
            server_name: first,
            ttl: to_go_nanos(args.ttl.unwrap_or(DEFAULT_TTL)),
            server_names: hosts,
            requester_name: Requester::Tctl as i32,
            certificate_extensions: 0,
        })
        .await?;
    let cas: Vec<u8> = resp.ca_certs.concat();
    fsutil::write_private(&targets[0], key.private_pem().expose().as_bytes())?;
    fsutil::write_private(&targets[1], &resp.cert)?;
    fsutil::write_private(&targets[2], &cas)?;
    let shown: Vec<String> = ["key", "crt", "cas"]
        .iter()
        .map(|ext| with_suffix(&args.out, ext).display().to_string())
        .collect();
    env.out(&message(&shown.join(", "), &args.out.display().to_string()))
}

/// Teleport's `dbAuthSignTpl` (`tool/tctl/common/auth_command.go`), word for word.
fn message(files: &str, output: &str) -> String {
    format!(
        "Database credentials have been written to {files}.

To enable mutual TLS on your PostgreSQL server, add the following to its postgresql.conf configuration file:

ssl = on
ssl_cert_file = '/path/to/{output}.crt'
ssl_key_file = '/path/to/{output}.key'
ssl_ca_file = '/path/to/{output}.cas'

To enable mutual TLS on your MySQL server, add the following to its mysql.cnf configuration file:

[mysqld]
require_secure_transport=ON
ssl-cert=/path/to/{output}.crt
ssl-key=/path/to/{output}.key
ssl-ca=/path/to/{output}.cas
"
    )
}
