//! `headless-flood`: 1,024 unauthenticated headless login long polls from one address for
//! `mallory-target`, and meanwhile another user's own headless login. Requests are
//! unauthenticated inserts, so the server caps them; the cap must not leak whose requests fill
//! it.

use std::time::{Duration, Instant};

use tele_common::api::headless::{CERT_TTL, HeadlessLoginRequest, authorized_key, request_id};
use tele_common::error::ErrorKind;
use tele_common::grpc::wire::types::HeadlessAuthenticationState;
use tele_common::suite::Suite;
use tokio::task::JoinSet;

use crate::stress::{Ctx, Outcome};
use crate::stress_client::{auth, cas, login, text, web};
use crate::stress_server::{Cluster, Setup};

const FLOOD: usize = 1024;
const TARGET: &str = "mallory-target";
const TOTP: &str = "JBSWY3DPEHPK3PXPJBSWY3DPJBSWY3DP";

/// A headless request for `user` with fresh keys, as `tsh --headless` makes it.
fn request(user: &str) -> Result<HeadlessLoginRequest, String> {
    let (ssh_alg, tls_alg) = Suite::user_keys(None);
    let (ssh, tls) = tele_common::keys::generate_pair(ssh_alg, tls_alg).map_err(|e| text(&e))?;
    let key_line = authorized_key(&ssh);
    Ok(HeadlessLoginRequest {
        user: user.to_string(),
        headless_id: request_id(&key_line),
        ssh_pub_key: key_line,
        tls_pub_key: tls.public_pem(),
        ttl: CERT_TTL,
        ..Default::default()
    })
}

/// PASS: the other user's request is accepted (its user finds it pending and denies it), or
/// refused with a message that does not name `mallory-target`.
pub async fn headless_flood(ctx: &Ctx) -> Result<Outcome, String> {
    let setup = Setup {
        second_factor: "on",
        webauthn: true,
        ..Setup::default()
    };
    let mut cluster = Cluster::new(ctx, "cluster", setup)?;
    cluster.start().await?;
    cluster.add_user("alice", &[TOTP])?;
    let cas = cas(&cluster)?;
    let alice_id = login(&web(&cluster, &cas)?, "alice", Some(TOTP)).await?;
    let alice = auth(&cluster.addr(), &alice_id).await?;
    cluster.mark();

    let flood_client = web(&cluster, &cas)?;
    let mut flood = JoinSet::new();
    for _ in 0..FLOOD {
        let (client, req) = (flood_client.clone(), request(TARGET)?);
        flood.spawn(async move { client.headless_login(&req).await.map(drop) });
    }
    // Until the refusals stop coming (what is left waits for an approval that never comes).
    let (mut refused, mut transport, mut messages) = (0usize, 0usize, Vec::<String>::new());
    let start = Instant::now();
    let mut quiet = Instant::now();
    while start.elapsed() < Duration::from_secs(30) && quiet.elapsed() < Duration::from_secs(2) {
        tokio::time::sleep(Duration::from_millis(50)).await;
        while let Some(done) = flood.try_join_next() {
            quiet = Instant::now();
            match done {
                Ok(Err(e)) if e.kind() == ErrorKind::ConnectionProblem => transport += 1,
                Ok(Err(e)) => {
                    refused += 1;
                    if !messages.contains(&text(&e)) {
                        messages.push(text(&e));
                    }
                }
                Ok(Ok(())) => messages.push("a flood request was approved".into()),
                Err(e) => messages.push(format!("task: {e}")),
            }
        }
    }
    let waiting = flood.len();
    eprintln!("stress: {TARGET}: {waiting} waiting, {refused} refused, {transport} connection errors");

    // Alice's own request, and Alice looking for it as `tsh headless approve` does.
    let req = request("alice")?;
    let id = req.headless_id.clone();
    let client = web(&cluster, &cas)?;
    let poll = tokio::spawn(async move { client.headless_login(&req).await.map(drop) });
    let found = alice.get_headless_authentication(&id).await;
    let verdict = match found {
        Ok(h) if h.state() == HeadlessAuthenticationState::Pending => {
            alice
                .update_headless_authentication_state(&id, HeadlessAuthenticationState::Denied, None)
                .await
                .map_err(|e| format!("denying: {}", text(&e)))?;
            let end = tokio::time::timeout(Duration::from_secs(10), poll)
                .await
                .map_err(|_| "the denied request's poll did not end".to_string())?
                .map_err(|e| e.to_string())?;
            Verdict::Accepted(end.err().map(|e| text(&e)).unwrap_or_else(|| "approved?".into()))
        }
        Ok(h) => Verdict::Refused(format!("found in state {:?}", h.state())),
        Err(lookup) => match tokio::time::timeout(Duration::from_secs(10), poll).await {
            Ok(Ok(Err(e))) => Verdict::Refused(text(&e)),
            Ok(Ok(Ok(()))) => Verdict::Refused("approved without anyone approving".into()),
            Ok(Err(e)) => Verdict::Refused(format!("task: {e}")),
            Err(_) => Verdict::Refused(format!("neither found ({}) nor refused within 10 s", text(&lookup))),
        },
    };
    flood.abort_all();
    while flood.join_next().await.is_some() {}
    cluster.settle();
    let (pass, figure) = match &verdict {
        Verdict::Accepted(_) => (true, "other user's request accepted".to_string()),
        Verdict::Refused(m) if m.contains(TARGET) => (false, format!("other user refused naming {TARGET}")),
        Verdict::Refused(_) => (true, "other user refused, no name leaked".to_string()),
    };
    let mut details = vec![
        format!(
            "{TARGET}: {waiting} waiting, {refused} refused, {transport} connection errors; refusals: {}",
            messages.join(" | ")
        ),
        match &verdict {
            Verdict::Accepted(end) => format!("alice: found pending, denied by alice, poll ended: {end}"),
            Verdict::Refused(m) => format!("alice: refused: {m}"),
        },
    ];
    details.truncate(2);
    Ok(Outcome {
        load: format!("{FLOOD} headless polls + 1 other user"),
        pass,
        figure: format!("{figure}; {TARGET}: {waiting} waiting, {refused} refused"),
        failures: (transport + usize::from(!pass)).to_string(),
        lost: None,
        details,
    })
}

enum Verdict {
    /// Found pending by its user; how its poll ended once denied.
    Accepted(String),
    /// The refusal's message.
    Refused(String),
}
