//! The agent protocol against real OpenSSH programs: keys of every kind a cluster uses load into
//! `ssh-agent` with their certificates (`ssh-add -l` names them), and the agent tsh serves to a
//! recording proxy signs what `ssh-keygen -Y check-novalidate` accepts (RSA with SHA-2).

#![allow(clippy::disallowed_methods)]

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use ssh_key::Certificate;
use ssh_key::certificate::{Builder, CertType};
use tele_common::agent;
use tele_common::keys::{KeyAlgorithm, SshKey};
use tele_test_support::{SshAgent, require_program, run, temp_dir};

const KINDS: [(KeyAlgorithm, &str); 3] = [
    (KeyAlgorithm::Ed25519, "ED25519-CERT"),
    (KeyAlgorithm::EcdsaP256, "ECDSA-CERT"),
    (KeyAlgorithm::Rsa2048, "RSA-CERT"),
];

/// A user key and its certificate from a CA of the `ca` kind.
fn certified(alg: KeyAlgorithm, ca: &SshKey) -> (SshKey, Certificate) {
    let key = SshKey::generate(alg).unwrap();
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    let mut b = Builder::new_with_random_nonce(
        &mut rand::rng(),
        key.private().public_key().key_data().clone(),
        now - 60,
        now + 3600,
    )
    .unwrap();
    b.cert_type(CertType::User).unwrap();
    b.key_id("alice").unwrap();
    b.valid_principal("alice").unwrap();
    let cert = b.sign(ca.private()).unwrap();
    (key, cert)
}

#[test]
fn keys_of_every_kind_load_with_their_certificates() {
    let ssh_agent = SshAgent::start();
    let ssh_add = require_program("ssh-add", "openssh-client");
    let ca = SshKey::generate(KeyAlgorithm::Rsa2048).unwrap();
    let mut blobs = Vec::new();
    for (alg, _) in KINDS {
        let (key, cert) = certified(alg, &ca);
        agent::add_certificate(&ssh_agent.sock, &key, &cert, &format!("teleport:{alg}"), 600).unwrap();
        blobs.push(cert.to_bytes().unwrap());
    }
    let sock = ssh_agent.sock.to_str().unwrap();
    let listed = run(&ssh_add, &["-l"], &[("SSH_AUTH_SOCK", sock)], None);
    let text = listed.ok();
    for (alg, kind) in KINDS {
        assert!(
            text.lines()
                .any(|l| l.contains(&format!("teleport:{alg}")) && l.ends_with(&format!("({kind})"))),
            "{alg}: {text}"
        );
    }
    let held: Vec<Vec<u8>> = agent::list(&ssh_agent.sock)
        .unwrap()
        .into_iter()
        .map(|i| i.blob)
        .collect();
    assert_eq!(held, blobs);
    for blob in &blobs {
        assert!(agent::remove(&ssh_agent.sock, blob).unwrap());
    }
    assert!(agent::list(&ssh_agent.sock).unwrap().is_empty());
}

#[test]
fn a_certificate_for_another_key_is_refused_before_anything_is_sent() {
    let ssh_agent = SshAgent::start();
    let ca = SshKey::generate(KeyAlgorithm::Ed25519).unwrap();
    let (_, cert) = certified(KeyAlgorithm::Ed25519, &ca);
    let other = SshKey::generate(KeyAlgorithm::Ed25519).unwrap();
    match agent::add_certificate(&ssh_agent.sock, &other, &cert, "x", 60) {
        Err(agent::AddError::Other(e)) => assert!(e.message().contains("not for this key"), "{e}"),
        other => panic!("{other:?}"),
    }
    assert!(agent::list(&ssh_agent.sock).unwrap().is_empty());
}

/// Serves `key` and `cert` as tsh's in-memory agent on `sock`, one connection at a time.
fn serve(sock: &Path, key: SshKey, cert: Certificate) -> tokio::runtime::Runtime {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let listener = {
        let _guard = rt.enter();
        tokio::net::UnixListener::bind(sock).unwrap()
    };
    rt.spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let _ = agent::serve(stream, &key, &cert, "teleport:alice").await;
        }
    });
    rt
}

#[test]
fn tshs_agent_signs_what_openssh_verifies() {
    let keygen = require_program("ssh-keygen", "openssh-client");
    let ca = SshKey::generate(KeyAlgorithm::Ed25519).unwrap();
    for (alg, kind) in KINDS {
        let dir = temp_dir();
        let sock = dir.path().join("agent.sock");
        let (key, cert) = certified(alg, &ca);
        let cert_file = dir.path().join("key-cert.pub");
        std::fs::write(&cert_file, format!("{}\n", cert.to_openssh().unwrap())).unwrap();
        let data = dir.path().join("data");
        std::fs::write(&data, "signed by tsh's agent").unwrap();
        let _rt = serve(&sock, key, cert);
        let env = [("SSH_AUTH_SOCK", sock.to_str().unwrap())];
        let sign = [
            "-Y",
            "sign",
            "-n",
            "file",
            "-f",
            cert_file.to_str().unwrap(),
            data.to_str().unwrap(),
        ];
        run(&keygen, &sign, &env, None).ok();
        let sig = dir.path().join("data.sig");
        let check = ["-Y", "check-novalidate", "-n", "file", "-s", sig.to_str().unwrap()];
        let out = run(&keygen, &check, &[], Some("signed by tsh's agent"));
        out.ok();
        let said = format!("{}{}", out.stdout, out.stderr);
        assert!(said.contains(&format!("with {kind} key")), "{alg}: {out}");
    }
}
