//! The clusters of `cargo xtask stress`: a release `refserver` in a temp dir on a free loopback
//! port (optionally under `prlimit`, with env knobs), users added with `refserver users add`,
//! and what the table reports of it: peak RSS (`VmHWM`) and CPU (utime + stime) from `/proc`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tele_common::identity::Identity;

use crate::bench::free_port;

/// The server's figures over a scenario: the highest peak RSS of its processes, and the CPU
/// they spent between [`Cluster::mark`] and [`Cluster::settle`].
#[derive(Clone, Debug, Default)]
pub struct Stats {
    /// Peak resident set, MiB.
    pub rss_mib: Option<f64>,
    /// CPU seconds (user + system).
    pub cpu_s: Option<f64>,
}

/// How a cluster is set up.
#[derive(Clone, Debug)]
pub struct Setup {
    /// `auth_service.authentication.second_factor`.
    pub second_factor: &'static str,
    /// Add `webauthn: {rp_id: localhost}` (needed for headless login).
    pub webauthn: bool,
    /// Environment of the server (the test knobs).
    pub env: Vec<(&'static str, String)>,
    /// Run it under `prlimit --nofile=N`.
    pub nofile: Option<u64>,
}

impl Default for Setup {
    fn default() -> Self {
        Self {
            second_factor: "off",
            webauthn: false,
            env: Vec::new(),
            nofile: None,
        }
    }
}

/// One reference server and its data dir; killed on drop.
pub struct Cluster {
    refserver: PathBuf,
    dir: PathBuf,
    config: PathBuf,
    port: u16,
    setup: Setup,
    child: Option<Child>,
    stats: Arc<Mutex<Stats>>,
    /// CPU ticks of the running process when it was marked.
    mark: Option<u64>,
}

/// The cluster's name (and the TLS CA's issuer CN).
pub const CLUSTER: &str = "stress.test";
/// The password of every user the scenarios add.
pub const PASSWORD: &str = "stress-password-123";
/// The OS login every user has.
pub const LOGIN: &str = "stress";

impl Cluster {
    /// Writes the config in `dir` (data under `dir/data`); starts nothing.
    pub fn new(ctx: &crate::stress::Ctx, name: &str, setup: Setup) -> Result<Self, String> {
        let dir = ctx.dir.join(name);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let port = free_port()?;
        let webauthn = if setup.webauthn {
            "    webauthn:\n      rp_id: localhost\n"
        } else {
            ""
        };
        let config = dir.join("teleport.yaml");
        std::fs::write(
            &config,
            format!(
                "teleport:\n  data_dir: {}\nauth_service:\n  cluster_name: {CLUSTER}\n  authentication:\n    second_factor: \"{}\"\n{webauthn}proxy_service:\n  web_listen_addr: 127.0.0.1:{port}\n",
                dir.join("data").display(),
                setup.second_factor,
            ),
        )
        .map_err(|e| e.to_string())?;
        Ok(Self {
            refserver: ctx.refserver.clone(),
            dir,
            config,
            port,
            setup,
            child: None,
            stats: ctx.stats.clone(),
            mark: None,
        })
    }

    /// Starts the server (again, on the same data dir and port) and waits for its port.
    pub async fn start(&mut self) -> Result<(), String> {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.log_path())
            .map_err(|e| e.to_string())?;
        let mut cmd = match self.setup.nofile {
            Some(n) => {
                // prlimit execs the server: the pid stays the server's.
                let mut c = Command::new("prlimit");
                c.arg(format!("--nofile={n}")).arg(&self.refserver);
                c
            }
            None => Command::new(&self.refserver),
        };
        cmd.arg("start")
            .arg("-c")
            .arg(&self.config)
            .envs(self.setup.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log);
        let mut child = cmd.spawn().map_err(|e| format!("starting refserver: {e}"))?;
        let start = Instant::now();
        loop {
            if tokio::net::TcpStream::connect(("127.0.0.1", self.port)).await.is_ok() {
                break;
            }
            if let Ok(Some(status)) = child.try_wait() {
                return Err(format!(
                    "refserver exited with {status} (log: {})",
                    self.log_path().display()
                ));
            }
            if start.elapsed() > Duration::from_secs(30) {
                let _ = child.kill();
                let _ = child.wait();
                return Err("refserver did not listen within 30 s".into());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.child = Some(child);
        Ok(())
    }

    /// The server's pid, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// `localhost:PORT`, the address clients dial (the certificate names `localhost`).
    pub fn addr(&self) -> String {
        format!("localhost:{}", self.port)
    }

    /// The web port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The server's log (stderr of every start).
    pub fn log_path(&self) -> PathBuf {
        self.dir.join("server.log")
    }

    /// The log's text so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.log_path()).unwrap_or_default()
    }

