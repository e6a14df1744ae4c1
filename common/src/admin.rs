//! How tctl finds its credentials, in Teleport's order: an identity file (`-i`, with
//! `--auth-server`), else the server's config (`-c`, `TELEPORT_CONFIG_FILE`, or
//! `/etc/teleport.yaml` on the auth host) whose data dir holds the admin identity, else the
//! current tsh profile (its login certificate, its proxy's web address, the CAs saved at login).

use std::path::{Path, PathBuf};

use crate::config::{DEFAULT_CONFIG_PATH, DEFAULT_WEB_PORT, FileConfig};
use crate::context::Context;
use crate::env;
use crate::error::{Error, ErrorKind, Result, io_error};
use crate::identity::Identity;
use crate::profile::{Home, Session};

/// tctl's global credential flags.
#[derive(Clone, Debug, Default)]
pub struct AdminOptions {
    /// `-c/--config`.
    pub config: Option<PathBuf>,
    /// `-i/--identity`.
    pub identity: Option<PathBuf>,
    /// `--auth-server`.
    pub auth_server: Option<String>,
    /// `--insecure`.
    pub insecure: bool,
}

/// Where the certificate tctl presents comes from.
#[derive(Debug)]
pub enum Source {
    /// An identity file: `-i`, or the auth host's admin identity (`-c`).
    Identity(Box<Identity>),
    /// The current tsh profile.
    Profile {
        /// tsh's home, where the profile's keys are.
        home: Home,
        /// The profile and its certificates.
        session: Box<Session>,
    },
}

/// Where tctl's credentials lead: the address to dial, the certificate, and the cluster's name.
#[derive(Debug)]
pub struct Credentials {
    /// `host:port` of the proxy's web listener.
    pub addr: String,
    /// The certificate to present and the CAs to trust.
    pub source: Source,
    /// `--insecure`.
    pub insecure: bool,
    /// The cluster's name.
    pub cluster: String,
}

impl Credentials {
    /// TLS presenting the certificate, the cluster's CAs as the only roots.
    pub fn tls(&self) -> Result<rustls::ClientConfig> {
        match &self.source {
            Source::Identity(id) => id.client_config(self.insecure),
            Source::Profile { home, session } => session.tls_config(home, self.insecure),
        }
    }

    /// TLS trusting the cluster's CAs and presenting nothing, for the web API's public
    /// endpoints.
    pub fn public_tls(&self) -> Result<rustls::ClientConfig> {
        match &self.source {
            Source::Identity(id) => id.public_config(self.insecure),
            Source::Profile { session, .. } => session.public_tls_config(self.insecure),
        }
    }

    /// What to do when the server says these credentials have ended: for a tsh profile, log in
    /// again; an identity file's message says it already.
    pub fn expired_hint(&self) -> Option<String> {
        match &self.source {
            Source::Profile { session, .. } => Some(login_hint(&session.profile)),
            Source::Identity(_) => None,
        }
    }

    /// Adds [`Credentials::expired_hint`] to a refusal that says the credentials have ended.
    pub fn explain(&self, err: Error) -> Error {
        match self.expired_hint() {
            Some(hint) if err.kind() == ErrorKind::Unauthenticated && err.message().contains("expired") => {
                err.with_hint(hint)
            }
            _ => err,
        }
    }
}

/// Finds credentials, in Teleport's order.
pub fn credentials(ctx: &Context, opts: &AdminOptions) -> Result<Credentials> {
    let auth_server = opts
        .auth_server
        .clone()
        .or_else(|| ctx.var(env::TELEPORT_AUTH_SERVER).map(String::from));
    let identity = opts
        .identity
        .clone()
        .or_else(|| ctx.var(env::TELEPORT_IDENTITY_FILE).map(PathBuf::from));
    if let Some(path) = identity {
        let path = ctx.resolve(path);
        let addr = auth_server.ok_or_else(|| {
            Error::bad_parameter("--auth-server is required with --identity")
                .with_hint("pass the proxy's web address, e.g. --auth-server=proxy.example.com:3080")
        })?;
        let id = read_identity(ctx, &path)?;
        return Ok(Credentials {
            addr: normalize_addr(&addr)?,
            cluster: id.tls_info()?.issuer_common_name,
            source: Source::Identity(Box::new(id)),
            insecure: opts.insecure,
        });
    }
    let config_path = opts
        .config
        .clone()
        .or_else(|| ctx.var(env::TELEPORT_CONFIG_FILE).map(PathBuf::from))
        .map(|p| ctx.resolve(p))
        .or_else(|| Some(PathBuf::from(DEFAULT_CONFIG_PATH)).filter(|p| p.exists()));
    let Some(config_path) = config_path else {
        return profile_credentials(ctx, opts, auth_server.as_deref());
    };
    let config = FileConfig::load(&config_path)?;
    let identity_path = config.admin_identity_path();
    if !identity_path.exists() {
        return Err(
            Error::unauthenticated(format!("no admin identity at {}", identity_path.display())).with_hint(format!(
                "start the server once with this config (refserver start -c {}) so it writes one",
                config_path.display()
            )),
        );
    }
    let id = read_identity(ctx, &identity_path)?;
    let addr = match auth_server {
        Some(a) => normalize_addr(&a)?,
        None => config.local_web_addr(),
    };
    Ok(Credentials {
        addr,
        source: Source::Identity(Box::new(id)),
        insecure: opts.insecure,
        cluster: config.cluster_name(),
    })
}

