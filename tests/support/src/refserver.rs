//! The reference server as a real process, on free loopback ports, in its own temp dir.

use std::fs::{File, OpenOptions};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::{Output, free_port, refserver_bin, run, temp_dir, wait_for};

/// What the server logs once every listener is bound.
const READY: &str = "web listener ready";

/// Options of a server to start.
#[derive(Clone, Debug)]
pub struct RefServerBuilder {
    cluster: String,
    tokens: Vec<String>,
    bootstrap: Option<String>,
    auth_extra: String,
    env: Vec<(String, String)>,
    ssh_port: bool,
    fd_limit: Option<u64>,
}

impl RefServerBuilder {
    /// No separate SSH port (`proxy_service.listen_addr` unset): SSH reaches the proxy only
    /// through the web port's TLS routing, as on a stock Teleport 17 proxy.
    pub fn without_ssh_port(mut self) -> Self {
        self.ssh_port = false;
        self
    }

    /// Sets the cluster name (default `example.test`).
    pub fn cluster(mut self, name: &str) -> Self {
        self.cluster = name.into();
        self
    }

    /// Adds a static token (`'proxy,node:value'`).
    pub fn static_token(mut self, spec: &str) -> Self {
        self.tokens.push(spec.into());
        self
    }

    /// Resources applied on first start.
    pub fn bootstrap(mut self, yaml: &str) -> Self {
        self.bootstrap = Some(yaml.into());
        self
    }

    /// Extra YAML lines inside `auth_service:` (indented by two spaces already).
    pub fn auth_service(mut self, yaml: &str) -> Self {
        self.auth_extra.push_str(yaml);
        self
    }

    /// Sets an environment variable of the server process (test knobs).
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    /// Runs the server under `prlimit --nofile=N:N`: soft and hard, so the server cannot raise
    /// it, for tests of what it does when descriptors run out.
    pub fn fd_limit(mut self, n: u64) -> Self {
        self.fd_limit = Some(n);
        self
    }

    /// Turns on the second factor: `second_factor: on` with WebAuthn for `localhost`.
    pub fn with_mfa(self) -> Self {
        self.auth_service(
            "  authentication:\n    type: local\n    second_factor: \"on\"\n    webauthn:\n      rp_id: localhost\n",
        )
    }

    /// Writes the config and starts the server; returns when it answers. A port another
    /// process took between [`free_port`] and the server's bind is picked again (a few times).
    pub fn start(self) -> RefServer {
        let dir = temp_dir();
        let data_dir = dir.path().join("data");
        let config = dir.path().join("teleport.yaml");
        let bootstrap = self.bootstrap.as_ref().map(|text| {
            let p = dir.path().join("bootstrap.yaml");
            std::fs::write(&p, text).expect("writing bootstrap.yaml");
            p
        });
        let write_config = |web_addr: &str, ssh_addr: &str| {
            let mut yaml = format!(
                "version: v3\nteleport:\n  data_dir: {}\n  log:\n    severity: DEBUG\nauth_service:\n  enabled: true\n  cluster_name: {}\n",
                data_dir.display(),
                self.cluster
            );
            if !self.tokens.is_empty() {
                yaml.push_str("  tokens:\n");
                for t in &self.tokens {
                    yaml.push_str(&format!("  - '{t}'\n"));
                }
            }
            yaml.push_str(&self.auth_extra);
            yaml.push_str(&format!(
                "proxy_service:\n  enabled: true\n  web_listen_addr: {web_addr}\n"
            ));
            if self.ssh_port {
                yaml.push_str(&format!("  listen_addr: {ssh_addr}\n"));
            }
            std::fs::write(&config, yaml).expect("writing teleport.yaml");
        };
        let web_addr = format!("127.0.0.1:{}", free_port());
        let ssh_addr = format!("127.0.0.1:{}", free_port());
        write_config(&web_addr, &ssh_addr);
        let mut server = RefServer {
            log: dir.path().join("server.log"),
            dir,
            config: config.clone(),
            data_dir: data_dir.clone(),
            web_addr,
            ssh_addr,
            bootstrap,
            env: self.env.clone(),
            fd_limit: self.fd_limit,
            child: None,
        };
        for _ in 0..4 {
            match server.try_spawn() {
                Ok(()) => return server,
                Err(log) if log.contains("Address already in use") => {
                    server.web_addr = format!("127.0.0.1:{}", free_port());
                    server.ssh_addr = format!("127.0.0.1:{}", free_port());
                    write_config(&server.web_addr, &server.ssh_addr);
                }
                Err(log) => panic!("refserver exited before listening:\n{log}"),
            }
        }
        server.spawn();
        server
    }
}

/// A running reference server. Dropping it kills the process.
pub struct RefServer {
    dir: tempfile::TempDir,
    /// Its `teleport.yaml`.
    pub config: PathBuf,
    /// Its data dir.
    pub data_dir: PathBuf,
    /// `127.0.0.1:<port>` of the web listener.
    pub web_addr: String,
    /// `127.0.0.1:<port>` of the separate SSH listener (nothing listens there when the server
    /// was built [`RefServerBuilder::without_ssh_port`]).
    pub ssh_addr: String,
    bootstrap: Option<PathBuf>,
    env: Vec<(String, String)>,
    fd_limit: Option<u64>,
    log: PathBuf,
    child: Option<Child>,
}

impl RefServer {
    /// A builder with defaults.
    pub fn builder() -> RefServerBuilder {
        RefServerBuilder {
            cluster: "example.test".into(),
            tokens: Vec::new(),
            bootstrap: None,
            auth_extra: String::new(),
            env: Vec::new(),
            ssh_port: true,
            fd_limit: None,
        }
    }

