//! `tctl nodes ls [--format]`: seed 004's `Host / UUID / Public Address / Labels / Version`.

use serde::Serialize;
use tele_common::api::nodes::Node;
use tele_common::error::Result;
use tele_common::output::{Format, Render, Table};

use crate::cli::Env;

/// List all active SSH nodes within the cluster
#[derive(clap::Args)]
pub struct NodesLsArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Serialize)]
#[serde(transparent)]
struct NodesView {
    nodes: Vec<Node>,
}

impl Render for NodesView {
    fn render_text(&self, out: &mut String) {
        let mut t = Table::with_header(["Host", "UUID", "Public Address", "Labels", "Version"]);
        for n in &self.nodes {
            t.row([
                n.name.clone(),
                n.uuid.clone(),
                n.addr.clone(),
                n.labels_text(),
                n.version.clone(),
            ]);
        }
        t.render(out);
    }
}

pub async fn run(env: &mut Env, args: NodesLsArgs) -> Result<()> {
    let nodes = env.connect_auth().await?.list_nodes(&Default::default()).await?;
    env.emit(args.format, &NodesView { nodes })
}
