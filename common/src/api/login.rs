//! Teleport's login web API (`/webapi/mfa/login/begin|finish`), and the MFA types the login, the
//! invitation page and the device commands share.
//! Field names and encodings are Teleport's (teleport-facts §1.3): `[]byte` as base64, `ttl` in
//! nanoseconds, WebAuthn JSON with base64url.

use std::fmt;
use std::time::Duration;

use reqwest::Method;
use serde::{Deserialize, Serialize};
use webauthn_rs_proto::{
    CreationChallengeResponse, PublicKeyCredential, RegisterPublicKeyCredential, RequestChallengeResponse,
};

use super::{Client, b64};
use crate::duration::nanos;
use crate::error::Result;

/// `POST /webapi/mfa/login/begin`.
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct MfaLoginBeginRequest {
    /// The user.
    #[serde(default)]
    pub user: String,
    /// The password.
    #[serde(default)]
    pub pass: String,
}

impl fmt::Debug for MfaLoginBeginRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MfaLoginBeginRequest")
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

/// An MFA challenge (Teleport's `MFAAuthenticateChallenge`).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct MfaChallenge {
    /// A WebAuthn assertion request, when the user has security keys and the cluster allows them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webauthn_challenge: Option<RequestChallengeResponse>,
    /// Whether a TOTP code is accepted.
    #[serde(default)]
    pub totp_challenge: bool,
}

impl MfaChallenge {
    /// Returns whether there is anything to answer.
    pub fn is_empty(&self) -> bool {
        self.webauthn_challenge.is_none() && !self.totp_challenge
    }
}

/// An answer to an [`MfaChallenge`].
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct MfaResponse {
    /// The WebAuthn assertion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webauthn: Option<PublicKeyCredential>,
    /// The TOTP code.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub totp_code: String,
}

impl fmt::Debug for MfaResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MfaResponse")
            .field("webauthn", &self.webauthn.is_some())
            .field("totp", &!self.totp_code.is_empty())
            .finish()
    }
}

/// `POST /webapi/mfa/login/finish` (Teleport's `AuthenticateSSHUserRequest`).
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct AuthenticateSshUserRequest {
    /// The user.
    pub user: String,
    /// The password.
    #[serde(default)]
    pub password: String,
    /// The WebAuthn assertion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webauthn_challenge_response: Option<PublicKeyCredential>,
    /// The TOTP code.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub totp_code: String,
    /// SSH public key, authorized_keys form.
    #[serde(with = "b64::string", default)]
    pub ssh_pub_key: String,
    /// TLS public key, PKIX PEM.
    #[serde(with = "b64::string", default)]
    pub tls_pub_key: String,
    /// Certificate lifetime.
    #[serde(with = "nanos", default)]
    pub ttl: Duration,
    /// Certificate format compatibility mode.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub compatibility: String,
    /// Leaf cluster to route to (Go field name, no JSON tag).
    #[serde(rename = "RouteToCluster", default)]
    pub route_to_cluster: String,
    /// Kubernetes cluster (Go field name, no JSON tag).
    #[serde(rename = "KubernetesCluster", default)]
    pub kubernetes_cluster: String,
}

impl fmt::Debug for AuthenticateSshUserRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthenticateSshUserRequest")
            .field("user", &self.user)
            .field("ttl", &self.ttl)
            .finish_non_exhaustive()
    }
}

/// Teleport's `SSHLoginResponse`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SshLoginResponse {
    /// The user.
    pub username: String,
    /// SSH certificate, authorized_keys form.
    #[serde(with = "b64::string")]
    pub cert: String,
    /// TLS certificate, PEM.
    #[serde(with = "b64::string")]
    pub tls_cert: String,
    /// CAs to trust, per cluster.
    #[serde(default)]
    pub host_signers: Vec<TrustedCerts>,
}

/// Teleport's `TrustedCerts`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct TrustedCerts {
    /// The cluster's name.
    pub domain_name: String,
    /// SSH host CA keys, authorized_keys form.
    #[serde(with = "b64::strings", default)]
    pub checking_keys: Vec<String>,
    /// TLS CA certificates, PEM.
    #[serde(with = "b64::strings", default)]
    pub tls_certs: Vec<String>,
}

/// What kind of MFA device.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
pub enum DeviceType {
    /// A TOTP app.
    #[serde(rename = "TOTP")]
    #[value(name = "TOTP", alias = "totp")]
    Totp,
    /// A security key.
    #[serde(rename = "WebAuthn")]
    #[value(name = "WEBAUTHN", alias = "webauthn")]
    Webauthn,
}

impl fmt::Display for DeviceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Totp => "TOTP",
            Self::Webauthn => "WebAuthn",
        })
    }
}

/// A registered device, as `tsh mfa ls` shows it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MfaDevice {
    /// Its name.
    pub name: String,
    /// Its kind.
    #[serde(rename = "type")]
    pub kind: DeviceType,
    /// When it was added (RFC 3339).
    pub added_at: String,
    /// When it was last used (RFC 3339), if ever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used: Option<String>,
}

/// What a new device must answer.
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct RegisterChallenge {
    /// For a TOTP device: the secret to enter into the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totp: Option<TotpRegisterChallenge>,
    /// For a security key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webauthn: Option<CreationChallengeResponse>,
}

impl fmt::Debug for RegisterChallenge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RegisterChallenge")
            .field("webauthn", &self.webauthn.is_some())
            .finish_non_exhaustive()
    }
}

/// A TOTP registration: the secret and the `otpauth://` URL an app scans.
#[derive(Clone, Serialize, Deserialize)]
pub struct TotpRegisterChallenge {
    /// Base32 secret.
    pub secret: String,
    /// `otpauth://totp/...`.
    pub url: String,
}

/// The new device's answer to a registration (the invitation page's, and what the Auth
/// service reads from `AddMFADeviceSync`).
#[derive(Clone, Serialize, Deserialize)]
pub struct RegisterFinishRequest {
    /// The new device's name.
    pub name: String,
    /// For TOTP: a code from the new device.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub totp_code: String,
    /// For a security key: its attestation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webauthn: Option<RegisterPublicKeyCredential>,
}

impl Client {
    /// Starts a login: checks the password, returns the MFA challenge.
    pub async fn mfa_login_begin(&self, req: &MfaLoginBeginRequest) -> Result<MfaChallenge> {
        self.call(Method::POST, "/webapi/mfa/login/begin", Some(req)).await
    }

    /// Finishes a login: password and MFA answer in, certificates out.
    pub async fn mfa_login_finish(&self, req: &AuthenticateSshUserRequest) -> Result<SshLoginResponse> {
        self.call(Method::POST, "/webapi/mfa/login/finish", Some(req)).await
    }
}
