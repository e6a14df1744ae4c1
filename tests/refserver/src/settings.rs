//! What the server runs with: the config file read, checked and resolved once at start.

use std::path::{Path, PathBuf};
use std::time::Duration;

use tele_common::config::{FileConfig, SessionRecording, StaticToken};
use tele_common::error::Result;
use tele_common::resources::ProvisionToken;

/// Resolved settings.
pub struct Settings {
    /// The file the settings came from.
    pub config_path: PathBuf,
    /// The file itself.
    pub config: FileConfig,
    /// The cluster's name.
    pub cluster_name: String,
    /// Where state lives.
    pub data_dir: PathBuf,
    /// Where the web listener binds.
    pub web_listen_addr: String,
    /// Where the separate SSH listener binds, when there is one (`proxy_service.listen_addr`).
    pub ssh_listen_addr: Option<String>,
    /// The address users reach the web listener at.
    pub public_web_addr: String,
    /// Where sessions are recorded.
    pub session_recording: SessionRecording,
    /// Static tokens, secrets read (from files where given).
    pub static_tokens: Vec<ProvisionToken>,
    /// How long an MFA challenge can be answered.
    pub mfa_challenge_ttl: Duration,
    /// Test knob: a file holding seconds to add to the clock the proxy checks certificates by.
    pub clock_offset_file: Option<PathBuf>,
    /// Test knob: refuse `allow_reuse` on `USER_SESSION` challenges, as Teleport 17 does, so a
    /// test can see tsh fall back to one tap per node.
    pub refuse_session_mfa_reuse: bool,
    /// Connection time limits.
    pub timeouts: Timeouts,
    /// Caps on what strangers may have the server do at once.
    pub limits: Limits,
}

/// Caps on unauthenticated work, each with a test knob (an env variable holding a number).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Password checks (login begin, finish, web sign-in) one client address may have waiting
    /// or running at once; past it a login is refused with 429 before anything is read from
    /// the database (`REFSERVER_LOGINS_PER_ADDRESS`).
    pub logins_per_address: u32,
    /// Headless login requests one client address may have waiting
    /// (`REFSERVER_HEADLESS_PER_ADDRESS`).
    pub headless_per_address: u64,
    /// Headless login requests waiting in the whole cluster (`REFSERVER_HEADLESS_MAX_LIVE`).
    pub headless_live: u64,
}

impl Default for Limits {
    /// Enough for a busy office behind one NAT address (200 people logging in at nine), few
    /// enough that one address cannot queue an unbounded amount of hashing or fill the
    /// headless table.
    fn default() -> Self {
        Self {
            logins_per_address: 256,
            headless_per_address: 16,
            headless_live: 1024,
        }
    }
}

/// Test knobs of [`Limits`].
pub const LOGINS_PER_ADDRESS_ENV: &str = "REFSERVER_LOGINS_PER_ADDRESS";
/// See [`LOGINS_PER_ADDRESS_ENV`].
pub const HEADLESS_PER_ADDRESS_ENV: &str = "REFSERVER_HEADLESS_PER_ADDRESS";
/// See [`LOGINS_PER_ADDRESS_ENV`].
pub const HEADLESS_MAX_LIVE_ENV: &str = "REFSERVER_HEADLESS_MAX_LIVE";

impl Limits {
    fn from_env() -> Result<Self> {
        let d = Self::default();
        Ok(Self {
            logins_per_address: env_number(LOGINS_PER_ADDRESS_ENV, d.logins_per_address.into())? as u32,
            headless_per_address: env_number(HEADLESS_PER_ADDRESS_ENV, d.headless_per_address)?,
            headless_live: env_number(HEADLESS_MAX_LIVE_ENV, d.headless_live)?,
        })
    }
}

#[allow(clippy::disallowed_methods)] // the reference server is not bound by tele-common's seam
fn env_number(name: &str, default: u64) -> Result<u64> {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .map(u64::from)
            .ok_or_else(|| tele_common::error::Error::bad_parameter(format!("{name}: not a positive number: {v:?}"))),
        Err(_) => Ok(default),
    }
}

