//! `tsh ls [key=value ...] [--format]`: the nodes the user's roles let them reach.

use serde::Serialize;
use tele_common::api::nodes::{Node, parse_selectors};
use tele_common::error::Result;
use tele_common::output::{Format, Render, Table};

use crate::cli::Env;

/// List remote SSH nodes
#[derive(clap::Args)]
pub struct LsArgs {
    /// Only nodes with these labels, e.g. env=prod
    labels: Vec<String>,
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
        let mut t = Table::with_header(["Node Name", "Address", "Labels"]);
        for n in &self.nodes {
            t.row([n.name.clone(), n.addr.clone(), n.labels_text()]);
        }
        t.render(out);
    }
}

pub fn run(env: &mut Env, args: LsArgs) -> Result<()> {
    let selectors = parse_selectors(&args.labels)?;
    let (home, session) = env.session()?;
    let nodes = env.block_on_value(async { session.auth_client(&home).await?.list_nodes(&selectors).await })?;
    env.emit(args.format, &NodesView { nodes })
}
