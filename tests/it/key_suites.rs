//! Signature algorithm suites: the same story (login, `tsh ls`, `tsh ssh`, per-session MFA with
//! one tap, the agent, OpenSSH with tctl's certificates) on a `legacy` (RSA) cluster and on a
//! `balanced-v1` one, in node and in recording mode; ECDSA user and host certificates on both;
//! `ssh-keygen -L` reads what was issued; identity files with `RSA PRIVATE KEY` blocks; the
//! suite in `tctl get cap` and ping; a bad suite name stops the server.

use std::path::{Path, PathBuf};

use std::time::{Duration, SystemTime};

use tele_common::grpc::AuthClient;
use tele_common::grpc::convert::to_timestamp;
use tele_common::grpc::wire::proto::UserCertsRequest;
use tele_common::grpc::wire::teleport::trust::v1::GenerateHostCertRequest;
use tele_common::identity::Identity;
use tele_common::keys::{KeyAlgorithm, SshKey, TlsKey};
use tele_test_support::{RefServer, SshAgent, Sshd, free_port, require_program, run, totp_code};

use crate::nodes::{join, joined_node, node_token, openssh_subsystem};
use crate::tctl_credentials::{identity, remote};
use crate::tsh_headless::{approve, laptop, request_id, start};
use crate::tsh_session_mfa::{CHECK_SECRET, LOGIN_SECRET, PASSWORD, roles, taps};
use crate::{TshUser, os_user, tctl};

/// What a suite's certificates and keys look like to OpenSSH and on disk.
struct Kinds {
    name: &'static str,
    number: u64,
    /// `ssh-keygen -L`'s type of a user key's certificate (without " user certificate").
    user_cert: &'static str,
    /// `ssh-keygen -L`'s "Signing CA:" start.
    signing_ca: &'static str,
    /// The first line of the TLS key tsh keeps.
    tls_key: &'static str,
    /// `ssh-add -l`'s kind of the loaded certificate.
    agent: &'static str,
}

const LEGACY: Kinds = Kinds {
    name: "legacy",
    number: 1,
    user_cert: "ssh-rsa-cert-v01@openssh.com",
    signing_ca: "Signing CA: RSA SHA256:",
    tls_key: "-----BEGIN RSA PRIVATE KEY-----",
    agent: "(RSA-CERT)",
};

const BALANCED: Kinds = Kinds {
    name: "balanced-v1",
    number: 2,
    user_cert: "ssh-ed25519-cert-v01@openssh.com",
    signing_ca: "Signing CA: ED25519 SHA256:",
    tls_key: "-----BEGIN PRIVATE KEY-----",
    agent: "(ED25519-CERT)",
};

fn keygen_l(path: &Path) -> String {
    let keygen = require_program("ssh-keygen", "openssh-client");
    run(&keygen, &["-L", "-f", path.to_str().unwrap()], &[], None)
        .ok()
        .to_string()
}

fn ping(srv: &RefServer) -> serde_json::Value {
    let curl = require_program("curl", "curl");
    let url = format!("https://{}/webapi/ping", srv.web_addr);
    let text = run(&curl, &["-sSk", "--fail-with-body", &url], &[], None)
        .ok()
        .to_string();
    serde_json::from_str(&text).unwrap()
}

/// A cluster with security keys required for protected nodes, Jerry's roles and `suite`.
fn cluster(suite: &str, recording: bool) -> RefServer {
    let mut auth = String::new();
    if recording {
        auth.push_str("  session_recording: proxy\n");
    }
    auth.push_str(&format!(
        "  authentication:\n    type: local\n    second_factor: \"on\"\n    webauthn:\n      rp_id: localhost\n    signature_algorithm_suite: {suite}\n"
    ));
    RefServer::builder()
        .auth_service(&auth)
        .bootstrap(&roles(&os_user()))
        .start()
}

/// Jerry logged in (an OTP code) with `agent` as his ssh-agent, then a security key added.
fn jerry(srv: &RefServer, agent: &SshAgent) -> TshUser {
    srv.add_user(
        "jerry",
        "access-dev,access-prod",
        &os_user(),
        PASSWORD,
        &[LOGIN_SECRET, CHECK_SECRET],
    );
    let mut u = TshUser::new(srv);
    u.set("SSH_AUTH_SOCK", agent.sock.to_str().unwrap());
    u.login(srv, "jerry", &[], &format!("{PASSWORD}\n{}\n", totp_code(LOGIN_SECRET)))
        .ok();
    let add = ["mfa", "add", "--name=key1", "--type=WEBAUTHN", "--mfa-mode=otp"];
    u.tsh(&add, Some(&format!("{}\n", totp_code(CHECK_SECRET)))).ok();
    u
}

