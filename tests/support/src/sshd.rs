//! A real OpenSSH `sshd` on a free loopback port, configured in a temp dir.

use std::fs::File;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::{free_port, require_program, temp_dir, wait_for};

/// A running sshd. Dropping it kills the process.
pub struct Sshd {
    dir: tempfile::TempDir,
    /// The port it listens on (127.0.0.1).
    pub port: u16,
    child: Child,
}

impl Sshd {
    /// Starts sshd with `HostKey`/`HostCertificate` and `TrustedUserCAKeys` from the given files.
    pub fn start(host_key: &Path, host_cert: &Path, trusted_user_ca_keys: &Path) -> Self {
        Self::start_at(free_port(), host_key, host_cert, trusted_user_ca_keys)
    }

    /// Starts sshd on a given port (one a node joined the cluster with).
    pub fn start_at(port: u16, host_key: &Path, host_cert: &Path, trusted_user_ca_keys: &Path) -> Self {
        Self::start_with(port, host_key, Some(host_cert), trusted_user_ca_keys)
    }

    /// Starts sshd; without `host_cert` it presents a plain host key.
    pub fn start_with(port: u16, host_key: &Path, host_cert: Option<&Path>, trusted_user_ca_keys: &Path) -> Self {
        let sshd = require_program("sshd", "openssh-server");
        std::fs::create_dir_all("/run/sshd").expect("creating /run/sshd (privilege separation dir)");
        let dir = temp_dir();
        let config = dir.path().join("sshd_config");
        let sftp = ["/usr/lib/openssh/sftp-server", "/usr/libexec/openssh/sftp-server"]
            .into_iter()
            .find(|p| Path::new(p).exists())
            .unwrap_or("internal-sftp");
        std::fs::write(
            &config,
            format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\n{}TrustedUserCAKeys {}\n\
                 PidFile {}\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\n\
                 AuthorizedKeysFile none\nPermitRootLogin yes\nStrictModes no\nUsePAM no\nLogLevel VERBOSE\n\
                 Subsystem sftp {sftp}\n",
                host_key.display(),
                host_cert
                    .map(|c| format!("HostCertificate {}\n", c.display()))
                    .unwrap_or_default(),
                trusted_user_ca_keys.display(),
                dir.path().join("sshd.pid").display(),
            ),
        )
        .expect("writing sshd_config");
        let log = File::create(dir.path().join("sshd.log")).expect("sshd log");
        let child = Command::new(sshd)
            .arg("-D")
            .arg("-e")
            .arg("-f")
            .arg(&config)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            .spawn()
            .expect("starting sshd");
        let mut me = Self { dir, port, child };
        wait_for("sshd to listen", Duration::from_secs(20), || {
            if let Ok(Some(status)) = me.child.try_wait() {
                panic!("sshd exited with {status}:\n{}", me.log());
            }
            TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        me
    }

    /// What sshd logged.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("sshd.log")).unwrap_or_default()
    }

    /// The temp dir sshd's files live in.
    pub fn dir(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs OpenSSH's `ssh` to `login@127.0.0.1:port` with nothing from the user's own config or
/// known hosts: the host must match `known_hosts` under `host_key_alias` (StrictHostKeyChecking
/// yes). `options` are extra `-o` settings (the identity to use).
pub fn openssh(
    known_hosts: &Path,
    host_key_alias: &str,
    port: u16,
    login: &str,
    options: &[String],
    command: &str,
) -> crate::Output {
    let ssh = require_program("ssh", "openssh-client");
    let mut args: Vec<String> = vec!["-F".into(), "/dev/null".into()];
    let mut base = vec![
        "BatchMode=yes".to_string(),
        "StrictHostKeyChecking=yes".into(),
        format!("UserKnownHostsFile={}", known_hosts.display()),
        "GlobalKnownHostsFile=/dev/null".into(),
        format!("HostKeyAlias={host_key_alias}"),
    ];
    base.extend(options.iter().cloned());
    for o in base {
        args.push("-o".into());
        args.push(o);
    }
    args.extend([
        "-p".into(),
        port.to_string(),
        format!("{login}@127.0.0.1"),
        command.into(),
    ]);
    // An empty HOME: no ~/.ssh of whoever runs the tests.
    let home = temp_dir();
    crate::run(
        &ssh,
        &args,
        &[("HOME", home.path().to_str().expect("utf-8 path"))],
        None,
    )
}
