//! `tctl users ls [--format]`.

use serde::Serialize;
use tele_common::error::Result;
use tele_common::output::{Format, Render, Table};
use tele_common::resources::User;

use crate::cli::Env;

/// Lists all user accounts
#[derive(clap::Args)]
pub struct UsersLsArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Serialize)]
#[serde(transparent)]
struct UsersView(Vec<User>);

impl Render for UsersView {
    fn render_text(&self, out: &mut String) {
        let mut t = Table::with_header(["User", "Roles"]);
        for u in &self.0 {
            t.row([u.metadata.name.clone(), u.spec.roles.join(",")]);
        }
        t.render(out);
    }
}

pub async fn run(env: &mut Env, args: UsersLsArgs) -> Result<()> {
    let users = env.connect_auth().await?.list_users().await?;
    env.emit(args.format, &UsersView(users))
}