/// A client of the Auth service with the server's admin identity (what `tctl -c` uses).
async fn admin(srv: &RefServer) -> AuthClient {
    let text = std::fs::read_to_string(srv.data_dir.join("admin.identity")).unwrap();
    let id = Identity::parse(&text).unwrap();
    AuthClient::connect(&srv.web_addr, "example.test", id.client_config(false).unwrap())
        .await
        .unwrap()
}

fn block_on<T>(f: impl Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

/// Jerry's ECDSA key with a certificate the cluster signed (keys of this kind are what a
/// `fips-v1` cluster gives users): the key and certificate files.
fn ecdsa_user(srv: &RefServer) -> (PathBuf, PathBuf) {
    let key = SshKey::generate(KeyAlgorithm::EcdsaP256).unwrap();
    let tls = TlsKey::generate(KeyAlgorithm::EcdsaP256).unwrap();
    let req = UserCertsRequest {
        username: "jerry".into(),
        ssh_public_key: key.public_openssh().into_bytes(),
        tls_public_key: tls.public_pem().into_bytes(),
        expires: Some(to_timestamp(SystemTime::now() + Duration::from_secs(600))),
        ..UserCertsRequest::default()
    };
    let certs = block_on(async { admin(srv).await.generate_user_certs(req).await }).unwrap();
    let ssh_cert = String::from_utf8(certs.ssh).unwrap();
    let key_path = srv.dir().join("jerry-ecdsa");
    let cert_path = srv.dir().join("jerry-ecdsa-cert.pub");
    tele_common::fsutil::write_private(&key_path, key.to_openssh().unwrap().expose().as_bytes()).unwrap();
    std::fs::write(&cert_path, format!("{}\n", ssh_cert.trim())).unwrap();
    (key_path, cert_path)
}

/// Joins `name` (env=dev), then gives its sshd an ECDSA host key with a host certificate the
/// cluster signed for the names the join used.
fn ecdsa_node(srv: &RefServer, join_args: &[String], name: &str) -> Sshd {
    let port = free_port();
    let dir = srv.dir().join(format!("node-{name}"));
    join(join_args, name, port, "env=dev", &dir).ok();
    let key = SshKey::generate(KeyAlgorithm::EcdsaP256).unwrap();
    let req = GenerateHostCertRequest {
        key: key.public_openssh().into_bytes(),
        principals: vec![name.into(), format!("{name}.example.test"), "127.0.0.1".into()],
        role: "Node".into(),
        ..GenerateHostCertRequest::default()
    };
    let cert = block_on(async { admin(srv).await.generate_host_cert(req).await }).unwrap();
    let cert = String::from_utf8(cert).unwrap();
    let key_path = dir.join("teleport_host_key");
    let cert_path = dir.join("teleport_host_key-cert.pub");
    tele_common::fsutil::write_private(&key_path, key.to_openssh().unwrap().expose().as_bytes()).unwrap();
    std::fs::write(&cert_path, format!("{}\n", cert.trim())).unwrap();
    let shown = keygen_l(&cert_path);
    assert!(
        shown.contains("Type: ecdsa-sha2-nistp256-cert-v01@openssh.com host certificate"),
        "{shown}"
    );
    Sshd::start_at(port, &key_path, &cert_path, &dir.join("teleport_user_ca.pub"))
}

/// The story, the same on every suite and mode.
fn story(kinds: &Kinds, recording: bool) {
    let srv = cluster(kinds.name, recording);
    assert_eq!(ping(&srv)["auth"]["signature_algorithm_suite"], kinds.number);
    // The Auth service's gRPC Ping says the same (`signature_algorithm_suite = 9`).
    let id = Identity::parse(&std::fs::read_to_string(srv.data_dir.join("admin.identity")).unwrap()).unwrap();
    let grpc = block_on(async {
        let auth =
            tele_common::grpc::AuthClient::connect(&srv.web_addr, "example.test", id.client_config(false)?).await?;
        auth.ping().await
    })
    .unwrap();
    assert_eq!(u64::try_from(grpc.signature_algorithm_suite).unwrap(), kinds.number);
    let cap = srv.tctl(tctl(), &["get", "cap"]).ok().to_string();
    assert!(
        cap.contains(&format!("signature_algorithm_suite: {}", kinds.name)),
        "{cap}"
    );

    let (_t, args) = node_token(&srv, "5m");
    let _dev = joined_node(&srv, &args, "dev1", "env=dev");
    let _prod = joined_node(&srv, &args, "prod3", "env=prod");
    // Joined hosts get keys of the suite's kind, certified by the host CA of that kind.
    let host_cert = keygen_l(&srv.dir().join("node-dev1/teleport_host_key-cert.pub"));
    let host_type = kinds.user_cert.to_string() + " host certificate";
    assert!(host_cert.contains(&host_type), "{host_cert}");
    assert!(host_cert.contains(kinds.signing_ca), "{host_cert}");
    let _ec = ecdsa_node(&srv, &args, "ec1");

    let agent = SshAgent::start();
    let u = jerry(&srv, &agent);
    let cert = keygen_l(&u.home().join("keys/localhost/jerry-ssh/example.test-cert.pub"));
    assert!(
        cert.contains(&format!("Type: {} user certificate", kinds.user_cert)),
        "{cert}"
    );
    assert!(cert.contains(kinds.signing_ca), "{cert}");
    if kinds.name == "legacy" {
        assert!(cert.contains("(using rsa-sha2-512)"), "{cert}");
    }
    let tls_key = std::fs::read_to_string(u.home().join("keys/localhost/jerry.key")).unwrap();
    assert!(
        tls_key.starts_with(kinds.tls_key),
        "{}",
        tls_key.lines().next().unwrap_or("")
    );
    let ssh_add = require_program("ssh-add", "openssh-client");
    let loaded = run(
        &ssh_add,
        &["-l"],
        &[("SSH_AUTH_SOCK", agent.sock.to_str().unwrap())],
        None,
    );
    assert!(
        loaded
            .ok()
            .lines()
            .any(|l| l.contains("teleport:jerry") && l.ends_with(kinds.agent)),
        "{loaded}"
    );

    let listed = u.tsh(&["ls"], None).ok().to_string();
    for node in ["dev1", "prod3", "ec1"] {
        assert!(listed.contains(node), "{listed}");
    }
    let before = taps(&u);
    assert_eq!(
        u.tsh(&["ssh", "dev1", "echo", "dev-ok"], None).ok(),
        "dev-ok\n",
        "{}",
        srv.log()
    );
    assert_eq!(
        u.tsh(&["ssh", "ec1", "echo", "ec-ok"], None).ok(),
        "ec-ok\n",
        "{}",
        srv.log()
    );
    assert_eq!(taps(&u), before);
    let out = u.tsh(&["ssh", "prod3", "echo", "prod-ok"], None);
    assert_eq!(out.ok(), "prod-ok\n", "{}", srv.log());
    assert!(out.stderr.contains("Tap any security key"), "{out}");
    assert_eq!(taps(&u), before + 1, "exactly one tap");

    // tctl's certificates, read by ssh-keygen; OpenSSH takes them (and an ECDSA one) to the
    // proxy. In recording mode the proxy would need a forwarded agent, which this ssh lacks.
    let key = srv.dir().join("jerry");
    srv.tctl(
        tctl(),
        &[
            "auth",
            "sign",
            "--user=jerry",
            "--format=openssh",
            &format!("--out={}", key.display()),
        ],
    )
    .ok();
    let signed = keygen_l(&srv.dir().join("jerry-cert.pub"));
    assert!(
        signed.contains(&format!("Type: {} user certificate", kinds.user_cert)),
        "{signed}"
    );
    let (ec_key, ec_cert) = ecdsa_user(&srv);
    let shown = keygen_l(&ec_cert);
    assert!(
        shown.contains("Type: ecdsa-sha2-nistp256-cert-v01@openssh.com user certificate"),
        "{shown}"
    );
    assert!(shown.contains(kinds.signing_ca), "{shown}");
    if !recording {
        for (k, c) in [(&key, None), (&ec_key, Some(ec_cert.as_path()))] {
            let out = openssh_subsystem(&srv, k, c, &os_user(), "dev1");
            assert!(out.stdout.starts_with("SSH-2.0-OpenSSH"), "{out}\n{}", srv.log());
        }
    }
}

#[test]
fn the_story_on_a_legacy_rsa_cluster() {
    story(&LEGACY, false);
}

#[test]
fn the_story_on_a_legacy_rsa_cluster_that_records_at_the_proxy() {
    story(&LEGACY, true);
}

#[test]
fn the_story_on_a_balanced_cluster() {
    story(&BALANCED, false);
}

#[test]
fn a_headless_login_on_a_legacy_cluster_makes_rsa_keys() {
    let srv = cluster("legacy", false);
    let (_t, args) = node_token(&srv, "5m");
    let _dev = joined_node(&srv, &args, "dev1", "env=dev");
    let alice = laptop(&srv, "alice");
    let remote = TshUser::new(&srv);
    let mut ssh = start(&srv, &remote, "alice", &["ssh", "dev1", "echo", "headless-ok"]);
    let id = request_id(&mut ssh, &srv, "alice");
    approve(&alice, &id).ok();
    assert_eq!(ssh.finish().ok(), "headless-ok\n");
    // The request the server kept names the key tsh made in memory.
    let store = tele_refserver::store::Store::open(&srv.data_dir).unwrap();
    let row = store.headless(&id).unwrap().unwrap();
    assert!(row.ssh_pub_key.starts_with("ssh-rsa "), "{}", row.ssh_pub_key);
}

#[test]
fn an_identity_file_with_rsa_private_key_blocks_works_with_tctl() {
    let srv = cluster("legacy", false);
    let path = identity(&srv, "robot", "editor", "1h");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----"), "{text}");
    assert!(text.contains("\n-----BEGIN RSA PRIVATE KEY-----\n"), "{text}");
    let status = remote(&srv, &path, &["status"]);
    assert!(status.ok().contains("example.test"), "{status}");
    // An identity file of a Teleport before v17: one RSA key, no OpenSSH block.
    let start = text.find("-----BEGIN OPENSSH PRIVATE KEY-----").unwrap();
    let end = text.find("-----END OPENSSH PRIVATE KEY-----\n").unwrap() + "-----END OPENSSH PRIVATE KEY-----\n".len();
    let old = format!("{}{}", &text[..start], &text[end..]);
    assert!(old.starts_with("-----BEGIN RSA PRIVATE KEY-----"));
    let old_path = srv.dir().join("old.identity");
    std::fs::write(&old_path, old).unwrap();
    let status = remote(&srv, old_path.to_str().unwrap(), &["status"]);
    assert!(status.ok().contains("example.test"), "{status}");
}

#[test]
fn the_suite_decides_users_keys_and_new_cas_but_never_existing_cas() {
    let srv = cluster("balanced-v1", false);
    // The admin's cap write names legacy: users now get RSA keys, the CAs stay Ed25519.
    let cap = srv.dir().join("cap.yaml");
    std::fs::write(
        &cap,
        "kind: cluster_auth_preference\nversion: v2\nmetadata:\n  name: cluster-auth-preference\nspec:\n  type: local\n  second_factor: \"on\"\n  webauthn:\n    rp_id: localhost\n  signature_algorithm_suite: legacy\n",
    )
    .unwrap();
    srv.tctl(tctl(), &["create", "-f", cap.to_str().unwrap()]).ok();
    assert_eq!(ping(&srv)["auth"]["signature_algorithm_suite"], 1);
    let agent = SshAgent::start();
    let u = jerry(&srv, &agent);
    let cert = keygen_l(&u.home().join("keys/localhost/jerry-ssh/example.test-cert.pub"));
    assert!(
        cert.contains("Type: ssh-rsa-cert-v01@openssh.com user certificate"),
        "{cert}"
    );
    assert!(cert.contains(BALANCED.signing_ca), "{cert}");
    // A cap written without the suite keeps the cluster's.
    let text = std::fs::read_to_string(&cap)
        .unwrap()
        .replace("  signature_algorithm_suite: legacy\n", "");
    std::fs::write(&cap, text).unwrap();
    srv.tctl(tctl(), &["create", "-f", cap.to_str().unwrap()]).ok();
    let shown = srv.tctl(tctl(), &["get", "cap"]).ok().to_string();
    assert!(shown.contains("signature_algorithm_suite: legacy"), "{shown}");
    // A suite the server cannot make CAs for is refused by name.
    let text = std::fs::read_to_string(&cap).unwrap() + "  signature_algorithm_suite: hsm-v1\n";
    std::fs::write(&cap, text).unwrap();
    let out = srv.tctl(tctl(), &["create", "-f", cap.to_str().unwrap()]);
    assert!(
        out.fails_with(1)
            .contains("signature_algorithm_suite: \"hsm-v1\" is not supported"),
        "{out}"
    );
}

#[test]
fn a_bad_suite_in_teleport_yaml_stops_the_server_with_the_key_named() {
    let srv = RefServer::start();
    for (suite, message) in [
        (
            "balanced-v2",
            "auth_service.authentication.signature_algorithm_suite: unknown signature algorithm suite \"balanced-v2\", expected one of legacy, balanced-v1, fips-v1, hsm-v1",
        ),
        (
            "fips-v1",
            "auth_service.authentication.signature_algorithm_suite: \"fips-v1\" is not supported by the reference server",
        ),
    ] {
        let data_dir = srv.dir().join(format!("data-{suite}"));
        let path = srv.dir().join(format!("{suite}.yaml"));
        std::fs::write(
            &path,
            format!(
                "teleport:\n  data_dir: {}\nauth_service:\n  authentication:\n    signature_algorithm_suite: {suite}\n",
                data_dir.display()
            ),
        )
        .unwrap();
        let out = srv.refserver(&["start", "-c", path.to_str().unwrap()], None);
        let err = out.fails_with(1);
        assert!(
            err.starts_with(&format!("ERROR: {}: {message}", path.display())),
            "{out}"
        );
        assert!(!data_dir.exists(), "nothing is written");
    }
}
