//! `tsh login`: password and second factor in, short-lived SSH and TLS certificates out, saved
//! as a profile, keys in the keyring or files, the certificate loaded into the ssh-agent.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use rustls::pki_types::CertificateDer;
use ssh_key::Certificate;
use ssh_key::certificate::CertType;

use crate::agent;
use crate::api::Client;
use crate::api::login::{AuthenticateSshUserRequest, MfaLoginBeginRequest, SshLoginResponse};
use crate::context::Context;
use crate::env;
use crate::error::{Error, Result, io_error};
use crate::fsutil;
use crate::keys::{self, SshKey};
use crate::keystore::{self, KeyKind, KeyStoreKind};
use crate::mfa::{Authenticator, Ceremony, MfaMode, Prompter};
use crate::profile::{Home, Profile, proxy_host};
use crate::sshca::{self, ExportType};
use crate::suite::Suite;
use crate::tls;

/// `--add-keys-to-agent`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum AddKeysToAgent {
    /// Load into the agent unless there is none or it is gpg-agent.
    #[default]
    Auto,
    /// Never.
    No,
    /// Always (a warning when there is no agent).
    Yes,
    /// Only into the agent: no private key is written to disk.
    Only,
}

/// What `tsh login` was asked for.
#[derive(Clone, Debug)]
pub struct LoginOptions {
    /// Proxy web address, `host:port`.
    pub proxy: String,
    /// Teleport user.
    pub user: String,
    /// Certificate lifetime; the cluster's default when none.
    pub ttl: Option<Duration>,
    /// Skip checking the proxy's certificate.
    pub insecure: bool,
    /// `--mfa-mode`.
    pub mfa_mode: MfaMode,
    /// `--add-keys-to-agent`.
    pub add_keys: AddKeysToAgent,
    /// `TELEPORT_USE_LOCAL_SSH_AGENT`.
    pub use_local_agent: bool,
}

/// How a login went, beyond the profile it wrote.
#[derive(Debug)]
pub struct LoginOutcome {
    /// The profile now current.
    pub profile: Profile,
    /// Things the user should know (agent refused certificates, ...).
    pub warnings: Vec<String>,
}

/// Builds the trust for talking to a proxy before login: `SSL_CERT_FILE` or the system's roots,
/// plus the cluster CA saved by an earlier login to this proxy.
pub fn web_trust(ctx: &Context, home: &Home, proxy: &str, insecure: bool) -> Result<rustls::ClientConfig> {
    let mut roots: Vec<CertificateDer<'static>> = Vec::new();
    if let Some(file) = ctx.var(env::SSL_CERT_FILE) {
        let path = ctx.resolve(file);
        let text = std::fs::read_to_string(&path).map_err(|e| io_error("reading SSL_CERT_FILE", &path, e))?;
        roots.extend(tls::parse_certs_pem(&text).map_err(|e| e.context(path.display()))?);
    } else {
        roots.extend(rustls_native_certs::load_native_certs().certs);
    }
    let saved = home.keys(&proxy_host(proxy), "").certs_pem();
    if let Ok(text) = std::fs::read_to_string(saved) {
        roots.extend(tls::parse_certs_pem(&text).unwrap_or_default());
    }
    tls::client_config(&roots, None, insecure)
}

