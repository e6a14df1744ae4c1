//! The process seam: env, home directory, clock and stdio kind reach library code only through
//! a [`Context`], so tests can give each command a world of its own.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::SystemTime;

/// Process state as library code sees it.
#[derive(Clone, Debug)]
pub struct Context {
    env: HashMap<String, String>,
    home: Option<PathBuf>,
    cwd: PathBuf,
    fixed_now: Option<SystemTime>,
    stdin_is_terminal: bool,
    stderr_is_terminal: bool,
    passwd_user: Option<String>,
}

impl Context {
    /// Captures the real process state. Only binaries call this.
    #[allow(clippy::disallowed_methods)]
    pub fn os() -> Self {
        let env: HashMap<String, String> = std::env::vars().collect();
        let home = env.get("HOME").filter(|h| !h.is_empty()).map(PathBuf::from);
        Self {
            passwd_user: passwd_user(),
            home,
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            env,
            fixed_now: None,
            stdin_is_terminal: std::io::stdin().is_terminal(),
            stderr_is_terminal: std::io::stderr().is_terminal(),
        }
    }

    /// A context with the given variables and nothing else, for tests.
    pub fn for_test(env: &[(&str, &str)]) -> Self {
        let env: HashMap<String, String> = env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Self {
            home: env.get("HOME").map(PathBuf::from),
            env,
            cwd: PathBuf::from("/"),
            fixed_now: None,
            stdin_is_terminal: false,
            stderr_is_terminal: false,
            passwd_user: None,
        }
    }

    /// Returns the value of an environment variable; empty values count as unset.
    pub fn var(&self, name: &str) -> Option<&str> {
        self.env.get(name).map(String::as_str).filter(|v| !v.is_empty())
    }

    /// The first executable file `name` in the directories of `PATH`.
    pub fn find_program(&self, name: &str) -> Option<PathBuf> {
        use std::os::unix::fs::PermissionsExt;
        let path = self.var("PATH")?;
        std::env::split_paths(path)
            .map(|dir| self.resolve(dir).join(name))
            .find(|p| {
                p.metadata()
                    .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
            })
    }

    /// Returns the user's home directory, if known.
    pub fn home(&self) -> Option<&PathBuf> {
        self.home.as_ref()
    }

    /// Resolves a path given by the user against the working directory.
    pub fn resolve(&self, path: impl Into<PathBuf>) -> PathBuf {
        let path = path.into();
        if path.is_absolute() { path } else { self.cwd.join(path) }
    }

    /// Returns the current time (fixed in tests that ask for it).
    pub fn now(&self) -> SystemTime {
        self.fixed_now.unwrap_or_else(SystemTime::now)
    }

    /// Returns whether stdin is a terminal (prompts) or a pipe (answers read line by line).
    pub fn stdin_is_terminal(&self) -> bool {
        self.stdin_is_terminal
    }

    /// Returns whether stderr is a terminal (prompts can be interactive).
    pub fn stderr_is_terminal(&self) -> bool {
        self.stderr_is_terminal
    }

    /// Returns the OS user name (`USER`, then `LOGNAME`, then the passwd entry of the uid).
    pub fn os_user(&self) -> Option<&str> {
        self.var("USER")
            .or_else(|| self.var("LOGNAME"))
            .or(self.passwd_user.as_deref())
    }
}

/// The name of the process's real uid in /etc/passwd (for an environment without `USER`).
fn passwd_user() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let uid = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))?
        .split_whitespace()
        .next()?
        .to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|l| {
        let mut f = l.split(':');
        let name = f.next()?;
        (f.nth(1)? == uid).then(|| name.to_string())
    })
}
