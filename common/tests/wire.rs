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