    /// Starts a server with defaults.
    pub fn start() -> Self {
        Self::builder().start()
    }

    /// The server's temp dir (a good place for test files).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Starts the server and waits until it listens; panics if it exits first.
    fn spawn(&mut self) {
        if let Err(log) = self.try_spawn() {
            panic!("refserver exited before listening: {log}");
        }
    }

    /// Starts the server and waits until it listens; its log when it exits first.
    fn try_spawn(&mut self) -> Result<(), String> {
        let log = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .expect("server log");
        // prlimit execs the server in place, so the child's pid is the server's.
        let mut cmd = match self.fd_limit {
            Some(n) => {
                let mut cmd = Command::new(crate::require_program("prlimit", "util-linux"));
                cmd.arg(format!("--nofile={n}:{n}")).arg("--").arg(refserver_bin());
                cmd
            }
            None => Command::new(refserver_bin()),
        };
        cmd.arg("start").arg("-c").arg(&self.config);
        if let Some(b) = &self.bootstrap {
            cmd.arg("--bootstrap").arg(b);
        }
        cmd.env_clear().envs(self.env.iter().map(|(k, v)| (k, v)));
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(log.try_clone().expect("log fd")));
        // Ready when this process says its listeners are bound (in its own log, appended across
        // restarts): a port that merely answers could be another test's server that took it.
        let ready_before = self.log().matches(READY).count();
        let child = cmd.spawn().expect("starting refserver");
        self.child = Some(child);
        let addr = self.web_addr.clone();
        let mut exited = None;
        wait_for("the reference server to listen", Duration::from_secs(30), || {
            if let Some(status) = self.child.as_mut().and_then(|c| c.try_wait().ok().flatten()) {
                exited = Some(status);
                return true;
            }
            self.log().matches(READY).count() > ready_before && TcpStream::connect(&addr).is_ok()
        });
        match exited {
            Some(status) => {
                self.child = None;
                Err(format!("exit {status}:\n{}", self.log()))
            }
            None => Ok(()),
        }
    }

    /// Runs `tctl -c teleport.yaml ARGS` as an admin on the server host would.
    pub fn tctl(&self, tctl: &Path, args: &[&str]) -> Output {
        let mut full = vec!["-c", self.config.to_str().expect("utf-8 path")];
        full.extend_from_slice(args);
        run(tctl, &full, &self.env(), None)
    }

    /// A clean environment for client commands: a private HOME, no TELEPORT_* variables.
    pub fn env(&self) -> Vec<(&'static str, &str)> {
        vec![("HOME", self.dir.path().to_str().expect("utf-8 path"))]
    }

    /// Everything the server wrote to stderr so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("the server is running").id()
    }

    /// Kills the server with SIGKILL and waits for it to be gone.
    pub fn kill9(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().expect("SIGKILL");
            child.wait().expect("wait");
        }
    }

    /// Sends SIGTERM and returns the exit code once the process has ended.
    pub fn terminate(&mut self) -> i32 {
        let mut child = self.child.take().expect("server is running");
        let status = Command::new("kill")
            .arg("-TERM")
            .arg(child.id().to_string())
            .status()
            .expect("kill -TERM");
        assert!(status.success(), "kill -TERM failed");
        child.wait().expect("wait").code().unwrap_or(-1)
    }

    /// Starts the server again on the same config and data dir.
    pub fn restart(&mut self) {
        assert!(self.child.is_none(), "stop the server first");
        self.spawn();
    }

    /// Runs `refserver ARGS` (not `start`) against this server's config.
    pub fn refserver(&self, args: &[&str], stdin: Option<&str>) -> Output {
        run(&refserver_bin(), args, &[], stdin)
    }

    /// `https://localhost:<port>` is the address WebAuthn accepts (rp_id `localhost`).
    pub fn localhost_addr(&self) -> String {
        self.web_addr.replace("127.0.0.1", "localhost")
    }

    /// Adds a user with a password and a TOTP device per secret (`otp`, `otp2`, ...): the
    /// scriptable dev-credentials path of the reference server.
    pub fn add_user(&self, name: &str, roles: &str, logins: &str, password: &str, totp_secrets: &[&str]) {
        let cfg = self.config.to_str().expect("utf-8 path").to_string();
        let mut args = vec!["users".to_string(), "add".into(), name.into(), "-c".into(), cfg];
        args.push(format!("--roles={roles}"));
        args.push(format!("--logins={logins}"));
        args.push("--password-stdin".into());
        for secret in totp_secrets {
            args.push(format!("--totp-secret={secret}"));
        }
        let out = run(&refserver_bin(), &args, &[], Some(&format!("{password}\n")));
        out.ok();
    }

    /// Writes the cluster's TLS CA to a file for `SSL_CERT_FILE`.
    pub fn ca_file(&self) -> PathBuf {
        let path = self.dir().join("cluster-ca.pem");
        if !path.exists() {
            let text = std::fs::read_to_string(self.data_dir.join("admin.identity")).expect("admin identity");
            let ca = text
                .split("-----BEGIN CERTIFICATE-----")
                .last()
                .map(|rest| format!("-----BEGIN CERTIFICATE-----{rest}"))
                .expect("a CA certificate in the admin identity");
            std::fs::write(&path, ca).expect("writing the CA file");
        }
        path
    }

    /// Opens the log for appending (used by tests that start a second instance).
    pub fn log_file(&self) -> File {
        OpenOptions::new().append(true).open(&self.log).expect("server log")
    }
}

impl Drop for RefServer {
    fn drop(&mut self) {
        self.kill9();
    }
}
