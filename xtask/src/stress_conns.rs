//! Connections that take a place and give nothing: 2,000 idle ones (`idle-connections`, also with
//! the server held to 1,024 descriptors) and 200 that send a request header one byte at a time
//! (`slowloris`).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::task::JoinSet;

use crate::stress::{Ctx, Outcome};
use crate::stress_client::{Pinger, cas, login, ms, tls_http1, web};
use crate::stress_login::PING_BUDGET;
use crate::stress_server::{Cluster, Setup};

const FIRST_REQUEST_ENV: &str = "REFSERVER_FIRST_REQUEST_TIMEOUT";
const HANDSHAKE_ENV: &str = "REFSERVER_HANDSHAKE_TIMEOUT";
/// How long a newcomer may take to ping and log in while the idle connections are open.
const NEWCOMER_BUDGET: Duration = Duration::from_secs(10);

/// Counters of the idle connections.
#[derive(Default)]
struct Idle {
    /// TCP connections made.
    tcp: AtomicUsize,
    /// TLS handshakes finished.
    tls: AtomicUsize,
    /// Connections the server closed (or refused in the handshake).
    closed: AtomicUsize,
    /// Connects that failed.
    refused: AtomicUsize,
}

impl Idle {
    fn snapshot(&self) -> (usize, usize, usize, usize) {
        (
            self.tcp.load(Ordering::SeqCst),
            self.tls.load(Ordering::SeqCst),
            self.closed.load(Ordering::SeqCst),
            self.refused.load(Ordering::SeqCst),
        )
    }
}

/// One run of `idle-connections`: what the newcomer saw and what the idle ones had done.
struct IdleRun {
    newcomer: Result<Duration, String>,
    at_newcomer: (usize, usize, usize, usize),
    accept_errors: usize,
}

/// 2,000 connections to the web port that finish the TLS handshake and then send nothing; while
/// they are open a newcomer pings and logs in. Twice: with the server's own descriptor limit
/// (it raises it to the hard limit), and under `prlimit --nofile=1024` with the first-request
/// and handshake timeouts at 2 s, where only those timeouts make room. PASS: the newcomer is
/// through within 10 s both times.
pub async fn idle_connections(ctx: &Ctx) -> Result<Outcome, String> {
    const IDLE: usize = 2000;
    let plain = idle_run(ctx, "default", Setup::default(), IDLE).await?;
    let limited = Setup {
        nofile: Some(1024),
        env: vec![(FIRST_REQUEST_ENV, "2s".into()), (HANDSHAKE_ENV, "2s".into())],
        ..Setup::default()
    };
    let tight = idle_run(ctx, "nofile-1024", limited, IDLE).await?;
    let through = |r: &IdleRun| r.newcomer.as_ref().is_ok_and(|d| *d < NEWCOMER_BUDGET);
    let took = |r: &IdleRun| match &r.newcomer {
        Ok(d) => format!("{:.2} s", d.as_secs_f64()),
        Err(e) => format!("failed ({e})"),
    };
    let describe = |label: &str, r: &IdleRun| {
        let (tcp, tls, closed, refused) = r.at_newcomer;
        format!(
            "{label}: newcomer ping + login {}; when it started: {tcp} TCP connected, {tls} TLS done, {closed} closed by the server, {refused} connects failed; {} accept errors logged",
            took(r),
            r.accept_errors
        )
    };
    let failures = [&plain, &tight].iter().filter(|r| !through(r)).count();
    Ok(Outcome {
        load: format!("{IDLE} idle TLS conns (nofile hard / 1024)"),
        pass: failures == 0,
        figure: format!("newcomer in {}; at 1024 fds in {}", took(&plain), took(&tight)),
        failures: failures.to_string(),
        lost: None,
        details: vec![
            describe("own limit", &plain),
            describe("prlimit 1024, timeouts 2s", &tight),
        ],
    })
}

async fn idle_run(ctx: &Ctx, name: &str, setup: Setup, n: usize) -> Result<IdleRun, String> {
    let mut cluster = Cluster::new(ctx, name, setup)?;
    cluster.start().await?;
    cluster.add_user("newcomer", &[])?;
    let cas = cas(&cluster)?;
    cluster.mark();
    let counts = Arc::new(Idle::default());
    let config = Arc::new(tele_common::tls::client_config(&cas, None, false).map_err(|e| e.message().to_string())?);
    let mut idle = JoinSet::new();
    for _ in 0..n {
        let (counts, config, port) = (counts.clone(), config.clone(), cluster.port());
        idle.spawn(async move {
            let Ok(tcp) = TcpStream::connect(("127.0.0.1", port)).await else {
                counts.refused.fetch_add(1, Ordering::SeqCst);
                return;
            };
            counts.tcp.fetch_add(1, Ordering::SeqCst);
            let name = rustls::pki_types::ServerName::try_from("localhost").expect("a valid name");
            let Ok(mut tls) = tokio_rustls::TlsConnector::from(config).connect(name, tcp).await else {
                counts.closed.fetch_add(1, Ordering::SeqCst);
                return;
            };
            counts.tls.fetch_add(1, Ordering::SeqCst);
            // Send nothing; learn when the server lets go.
            let mut buf = [0u8; 256];
            while matches!(tls.read(&mut buf).await, Ok(n) if n > 0) {}
            counts.closed.fetch_add(1, Ordering::SeqCst);
        });
    }
    // Until the connections stop making progress (all done, or the server out of room).
    let start = Instant::now();
    let mut last = counts.snapshot();
    let mut still = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let now = counts.snapshot();
        if now.1 + now.3 >= n {
            break;
        }
        if now != last {
            last = now;
            still = Instant::now();
        } else if still.elapsed() > Duration::from_millis(500) {
            break;
        }
    }
    let at_newcomer = counts.snapshot();
    eprintln!(
        "stress: {name}: {} TCP, {} TLS, {} closed, {} refused; newcomer now",
        at_newcomer.0, at_newcomer.1, at_newcomer.2, at_newcomer.3
    );
    let newcomer_start = Instant::now();
    let client = web(&cluster, &cas)?;
    let newcomer = match tokio::time::timeout(Duration::from_secs(30), login(&client, "newcomer", None)).await {
        Ok(Ok(_)) => Ok(newcomer_start.elapsed()),
        Ok(Err(e)) => Err(e),
        Err(_) => Err("not through within 30 s".into()),
    };
    idle.abort_all();
    while idle.join_next().await.is_some() {}
    cluster.settle();
    let accept_errors = cluster.log().lines().filter(|l| l.contains("web accept")).count();
    Ok(IdleRun {
        newcomer,
        at_newcomer,
        accept_errors,
    })
}

