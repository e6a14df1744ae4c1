//! `tsh proxy db --tunnel NAME --db-user U --db-name D [--port P]` (seed 000): an authenticated
//! tunnel on loopback. One MFA check when it starts; then any number of connections (`psql`
//! or a GUI client) without more taps, until Ctrl-C. The routed certificate lasts one minute
//! when MFA was needed: a connection after that asks for a new check (the text and the tap
//! again) instead of failing.

use tele_common::api::routes::{ALPN_POSTGRES, RouteTarget};
use tele_common::error::{Error, Result};
use tele_common::localproxy;

use crate::cli::Env;
use crate::route_cert::{Issuer, Renewing};

/// Start local TLS proxy for database connections when using Teleport in single-port mode
#[derive(clap::Args)]
pub struct ProxyDbArgs {
    /// The name of the database to start local proxy for
    name: String,
    /// Open authenticated tunnel using database's client certificate so clients don't need to
    /// authenticate
    #[arg(long)]
    tunnel: bool,
    /// Database user to log in as
    #[arg(long = "db-user")]
    db_user: Option<String>,
    /// Database name to log in to
    #[arg(long = "db-name")]
    db_name: Option<String>,
    /// Specifies the source port used by proxy db listener
    #[arg(long)]
    port: Option<u16>,
}

pub fn run(env: &mut Env, args: ProxyDbArgs) -> Result<()> {
    if !args.tunnel {
        return Err(Error::bad_parameter("only the authenticated tunnel is supported")
            .with_hint(format!("add --tunnel: tsh proxy db --tunnel {}", args.name)));
    }
    let (home, session) = env.saved_session()?;
    let issuer = Issuer::new(env, &home, &session, tele_common::api::routes::REQUESTER_DB_TUNNEL)?;
    let proxy = session.profile.web_proxy_addr.clone();
    let cluster = session.profile.cluster.clone();
    let insecure = env.global.insecure;
    let (tx, mut errors) = tokio::sync::mpsc::unbounded_channel::<Error>();
    let (ctx, printer) = (&env.ctx, &mut env.printer);
    crate::cli::run_async(async {
        let db_user = crate::commands::db::db_user(&issuer, &args.name, args.db_user.clone()).await?;
        let db_name = args.db_name.clone().unwrap_or_default();
        let target = RouteTarget::Database {
            name: args.name.clone(),
            db_user: db_user.clone(),
            db_name: db_name.clone(),
        };
        // Access is checked before a port is taken or a line printed.
        issuer
            .auth()
            .await?
            .is_mfa_required(tele_common::grpc::route::mfa_check(&target))
            .await?;
        let listener = localproxy::bind(args.port.unwrap_or(0)).await?;
        let addr = listener.local_addr().map_err(|e| Error::internal(e.to_string()))?;
        let mut text = format!(
            "Started authenticated tunnel for the PostgreSQL database {:?} in cluster {cluster:?} on {addr}.\n",
            args.name
        );
        if args.port.is_none() {
            text.push_str("To avoid port randomization, you can choose the listening port using the --port flag.\n");
        }
        let database = if db_name.is_empty() { &db_user } else { &db_name };
        text.push_str(&format!(
            "\nUse the following command to connect to the database or to the address above using other database GUI/CLI clients:\n  $ psql {}\n\n",
            crate::commands::db::psql_url(&db_user, addr.port(), database, false)
        ));
        printer.data(&text)?;
        let mut renewing = Renewing::new(issuer, ctx, target, ALPN_POSTGRES, insecure).await?;
        loop {
            let (local, _) = tokio::select! {
                accepted = listener.accept() => accepted.map_err(|e| Error::internal(format!("accepting: {e}")))?,
                _ = tokio::signal::ctrl_c() => return Ok(()),
                Some(e) = errors.recv() => {
                    printer.error(&e)?;
                    continue;
                }
            };
            let config = renewing.config(ctx).await?;
            crate::commands::db::spawn_pipe(local, config, proxy.clone(), tx.clone());
        }
    })
}
