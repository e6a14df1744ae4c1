//! Teleport's TLS routing on the web port: the Auth service's gRPC and the SSH proxy, reached by
//! clients that share no code with ours (Python's `ssl` with the `h2` package, `openssl
//! s_client`), the refusals (bad ALPN, no certificate, another cluster's, an expired one) with
//! the server still up after each, `tsh` without a separate SSH port, paging, and the `/v1`
//! routes that moved to gRPC answering 404.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use tele_test_support::{RefServer, require_program, run, temp_dir};

use crate::nodes::{join, node_token};
use crate::tsh_ssh::logged_in;
use crate::{os_user, tctl};

/// The answer of `scripts/grpc_ping.py` (`alpn`: an ALPN value, or one of its `--` options).
fn python_ping(
    srv: &RefServer,
    cluster: &str,
    ca: &Path,
    identity: Option<(&Path, &Path)>,
    alpn: Option<&str>,
) -> serde_json::Value {
    let python = require_program("python3", "python3");
    let h2 = run(&python, &["-c", "import h2"], &[], None);
    assert_eq!(
        h2.code, 0,
        "Python's h2 package is missing: install Debian's python3-h2\n{h2}"
    );
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/scripts/grpc_ping.py");
    let mut args: Vec<String> = vec![
        script.display().to_string(),
        srv.web_addr.clone(),
        cluster.into(),
        ca.display().to_string(),
    ];
    if let Some((cert, key)) = identity {
        args.push(cert.display().to_string());
        args.push(key.display().to_string());
    }
    if let Some(alpn) = alpn {
        args.push(if alpn.starts_with("--") {
            alpn.to_string()
        } else {
            format!("--alpn={alpn}")
        });
    }
    let out = run(&python, &args, &[], None);
    let text = out.ok();
    serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// The login's TLS certificate and key, and the cluster CA, as tsh saved them.
fn login_files(home: &Path, user: &str) -> (PathBuf, PathBuf, PathBuf) {
    let keys = home.join("keys/localhost");
    (
        keys.join(format!("{user}.crt")),
        keys.join(format!("{user}.key")),
        keys.join("cas/example.test.pem"),
    )
}

/// Writes an identity file's TLS certificate and key to their own files (for the clients that
/// read PEM files).
fn identity_pems(identity: &Path, dir: &Path) -> (PathBuf, PathBuf) {
    let id = tele_common::identity::Identity::parse(&std::fs::read_to_string(identity).unwrap()).unwrap();
    let (cert, key) = (dir.join("identity.crt"), dir.join("identity.key"));
    std::fs::write(&cert, &id.tls_cert).unwrap();
    std::fs::write(&key, &id.tls_key).unwrap();
    (cert, key)
}

#[test]
fn an_independent_grpc_client_reaches_the_auth_service_and_bad_clients_are_refused() {
    let clock_dir = temp_dir();
    let clock = clock_dir.path().join("offset");
    let srv = RefServer::builder()
        .with_mfa()
        .env("REFSERVER_CLOCK_OFFSET_FILE", clock.to_str().unwrap())
        .start();
    let alice = logged_in(&srv, "alice", "access", &os_user());
    let (cert, key, ca) = login_files(&alice.home(), "alice");
    let ping =
        |identity: Option<(&Path, &Path)>, alpn: Option<&str>| python_ping(&srv, "example.test", &ca, identity, alpn);
    let up = || {
        let answer = ping(Some((&cert, &key)), None);
        assert_eq!(answer["grpc_status"], "0", "the server is still up: {answer}");
    };

    // With the login certificate: Teleport's ALPN value, gRPC status 0, PingResponse fields.
    let answer = ping(Some((&cert, &key)), None);
    assert_eq!(
        answer["alpn"], "teleport-auth@6578616d706c652e74657374.teleport.cluster.local",
        "{answer}"
    );
    assert_eq!(answer["grpc_status"], "0", "{answer}");
    assert_eq!(answer["cluster_name"], "example.test", "{answer}");
    assert!(!answer["server_version"].as_str().unwrap().is_empty(), "{answer}");

    // No client certificate: refused with gRPC's Unauthenticated (16).
    let answer = ping(None, None);
    assert_eq!(answer["grpc_status"], "16", "{answer}");
    assert!(
        answer["grpc_message"].as_str().unwrap().contains("client certificate"),
        "{answer}"
    );
    up();

    // An ALPN value the proxy does not route: the handshake fails (no_application_protocol).
    let answer = ping(Some((&cert, &key)), Some("teleport-bogus"));
    // The client offered `h2` too, so the proxy may answer as the web API over HTTP/2 instead:
    // either way the Auth service was not reached.
    assert!(
        answer.get("tls_error").is_some() || answer["grpc_status"] != "0",
        "{answer}"
    );
    let openssl = require_program("openssl", "openssl");
    let out = run(
        &openssl,
        &[
            "s_client",
            "-connect",
            &srv.web_addr,
            "-alpn",
            "bogus",
            "-servername",
            "localhost",
        ],
        &[],
        Some(""),
    );
    assert_ne!(out.code, 0, "{out}");
    assert!(
        out.stdout.contains("no application protocol") || out.stderr.contains("no application protocol"),
        "{out}"
    );
    up();

    // A certificate from another cluster's CA: the handshake is refused.
    let other = RefServer::builder().cluster("other.test").start();
    let (other_cert, other_key) = identity_pems(&other.data_dir.join("admin.identity"), other.dir());
    let answer = ping(Some((&other_cert, &other_key)), None);
    assert!(
        answer.get("tls_error").is_some() || answer.get("read_error").is_some() || answer.get("closed").is_some(),
        "{answer}"
    );
    assert_ne!(answer["grpc_status"], "0", "{answer}");
    up();

    // Expired by the server's clock (13 hours on: past the 12-hour login): Unauthenticated.
    std::fs::write(&clock, (13 * 3600).to_string()).unwrap();
    let answer = ping(Some((&cert, &key)), None);
    assert_eq!(answer["grpc_status"], "16", "{answer}");
    assert!(answer["grpc_message"].as_str().unwrap().contains("expired"), "{answer}");
    let out = alice.tsh(&["ls"], None);
    assert_eq!(out.code, 1, "{out}");
    assert!(
        out.stderr.contains("expired") && out.stderr.contains("hint: log in again with tsh login"),
        "{out}"
    );
    std::fs::write(&clock, "0").unwrap();
    up();
}

#[test]
fn openssl_sees_the_ssh_banner_through_teleport_proxy_ssh() {
    let srv = RefServer::builder().without_ssh_port().start();
    let openssl = require_program("openssl", "openssl");
    let mut child = Command::new(openssl)
        .args([
            "s_client",
            "-quiet",
            "-ign_eof",
            "-connect",
            &srv.web_addr,
            "-alpn",
            "teleport-proxy-ssh",
        ])
        .args(["-servername", "localhost"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut banner = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut banner)
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(banner.starts_with("SSH-2.0-"), "{banner:?}");
}

#[test]
fn tsh_reaches_nodes_through_the_web_port_alone() {
    let login = os_user();
    let srv = RefServer::builder()
        .without_ssh_port()
        .with_mfa()
        .bootstrap(&format!(
            "kind: role\nversion: v7\nmetadata:\n  name: dev\nspec:\n  allow:\n    logins: [{login}]\n    node_labels:\n      env: dev\n"
        ))
        .start();
    // Nothing listens on the SSH port.
    assert!(std::net::TcpStream::connect(&srv.ssh_addr).is_err());
    let (_t, args) = node_token(&srv, "5m");
    let _dev = crate::nodes::joined_node(&srv, &args, "dev1", "env=dev");
    let alice = logged_in(&srv, "alice", "dev", &login);
    let profile = std::fs::read_to_string(alice.home().join("localhost.yaml")).unwrap();
    assert!(profile.contains("tls_routing_enabled: true"), "{profile}");
    assert!(alice.tsh(&["ls"], None).ok().contains("dev1"));
    assert_eq!(alice.tsh(&["ssh", "dev1", "echo", "routed"], None).ok(), "routed\n");
    // The proxy's SSH port is not in the profile: OpenSSH through `tsh config` goes the same way.
    let config = alice.tsh(&["config"], None).ok().to_string();
    assert!(config.contains("ProxyCommand"), "{config}");
}

#[test]
fn list_resources_pages_by_node_id_and_filters_by_label() {
    use tele_common::grpc::resources::KIND_NODE;
    use tele_common::grpc::wire::proto::ListResourcesRequest;
    use tele_common::profile::{Home, Session};

    let srv = RefServer::builder().with_mfa().start();
    let (_t, args) = node_token(&srv, "5m");
    for (i, labels) in ["env=dev", "env=prod", "env=dev", "env=prod", "env=dev"]
        .iter()
        .enumerate()
    {
        join(
            &args,
            &format!("n{i}"),
            2200 + i as u16,
            labels,
            &srv.dir().join(format!("n{i}")),
        )
        .ok();
    }
    let alice = logged_in(&srv, "alice", "access", &os_user());
    let home = Home::at(alice.home());
    let session = Session::load(&home, home.load("localhost").unwrap().unwrap()).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let auth = session.auth_client(&home).await.unwrap();
        let mut seen = Vec::new();
        let mut start_key = String::new();
        loop {
            let page = auth
                .list_resources(ListResourcesRequest {
                    resource_type: KIND_NODE.into(),
                    limit: 2,
                    start_key: start_key.clone(),
                    need_total_count: true,
                    ..Default::default()
                })
                .await
                .unwrap();
            assert!(page.resources.len() <= 2);
            assert_eq!(page.total_count, 5);
            seen.extend(page.resources);
            if page.next_key.is_empty() {
                break;
            }
            start_key = page.next_key;
        }
        assert_eq!(seen.len(), 5, "every node once");
        let dev = auth
            .list_nodes(&[("env".to_string(), "dev".to_string())].into())
            .await
            .unwrap();
        let names: Vec<&str> = dev.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["n0", "n2", "n4"]);
        let err = auth
            .list_resources(ListResourcesRequest {
                resource_type: "windows_desktop".into(),
                ..Default::default()
            })
            .await
            .unwrap_err();
        assert!(err.message().contains("windows_desktop"), "{err}");
    });
    let out = alice.tsh(&["ls", "env=prod", "--format=json"], None);
    let json: serde_json::Value = serde_json::from_str(out.ok()).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2, "{json}");
}

