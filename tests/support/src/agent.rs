//! A real OpenSSH `ssh-agent` on a socket in a temp dir.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::{require_program, temp_dir, wait_for};

/// A running ssh-agent. Dropping it kills the process.
pub struct SshAgent {
    _dir: tempfile::TempDir,
    /// Its socket, for `SSH_AUTH_SOCK`.
    pub sock: PathBuf,
    child: Child,
}

impl SshAgent {
    /// Starts `ssh-agent -a SOCK -D`.
    pub fn start() -> Self {
        let bin = require_program("ssh-agent", "openssh-client");
        let dir = temp_dir();
        let sock = dir.path().join("agent.sock");
        let child = Command::new(bin)
            .arg("-a")
            .arg(&sock)
            .arg("-D")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting ssh-agent");
        let s = sock.clone();
        wait_for("ssh-agent's socket", Duration::from_secs(10), || s.exists());
        Self { _dir: dir, sock, child }
    }

    /// `ssh-add -L`.
    pub fn list(&self) -> crate::Output {
        let bin = require_program("ssh-add", "openssh-client");
        crate::run(
            &bin,
            &["-L"],
            &[("SSH_AUTH_SOCK", self.sock.to_str().expect("utf-8 path"))],
            None,
        )
    }
}

impl Drop for SshAgent {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
