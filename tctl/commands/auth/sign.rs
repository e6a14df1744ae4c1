//! `tctl auth sign --host=a,b --format=openssh --out=NAME` and
//! `tctl auth sign --user=NAME --format=file|openssh|tls --out=PATH`
//! (`--format=db` is in `sign_db.rs`).
//!
//! Keys are made here; only public keys go to the server.

use std::path::PathBuf;
use std::time::Duration;

use tele_common::error::{Error, Result};
use tele_common::fsutil;
use tele_common::grpc::convert::{to_proto_duration, to_timestamp};
use tele_common::grpc::wire::proto::{Certs, PingResponse, UserCertsRequest};
use tele_common::grpc::wire::teleport::trust::v1::GenerateHostCertRequest;
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
    let client = env.connect_auth().await?;
    let ping = client.ping().await?;
    let (ssh_alg, _) = suite_keys(&ping)?;
    let key = SshKey::generate(ssh_alg)?;
    let principals: Vec<String> = args.host.iter().map(|h| h.trim().to_string()).collect();
    let first = principals.first().cloned().unwrap_or_default();
    // As Teleport's tctl: the first name is the host ID and node name; no TTL: no expiry.
    let cert = client
        .generate_host_cert(GenerateHostCertRequest {
            key: format!("{}\n", key.public_openssh()).into_bytes(),
            host_id: first.clone(),
            node_name: first,
            principals,
            cluster_name: ping.cluster_name,
            role: "Node".into(),
            ttl: Some(to_proto_duration(args.ttl.unwrap_or_default())),
        })
        .await?;
    let cert = String::from_utf8(cert).map_err(|_| Error::bad_parameter("the host certificate is not text"))?;
    fsutil::write_private(&out, key.to_openssh()?.expose().as_bytes())?;
    fsutil::write_private(&cert_path, format!("{}\n", cert.trim_end()).as_bytes())?;
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
    let client = env.connect_auth().await?;
    let ping = client.ping().await?;
    let (ssh_alg, tls_alg) = suite_keys(&ping)?;
    let (ssh, tls) = keys::generate_pair(ssh_alg, tls_alg)?;
    let ttl = args.ttl.unwrap_or(Duration::from_secs(12 * 3600));
    let expires = env
        .ctx
        .now()
        .checked_add(ttl)
        .ok_or_else(|| Error::bad_parameter("--ttl: too long"))?;
    let certs = client
        .generate_user_certs(UserCertsRequest {
            username: user,
            expires: Some(to_timestamp(expires)),
            format: args.format.clone(),
            ssh_public_key: format!("{}\n", ssh.public_openssh()).into_bytes(),
            tls_public_key: tls.public_pem().into_bytes(),
            ..UserCertsRequest::default()
        })
        .await?;
    let resp = UserCerts::from_proto(certs, &ping.cluster_name)?;
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

/// The key kinds the cluster's suite asks for (`Ping` says which), as Teleport's tctl makes
/// them: (SSH, TLS). Host SSH keys follow the same table as users'.
fn suite_keys(ping: &PingResponse) -> Result<(KeyAlgorithm, KeyAlgorithm)> {
    let suite = Suite::from_number(u64::try_from(ping.signature_algorithm_suite).unwrap_or(0))?;
    Ok(Suite::user_keys(suite))
}

/// A user's certificates as the identity file and the other formats need them.
struct UserCerts {
    ssh_cert: String,
    tls_cert: String,
    tls_cas: Vec<String>,
    host_ca_lines: Vec<String>,
}

impl UserCerts {
    fn from_proto(certs: Certs, cluster: &str) -> Result<Self> {
        let text = |b: Vec<u8>, what: &str| {
            String::from_utf8(b).map_err(|_| Error::bad_parameter(format!("the {what} is not text")))
        };
        let mut host_ca_lines = Vec::new();
        for key in certs.sshca_certs {
            let key = text(key, "host CA key")?;
            let key = ssh_key::PublicKey::from_openssh(key.trim())
                .map_err(|e| Error::bad_parameter(format!("the host CA key does not parse: {e}")))?;
            host_ca_lines.push(tele_common::sshca::host_ca_line(&key, cluster, &[]));
        }
        Ok(Self {
            ssh_cert: text(certs.ssh, "SSH certificate")?.trim_end().to_string(),
            tls_cert: text(certs.tls, "TLS certificate")?,
            tls_cas: certs
                .tlsca_certs
                .into_iter()
                .map(|c| text(c, "TLS CA certificate"))
                .collect::<Result<_>>()?,
            host_ca_lines,
        })
    }
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
