//! `tsh kube ls [key=value ...] [--format]`: the Kubernetes clusters the user's roles allow
//! (`kubernetes_labels`). "Selected" marks the cluster of kubectl's current context, when
//! `tsh kube login` wrote it for this Teleport cluster.

use std::collections::BTreeMap;

use serde::Serialize;
use tele_common::api::nodes::{labels_select, labels_text, parse_selectors};
use tele_common::error::Result;
use tele_common::output::{Format, Render, Table};

use crate::cli::Env;

/// Get a list of Kubernetes clusters
#[derive(clap::Args)]
pub struct KubeLsArgs {
    /// Only clusters with these labels, e.g. env=prod
    labels: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// One row, with Teleport's JSON names.
#[derive(Serialize)]
struct KubeListing {
    kube_cluster_name: String,
    labels: BTreeMap<String, String>,
    selected: bool,
}

#[derive(Serialize)]
#[serde(transparent)]
struct KubeClustersView {
    clusters: Vec<KubeListing>,
}

impl Render for KubeClustersView {
    fn render_text(&self, out: &mut String) {
        let mut t = Table::with_header(["Kube Cluster Name", "Labels", "Selected"]);
        for k in &self.clusters {
            let selected = if k.selected { "*" } else { "" };
            t.row([
                k.kube_cluster_name.clone(),
                labels_text(&k.labels),
                selected.to_string(),
            ]);
        }
        t.render(out);
    }
}

pub fn run(env: &mut Env, args: KubeLsArgs) -> Result<()> {
    let selectors = parse_selectors(&args.labels)?;
    let (home, session) = env.session()?;
    let clusters = env.block_on_value(async { session.auth_client(&home).await?.kube_clusters().await })?;
    let selected = super::selected(env)?
        .filter(|(teleport, _)| *teleport == session.profile.cluster)
        .map(|(_, kube)| kube);
    let clusters = clusters
        .into_iter()
        .filter(|k| labels_select(&selectors, &k.metadata.labels))
        .map(|k| KubeListing {
            selected: selected.as_deref() == Some(k.metadata.name.as_str()),
            kube_cluster_name: k.metadata.name,
            labels: k.metadata.labels,
        })
        .collect();
    env.emit(args.format, &KubeClustersView { clusters })
}
