//! Logins under abuse: a storm of them while a pinger measures the web API (`login-storm`), 2 MB
//! user names (`big-names`), concurrent wrong passwords against the lockout
//! (`wrong-passwords`).

use std::time::{Duration, Instant};

use tele_common::api::login::MfaLoginBeginRequest;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::task::JoinSet;

use crate::stress::{Ctx, Outcome};
use crate::stress_client::{Pinger, cas, login, ms, text, tls_http1, web};
use crate::stress_server::{Cluster, Setup};

/// The 99th percentile a ping may take while the server is under load.
pub const PING_BUDGET: Duration = Duration::from_millis(250);

/// 200 concurrent logins (each its own user and connections, two password checks as tsh's
/// login makes them: `/begin` and `/finish`) while a pinger asks `/webapi/ping` every 20 ms.
/// PASS: no login fails and the ping's p99 stays under 250 ms.
pub async fn login_storm(ctx: &Ctx) -> Result<Outcome, String> {
    const LOGINS: usize = 200;
    let mut cluster = Cluster::new(ctx, "cluster", Setup::default())?;
    cluster.start().await?;
    let setup = Instant::now();
    cluster.add_users("user", LOGINS)?;
    eprintln!("stress: {LOGINS} users added in {:.1} s", setup.elapsed().as_secs_f64());
    let cas = cas(&cluster)?;
    cluster.mark();
    let pinger = Pinger::start(web(&cluster, &cas)?, Duration::from_millis(20))?;
    let start = Instant::now();
    let mut tasks = JoinSet::new();
    for i in 0..LOGINS {
        let client = web(&cluster, &cas)?;
        tasks.spawn(async move { login(&client, &format!("user{i}"), None).await.map(drop) });
    }
    let mut errors = Vec::new();
    while let Some(done) = tasks.join_next().await {
        if let Err(e) = done.map_err(|e| e.to_string()).and_then(|r| r) {
            errors.push(e);
        }
    }
    let took = start.elapsed();
    let pings = pinger.stop().await;
    cluster.settle();
    let rate = (LOGINS - errors.len()) as f64 / took.as_secs_f64();
    let mut details = vec![
        format!(
            "{} of {LOGINS} logins in {:.2} s ({rate:.1} logins/s)",
            LOGINS - errors.len(),
            took.as_secs_f64()
        ),
        pings.summary(),
    ];
    details.extend(errors.iter().take(3).map(|e| format!("login failed: {e}")));
    Ok(Outcome {
        load: format!("{LOGINS} logins + ping/20ms"),
        pass: errors.is_empty() && pings.healthy(PING_BUDGET),
        figure: format!(
            "ping p99 {:.0} ms (p50 {:.0} ms), {rate:.1} logins/s",
            ms(pings.p99),
            ms(pings.p50)
        ),
        failures: format!("{}", errors.len() + pings.failed),
        lost: None,
        details,
    })
}