    /// The data dir.
    pub fn data_dir(&self) -> PathBuf {
        self.dir.join("data")
    }

    /// Bytes under the data dir (the SQLite database, its WAL, the identity).
    pub fn data_bytes(&self) -> u64 {
        dir_bytes(&self.data_dir())
    }

    /// The admin identity the server writes at every start (what `tctl -c` uses).
    pub fn admin_identity(&self) -> Result<Identity, String> {
        let path = self.data_dir().join(tele_common::config::ADMIN_IDENTITY_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        Identity::parse(&text).map_err(|e| e.message().to_string())
    }

    /// Adds (or updates) `name` with [`PASSWORD`], role `access`, and a TOTP device per secret.
    pub fn add_user(&self, name: &str, totp_secrets: &[&str]) -> Result<(), String> {
        let mut child = Command::new(&self.refserver)
            .args(["users", "add", name, "--roles=access", "--password-stdin"])
            .arg(format!("--logins={LOGIN}"))
            .args(totp_secrets.iter().map(|s| format!("--totp-secret={s}")))
            .arg("-c")
            .arg(&self.config)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| e.to_string())?;
        if let Some(mut stdin) = child.stdin.take() {
            use std::io::Write as _;
            writeln!(stdin, "{PASSWORD}").map_err(|e| e.to_string())?;
        }
        let out = child.wait_with_output().map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(format!(
                "refserver users add {name}: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(())
    }

    /// Adds users `prefix0..prefixN`, two at a time (each is a password hash).
    pub fn add_users(&self, prefix: &str, n: usize) -> Result<(), String> {
        let names: Vec<String> = (0..n).map(|i| format!("{prefix}{i}")).collect();
        let this = self;
        std::thread::scope(|scope| {
            let chunks: Vec<_> = names
                .chunks(n.div_ceil(2).max(1))
                .map(|chunk| scope.spawn(move || chunk.iter().try_for_each(|name| this.add_user(name, &[]))))
                .collect();
            chunks
                .into_iter()
                .try_for_each(|h| h.join().map_err(|_| "users add panicked".to_string())?)
        })
    }

    /// Starts counting the running server's CPU from now.
    pub fn mark(&mut self) {
        self.mark = self.pid().and_then(cpu_ticks);
    }

    /// Adds the CPU spent since [`Cluster::mark`] to the scenario's figure, and its peak RSS.
    pub fn settle(&mut self) {
        let Some(pid) = self.pid() else { return };
        let mut stats = self.stats.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(kib) = vm_hwm_kib(pid) {
            let mib = kib as f64 / 1024.0;
            stats.rss_mib = Some(stats.rss_mib.map_or(mib, |m: f64| m.max(mib)));
        }
        if let (Some(from), Some(now)) = (self.mark, cpu_ticks(pid)) {
            let secs = now.saturating_sub(from) as f64 / ticks_per_second();
            stats.cpu_s = Some(stats.cpu_s.unwrap_or(0.0) + secs);
            self.mark = Some(now);
        }
    }

    /// CPU seconds the running server has spent since it started.
    pub fn cpu_now(&self) -> Option<f64> {
        self.pid().and_then(cpu_ticks).map(|t| t as f64 / ticks_per_second())
    }

    /// `kill -9`: settles the figures first, then SIGKILL (what `Child::kill` sends) and reap.
    pub fn kill9(&mut self) {
        self.settle();
        self.mark = None;
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.kill9();
    }
}

fn dir_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_bytes(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

/// `VmHWM` of `/proc/PID/status`, KiB.
fn vm_hwm_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// utime + stime of `/proc/PID/stat`, in clock ticks.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) is in parentheses and may hold spaces: count after it.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // Fields 14 and 15 of the whole line are 12 and 13 after the name.
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

fn ticks_per_second() -> f64 {
    static TICKS: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    *TICKS.get_or_init(|| {
        Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
            .unwrap_or(100.0)
    })
}

/// The path of `program` on PATH.
pub fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(program))
            .find(|p| p.is_file())
    })
}
