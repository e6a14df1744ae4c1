//! `tsh scp [-r] [-P PORT] SRC... DST`: copies files to or from a node through the proxy with
//! OpenSSH's scp protocol (the node runs its own `scp -t`/`scp -f`).

use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};
use tele_common::error::{Error, Result};
use tele_common::scp::{self, Progress};
use tele_common::ssh::{Target, connection_failed};

use crate::cli::Env;

/// Transfer files to a remote SSH node
#[derive(clap::Args)]
pub struct ScpArgs {
    /// Recursive copy of subdirectories
    #[arg(short = 'r', long)]
    recursive: bool,
    /// Port to connect to on the remote host
    #[arg(short = 'P', long)]
    port: Option<u16>,
    /// Quiet mode: no progress bar
    #[arg(short = 'q', long)]
    quiet: bool,
    /// Source and destination to copy, one side as [user@]host:path
    #[arg(required = true, num_args = 2.., value_name = "FROM, TO")]
    paths: Vec<String>,
}

/// `[user@]host:path`, when the text names a remote side.
fn remote(text: &str) -> Option<(String, String)> {
    let colon = text.find(':')?;
    // `./a:b` and `/x:y` are local paths, as for OpenSSH's scp.
    if text[..colon].contains('/') {
        return None;
    }
    Some((text[..colon].to_string(), text[colon + 1..].to_string()))
}

/// A progress bar on a terminal, nothing on a pipe.
struct Bar(Option<ProgressBar>);

impl Progress for Bar {
    fn file_started(&mut self, name: &str, size: u64) {
        if let Some(bar) = &self.0 {
            bar.reset();
            bar.set_length(size);
            bar.set_message(name.to_string());
        }
    }
    fn advanced(&mut self, bytes: u64) {
        if let Some(bar) = &self.0 {
            bar.inc(bytes);
        }
    }
    fn file_done(&mut self) {
        if let Some(bar) = &self.0 {
            bar.tick();
        }
    }
}

pub fn run(env: &mut Env, args: ScpArgs) -> Result<()> {
    let (sources, dest) = args.paths.split_at(args.paths.len() - 1);
    let dest = &dest[0];
    let upload = remote(dest);
    let download = match sources {
        [one] => remote(one),
        _ => None,
    };
    let is_upload = upload.is_some();
    let (host_spec, remote_path, local): (String, String, Vec<PathBuf>) = match (upload, download) {
        (Some(_), Some(_)) => {
            return Err(Error::bad_parameter(
                "copying between two remote hosts is not supported",
            ));
        }
        (Some((h, p)), None) => {
            if let Some(s) = sources.iter().find(|s| remote(s).is_some()) {
                return Err(Error::bad_parameter(format!(
                    "{s}: mixing remote and local sources is not supported"
                )));
            }
            (h, p, sources.iter().map(PathBuf::from).collect())
        }
        (None, Some((h, p))) => (h, p, vec![PathBuf::from(dest)]),
        (None, None) => {
            return Err(Error::bad_parameter("one side must be remote: [user@]host:path")
                .with_hint("e.g. tsh scp file.txt root@dev1:/tmp/"));
        }
    };
    let target = Target::parse(&host_spec, args.port)?;
    let login = crate::commands::ssh::login_for(env, &target, None)?;
    let (home, session) = env.session()?;
    let mut dialer = session.dialer(&home)?;
    crate::session_mfa::prepare(env, &home, &session, &mut dialer, &target, &login)?;
    let bar = (!args.quiet && env.ctx.stderr_is_terminal()).then(|| {
        let bar = ProgressBar::new(0);
        if let Ok(style) = ProgressStyle::with_template("{msg} {bar:30} {bytes}/{total_bytes} {bytes_per_sec} {eta}") {
            bar.set_style(style);
        }
        bar
    });
    let mut progress = Bar(bar.clone());
    let recursive = args.recursive;
    env.block_on_value(async move {
        let conn = dialer.connect_node(&target, &login).await?;
        let command = if is_upload {
            scp::sink_command(&remote_path, recursive, local.len() > 1)
        } else {
            scp::source_command(&remote_path, recursive)
        };
        let fail = |e: russh::Error| connection_failed(format!("scp: {e}"));
        let channel = conn.node.channel_open_session().await.map_err(fail)?;
        channel.exec(true, command.as_bytes()).await.map_err(fail)?;
        let (reader, writer) = tokio::io::split(channel.into_stream());
        if is_upload {
            scp::send(reader, writer, &local, recursive, &mut progress).await
        } else {
            scp::receive(reader, writer, &local[0], recursive, &mut progress).await
        }
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_remote_from_local() {
        assert_eq!(remote("root@dev1:/tmp/x"), Some(("root@dev1".into(), "/tmp/x".into())));
        assert_eq!(remote("dev1:"), Some(("dev1".into(), String::new())));
        assert_eq!(remote("./a:b"), None);
        assert_eq!(remote("file.txt"), None);
    }
}
