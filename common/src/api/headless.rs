//! Headless WebAuthn (teleport-facts §4): the request ID, the requester's long poll and the
//! approver's calls.

use std::fmt;
use std::time::Duration;

use reqwest::Method;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::login::SshLoginResponse;
use super::{Client, b64};
use crate::error::Result;

/// How long a request waits for approval (Teleport's `HeadlessLoginTimeout`).
pub const TIMEOUT: Duration = Duration::from_secs(180);
/// Lifetime of headless certificates.
pub const CERT_TTL: Duration = Duration::from_secs(60);
/// The MFA challenge scope of an approval.
pub const SCOPE: &str = "headless_login";

/// The request ID of an SSH public key: a UUID v5 in the nil namespace, hashed with SHA-256
/// instead of SHA-1 (Teleport's `NewHeadlessAuthenticationID`) over the key exactly as sent:
/// authorized_keys form as Go's `MarshalAuthorizedKey` writes it, `ssh-ed25519 AAAA...` and a
/// newline, no comment ([`authorized_key`]).
pub fn request_id(authorized_key: &str) -> String {
    let mut h = Sha256::new();
    h.update([0u8; 16]);
    h.update(authorized_key.as_bytes());
    let digest = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    uuid::Uuid::from_bytes(b).to_string()
}

/// A public key as Go's `ssh.MarshalAuthorizedKey` writes it (what Teleport sends and hashes):
/// the `type base64` line with its newline.
pub fn authorized_key(key: &crate::keys::SshKey) -> String {
    format!("{}\n", key.public_openssh())
}

/// `POST /webapi/headless/login` (Teleport's HeadlessLoginReq).
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct HeadlessLoginRequest {
    /// The Teleport user asking.
    pub user: String,
    /// [`request_id`] of `ssh_pub_key`.
    pub headless_id: String,
    /// SSH public key, authorized_keys form with its newline, exactly as hashed for
    /// `headless_id`.
    #[serde(with = "b64::string", default)]
    pub ssh_pub_key: String,
    /// TLS public key, PKIX PEM.
    #[serde(with = "b64::string", default)]
    pub tls_pub_key: String,
    /// Asked certificate lifetime (capped at one minute).
    #[serde(with = "crate::duration::nanos", default)]
    pub ttl: Duration,
    /// Certificate format compatibility mode.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub compatibility: String,
    /// Leaf cluster to route to.
    #[serde(rename = "RouteToCluster", default)]
    pub route_to_cluster: String,
}

impl fmt::Debug for HeadlessLoginRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HeadlessLoginRequest")
            .field("user", &self.user)
            .field("headless_id", &self.headless_id)
            .finish_non_exhaustive()
    }
}

/// A request's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Waiting for the user.
    Pending,
    /// Approved with an MFA check.
    Approved,
    /// Denied.
    Denied,
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Teleport's enum names, as its errors print them.
        f.write_str(match self {
            Self::Pending => "HEADLESS_AUTHENTICATION_STATE_PENDING",
            Self::Approved => "HEADLESS_AUTHENTICATION_STATE_APPROVED",
            Self::Denied => "HEADLESS_AUTHENTICATION_STATE_DENIED",
        })
    }
}

/// The error of deciding a request that is decided already (Teleport's words).
pub fn non_pending(verb: &str, state: State) -> crate::error::Error {
    crate::error::Error::new(
        crate::error::ErrorKind::CompareFailed,
        format!("cannot {verb} a headless authentication from a non-pending state: {state}"),
    )
}

/// What an approver is shown of a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadlessRequest {
    /// The request ID.
    pub id: String,
    /// The Teleport user.
    pub user: String,
    /// Where the request came from.
    pub client_ip_address: String,
    /// Its state.
    pub state: State,
    /// When it was made, RFC 3339.
    pub created: String,
    /// When it expires, RFC 3339.
    pub expires: String,
    /// SHA-256 fingerprint of the requester's SSH key.
    #[serde(default)]
    pub ssh_key_fingerprint: String,
}

impl Client {
    /// `POST /webapi/headless/login`: one long poll until the request is approved (certificates),
    /// denied or expired (errors).
    pub async fn headless_login(&self, req: &HeadlessLoginRequest) -> Result<SshLoginResponse> {
        // A little longer than the server waits, so its own answer arrives first.
        self.call_with_timeout(
            Method::POST,
            "/webapi/headless/login",
            Some(req),
            TIMEOUT + Duration::from_secs(10),
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::request_id;

    #[test]
    fn request_id_is_a_sha256_uuid_v5_of_the_key_line() {
        let key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDm3ioq6DBxzNRdNn8cWUFZSKqWkqrCVi5ZSKXzCvTnJ";
        let id = request_id(&format!("{key}\n"));
        // Independent computation: sha256(16 zero bytes || key || "\n"), first 16 bytes,
        // version 5, RFC 4122 variant.
        let mut data = vec![0u8; 16];
        data.extend_from_slice(key.as_bytes());
        data.push(b'\n');
        let digest = <sha2::Sha256 as sha2::Digest>::digest(&data);
        let hex = hex::encode(&digest[..16]);
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "5", "version nibble: {id}");
        assert!("89ab".contains(&id[19..20]), "variant: {id}");
        assert_eq!(id.replace('-', "")[..12], hex[..12]);
        assert_eq!(id.replace('-', "")[20..], hex[20..]);
        // The key is hashed as sent: without its newline it is another request.
        assert_ne!(request_id(key), id);
    }
}