/// How long a stranger's connection may take at each step before the server closes it. Each
/// has a test knob (an env variable holding a duration like `300ms`), so tests see a limit hit
/// without waiting out the default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    /// From accept to a finished TLS handshake (`REFSERVER_HANDSHAKE_TIMEOUT`).
    pub handshake: Duration,
    /// From the handshake to a whole first request: HTTP headers (every request's, on HTTP/1),
    /// a gRPC connection's HTTP/2 preface, a PostgreSQL startup message
    /// (`REFSERVER_FIRST_REQUEST_TIMEOUT`).
    pub first_request: Duration,
    /// An HTTP or gRPC connection with no byte either way is closed after this; HTTP/2 pings
    /// every half of it find dead peers (`REFSERVER_IDLE_TIMEOUT`).
    pub idle: Duration,
    /// From connect to an authenticated SSH user (`REFSERVER_SSH_AUTH_TIMEOUT`).
    pub ssh_auth: Duration,
}

impl Default for Timeouts {
    /// Teleport's own figures where it has them: 5 s for a TLS handshake and its routing
    /// (`HandshakeReadDeadline`), 20 s for request headers (`ReadHeadersTimeout`); 5 minutes
    /// idle, 30 s to authenticate over SSH.
    fn default() -> Self {
        Self {
            handshake: Duration::from_secs(5),
            first_request: Duration::from_secs(20),
            idle: Duration::from_secs(300),
            ssh_auth: Duration::from_secs(30),
        }
    }
}

/// Test knobs of [`Timeouts`].
pub const HANDSHAKE_TIMEOUT_ENV: &str = "REFSERVER_HANDSHAKE_TIMEOUT";
/// See [`HANDSHAKE_TIMEOUT_ENV`].
pub const FIRST_REQUEST_TIMEOUT_ENV: &str = "REFSERVER_FIRST_REQUEST_TIMEOUT";
/// See [`HANDSHAKE_TIMEOUT_ENV`].
pub const IDLE_TIMEOUT_ENV: &str = "REFSERVER_IDLE_TIMEOUT";
/// See [`HANDSHAKE_TIMEOUT_ENV`].
pub const SSH_AUTH_TIMEOUT_ENV: &str = "REFSERVER_SSH_AUTH_TIMEOUT";

impl Timeouts {
    fn from_env() -> Result<Self> {
        let d = Self::default();
        Ok(Self {
            handshake: env_duration(HANDSHAKE_TIMEOUT_ENV, d.handshake)?,
            first_request: env_duration(FIRST_REQUEST_TIMEOUT_ENV, d.first_request)?,
            idle: env_duration(IDLE_TIMEOUT_ENV, d.idle)?,
            ssh_auth: env_duration(SSH_AUTH_TIMEOUT_ENV, d.ssh_auth)?,
        })
    }
}

#[allow(clippy::disallowed_methods)] // the reference server is not bound by tele-common's seam
fn env_duration(name: &str, default: Duration) -> Result<Duration> {
    match std::env::var(name) {
        Ok(v) => tele_common::duration::parse(&v).map_err(|e| e.context(name)),
        Err(_) => Ok(default),
    }
}

/// Default lifetime of an MFA challenge (Teleport's).
pub const MFA_CHALLENGE_TTL: Duration = Duration::from_secs(5 * 60);
/// Test knob: a shorter challenge lifetime, so a test can see one expire.
pub const CHALLENGE_TTL_ENV: &str = "REFSERVER_MFA_CHALLENGE_TTL";
/// Test knob: the file of [`Settings::clock_offset_file`], so a test can move the server's clock
/// instead of sleeping (a one-minute certificate expiring).
pub const CLOCK_OFFSET_FILE_ENV: &str = "REFSERVER_CLOCK_OFFSET_FILE";

