//! `tctl tokens ls [--format] [--with-secrets] [--labels]`.

use std::time::SystemTime;

use serde::Serialize;
use tele_common::duration;
use tele_common::error::Result;
use tele_common::output::{Format, Render, Table};
use tele_common::resources::{ProvisionToken, safe_token_name};

use super::add::parse_labels;
use crate::cli::Env;

/// List node and user invitation tokens
#[derive(clap::Args)]
pub struct TokensLsArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Do not redact join tokens
    #[arg(long)]
    with_secrets: bool,
    /// Only tokens with these labels, e.g. env=prod,region=us-west
    #[arg(long)]
    labels: Option<String>,
}

/// The listing: the same tokens in every format.
#[derive(Serialize)]
#[serde(transparent)]
struct TokensView {
    tokens: Vec<ProvisionToken>,
    #[serde(skip)]
    now: SystemTime,
}

impl Render for TokensView {
    fn render_text(&self, out: &mut String) {
        if self.tokens.is_empty() {
            out.push_str("No active tokens found.\n");
            return;
        }
        let mut t = Table::with_header(["Token", "Type", "Labels", "Expiry Time (UTC)"]);
        for token in &self.tokens {
            let labels: Vec<String> = token.metadata.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let expiry = match token.metadata.expires {
                Some(e) => {
                    let left = e.duration_since(self.now).unwrap_or_default();
                    format!("{} ({})", duration::rfc822(e), duration::format(left))
                }
                None => "never".to_string(),
            };
            t.row([
                token.metadata.name.clone(),
                token.roles_text(),
                labels.join(","),
                expiry,
            ]);
        }
        t.render(out);
    }
}

pub async fn run(env: &mut Env, args: TokensLsArgs) -> Result<()> {
    let wanted = args
        .labels
        .as_deref()
        .map(parse_labels)
        .transpose()?
        .unwrap_or_default();
    let mut tokens = env.connect_auth().await?.list_tokens().await?;
    tokens.retain(|t| wanted.iter().all(|(k, v)| t.metadata.labels.get(k) == Some(v)));
    if !args.with_secrets {
        for t in &mut tokens {
            t.metadata.name = safe_token_name(&t.metadata.name, &t.spec.join_method);
        }
    }
    env.emit(
        args.format,
        &TokensView {
            tokens,
            now: env.ctx.now(),
        },
    )
}