/// 20 logins whose user name is 2 MB: ten as a careful client sends them (`Expect:
/// 100-continue`, the body only if asked), ten as tsh's HTTP client does (the body right away).
/// PASS: every one refused, the data dir grew by under 1 MiB, the log by under 64 KiB, and a
/// ping still answers. Refused is a 413, or, for a client still sending the body, the server
/// closing the connection before it has read it all (it answers 413 first, but the client's
/// write fails, broken pipe or reset, before it reads that): the body was never taken in.
pub async fn big_names(ctx: &Ctx) -> Result<Outcome, String> {
    const EACH: usize = 10;
    let mut cluster = Cluster::new(ctx, "cluster", Setup::default())?;
    cluster.start().await?;
    let cas = cas(&cluster)?;
    // Whatever the start writes is done before the figures are taken.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (data_before, log_before) = (cluster.data_bytes(), cluster.log().len());
    let body = serde_json::json!({"user": "n".repeat(2 << 20), "pass": "whatever-password"}).to_string();
    let body = std::sync::Arc::new(body);
    cluster.mark();
    let mut tasks = JoinSet::new();
    for _ in 0..EACH {
        let (body, cas, port) = (body.clone(), cas.clone(), cluster.port());
        tasks.spawn(async move { ("expect", expect_continue(port, &cas, &body).await) });
    }
    let tls = tele_common::tls::client_config(&cas, None, false).map_err(|e| text(&e))?;
    let http = reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| e.to_string())?;
    for _ in 0..EACH {
        let (http, body, url) = (
            http.clone(),
            body.clone(),
            format!("https://{}/webapi/mfa/login/begin", cluster.addr()),
        );
        tasks.spawn(async move {
            let sent = http
                .post(url)
                .header("Content-Type", "application/json")
                .body(body.to_string())
                .send()
                .await;
            let answer = match sent {
                Ok(resp) => Ok(resp.status().as_u16()),
                Err(e) => Err(flatten(&e)),
            };
            ("plain", answer)
        });
    }
    let mut statuses = Vec::new();
    while let Some(done) = tasks.join_next().await {
        statuses.push(done.map_err(|e| e.to_string())?);
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    cluster.settle();
    let data_growth = cluster.data_bytes().saturating_sub(data_before);
    let log_growth = cluster.log().len().saturating_sub(log_before) as u64;
    let answered_413 = statuses.iter().filter(|(_, s)| *s == Ok(413)).count();
    let cut_off = statuses
        .iter()
        .filter(|(kind, s)| *kind == "plain" && s.as_ref().is_err_and(|e| cut_mid_body(e)))
        .count();
    let refused = answered_413 + cut_off;
    let alive = match web(&cluster, &cas)?.ping().await {
        Ok(_) => Ok(()),
        Err(e) => Err(text(&e)),
    };
    let mut details = Vec::new();
    for kind in ["expect", "plain"] {
        let mut answers: Vec<String> = statuses
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, s)| match s {
                Ok(code) => code.to_string(),
                Err(e) => format!("no answer ({e})"),
            })
            .collect();
        answers.sort();
        answers.dedup_by(|a, b| a == b);
        details.push(format!("{kind}: answers {}", answers.join("; ")));
    }
    details.push(format!(
        "data dir grew {data_growth} bytes (budget 1 MiB), log {log_growth} bytes (budget 64 KiB)"
    ));
    details.push(match &alive {
        Ok(()) => "a ping afterwards answered".to_string(),
        Err(e) => format!("a ping afterwards failed: {e}"),
    });
    let pass = refused == 2 * EACH && data_growth < 1 << 20 && log_growth < 64 << 10 && alive.is_ok();
    Ok(Outcome {
        load: format!("{} logins, 2 MB names", 2 * EACH),
        pass,
        figure: format!(
            "{refused}/{} refused ({answered_413} read 413, {cut_off} cut off mid-body), data +{} KiB, log +{} KiB",
            2 * EACH,
            data_growth / 1024,
            log_growth / 1024
        ),
        failures: (2 * EACH - refused).to_string(),
        lost: None,
        details,
    })
}

/// Whether a request failed because the server closed the connection while the client was
/// still writing the body.
fn cut_mid_body(error: &str) -> bool {
    error.contains("error writing a body") && (error.contains("Broken pipe") || error.contains("reset by peer"))
}

