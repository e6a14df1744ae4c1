//! `tsh login` with password + TOTP and password + security key, `tsh status`, and what the
//! server refuses: wrong credentials (indistinguishably), too many attempts, a reused code, a
//! replayed assertion, an expired challenge.

use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

use serde_json::Value;
use tele_test_support::{RefServer, totp_code, wait_for};

use crate::TshUser;

const PASSWORD: &str = "correct-horse-battery";
const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPJBSWY3DP";
/// A second OTP device: a code works once, and some tests need two in one 30 s window.
const SECRET2: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

fn server() -> RefServer {
    let srv = RefServer::builder().with_mfa().start();
    srv.add_user("dev", "access,editor", "root,dev", PASSWORD, &[SECRET, SECRET2]);
    srv
}

fn otp_login(u: &TshUser, srv: &RefServer) -> tele_test_support::Output {
    u.login(srv, "dev", &[], &format!("{PASSWORD}\n{}\n", totp_code(SECRET)))
}

#[test]
fn password_and_totp_log_in_and_status_shows_the_certificate() {
    let srv = server();
    let u = TshUser::new(&srv);
    let out = otp_login(&u, &srv);
    let text = out.ok();
    assert!(out.stderr.contains("Enter password for Teleport user dev:\n"), "{out}");
    assert!(out.stderr.contains("Enter an OTP code from a device:\n"), "{out}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        format!("> Profile URL:        https://{}", srv.localhost_addr())
    );
    assert_eq!(lines[1], "  Logged in as:       dev");
    assert_eq!(lines[2], "  Cluster:            example.test");
    assert_eq!(lines[3], "  Roles:              access, editor");
    assert_eq!(lines[4], "  Logins:             root, dev");
    assert!(lines[6].starts_with("  Valid until:        "), "{text}");
    assert!(
        lines[6].contains(" +0000 UTC [valid for 11h59m") || lines[6].contains(" +0000 UTC [valid for 12h0m0s]"),
        "{text}"
    );
    assert_eq!(
        lines[7],
        "  Extensions:         login-ip, permit-agent-forwarding, permit-port-forwarding, permit-pty, private-key-policy"
    );
    assert_eq!(
        lines[8], "  Key store:          file",
        "no OS keyring here: the file store is used and reported"
    );

    // The same view again, but for the remaining validity, which may have ticked a second.
    let status = u.tsh(&["status"], None);
    let without_validity = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| !l.contains("Valid until:"))
            .map(String::from)
            .collect()
    };
    assert_eq!(without_validity(status.ok()), without_validity(text));
    let json: Value = serde_json::from_str(u.tsh(&["status", "--format=json"], None).ok()).unwrap();
    assert_eq!(json["active"]["username"], "dev");
    assert_eq!(json["active"]["roles"], serde_json::json!(["access", "editor"]));
    assert_eq!(json["active"]["logins"], serde_json::json!(["root", "dev"]));
    assert_eq!(json["active"]["expired"], false);
    let yaml: Value = serde_saphyr::from_str(u.tsh(&["status", "--format=yaml"], None).ok()).unwrap();
    assert_eq!(yaml["active"]["cluster"], "example.test");
}

#[test]
fn password_and_security_key_log_in() {
    let srv = server();
    let u = TshUser::new(&srv);
    otp_login(&u, &srv).ok();
    let add = u.tsh(
        &["mfa", "add", "--name=key1", "--type=WEBAUTHN"],
        Some(&format!("{}\n", totp_code(SECRET2))),
    );
    assert_eq!(add.ok(), "MFA device \"key1\" added.\n");
    u.tsh(&["logout"], None).ok();
    // Only the key (as a user without an OTP app would).
    let out = u.login(&srv, "dev", &["--mfa-mode=cross-platform"], &format!("{PASSWORD}\n"));
    assert!(out.ok().contains("Logged in as:       dev"), "{out}");
    assert!(
        out.stderr.contains("Tap any security key\nDetected security key tap\n"),
        "{out}"
    );
    // Both devices: one prompt for either.
    let out = u.login(&srv, "dev", &[], &format!("{PASSWORD}\n"));
    out.ok();
    assert!(
        out.stderr
            .contains("Tap any security key or enter a code from a OTP device"),
        "{out}"
    );
}

