//! The Auth service's answers as tsh and tctl read them: the first byte picks the message, the
//! rest is its protobuf encoding. Each answer is decoded with prost (what tonic's codec does)
//! and then goes through the library functions the commands apply to it.
#![no_main]

use std::time::{Duration, SystemTime};

use libfuzzer_sys::fuzz_target;
use prost::Message;
use tele_common::grpc::convert::{
    cap_from_proto, database_from_proto, device_from_proto, from_timestamp, kube_from_proto, role_from_proto,
    token_from_proto, user_from_proto,
};
use tele_common::grpc::mfa::challenge_from_proto;
use tele_common::grpc::recordings::{asciicast_from_events, recording_from_event};
use tele_common::grpc::register::{creation_from_proto, otpauth_url};
use tele_common::grpc::resources::{db_server_from_proto, kube_server_from_proto, node_from_proto};
use tele_common::grpc::wire::events::OneOf;
use tele_common::grpc::wire::proto::mfa_register_challenge::Request as Register;
use tele_common::grpc::wire::proto::paginated_resource::Resource;
use tele_common::grpc::wire::proto::{
    Certs, DatabaseCertResponse, Events, GetMfaDevicesResponse, IsMfaRequiredResponse, ListResourcesResponse,
    ListRolesResponse, MfaAuthenticateChallenge, MfaRegisterChallenge, PingResponse,
};
use tele_common::grpc::wire::teleport::trust::v1::{GenerateHostCertResponse, GetCertAuthoritiesResponse};
use tele_common::grpc::wire::teleport::users::v1::{GetUserResponse, ListUsersResponse};
use tele_common::grpc::wire::types::{
    AuthPreferenceV2, DatabaseV3List, HeadlessAuthentication, KubernetesClusterV3List, ProvisionTokenV2List, RoleV6,
    UserTokenV3,
};
use tele_common::{asciicast, duration, sshca, tls};

fn decode<M: Message + Default>(data: &[u8]) -> Option<M> {
    M::decode(data).ok()
}

/// What tsh does with PEM certificates the cluster sends: parse them, read the first one.
fn certificates(pem: &[u8]) {
    if let Ok(text) = std::str::from_utf8(pem)
        && let Ok(certs) = tls::parse_certs_pem(text)
    {
        let _ = tls::cert_info(&certs[0]);
        for der in &certs {
            let _ = tls::ca_pin(der);
        }
    }
}

/// What `tctl get` prints of a resource.
fn render<T: serde::Serialize>(value: &T) {
    let _ = serde_json::to_string(value);
}