/// `POST /webapi/mfa/login/begin` with `Expect: 100-continue`: the final status, sending the
/// body only when the server says continue.
async fn expect_continue(
    port: u16,
    cas: &[rustls::pki_types::CertificateDer<'static>],
    body: &str,
) -> Result<u16, String> {
    let mut tls = tls_http1(port, cas).await.map_err(|e| e.to_string())?;
    let head = format!(
        "POST /webapi/mfa/login/begin HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nExpect: 100-continue\r\n\r\n",
        body.len()
    );
    tls.write_all(head.as_bytes()).await.map_err(|e| e.to_string())?;
    let mut status = read_status(&mut tls).await?;
    if status == 100 {
        tls.write_all(body.as_bytes()).await.map_err(|e| e.to_string())?;
        status = read_status(&mut tls).await?;
    }
    Ok(status)
}

/// Reads one response head (up to its blank line) and returns its status code.
async fn read_status(stream: &mut (impl AsyncReadExt + Unpin)) -> Result<u16, String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    let read = async {
        while !head.ends_with(b"\r\n\r\n") && head.len() < 16 << 10 {
            match stream.read(&mut byte).await {
                Ok(0) => return Err("closed before an answer".to_string()),
                Ok(_) => head.push(byte[0]),
                Err(e) => return Err(e.to_string()),
            }
        }
        Ok(())
    };
    tokio::time::timeout(Duration::from_secs(30), read)
        .await
        .map_err(|_| "no answer within 30 s".to_string())??;
    String::from_utf8_lossy(&head)
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| "an answer without a status".to_string())
}

/// An error and its sources, as one line.
pub fn flatten(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let s = s.to_string();
        if !text.contains(&s) {
            text.push_str(": ");
            text.push_str(&s);
        }
        source = source.and_then(std::error::Error::source);
    }
    text
}

/// 40 concurrent wrong passwords for one user, then its right one. PASS: exactly five wrong
/// ones are checked (answered "invalid credentials" and logged as wrong passwords), the other
/// 35 are refused as locked without a check, and the right password, once the lock is in, is
/// refused too.
pub async fn wrong_passwords(ctx: &Ctx) -> Result<Outcome, String> {
    const WRONG: usize = 40;
    const CHECKED: usize = 5;
    let mut cluster = Cluster::new(ctx, "cluster", Setup::default())?;
    cluster.start().await?;
    cluster.add_user("victim", &[])?;
    let cas = cas(&cluster)?;
    cluster.mark();
    let mut tasks = JoinSet::new();
    for i in 0..WRONG {
        let client = web(&cluster, &cas)?;
        tasks.spawn(async move {
            let req = MfaLoginBeginRequest {
                user: "victim".into(),
                pass: format!("wrong-password-{i}"),
            };
            client.mfa_login_begin(&req).await.map(drop).map_err(|e| text(&e))
        });
    }
    let mut answers = Vec::new();
    while let Some(done) = tasks.join_next().await {
        answers.push(done.map_err(|e| e.to_string())?);
    }
    let right = login(&web(&cluster, &cas)?, "victim", None).await.map(drop);
    cluster.settle();
    let checked = cluster.log().lines().filter(|l| l.contains("wrong password")).count();
    let invalid = answers
        .iter()
        .filter(|a| a.as_ref().is_err_and(|e| e.contains("invalid credentials")))
        .count();
    let locked = answers
        .iter()
        .filter(|a| a.as_ref().is_err_and(|e| e.contains("too many failed login attempts")))
        .count();
    let unexpected = WRONG - invalid - locked;
    let right_locked = right
        .as_ref()
        .is_err_and(|e| e.contains("too many failed login attempts"));
    let right_text = match &right {
        Ok(()) => "got in AFTER the lock".to_string(),
        Err(_) if right_locked => "refused (locked)".to_string(),
        Err(e) => format!("refused: {e}"),
    };
    let pass = checked == CHECKED && invalid == CHECKED && locked == WRONG - CHECKED && right_locked;
    Ok(Outcome {
        load: format!("{WRONG} wrong at once, then the right one"),
        pass,
        figure: format!("{checked} checked, {locked} locked; right one {right_text}"),
        failures: (unexpected + usize::from(!right_locked)).to_string(),
        lost: None,
        details: vec![
            format!(
                "wrong ones: {invalid} invalid credentials, {locked} locked, {unexpected} other; {checked} password checks logged as wrong"
            ),
            format!("right one: {right_text}"),
        ],
    })
}
