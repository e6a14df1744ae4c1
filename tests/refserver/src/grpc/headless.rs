//! Headless approval over the Auth service (teleport-wire §7): `GetHeadlessAuthentication` of
//! one of the caller's own requests (waiting a moment for one that is on its way), and
//! `UpdateHeadlessAuthenticationState` to deny it, or approve it with the answer to a
//! `HEADLESS_LOGIN` challenge from a security key. Another user's request is "not found".

use tele_common::api::headless::State;
use tele_common::error::{Error, Result};
use tele_common::grpc::convert::{metadata_named, to_timestamp};
use tele_common::grpc::mfa::response_from_proto;
use tele_common::grpc::wire::proto::UpdateHeadlessAuthenticationStateRequest;
use tele_common::grpc::wire::types::{HeadlessAuthentication, HeadlessAuthenticationState, ResourceHeader};

use crate::authz::Caller;
use crate::headless;
use crate::server::Server;
use crate::store::HeadlessRow;

fn user_of(caller: &Caller) -> Result<&str> {
    match caller {
        Caller::User { name, .. } => Ok(name),
        Caller::System { .. } => Err(Error::bad_parameter(
            "headless logins are approved by their user; sign in as one",
        )),
    }
}

fn state_to(state: State) -> HeadlessAuthenticationState {
    match state {
        State::Pending => HeadlessAuthenticationState::Pending,
        State::Approved => HeadlessAuthenticationState::Approved,
        State::Denied => HeadlessAuthenticationState::Denied,
    }
}

fn to_proto(row: HeadlessRow) -> HeadlessAuthentication {
    let mut metadata = metadata_named(&row.id);
    metadata.expires = Some(to_timestamp(row.expires));
    HeadlessAuthentication {
        header: Some(ResourceHeader {
            kind: "headless_authentication".into(),
            sub_kind: String::new(),
            version: "v1".into(),
            metadata: Some(metadata),
        }),
        user: row.user,
        public_key: Vec::new(),
        state: state_to(row.state) as i32,
        client_ip_address: row.client_ip,
        ssh_public_key: row.ssh_pub_key.into_bytes(),
        tls_public_key: row.tls_pub_key.into_bytes(),
    }
}

/// `GetHeadlessAuthentication`.
pub async fn get(s: &Server, caller: &Caller, id: &str) -> Result<HeadlessAuthentication> {
    let user = user_of(caller)?;
    Ok(to_proto(headless::lookup(s, user, id).await?))
}

/// `UpdateHeadlessAuthenticationState`: `APPROVED` with the MFA answer, or `DENIED`.
pub fn update(s: &Server, caller: &Caller, req: UpdateHeadlessAuthenticationStateRequest) -> Result<()> {
    let user = user_of(caller)?;
    match req.state() {
        HeadlessAuthenticationState::Approved => {
            let answer = req
                .mfa_response
                .ok_or_else(|| Error::access_denied("approving a headless login needs an MFA response"))?;
            headless::approve(s, user, &req.id, &response_from_proto(answer)?)
        }
        HeadlessAuthenticationState::Denied => headless::deny(s, user, &req.id),
        other => Err(Error::bad_parameter(format!(
            "a headless authentication can only be approved or denied, not set to {}",
            other.as_str_name()
        ))),
    }
}
