//! `tctl tokens add --type=T[,T...] [--ttl] [--value] [--labels] [--format]`.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use serde::Serialize;
use tele_common::duration;
use tele_common::error::{Error, Result};
use tele_common::grpc::AuthClient;
use tele_common::resources::{ProvisionToken, SystemRole, new_token_value, validate_name};

use super::invite::{self, Invite};
use crate::cli::Env;

/// Create an invitation token
#[derive(clap::Args)]
pub struct TokensAddArgs {
    /// Type(s) of token to add, e.g. --type=node,app,db,proxy,auth,kube,bot,discovery,windowsdesktop
    #[arg(long = "type", value_name = "TYPES")]
    types: String,
    /// Override the default random generated token with a specified value
    #[arg(long)]
    value: Option<String>,
    /// Set token labels, e.g. env=prod,region=us-west
    #[arg(long)]
    labels: Option<String>,
    /// Set expiration time for token, default is 30 minutes
    #[arg(long, default_value = "30m", value_parser = parse_ttl)]
    ttl: Duration,
    /// Output format: text (just the token), json or yaml; without it, the invite instructions
    #[arg(long, value_parser = ["text", "json", "yaml"])]
    format: Option<String>,
}

/// Parses a positive Go duration for `--ttl`.
pub fn parse_ttl(text: &str) -> std::result::Result<Duration, String> {
    match duration::parse(text) {
        Ok(d) if d.is_zero() => Err("the TTL must be more than 0".into()),
        Ok(d) => Ok(d),
        Err(e) => Err(e.message().to_string()),
    }
}

/// Parses `k=v,k2=v2`.
pub fn parse_labels(text: &str) -> Result<BTreeMap<String, String>> {
    let mut labels = BTreeMap::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (k, v) = part
            .split_once('=')
            .ok_or_else(|| Error::bad_parameter(format!("invalid label {part:?}, expected key=value")))?;
        if k.trim().is_empty() {
            return Err(Error::bad_parameter(format!(
                "invalid label {part:?}: the key is empty"
            )));
        }
        labels.insert(k.trim().to_string(), v.trim().to_string());
    }
    Ok(labels)
}

#[derive(Serialize)]
struct AddView {
    token: String,
    roles: Vec<SystemRole>,
    expires: String,
}

pub async fn run(env: &mut Env, args: TokensAddArgs) -> Result<()> {
    let roles = SystemRole::parse_list(&args.types)?;
    let labels = args
        .labels
        .as_deref()
        .map(parse_labels)
        .transpose()?
        .unwrap_or_default();
    let client = env.connect_auth().await?;
    let token = create(&client, args.value, roles.clone(), labels, env.ctx.now(), args.ttl).await?;
    print_created(env, &client, &token, &roles, args.ttl, args.format.as_deref()).await
}

/// Makes a token as Teleport's tctl does: the value here (32 random hex characters unless one
/// is given), then `CreateTokenV2`, which fails when the value is taken.
pub async fn create(
    client: &AuthClient,
    value: Option<String>,
    roles: Vec<SystemRole>,
    labels: BTreeMap<String, String>,
    now: SystemTime,
    ttl: Duration,
) -> Result<ProvisionToken> {
    let name = match value {
        Some(v) => {
            validate_name("token", &v)
                .map_err(|_| Error::bad_parameter("the token value must not be empty or hold spaces or slashes"))?;
            v
        }
        None => new_token_value(),
    };
    let expires = now
        .checked_add(ttl)
        .ok_or_else(|| Error::bad_parameter("the token TTL is too long"))?;
    let mut token = ProvisionToken::new(name, roles, Some(expires));
    token.metadata.labels = labels;
    token.validate()?;
    client.create_token(&token).await?;
    Ok(token)
}

/// Prints a new token: the invite block, or `--format` output.
pub async fn print_created(
    env: &mut Env,
    client: &AuthClient,
    token: &ProvisionToken,
    roles: &[SystemRole],
    ttl: Duration,
    format: Option<&str>,
) -> Result<()> {
    let view = AddView {
        token: token.metadata.name.clone(),
        roles: token.spec.roles.clone(),
        expires: token.metadata.expires.map(duration::rfc3339).unwrap_or_default(),
    };
    match format {
        Some("text") => env.out(&format!("{}\n", view.token)),
        Some("json") => env.out(&tele_common::output::to_json(&view)),
        Some("yaml") => env.out(&tele_common::output::to_yaml(&view)),
        _ => {
            let pins = client.ca_pins().await?;
            let ping = client.ping().await?;
            let auth_server = if ping.proxy_public_addr.is_empty() {
                client.addr().to_string()
            } else {
                ping.proxy_public_addr
            };
            let pin = pins.first().cloned().unwrap_or_default();
            env.out(&invite::render(&Invite {
                token: &view.token,
                roles,
                ttl,
                ca_pin: &pin,
                auth_server: &auth_server,
            }))
        }
    }
}
