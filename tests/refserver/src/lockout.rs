//! Password checks: off the async workers, and a lockout that holds under concurrency.
//!
//! Five failures for a name within 30 minutes lock that name (known or not) for 30 minutes, by
//! the server's clock (the one tests move). A guess reserves its place before the password is
//! hashed and gives it back once its outcome is written, so however many guesses arrive at once,
//! no more than the allowed number is ever checked: failures written plus guesses in flight
//! never pass the limit.
//!
//! Argon2 runs on tokio's blocking pool, at most one check per core at a time, so a storm of
//! logins slows logins and nothing else (the web API's other calls keep their workers). One
//! client address may have only so many checks waiting or running at once
//! ([`crate::settings::Limits::logins_per_address`]); past that a login is refused with 429
//! before the name is looked up, so a single stranger cannot queue unbounded hashing.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use tele_common::error::{Error, ErrorKind, Result};
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

/// Password checks waiting or running, by client address (see [`address_key`]).
#[derive(Default)]
pub struct Addresses(Mutex<HashMap<IpAddr, u32>>);

/// One admitted check's place in its address's count; given back when dropped.
pub struct Admitted<'a> {
    addresses: &'a Addresses,
    key: IpAddr,
}

/// What one client counts as: an IPv4 address (IPv4-mapped IPv6 included), or an IPv6 /64, the
/// block one machine or home is given (counting single IPv6 addresses would let one host use
/// 2^64 of them).
pub fn address_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(bits.into())
        }
        v4 => v4,
    }
}

impl Addresses {
    /// Admits one more check from `ip`, or refuses: `cap` are waiting or running already.
    pub fn admit(&self, ip: IpAddr, cap: u32) -> Result<Admitted<'_>> {
        let key = address_key(ip);
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let n = map.entry(key).or_default();
        if *n >= cap {
            tracing::warn!(ip = %ip, waiting = *n, "login refused: too many at once from one address");
            return Err(Error::new(
                ErrorKind::LimitExceeded,
                "too many login attempts from this address at once",
            )
            .with_hint("wait for the running ones to finish, then try again"));
        }
        *n += 1;
        Ok(Admitted { addresses: self, key })
    }
}

impl Drop for Admitted<'_> {
    fn drop(&mut self) {
        let mut map = self.addresses.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = map.get_mut(&self.key) {
            *n -= 1;
            if *n == 0 {
                map.remove(&self.key);
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

/// Runs `check` (password hashing and what goes with it) for a client at `ip` on the blocking
/// pool, once its address is admitted and one of the per-core permits is free.
pub async fn off_workers<T: Send + 'static>(
    s: &Server,
    ip: IpAddr,
    check: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    let _admitted = s.addresses.admit(ip, s.settings.limits.logins_per_address)?;
    let _permit = permits()
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| Error::internal("the password checks are shut down"))?;
    tokio::task::spawn_blocking(check)
        .await
        .map_err(|e| Error::internal(format!("password check: {e}")))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_client_is_an_ipv4_address_or_an_ipv6_64() {
        let key = |s: &str| address_key(s.parse().unwrap()).to_string();
        assert_eq!(key("192.0.2.7"), "192.0.2.7");
        assert_eq!(key("::ffff:192.0.2.7"), "192.0.2.7");
        assert_eq!(key("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::");
        assert_eq!(key("2001:db8:1:2::1"), key("2001:db8:1:2:ffff::9"));
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
    }

    #[test]
    fn an_address_past_its_cap_is_refused_until_one_finishes() {
        let addresses = Addresses::default();
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        let first = addresses.admit(a, 2).unwrap();
        let _second = addresses.admit(a, 2).unwrap();
        let refused = addresses.admit(a, 2).err().unwrap();
        assert_eq!(refused.kind(), ErrorKind::LimitExceeded);
        assert_eq!(refused.message(), "too many login attempts from this address at once");
        let _other = addresses.admit(b, 2).expect("another address has its own count");
        drop(first);
        let _third = addresses.admit(a, 2).expect("a place was given back");
        assert!(addresses.admit(a, 2).is_err());
    }
}
