//! A real Chromium (Debian's `/usr/bin/chromium`) driven over CDP by chromiumoxide, with a
//! virtual security key (CDP's WebAuthn domain) standing in for a USB key.
//!
//! Trust: the reference server's certificate comes from the test CA. Chromium is started with
//! `--ignore-certificate-errors-spki-list=<base64 SHA-256 of the server certificate's SPKI>`,
//! which trusts that one key and nothing else: the page is a secure context without a
//! certificate error, so WebAuthn (which Chromium refuses on sites with certificate errors) and
//! `__Host-` cookies work, and every other certificate is still checked. With Chromium 156 the
//! blanket `--ignore-certificate-errors` and CDP's `Security.setIgnoreCertificateErrors`
//! (chromiumoxide's default, turned off here by `respect_https_errors`) let WebAuthn run too;
//! the SPKI list is the narrow choice and does not rely on that.

use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine;
use chromiumoxide::browser::{Browser, BrowserConfig};
use chromiumoxide::cdp::browser_protocol::web_authn::{
    AddVirtualAuthenticatorParams, AuthenticatorId, AuthenticatorProtocol, AuthenticatorTransport, EnableParams,
    GetCredentialsParams, VirtualAuthenticatorOptions,
};
use chromiumoxide::element::Element;
use chromiumoxide::page::Page;
use futures::StreamExt;
use sha2::{Digest, Sha256};
use tele_test_support::{RefServer, require_program, temp_dir};

/// How long the page gets for anything a user would wait for (a ceremony, a server answer).
pub const PAGE_TIMEOUT: Duration = Duration::from_secs(20);

/// A running Chromium with one tab and a virtual security key in it.
pub struct Chrome {
    browser: Browser,
    handler: tokio::task::JoinHandle<()>,
    /// The tab.
    pub page: Arc<Page>,
    authenticator: AuthenticatorId,
    _profile: tempfile::TempDir,
}

impl Chrome {
    /// Starts Chromium trusting `srv`'s certificate, and adds a USB CTAP2 security key that
    /// answers every request as if touched.
    pub async fn start(srv: &RefServer) -> Self {
        let chromium = require_program("chromium", "chromium");
        let profile = temp_dir();
        let spki = server_spki_sha256(srv);
        let config = BrowserConfig::builder()
            .chrome_executable(chromium)
            .no_sandbox()
            .new_headless_mode()
            .user_data_dir(profile.path())
            .respect_https_errors()
            .args([
                "disable-gpu",
                "disable-quic",
                "no-first-run",
                "disable-background-networking",
                "disable-component-update",
                "disable-sync",
            ])
            .arg(("ignore-certificate-errors-spki-list", spki.as_str()))
            .build()
            .expect("browser config");
        let (browser, mut events) = Browser::launch(config).await.expect("launching chromium");
        let handler = tokio::spawn(async move { while events.next().await.is_some() {} });
        let page = browser.new_page("about:blank").await.expect("a new tab");
        page.execute(EnableParams::default()).await.expect("WebAuthn.enable");
        let options = VirtualAuthenticatorOptions::builder()
            .protocol(AuthenticatorProtocol::Ctap2)
            .transport(AuthenticatorTransport::Usb)
            .has_resident_key(false)
            .has_user_verification(true)
            .is_user_verified(true)
            .automatic_presence_simulation(true)
            .build()
            .expect("authenticator options");
        let authenticator = page
            .execute(AddVirtualAuthenticatorParams::new(options))
            .await
            .expect("WebAuthn.addVirtualAuthenticator")
            .result
            .authenticator_id;
        Self {
            browser,
            handler,
            page: Arc::new(page),
            authenticator,
            _profile: profile,
        }
    }