/// Logs in.
pub async fn login(
    ctx: &Context,
    home: &Home,
    opts: &LoginOptions,
    prompter: &dyn Prompter,
    authenticator: Option<Arc<dyn Authenticator>>,
) -> Result<LoginOutcome> {
    let client = Client::new(ctx, &opts.proxy, web_trust(ctx, home, &opts.proxy, opts.insecure)?)?;
    let ping = client.ping().await.map_err(|e| {
        if e.kind() == crate::error::ErrorKind::Unauthenticated && !opts.insecure {
            e.with_hint("if the proxy uses a private CA, trust it with SSL_CERT_FILE=ca.pem (or --insecure for tests)")
        } else {
            e
        }
    })?;
    let password = prompter.read_secret(&format!("Enter password for Teleport user {}:", opts.user))?;
    let challenge = client
        .mfa_login_begin(&MfaLoginBeginRequest {
            user: opts.user.clone(),
            pass: password.to_string(),
        })
        .await?;
    let ceremony = Ceremony {
        mode: opts.mfa_mode,
        origin: format!("https://{}", opts.proxy),
        authenticator,
        prompter,
        registered: false,
    };
    let answer = ceremony.solve(&challenge)?;
    let (ssh_alg, tls_alg) = Suite::user_keys(ping.auth.signature_algorithm_suite);
    let (ssh_key, tls_key) = keys::generate_pair(ssh_alg, tls_alg)?;
    let ttl = opts
        .ttl
        .or(ping.auth.default_session_ttl.map(|d| d.0))
        .unwrap_or(Duration::from_secs(12 * 3600));
    let resp = client
        .mfa_login_finish(&AuthenticateSshUserRequest {
            user: opts.user.clone(),
            password: password.to_string(),
            webauthn_challenge_response: answer.webauthn,
            totp_code: answer.totp_code,
            ssh_pub_key: ssh_key.public_openssh(),
            tls_pub_key: tls_key.public_pem(),
            ttl,
            ..Default::default()
        })
        .await?;
    drop(password);
    let user_ca = client.export_ca(Some(ExportType::User)).await?;
    let cert = check_login_certs(ctx, &resp, &user_ca)?;
    let cluster = resp
        .host_signers
        .first()
        .map(|s| s.domain_name.clone())
        .unwrap_or(ping.cluster_name.clone());

    let mut warnings = Vec::new();
    let agent_sock = agent_socket(ctx, opts, &mut warnings)?;
    let key_store = if opts.add_keys == AddKeysToAgent::Only {
        KeyStoreKind::AgentOnly
    } else {
        let store = keystore::select(ctx, home.keys_dir())?;
        let host = proxy_host(&opts.proxy);
        store.put(
            &host,
            &opts.user,
            KeyKind::Ssh,
            ssh_key.to_openssh()?.expose().as_bytes(),
        )?;
        store.put(
            &host,
            &opts.user,
            KeyKind::Tls,
            tls_key.private_pem().expose().as_bytes(),
        )?;
        store.kind()
    };
    let profile = Profile {
        web_proxy_addr: opts.proxy.clone(),
        ssh_proxy_addr: ping.proxy.ssh_proxy_addr(),
        tls_routing_enabled: ping.proxy.tls_routing_enabled,
        user: opts.user.clone(),
        cluster: cluster.clone(),
        mfa_mode: if opts.mfa_mode == MfaMode::Auto {
            String::new()
        } else {
            format!("{:?}", opts.mfa_mode).to_lowercase()
        },
        key_store,
    };
    save_public(home, &profile, &ssh_key, &resp)?;
    home.save(&profile)?;
    home.set_current(&profile.name())?;

    if let Some(sock) = agent_sock {
        let lifetime = cert
            .valid_before()
            .saturating_sub(now_unix(ctx))
            .min(u64::from(u32::MAX)) as u32;
        match agent::add_certificate(&sock, &ssh_key, &cert, &format!("teleport:{}", opts.user), lifetime) {
            Ok(()) => {}
            Err(agent::AddError::Refused) => warnings.push(
                "Certificate was not loaded into agent because the agent at SSH_AUTH_SOCK does not appear to support \
                 SSH certificates. To force load the certificate into the running agent, use the \
                 --add-keys-to-agent=yes flag."
                    .into(),
            ),
            Err(agent::AddError::Other(e)) if opts.add_keys == AddKeysToAgent::Only => return Err(e),
            Err(agent::AddError::Other(e)) => warnings.push(format!("the key was not loaded into the agent: {e}")),
        }
    }
    Ok(LoginOutcome { profile, warnings })
}

