//! `tsh ssh LOGIN@key=value COMMAND`: the command on every node the labels select, at once,
//! after one MFA ceremony for all the nodes that need it. Each output line is prefixed with its
//! node's name; the exit code is the worst of them.

use tele_common::api::nodes::parse_selectors;
use tele_common::error::{Error, Result};
use tele_common::ssh::{CONNECTION_FAILED, Exec, Io, Target, run_session};
use tokio::sync::mpsc;

use crate::cli::Env;

/// What one node answered.
struct Outcome {
    node: String,
    result: Result<(u32, Vec<u8>, Vec<u8>)>,
}

pub fn run(env: &mut Env, selector: &str, login: String, command: Option<String>) -> Result<()> {
    let command = command.ok_or_else(|| {
        Error::bad_parameter(format!("{selector}: a command is needed to run on many nodes"))
            .with_hint("e.g. tsh ssh root@env=prod hostname")
    })?;
    let selectors = parse_selectors(&[selector.to_string()])?;
    let (home, session) = env.session()?;
    let nodes = env.block_on_value(async { session.auth_client(&home).await?.list_nodes(&selectors).await })?;
    if nodes.is_empty() {
        return Err(Error::not_found(format!("no nodes match {selector}")).with_hint("list them with: tsh ls"));
    }
    let targets: Vec<Target> = nodes
        .iter()
        .map(|n| Target {
            login: None,
            host: n.name.clone(),
            port: 0,
        })
        .collect();
    let dialer = session.dialer(&home)?;
    let certs = crate::session_mfa::single_use_certs(env, &home, &session, &dialer, &targets, &login)?;
    let outcomes = env.block_on_value(async move {
        let mut tasks = tokio::task::JoinSet::new();
        for (target, cert) in targets.into_iter().zip(certs) {
            let mut dialer = dialer.clone();
            if let Some(cert) = cert {
                dialer.cert = cert;
            }
            let (login, command) = (login.clone(), command.clone());
            tasks.spawn(async move {
                let result = async {
                    let conn = dialer.connect_node(&target, &login).await?;
                    let (stdin, resize) = (mpsc::channel(1).1, mpsc::channel(1).1);
                    let (mut out, mut err) = (Vec::new(), Vec::new());
                    let exec = Exec {
                        command: Some(command),
                        ..Exec::default()
                    };
                    let io = Io {
                        stdin,
                        resize,
                        stdout: &mut out,
                        stderr: &mut err,
                    };
                    let status = run_session(&conn.node, &exec, io).await?;
                    Ok((status, out, err))
                }
                .await;
                Outcome {
                    node: target.host,
                    result,
                }
            });
        }
        let mut all = Vec::new();
        while let Some(done) = tasks.join_next().await {
            all.push(done.map_err(|e| Error::internal(format!("session task: {e}")))?);
        }
        all.sort_by(|a, b| a.node.cmp(&b.node));
        Ok(all)
    })?;
    let mut worst: u32 = 0;
    for o in outcomes {
        match o.result {
            Ok((status, out, err)) => {
                for line in String::from_utf8_lossy(&out).lines() {
                    env.out(&format!("[{}] {line}\n", o.node))?;
                }
                for line in String::from_utf8_lossy(&err).lines() {
                    env.printer.message(&format!("[{}] {line}", o.node))?;
                }
                worst = worst.max(status);
            }
            Err(e) => {
                env.printer.message(&format!("[{}] ERROR: {}", o.node, e.message()))?;
                worst = worst.max(u32::from(e.exit_code().unwrap_or(1)));
            }
        }
    }
    match u8::try_from(worst) {
        Ok(0) => Ok(()),
        Ok(code) => Err(Error::remote_exit(code)),
        Err(_) => Err(Error::remote_exit(CONNECTION_FAILED)),
    }
}
