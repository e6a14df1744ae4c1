//! `tsh db exec QUERY (--labels k=v,... | --dbs a,b) [--db-user U] [--db-name D]
//! [--output-dir DIR] [--yes]` (seed 000): the same query on several databases, one after the
//! other, with one MFA check for all of them. The first routed certificate's MFA answer is kept
//! and presented again as `TSH_DB_EXEC`, which the cluster accepts for five minutes and from
//! this command only. Each database's output goes to `DIR/NAME.output` (or to the terminal),
//! and `DIR/summary.json` records the outcome of each.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use serde::Serialize;
use tele_common::api::databases::DatabaseListing;
use tele_common::api::nodes::{labels_select, labels_text, parse_selectors};
use tele_common::api::routes::{REQUESTER_DB_EXEC, RouteTarget};
use tele_common::error::{Error, Result, io_error};
use tele_common::mfa::Prompter;
use tele_common::output::Table;

use crate::cli::Env;
use crate::route_cert::Issuer;
use tele::prompt::TermPrompter;

/// Execute database commands on target database services
#[derive(clap::Args)]
pub struct DbExecArgs {
    /// Execute this command on target database services
    query: String,
    /// Database user used to connect the target database services
    #[arg(long = "db-user")]
    db_user: Option<String>,
    /// Database name used to connect the target database services
    #[arg(long = "db-name")]
    db_name: Option<String>,
    /// List of comma separated database services
    #[arg(long, value_delimiter = ',', conflicts_with = "labels")]
    dbs: Vec<String>,
    /// List of comma separated labels to filter by labels (e.g. key1=value1,key2=value2)
    #[arg(long, value_delimiter = ',')]
    labels: Vec<String>,
    /// Directory to store command output per target database service. A summary is saved as
    /// "summary.json"
    #[arg(long = "output-dir")]
    output_dir: Option<PathBuf>,
    /// Do not ask for confirmation before executing on the found databases
    #[arg(long, short = 'y')]
    yes: bool,
}

/// One database's outcome in `summary.json`.
#[derive(Serialize)]
struct Outcome {
    database: String,
    success: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    exit_code: Option<i32>,
    #[serde(skip_serializing_if = "String::is_empty")]
    error: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    output_file: String,
}

/// `summary.json`.
#[derive(Serialize)]
struct Summary {
    command: String,
    total: usize,
    success: usize,
    failure: usize,
    databases: Vec<Outcome>,
}