    /// Opens `url` and waits for the page's script to have run.
    pub async fn open(&self, url: &str) {
        self.page
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("opening {url}: {e}"));
        self.wait_until("the page to load", "document.readyState === 'complete'")
            .await;
    }

    /// Runs a JavaScript expression and returns its JSON value.
    pub async fn eval(&self, js: &str) -> serde_json::Value {
        let result = self.page.evaluate(js).await.unwrap_or_else(|e| panic!("{js}: {e}"));
        result.value().cloned().unwrap_or(serde_json::Value::Null)
    }

    /// Polls a JavaScript condition until it is true; panics with the page's messages after
    /// [`PAGE_TIMEOUT`].
    pub async fn wait_until(&self, what: &str, condition: &str) {
        let deadline = Instant::now() + PAGE_TIMEOUT;
        let mut pause = Duration::from_millis(10);
        loop {
            if self.eval(&format!("Boolean({condition})")).await == serde_json::Value::Bool(true) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; #status: {:?}, #error: {:?}",
                self.text("status").await,
                self.text("error").await
            );
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_millis(200));
        }
    }

    /// The text of the element with this id, if it is shown.
    pub async fn text(&self, id: &str) -> Option<String> {
        let js = format!(
            "(() => {{ const e = document.getElementById('{id}'); return e && !e.hidden ? e.textContent : null; }})()"
        );
        self.eval(&js).await.as_str().map(String::from)
    }

    /// Waits until the element with this id is shown with some text, and returns the text.
    pub async fn shown(&self, id: &str) -> String {
        let cond = format!(
            "(() => {{ const e = document.getElementById('{id}'); return e && !e.hidden && e.textContent.trim() !== ''; }})()"
        );
        self.wait_until(&format!("#{id} to show"), &cond).await;
        self.text(id).await.unwrap_or_default()
    }

    /// Waits for `#status` to contain `text`; panics with `#error` if the page shows one first.
    pub async fn status_says(&self, text: &str) -> String {
        let cond = format!(
            "(() => {{ const s = document.getElementById('status'); const e = document.getElementById('error');
                if (e && !e.hidden) return true; return s && !s.hidden && s.textContent.includes({text:?}); }})()"
        );
        self.wait_until(&format!("#status to say {text:?}"), &cond).await;
        if let Some(error) = self.text("error").await {
            panic!("the page shows an error instead of {text:?}: {error}");
        }
        self.text("status").await.unwrap_or_default()
    }

    /// Types into an input as a user would (a click, then key events), replacing what it held.
    pub async fn type_into(&self, id: &str, text: &str) {
        self.eval(&format!("document.getElementById('{id}').value = ''")).await;
        self.click(id)
            .await
            .type_str(text)
            .await
            .unwrap_or_else(|e| panic!("typing into #{id}: {e}"));
    }

    /// Clicks the element with this id (a real mouse click at its centre); returns it.
    pub async fn click(&self, id: &str) -> Element {
        let el = self
            .page
            .find_element(format!("#{id}"))
            .await
            .unwrap_or_else(|e| panic!("#{id}: {e}"));
        el.click().await.unwrap_or_else(|e| panic!("clicking #{id}: {e}"));
        el
    }

    /// Signs in on a page that shows the sign-in form.
    pub async fn sign_in(&self, user: &str, password: &str) {
        self.submit_sign_in(user, password).await;
        self.status_says(&format!("Signed in as {user}.")).await;
    }

    /// Fills and submits the sign-in form once it shows.
    pub async fn submit_sign_in(&self, user: &str, password: &str) {
        self.shown_form("signin").await;
        self.type_into("user", user).await;
        self.type_into("password", password).await;
        self.click("signin-submit").await;
    }

    /// Waits for the form or section with this id to be shown.
    pub async fn shown_form(&self, id: &str) {
        let cond = format!("(() => {{ const e = document.getElementById('{id}'); return e && !e.hidden; }})()");
        self.wait_until(&format!("#{id} to show"), &cond).await;
    }

    /// How many credentials the virtual security key holds.
    pub async fn credentials(&self) -> usize {
        self.page
            .execute(GetCredentialsParams::new(self.authenticator.clone()))
            .await
            .expect("WebAuthn.getCredentials")
            .result
            .credentials
            .len()
    }

    /// Closes the browser.
    pub async fn close(mut self) {
        let _ = self.browser.close().await;
        let _ = self.browser.wait().await;
        self.handler.abort();
    }
}

/// Base64 of the SHA-256 of the server certificate's SubjectPublicKeyInfo, the form Chromium's
/// `--ignore-certificate-errors-spki-list` takes. Read from the TLS handshake itself.
fn server_spki_sha256(srv: &RefServer) -> String {
    let cert = server_certificate(&srv.web_addr);
    let (_, parsed) = x509_parser::parse_x509_certificate(&cert).expect("the server certificate");
    let spki = parsed.tbs_certificate.subject_pki.raw;
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(spki))
}

/// The DER certificate the server presents, from `openssl s_client` (the harness has no TLS
/// client of its own).
fn server_certificate(addr: &str) -> Vec<u8> {
    TcpStream::connect(addr).expect("the server listens");
    let openssl = require_program("openssl", "openssl");
    let out = std::process::Command::new(openssl)
        .args(["s_client", "-connect", addr, "-servername", "localhost", "-showcerts"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("openssl s_client");
    let text = String::from_utf8_lossy(&out.stdout);
    let pem = text
        .split("-----BEGIN CERTIFICATE-----")
        .nth(1)
        .and_then(|rest| rest.split("-----END CERTIFICATE-----").next())
        .unwrap_or_else(|| panic!("no certificate from openssl s_client:\n{text}"));
    let b64: String = pem.chars().filter(|c| !c.is_whitespace()).collect();
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .expect("base64 certificate")
}
