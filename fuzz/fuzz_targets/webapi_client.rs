//! The web API's JSON answers as tsh reads them (`api::Client::call`: `serde_json::from_slice`
//! of the answer type, or of `ErrorBody` for a refusal), then what tsh does next with them: the
//! ping's settings, the login checks of `login::check_login_certs` (input: JSON, `\0`, the user
//! CA line of `/webapi/auth/export`), the challenge the MFA ceremony answers, a node's join
//! answer. The first byte picks the answer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tele_common::api::login::{AuthenticateSshUserRequest, MfaChallenge, SshLoginResponse};
use tele_common::api::nodes::JoinResponse;
use tele_common::api::types::{FindResponse, PingResponse};
use tele_common::context::Context;
use tele_common::error::{Error, ErrorBody};
use tele_common::grpc::routing;
use tele_common::suite::Suite;

fn json<T: serde::de::DeserializeOwned>(data: &[u8]) -> Option<T> {
    serde_json::from_slice(data).ok()
}

fuzz_target!(|data: &[u8]| {
    let Some((which, data)) = tele_fuzz::dispatch(data) else {
        return;
    };
    match which % 6 {
        // `/webapi/ping`: keys to make, the TTL to ask for, where SSH and Kubernetes are.
        0 => {
            if let Some(ping) = json::<PingResponse>(data) {
                let _ = Suite::user_keys(ping.auth.signature_algorithm_suite);
                let ttl = ping.auth.default_session_ttl.map(|d| d.0).unwrap_or_default();
                let req = AuthenticateSshUserRequest {
                    ttl,
                    ..Default::default()
                };
                let _ = serde_json::to_vec(&req);
                let ssh = ping.proxy.ssh_proxy_addr();
                if let Ok((host, _)) = tele_common::config::split_host_port(&ssh) {
                    let _ = routing::kube_server_name(&host);
                }
                let _ = tele_common::config::split_host_port(&ping.proxy.kube.public_addr);
                let _ = tele_common::config::split_host_port(&ping.proxy.db.postgres_public_addr);
                let _ = routing::cluster_server_name(&ping.cluster_name);
                let _ = routing::auth_alpn(&ping.cluster_name);
            }
        }
        1 => {
            if let Some(find) = json::<FindResponse>(data) {
                let _ = find.proxy.ssh_proxy_addr();
            }
        }
        // `/webapi/mfa/login/begin`.
        2 => {
            if let Some(challenge) = json::<MfaChallenge>(data) {
                let _ = challenge.is_empty();
                let _ = tele_common::grpc::mfa::challenge_to_proto(&challenge, None);
            }
        }
        // `/webapi/mfa/login/finish`, `/webapi/headless/login`: checked before anything is saved.
        3 => {
            let (body, user_ca) = tele_fuzz::cut(data);
            if let Some(resp) = json::<SshLoginResponse>(body) {
                let ctx = Context::for_test(&[]);
                let user_ca = tele_fuzz::text(user_ca);
                if tele_common::login::check_login_certs(&ctx, &resp, &user_ca).is_ok() {
                    for signer in &resp.host_signers {
                        for key in &signer.checking_keys {
                            let _ = ssh_key::PublicKey::from_openssh(key.trim());
                        }
                        let _ = tele_common::tls::parse_certs_pem(&signer.tls_certs.concat());
                    }
                }
            }
        }
        // `/webapi/host/credentials`: what `refserver join` writes for sshd.
        4 => {
            if let Some(resp) = json::<JoinResponse>(data) {
                let _ = ssh_key::Certificate::from_openssh(resp.cert.trim());
                for key in &resp.ssh_user_ca_keys {
                    let _ = ssh_key::PublicKey::from_openssh(key.trim());
                }
                let _ = resp.node.labels_text();
            }
        }
        // Any refusal.
        _ => {
            if let Ok(text) = std::str::from_utf8(data)
                && let Ok(body) = serde_json::from_str::<ErrorBody>(text)
            {
                let e = Error::from(body);
                let _ = e.to_string();
            }
        }
    }
});