fn now_unix(ctx: &Context) -> u64 {
    ctx.now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// Checks what the proxy sent before anything is saved: a user certificate for this user,
/// signed by the cluster's user CA, valid now; a TLS certificate for this user; a host CA.
/// Public for the fuzz targets.
#[doc(hidden)]
pub fn check_login_certs(ctx: &Context, resp: &SshLoginResponse, user_ca_line: &str) -> Result<Certificate> {
    let bad = |what: &str| Error::unauthenticated(format!("bad response from the server: {what}"));
    if resp.host_signers.is_empty() || resp.host_signers.iter().all(|s| s.checking_keys.is_empty()) {
        return Err(bad("expected at least one certificate, got 0"));
    }
    let cert = Certificate::from_openssh(resp.cert.trim()).map_err(|_| bad("the SSH certificate does not parse"))?;
    let ca_key = user_ca_line
        .split_whitespace()
        .skip(1)
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    let ca = ssh_key::PublicKey::from_openssh(&ca_key).map_err(|_| bad("the user CA does not parse"))?;
    sshca::check_cert(&cert, &ca, CertType::User, None, now_unix(ctx))?;
    if cert.key_id() != resp.username {
        return Err(bad("the SSH certificate names another user"));
    }
    let tls_info = tls::cert_info(&tls::parse_certs_pem(&resp.tls_cert)?[0])?;
    if tls_info.common_name != resp.username || tls_info.not_after <= ctx.now() {
        return Err(bad("the TLS certificate is for another user or expired"));
    }
    Ok(cert)
}

/// Writes certificates, public key and CAs (never private keys) under the home.
fn save_public(home: &Home, profile: &Profile, ssh_key: &SshKey, resp: &SshLoginResponse) -> Result<()> {
    let paths = home.keys(&profile.name(), &profile.user);
    fsutil::write_private_creating(&paths.ssh_pub(), format!("{}\n", ssh_key.public_openssh()).as_bytes())?;
    fsutil::write_private_creating(
        &paths.ssh_cert(&profile.cluster),
        format!("{}\n", resp.cert.trim_end()).as_bytes(),
    )?;
    fsutil::write_private_creating(&paths.tls_cert(), resp.tls_cert.as_bytes())?;
    let mut all_cas = String::new();
    let mut known = Vec::new();
    let host = profile.name();
    for signer in &resp.host_signers {
        let pems = signer.tls_certs.concat();
        fsutil::write_private_creating(&paths.ca(&signer.domain_name), pems.as_bytes())?;
        all_cas.push_str(&pems);
        for key in &signer.checking_keys {
            let key = ssh_key::PublicKey::from_openssh(key.trim())
                .map_err(|_| Error::unauthenticated("bad response from the server: a host CA key does not parse"))?;
            known.push(sshca::host_ca_line(&key, &signer.domain_name, &[host.as_str()]));
        }
    }
    fsutil::write_private_creating(&paths.certs_pem(), all_cas.as_bytes())?;
    home.add_known_hosts(&known)
}

/// Decides whether to load the agent and where it is.
fn agent_socket(ctx: &Context, opts: &LoginOptions, warnings: &mut Vec<String>) -> Result<Option<PathBuf>> {
    if opts.add_keys == AddKeysToAgent::No || !opts.use_local_agent {
        return Ok(None);
    }
    let sock = ctx.var(env::SSH_AUTH_SOCK).map(|s| ctx.resolve(s));
    match (opts.add_keys, sock) {
        (AddKeysToAgent::Auto, Some(s)) if s.to_string_lossy().contains("gpg-agent") => Ok(None),
        (AddKeysToAgent::Auto, s) => Ok(s),
        (AddKeysToAgent::Only, None) => Err(
            Error::bad_parameter("--add-keys-to-agent=only needs a running ssh-agent")
                .with_hint("start one (eval $(ssh-agent)) or pick another --add-keys-to-agent"),
        ),
        (_, None) => {
            warnings.push("no ssh-agent is running (SSH_AUTH_SOCK is not set): the key was not loaded".into());
            Ok(None)
        }
        (_, s) => Ok(s),
    }
}

/// Removes a profile's keys (files or keyring), certificates and agent entries.
pub fn logout(ctx: &Context, home: &Home, profile: &Profile) -> Result<()> {
    let name = profile.name();
    let paths = home.keys(&name, &profile.user);
    let cert_path = paths.ssh_cert(&profile.cluster);
    if let (Some(sock), Ok(text)) = (ctx.var(env::SSH_AUTH_SOCK), std::fs::read_to_string(&cert_path))
        && let Ok(cert) = Certificate::from_openssh(text.trim())
        && let Ok(blob) = cert.to_bytes()
    {
        // An agent that is gone has nothing of ours left to remove.
        let _ = agent::remove(&ctx.resolve(sock), &blob);
    }
    if profile.key_store != KeyStoreKind::AgentOnly {
        let store = keystore::open(profile.key_store, home.keys_dir())?;
        store.delete(&name, &profile.user, KeyKind::Ssh)?;
        store.delete(&name, &profile.user, KeyKind::Tls)?;
    }
    // The rest of keys/<proxy> holds only this login's public files and CAs.
    match std::fs::remove_dir_all(paths.dir()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_error("removing", paths.dir(), e)),
    }
    home.remove(&name)?;
    if home.current()?.as_deref() == Some(name.as_str()) {
        home.clear_current()?;
    }
    Ok(())
}
