//! The invitation page: `tctl users add` prints a URL; the user opens it, sets a password and
//! registers a security key (or an OTP app); the invitation then works no more.

use tele_test_support::{RefServer, totp_code};

use crate::chrome::Chrome;
use crate::{PASSWORD, accept_invite_with_key, invite};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invited_user_sets_a_password_and_a_security_key_once() {
    let srv = RefServer::builder().with_mfa().start();
    let (_, url) = invite(&srv, "alice");
    let browser = Chrome::start(&srv).await;

    // A mistyped confirmation is caught before anything is sent.
    browser.open(&url).await;
    browser.shown_form("invite").await;
    browser.type_into("password", PASSWORD).await;
    browser.type_into("password-confirm", "correct horse battery!").await;
    browser.click("invite-submit").await;
    assert_eq!(browser.shown("error").await, "The passwords do not match.");
    assert_eq!(browser.credentials().await, 0);

    accept_invite_with_key(&browser, &url, "alice").await;
    assert_eq!(browser.credentials().await, 1, "the key made one credential");

    // The invitation is single use.
    browser.open(&url).await;
    let error = browser.shown("error").await;
    assert!(error.contains("this invitation is not valid"), "{error}");
    assert_eq!(browser.text("invite").await, None, "no form for a used invitation");

    // The password and the key now sign alice in; a wrong password does not.
    browser
        .open(&format!("https://{}/web/login", srv.localhost_addr()))
        .await;
    browser.shown_form("signin").await;
    browser.type_into("user", "alice").await;
    browser.type_into("password", "not the password").await;
    browser.click("signin-submit").await;
    assert_eq!(browser.shown("error").await, "invalid credentials");
    browser.sign_in("alice", PASSWORD).await;
    // The session cookie is HttpOnly: the page's scripts cannot read it.
    let cookies = browser.eval("document.cookie").await;
    assert!(!cookies.as_str().unwrap_or_default().contains("session"), "{cookies}");
    // A new visit finds the session.
    browser
        .open(&format!("https://{}/web/login", srv.localhost_addr()))
        .await;
    assert_eq!(browser.shown("status").await, "Signed in as alice.");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_webauthn_the_page_registers_an_otp_app_and_refuses_keys() {
    let srv = RefServer::builder()
        .auth_service("  authentication:\n    type: local\n    second_factor: otp\n")
        .start();
    let (_, url) = invite(&srv, "bob");
    let browser = Chrome::start(&srv).await;
    browser.open(&url).await;
    browser.shown_form("invite").await;
    let options = browser
        .eval("Array.from(document.getElementById('mfa-kind').options).map(o => o.value).join(',')")
        .await;
    assert_eq!(options, "totp", "only what the cluster allows is offered");
    let secret = browser.shown("otp-secret").await;

    // The API refuses a security key outright.
    let token = url.rsplit('/').next().unwrap();
    let refusal = browser
        .eval(&format!(
            "fetch('/webapi/mfa/token/{token}/registerchallenge', {{method: 'POST', headers: {{'Content-Type': 'application/json'}}, body: JSON.stringify({{deviceType: 'webauthn'}})}}).then(async r => r.status + ' ' + (await r.json()).error.message)"
        ))
        .await;
    assert_eq!(
        refusal,
        "400 this cluster does not allow security keys (no webauthn in its auth preference)"
    );
    // A wrong code uses the registration up: the page shows a new secret to try again with.
    browser.type_into("password", PASSWORD).await;
    browser.type_into("password-confirm", PASSWORD).await;
    let code = totp_code(&secret);
    let wrong: String = code
        .chars()
        .map(|c| char::from_digit((c.to_digit(10).unwrap() + 5) % 10, 10).unwrap())
        .collect();
    browser.type_into("otp-code", &wrong).await;
    browser.click("invite-submit").await;
    let error = browser.shown("error").await;
    assert!(
        error.starts_with("the OTP code does not match the new device; try again. Add the new secret below"),
        "{error}"
    );
    assert_ne!(browser.shown("otp-secret").await, secret);
    let secret = browser.shown("otp-secret").await;
    browser.type_into("otp-code", &totp_code(&secret)).await;
    browser.click("invite-submit").await;
    browser
        .status_says("Your account bob is ready: sign in with your password and your OTP app.")
        .await;
    browser.close().await;
}
