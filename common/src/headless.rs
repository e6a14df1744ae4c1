//! `tsh --headless` (seed 001, teleport-facts §4): keys made in memory, a request the user
//! approves elsewhere, one-minute certificates for this one command. Nothing is written to
//! `TELEPORT_HOME`: the session lives in this process only.

use std::sync::Arc;

use crate::api::Client;
use crate::api::headless::{CERT_TTL, HeadlessLoginRequest, authorized_key, request_id};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::keys::{SshKey, TlsKey};
use crate::keystore::KeyStoreKind;
use crate::login::{check_login_certs, web_trust};
use crate::profile::{Home, MemoryKeys, Profile, Session, SessionCerts};
use crate::sshca::ExportType;

/// The connector name that means headless login (`--auth`, `connector_name`).
pub const CONNECTOR: &str = "headless";

/// The error of any other command.
pub fn unsupported() -> Error {
    Error::bad_parameter(
        "Headless login is not supported for this command. Only 'tsh ls', 'tsh ssh', and 'tsh scp' are supported.",
    )
}

/// A request made and waiting for approval.
pub struct Pending {
    client: Client,
    req: HeadlessLoginRequest,
    ssh: SshKey,
    tls: TlsKey,
    proxy: String,
    ssh_proxy_addr: String,
    tls_routing: bool,
    /// The approval page.
    pub url: String,
    /// The command that approves it from another terminal.
    pub approve_command: String,
}

/// Makes the keys and the request; nothing is sent yet but a ping (is headless allowed?).
pub async fn begin(ctx: &Context, home: &Home, proxy: &str, user: &str, insecure: bool) -> Result<Pending> {
    let client = Client::new(ctx, proxy, web_trust(ctx, home, proxy, insecure)?)?;
    let ping = client.ping().await?;
    if !ping.auth.allow_headless {
        return Err(Error::access_denied("headless disallowed by cluster settings")
            .with_hint("log in with tsh login on a machine with a security key, or ask an admin to allow headless"));
    }
    let (ssh_alg, tls_alg) = crate::suite::Suite::user_keys(ping.auth.signature_algorithm_suite);
    let (ssh, tls) = crate::keys::generate_pair(ssh_alg, tls_alg)?;
    let key_line = authorized_key(&ssh);
    let id = request_id(&key_line);
    // The command names the proxy as a user would type it: the host alone on the default port.
    let shown_proxy = match crate::config::split_host_port(proxy) {
        Ok((host, 3080)) => host,
        _ => proxy.to_string(),
    };
    Ok(Pending {
        req: HeadlessLoginRequest {
            user: user.to_string(),
            headless_id: id.clone(),
            ssh_pub_key: key_line,
            tls_pub_key: tls.public_pem(),
            ttl: CERT_TTL,
            ..Default::default()
        },
        url: format!("https://{proxy}/web/headless/{id}"),
        approve_command: format!("tsh headless approve --user={user} --proxy={shown_proxy} {id}"),
        client,
        ssh,
        tls,
        proxy: proxy.to_string(),
        ssh_proxy_addr: ping.proxy.ssh_proxy_addr(),
        tls_routing: ping.proxy.tls_routing_enabled,
    })
}

impl Pending {
    /// What the user is told to do (Teleport's text).
    pub fn message(&self) -> String {
        format!(
            "Complete headless authentication in your local web browser:\n\n{}\n\nor execute this command in your local terminal:\n\n{}\n",
            self.url, self.approve_command
        )
    }

    /// The request ID.
    pub fn id(&self) -> &str {
        &self.req.headless_id
    }

    /// Sends the request and waits (up to three minutes) for the decision; an in-memory
    /// session on approval.
    pub async fn wait(self, ctx: &Context) -> Result<Session> {
        let resp = self.client.headless_login(&self.req).await?;
        let user_ca = self.client.export_ca(Some(ExportType::User)).await?;
        let ssh_cert = check_login_certs(ctx, &resp, &user_ca)?;
        let signer = resp
            .host_signers
            .first()
            .ok_or_else(|| Error::unauthenticated("bad response from the server: no host CA"))?;
        let host_cas = signer
            .checking_keys
            .iter()
            .map(|k| {
                ssh_key::PublicKey::from_openssh(k.trim())
                    .map_err(|_| Error::unauthenticated("bad response from the server: a host CA key does not parse"))
            })
            .collect::<Result<Vec<_>>>()?;
        let profile = Profile {
            web_proxy_addr: self.proxy.clone(),
            ssh_proxy_addr: self.ssh_proxy_addr,
            tls_routing_enabled: self.tls_routing,
            user: resp.username.clone(),
            cluster: signer.domain_name.clone(),
            mfa_mode: String::new(),
            key_store: KeyStoreKind::AgentOnly,
        };
        Ok(Session {
            profile,
            certs: SessionCerts {
                ssh_cert,
                tls_cert: resp.tls_cert.clone(),
                tls_cas: signer.tls_certs.concat(),
            },
            memory: Some(Arc::new(MemoryKeys {
                ssh: Arc::new(self.ssh),
                tls: self.tls,
                host_cas,
            })),
            tls: Default::default(),
        })
    }
}