#[test]
fn without_a_security_key_plugged_in_the_error_says_what_to_do() {
    let srv = server();
    let mut u = TshUser::new(&srv);
    otp_login(&u, &srv).ok();
    u.tsh(
        &["mfa", "add", "--name=key1", "--type=WEBAUTHN"],
        Some(&format!("{}\n", totp_code(SECRET2))),
    )
    .ok();
    // The same machine without the software key: tsh looks for a USB key and finds none.
    u.set("TSH_SOFT_AUTHENTICATOR", "");
    let out = u.login(&srv, "dev", &["--mfa-mode=cross-platform"], &format!("{PASSWORD}\n"));
    let err = out.fails_with(1);
    assert!(
        err.contains("ERROR: no security key found\nhint: plug in a FIDO2 security key"),
        "{out}"
    );
}

#[test]
fn an_expired_certificate_is_shown_as_expired() {
    let srv = server();
    let u = TshUser::new(&srv);
    u.login(
        &srv,
        "dev",
        &["--ttl=2s"],
        &format!("{PASSWORD}\n{}\n", totp_code(SECRET)),
    )
    .ok();
    wait_for("the certificate to expire", Duration::from_secs(30), || {
        u.tsh(&["status"], None).ok().contains("[EXPIRED]")
    });
    let json: Value = serde_json::from_str(u.tsh(&["status", "--format=json"], None).ok()).unwrap();
    assert_eq!(json["active"]["expired"], true);
}

#[test]
fn an_account_without_a_device_cannot_log_in_where_mfa_is_required() {
    let srv = RefServer::builder().with_mfa().start();
    srv.add_user("nodevice", "access", "nodevice", PASSWORD, &[]);
    let u = TshUser::new(&srv);
    let out = u.login(&srv, "nodevice", &[], &format!("{PASSWORD}\n"));
    let err = out.fails_with(1);
    assert!(
        err.contains("ERROR: the cluster requires a second factor, but this account has no MFA device"),
        "{out}"
    );
    assert!(err.contains("hint: an admin can give the account one"), "{out}");
    assert!(!u.home().exists());
}

#[test]
fn a_cluster_without_second_factor_takes_the_password_alone() {
    let srv = RefServer::builder()
        .auth_service("  authentication:\n    second_factor: \"off\"\n")
        .start();
    srv.add_user("plain", "access", "plain", PASSWORD, &[]);
    let u = TshUser::new(&srv);
    let out = u.login(&srv, "plain", &["--insecure"], &format!("{PASSWORD}\n"));
    assert!(out.ok().contains("Logged in as:       plain"), "{out}");
    assert!(!out.stderr.contains("OTP"), "{out}");
}

#[test]
fn wrong_password_and_unknown_user_look_the_same_and_lock_out() {
    let srv = server();
    let u = TshUser::new(&srv);
    let wrong = u.login(&srv, "dev", &[], "not-the-password\n");
    let unknown = u.login(&srv, "nobody", &[], "not-the-password\n");
    let tail = |o: &tele_test_support::Output| o.stderr.lines().last().unwrap_or_default().to_string();
    assert_eq!(wrong.code, 1, "{wrong}");
    assert_eq!(tail(&wrong), "ERROR: invalid credentials");
    assert_eq!(tail(&unknown), "ERROR: invalid credentials");
    // A wrong second factor is the same answer too.
    let bad_code = u.login(&srv, "dev", &[], &format!("{PASSWORD}\n000000\n"));
    assert_eq!(tail(&bad_code), "ERROR: invalid credentials", "{bad_code}");
    // That is two failures for dev; three more make five.
    for _ in 0..3 {
        u.login(&srv, "dev", &[], "not-the-password\n").fails_with(1);
    }
    // Five failures: the sixth attempt is refused even with the right password and code.
    let locked = otp_login(&u, &srv);
    assert!(
        locked
            .fails_with(1)
            .contains("too many failed login attempts: this account is locked for 30 minutes"),
        "{locked}"
    );
    // Unknown names lock the same way, so locking tells nothing about who exists.
    for _ in 0..5 {
        u.login(&srv, "nobody", &[], "x\n").fails_with(1);
    }
    assert!(
        u.login(&srv, "nobody", &[], "x\n")
            .stderr
            .contains("too many failed login attempts")
    );
    assert!(srv.log().contains("reason=\"no such user\"") && srv.log().contains("reason=\"wrong password\""));
}

#[test]
fn a_totp_code_works_once() {
    let srv = server();
    let u = TshUser::new(&srv);
    let code = totp_code(SECRET);
    u.login(&srv, "dev", &[], &format!("{PASSWORD}\n{code}\n")).ok();
    let again = u.login(&srv, "dev", &[], &format!("{PASSWORD}\n{code}\n"));
    assert!(again.fails_with(1).ends_with("ERROR: invalid credentials\n"), "{again}");
    assert!(srv.log().contains("the OTP code was used already"), "{}", srv.log());
}

