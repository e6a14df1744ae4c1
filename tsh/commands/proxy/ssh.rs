//! `tsh proxy ssh [user@]host:port`: OpenSSH's ProxyCommand. It joins stdin/stdout to the
//! node's SSH port through the proxy (`tsh config` writes the ssh_config that calls it).

use tele_common::error::{Error, Result};
use tele_common::ssh::Target;
use tokio::io::AsyncWriteExt;

use crate::cli::Env;
use crate::terminal;

/// Start local TLS proxy for ssh connections when using Teleport in single-port mode
#[derive(clap::Args)]
pub struct ProxySshArgs {
    /// Cluster the node belongs to (the suffix OpenSSH's %h carries)
    #[arg(long)]
    cluster: Option<String>,
    /// [user@]host:port (OpenSSH's %r@%h:%p)
    #[arg(value_name = "[USER@]HOST:PORT")]
    target: String,
}

/// Splits `[user@]host:port` and drops the `.cluster` suffix `tsh config` puts on node names.
fn parse(text: &str, cluster: &str) -> Result<Target> {
    let (login, hostport) = match text.rsplit_once('@') {
        Some((l, h)) => (Some(l.to_string()), h),
        None => (None, text),
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) => (
            h,
            p.parse::<u16>()
                .map_err(|_| Error::bad_parameter(format!("invalid port in {text:?}")))?,
        ),
        None => (hostport, 0),
    };
    let host = host.strip_suffix(&format!(".{cluster}")).unwrap_or(host);
    // A name with the cluster suffix is a node name: let the proxy find its address.
    let port = if hostport.contains(&format!(".{cluster}")) {
        0
    } else {
        port
    };
    let mut t = Target::parse(host, Some(port))?;
    t.login = login;
    Ok(t)
}

pub fn run(env: &mut Env, args: ProxySshArgs) -> Result<()> {
    let (home, session) = env.session()?;
    let cluster = args.cluster.unwrap_or_else(|| session.profile.cluster.clone());
    let target = parse(&args.target, &cluster)?;
    let login = crate::commands::ssh::login_for(env, &target, None)?;
    let mut dialer = session.dialer(&home)?;
    crate::session_mfa::prepare(env, &home, &session, &mut dialer, &target, &login)?;
    env.block_on_value(async move {
        let proxy = dialer.dial_proxy(&login).await?;
        // Teleport's `tsh proxy ssh` offers its agent to a recording proxy.
        let stream = dialer.open_subsystem(&proxy, &target, proxy.recording).await?;
        let (mut from_node, mut to_node) = tokio::io::split(stream);
        let mut stdin = terminal::stdin_chunks();
        let upstream = async move {
            while let Some(chunk) = stdin.recv().await {
                if to_node.write_all(&chunk).await.is_err() {
                    break;
                }
            }
            let _ = to_node.shutdown().await;
        };
        let downstream = async move {
            let mut stdout = tokio::io::stdout();
            let _ = tokio::io::copy(&mut from_node, &mut stdout).await;
            let _ = stdout.flush().await;
        };
        tokio::select! {
            () = downstream => {}
            () = async { upstream.await; std::future::pending::<()>().await } => {}
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_the_cluster_suffix() {
        let t = parse("root@dev1.example.com:22", "example.com").unwrap();
        assert_eq!((t.login.as_deref(), t.host.as_str(), t.port), (Some("root"), "dev1", 0));
        let t = parse("root@127.0.0.1:2222", "example.com").unwrap();
        assert_eq!((t.host.as_str(), t.port), ("127.0.0.1", 2222));
        assert!(parse("root@dev1:x", "c").is_err());
    }
}
