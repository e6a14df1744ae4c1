//! `tsh db ...`: databases reached through the proxy. `connect` and `exec` run `psql` against
//! a local tunnel (`tele_common::localproxy`) that carries each of its connections to the
//! proxy inside TLS with a routed certificate held in memory.

mod connect;
mod exec;
mod ls;

use std::sync::Arc;

use clap::Subcommand;
use rustls::ClientConfig;
use std::process::ExitStatus;
use tele_common::api::databases::DatabaseListing;
use tele_common::api::routes::ALPN_POSTGRES;
use tele_common::error::{Error, Result};
use tele_common::localproxy;

use tele_common::api::routes::RouteTarget;
use tele_common::context::Context;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc::UnboundedSender;

use crate::cli::Env;
use crate::route_cert::Issuer;

#[derive(Subcommand)]
pub enum DbCommand {
    /// List all available databases
    Ls(ls::DbLsArgs),
    /// Connect to a database
    Connect(connect::DbConnectArgs),
    /// Execute database commands on target database services
    Exec(exec::DbExecArgs),
}

pub fn run(env: &mut Env, command: DbCommand) -> Result<()> {
    match command {
        DbCommand::Ls(a) => ls::run(env, a),
        DbCommand::Connect(a) => connect::run(env, a),
        DbCommand::Exec(a) => exec::run(env, a),
    }
}

/// The database user to connect as: `--db-user`, else the only one the roles allow there.
pub async fn db_user(issuer: &Issuer, db: &str, given: Option<String>) -> Result<String> {
    if let Some(user) = given {
        return Ok(user);
    }
    let listing = issuer.databases().await?;
    let entry = listing.iter().find(|d| d.database.metadata.name == db).ok_or_else(|| {
        Error::not_found(format!("database {db:?} not found"))
            .with_hint("list the databases you can reach with: tsh db ls")
    })?;
    only_user(entry)
}

/// The one database user the roles allow on a listed database, or the error asking for one.
pub fn only_user(entry: &DatabaseListing) -> Result<String> {
    match entry.users.allowed.as_slice() {
        [only] if only != "*" => Ok(only.clone()),
        _ => Err(Error::bad_parameter("--db-user flag is required").with_hint(format!(
            "tsh db ls shows the users allowed on {:?}: {}",
            entry.database.metadata.name,
            entry.users.text()
        ))),
    }
}

/// `postgres://USER@localhost:PORT/NAME` (seed 000's form); with `sslmode=disable` when tsh
/// runs psql itself, since the tunnel is in the clear on loopback only.
pub fn psql_url(user: &str, port: u16, db_name: &str, for_tsh: bool) -> String {
    let mut url = format!("postgres://{}@localhost:{port}/{}", encode(user), encode(db_name));
    if for_tsh {
        url.push_str("?sslmode=disable");
    }
    url
}

/// Percent-encodes everything but RFC 3986's unreserved characters: a database user such as
/// `alice@corp` must not end the URL's user part.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Carries every connection to `listener` to the proxy with `config`, until the task is
/// dropped. A connection that cannot reach the proxy is reported on `errors`.
pub async fn serve_tunnel(
    listener: TcpListener,
    config: Arc<ClientConfig>,
    proxy: String,
    errors: UnboundedSender<Error>,
) {
    while let Ok((local, _)) = listener.accept().await {
        spawn_pipe(local, config.clone(), proxy.clone(), errors.clone());
    }
}

/// Carries one local connection to the proxy with `config`.
pub fn spawn_pipe(local: TcpStream, config: Arc<ClientConfig>, proxy: String, errors: UnboundedSender<Error>) {
    tokio::spawn(async move {
        let _ = local.set_nodelay(true);
        match localproxy::connect(&proxy, config).await {
            Ok(remote) => localproxy::pipe(local, remote).await,
            Err(e) => {
                let _ = errors.send(e);
            }
        }
    });
}

/// Gets a certificate for `target`, opens a tunnel on a random loopback port and runs `psql`
/// (with `args` after the URL) through it; psql's exit status, and what went wrong in the
/// tunnel.
pub async fn psql_through_tunnel(
    issuer: &mut Issuer,
    ctx: &Context,
    mut psql: tokio::process::Command,
    target: &RouteTarget,
    proxy: String,
    insecure: bool,
    args: &[&str],
) -> Result<(ExitStatus, Vec<Error>)> {
    let RouteTarget::Database { db_user, db_name, .. } = target else {
        return Err(Error::internal("not a database"));
    };
    let config = Arc::new(
        issuer
            .issue(ctx, target)
            .await?
            .tls_config(&[ALPN_POSTGRES], insecure)?,
    );
    let listener = localproxy::bind(0).await?;
    let port = listener
        .local_addr()
        .map_err(|e| Error::internal(e.to_string()))?
        .port();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let tunnel = tokio::spawn(serve_tunnel(listener, config, proxy, tx));
    let database = if db_name.is_empty() { db_user } else { db_name };
    let status = psql
        .arg(psql_url(db_user, port, database, true))
        .args(args)
        .status()
        .await
        .map_err(|e| Error::internal(format!("running psql: {e}")))?;
    tunnel.abort();
    let mut errors = Vec::new();
    while let Ok(e) = rx.try_recv() {
        errors.push(e);
    }
    Ok((status, errors))
}

/// A `psql` command, or a clear error when psql is missing.
pub fn psql(env: &Env) -> Result<tokio::process::Command> {
    let path = env.ctx.find_program("psql").ok_or_else(|| {
        Error::not_found("psql is not found on PATH")
            .with_hint("install the PostgreSQL client (Debian: apt-get install postgresql-client)")
    })?;
    let mut cmd = tokio::process::Command::new(path);
    cmd.kill_on_drop(true);
    Ok(cmd)
}

#[cfg(test)]
mod tests {
    #[test]
    fn psql_urls_encode_what_would_break_them() {
        assert_eq!(
            super::psql_url("alice", 5432, "app", false),
            "postgres://alice@localhost:5432/app"
        );
        assert_eq!(
            super::psql_url("alice@corp", 5432, "my db/x", true),
            "postgres://alice%40corp@localhost:5432/my%20db%2Fx?sslmode=disable"
        );
    }
}