#[test]
fn the_v1_routes_moved_to_grpc_answer_404() {
    let srv = RefServer::start();
    let curl = require_program("curl", "curl");
    let identity = srv.data_dir.join("admin.identity");
    let (cert, key) = identity_pems(&identity, srv.dir());
    let ca = srv.ca_file();
    for (method, path) in [
        ("GET", "/v1/nodes"),
        ("POST", "/v1/mfa/required"),
        ("POST", "/v1/certs/single-use"),
        // tctl's, moved to the Auth service's gRPC (issue 14).
        ("GET", "/v1/status"),
        ("GET", "/v1/tokens"),
        ("POST", "/v1/tokens"),
        ("GET", "/v1/tokens/abc"),
        ("DELETE", "/v1/tokens/abc"),
        ("GET", "/v1/users"),
        ("POST", "/v1/users/invite"),
        ("PUT", "/v1/users/alice"),
        ("GET", "/v1/roles"),
        ("PUT", "/v1/roles/dev"),
        ("DELETE", "/v1/roles/dev"),
        ("GET", "/v1/cap"),
        ("PUT", "/v1/cap"),
        ("GET", "/v1/databases/pg"),
        ("PUT", "/v1/databases/pg"),
        ("DELETE", "/v1/kube_clusters/k8s"),
        ("POST", "/v1/certs/host"),
        ("POST", "/v1/certs/user"),
        ("POST", "/v1/certs/db"),
        // tsh headless approve's, moved to the Auth service's gRPC (issue 15).
        ("GET", "/v1/headless/abc"),
        ("PUT", "/v1/headless/abc"),
        ("GET", "/v1/mfa/devices"),
        ("POST", "/v1/mfa/devices/key1/delete"),
        // Routed certificates, moved to GenerateUserCerts.
        ("POST", "/v1/mfa/challenge"),
        ("POST", "/v1/routes/mfa_required"),
        ("POST", "/v1/certs/route"),
        // tsh db ls and tsh kube ls, moved to ListResources.
        ("GET", "/v1/databases"),
        ("GET", "/v1/kube_clusters"),
        // tsh mfa add, moved to CreateRegisterChallenge and AddMFADeviceSync.
        ("POST", "/v1/mfa/devices/register/begin"),
        ("POST", "/v1/mfa/devices/register/finish"),
        // tsh recordings ls and tsh play, moved to GetSessionEvents and StreamSessionEvents.
        ("GET", "/v1/recordings"),
        ("GET", "/v1/recordings/abc"),
    ] {
        let url = format!("https://{}{path}", srv.web_addr);
        let out = run(
            &curl,
            &[
                // HTTP/1.1: over HTTP/2 the server may answer 404 before reading the body and
                // reset the stream, which curl reports as its own error (92).
                "--http1.1",
                "-s",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                "-X",
                method,
                "--cacert",
                ca.to_str().unwrap(),
                "--cert",
                cert.to_str().unwrap(),
                "--key",
                key.to_str().unwrap(),
                "-d",
                "{}",
                &url,
            ],
            &[],
            None,
        );
        assert_eq!(out.ok(), "404", "{method} {path}");
    }
    // The admin identity still works where it should: tctl nodes ls over gRPC.
    srv.tctl(tctl(), &["nodes", "ls"]).ok();
}