/// Test knob: [`Settings::refuse_session_mfa_reuse`] when set (to anything).
pub const REFUSE_SESSION_MFA_REUSE_ENV: &str = "REFSERVER_REFUSE_SESSION_MFA_REUSE";

#[allow(clippy::disallowed_methods)] // the reference server is not bound by tele-common's seam
fn refuse_session_mfa_reuse() -> bool {
    std::env::var_os(REFUSE_SESSION_MFA_REUSE_ENV).is_some()
}

#[allow(clippy::disallowed_methods)] // the reference server is not bound by tele-common's seam
fn clock_offset_file() -> Option<PathBuf> {
    std::env::var_os(CLOCK_OFFSET_FILE_ENV).map(PathBuf::from)
}

fn challenge_ttl() -> Result<Duration> {
    env_duration(CHALLENGE_TTL_ENV, MFA_CHALLENGE_TTL)
}

/// How long user invitations last (`tctl users add`).
pub const INVITE_TTL: Duration = Duration::from_secs(3600);
/// Default certificate TTL (Teleport's `CertDuration`).
pub const DEFAULT_CERT_TTL: Duration = Duration::from_secs(12 * 3600);
/// Default `max_session_ttl` of a role (Teleport's default).
pub const DEFAULT_MAX_SESSION_TTL: Duration = Duration::from_secs(30 * 3600);

impl Settings {
    /// The time certificates are checked at: now, moved by the test knob when set.
    pub fn now(&self) -> std::time::SystemTime {
        let now = std::time::SystemTime::now();
        let offset = self
            .clock_offset_file
            .as_ref()
            .and_then(|f| std::fs::read_to_string(f).ok())
            .and_then(|t| t.trim().parse::<u64>().ok())
            .unwrap_or(0);
        now + Duration::from_secs(offset)
    }

    /// Reads and resolves a config file; errors name the file and the key.
    pub fn load(path: &Path) -> Result<Self> {
        let config = FileConfig::load(path)?;
        let mut static_tokens = Vec::new();
        for (i, text) in config.auth_service.tokens.iter().enumerate() {
            let token = StaticToken::parse(text)?;
            let secret = token
                .secret()
                .map_err(|e| e.context(format!("{}: auth_service.tokens[{i}]", path.display())))?;
            static_tokens.push(ProvisionToken::new(secret, token.roles, None));
        }
        Ok(Self {
            config_path: path.to_path_buf(),
            cluster_name: config.cluster_name(),
            data_dir: config.data_dir(),
            web_listen_addr: config.web_listen_addr(),
            ssh_listen_addr: config.ssh_listen_addr(),
            public_web_addr: config.public_web_addr(),
            session_recording: config.auth_service.session_recording,
            static_tokens,
            mfa_challenge_ttl: challenge_ttl()?,
            clock_offset_file: clock_offset_file(),
            refuse_session_mfa_reuse: refuse_session_mfa_reuse(),
            timeouts: Timeouts::from_env()?,
            limits: Limits::from_env()?,
            config,
        })
    }

    /// Names the web certificate must be valid for.
    pub fn server_names(&self) -> Vec<String> {
        let mut names = vec![
            "localhost".to_string(),
            "127.0.0.1".to_string(),
            "::1".to_string(),
            self.cluster_name.clone(),
        ];
        let mut addrs = vec![self.web_listen_addr.clone(), self.public_web_addr.clone()];
        if let Some(public) = &self.config.proxy_service.public_addr {
            addrs.extend(public.to_vec());
        }
        for addr in addrs {
            let host = match tele_common::config::split_host_port(&addr) {
                Ok((host, _)) => host,
                Err(_) => addr.clone(),
            };
            if !host.is_empty() && host != "0.0.0.0" && host != "::" {
                names.push(host);
            }
        }
        if let Some(n) = &self.config.teleport.nodename {
            names.push(n.clone());
        }
        names.dedup();
        names
    }
}
