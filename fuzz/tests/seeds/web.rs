//! Seeds of the web API targets: the JSON answers tsh reads and the bodies the server reads.

use std::time::Duration;

use tele_common::api::login::{AuthenticateSshUserRequest, MfaLoginBeginRequest, SshLoginResponse, TrustedCerts};
use tele_common::api::nodes::{JoinRequest, JoinResponse};
use tele_common::api::types::{FindResponse, PingResponse};
use tele_common::error::{Error, ErrorBody};
use tele_fuzz::{CLUSTER, USER};

use super::{Corpus, Keys, assertion, challenge, join0, json, node};

pub fn write(c: &Corpus, k: &Keys) {
    let Keys {
        cas,
        ssh,
        tls,
        user_cert,
        user_ca_line,
        host_cert,
        tls_cert,
        ca_pem,
        host_ca,
        ..
    } = k;
    let node = node();
    // -- web API: what tsh reads -----------------------------------------------------------------
    let ping: PingResponse = serde_json::from_value(serde_json::json!({
        "auth": {
            "type": "local",
            "second_factor": "on",
            "preferred_local_mfa": "webauthn",
            "allow_headless": true,
            "local": {"name": ""},
            "webauthn": {"rp_id": "localhost"},
            "private_key_policy": "none",
            "device_trust": {"disabled": true},
            "default_session_ttl": "12h0m0s",
            "signature_algorithm_suite": 2
        },
        "proxy": {
            "kube": {"enabled": true, "public_addr": "proxy.fuzz.example.com:443"},
            "ssh": {"public_addr": "proxy.fuzz.example.com:443", "ssh_public_addr": "proxy.fuzz.example.com:443"},
            "db": {"postgres_public_addr": "proxy.fuzz.example.com:443"},
            "tls_routing_enabled": true
        },
        "server_version": "17.0.0",
        "min_client_version": "16.0.0",
        "cluster_name": CLUSTER
    }))
    .unwrap();
    c.pick("webapi_client", "ping", 0, json(&ping));
    let find = FindResponse {
        proxy: ping.proxy.clone(),
        server_version: "17.0.0".into(),
        min_client_version: "16.0.0".into(),
        cluster_name: CLUSTER.into(),
    };
    c.pick("webapi_client", "find", 1, json(&find));
    c.pick("webapi_client", "challenge", 2, json(&challenge()));
    let login = SshLoginResponse {
        username: USER.into(),
        cert: user_cert.clone(),
        tls_cert: tls_cert.clone(),
        host_signers: vec![TrustedCerts {
            domain_name: CLUSTER.into(),
            checking_keys: vec![host_ca.clone()],
            tls_certs: vec![ca_pem.clone()],
        }],
    };
    c.pick(
        "webapi_client",
        "login",
        3,
        join0(&[&json(&login), user_ca_line.as_bytes()]),
    );
    let joined = JoinResponse {
        cert: host_cert.clone(),
        ssh_ca_certs: vec![cas.host_ca_line()],
        ssh_user_ca_keys: vec![cas.ssh_user_ca().to_openssh().unwrap()],
        node: node.clone(),
    };
    c.pick("webapi_client", "join", 4, json(&joined));
    let refusal = ErrorBody::from(&Error::access_denied("invalid credentials").with_hint("try again"));
    c.pick("webapi_client", "error", 5, json(&refusal));

    // -- web API: what the server reads ----------------------------------------------------------
    c.pick(
        "webapi_server",
        "login-begin",
        0,
        json(&MfaLoginBeginRequest {
            user: USER.into(),
            pass: "correct horse battery".into(),
        }),
    );
    let finish = AuthenticateSshUserRequest {
        user: USER.into(),
        password: "correct horse battery".into(),
        webauthn_challenge_response: assertion().webauthn,
        ssh_pub_key: ssh.public_openssh(),
        tls_pub_key: tls.public_pem(),
        ttl: Duration::from_secs(3600),
        ..Default::default()
    };
    c.pick("webapi_server", "login-finish", 1, json(&finish));
    let key_line = tele_common::api::headless::authorized_key(&ssh);
    let headless = tele_common::api::headless::HeadlessLoginRequest {
        user: USER.into(),
        headless_id: tele_common::api::headless::request_id(&key_line),
        ssh_pub_key: key_line,
        tls_pub_key: tls.public_pem(),
        ttl: Duration::from_secs(60),
        ..Default::default()
    };
    c.pick("webapi_server", "headless-login", 2, json(&headless));
    let join_req = JoinRequest {
        token: "0123456789abcdef".into(),
        node_name: "node".into(),
        role: "Node".into(),
        public_ssh_key: ssh.public_openssh(),
        additional_principals: vec!["node.local".into()],
        address: "127.0.0.1:22".into(),
        labels: [("env".to_string(), "prod".to_string())].into(),
    };
    c.pick("webapi_server", "join", 3, json(&join_req));
    c.pick("webapi_server", "assertion", 4, json(&assertion().webauthn));
    let registered = serde_json::json!({
        "id": "BQ",
        "rawId": "BQ",
        "type": "public-key",
        "response": {"attestationObject": "oA", "clientDataJSON": "e30"},
        "extensions": {}
    });
    c.pick(
        "webapi_server",
        "registration",
        5,
        serde_json::to_vec(&registered).unwrap(),
    );
    c.pick(
        "webapi_server",
        "register-finish",
        6,
        serde_json::to_vec(&serde_json::json!({"name": "key1", "webauthn": registered})).unwrap(),
    );
    c.pick("webapi_server", "otp-answer", 7, r#"{"totp_code":"123456"}"#);
}
