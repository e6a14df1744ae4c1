//! `cert-issuance`: how much server CPU a certificate costs. 50 clients, each on its own
//! established gRPC connection with a login's identity, loop `GenerateUserCerts` for a single-use
//! SSH certificate (what `tsh ssh` asks for a node behind per-session MFA: one Ed25519 signature
//! of the user CA, the MFA answer reused as this server allows within one challenge's life) for
//! 5 s. The figure is certificates per second of server CPU over the machine's single-core
//! Ed25519 sign rate (`openssl speed ed25519`); PASS at 0.3 or more.
//!
//! For profiling: `cargo xtask stress cert-issuance --no-build [--refserver PATH] [--seconds N]`
//! prints the server's pid before the loop (`perf record -p PID`); [`setup`] and [`cert_load`]
//! are the pieces to reuse.

use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use tele_common::api::login::MfaResponse;
use tele_common::grpc::AuthClient;
use tele_common::grpc::mfa::response_to_proto;
use tele_common::grpc::wire::proto::UserCertsRequest;
use tele_common::grpc::wire::proto::user_certs_request::{CertPurpose, CertUsage};
use tele_common::grpc::wire::teleport::mfa::v1::ChallengeScope;
use tele_common::keys::SshKey;
use tokio::task::JoinSet;

use crate::stress::{Ctx, Outcome};
use crate::stress_client::{auth, cas, login, text, totp, web};
use crate::stress_server::{CLUSTER, Cluster, LOGIN, Setup};

/// Concurrent clients.
pub const CLIENTS: usize = 50;
/// How long they loop.
pub const SECONDS: u64 = 5;
/// The ratio to reach.
pub const BUDGET: f64 = 0.3;
const USER: &str = "certs";
/// The login's device, and the one that answers the `USER_SESSION` challenge (a TOTP code
/// counts once per device, so the two need their own).
const SECRETS: [&str; 2] = ["JBSWY3DPEHPK3PXPJBSWY3DPJBSWY3DP", "KRSXG5CTMVRXEZLUKRSXG5CTKRSXG5CT"];

/// What [`cert_load`] did.
#[derive(Clone, Debug, Default)]
pub struct CertLoad {
    /// Certificates issued.
    pub certs: u64,
    /// Calls that failed.
    pub errors: u64,
    /// The first failure.
    pub first_error: Option<String>,
    /// How long it ran.
    pub elapsed: Duration,
}

/// Logs `USER` in (password and TOTP, as tsh), opens `n` gRPC connections with the login's
/// identity (each checked with a `Ping`), answers one reusable `USER_SESSION` challenge, and
/// issues one certificate with it (the answer is checked then, and remembered). Returns the
/// connections and the request every further call repeats.
pub async fn setup(cluster: &Cluster, n: usize) -> Result<(Vec<AuthClient>, UserCertsRequest), String> {
    let cas = cas(cluster)?;
    let identity = login(&web(cluster, &cas)?, USER, Some(SECRETS[0])).await?;
    let mut connecting = JoinSet::new();
    for _ in 0..n {
        let (addr, identity) = (cluster.addr(), identity.clone());
        connecting.spawn(async move {
            let client = auth(&addr, &identity).await?;
            client.ping().await.map_err(|e| format!("Ping: {}", text(&e)))?;
            Ok::<_, String>(client)
        });
    }
    let mut clients = Vec::with_capacity(n);
    while let Some(done) = connecting.join_next().await {
        clients.push(done.map_err(|e| e.to_string())??);
    }
    let first = clients.first().ok_or("no clients")?;
    first
        .user_challenge(ChallengeScope::UserSession, true, None)
        .await
        .map_err(|e| format!("CreateAuthenticateChallenge: {}", text(&e)))?;
    let answer = MfaResponse {
        webauthn: None,
        totp_code: totp(SECRETS[1], SystemTime::now())?,
    };
    let key = SshKey::from_openssh(&identity.ssh_key).map_err(|e| text(&e))?;
    let mut req = UserCertsRequest {
        username: USER.into(),
        expires: Some(tele_common::grpc::convert::to_timestamp(
            SystemTime::now() + Duration::from_secs(3000),
        )),
        route_to_cluster: CLUSTER.into(),
        node_name: "node-1".into(),
        ssh_login: LOGIN.into(),
        mfa_response: Some(response_to_proto(&answer)),
        ssh_public_key: format!("{}\n", key.public_openssh()).into_bytes(),
        ..UserCertsRequest::default()
    };
    req.set_usage(CertUsage::Ssh);
    req.set_purpose(CertPurpose::SingleUseCerts);
    let certs = first
        .generate_user_certs(req.clone())
        .await
        .map_err(|e| format!("the first GenerateUserCerts: {}", text(&e)))?;
    let cert = String::from_utf8_lossy(&certs.ssh);
    if !cert.contains("-cert-v01@openssh.com ") {
        return Err(format!("GenerateUserCerts answered no SSH certificate: {cert:?}"));
    }
    Ok((clients, req))
}

