//! The reference server's JSON request bodies, read by its own extractor (`web::ApiJson`, whose
//! refusal is a `bad_parameter` or 413 answer), then the checks the handlers run before
//! touching state: keys parsed, the headless request ID recomputed, a node's name and address
//! checked. The first byte picks the body's type.
#![no_main]

use axum::body::Body;
use axum::extract::FromRequest;
use axum::http::{Request, header};
use libfuzzer_sys::fuzz_target;
use tele_common::api::headless::{HeadlessLoginRequest, request_id};
use tele_common::api::login::{AuthenticateSshUserRequest, MfaLoginBeginRequest, MfaResponse, RegisterFinishRequest};
use tele_common::api::nodes::JoinRequest;
use tele_refserver::web::ApiJson;
use webauthn_rs::prelude::{PublicKeyCredential, RegisterPublicKeyCredential};

/// The body as a handler gets it, or the refusal a client gets for it.
fn body<T: serde::de::DeserializeOwned>(data: &[u8]) -> Option<T> {
    let req = Request::post("/webapi/fuzz")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(data.to_vec()))
        .expect("a request");
    match tele_fuzz::block_on(ApiJson::<T>::from_request(req, &())) {
        Ok(ApiJson(v)) => Some(v),
        Err(refusal) => {
            // Bad JSON is the client's error, never the server's.
            assert!(refusal.status().is_client_error(), "{}", refusal.status());
            None
        }
    }
}

fn ssh_key(text: &str) {
    let _ = ssh_key::PublicKey::from_openssh(text.trim());
}

fuzz_target!(|data: &[u8]| {
    let Some((which, data)) = tele_fuzz::dispatch(data) else {
        return;
    };
    match which % 8 {
        0 => {
            let _ = body::<MfaLoginBeginRequest>(data);
        }
        // `/webapi/mfa/login/finish`: the answer, the keys to sign.
        1 => {
            if let Some(req) = body::<AuthenticateSshUserRequest>(data) {
                ssh_key(&req.ssh_pub_key);
                let resp = MfaResponse {
                    webauthn: req.webauthn_challenge_response,
                    totp_code: req.totp_code,
                };
                let _ = tele_common::grpc::mfa::response_to_proto(&resp);
            }
        }
        // `/webapi/headless/login`: unauthenticated, so checked before it is stored.
        2 => {
            if let Some(req) = body::<HeadlessLoginRequest>(data) {
                ssh_key(&req.ssh_pub_key);
                let _ = request_id(&req.ssh_pub_key) == req.headless_id;
            }
        }
        // `/webapi/host/credentials`: a node joining with a token.
        3 => {
            if let Some(req) = body::<JoinRequest>(data) {
                let _ = tele_common::resources::validate_name("node_name", &req.node_name);
                let _ = tele_common::config::split_host_port(&req.address);
                ssh_key(&req.public_ssh_key);
            }
        }
        // The pages' WebAuthn answers (sign-in, headless approval) and new keys (invitations).
        4 => {
            if let Some(cred) = body::<PublicKeyCredential>(data) {
                let resp = MfaResponse {
                    webauthn: Some(cred),
                    totp_code: String::new(),
                };
                let _ = tele_common::grpc::mfa::response_to_proto(&resp);
            }
        }
        5 => {
            if let Some(cred) = body::<RegisterPublicKeyCredential>(data) {
                let _ = tele_common::grpc::register::credential_to_proto(&cred);
            }
        }
        6 => {
            let _ = body::<RegisterFinishRequest>(data);
        }
        _ => {
            let _ = body::<MfaResponse>(data);
        }
    }
});