#[test]
fn an_expired_challenge_is_refused() {
    let srv = RefServer::builder()
        .with_mfa()
        .env("REFSERVER_MFA_CHALLENGE_TTL", "1s")
        .start();
    srv.add_user("dev", "access", "dev", PASSWORD, &[SECRET]);
    let u = TshUser::new(&srv);
    let mut login = tele_test_support::Interactive::start(
        crate::tsh(),
        &["login", &format!("--proxy={}", srv.localhost_addr()), "--user=dev"],
        &u.env(),
    );
    login.expect("Enter password for Teleport user dev:");
    login.send_line(PASSWORD);
    login.expect("Enter an OTP code from a device:");
    // The challenge was made before the prompt; wait (on the clock) until it is past its TTL.
    let asked = Instant::now();
    wait_for("the challenge to expire", Duration::from_secs(10), || {
        asked.elapsed() > Duration::from_millis(1500)
    });
    login.send_line(&totp_code(SECRET));
    let out = login.finish();
    assert!(out.fails_with(1).ends_with("ERROR: invalid credentials\n"), "{out}");
    assert!(srv.log().contains("the MFA challenge has expired"), "{}", srv.log());
}

#[test]
fn a_replayed_assertion_is_refused() {
    use tele_common::api::Client;
    use tele_common::api::login::{AuthenticateSshUserRequest, MfaLoginBeginRequest};
    use tele_common::keys::{SshKey, TlsKey};
    use tele_common::mfa::{soft::SoftAuthenticator, webauthn};

    let srv = server();
    let u = TshUser::new(&srv);
    otp_login(&u, &srv).ok();
    u.tsh(
        &["mfa", "add", "--name=key1", "--type=WEBAUTHN"],
        Some(&format!("{}\n", totp_code(SECRET2))),
    )
    .ok();
    let key = SoftAuthenticator::new(u.dir().join("softkey.json"));
    let ca = tele_common::tls::parse_certs_pem(&std::fs::read_to_string(srv.ca_file()).unwrap()).unwrap();
    let client = Client::new(
        &tele_common::context::Context::for_test(&[]),
        &srv.localhost_addr(),
        tele_common::tls::client_config(&ca, None, false).unwrap(),
    )
    .unwrap();
    let origin = format!("https://{}", srv.localhost_addr());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let begin = MfaLoginBeginRequest {
            user: "dev".into(),
            pass: PASSWORD.into(),
        };
        let challenge = client.mfa_login_begin(&begin).await.unwrap();
        let assertion = webauthn::assert(challenge.webauthn_challenge.as_ref().unwrap(), &origin, &key).unwrap();
        let finish = AuthenticateSshUserRequest {
            user: "dev".into(),
            password: PASSWORD.into(),
            webauthn_challenge_response: Some(assertion),
            ssh_pub_key: SshKey::generate(tele_common::keys::KeyAlgorithm::Ed25519)
                .unwrap()
                .public_openssh(),
            tls_pub_key: TlsKey::generate(tele_common::keys::KeyAlgorithm::EcdsaP256)
                .unwrap()
                .public_pem(),
            ttl: Duration::from_secs(600),
            ..Default::default()
        };
        let resp = client.mfa_login_finish(&finish).await.unwrap();
        assert_eq!(resp.username, "dev");
        // The same assertion again: the challenge it answered is gone.
        let err = client.mfa_login_finish(&finish).await.unwrap_err();
        assert_eq!(err.message(), "invalid credentials");
        // Nor does it answer a fresh challenge.
        client.mfa_login_begin(&begin).await.unwrap();
        let err = client.mfa_login_finish(&finish).await.unwrap_err();
        assert_eq!(err.message(), "invalid credentials");
    });
    assert!(srv.log().contains("no MFA challenge is pending"), "{}", srv.log());
    assert!(srv.log().contains("security key check failed"), "{}", srv.log());
}

