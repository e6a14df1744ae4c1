//! A command driven the way a user drives it: answers written to stdin as the prompts appear
//! on stderr (waiting on the text, never on time).

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::{Output, wait_for};

/// A running command with a pipe to its stdin and a live copy of its stderr.
pub struct Interactive {
    child: Child,
    stdin: Option<ChildStdin>,
    stderr: Arc<Mutex<String>>,
    stdout: Arc<Mutex<String>>,
}

fn pump(mut r: impl Read + Send + 'static, into: Arc<Mutex<String>>) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = r.read(&mut buf) {
            if n == 0 {
                break;
            }
            into.lock()
                .expect("output lock")
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
}

impl Interactive {
    /// Starts `program` with a clean environment holding `env`.
    pub fn start(program: &Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut cmd = Command::new(program);
        cmd.args(args)
            .env_clear()
            .env("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawning");
        let stderr = Arc::new(Mutex::new(String::new()));
        let stdout = Arc::new(Mutex::new(String::new()));
        pump(child.stderr.take().expect("stderr"), stderr.clone());
        pump(child.stdout.take().expect("stdout"), stdout.clone());
        let stdin = child.stdin.take();
        Self {
            child,
            stdin,
            stderr,
            stdout,
        }
    }

    /// Waits until stderr holds `text`; returns all of stderr so far.
    pub fn expect(&mut self, text: &str) -> String {
        let stderr = self.stderr.clone();
        let child = &mut self.child;
        wait_for(&format!("{text:?} on stderr"), Duration::from_secs(30), || {
            if stderr.lock().expect("lock").contains(text) {
                return true;
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!(
                    "exited ({status}) before printing {text:?}:\n{}",
                    stderr.lock().expect("lock")
                );
            }
            false
        });
        self.stderr.lock().expect("lock").clone()
    }

    /// Waits until stdout holds `text`; returns all of stdout so far.
    pub fn expect_stdout(&mut self, text: &str) -> String {
        let stdout = self.stdout.clone();
        wait_for(&format!("{text:?} on stdout"), Duration::from_secs(30), || {
            stdout.lock().expect("lock").contains(text)
        });
        self.stdout.lock().expect("lock").clone()
    }

    /// Writes one line of input.
    pub fn send_line(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(format!("{line}\n").as_bytes()).expect("writing stdin");
        stdin.flush().expect("flushing stdin");
    }

    /// The process ID.
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Closes stdin and waits for the exit.
    pub fn finish(mut self) -> Output {
        drop(self.stdin.take());
        let status = self.child.wait().expect("waiting");
        // The pumps end with the process; give them the last bytes.
        let out = self.stdout.clone();
        let err = self.stderr.clone();
        let _ = (out.lock(), err.lock());
        std::thread::sleep(Duration::from_millis(20));
        Output {
            stdout: self.stdout.lock().expect("lock").clone(),
            stderr: self.stderr.lock().expect("lock").clone(),
            code: status.code().unwrap_or(-1),
        }
    }
}
