//! The load side of `cargo xtask stress`: `tele-common`'s own clients (the web API client, a
//! login as tsh makes it, the Auth service's gRPC client over TLS routing), a pinger that
//! measures `/webapi/ping` while something else happens, and raw TLS connections for the
//! scenarios that misbehave below HTTP.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rustls::pki_types::{CertificateDer, ServerName};
use tele_common::api::Client;
use tele_common::api::login::{AuthenticateSshUserRequest, MfaLoginBeginRequest};
use tele_common::grpc::AuthClient;
use tele_common::identity::Identity;
use tele_common::sshca::ExportType;
use tele_common::suite::Suite;
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;

use crate::stress_server::{CLUSTER, Cluster, PASSWORD};

/// A suite error as text.
pub fn text(e: &tele_common::error::Error) -> String {
    e.message().to_string()
}

/// The cluster's TLS CAs (from the admin identity the server wrote): what clients trust.
pub fn cas(cluster: &Cluster) -> Result<Vec<CertificateDer<'static>>, String> {
    cluster.admin_identity()?.ca_certs().map_err(|e| text(&e))
}

/// A web API client of its own (its own connections), trusting the cluster's CA.
pub fn web(cluster: &Cluster, cas: &[CertificateDer<'static>]) -> Result<Client, String> {
    let tls = tele_common::tls::client_config(cas, None, false).map_err(|e| text(&e))?;
    Client::new(&tele_common::context::Context::for_test(&[]), &cluster.addr(), tls).map_err(|e| text(&e))
}

/// A TOTP code of `secret` (base32) for the step holding `at`.
pub fn totp(secret: &str, at: SystemTime) -> Result<String, String> {
    let secret = totp_rs::Secret::try_from_base32(secret).map_err(|_| "TOTP secret: not base32".to_string())?;
    let t = totp_rs::Builder::new()
        .with_secret(secret)
        .with_step_duration(30)
        .with_digits(6)
        .build_noncompliant();
    let unix = at.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    Ok(t.generate(unix).to_string())
}

/// A login as `tsh login` makes it: ping, `/webapi/mfa/login/begin` (the password), the TOTP
/// code of `totp_secret` when the challenge asks for one, keys of the cluster's suite,
/// `/webapi/mfa/login/finish` (the password again and the code), the user CA. The identity it
/// returns holds the login's keys and certificates and the cluster's TLS CAs.
pub async fn login(client: &Client, user: &str, totp_secret: Option<&str>) -> Result<Identity, String> {
    let ping = client.ping().await.map_err(|e| format!("ping: {}", text(&e)))?;
    let challenge = client
        .mfa_login_begin(&MfaLoginBeginRequest {
            user: user.to_string(),
            pass: PASSWORD.to_string(),
        })
        .await
        .map_err(|e| format!("login begin: {}", text(&e)))?;
    let totp_code = match (challenge.totp_challenge, totp_secret) {
        (true, Some(secret)) => totp(secret, SystemTime::now())?,
        (true, None) => return Err("the cluster asks for a TOTP code and the user has none".into()),
        (false, _) => String::new(),
    };
    let (ssh_alg, tls_alg) = Suite::user_keys(ping.auth.signature_algorithm_suite);
    let (ssh_key, tls_key) = tele_common::keys::generate_pair(ssh_alg, tls_alg).map_err(|e| text(&e))?;
    let resp = client
        .mfa_login_finish(&AuthenticateSshUserRequest {
            user: user.to_string(),
            password: PASSWORD.to_string(),
            totp_code,
            ssh_pub_key: ssh_key.public_openssh(),
            tls_pub_key: tls_key.public_pem(),
            ttl: Duration::from_secs(3600),
            ..Default::default()
        })
        .await
        .map_err(|e| format!("login finish: {}", text(&e)))?;
    client
        .export_ca(Some(ExportType::User))
        .await
        .map_err(|e| format!("user CA: {}", text(&e)))?;
    let tls_cas = resp
        .host_signers
        .first()
        .map(|s| s.tls_certs.clone())
        .ok_or("login: no CAs in the answer")?;
    Ok(Identity {
        ssh_key: ssh_key.to_openssh().map_err(|e| text(&e))?.expose().to_string(),
        ssh_cert: resp.cert,
        tls_key: tls_key.private_pem().expose().to_string(),
        tls_cert: resp.tls_cert,
        known_hosts: Vec::new(),
        tls_cas,
    })
}

/// The Auth service's gRPC for `identity`, over its own TLS connection to the web port
/// (ALPN `teleport-auth@...`), as tsh and tctl dial it.
pub async fn auth(addr: &str, identity: &Identity) -> Result<AuthClient, String> {
    let tls = identity.client_config(false).map_err(|e| text(&e))?;
    AuthClient::connect(addr, CLUSTER, tls)
        .await
        .map_err(|e| format!("gRPC connect: {}", text(&e)))
}

/// A TLS connection to the web port offering only `http/1.1`, trusting the cluster's CA.
pub async fn tls_http1(port: u16, cas: &[CertificateDer<'static>]) -> std::io::Result<TlsStream<TcpStream>> {
    let config = tele_common::tls::client_config(cas, None, false).map_err(std::io::Error::other)?;
    let tcp = TcpStream::connect(("127.0.0.1", port)).await?;
    tcp.set_nodelay(true)?;
    let name = ServerName::try_from("localhost").map_err(std::io::Error::other)?;
    tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await
}

/// The `p`-th percentile (nearest rank) of `times`, sorted in place.
pub fn percentile(times: &mut [Duration], p: f64) -> Duration {
    if times.is_empty() {
        return Duration::ZERO;
    }
    times.sort();
    let rank = ((p / 100.0) * times.len() as f64).ceil() as usize;
    times[rank.clamp(1, times.len()) - 1]
}

/// Milliseconds, for the table.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `GET /webapi/ping` in a loop on one client (one kept-alive connection), every `every`,
/// until stopped. It runs on a thread and runtime of its own, so the load's own tasks never
/// delay it: what it measures is the server.
pub struct Pinger {
    stop: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<()>,
    times: Arc<Mutex<Vec<Duration>>>,
    errors: Arc<Mutex<Vec<String>>>,
}

/// What a [`Pinger`] saw.
pub struct Pings {
    /// Answered pings.
    pub ok: usize,
    /// Failed pings and the first error.
    pub failed: usize,
    /// The first failure.
    pub first_error: Option<String>,
    /// Median.
    pub p50: Duration,
    /// 99th percentile.
    pub p99: Duration,
    /// Slowest.
    pub max: Duration,
}

impl Pings {
    /// Whether the pings stayed healthy: none failed and the 99th percentile is under `budget`.
    pub fn healthy(&self, budget: Duration) -> bool {
        self.failed == 0 && self.ok > 0 && self.p99 < budget
    }

    /// `p50 X ms, p99 Y ms, max Z ms (N pings, F failed)`.
    pub fn summary(&self) -> String {
        format!(
            "ping p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms ({} answered, {} failed{})",
            ms(self.p50),
            ms(self.p99),
            ms(self.max),
            self.ok,
            self.failed,
            self.first_error.as_ref().map(|e| format!(": {e}")).unwrap_or_default()
        )
    }
}

impl Pinger {
    /// Starts pinging with `client`.
    pub fn start(client: Client, every: Duration) -> Result<Self, String> {
        let stop = Arc::new(AtomicBool::new(false));
        let times = Arc::new(Mutex::new(Vec::new()));
        let errors = Arc::new(Mutex::new(Vec::new()));
        let (s, t, e) = (stop.clone(), times.clone(), errors.clone());
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        let thread = std::thread::spawn(move || {
            rt.block_on(async move {
                while !s.load(Ordering::SeqCst) {
                    let start = Instant::now();
                    match tokio::time::timeout(Duration::from_secs(10), client.ping()).await {
                        Ok(Ok(_)) => t.lock().unwrap_or_else(|p| p.into_inner()).push(start.elapsed()),
                        Ok(Err(err)) => e.lock().unwrap_or_else(|p| p.into_inner()).push(text(&err)),
                        Err(_) => e
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .push("no answer within 10 s".into()),
                    }
                    tokio::time::sleep(every.saturating_sub(start.elapsed())).await;
                }
            });
        });
        Ok(Self {
            stop,
            thread,
            times,
            errors,
        })
    }

    /// Stops and reports.
    pub async fn stop(self) -> Pings {
        self.stop.store(true, Ordering::SeqCst);
        let thread = self.thread;
        let _ = tokio::task::spawn_blocking(move || thread.join()).await;
        let mut times = std::mem::take(&mut *self.times.lock().unwrap_or_else(|p| p.into_inner()));
        let errors = std::mem::take(&mut *self.errors.lock().unwrap_or_else(|p| p.into_inner()));
        Pings {
            ok: times.len(),
            failed: errors.len(),
            first_error: errors.into_iter().next(),
            p50: percentile(&mut times, 50.0),
            p99: percentile(&mut times, 99.0),
            max: times.iter().max().copied().unwrap_or_default(),
        }
    }
}
