//! `tsh kube login NAME`: makes the cluster kubectl's current context. The kubeconfig (the first
//! `KUBECONFIG` entry, else `~/.kube/config`) gets a cluster named after the Teleport cluster
//! (the proxy's web address, the cluster's TLS CA), a user whose exec plugin is
//! `tsh kube credentials`, and the context `<teleport cluster>-<kube cluster>`; everything else
//! in the file is kept, and the file is 0600.

use tele_common::error::{Error, Result};
use tele_common::kube::config::{self, Credentials, Entry};

use crate::cli::Env;

/// Log in to a Kubernetes cluster and discover connected clusters
#[derive(clap::Args)]
pub struct KubeLoginArgs {
    /// Name of the Kubernetes cluster to log in to
    #[arg(value_name = "KUBE_CLUSTER")]
    kube_cluster: String,
}

/// Teleport's refusal for a cluster the user cannot see.
pub fn not_found(name: &str) -> Error {
    Error::not_found(format!(
        "kubernetes cluster {name:?} not found, check 'tsh kube ls' for a list of known clusters"
    ))
}

pub fn run(env: &mut Env, args: KubeLoginArgs) -> Result<()> {
    let (home, session) = env.session()?;
    let clusters = env.block_on_value(async { session.auth_client(&home).await?.kube_clusters().await })?;
    let name = args.kube_cluster;
    if !clusters.iter().any(|k| k.metadata.name == name) {
        return Err(not_found(&name));
    }
    let profile = &session.profile;
    let tsh = std::env::current_exe()
        .map_err(|e| Error::internal(format!("cannot tell where tsh is: {e}")))?
        .display()
        .to_string();
    let mut exec_args = vec![
        "kube".to_string(),
        "credentials".into(),
        format!("--kube-cluster={name}"),
        format!("--teleport-cluster={}", profile.cluster),
        format!("--proxy={}", profile.web_proxy_addr),
    ];
    if env.global.insecure {
        exec_args.push("--insecure".into());
    }
    // As Teleport: a non-default home travels with the plugin.
    let exec_env = env
        .ctx
        .var(tele_common::env::TELEPORT_HOME)
        .map(|h| {
            vec![(
                tele_common::env::TELEPORT_HOME.to_string(),
                env.ctx.resolve(h).display().to_string(),
            )]
        })
        .unwrap_or_default();
    let entry = Entry {
        cluster_name: profile.cluster.clone(),
        context_name: config::context_name(&profile.cluster, &name),
        server: format!("https://{}", profile.web_proxy_addr),
        // Teleport routes Kubernetes by this name on the one web port.
        tls_server_name: Some(tele_common::grpc::routing::kube_server_name(
            &tele_common::config::split_host_port(&profile.web_proxy_addr)?.0,
        )),
        ca_pem: session.certs.tls_cas.clone(),
        credentials: Credentials::Exec {
            command: tsh,
            args: exec_args,
            env: exec_env,
        },
    };
    let path = config::path(&env.ctx)?;
    let text = config::merge(config::read(&path)?.as_deref(), &entry)?;
    config::write(&path, &text)?;
    env.out(&format!(
        "Logged into Kubernetes cluster {name:?}. Try 'kubectl version' to test the connection.\n"
    ))
}
