//! The reference server's web pages in a real Chromium: the invitation page (password and a
//! security key through `navigator.credentials.create`), the sign-in page, and the headless
//! approval page with a real `tsh --headless` waiting on the other side. The security key is
//! CDP's virtual authenticator; everything after it (the browser's WebAuthn, the server's
//! webauthn-rs checks, tsh) is real.
//!
//! The `tsh` and `tctl` under test are the workspace's, from the target dir: `cargo nextest run
//! --workspace` builds them for the root package's tests; alone, build them first with
//! `cargo build --bin tsh --bin tctl`.

#![allow(clippy::print_stdout, clippy::print_stderr, clippy::disallowed_methods)]

mod chrome;
mod headless;
mod invite;

use std::path::PathBuf;

use tele_test_support::{RefServer, target_dir};

/// A binary of the workspace, built already (never built from here).
fn workspace_bin(name: &str) -> PathBuf {
    let path = target_dir().join(name);
    assert!(
        path.exists(),
        "{} is missing: build it first with `cargo build --bin {name}` (cargo nextest run --workspace does)",
        path.display()
    );
    path
}

/// The `tctl` under test.
pub fn tctl() -> PathBuf {
    workspace_bin("tctl")
}

/// The `tsh` under test.
pub fn tsh() -> PathBuf {
    workspace_bin("tsh")
}

/// The OS user the tests run as (a login for the role).
pub fn os_user() -> String {
    let out = std::process::Command::new("id").arg("-un").output().expect("id -un");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// `tctl users add NAME --roles=access --logins=<os user>`; returns the invitation URL as
/// printed, and the same URL on `localhost` (the WebAuthn rp_id).
pub fn invite(srv: &RefServer, user: &str) -> (String, String) {
    let logins = format!("--logins={}", os_user());
    let out = srv.tctl(&tctl(), &["users", "add", user, "--roles=access", &logins]);
    let url = out
        .ok()
        .lines()
        .find(|l| l.starts_with("https://"))
        .unwrap_or_else(|| panic!("no invitation URL:\n{out}"))
        .trim()
        .to_string();
    let local = url.replace(&srv.web_addr, &srv.localhost_addr());
    assert_ne!(url, local, "the URL names the server's address {}", srv.web_addr);
    (url, local)
}

/// A password that passes the 12-character rule.
pub const PASSWORD: &str = "correct horse battery";

/// Sets up `user` on the invitation page with a security key, as the user would.
pub async fn accept_invite_with_key(browser: &chrome::Chrome, url: &str, user: &str) {
    browser.open(url).await;
    browser.shown_form("invite").await;
    assert_eq!(browser.text("invite-user").await.as_deref(), Some(user));
    browser.type_into("password", PASSWORD).await;
    browser.type_into("password-confirm", PASSWORD).await;
    browser.click("invite-submit").await;
    let status = browser.status_says("is ready").await;
    assert_eq!(
        status,
        format!("Your account {user} is ready: sign in with your password and your security key.")
    );
}
