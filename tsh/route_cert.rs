//! Routed certificates for databases and Kubernetes clusters (`tele_common::api::routes`): ask
//! whether the target needs per-session MFA, run the ceremony when it does (Teleport's "MFA is
//! required to access Database "NAME"" first), and get a certificate for a key made here and
//! kept in memory. `tsh db exec` keeps the one answer for its other databases (the server takes
//! it again for five minutes, from `TSH_DB_EXEC` only).

use std::sync::Arc;

use tele_common::api::Client;
use tele_common::api::login::MfaResponse;
use tele_common::api::routes::{REQUESTER_DB_EXEC, RouteCert, RouteCertRequest, RouteTarget};
use tele_common::context::Context;
use tele_common::error::{Error, Result};
use tele_common::keys::TlsKey;
use tele_common::mfa::{Ceremony, MfaMode, Prompter};
use tele_common::profile::{Home, Session};
use tele_common::tls;

use crate::cli::Env;
use tele::prompt::TermPrompter;

/// Gets routed certificates for one login.
pub struct Issuer {
    client: Client,
    user: String,
    origin: String,
    cas_pem: String,
    mode: MfaMode,
    requester: &'static str,
    reusable: Option<MfaResponse>,
}

impl Issuer {
    /// An issuer for the login `session`; `requester` is Teleport's `RequesterName` (empty, or
    /// [`REQUESTER_DB_EXEC`]).
    pub fn new(env: &Env, home: &Home, session: &Session, requester: &'static str) -> Result<Self> {
        Ok(Self {
            client: session.client(home, env.global.insecure)?,
            user: session.profile.user.clone(),
            origin: format!("https://{}", session.profile.web_proxy_addr),
            cas_pem: session.certs.tls_cas.clone(),
            mode: env.global.mfa_mode,
            requester,
            reusable: None,
        })
    }

    /// The API client of the login.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// A certificate for `target`, with an MFA check when the cluster wants one.
    pub async fn issue(&mut self, ctx: &Context, target: &RouteTarget) -> Result<RouteCert> {
        let mfa_response = if self.client.route_mfa_required(target).await? {
            match &self.reusable {
                Some(answer) => Some(answer.clone()),
                None => {
                    let prompter = TermPrompter::new(ctx);
                    prompter.notify(&target.mfa_reason());
                    let ceremony = Ceremony {
                        mode: self.mode,
                        origin: self.origin.clone(),
                        authenticator: tele_common::mfa::authenticator(ctx, &prompter),
                        prompter: &prompter,
                        registered: false,
                    };
                    let answer = crate::session_mfa::solve(&ceremony, &self.client).await?;
                    if self.requester == REQUESTER_DB_EXEC {
                        self.reusable = Some(answer.clone());
                    }
                    Some(answer)
                }
            }
        } else {
            None
        };
        let key = TlsKey::generate(tele_common::keys::KeyAlgorithm::EcdsaP256)?;
        let answer = self
            .client
            .route_cert(&RouteCertRequest {
                tls_public_key: key.public_pem(),
                target: target.clone(),
                mfa_response,
                requester: self.requester.to_string(),
            })
            .await?;
        // Checked before use, as a login's certificates are: this user, this target.
        let der = tls::parse_certs_pem(&answer.tls_cert)?
            .into_iter()
            .next()
            .ok_or_else(|| Error::internal("the cluster sent no certificate"))?;
        let info = tls::cert_info(&der)?;
        if info.common_name != self.user || info.route.as_ref() != Some(target) {
            return Err(Error::internal(format!(
                "the cluster sent a certificate for {:?} ({:?}), not for {:?} ({target:?})",
                info.common_name, info.route, self.user
            )));
        }
        Ok(RouteCert {
            target: target.clone(),
            key,
            cert_pem: answer.tls_cert,
            cas_pem: self.cas_pem.clone(),
            not_after: info.not_after,
        })
    }
}

/// The routed certificate of a local proxy (`tsh proxy db --tunnel`, `tsh proxy kube`) and its
/// TLS config, built once per certificate; renewed (a new MFA check when the target needs one)
/// once it has expired, before the next connection.
pub struct Renewing {
    issuer: Issuer,
    target: RouteTarget,
    alpn: &'static [u8],
    insecure: bool,
    cert: RouteCert,
    config: Arc<rustls::ClientConfig>,
}

impl Renewing {
    /// Gets the first certificate for `target`, offering `alpn` to the proxy.
    pub async fn new(
        mut issuer: Issuer,
        ctx: &Context,
        target: RouteTarget,
        alpn: &'static [u8],
        insecure: bool,
    ) -> Result<Self> {
        let cert = issuer.issue(ctx, &target).await?;
        let config = Arc::new(cert.tls_config(&[alpn], insecure)?);
        Ok(Self {
            issuer,
            target,
            alpn,
            insecure,
            cert,
            config,
        })
    }

    /// The TLS config for the next connection.
    pub async fn config(&mut self, ctx: &Context) -> Result<Arc<rustls::ClientConfig>> {
        if self.cert.expired(ctx.now()) {
            let cert = self.issuer.issue(ctx, &self.target).await?;
            self.config = Arc::new(cert.tls_config(&[self.alpn], self.insecure)?);
            self.cert = cert;
        }
        Ok(self.config.clone())
    }
}
