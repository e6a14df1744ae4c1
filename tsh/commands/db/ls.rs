//! `tsh db ls [key=value ...] [--format]`: the databases the user's roles allow (`db_labels`),
//! with the database users they allow on each.

use serde::Serialize;
use tele_common::api::databases::DatabaseListing;
use tele_common::api::nodes::{labels_select, labels_text, parse_selectors};
use tele_common::error::Result;
use tele_common::output::{Format, Render, Table};

use crate::cli::Env;

/// List all available databases
#[derive(clap::Args)]
pub struct DbLsArgs {
    /// Only databases with these labels, e.g. env=prod
    labels: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// JSON/YAML: each database resource with Teleport's `users: {allowed, denied}`.
#[derive(Serialize)]
#[serde(transparent)]
struct DatabasesView {
    databases: Vec<DatabaseListing>,
}

impl Render for DatabasesView {
    fn render_text(&self, out: &mut String) {
        let mut t = Table::with_header(["Name", "Description", "Protocol", "Allowed Users", "Labels"]);
        for d in &self.databases {
            let db = &d.database;
            t.row([
                db.metadata.name.clone(),
                db.metadata.description.clone().unwrap_or_default(),
                db.spec.protocol.clone(),
                d.users.text(),
                labels_text(&db.metadata.labels),
            ]);
        }
        t.render(out);
    }
}

pub fn run(env: &mut Env, args: DbLsArgs) -> Result<()> {
    let selectors = parse_selectors(&args.labels)?;
    let (home, session) = env.session()?;
    let roles = session.roles();
    let mut databases =
        env.block_on_value(async { session.auth_client(&home).await?.database_listings(&roles).await })?;
    databases.retain(|d| labels_select(&selectors, &d.database.metadata.labels));
    env.emit(args.format, &DatabasesView { databases })
}