#[test]
fn an_independent_client_lists_tokens_through_the_auth_route_with_an_admin_identity() {
    let srv = RefServer::start();
    srv.tctl(
        tctl(),
        &[
            "tokens",
            "add",
            "--type=node,db",
            "--value=py-visible-token",
            "--format=text",
        ],
    )
    .ok();
    let (cert, key) = identity_pems(&srv.data_dir.join("admin.identity"), srv.dir());
    let ca = srv.ca_file();
    let answer = python_ping(
        &srv,
        "example.test",
        &ca,
        Some((&cert, &key)),
        Some("--method=GetTokens"),
    );
    assert_eq!(answer["grpc_status"], "0", "{answer}");
    let tokens = answer["tokens"].as_array().unwrap();
    let ours: Vec<&serde_json::Value> = tokens.iter().filter(|t| t["name"] == "py-visible-token").collect();
    assert_eq!(ours.len(), 1, "{answer}");
    assert_eq!(ours[0]["roles"], serde_json::json!(["Node", "Db"]), "{answer}");
    // Without a certificate the Auth service refuses, and says why.
    let anonymous = python_ping(&srv, "example.test", &ca, None, Some("--method=GetTokens"));
    assert_ne!(anonymous["grpc_status"], "0", "{anonymous}");
}
