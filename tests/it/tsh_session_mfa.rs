//! Per-session MFA (seeds 000 and 003): Jerry and Olga's roles, one tap of the software key per
//! session to a protected node, OTP as the alternative, the cluster-wide switch, plain OpenSSH
//! refused, and the recording proxy.

use tele_test_support::{RefServer, require_program, run, temp_dir, totp_code};

use crate::nodes::{joined_node, node_token};
use crate::{TshUser, os_user, tctl};

pub(crate) const PASSWORD: &str = "correct-horse-battery";
pub(crate) const LOGIN_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPJBSWY3DP";
pub(crate) const CHECK_SECRET: &str = "KRSXG5CTMVRXEZLUKRSXG5CTKRSXG5CT";
const OTP_SECRET: &str = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U";

/// Seed 003's Jerry/Olga roles: `access-dev` without per-session MFA, `access-prod` with it.
pub(crate) fn roles(login: &str) -> String {
    format!(
        "kind: role\nversion: v7\nmetadata:\n  name: access-dev\nspec:\n  allow:\n    logins: [{login}]\n    node_labels:\n      env: dev\n\
         ---\nkind: role\nversion: v7\nmetadata:\n  name: access-prod\nspec:\n  options:\n    require_session_mfa: true\n  allow:\n    logins: [{login}]\n    node_labels:\n      env: prod\n"
    )
}

/// Jerry, logged in with an OTP code, then with a security key added.
fn jerry(srv: &RefServer) -> TshUser {
    with_security_key(srv, "jerry", "access-dev,access-prod")
}

/// A user with `roles`, logged in with an OTP code, then with a security key added (checked
/// with a second OTP device; a code counts once per device).
pub(crate) fn with_security_key(srv: &RefServer, name: &str, roles: &str) -> TshUser {
    let login = os_user();
    srv.add_user(name, roles, &login, PASSWORD, &[LOGIN_SECRET, CHECK_SECRET, OTP_SECRET]);
    let u = TshUser::new(srv);
    u.login(srv, name, &[], &format!("{PASSWORD}\n{}\n", totp_code(LOGIN_SECRET)))
        .ok();
    let out = u.tsh(
        &["mfa", "add", "--name=key1", "--type=WEBAUTHN", "--mfa-mode=otp"],
        Some(&format!("{}\n", totp_code(CHECK_SECRET))),
    );
    out.ok();
    u
}