/// 200 TLS connections that send `GET /webapi/ping` and then a header, one byte every 100 ms,
/// never ending it; the server's first-request timeout is 1 s. PASS: the server closes every one
/// within the timeout plus 2 s of slack (from the end of its TLS handshake), and pings every
/// 20 ms meanwhile all answer with a p99 under 250 ms.
pub async fn slowloris(ctx: &Ctx) -> Result<Outcome, String> {
    const CONNS: usize = 200;
    const TIMEOUT: Duration = Duration::from_secs(1);
    const SLACK: Duration = Duration::from_secs(2);
    let setup = Setup {
        env: vec![(FIRST_REQUEST_ENV, "1s".into())],
        ..Setup::default()
    };
    let mut cluster = Cluster::new(ctx, "cluster", setup)?;
    cluster.start().await?;
    let cas = cas(&cluster)?;
    cluster.mark();
    let pinger = Pinger::start(web(&cluster, &cas)?, Duration::from_millis(20))?;
    let mut tasks = JoinSet::new();
    for _ in 0..CONNS {
        let (cas, port) = (cas.clone(), cluster.port());
        tasks.spawn(async move {
            let tls = tls_http1(port, &cas).await.map_err(|e| format!("connect: {e}"))?;
            let since = Instant::now();
            let (mut r, mut w) = tokio::io::split(tls);
            let writer = async move {
                let head = b"GET /webapi/ping HTTP/1.1\r\nHost: localhost\r\nX-Slow: ";
                for i in 0.. {
                    let byte = head.get(i).copied().unwrap_or(b'a');
                    if w.write_all(&[byte]).await.is_err() || w.flush().await.is_err() {
                        return "write failed";
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                "never"
            };
            let reader = async move {
                let mut got = Vec::new();
                let mut buf = [0u8; 512];
                while let Ok(n) = r.read(&mut buf).await {
                    if n == 0 {
                        break;
                    }
                    got.extend_from_slice(&buf[..n]);
                }
                got
            };
            let how = tokio::select! {
                got = reader => match String::from_utf8_lossy(&got).lines().next() {
                    Some(status) if !status.is_empty() => format!("answered {status:?}"),
                    _ => "closed".to_string(),
                },
                why = writer => why.to_string(),
                () = tokio::time::sleep(Duration::from_secs(15)) => "still open after 15 s".to_string(),
            };
            Ok::<_, String>((since.elapsed(), how))
        });
    }
    let mut times = Vec::new();
    let mut hows = Vec::new();
    let mut errors = Vec::new();
    while let Some(done) = tasks.join_next().await {
        match done.map_err(|e| e.to_string()).and_then(|r| r) {
            Ok((t, how)) => {
                times.push(t);
                hows.push(how);
            }
            Err(e) => errors.push(e),
        }
    }
    let pings = pinger.stop().await;
    cluster.settle();
    let late = times.iter().filter(|t| **t > TIMEOUT + SLACK).count();
    let slowest = times.iter().max().copied().unwrap_or_default();
    hows.sort();
    hows.dedup();
    let pass = errors.is_empty() && late == 0 && times.len() == CONNS && pings.healthy(PING_BUDGET);
    let mut details = vec![
        format!(
            "{} closed, {late} later than {:.0} s, slowest {:.2} s; how: {}",
            times.len(),
            (TIMEOUT + SLACK).as_secs_f64(),
            slowest.as_secs_f64(),
            hows.join(", ")
        ),
        pings.summary(),
    ];
    details.extend(errors.iter().take(3).map(|e| format!("connection failed: {e}")));
    Ok(Outcome {
        load: format!("{CONNS} conns, 1 byte/100 ms, timeout 1s"),
        pass,
        figure: format!(
            "all closed by {:.2} s (budget {:.0} s), ping p99 {:.0} ms",
            slowest.as_secs_f64(),
            (TIMEOUT + SLACK).as_secs_f64(),
            ms(pings.p99)
        ),
        failures: (late + errors.len() + pings.failed).to_string(),
        lost: None,
        details,
    })
}
