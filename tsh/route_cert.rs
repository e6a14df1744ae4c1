//! Routed certificates for databases and Kubernetes clusters (`tele_common::api::routes`): ask
//! whether the target needs per-session MFA, run the ceremony when it does (Teleport's "MFA is
//! required to access Database "NAME"" first), and get a certificate for a key made here and
//! kept in memory. `tsh db exec` keeps the one answer for its other databases (the server takes
//! it again for five minutes, from `TSH_DB_EXEC` only).

use std::sync::Arc;

use tele_common::api::databases::DatabaseListing;
use tele_common::api::routes::{REQUESTER_DB_EXEC, RouteCert, RouteTarget};
use tele_common::context::Context;
use tele_common::error::{Error, Result};
use tele_common::grpc::AuthClient;
use tele_common::grpc::mfa::{challenge_from_proto, response_to_proto};
use tele_common::grpc::route::{RouteCertParams, cert_request, mfa_check, requester};
use tele_common::grpc::wire::proto::{MfaAuthenticateResponse, MfaRequired};
use tele_common::grpc::wire::teleport::mfa::v1::ChallengeScope;
use tele_common::keys::TlsKey;
use tele_common::mfa::{Ceremony, MfaMode, Prompter};
use tele_common::profile::{Home, Session};
use tele_common::resources::KubeCluster;
use tele_common::tls;

use crate::cli::Env;
use tele::prompt::TermPrompter;

/// Gets routed certificates for one login, over the Auth service's gRPC (a connection per
/// certificate: each may come from another runtime).
pub struct Issuer {
    home: Home,
    session: Session,
    mode: MfaMode,
    requester: &'static str,
    reusable: Option<MfaAuthenticateResponse>,
}

impl Issuer {
    /// An issuer for the login `session`; `requester` is Teleport's `RequesterName` (empty,
    /// [`REQUESTER_DB_EXEC`], or a local proxy's).
    pub fn new(env: &Env, home: &Home, session: &Session, requester: &'static str) -> Result<Self> {
        Ok(Self {
            home: home.clone(),
            session: session.clone(),
            mode: env.global.mfa_mode,
            requester,
            reusable: None,
        })
    }

    /// The databases the login may see, with the database users its roles allow.
    pub async fn databases(&self) -> Result<Vec<DatabaseListing>> {
        self.auth().await?.database_listings(&self.session.roles()).await
    }

    /// The Kubernetes clusters the login may see.
    pub async fn kube_clusters(&self) -> Result<Vec<KubeCluster>> {
        self.auth().await?.kube_clusters().await
    }

    /// A client of the Auth service for this login.
    pub async fn auth(&self) -> Result<AuthClient> {
        self.session.auth_client(&self.home).await
    }

    /// A certificate for `target`, with an MFA check when the cluster wants one.
    pub async fn issue(&mut self, ctx: &Context, target: &RouteTarget) -> Result<RouteCert> {
        let auth = self.auth().await?;
        let mfa_response = self.answer(&auth, ctx, target).await?;
        let key = TlsKey::generate(tele_common::keys::KeyAlgorithm::EcdsaP256)?;
        let profile = &self.session.profile;
        let req = cert_request(
            target,
            RouteCertParams {
                user: &profile.user,
                cluster: &profile.cluster,
                tls_public_key_pem: &key.public_pem(),
                requester: requester(self.requester),
                mfa_response,
            },
        );
        let certs = auth.generate_user_certs(req).await?;
        let cert_pem = String::from_utf8(certs.tls)
            .map_err(|_| Error::internal("the cluster sent a certificate that is not PEM"))?;
        // Checked before use, as a login's certificates are: this user, this target.
        let der = tls::parse_certs_pem(&cert_pem)?
            .into_iter()
            .next()
            .ok_or_else(|| Error::internal("the cluster sent no certificate"))?;
        let info = tls::cert_info(&der)?;
        if info.common_name != profile.user || info.route.as_ref() != Some(target) {
            return Err(Error::internal(format!(
                "the cluster sent a certificate for {:?} ({:?}), not for {:?} ({target:?})",
                info.common_name, info.route, profile.user
            )));
        }
        Ok(RouteCert {
            target: target.clone(),
            key,
            cert_pem,
            cas_pem: self.session.certs.tls_cas.clone(),
            not_after: info.not_after,
        })
    }

    /// The MFA answer for `target`: none when it needs none (Teleport's sequence: a
    /// `USER_SESSION` challenge with the target as its `MFARequiredCheck`), else the tap, after
    /// Teleport's "MFA is required to access ..." line. `tsh db exec` keeps its one answer for
    /// the other databases (the server takes it again for five minutes, from `TSH_DB_EXEC` only).
    async fn answer(
        &mut self,
        auth: &AuthClient,
        ctx: &Context,
        target: &RouteTarget,
    ) -> Result<Option<MfaAuthenticateResponse>> {
        if let Some(answer) = &self.reusable {
            let check = auth.is_mfa_required(mfa_check(target)).await?;
            let required = check.required || check.mfa_required() == MfaRequired::Yes;
            return Ok(required.then(|| answer.clone()));
        }
        let reply = auth
            .user_challenge(ChallengeScope::UserSession, false, Some(mfa_check(target)))
            .await?;
        let verdict = reply.mfa_required();
        let challenge = challenge_from_proto(reply);
        if verdict == MfaRequired::No || (verdict == MfaRequired::Unspecified && challenge.is_empty()) {
            return Ok(None);
        }
        let prompter = TermPrompter::new(ctx);
        prompter.notify(&target.mfa_reason());
        let ceremony = Ceremony {
            mode: self.mode,
            origin: format!("https://{}", self.session.profile.web_proxy_addr),
            authenticator: tele_common::mfa::authenticator(ctx, &prompter),
            prompter: &prompter,
            registered: false,
        };
        let answer = response_to_proto(&crate::session_mfa::solve_challenge(&ceremony, challenge)?);
        if self.requester == REQUESTER_DB_EXEC {
            self.reusable = Some(answer.clone());
        }
        Ok(Some(answer))
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
