//! Teleport's unauthenticated web API: ping, find, CA export. Field names as Teleport's.

use axum::extract::{Path, Query, State as AxState};
use axum::response::IntoResponse;
use serde::Deserialize;
use tele_common::api::types::{
    AuthenticationSettings, DeviceTrustSettings, FindResponse, LocalSettings, PingResponse, ProxySettings,
    SshProxySettings, WebauthnSettings,
};
use tele_common::duration::GoDuration;
use tele_common::error::Error;
use tele_common::sshca::ExportType;

use super::{ApiResult, State};
use crate::settings::DEFAULT_CERT_TTL;
use axum::Json;

/// `GET /webapi/ping`.
pub async fn ping(AxState(s): AxState<State>) -> ApiResult<Json<PingResponse>> {
    let cap = s.cap()?;
    let second_factor = cap.spec.second_factor;
    let auth = AuthenticationSettings {
        kind: "local".into(),
        second_factor: second_factor.to_string(),
        preferred_local_mfa: if second_factor.allows_webauthn() && cap.spec.webauthn.is_some() {
            "webauthn".into()
        } else if second_factor.allows_otp() {
            "otp".into()
        } else {
            String::new()
        },
        allow_passwordless: false,
        allow_headless: cap.allow_headless(),
        local: Some(LocalSettings {
            name: cap.spec.connector_name.clone().unwrap_or_default(),
        }),
        webauthn: cap
            .spec
            .webauthn
            .as_ref()
            .map(|w| WebauthnSettings { rp_id: w.rp_id.clone() }),
        private_key_policy: "none".into(),
        device_trust: DeviceTrustSettings {
            disabled: true,
            auto_enroll: false,
        },
        has_motd: false,
        load_all_cas: false,
        default_session_ttl: Some(GoDuration(DEFAULT_CERT_TTL)),
        signature_algorithm_suite: cap.spec.signature_algorithm_suite,
    };
    let find = find_response(&s);
    Ok(Json(PingResponse {
        auth,
        proxy: find.proxy,
        server_version: find.server_version,
        min_client_version: find.min_client_version,
        cluster_name: find.cluster_name,
        automatic_upgrades: false,
    }))
}

/// `GET /webapi/find`.
pub async fn find(AxState(s): AxState<State>) -> Json<FindResponse> {
    Json(find_response(&s))
}

/// The proxy's addresses as Teleport's multiplex listener mode reports them: TLS routing on,
/// so clients reach SSH through `public_addr` (the web port); `listen_addr` and
/// `ssh_public_addr` name the separate SSH port where one is configured.
fn find_response(s: &State) -> FindResponse {
    let settings = &s.settings;
    let public_host = tele_common::config::split_host_port(&settings.public_web_addr)
        .map(|(h, _)| h)
        .unwrap_or_else(|_| settings.public_web_addr.clone());
    let ssh_port = settings
        .ssh_listen_addr
        .as_deref()
        .and_then(|a| tele_common::config::split_host_port(a).ok())
        .map(|(_, p)| p);
    FindResponse {
        proxy: ProxySettings {
            ssh: SshProxySettings {
                listen_addr: settings.ssh_listen_addr.clone().unwrap_or_default(),
                web_listen_addr: settings.web_listen_addr.clone(),
                public_addr: settings.public_web_addr.clone(),
                ssh_public_addr: ssh_port.map(|p| format!("{public_host}:{p}")).unwrap_or_default(),
                ..SshProxySettings::default()
            },
            tls_routing_enabled: true,
            ..ProxySettings::default()
        },
        server_version: tele_common::VERSION.into(),
        min_client_version: tele_common::VERSION.into(),
        cluster_name: settings.cluster_name.clone(),
    }
}

/// Query of the export endpoint.
#[derive(Deserialize)]
pub struct ExportQuery {
    #[serde(rename = "type")]
    kind: Option<String>,
}

/// `GET /webapi/auth/export[?type=user|host|tls-host|tls-user|db|db-client]`.
pub async fn export(AxState(s): AxState<State>, Query(q): Query<ExportQuery>) -> ApiResult<impl IntoResponse> {
    let kind = match q.kind.as_deref() {
        None | Some("") => None,
        Some(k) => Some(k.parse::<ExportType>()?),
    };
    Ok(s.cas.export(kind))
}

/// `GET /webapi/sites/<cluster>/auth/export`.
pub async fn export_site(
    state: AxState<State>,
    Path(site): Path<String>,
    query: Query<ExportQuery>,
) -> ApiResult<impl IntoResponse> {
    if site != state.settings.cluster_name {
        return Err(Error::not_found(format!("cluster {site:?} not found")).into());
    }
    export(state, query).await
}
