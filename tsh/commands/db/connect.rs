//! `tsh db connect NAME [--db-user U] [--db-name D]`: a routed certificate for the database
//! (one MFA check when the cluster asks for one: seed 000's per-connection MFA), a tunnel on a
//! random loopback port, and `psql` through it. psql's exit status becomes tsh's.

use tele_common::api::routes::RouteTarget;
use tele_common::error::{Error, Result};

use crate::cli::Env;
use crate::route_cert::Issuer;

/// Connect to a database
#[derive(clap::Args)]
pub struct DbConnectArgs {
    /// Database service name
    name: String,
    /// Database user to log in as
    #[arg(long = "db-user", short = 'u')]
    db_user: Option<String>,
    /// Database name to log in to
    #[arg(long = "db-name", short = 'n')]
    db_name: Option<String>,
}

pub fn run(env: &mut Env, args: DbConnectArgs) -> Result<()> {
    let (home, session) = env.saved_session()?;
    let mut issuer = Issuer::new(env, &home, &session, "")?;
    let psql = super::psql(env)?;
    let proxy = session.profile.web_proxy_addr.clone();
    let insecure = env.global.insecure;
    let (status, errors) = env.block_on_value(async {
        let db_user = super::db_user(&issuer, &args.name, args.db_user).await?;
        let target = RouteTarget::Database {
            name: args.name.clone(),
            db_user,
            db_name: args.db_name.unwrap_or_default(),
        };
        super::psql_through_tunnel(&mut issuer, &env.ctx, psql, &target, proxy, insecure, &[]).await
    })?;
    for e in &errors {
        env.printer.error(e)?;
    }
    match status.code().map(u8::try_from) {
        Some(Ok(0)) => Ok(()),
        Some(Ok(code)) => Err(Error::remote_exit(code)),
        _ => Err(Error::remote_exit(1)),
    }
}
