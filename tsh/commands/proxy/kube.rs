//! `tsh proxy kube [NAME] [--exec]`: a local HTTPS proxy for kubectl. One MFA check up front;
//! kubectl reaches 127.0.0.1 with a client certificate of an ephemeral CA (other local users
//! cannot use the port), and each connection goes on to the cluster's proxy with the routed
//! certificate, renewed (a new tap when MFA is required) once it has expired. With `--exec` a
//! shell runs with `KUBECONFIG` pointing at a temporary kubeconfig (0600 in a 0700 directory,
//! removed at exit) and tsh exits with the shell's status.

use std::sync::Arc;

use tele_common::api::routes::RouteTarget;
use tele_common::context::Context;
use tele_common::error::{Error, Result};
use tele_common::kube::config::{self, Credentials, Entry};
use tele_common::kube::local_proxy::{self, LocalCa};
use tele_common::mfa::Prompter;
use tele_common::output::Table;

use crate::cli::Env;
use crate::route_cert::{Issuer, Renewing};

/// Start local proxy for Kubernetes access
#[derive(clap::Args)]
pub struct ProxyKubeArgs {
    /// Kubernetes cluster to proxy (default: the one of kubectl's current context)
    #[arg(value_name = "KUBE_CLUSTER")]
    kube_cluster: Option<String>,
    /// Run a new shell configured with kubectl for the local proxy; the proxy ends with it
    #[arg(long)]
    exec: bool,
    /// Port the local proxy listens on (default: any free port)
    #[arg(long, short = 'p', default_value_t = 0)]
    port: u16,
}

const EXEC_TEXT: &str = "Started local proxy for Kubernetes Access in the background.
Warning! Teleport will initiate a new shell configured with kubectl for local proxy access.
To conclude the session, simply use the \"exit\" command. Upon exiting, your original shell will be restored,
the local proxy will be closed, and future access through this headless session won't be possible.
Try issuing a command, for example \"kubectl version\".
";

/// The routed certificate of the moment; a failed renewal is shown and drops that connection.
struct Upstream<'a> {
    ctx: &'a Context,
    renewing: Renewing,
}

impl local_proxy::Upstream for Upstream<'_> {
    async fn tls_config(&mut self) -> Result<Arc<rustls::ClientConfig>> {
        self.renewing.config(self.ctx).await.inspect_err(|e| {
            tele::prompt::TermPrompter::new(self.ctx).notify(&format!("ERROR: {}", e.message()));
        })
    }
}

pub fn run(env: &mut Env, args: ProxyKubeArgs) -> Result<()> {
    let (home, session) = env.session()?;
    let teleport_cluster = session.profile.cluster.clone();
    let issuer = Issuer::new(
        env,
        &home,
        &session,
        tele_common::api::routes::REQUESTER_KUBE_LOCAL_PROXY,
    )?;
    let (name, from_kubeconfig) = match args.kube_cluster {
        Some(name) => {
            let clusters = env.block_on_value(issuer.kube_clusters())?;
            if !clusters.iter().any(|k| k.metadata.name == name) {
                return Err(crate::commands::kube::not_found(&name));
            }
            (name, false)
        }
        None => match crate::commands::kube::selected(env)? {
            Some((teleport, kube)) if teleport == teleport_cluster => (kube, true),
            _ => {
                return Err(Error::bad_parameter(
                    "no Kubernetes cluster of this Teleport cluster is selected in the kubeconfig",
                )
                .with_hint("name one: tsh proxy kube --exec NAME, or select one with tsh kube login NAME"));
            }
        },
    };
    let context_name = config::context_name(&teleport_cluster, &name);
    let mut text = String::from(if from_kubeconfig {
        "Preparing the following Teleport Kubernetes clusters from the default kubeconfig:\n"
    } else {
        "Preparing the following Teleport Kubernetes clusters:\n"
    });
    let mut table = Table::with_header(["Teleport Cluster Name", "Kube Cluster Name", "Context Name"]);
    table.row([teleport_cluster.clone(), name.clone(), context_name.clone()]);
    table.render(&mut text);
    env.out(&text)?;

    let target = RouteTarget::KubeCluster { name };
    let insecure = env.global.insecure;
    // kubectl's bytes are relayed as they are, so the proxy is spoken to in HTTP/1.1 too.
    let renewing = env.block_on_value(Renewing::new(issuer, &env.ctx, target, b"http/1.1", insecure))?;
    let local = LocalCa::new()?;
    let dir = tempfile::Builder::new()
        .prefix("tsh-proxy-kube-")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700))
        .tempdir()
        .map_err(|e| Error::internal(format!("making a temporary directory: {e}")))?;
    let kubeconfig = dir.path().join("kubeconfig");
    let proxy_addr = session.profile.web_proxy_addr.clone();
    let shell = env
        .ctx
        .var(tele_common::env::SHELL)
        .filter(|s| !s.is_empty())
        .unwrap_or("/bin/sh")
        .to_string();

    let ctx = &env.ctx;
    let printer = &mut env.printer;
    let result = crate::cli::run_async(async {
        let listener = tele_common::localproxy::bind(args.port).await?;
        let port = listener
            .local_addr()
            .map_err(|e| Error::internal(e.to_string()))?
            .port();
        let entry = Entry {
            cluster_name: context_name.clone(),
            context_name: context_name.clone(),
            server: format!("https://127.0.0.1:{port}"),
            tls_server_name: None,
            ca_pem: local.ca_pem.clone(),
            credentials: Credentials::ClientCert {
                cert_pem: local.client_cert_pem.clone(),
                key_pem: local.client_key_pem.expose().to_string(),
            },
        };
        config::write(&kubeconfig, &config::merge(None, &entry)?)?;
        let mut upstream = Upstream { ctx, renewing };
        let serve = local_proxy::serve(listener, &local, &proxy_addr, &mut upstream);
        if !args.exec {
            printer.data(&format!(
                "Started local proxy for Kubernetes on 127.0.0.1:{port}\n\nUse the following config for your Kubernetes applications. For example:\nexport KUBECONFIG={}\nkubectl version\n",
                kubeconfig.display()
            ))?;
            tokio::select! {
                () = serve => {}
                _ = tokio::signal::ctrl_c() => {}
            }
            return Ok(None);
        }
        printer.data(EXEC_TEXT)?;
        let mut child = tokio::process::Command::new(&shell)
            .env(tele_common::env::KUBECONFIG, &kubeconfig)
            .spawn()
            .map_err(|e| Error::bad_parameter(format!("starting {shell}: {e}")))?;
        tokio::select! {
            () = serve => Ok(None),
            status = child.wait() => status
                .map(|s| Some(s.code().unwrap_or(1)))
                .map_err(|e| Error::internal(format!("waiting for {shell}: {e}"))),
        }
    });
    // The temporary kubeconfig goes with the directory.
    drop(dir);
    match result? {
        Some(0) | None => Ok(()),
        Some(code) => Err(Error::remote_exit(u8::try_from(code).unwrap_or(1))),
    }
}
