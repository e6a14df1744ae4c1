//! `refserver join openssh`: puts an OpenSSH server under the cluster with a join token (the
//! command `tctl tokens add --type=node` prints). It checks the CA pin before the token leaves
//! the host, then writes the host key, its certificate, the user CA and an sshd_config snippet.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tele_common::api::Client;
use tele_common::api::nodes::{JoinRequest, JoinResponse};
use tele_common::error::{Error, Result};
use tele_common::fsutil;
use tele_common::keys::SshKey;
use tele_common::sshca::ExportType;
use tele_common::tls;

/// `refserver join openssh` flags.
#[derive(clap::Args)]
pub struct JoinOpensshArgs {
    /// The join token (from tctl tokens add --type=node)
    #[arg(long)]
    token: String,
    /// The cluster's CA pin (sha256:...), checked before the token is sent
    #[arg(long)]
    ca_pin: String,
    /// The proxy's web address, host:port
    #[arg(long, alias = "proxy", value_name = "HOST:PORT")]
    auth_server: String,
    /// Where this node's sshd listens, host:port [default: <hostname>:22]
    #[arg(long)]
    address: Option<String>,
    /// The node's name [default: the host name]
    #[arg(long)]
    node_name: Option<String>,
    /// Labels, e.g. env=prod,team=db
    #[arg(long, value_delimiter = ',')]
    labels: Vec<String>,
    /// Where to write the keys, certificates and the sshd_config snippet
    #[arg(long, default_value = "/etc/ssh")]
    out_dir: PathBuf,
}

/// File names written into `--out-dir`.
pub const HOST_KEY: &str = "teleport_host_key";
/// The host certificate.
pub const HOST_CERT: &str = "teleport_host_key-cert.pub";
/// The user CA (`TrustedUserCAKeys`).
pub const USER_CA: &str = "teleport_user_ca.pub";
/// The sshd_config snippet.
pub const SNIPPET: &str = "sshd_config.teleport";

fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "localhost".into())
}

/// Runs the join and returns what to tell the user.
pub async fn run(args: &JoinOpensshArgs) -> Result<String> {
    let node_name = args.node_name.clone().unwrap_or_else(hostname);
    let address = args.address.clone().unwrap_or_else(|| format!("{node_name}:22"));
    let mut labels = BTreeMap::new();
    for l in args.labels.iter().filter(|l| !l.is_empty()) {
        let (k, v) = l
            .split_once('=')
            .ok_or_else(|| Error::bad_parameter(format!("--labels: {l:?}: expected key=value")))?;
        labels.insert(k.to_string(), v.to_string());
    }
    let ca = verified_ca(&args.auth_server, &args.ca_pin).await?;
    let client = Client::new(
        &tele_common::context::Context::for_test(&[]),
        &args.auth_server,
        tls::client_config(&ca, None, false)?,
    )?;
    // The host key is of the kind the cluster's suite gives hosts: the same table as users'
    // SSH keys in Teleport's suites (RSA for legacy, Ed25519 for balanced-v1).
    let suite = client.ping().await?.auth.signature_algorithm_suite;
    let key = SshKey::generate(tele_common::suite::Suite::user_keys(suite).0)?;
    let resp: JoinResponse = client
        .join_node(&JoinRequest {
            token: args.token.clone(),
            node_name: node_name.clone(),
            role: "Node".into(),
            public_ssh_key: key.public_openssh(),
            additional_principals: Vec::new(),
            address: address.clone(),
            labels,
        })
        .await?;
    write_files(&args.out_dir, &key, &resp)?;
    Ok(format!(
        "Node {node_name} ({address}) joined the cluster as {uuid}.\n\
         Add this to sshd_config and restart sshd:\n\n\
         Include {snippet}\n",
        uuid = resp.node.uuid,
        snippet = args.out_dir.join(SNIPPET).display(),
    ))
}

/// Fetches the cluster's TLS CA without trusting anything yet, then checks it against the pin.
async fn verified_ca(addr: &str, pin: &str) -> Result<Vec<rustls::pki_types::CertificateDer<'static>>> {
    let probe = Client::new(
        &tele_common::context::Context::for_test(&[]),
        addr,
        tls::client_config(&[], None, true)?,
    )?;
    let pem = probe.export_ca(Some(ExportType::TlsHost)).await?;
    let certs = tls::parse_certs_pem(&pem)?;
    let first = certs
        .first()
        .ok_or_else(|| Error::connection(format!("{addr} sent no CA certificate")))?;
    let actual = tls::ca_pin(first)?;
    if !actual.eq_ignore_ascii_case(pin.trim()) {
        return Err(Error::access_denied(format!(
            "CA pin mismatch: the cluster at {addr} has CA pin {actual}, expected {pin}; the token was not sent"
        ))
        .with_hint("check --auth-server and copy the pin from tctl status"));
    }
    Ok(certs)
}

fn write_files(dir: &Path, key: &SshKey, resp: &JoinResponse) -> Result<()> {
    fsutil::create_private_dir(dir)?;
    let key_path = dir.join(HOST_KEY);
    fsutil::write_private(&key_path, key.to_openssh()?.expose().as_bytes())?;
    fsutil::write_private(
        &dir.join(format!("{HOST_KEY}.pub")),
        format!("{}\n", key.public_openssh()).as_bytes(),
    )?;
    fsutil::write_private(&dir.join(HOST_CERT), format!("{}\n", resp.cert.trim()).as_bytes())?;
    let user_ca: String = resp
        .ssh_user_ca_keys
        .iter()
        .map(|k| format!("{}\n", k.trim()))
        .collect();
    fsutil::write_private(&dir.join(USER_CA), user_ca.as_bytes())?;
    let snippet = format!(
        "# Written by refserver join openssh: trust the cluster's user CA, present its host certificate.\n\
         HostKey {}\nHostCertificate {}\nTrustedUserCAKeys {}\n",
        key_path.display(),
        dir.join(HOST_CERT).display(),
        dir.join(USER_CA).display()
    );
    fsutil::write_private(&dir.join(SNIPPET), snippet.as_bytes())
}
