//! The wire contract against recorded answers in Teleport's shape, independent of our server:
//! our client must read a real proxy's ping, and unknown newer fields must not break it.

use tele_common::api::types::PingResponse;
use tele_common::error::{Error, ErrorBody, ErrorKind};

#[test]
fn reads_a_teleport_proxy_ping() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ping.json")).unwrap();
    let ping: PingResponse = serde_json::from_str(&text).unwrap();
    assert_eq!(ping.cluster_name, "teleport.example.com");
    assert_eq!(ping.server_version, "17.0.0");
    assert_eq!(ping.auth.second_factor, "on");
    assert_eq!(ping.auth.webauthn.as_ref().unwrap().rp_id, "teleport.example.com");
    assert!(ping.auth.allow_headless);
    assert_eq!(ping.auth.default_session_ttl.unwrap().0.as_secs(), 12 * 3600);
    assert_eq!(ping.proxy.ssh.public_addr, "teleport.example.com:443");
    assert!(ping.proxy.tls_routing_enabled);
    assert!(ping.proxy.kube.enabled);
    // Teleport's ping sends the suite as the enum number.
    assert_eq!(
        ping.auth.signature_algorithm_suite,
        Some(tele_common::suite::Suite::FipsV1)
    );
}

#[test]
fn writes_pings_with_teleports_names_and_omits_what_go_omits() {
    let v = serde_json::to_value(PingResponse::default()).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "auth",
            "proxy",
            "server_version",
            "min_client_version",
            "cluster_name",
            "automatic_upgrades"
        ]
    );
    let auth = v["auth"].as_object().unwrap();
    // omitempty fields are absent when empty; the others are always there.
    for absent in [
        "second_factor",
        "allow_headless",
        "webauthn",
        "allow_passwordless",
        "load_all_cas",
        "signature_algorithm_suite",
    ] {
        assert!(!auth.contains_key(absent), "{absent}");
    }
    for present in ["type", "private_key_policy", "device_trust", "has_motd"] {
        assert!(auth.contains_key(present), "{present}");
    }
}

#[test]
fn errors_without_a_kind_are_internal() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/error_without_kind.json"
    ))
    .unwrap();
    let body: ErrorBody = serde_json::from_str(&text).unwrap();
    let err: Error = body.into();
    assert_eq!(err.kind(), ErrorKind::Internal);
    assert!(err.message().starts_with("access denied"));
}

#[test]
fn reads_a_teleport_login_response_with_base64_bytes() {
    use tele_common::api::login::SshLoginResponse;
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/ssh_login_response.json"
    ))
    .unwrap();
    let resp: SshLoginResponse = serde_json::from_str(&text).unwrap();
    assert_eq!(resp.username, "alice");
    assert_eq!(resp.cert, "ssh-ed25519-cert-v01@openssh.com AAAA");
    assert_eq!(resp.tls_cert, "-----BEGIN CERTIFICATE-----\n");
    assert_eq!(resp.host_signers[0].domain_name, "teleport.example.com");
    assert_eq!(resp.host_signers[0].checking_keys, ["ssh-ed25519 AAAA"]);
}

#[test]
fn writes_login_requests_with_teleports_names_and_encodings() {
    use std::time::Duration;

    use tele_common::api::login::{AuthenticateSshUserRequest, MfaLoginBeginRequest};
    let begin = serde_json::to_value(MfaLoginBeginRequest {
        user: "alice".into(),
        pass: "pw".into(),
    })
    .unwrap();
    assert_eq!(begin, serde_json::json!({"user": "alice", "pass": "pw"}));
    let finish = AuthenticateSshUserRequest {
        user: "alice".into(),
        password: "pw".into(),
        totp_code: "123456".into(),
        ssh_pub_key: "ssh-ed25519 AAAA".into(),
        tls_pub_key: "PEM".into(),
        ttl: Duration::from_secs(3600),
        ..Default::default()
    };
    let v = serde_json::to_value(&finish).unwrap();
    assert_eq!(
        v["ssh_pub_key"], "c3NoLWVkMjU1MTkgQUFBQQ==",
        "[]byte is standard base64"
    );
    assert_eq!(v["tls_pub_key"], "UEVN");
    assert_eq!(v["ttl"], 3_600_000_000_000u64, "time.Duration is nanoseconds");
    assert_eq!(v["totp_code"], "123456");
    for key in ["user", "password", "RouteToCluster", "KubernetesCluster"] {
        assert!(v.get(key).is_some(), "{key}");
    }
    // Debug never shows the password or the code.
    let debug = format!("{finish:?}");
    assert!(!debug.contains("pw") && !debug.contains("123456"), "{debug}");
}
