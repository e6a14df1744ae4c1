//! `tsh kube credentials --kube-cluster=NAME`: kubectl's exec credential plugin. Prints an
//! `ExecCredential` with a routed certificate for the cluster, made for a key held in memory;
//! when the cluster needs per-session MFA, the prompts go to stderr and the certificate lasts
//! one minute, so each kubectl command taps once.

use std::time::SystemTime;

use serde_json::json;
use tele_common::api::routes::RouteTarget;
use tele_common::error::{Error, Result};
use tele_common::kube::config::EXEC_API_VERSION;
use tele_common::profile::{Session, proxy_host};

use crate::cli::{Env, not_logged_in};
use crate::route_cert::Issuer;

/// Get credentials for kubectl access
#[derive(clap::Args)]
pub struct KubeCredentialsArgs {
    /// Kubernetes cluster to get credentials for
    #[arg(long, required = true)]
    kube_cluster: String,
    /// Teleport cluster (the current login's when omitted)
    #[arg(long)]
    teleport_cluster: Option<String>,
}

fn rfc3339(t: SystemTime) -> Result<String> {
    time::OffsetDateTime::from(t)
        .replace_nanosecond(0)
        .map_err(|e| Error::internal(e.to_string()))?
        .format(&time::format_description::well_known::Rfc3339)
        .map_err(|e| Error::internal(e.to_string()))
}

pub fn run(env: &mut Env, args: KubeCredentialsArgs) -> Result<()> {
    // `--proxy` picks the login of that proxy, as it does for `tsh login`.
    let (home, session) = match &env.global.proxy {
        Some(proxy) => {
            let home = env.home()?;
            let profile = home.load(&proxy_host(proxy))?.ok_or_else(not_logged_in)?;
            let session = Session::load(&home, profile)?;
            (home, session)
        }
        None => env.saved_session()?,
    };
    if let Some(cluster) = &args.teleport_cluster
        && *cluster != session.profile.cluster
    {
        return Err(Error::not_found(format!(
            "not logged in to Teleport cluster {cluster:?} (the login is for {:?})",
            session.profile.cluster
        ))
        .with_hint("log in to it with: tsh login"));
    }
    let mut issuer = Issuer::new(env, &home, &session, "")?;
    let target = RouteTarget::KubeCluster {
        name: args.kube_cluster,
    };
    let cert = env.block_on_value(issuer.issue(&env.ctx, &target))?;
    // kubectl wants its own apiVersion back.
    let api_version = env
        .ctx
        .var(tele_common::env::KUBERNETES_EXEC_INFO)
        .and_then(|info| serde_json::from_str::<serde_json::Value>(info).ok())
        .and_then(|v| v["apiVersion"].as_str().map(String::from))
        .unwrap_or_else(|| EXEC_API_VERSION.to_string());
    let credential = json!({
        "kind": "ExecCredential",
        "apiVersion": api_version,
        "spec": {},
        "status": {
            "expirationTimestamp": rfc3339(cert.not_after)?,
            "clientCertificateData": cert.cert_pem,
            "clientKeyData": cert.key.private_pem().expose(),
        },
    });
    env.out(&format!("{}\n", tele_common::output::to_json(&credential)))
}
