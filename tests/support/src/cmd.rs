//! Running the real binaries with a clean environment and capturing what a user would see.

use std::ffi::OsStr;
use std::fmt;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// What a command printed and how it exited.
#[derive(Clone, Debug)]
pub struct Output {
    /// stdout.
    pub stdout: String,
    /// stderr.
    pub stderr: String,
    /// Exit code (-1 when killed by a signal).
    pub code: i32,
}

impl Output {
    /// Panics unless the command exited 0; returns stdout.
    #[track_caller]
    pub fn ok(&self) -> &str {
        assert_eq!(self.code, 0, "command failed:\n{self}");
        &self.stdout
    }

    /// Panics unless the command exited with `code`; returns stderr.
    #[track_caller]
    pub fn fails_with(&self, code: i32) -> &str {
        assert_eq!(self.code, code, "expected exit {code}:\n{self}");
        &self.stderr
    }
}

impl fmt::Display for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout ---\n{}--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Runs `program` with `args` in an environment holding only `env` (plus PATH), feeding
/// `stdin`, and captures the result.
pub fn run<S: AsRef<OsStr>>(program: &Path, args: &[S], env: &[(&str, &str)], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(program);
    cmd.args(args).env_clear();
    cmd.env("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("running {}: {e}", program.display()));
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin");
        // A command may exit before reading its input (an early error): that is its answer.
        if let Err(e) = pipe.write_all(input.as_bytes())
            && e.kind() != std::io::ErrorKind::BrokenPipe
        {
            panic!("writing stdin: {e}");
        }
    }
    let out = child.wait_with_output().expect("waiting for command");
    Output {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}
