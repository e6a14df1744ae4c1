//! `tctl status`, and the CA pin checked against an independent computation (openssl).

use std::process::Command;

use tele_test_support::{RefServer, require_program};

use crate::tctl;

#[test]
fn status_shows_cluster_version_cas_and_pin() {
    let srv = RefServer::builder().cluster("teleport.example.com").start();
    let out = srv.tctl(tctl(), &["status"]);
    let lines: Vec<&str> = out.ok().lines().map(str::trim_end).collect();
    let expect = [
        ("Cluster ", "teleport.example.com".to_string()),
        ("Version ", env!("CARGO_PKG_VERSION").to_string()),
        ("host CA ", "never updated".to_string()),
        ("user CA ", "never updated".to_string()),
        ("CA pin  ", "sha256:".to_string()),
    ];
    assert_eq!(lines.len(), expect.len(), "{out}");
    for (line, (key, value)) in lines.iter().zip(&expect) {
        assert!(line.starts_with(key), "{line:?} should start with {key:?}");
        assert!(
            line[key.len()..].trim_start().starts_with(value.as_str()),
            "{line:?} should show {value:?}"
        );
    }
    let pin = lines[4].rsplit(' ').next().unwrap();
    assert!(
        pin.len() == 7 + 64 && pin[7..].chars().all(|c| c.is_ascii_hexdigit()),
        "{pin}"
    );
}

#[test]
fn ca_pin_is_the_sha256_of_the_tls_ca_public_key_info() {
    let openssl = require_program("openssl", "openssl");
    let srv = RefServer::start();
    let pem = srv
        .tctl(tctl(), &["auth", "export", "--type=tls-host"])
        .ok()
        .to_string();
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"), "{pem}");
    let ca = srv.dir().join("ca.pem");
    std::fs::write(&ca, &pem).unwrap();
    // openssl x509 -pubkey | openssl pkey -pubin -outform DER | sha256: independent of our code.
    let script = format!(
        "{o} x509 -in {ca} -noout -pubkey | {o} pkey -pubin -outform DER | {o} dgst -sha256 -r",
        o = openssl.display(),
        ca = ca.display()
    );
    let out = Command::new("sh").arg("-c").arg(&script).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let digest = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let pin = crate::status_pin(&srv);
    assert_eq!(pin, format!("sha256:{digest}"));
    // And the json view carries the same pin.
    let v: serde_json::Value = serde_json::from_str(srv.tctl(tctl(), &["status", "--format=json"]).ok()).unwrap();
    assert_eq!(v["ca_pins"][0], pin);
}
