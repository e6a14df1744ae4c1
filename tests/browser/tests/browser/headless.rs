//! The headless approval page: a login waits on the server (`POST /webapi/headless/login`, a
//! long poll) until its user approves it in the browser with the security key, or denies it.
//! The requester is `curl` speaking Teleport's wire format (so the page is tested whatever tsh
//! can do), then the real `tsh ls --headless`.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use base64::Engine;
use sha2::{Digest, Sha256};
use tele_test_support::{RefServer, free_port, require_program, run, temp_dir, wait_for};

use crate::chrome::Chrome;
use crate::{PASSWORD, accept_invite_with_key, invite, tctl, tsh};

/// How long a requester may take to finish once the page has decided.
const EXIT_TIMEOUT: Duration = Duration::from_secs(30);

/// The ID of a request for an SSH key line (`ssh-ed25519 AAAA...`), computed here from its
/// definition (Teleport's `NewHeadlessAuthenticationID`): SHA-256 of 16 zero bytes, the line and
/// a newline; the first 16 bytes as a version-5 UUID.
fn request_id(key_line: &str) -> String {
    let mut h = Sha256::new();
    h.update([0u8; 16]);
    h.update(key_line.as_bytes());
    h.update(b"\n");
    let mut b: [u8; 16] = h.finalize()[..16].try_into().unwrap();
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// A headless login waiting in `curl`, with fresh keys made by ssh-keygen and openssl.
struct CurlLogin {
    id: String,
    child: Child,
}

impl CurlLogin {
    fn start(srv: &RefServer, user: &str, dir: &Path) -> Self {
        let ssh_keygen = require_program("ssh-keygen", "openssh-client");
        let openssl = require_program("openssl", "openssl");
        let key = dir.join(format!("headless-{}", free_port()));
        let key_arg = key.to_str().unwrap();
        run(
            &ssh_keygen,
            &["-q", "-t", "ed25519", "-N", "", "-f", key_arg],
            &[],
            None,
        )
        .ok();
        let pub_line = std::fs::read_to_string(format!("{key_arg}.pub")).unwrap();
        // Go's MarshalAuthorizedKey: type and key, no comment.
        let key_line = pub_line.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
        let tls = run(
            &openssl,
            &["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
            &[],
            None,
        );
        let tls_pub = run(&openssl, &["pkey", "-pubout"], &[], Some(tls.ok()));
        let id = request_id(&key_line);
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s.as_bytes());
        let body = serde_json::json!({
            "user": user,
            "headless_id": id,
            // Sent exactly as hashed: with the newline MarshalAuthorizedKey ends the line with.
            "ssh_pub_key": b64(&format!("{key_line}\n")),
            "tls_pub_key": b64(tls_pub.ok()),
            "ttl": 60_000_000_000u64,
        });
        let curl = require_program("curl", "curl");
        let url = format!("https://{}/webapi/headless/login", srv.localhost_addr());
        let child = Command::new(curl)
            .args(["-sS", "--max-time", "200", "-w", "\n%{http_code}", "-X", "POST"])
            .args(["-H", "Content-Type: application/json", "--cacert"])
            .arg(srv.ca_file())
            .args(["--data-binary", &body.to_string(), &url])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starting curl");
        let login = Self { id, child };
        wait_for("the headless request to be stored", Duration::from_secs(20), || {
            srv.log().contains(&login.id)
        });
        login
    }

    /// The HTTP status and the body curl got.
    async fn finish(self) -> (String, serde_json::Value) {
        let out = exited(self.child).await;
        let text = out.0;
        let (body, status) = text.trim_end().rsplit_once('\n').unwrap_or(("", text.trim()));
        let json = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {text} {}", out.1));
        (status.to_string(), json)
    }
}

/// Waits for a child to end; its stdout and stderr.
async fn exited(mut child: Child) -> (String, String, i32) {
    let deadline = Instant::now() + EXIT_TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the requester did not end within {EXIT_TIMEOUT:?} of the decision");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let mut out = String::new();
    let mut err = String::new();
    if let Some(mut s) = child.stdout.take() {
        s.read_to_string(&mut out).unwrap();
    }
    if let Some(mut s) = child.stderr.take() {
        s.read_to_string(&mut err).unwrap();
    }
    (out, err, status.code().unwrap_or(-1))
}

/// Waits for the page to show the request, pending.
async fn shows_pending(browser: &Chrome, user: &str) {
    browser.shown_form("actions").await;
    assert_eq!(browser.text("req-user").await.as_deref(), Some(user));
    assert_eq!(browser.text("req-ip").await.as_deref(), Some("127.0.0.1"));
    assert_eq!(browser.text("req-state").await.as_deref(), Some("pending"));
    assert!(!browser.shown("req-created").await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_signs_in_then_approves_or_denies_a_waiting_login() {
    let srv = RefServer::builder().with_mfa().start();
    let (_, url) = invite(&srv, "alice");
    let browser = Chrome::start(&srv).await;
    accept_invite_with_key(&browser, &url, "alice").await;
    let page = |id: &str| format!("https://{}/web/headless/{id}", srv.localhost_addr());

    // Not signed in: the page asks for the password and the key first. An unknown request is
    // "not found".
    let unknown = request_id("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDm3ioq6DBxzNRdNn8cWUFZSKqWkqrCVi5ZSKXzCvTnJ");
    browser.open(&page(&unknown)).await;
    browser.submit_sign_in("alice", PASSWORD).await;
    let error = browser.shown("error").await;
    assert_eq!(error, format!("headless authentication {unknown:?} not found"));
    assert_eq!(browser.text("status").await.as_deref(), Some("Signed in as alice."));
    assert_eq!(browser.text("request").await, None);

    // Approve: the waiting login gets its certificates.
    let dir = temp_dir();
    let login = CurlLogin::start(&srv, "alice", dir.path());
    browser.open(&page(&login.id)).await;
    shows_pending(&browser, "alice").await;
    browser.click("approve").await;
    browser.status_says("Approved").await;
    assert_eq!(browser.shown("req-state").await, "approved");
    let (status, body) = login.finish().await;
    assert_eq!(status, "200", "{body}");
    assert_eq!(body["username"], "alice");
    assert!(body["cert"].as_str().is_some_and(|c| !c.is_empty()), "{body}");

    // Deny: the waiting login is refused.
    let login = CurlLogin::start(&srv, "alice", dir.path());
    let id = login.id.clone();
    browser.open(&page(&id)).await;
    shows_pending(&browser, "alice").await;
    browser.click("deny").await;
    browser.status_says("Denied").await;
    let (status, body) = login.finish().await;
    assert_eq!(status, "403", "{body}");
    assert_eq!(body["error"]["message"], "headless authentication denied");

    // A decided (and then deleted) request cannot be decided again.
    browser.open(&page(&id)).await;
    let error = browser.shown("error").await;
    assert!(error.contains("not found"), "{error}");
    assert_eq!(browser.text("actions").await, None);
    browser.close().await;
}

/// `tsh ls --headless` as a child: returns it and, once printed, the approval URL.
fn tsh_headless_ls(srv: &RefServer, home: &Path) -> (Child, String, mpsc::Receiver<String>) {
    let proxy = format!("--proxy={}", srv.localhost_addr());
    let mut child = Command::new(tsh())
        .args(["ls", "--headless", &proxy, "--user=alice"])
        .env_clear()
        .env("HOME", home)
        .env("TELEPORT_HOME", home.join("tsh"))
        .env("SSL_CERT_FILE", srv.ca_file())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting tsh");
    // Stderr line by line: the URL comes first, the rest (errors) later.
    let (tx, rx) = mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let url = loop {
        let line = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("tsh printed no approval URL; stderr so far:\n{}", seen.join("\n")));
        if line.starts_with("https://") && line.contains("/web/headless/") {
            break line.trim().to_string();
        }
        seen.push(line);
    };
    assert_eq!(
        seen.first().map(String::as_str),
        Some("Complete headless authentication in your local web browser:"),
        "{seen:?}"
    );
    (child, url, rx)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tsh_headless_waits_for_the_browser_to_approve_or_deny() {
    let srv = RefServer::builder()
        .with_mfa()
        .static_token("node:browser-test-node-token")
        .start();
    let (_, url) = invite(&srv, "alice");
    // A node to list: joined the way tctl tokens add tells admins, with no sshd needed.
    let pin = srv
        .tctl(&tctl(), &["status"])
        .ok()
        .lines()
        .find_map(|l| l.strip_prefix("CA pin").map(|p| p.trim().to_string()))
        .expect("a CA pin row");
    let node_dir = temp_dir();
    srv.refserver(
        &[
            "join",
            "openssh",
            "--token=browser-test-node-token",
            &format!("--ca-pin={pin}"),
            &format!("--auth-server={}", srv.web_addr),
            "--node-name=web-node-1",
            &format!("--address=127.0.0.1:{}", free_port()),
            &format!("--out-dir={}", node_dir.path().display()),
        ],
        None,
    )
    .ok();

    let browser = Chrome::start(&srv).await;
    accept_invite_with_key(&browser, &url, "alice").await;
    let home = temp_dir();

    // Approve: tsh gets its one-minute certificates and lists the node.
    let (child, approval_url, _stderr) = tsh_headless_ls(&srv, home.path());
    browser.open(&approval_url).await;
    browser.sign_in("alice", PASSWORD).await;
    shows_pending(&browser, "alice").await;
    browser.click("approve").await;
    browser.status_says("Approved").await;
    let (stdout, _, code) = exited(child).await;
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("web-node-1"), "{stdout}");
    // The headless flow writes no keys: the home has no profile.
    assert!(!home.path().join("tsh/keys").exists(), "headless login saved keys");

    // Deny: tsh ends with an error that says so.
    let (child, approval_url, stderr) = tsh_headless_ls(&srv, home.path());
    browser.open(&approval_url).await;
    shows_pending(&browser, "alice").await;
    browser.click("deny").await;
    browser.status_says("Denied").await;
    let (stdout, _, code) = exited(child).await;
    let rest: Vec<String> = stderr.iter().collect();
    assert_eq!(code, 1, "stdout: {stdout}\nstderr: {rest:?}");
    assert!(rest.iter().any(|l| l.contains("denied")), "{rest:?}");
    browser.close().await;
}