/// Every client loops `GenerateUserCerts(request)` back to back for `duration`.
pub async fn cert_load(clients: &[AuthClient], request: &UserCertsRequest, duration: Duration) -> CertLoad {
    let stop = Arc::new(AtomicBool::new(false));
    let (certs, errors) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let first_error = Arc::new(std::sync::Mutex::new(None::<String>));
    let start = Instant::now();
    let mut tasks = JoinSet::new();
    for client in clients {
        let (client, req, stop) = (client.clone(), request.clone(), stop.clone());
        let (certs, errors, first_error) = (certs.clone(), errors.clone(), first_error.clone());
        tasks.spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                match client.generate_user_certs(req.clone()).await {
                    Ok(c) if !c.ssh.is_empty() => {
                        certs.fetch_add(1, Ordering::Relaxed);
                    }
                    other => {
                        errors.fetch_add(1, Ordering::Relaxed);
                        let why = other.err().map_or("an empty answer".into(), |e| text(&e));
                        first_error.lock().unwrap_or_else(|p| p.into_inner()).get_or_insert(why);
                    }
                }
            }
        });
    }
    tokio::time::sleep(duration).await;
    stop.store(true, Ordering::SeqCst);
    while tasks.join_next().await.is_some() {}
    let first_error = first_error.lock().unwrap_or_else(|p| p.into_inner()).take();
    CertLoad {
        certs: certs.load(Ordering::SeqCst),
        errors: errors.load(Ordering::SeqCst),
        first_error,
        elapsed: start.elapsed(),
    }
}

/// Single-core Ed25519 signatures per second: the `sign/s` column of `openssl speed -seconds 3
/// ed25519`.
pub fn openssl_ed25519_signs() -> Result<f64, String> {
    let out = Command::new("openssl")
        .args(["speed", "-seconds", "3", "ed25519"])
        .output()
        .map_err(|e| format!("openssl speed: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let header = text
        .lines()
        .find(|l| l.contains("sign/s"))
        .ok_or("openssl speed: no sign/s column")?;
    // Numbers are right-aligned under the header's columns: count columns from the right.
    let from_right = header
        .split_whitespace()
        .rev()
        .position(|c| c == "sign/s")
        .ok_or("no sign/s")?;
    text.lines()
        .find(|l| l.contains("Ed25519"))
        .and_then(|l| l.split_whitespace().rev().nth(from_right))
        .and_then(|n| n.parse::<f64>().ok())
        .ok_or_else(|| format!("openssl speed: no Ed25519 figure in {text:?}"))
}

pub async fn cert_issuance(ctx: &Ctx) -> Result<Outcome, String> {
    let seconds = ctx.cert_seconds.unwrap_or(SECONDS);
    let mut cluster = Cluster::new(
        ctx,
        "cluster",
        Setup {
            second_factor: "otp",
            ..Setup::default()
        },
    )?;
    cluster.start().await?;
    cluster.add_user(USER, &SECRETS)?;
    let (clients, request) = setup(&cluster, CLIENTS).await?;
    eprintln!(
        "stress: cert-issuance: server pid {}; {CLIENTS} clients loop GenerateUserCerts for {seconds} s",
        cluster.pid().unwrap_or(0)
    );
    cluster.mark();
    let before = cluster.cpu_now().ok_or("no CPU figure for the server")?;
    let load = cert_load(&clients, &request, Duration::from_secs(seconds)).await;
    let cpu = cluster.cpu_now().ok_or("no CPU figure for the server")? - before;
    cluster.settle();
    drop(clients);
    let signs = openssl_ed25519_signs()?;
    let per_cpu_s = load.certs as f64 / cpu.max(1e-9);
    let ratio = per_cpu_s / signs;
    let us_per_cert = cpu * 1e6 / (load.certs.max(1) as f64);
    let mut details = vec![format!(
        "{} certs in {:.2} s ({:.0}/s wall), {} errors; server CPU {cpu:.2} s = {us_per_cert:.1} µs per cert; openssl Ed25519 {signs:.0} sign/s ({:.1} µs per signature); {per_cpu_s:.0} certs per CPU second = {ratio:.3}x (budget {BUDGET})",
        load.certs,
        load.elapsed.as_secs_f64(),
        load.certs as f64 / load.elapsed.as_secs_f64(),
        load.errors,
        1e6 / signs
    )];
    if let Some(e) = &load.first_error {
        details.push(format!("first error: {e}"));
    }
    Ok(Outcome {
        load: format!("{CLIENTS} clients x {seconds} s GenerateUserCerts"),
        pass: ratio >= BUDGET && load.errors == 0 && load.certs > 0,
        figure: format!("{ratio:.2}x Ed25519 sign rate ({us_per_cert:.0} µs CPU/cert, {signs:.0} sign/s)"),
        failures: load.errors.to_string(),
        lost: None,
        details,
    })
}
