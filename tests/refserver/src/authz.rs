//! Who is calling, from the client certificate rustls already verified (chain to the cluster
//! CA, validity window), and whether their roles allow the action.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::SystemTime;

use tele_common::error::{Error, Result};
use tele_common::resources::{Role, User, Verb};
use tele_common::tls;

use crate::ca::{ADMIN_ROLE, SYSTEM_OU};
use crate::store::Store;

/// The caller of a `/v1` request.
#[derive(Debug)]
pub enum Caller {
    /// A system identity (the admin identity in `data_dir`).
    System {
        /// Its name.
        name: String,
    },
    /// A user with the roles named in the certificate.
    User {
        /// The user name.
        name: String,
        /// The user as stored when the call came in (its logins and traits), so a handler
        /// need not read it again.
        user: Box<User>,
        /// The roles that still exist.
        roles: Vec<Role>,
    },
}

/// How many parsed client certificates [`parsed_cert_info`] keeps.
const PARSED_CERTS: usize = 1024;

/// [`tls::cert_info`] of a DER certificate, remembered: a connection presents the same
/// certificate at every call, and parsing it again cost a tenth of a certificate's issuance
/// (profiled). The key is the whole DER rustls verified, so an entry only ever describes that
/// very certificate; what may change over its life (the user, the roles, the clock) is not
/// remembered here. Full, the map starts over: a bound, not an eviction policy.
fn parsed_cert_info(der: &[u8]) -> Result<tls::CertInfo> {
    static PARSED: OnceLock<Mutex<HashMap<Vec<u8>, tls::CertInfo>>> = OnceLock::new();
    let parsed = PARSED.get_or_init(Mutex::default);
    if let Some(info) = parsed.lock().unwrap_or_else(|e| e.into_inner()).get(der) {
        return Ok(info.clone());
    }
    let info = tls::cert_info(der)?;
    let mut map = parsed.lock().unwrap_or_else(|e| e.into_inner());
    if map.len() >= PARSED_CERTS {
        map.clear();
    }
    map.insert(der.to_vec(), info.clone());
    Ok(info)
}

impl Caller {
    /// Identifies the caller from the DER chain the client presented.
    pub fn identify(peer_certs: &[Vec<u8>], store: &Store) -> Result<Self> {
        Self::identify_info(peer_certs, store).map(|(caller, _)| caller)
    }

    /// Like [`Caller::identify`], and the certificate must still be valid at `now` (the
    /// server's clock, which tests move; rustls checked the real one); also returns when it
    /// ends.
    pub fn identify_at(peer_certs: &[Vec<u8>], store: &Store, now: SystemTime) -> Result<(Self, SystemTime)> {
        let (caller, info) = Self::identify_info(peer_certs, store)?;
        if info.not_after <= now {
            return Err(Error::unauthenticated(format!(
                "the certificate of {} has expired",
                caller.name()
            )));
        }
        Ok((caller, info.not_after))
    }

    fn identify_info(peer_certs: &[Vec<u8>], store: &Store) -> Result<(Self, tls::CertInfo)> {
        let leaf = peer_certs.first().ok_or_else(|| {
            Error::unauthenticated("this API needs a client certificate")
                .with_hint("use tctl -c teleport.yaml on the server host, or -i IDENTITY --auth-server=HOST:PORT")
        })?;
        let info = parsed_cert_info(leaf)?;
        if info.route.is_some() {
            return Err(Error::access_denied(
                "a certificate for one database or Kubernetes cluster cannot call the cluster's API",
            ));
        }
        if info.organizational_units.iter().any(|ou| ou == SYSTEM_OU) {
            if info.organizations.iter().any(|o| o == ADMIN_ROLE) {
                let name = info.common_name.clone();
                return Ok((Self::System { name }, info));
            }
            return Err(Error::access_denied("unknown system identity"));
        }
        // The user's roles as they are now, not as the certificate lists them: a role taken
        // away takes effect at once, and rcgen writes one O value per subject (the last role),
        // so the certificate's list is not complete anyway.
        let Some((row, roles)) = store.user_with_roles(&info.common_name)? else {
            return Err(Error::unauthenticated(format!(
                "user {:?} no longer exists",
                info.common_name
            )));
        };
        let name = info.common_name.clone();
        let user = Box::new(row.user);
        Ok((Self::User { name, user, roles }, info))
    }

    /// The caller's name, for logs.
    pub fn name(&self) -> &str {
        match self {
            Self::System { name } | Self::User { name, .. } => name,
        }
    }

    /// Fails unless the caller may do `verb` on `resource`: an allow rule matches and no deny
    /// rule does. System identities may do everything.
    pub fn check(&self, resource: &str, verb: Verb) -> Result<()> {
        match self {
            Self::System { .. } => Ok(()),
            Self::User { roles, .. } => {
                let denied = roles.iter().any(|r| r.denies(resource, verb));
                if !denied && roles.iter().any(|r| r.allows(resource, verb)) {
                    Ok(())
                } else {
                    Err(Error::access_denied(format!(
                        "access denied to perform action {:?} on {resource:?}",
                        verb.as_str()
                    )))
                }
            }
        }
    }
}