/// How many assertions the software key has made.
pub(crate) fn taps(u: &TshUser) -> u64 {
    let text = std::fs::read_to_string(u.dir().join("softkey.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["credentials"][0]["counter"].as_u64().unwrap()
}

/// A file the server reads its clock offset (seconds) from, so a test can move its clock.
fn clock_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = temp_dir();
    let file = dir.path().join("clock-offset");
    (dir, file)
}

fn cluster_with_clock(extra: &str, clock: &std::path::Path) -> RefServer {
    let builder = RefServer::builder().env("REFSERVER_CLOCK_OFFSET_FILE", clock.to_str().unwrap());
    let builder = if extra.contains("authentication:") {
        builder
    } else {
        builder.with_mfa()
    };
    builder.auth_service(extra).bootstrap(&roles(&os_user())).start()
}

#[test]
fn only_the_prod_role_asks_for_a_tap_and_exactly_one() {
    let (_clock_dir, clock) = clock_file();
    let srv = cluster_with_clock("", &clock);
    let (_t, args) = node_token(&srv, "5m");
    let _dev = joined_node(&srv, &args, "dev1", "env=dev");
    let _prod = joined_node(&srv, &args, "prod3", "env=prod");
    let u = jerry(&srv);
    let before = taps(&u);

    let out = u.tsh(&["ssh", "dev1", "echo", "dev-ok"], None);
    assert_eq!(out.ok(), "dev-ok\n");
    assert!(!out.stderr.contains("MFA"), "{out}");
    assert_eq!(taps(&u), before, "dev1 needs no tap");

    let out = u.tsh(&["ssh", "prod3", "echo", "prod-ok"], None);
    assert_eq!(out.ok(), "prod-ok\n", "{}", srv.log());
    for line in [
        "MFA is required to access Node \"prod3\"",
        "Tap any security key",
        "Detected security key tap",
    ] {
        assert!(out.stderr.contains(line), "{line}: {out}");
    }
    assert_eq!(taps(&u), before + 1, "exactly one tap");
    // The single-use certificate is never written: the profile still holds the login's.
    let certs = std::fs::read_dir(u.home().join("keys/localhost/jerry-ssh"))
        .unwrap()
        .count();
    assert_eq!(certs, 1);

    // scp to prod3: one tap too.
    let file = u.dir().join("f.txt");
    std::fs::write(&file, "x").unwrap();
    let dst = format!("prod3:{}/copied.txt", u.dir().display());
    u.tsh(&["scp", file.to_str().unwrap(), &dst], None).ok();
    assert_eq!(taps(&u), before + 2);

    // --mfa-mode=otp: a code from the OTP device; a wrong one and a reused one are refused.
    let code = totp_code(OTP_SECRET);
    let out = u.tsh(
        &["--mfa-mode=otp", "ssh", "prod3", "echo", "by-otp"],
        Some(&format!("{code}\n")),
    );
    assert_eq!(out.ok(), "by-otp\n");
    assert!(out.stderr.contains("Enter an OTP code from a device:"), "{out}");
    let out = u.tsh(&["--mfa-mode=otp", "ssh", "prod3", "true"], Some(&format!("{code}\n")));
    assert!(out.stderr.contains("the OTP code was used already"), "{out}");
    let out = u.tsh(&["--mfa-mode=otp", "ssh", "prod3", "true"], Some("000000\n"));
    assert_ne!(out.code, 0, "{out}");
    assert_eq!(taps(&u), before + 2);

    // Plain OpenSSH through the proxy: dev1 yes, prod3 refused with the reason.
    let key = srv.dir().join("jerry");
    let out_flag = format!("--out={}", key.display());
    srv.tctl(tctl(), &["auth", "sign", "--user=jerry", "--format=openssh", &out_flag])
        .ok();
    let openssh = |node: &str| crate::nodes::openssh_subsystem(&srv, &key, None, &os_user(), node);
    assert!(openssh("dev1").stdout.starts_with("SSH-2.0-OpenSSH"));
    let out = openssh("prod3");
    assert!(out.stderr.contains("MFA is required to access Node \"prod3\""), "{out}");
    assert!(!out.stdout.contains("SSH-2.0"), "{out}");

    // Two minutes later on the server's clock, a fresh single-use certificate (one minute) is
    // already expired there, while the login's 12-hour certificate still opens dev1.
    std::fs::write(&clock, "120").unwrap();
    assert_eq!(u.tsh(&["ssh", "dev1", "echo", "still"], None).ok(), "still\n");
    let out = u.tsh(&["ssh", "prod3", "true"], None);
    assert_eq!(out.code, 255, "{out}");
    assert!(out.stderr.contains("the proxy refused the certificate"), "{out}");
    assert!(srv.log().contains("certificate rejected"), "{}", srv.log());
}

#[test]
fn the_cluster_switch_covers_every_node_and_recording_mode_needs_one_tap() {
    let (_clock_dir, clock) = clock_file();
    let srv = cluster_with_clock(
        "  session_recording: proxy\n  authentication:\n    type: local\n    second_factor: \"on\"\n    require_session_mfa: true\n    webauthn:\n      rp_id: localhost\n",
        &clock,
    );
    let (_t, args) = node_token(&srv, "5m");
    let _dev = joined_node(&srv, &args, "dev1", "env=dev");
    let u = jerry(&srv);
    let before = taps(&u);
    let out = u.tsh(&["ssh", "dev1", "echo", "recorded-with-mfa"], None);
    assert_eq!(out.ok(), "recorded-with-mfa\n", "{}", srv.log());
    assert!(out.stderr.contains("MFA is required to access Node \"dev1\""), "{out}");
    assert_eq!(taps(&u), before + 1);
    let listed = u.tsh(&["recordings", "ls", "--format=json"], None).ok().to_string();
    assert!(listed.contains("recorded-with-mfa"), "{listed}");
}

#[test]
fn a_command_on_many_nodes_takes_one_tap() {
    let login = os_user();
    let (_clock_dir, clock) = clock_file();
    let srv = cluster_with_clock("", &clock);
    let (_t, args) = node_token(&srv, "5m");
    let _nodes: Vec<_> = ["prod1", "prod2", "prod3"]
        .iter()
        .map(|n| joined_node(&srv, &args, n, "env=prod"))
        .collect();
    let _dev = joined_node(&srv, &args, "dev1", "env=dev");
    let u = jerry(&srv);
    let before = taps(&u);
    let host = run::<&str>(std::path::Path::new("/bin/hostname"), &[], &[], None)
        .ok()
        .trim()
        .to_string();
    let out = u.tsh(&["ssh", &format!("{login}@env=prod"), "hostname"], None);
    assert_eq!(
        out.ok(),
        format!("[prod1] {host}\n[prod2] {host}\n[prod3] {host}\n"),
        "{}",
        srv.log()
    );
    assert_eq!(out.stderr.matches("MFA is required to access Node").count(), 3, "{out}");
    assert_eq!(out.stderr.matches("Tap any security key").count(), 1, "{out}");
    assert_eq!(taps(&u), before + 1, "one tap for three nodes");
    // The worst exit code wins; no node matches: a clear error.
    let out = u.tsh(&["ssh", &format!("{login}@env=dev"), "exit 5"], None);
    assert_eq!(out.code, 5, "{out}");
    let out = u.tsh(&["ssh", &format!("{login}@env=nowhere"), "true"], None);
    assert!(out.stderr.contains("no nodes match env=nowhere"), "{out}");
}

#[test]
fn a_cluster_that_refuses_reuse_gets_one_tap_per_node() {
    // Teleport 17 refuses `allow_reuse` on user-session challenges; tsh then asks once per node.
    let login = os_user();
    let srv = RefServer::builder()
        .with_mfa()
        .env("REFSERVER_REFUSE_SESSION_MFA_REUSE", "1")
        .bootstrap(&roles(&login))
        .start();
    let (_t, args) = node_token(&srv, "5m");
    let _nodes: Vec<_> = ["prod1", "prod2"]
        .iter()
        .map(|n| joined_node(&srv, &args, n, "env=prod"))
        .collect();
    let u = jerry(&srv);
    let before = taps(&u);
    let out = u.tsh(&["ssh", &format!("{login}@env=prod"), "echo", "ok"], None);
    assert_eq!(out.ok(), "[prod1] ok\n[prod2] ok\n", "{}", srv.log());
    assert_eq!(out.stderr.matches("Tap any security key").count(), 2, "{out}");
    assert_eq!(taps(&u), before + 2, "one tap per node");
    assert!(srv.log().contains("cannot allow reuse"), "{}", srv.log());
}

#[test]
fn a_single_use_certificate_opens_one_node_for_one_login() {
    use tele_common::api::login::MfaResponse;
    use tele_common::grpc::mfa::{challenge_from_proto, response_to_proto};
    use tele_common::grpc::wire::proto::user_certs_request::{CertPurpose, CertUsage};
    use tele_common::grpc::wire::proto::{
        ContextUser, CreateAuthenticateChallengeRequest, UserCertsRequest,
        create_authenticate_challenge_request::Request,
    };
    use tele_common::grpc::wire::teleport::mfa::v1::{ChallengeExtensions, ChallengeScope};
    use tele_common::mfa::{soft::SoftAuthenticator, webauthn};
    use tele_common::profile::{Home, Session};

    let login = os_user();
    let (_clock_dir, clock) = clock_file();
    let srv = cluster_with_clock("", &clock);
    let (_t, args) = node_token(&srv, "5m");
    let _p3 = joined_node(&srv, &args, "prod3", "env=prod");
    let _p4 = joined_node(&srv, &args, "prod4", "env=prod");
    let u = jerry(&srv);

    // Ask for a single-use certificate for prod3 over gRPC, Teleport's sequence, and keep it.
    let home = Home::at(u.home());
    let profile = home.load("localhost").unwrap().unwrap();
    let session = Session::load(&home, profile).unwrap();
    let key_file = u.home().join("keys/localhost/jerry");
    let public = std::fs::read_to_string(key_file.with_extension("pub")).unwrap();
    let origin = format!("https://{}", srv.localhost_addr());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let cert = rt.block_on(async {
        let auth = session.auth_client(&home).await.unwrap();
        let mut ext = ChallengeExtensions::default();
        ext.set_scope(ChallengeScope::UserSession);
        let challenge = auth
            .create_authenticate_challenge(CreateAuthenticateChallengeRequest {
                request: Some(Request::ContextUser(ContextUser {})),
                challenge_extensions: Some(ext),
                ..Default::default()
            })
            .await
            .unwrap();
        let challenge = challenge_from_proto(challenge);
        let key = SoftAuthenticator::new(u.dir().join("softkey.json"));
        let assertion = webauthn::assert(challenge.webauthn_challenge.as_ref().unwrap(), &origin, &key).unwrap();
        let answer = MfaResponse {
            webauthn: Some(assertion),
            totp_code: String::new(),
        };
        let mut req = UserCertsRequest {
            username: "jerry".into(),
            node_name: "prod3".into(),
            ssh_login: login.clone(),
            ssh_public_key: public.clone().into_bytes(),
            mfa_response: Some(response_to_proto(&answer)),
            ..Default::default()
        };
        req.set_usage(CertUsage::Ssh);
        req.set_purpose(CertPurpose::SingleUseCerts);
        let first = auth.generate_user_certs(req.clone()).await.unwrap();
        assert!(
            first.tls.is_empty() && first.tlsca_certs.is_empty(),
            "only the SSH certificate"
        );
        // The same answer twice: the challenge is gone.
        let again = auth.generate_user_certs(req).await.unwrap_err();
        assert!(again.message().contains("no MFA challenge is pending"), "{again}");
        String::from_utf8(first.ssh).unwrap()
    });
    let cert_file = srv.dir().join("single-use-cert.pub");
    std::fs::write(&cert_file, &cert).unwrap();
    let shown = run(
        &require_program("ssh-keygen", "openssh-client"),
        &["-L", "-f", cert_file.to_str().unwrap()],
        &[],
        None,
    );
    assert!(shown.ok().contains("mfa-verified"), "{shown}");

    let openssh =
        |as_login: &str, node: &str| crate::nodes::openssh_subsystem(&srv, &key_file, Some(&cert_file), as_login, node);
    assert!(
        openssh(&login, "prod3").stdout.starts_with("SSH-2.0-OpenSSH"),
        "the node it was made for"
    );
    let out = openssh(&login, "prod4");
    assert!(
        out.stderr
            .contains("this single-use certificate is for node \"prod3\", not \"prod4\""),
        "{out}"
    );
    let out = openssh("nobody-else", "prod3");
    assert!(
        out.stderr.contains("access denied to nobody-else connecting to prod3"),
        "{out}"
    );
    // After its minute, by the server's clock, it opens nothing.
    std::fs::write(&clock, "120").unwrap();
    let out = openssh(&login, "prod3");
    assert_eq!(out.code, 255, "{out}");
    assert!(out.stderr.contains("Permission denied"), "{out}");
}