pub fn run(env: &mut Env, args: DbExecArgs) -> Result<()> {
    if args.dbs.is_empty() && args.labels.is_empty() {
        return Err(Error::bad_parameter("one of --dbs or --labels is required")
            .with_hint("e.g. tsh db exec \"select 1\" --labels env=prod --db-user alice"));
    }
    let selectors = parse_selectors(&args.labels)?;
    let (home, session) = env.saved_session()?;
    let mut issuer = Issuer::new(env, &home, &session, REQUESTER_DB_EXEC)?;
    if !args.labels.is_empty() {
        env.out("Searching databases ...\n")?;
    }
    let listing = env.block_on_value(issuer.databases())?;
    let targets = pick(&listing, &args.dbs, &selectors)?;
    let dir = args.output_dir.as_ref().map(|d| env.ctx.resolve(d));
    if let Some(dir) = &dir {
        // Outputs of an earlier run are never overwritten.
        let names = targets.iter().map(|d| format!("{}.output", d.database.metadata.name));
        if let Some(existing) = names
            .chain(["summary.json".to_string()])
            .map(|n| dir.join(n))
            .find(|p| p.exists())
        {
            return Err(Error::already_exists(format!("{} already exists", existing.display()))
                .with_hint("choose another --output-dir, or move the earlier results away"));
        }
    }
    if !args.labels.is_empty() {
        let mut text = format!("Found {} database(s):\n\n", targets.len());
        let mut t = Table::with_header(["Name", "Description", "Protocol", "Labels"]);
        for d in &targets {
            let db = &d.database;
            t.row([
                db.metadata.name.clone(),
                db.metadata.description.clone().unwrap_or_default(),
                db.spec.protocol.clone(),
                labels_text(&db.metadata.labels),
            ]);
        }
        t.render(&mut text);
        env.out(&format!("{text}\n"))?;
        if !args.yes {
            let prompt = format!("Do you want to proceed with {} database(s)? [y/N]: ", targets.len());
            let answer = TermPrompter::new(&env.ctx).read_line(&prompt)?;
            if !matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
                return Err(Error::bad_parameter("operation canceled by user request"));
            }
        }
    }
    if let Some(dir) = &dir {
        std::fs::create_dir_all(dir).map_err(|e| io_error("creating", dir, e))?;
    }
    let mut outcomes = Vec::new();
    for d in &targets {
        let name = d.database.metadata.name.clone();
        let file = dir.as_ref().map(|dir| dir.join(format!("{name}.output")));
        match &args.output_dir {
            Some(shown) => env.out(&format!(
                "Executing command for {name:?}. Output will be saved at {:?}.\n",
                shown.join(format!("{name}.output")).display().to_string()
            ))?,
            None => env.out(&format!("Executing command for {name:?}.\n"))?,
        }
        let outcome = match one(env, &mut issuer, &session, d, &args, file.as_deref()) {
            Ok(code) => Outcome {
                database: name,
                success: code == Some(0),
                exit_code: code,
                error: String::new(),
                output_file: file.map(|f| f.display().to_string()).unwrap_or_default(),
            },
            Err(e) => {
                env.printer.error(&e)?;
                Outcome {
                    database: name,
                    success: false,
                    exit_code: None,
                    error: e.message().to_string(),
                    output_file: String::new(),
                }
            }
        };
        outcomes.push(outcome);
    }
    let success = outcomes.iter().filter(|o| o.success).count();
    let summary = Summary {
        command: args.query.clone(),
        total: targets.len(),
        success,
        failure: targets.len() - success,
        databases: outcomes,
    };
    env.out(&format!("Summary: {success} of {} succeeded.\n", targets.len()))?;
    if let (Some(dir), Some(shown)) = (&dir, &args.output_dir) {
        let path = dir.join("summary.json");
        let text = serde_json::to_string_pretty(&summary).map_err(|e| Error::internal(e.to_string()))?;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .map_err(|e| io_error("creating", &path, e))?;
        f.write_all((text + "\n").as_bytes())
            .map_err(|e| io_error("writing", &path, e))?;
        env.out(&format!(
            "Summary is saved at {:?}.\n",
            shown.join("summary.json").display().to_string()
        ))?;
    }
    if success == targets.len() {
        Ok(())
    } else {
        Err(Error::remote_exit(1))
    }
}

/// The databases named by `--dbs` (each must exist), or those the labels select.
fn pick(
    listing: &[DatabaseListing],
    dbs: &[String],
    selectors: &std::collections::BTreeMap<String, String>,
) -> Result<Vec<DatabaseListing>> {
    if dbs.is_empty() {
        let found: Vec<DatabaseListing> = listing
            .iter()
            .filter(|d| labels_select(selectors, &d.database.metadata.labels))
            .cloned()
            .collect();
        if found.is_empty() {
            return Err(
                Error::not_found("no databases found").with_hint("tsh db ls shows the databases and their labels")
            );
        }
        return Ok(found);
    }
    dbs.iter()
        .map(|name| {
            listing
                .iter()
                .find(|d| &d.database.metadata.name == name)
                .cloned()
                .ok_or_else(|| {
                    Error::not_found(format!("database {name:?} not found"))
                        .with_hint("list the databases you can reach with: tsh db ls")
                })
        })
        .collect()
}

/// Runs the query on one database; psql's exit code.
fn one(
    env: &Env,
    issuer: &mut Issuer,
    session: &tele_common::profile::Session,
    d: &DatabaseListing,
    args: &DbExecArgs,
    file: Option<&Path>,
) -> Result<Option<i32>> {
    let name = d.database.metadata.name.clone();
    let mut psql = super::psql(env)?;
    psql.stdin(Stdio::null());
    if let Some(file) = file {
        // Query results from production databases: readable by their owner only.
        let out = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(file)
            .map_err(|e| io_error("creating", file, e))?;
        let err = out.try_clone().map_err(|e| io_error("opening", file, e))?;
        psql.stdout(out).stderr(err);
    }
    let (proxy, insecure) = (session.profile.web_proxy_addr.clone(), env.global.insecure);
    let (status, errors) = env.block_on_value(async {
        // The listing is at hand: no second look-up per database.
        let db_user = match &args.db_user {
            Some(user) => user.clone(),
            None => super::only_user(d)?,
        };
        let target = RouteTarget::Database {
            name: name.clone(),
            db_user,
            db_name: args.db_name.clone().unwrap_or_default(),
        };
        super::psql_through_tunnel(issuer, &env.ctx, psql, &target, proxy, insecure, &["-c", &args.query]).await
    })?;
    if let Some(e) = errors.into_iter().next() {
        return Err(e);
    }
    Ok(status.code())
}