/// The current tsh profile, as Teleport's tctl uses it on a workstation: the login's
/// certificate, reaching the Auth service through the proxy's web port.
fn profile_credentials(ctx: &Context, opts: &AdminOptions, auth_server: Option<&str>) -> Result<Credentials> {
    let no_credentials = || {
        Error::unauthenticated("no credentials found: no tsh profile is logged in and no teleport.yaml was given")
            .with_hint(
                "log in first: tsh login --proxy=HOST:PORT --user=NAME; on the auth server host run tctl -c /path/to/teleport.yaml; elsewhere pass -i IDENTITY --auth-server=HOST:PORT",
            )
    };
    let home = Home::resolve(ctx)?;
    let Some(name) = home.current()? else {
        return Err(no_credentials());
    };
    let Some(profile) = home.load(&name)? else {
        return Err(no_credentials());
    };
    if let Some(wanted) = auth_server {
        let wanted = normalize_addr(wanted)?;
        if wanted != profile.web_proxy_addr {
            return Err(Error::unauthenticated(format!(
                "the current tsh profile is for {} (cluster {:?}), not {wanted}",
                profile.web_proxy_addr, profile.cluster
            ))
            .with_hint(format!("log in there first: tsh login --proxy={wanted}")));
        }
    }
    let session = Session::load(&home, profile)?;
    let until = session.valid_until();
    if until <= ctx.now() {
        return Err(Error::unauthenticated(format!(
            "the tsh profile of {} for {} expired at {}",
            session.profile.user,
            session.profile.web_proxy_addr,
            crate::duration::rfc3339(until)
        ))
        .with_hint(login_hint(&session.profile)));
    }
    Ok(Credentials {
        addr: session.profile.web_proxy_addr.clone(),
        cluster: session.profile.cluster.clone(),
        source: Source::Profile {
            home,
            session: Box::new(session),
        },
        insecure: opts.insecure,
    })
}

fn login_hint(profile: &crate::profile::Profile) -> String {
    format!(
        "log in again: tsh login --proxy={} --user={}",
        profile.web_proxy_addr, profile.user
    )
}

fn read_identity(ctx: &Context, path: &Path) -> Result<Identity> {
    let text = std::fs::read_to_string(path).map_err(|e| io_error("reading identity file", path, e))?;
    let id = Identity::parse(&text).map_err(|e| e.context(path.display()))?;
    id.check_valid(ctx.now(), &path.display().to_string())?;
    Ok(id)
}

/// Accepts `host`, `host:port` or `https://host:port/`; the default port is the web port.
pub fn normalize_addr(addr: &str) -> Result<String> {
    let trimmed = addr.trim().trim_start_matches("https://").trim_end_matches('/');
    if trimmed.is_empty() || trimmed.contains('/') || trimmed.contains("://") {
        return Err(Error::bad_parameter(format!(
            "{addr:?} is not a valid server address, expected host:port"
        )));
    }
    let has_port = if trimmed.starts_with('[') {
        trimmed.contains("]:")
    } else {
        trimmed.contains(':')
    };
    if has_port {
        crate::config::split_host_port(trimmed)?;
        Ok(trimmed.to_string())
    } else {
        Ok(format!("{trimmed}:{DEFAULT_WEB_PORT}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_addresses() {
        assert_eq!(normalize_addr("proxy.example.com").unwrap(), "proxy.example.com:3080");
        assert_eq!(normalize_addr("https://127.0.0.1:4000/").unwrap(), "127.0.0.1:4000");
        assert!(normalize_addr("http://x/y").is_err());
        assert!(normalize_addr("host:notaport").is_err());
    }

    #[test]
    fn without_credentials_says_what_to_do() {
        let ctx = Context::for_test(&[("HOME", "/nonexistent")]);
        let err = credentials(&ctx, &AdminOptions::default()).unwrap_err();
        if !Path::new(DEFAULT_CONFIG_PATH).exists() {
            assert_eq!(err.kind(), crate::error::ErrorKind::Unauthenticated);
            assert!(err.message().contains("no tsh profile"), "{err}");
            assert!(err.hint().unwrap().contains("tsh login --proxy"));
            assert!(err.hint().unwrap().contains("-i IDENTITY"));
        }
        let opts = AdminOptions {
            identity: Some("/x".into()),
            ..Default::default()
        };
        assert!(
            credentials(&ctx, &opts)
                .unwrap_err()
                .message()
                .contains("--auth-server")
        );
    }
}
