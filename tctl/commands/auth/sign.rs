//! `tctl auth sign --host=a,b --format=openssh --out=NAME` and
//! `tctl auth sign --user=NAME --format=file|openssh|tls --out=PATH`
//! (`--format=db` is in `sign_db.rs`).
//!
//! Keys are made here; only public keys go to the server.

use std::path::PathBuf;
use std::time::Duration;

use tele_common::api::types::{HostCertRequest, UserCertRequest};
use tele_common::error::{Error, Result};
use tele_common::fsutil;
use tele_common::identity::Identity;
use tele_common::keys::{self, KeyAlgorithm, SshKey};
use tele_common::suite::Suite;

use crate::cli::Env;
use crate::commands::tokens::add::parse_ttl;

/// Create an identity file(s) for a given user or host
#[derive(clap::Args)]
pub struct AuthSignArgs {
    /// Teleport user name
    #[arg(long)]
    pub(super) user: Option<String>,
    /// Teleport host name(s) and address(es), comma-separated
    #[arg(long, value_delimiter = ',')]
    pub(super) host: Vec<String>,
    /// Identity output: file (default), openssh, tls or db (a database server certificate for --host)
    #[arg(long, default_value = "file", value_parser = ["file", "openssh", "tls", "db"])]
    format: String,
    /// Identity output path
    #[arg(short = 'o', long = "out")]
    pub(super) out: PathBuf,
    /// TTL (time to live) for the generated certificate [12h for users and databases; hosts: no expiry]
    #[arg(long, value_parser = parse_ttl)]
    pub(super) ttl: Option<Duration>,
    /// Whether to overwrite existing destination files
    #[arg(long)]
    pub(super) overwrite: bool,
}

pub async fn run(env: &mut Env, args: AuthSignArgs) -> Result<()> {
    if args.format == "db" {
        return super::sign_db::run(env, &args).await;
    }
    match (&args.user, args.host.is_empty()) {
        (Some(_), true) => sign_user(env, &args).await,
        (None, false) => sign_host(env, &args).await,
        _ => Err(Error::bad_parameter("--user or --host must be specified").with_hint("pass exactly one of them")),
    }
}

async fn sign_host(env: &mut Env, args: &AuthSignArgs) -> Result<()> {
    if args.format != "openssh" {
        return Err(Error::bad_parameter(format!(
            "invalid --format flag {:?}, only \"openssh\" is supported",
            args.format
        )));
    }
    let out = env.ctx.resolve(&args.out);
    let cert_path = cert_pub_path(&out);
    fsutil::check_absent(&[&out, &cert_path], args.overwrite)?;
    let client = env.connect()?;
    let (ssh_alg, _) = suite_keys(&client).await?;
    let key = SshKey::generate(ssh_alg)?;
    let req = HostCertRequest {
        public_key: key.public_openssh(),
        principals: args.host.clone(),
        ttl: args.ttl.map(|t| u64::try_from(t.as_nanos()).unwrap_or(u64::MAX)),
    };
    let resp = client.sign_host(&req).await?;
    fsutil::write_private(&out, key.to_openssh()?.expose().as_bytes())?;
    fsutil::write_private(&cert_path, format!("{}\n", resp.cert.trim_end()).as_bytes())?;
    written(env, &[&args.out, &cert_pub_path(&args.out)])
}

async fn sign_user(env: &mut Env, args: &AuthSignArgs) -> Result<()> {
    let user = args.user.clone().unwrap_or_default();
    let out = env.ctx.resolve(&args.out);
    let targets: Vec<PathBuf> = match args.format.as_str() {
        "openssh" => vec![out.clone(), cert_pub_path(&out)],
        "tls" => ["key", "crt", "cas"].iter().map(|ext| with_suffix(&out, ext)).collect(),
        _ => vec![out.clone()],
    };
    fsutil::check_absent(
        &targets.iter().map(PathBuf::as_path).collect::<Vec<_>>(),
        args.overwrite,
    )?;
    let client = env.connect()?;
    let (ssh_alg, tls_alg) = suite_keys(&client).await?;
    let (ssh, tls) = keys::generate_pair(ssh_alg, tls_alg)?;
    let req = UserCertRequest {
        user,
        ssh_public_key: ssh.public_openssh(),
        tls_public_key: tls.public_pem(),
        ttl: args.ttl.unwrap_or(Duration::from_secs(12 * 3600)),
    };
    let resp = client.sign_user(&req).await?;
    match args.format.as_str() {
        "openssh" => {
            fsutil::write_private(&targets[0], ssh.to_openssh()?.expose().as_bytes())?;
            fsutil::write_private(&targets[1], format!("{}\n", resp.ssh_cert.trim_end()).as_bytes())?;
        }
        "tls" => {
            fsutil::write_private(&targets[0], tls.private_pem().expose().as_bytes())?;
            fsutil::write_private(&targets[1], resp.tls_cert.as_bytes())?;
            fsutil::write_private(&targets[2], resp.tls_cas.join("").as_bytes())?;
        }
        _ => {
            let id = Identity {
                ssh_key: ssh.to_openssh()?.expose().to_string(),
                ssh_cert: resp.ssh_cert,
                tls_key: tls.private_pem().expose().to_string(),
                tls_cert: resp.tls_cert,
                known_hosts: resp.host_ca_lines,
                tls_cas: resp.tls_cas,
            };
            fsutil::write_private(&targets[0], id.render().as_bytes())?;
        }
    }
    let shown: Vec<PathBuf> = match args.format.as_str() {
        "openssh" => vec![args.out.clone(), cert_pub_path(&args.out)],
        "tls" => ["key", "crt", "cas"]
            .iter()
            .map(|ext| with_suffix(&args.out, ext))
            .collect(),
        _ => vec![args.out.clone()],
    };
    written(env, &shown.iter().map(PathBuf::as_path).collect::<Vec<_>>())
}

/// The key kinds the cluster's suite asks for (its unauthenticated ping says which), as
/// Teleport's tctl makes them: (SSH, TLS). Host SSH keys follow the same table as users'.
async fn suite_keys(client: &tele_common::api::Client) -> Result<(KeyAlgorithm, KeyAlgorithm)> {
    let ping = client.ping().await?;
    Ok(Suite::user_keys(ping.auth.signature_algorithm_suite))
}

fn written(env: &mut Env, paths: &[&std::path::Path]) -> Result<()> {
    let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    env.out(&format!("\nThe credentials have been written to {}\n", list.join(", ")))
}

fn cert_pub_path(out: &std::path::Path) -> PathBuf {
    with_suffix(out, "-cert.pub")
}

pub(super) fn with_suffix(out: &std::path::Path, suffix: &str) -> PathBuf {
    let sep = if suffix.starts_with('-') { "" } else { "." };
    let mut s = out.as_os_str().to_owned();
    s.push(format!("{sep}{suffix}"));
    PathBuf::from(s)
}
