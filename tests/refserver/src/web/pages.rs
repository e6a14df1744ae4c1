//! The pages a real browser opens: `/web/invite/<token>` (set a password, register a security
//! key or an OTP device), `/web/headless/<id>` (approve or deny a headless login) and
//! `/web/login` (sign in). Plain HTML and JavaScript from `tests/refserver/web/`, compiled in;
//! the scripts call the JSON API of `browser.rs`, `invite.rs` and `headless_page.rs`.
//!
//! Every page is sent with a strict Content-Security-Policy (scripts from this origin only),
//! `no-store` and `no-referrer`: the invitation token is in the URL and must not leak through a
//! Referer header or a cache.

use axum::Router;
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, X_FRAME_OPTIONS};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};

use super::{State, browser, headless_page, invite};

/// The routes of the pages and of their API, merged into the server's router.
pub fn routes() -> Router<State> {
    Router::new()
        .route("/web/login", get(|| async { serve(LOGIN_HTML, HTML) }))
        .route("/web/invite/{token}", get(|| async { serve(INVITE_HTML, HTML) }))
        // A password reset (`tctl users reset`) sets a password and a device as an invitation does.
        .route("/web/reset/{token}", get(|| async { serve(INVITE_HTML, HTML) }))
        .route("/web/headless/{id}", get(|| async { serve(HEADLESS_HTML, HTML) }))
        .route(
            "/web/assets/app.js",
            get(|| async { serve(APP_JS, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/web/assets/style.css",
            get(|| async { serve(STYLE_CSS, "text/css; charset=utf-8") }),
        )
        .route("/webapi/mfa/login/finishsession", post(browser::finish_session))
        .route("/webapi/sessions/web", get(browser::current).delete(browser::sign_out))
        .route("/webapi/users/password/token/{token}", get(invite::read))
        .route("/webapi/users/password/token", put(invite::complete))
        .route(
            "/webapi/mfa/token/{token}/registerchallenge",
            post(invite::register_challenge),
        )
        .route(
            "/webapi/headless/{id}",
            get(headless_page::read).put(headless_page::decide),
        )
        .route("/webapi/headless/{id}/challenge", post(headless_page::challenge))
}

const LOGIN_HTML: &str = include_str!("../../web/login.html");
const INVITE_HTML: &str = include_str!("../../web/invite.html");
const HEADLESS_HTML: &str = include_str!("../../web/headless.html");
const APP_JS: &str = include_str!("../../web/app.js");
const STYLE_CSS: &str = include_str!("../../web/style.css");

const HTML: &str = "text/html; charset=utf-8";

fn serve(body: &'static str, content_type: &'static str) -> Response {
    let mut resp = body.into_response();
    let h = resp.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    resp
}