fn time(t: &Option<prost_types::Timestamp>) {
    if let Some(t) = t {
        let at = from_timestamp(t);
        let _ = duration::rfc3339(at);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((which, data)) = tele_fuzz::dispatch(data) else {
        return;
    };
    match which % 19 {
        // GenerateUserCerts: single-use SSH certificates (tsh ssh), routed TLS ones (tsh db, kube).
        0 => {
            if let Some(certs) = decode::<Certs>(data) {
                if let Ok(text) = String::from_utf8(certs.ssh) {
                    let _ = ssh_key::Certificate::from_openssh(text.trim());
                }
                certificates(&certs.tls);
                for ca in &certs.tlsca_certs {
                    certificates(ca);
                }
            }
        }
        // ListResources: tsh ls, tsh db ls, tsh kube ls.
        1 => {
            if let Some(page) = decode::<ListResourcesResponse>(data) {
                for r in page.resources {
                    match r.resource {
                        Some(Resource::Node(node)) => {
                            let node = node_from_proto(node);
                            let _ = node.labels_text();
                        }
                        Some(Resource::DatabaseServer(db)) => {
                            if let Some(db) = db_server_from_proto(db) {
                                let _ = tele_common::api::databases::db_users(&[], &db.metadata.labels);
                                render(&db);
                            }
                        }
                        Some(Resource::KubernetesServer(k)) => {
                            if let Some(k) = kube_server_from_proto(k) {
                                render(&k);
                            }
                        }
                        None => {}
                    }
                }
            }
        }
        // CreateAuthenticateChallenge: the challenge the MFA ceremony answers.
        2 => {
            if let Some(c) = decode::<MfaAuthenticateChallenge>(data) {
                let challenge = challenge_from_proto(c);
                let _ = challenge.is_empty();
                render(&challenge);
            }
        }
        // GetSessionEvents: tsh recordings ls.
        3 => {
            if let Some(events) = decode::<Events>(data) {
                for r in events.items.into_iter().filter_map(recording_from_event) {
                    render(&r);
                }
            }
        }
        // StreamSessionEvents: a stream of length-delimited events, rebuilt for tsh play.
        4 => {
            let mut buf = data;
            let mut events = Vec::new();
            while !buf.is_empty() {
                match OneOf::decode_length_delimited(&mut buf) {
                    Ok(e) => events.push(e),
                    Err(_) => break,
                }
            }
            if let Ok((_, output)) = asciicast_from_events(events) {
                let _ = asciicast::schedule(&output, 1.0, Duration::from_secs(2));
            }
        }
        5 => {
            let _ = decode::<PingResponse>(data);
        }
        // GetRole, ListRoles: tctl get role, and the roles tsh db ls reads.
        6 => {
            if let Some(role) = decode::<RoleV6>(data)
                && let Ok(role) = role_from_proto(role)
            {
                render(&role);
            }
        }
        7 => {
            if let Some(list) = decode::<ListRolesResponse>(data) {
                let roles: Vec<_> = list.roles.into_iter().filter_map(|r| role_from_proto(r).ok()).collect();
                let _ = tele_common::api::databases::db_users(&roles, &Default::default());
            }
        }
        // GetTokens: tctl tokens ls (expiry in Go's RFC 822 layout).
        8 => {
            if let Some(list) = decode::<ProvisionTokenV2List>(data) {
                for t in list.provision_tokens {
                    if let Ok(token) = token_from_proto(t) {
                        let _ = token.roles_text();
                        let _ = token.expired(SystemTime::now());
                        if let Some(at) = token.metadata.expires {
                            let left = at.duration_since(SystemTime::now()).unwrap_or_default();
                            let _ = (duration::rfc822(at), duration::format(left));
                        }
                        render(&token);
                    }
                }
            }
        }
        // GetUser, ListUsers.
        9 => {
            if let Some(resp) = decode::<GetUserResponse>(data)
                && let Some(user) = resp.user
            {
                render(&user_from_proto(user));
            }
        }
        10 => {
            if let Some(resp) = decode::<ListUsersResponse>(data) {
                for u in resp.users {
                    render(&user_from_proto(u));
                }
            }
        }
        // GetAuthPreference: tctl get cap.
        11 => {
            if let Some(cap) = decode::<AuthPreferenceV2>(data)
                && let Ok(cap) = cap_from_proto(cap)
            {
                render(&cap);
            }
        }
        // GetDatabases, GetKubernetesClusters.
        12 => {
            if let Some(list) = decode::<DatabaseV3List>(data) {
                for d in list.databases {
                    render(&database_from_proto(d));
                }
            }
        }
        13 => {
            if let Some(list) = decode::<KubernetesClusterV3List>(data) {
                for k in list.kubernetes_clusters {
                    render(&kube_from_proto(k));
                }
            }
        }
        // GetMFADevices: tsh mfa ls.
        14 => {
            if let Some(resp) = decode::<GetMfaDevicesResponse>(data) {
                for d in resp.devices {
                    render(&device_from_proto(d));
                }
            }
        }
        // CreateRegisterChallenge: tsh mfa add.
        15 => {
            if let Some(c) = decode::<MfaRegisterChallenge>(data) {
                match c.request {
                    Some(Register::Totp(t)) => {
                        let _ = otpauth_url(&t);
                    }
                    Some(Register::Webauthn(w)) => {
                        if let Ok(ccr) = creation_from_proto(w) {
                            render(&ccr);
                        }
                    }
                    None => {}
                }
            }
        }
        // GetHeadlessAuthentication: tsh headless approve shows the request.
        16 => {
            if let Some(h) = decode::<HeadlessAuthentication>(data) {
                let _ = h.state();
                if let Some(header) = &h.header
                    && let Some(m) = &header.metadata
                {
                    time(&m.expires);
                }
                if let Ok(text) = std::str::from_utf8(&h.ssh_public_key)
                    && let Ok(key) = ssh_key::PublicKey::from_openssh(text.trim())
                {
                    let _ = key.fingerprint(Default::default()).to_string();
                }
            }
        }
        // GetCertAuthorities: tctl status (rotation, pins), tctl auth export (lines, PEM).
        17 => {
            if let Some(resp) = decode::<GetCertAuthoritiesResponse>(data) {
                for ca in resp.cert_authorities_v2 {
                    let spec = ca.spec.unwrap_or_default();
                    if let Some(r) = &spec.rotation {
                        time(&r.last_rotated);
                    }
                    let keys = spec.active_keys.unwrap_or_default();
                    for pair in &keys.ssh {
                        if let Ok(text) = std::str::from_utf8(&pair.public_key)
                            && let Ok(key) = ssh_key::PublicKey::from_openssh(text.trim())
                        {
                            let _ = sshca::user_ca_line(&key, &spec.cluster_name);
                            let _ = sshca::host_ca_line(&key, &spec.cluster_name, &[]);
                        }
                    }
                    let _ = tele_common::grpc::cas::tls_pins(keys);
                }
            }
        }
        // The rest: answers read as they come (database certificates are written out as PEM).
        _ => {
            let (which, data) = tele_fuzz::dispatch(data).unwrap_or((0, data));
            match which % 4 {
                0 => {
                    if let Some(resp) = decode::<DatabaseCertResponse>(data) {
                        certificates(&resp.cert);
                        for ca in &resp.ca_certs {
                            certificates(ca);
                        }
                    }
                }
                1 => {
                    if let Some(resp) = decode::<GenerateHostCertResponse>(data)
                        && let Ok(text) = String::from_utf8(resp.ssh_certificate)
                    {
                        let _ = ssh_key::Certificate::from_openssh(text.trim());
                    }
                }
                2 => {
                    if let Some(t) = decode::<UserTokenV3>(data)
                        && let Some(m) = &t.metadata
                    {
                        time(&m.expires);
                    }
                }
                _ => {
                    let _ = decode::<IsMfaRequiredResponse>(data);
                }
            }
        }
    }
});
