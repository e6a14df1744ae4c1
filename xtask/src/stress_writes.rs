//! `kill-9-writes`: acknowledged writes survive `kill -9`. Three rounds of 1,000 concurrent
//! token writes (`CreateTokenV2` with the admin identity, each on its own gRPC connection as
//! `tctl tokens add` makes it), the server killed once about half are acknowledged, restarted on
//! the same data dir, and every token acknowledged so far looked for in `GetTokens`.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

use tele_common::resources::{ProvisionToken, SystemRole, new_token_value};
use tokio::task::JoinSet;

use crate::stress::{Ctx, Outcome};
use crate::stress_client::{auth, text};
use crate::stress_server::{Cluster, Setup};

const ROUNDS: usize = 3;
const WRITES: usize = 1000;
/// Acknowledgements to wait for before the kill.
const KILL_AT: usize = WRITES / 2;

/// What one write ended as.
enum Write {
    Acked(String),
    /// Failed before the kill: a failure of the server under load.
    FailedBefore(String),
    /// Failed after the kill: expected.
    FailedAfter,
}

pub async fn kill_9_writes(ctx: &Ctx) -> Result<Outcome, String> {
    let mut cluster = Cluster::new(ctx, "cluster", Setup::default())?;
    cluster.start().await?;
    cluster.mark();
    let mut acked_all: HashSet<String> = HashSet::new();
    let mut rounds = Vec::new();
    let mut failures = Vec::new();
    let mut lost_total = 0;
    for round in 1..=ROUNDS {
        let identity = Arc::new(cluster.admin_identity()?);
        let killed = Arc::new(AtomicBool::new(false));
        let acked = Arc::new(AtomicUsize::new(0));
        let mut tasks = JoinSet::new();
        for _ in 0..WRITES {
            let (identity, killed, acked, addr) = (identity.clone(), killed.clone(), acked.clone(), cluster.addr());
            tasks.spawn(async move {
                let name = new_token_value();
                let expires = SystemTime::now() + Duration::from_secs(3600);
                let token = ProvisionToken::new(name.clone(), vec![SystemRole::Node], Some(expires));
                let result = async {
                    let client = auth(&addr, &identity).await?;
                    client.create_token(&token).await.map_err(|e| text(&e))
                }
                .await;
                match result {
                    Ok(()) => {
                        acked.fetch_add(1, Ordering::SeqCst);
                        Write::Acked(name)
                    }
                    Err(_) if killed.load(Ordering::SeqCst) => Write::FailedAfter,
                    Err(e) => Write::FailedBefore(e),
                }
            });
        }
        // Killed once half are acknowledged (a round whose writes all end first is reported
        // by its count: acked = attempted).
        let wait = Instant::now();
        while acked.load(Ordering::SeqCst) < KILL_AT && wait.elapsed() < Duration::from_secs(60) {
            while let Some(done) = tasks.try_join_next() {
                collect(done, &mut acked_all, &mut failures);
            }
            if tasks.is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        killed.store(true, Ordering::SeqCst);
        let at_kill = acked.load(Ordering::SeqCst);
        cluster.kill9();
        while let Some(done) = tasks.join_next().await {
            collect(done, &mut acked_all, &mut failures);
        }
        let acked_round = acked.load(Ordering::SeqCst);
        cluster.start().await?;
        cluster.mark();
        let admin = auth(&cluster.addr(), &cluster.admin_identity()?).await?;
        let listed: HashSet<String> = admin
            .list_tokens()
            .await
            .map_err(|e| format!("GetTokens after the restart: {}", text(&e)))?
            .into_iter()
            .map(|t| t.metadata.name)
            .collect();
        let lost = acked_all.iter().filter(|n| !listed.contains(*n)).count();
        lost_total = lost;
        let unacked_present = listed.len().saturating_sub(acked_all.len());
        rounds.push(format!(
            "round {round}: {acked_round}/{WRITES} acked ({at_kill} when killed), {} tokens listed after restart, {unacked_present} written but not acked, {lost} acked missing",
            listed.len()
        ));
        eprintln!("stress: {}", rounds.last().map(String::as_str).unwrap_or_default());
    }
    cluster.settle();
    let acked_text: Vec<String> = rounds
        .iter()
        .filter_map(|r| r.split_once(": ").and_then(|(_, rest)| rest.split_whitespace().next()))
        .map(String::from)
        .collect();
    let mut details = rounds;
    details.extend(
        failures
            .iter()
            .take(3)
            .map(|e| format!("write failed before the kill: {e}")),
    );
    Ok(Outcome {
        load: format!("{ROUNDS} x {WRITES} token writes, kill -9"),
        pass: lost_total == 0 && failures.is_empty(),
        figure: format!("acked {} per round, {lost_total} lost", acked_text.join(", ")),
        failures: failures.len().to_string(),
        lost: Some(lost_total),
        details,
    })
}

/// Counts one finished write.
fn collect(done: Result<Write, tokio::task::JoinError>, acked_all: &mut HashSet<String>, failures: &mut Vec<String>) {
    match done {
        Ok(Write::Acked(name)) => {
            acked_all.insert(name);
        }
        Ok(Write::FailedBefore(e)) => failures.push(e),
        Ok(Write::FailedAfter) => {}
        Err(e) => failures.push(format!("task: {e}")),
    }
}
