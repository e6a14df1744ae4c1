//! Password checks: off the async workers, and a lockout that holds under concurrency.
//!
//! Five failures for a name within 30 minutes lock that name (known or not) for 30 minutes, by
//! the server's clock (the one tests move). A guess reserves its place before the password is
//! hashed and gives it back once its outcome is written, so however many guesses arrive at once,
//! no more than the allowed number is ever checked: failures written plus guesses in flight
//! never pass the limit.
//!
//! Argon2 runs on tokio's blocking pool, at most one check per core at a time, so a storm of
//! logins slows logins and nothing else (the web API's other calls keep their workers).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use tele_common::error::{Error, Result};
use tokio::sync::Semaphore;

use crate::server::Server;

/// The longest user name a login may name (checked before anything is looked up or written).
pub const MAX_NAME: usize = 255;

/// Failures that lock a name.
pub const MAX_FAILURES: u32 = 5;
/// How long the lock lasts (and how far back failures count).
pub const LOCKOUT: Duration = Duration::from_secs(30 * 60);

/// Guesses being checked now, by name.
#[derive(Default)]
pub struct Guesses(Mutex<HashMap<String, u32>>);

/// One guess's place; given back when dropped (after its failure, if any, is written).
pub struct Guess<'a> {
    guesses: &'a Guesses,
    name: String,
}

impl Guesses {
    /// Reserves a place for one guess at `name`'s password, or refuses: the name is locked.
    pub fn reserve<'a>(&'a self, s: &Server, name: &str) -> Result<Guess<'a>> {
        if name.len() > MAX_NAME {
            return Err(Error::bad_parameter(format!("user: longer than {MAX_NAME} bytes")));
        }
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let failures = s.store.login_failures_since(name, s.settings.now() - LOCKOUT)?;
        let in_flight = map.get(name).copied().unwrap_or(0);
        if failures + in_flight >= MAX_FAILURES {
            return Err(
                Error::access_denied("too many failed login attempts: this account is locked for 30 minutes")
                    .with_hint("wait for the lock to expire, or ask an admin"),
            );
        }
        *map.entry(name.to_string()).or_default() += 1;
        Ok(Guess {
            guesses: self,
            name: name.to_string(),
        })
    }
}

impl Drop for Guess<'_> {
    fn drop(&mut self) {
        let mut map = self.guesses.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = map.get_mut(&self.name) {
            *n -= 1;
            if *n == 0 {
                map.remove(&self.name);
            }
        }
    }
}

/// Checks at a time: one per core.
fn permits() -> &'static Arc<Semaphore> {
    static SEM: OnceLock<Arc<Semaphore>> = OnceLock::new();
    SEM.get_or_init(|| {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        Arc::new(Semaphore::new(cores))
    })
}

/// Runs `check` (password hashing and what goes with it) on the blocking pool, waiting for one
/// of the per-core permits first.
pub async fn off_workers<T: Send + 'static>(check: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    let _permit = permits()
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| Error::internal("the password checks are shut down"))?;
    tokio::task::spawn_blocking(check)
        .await
        .map_err(|e| Error::internal(format!("password check: {e}")))?
}