#[test]
fn files_are_private_and_no_secret_is_shown() {
    let srv = server();
    let u = TshUser::new(&srv);
    let code = totp_code(SECRET);
    let mut outputs = vec![u.login(&srv, "dev", &[], &format!("{PASSWORD}\n{code}\n"))];
    outputs.push(u.tsh(&["status"], None));
    outputs.push(u.tsh(&["status", "--format=json"], None));
    outputs.push(u.tsh(&["mfa", "ls"], None));
    let mut private_keys = Vec::new();
    let mut stack = vec![u.home()];
    while let Some(path) = stack.pop() {
        let meta = std::fs::metadata(&path).unwrap();
        let mode = meta.permissions().mode() & 0o777;
        if meta.is_dir() {
            assert_eq!(mode, 0o700, "{}", path.display());
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else {
            assert_eq!(mode, 0o600, "{}", path.display());
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                !text.contains(PASSWORD) && !text.contains(SECRET),
                "{} holds a secret",
                path.display()
            );
            if text.contains("PRIVATE KEY") {
                private_keys.push(text.lines().nth(1).unwrap().to_string());
            }
        }
    }
    assert_eq!(private_keys.len(), 2, "an SSH and a TLS private key");
    let log = srv.log();
    for out in &outputs {
        for secret in [PASSWORD, code.as_str(), SECRET]
            .iter()
            .copied()
            .chain(private_keys.iter().map(String::as_str))
        {
            assert!(
                !out.stdout.contains(secret) && !out.stderr.contains(secret),
                "secret in output:\n{out}"
            );
            assert!(!log.contains(secret), "secret in the server log");
        }
    }
}

#[test]
fn profiles_side_by_side_and_logout() {
    let first = server();
    let second = RefServer::builder()
        .cluster("second.test")
        .auth_service("  authentication:\n    second_factor: \"off\"\n")
        .start();
    second.add_user("ops", "access", "ops", PASSWORD, &[]);
    let u = TshUser::new(&first);
    otp_login(&u, &first).ok();
    // The second proxy by its IP address: another profile name.
    let out = u.tsh(
        &[
            "login",
            &format!("--proxy={}", second.web_addr),
            "--user=ops",
            "--insecure",
        ],
        Some(&format!("{PASSWORD}\n")),
    );
    out.ok();
    let status = u.tsh(&["status"], None);
    let text = status.ok();
    assert!(
        text.starts_with(&format!("> Profile URL:        https://{}", second.web_addr)),
        "{text}"
    );
    assert!(
        text.contains(&format!("\n  Profile URL:        https://{}", first.localhost_addr())),
        "{text}"
    );
    let out = u.tsh(&["logout", "--proxy=127.0.0.1"], None);
    assert_eq!(out.ok(), "Logged out ops from 127.0.0.1.\n");
    assert!(!u.home().join("keys/127.0.0.1").exists());
    assert!(u.home().join("keys/localhost/dev").exists());
    // The remaining profile is listed; none is current.
    let status = u.tsh(&["status"], None);
    assert!(status.ok().starts_with("  Profile URL:"), "{status}");
    assert_eq!(
        u.tsh(&["logout"], None).ok(),
        "Logged out all users from all proxies.\n"
    );
    assert!(!u.home().join("keys/localhost").exists());
    let out = u.tsh(&["status"], None);
    assert!(out.fails_with(1).starts_with("ERROR: Not logged in."), "{out}");
    assert_eq!(u.tsh(&["logout"], None).ok(), "You are not logged in.\n");
}

#[test]
fn bad_login_input_is_refused_before_anything_is_written() {
    let srv = server();
    let u = TshUser::new(&srv);
    let out = u.tsh(&["login", "--user=dev"], Some("x\n"));
    assert!(out.fails_with(1).contains("--proxy is required to log in"), "{out}");
    let out = u.tsh(&["login", "--proxy=localhost:1", "--user=dev"], Some("x\n"));
    assert!(out.fails_with(1).contains("connection refused"), "{out}");
    // Without trusting the cluster CA, the proxy's certificate is refused.
    let mut untrusting = TshUser::new(&srv);
    untrusting.set("SSL_CERT_FILE", "/dev/null");
    let out = untrusting.login(&srv, "dev", &[], &format!("{PASSWORD}\n"));
    let err = out.fails_with(1);
    assert!(
        err.contains("not signed by the cluster CA you trust") || err.contains("no certificate found"),
        "{out}"
    );
    u.tsh(&["login", "--proxy=localhost", "--user=dev", "--ttl=soon"], None)
        .fails_with(2);
    assert!(!u.home().exists(), "nothing may be written by a failed login");
    // The TTL a user asks for is capped by the roles' max_session_ttl (30h by default).
    let out = u.login(
        &srv,
        "dev",
        &["--ttl=100h"],
        &format!("{PASSWORD}\n{}\n", totp_code(SECRET)),
    );
    assert!(
        out.ok().contains("[valid for 29h59m") || out.ok().contains("[valid for 30h0m0s]"),
        "{out}"
    );
}
