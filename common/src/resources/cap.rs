//! `kind: cluster_auth_preference` (`tctl get cap`): how users authenticate.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use super::{Metadata, check_header};
use crate::error::{Error, Result};
use crate::yaml::lenient_bool_opt;

/// The one name this resource has.
pub const CAP_NAME: &str = "cluster-auth-preference";

/// `spec.second_factor`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SecondFactor {
    /// Password only.
    Off,
    /// Password and TOTP.
    #[default]
    Otp,
    /// Password and a security key.
    Webauthn,
    /// Password and either (required).
    On,
    /// Either, when the user has a device.
    Optional,
}

impl SecondFactor {
    const NAMES: &'static str = "off, otp, webauthn, on, optional";

    /// Returns whether a second factor is required at login.
    pub fn required(self) -> bool {
        matches!(self, Self::Otp | Self::Webauthn | Self::On)
    }

    /// Returns whether security keys may be used.
    pub fn allows_webauthn(self) -> bool {
        matches!(self, Self::Webauthn | Self::On | Self::Optional)
    }

    /// Returns whether TOTP may be used.
    pub fn allows_otp(self) -> bool {
        matches!(self, Self::Otp | Self::On | Self::Optional)
    }
}

impl fmt::Display for SecondFactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Off => "off",
            Self::Otp => "otp",
            Self::Webauthn => "webauthn",
            Self::On => "on",
            Self::Optional => "optional",
        })
    }
}

impl std::str::FromStr for SecondFactor {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "off" | "false" | "no" => Self::Off,
            "otp" => Self::Otp,
            "webauthn" | "u2f" => Self::Webauthn,
            "on" | "true" | "yes" => Self::On,
            "optional" => Self::Optional,
            _ => {
                return Err(Error::bad_parameter(format!(
                    "unknown second factor {s:?}, expected one of {}",
                    Self::NAMES
                )));
            }
        })
    }
}

impl<'de> Deserialize<'de> for SecondFactor {
    // Unquoted `on`/`off` are booleans in YAML 1.1, as Teleport's users write them.
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Bool(bool),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Bool(true) => Ok(Self::On),
            Raw::Bool(false) => Ok(Self::Off),
            Raw::Text(t) => t.parse().map_err(|e: Error| serde::de::Error::custom(e.message())),
        }
    }
}

/// `spec.webauthn`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Webauthn {
    /// The relying party ID: the proxy's domain (`localhost` in tests; an IP is not valid).
    pub rp_id: String,
}

/// `spec` of the cluster auth preference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthPreferenceSpec {
    /// `local`.
    #[serde(rename = "type", default = "local")]
    pub kind: String,
    /// The second factor policy.
    #[serde(default)]
    pub second_factor: SecondFactor,
    /// WebAuthn settings; required when security keys are allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webauthn: Option<Webauthn>,
    /// Per-session MFA for every session of every user.
    #[serde(
        default,
        deserialize_with = "lenient_bool_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub require_session_mfa: Option<bool>,
    /// Headless WebAuthn allowed (default: yes when WebAuthn is configured). The resource says
    /// `allow_headless`, as Teleport's does; teleport.yaml's `authentication` says `headless`.
    #[serde(
        rename = "allow_headless",
        alias = "headless",
        default,
        deserialize_with = "lenient_bool_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub headless: Option<bool>,
    /// Default connector (`headless` makes headless login the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connector_name: Option<String>,
    /// The signature algorithm suite: the key algorithms of new CAs and of users' keys.
    #[serde(default, with = "crate::suite::optional", skip_serializing_if = "Option::is_none")]
    pub signature_algorithm_suite: Option<crate::suite::Suite>,
}

fn local() -> String {
    "local".into()
}

impl Default for AuthPreferenceSpec {
    fn default() -> Self {
        Self {
            kind: local(),
            second_factor: SecondFactor::Otp,
            webauthn: None,
            require_session_mfa: None,
            headless: None,
            connector_name: None,
            signature_algorithm_suite: None,
        }
    }
}

/// `kind: cluster_auth_preference`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthPreference {
    /// Always `cluster_auth_preference`.
    pub kind: String,
    /// `v2`.
    pub version: String,
    /// Always named `cluster-auth-preference`.
    pub metadata: Metadata,
    /// The settings.
    pub spec: AuthPreferenceSpec,
}

impl AuthPreference {
    /// The resource around a spec.
    pub fn new(spec: AuthPreferenceSpec) -> Self {
        Self {
            kind: "cluster_auth_preference".into(),
            version: "v2".into(),
            metadata: Metadata::named(CAP_NAME),
            spec,
        }
    }

    /// Returns whether headless login is allowed.
    pub fn allow_headless(&self) -> bool {
        self.spec.headless.unwrap_or(true) && self.spec.second_factor.allows_webauthn() && self.spec.webauthn.is_some()
    }

    /// Checks the fields serde cannot.
    pub fn validate(&self) -> Result<()> {
        check_header(&self.kind, "cluster_auth_preference", &self.version, &["v2"])?;
        if self.metadata.name != CAP_NAME {
            return Err(Error::bad_parameter(format!(
                "metadata.name: must be {CAP_NAME:?}, got {:?}",
                self.metadata.name
            )));
        }
        if self.spec.kind != "local" {
            return Err(Error::bad_parameter(format!(
                "spec.type: only \"local\" is supported, got {:?}",
                self.spec.kind
            )));
        }
        let needs_webauthn = matches!(self.spec.second_factor, SecondFactor::Webauthn | SecondFactor::On);
        match &self.spec.webauthn {
            None if needs_webauthn => {
                return Err(Error::bad_parameter(format!(
                    "spec.webauthn.rp_id: required when second_factor is {:?}",
                    self.spec.second_factor.to_string()
                )));
            }
            Some(w) if w.rp_id.is_empty() => {
                return Err(Error::bad_parameter("spec.webauthn.rp_id: must not be empty"));
            }
            Some(w) if w.rp_id.parse::<std::net::IpAddr>().is_ok() => {
                return Err(Error::bad_parameter(format!(
                    "spec.webauthn.rp_id: {:?} is an IP address; WebAuthn needs a domain name such as localhost",
                    w.rp_id
                )));
            }
            _ => {}
        }
        if self.spec.require_session_mfa == Some(true) && !self.spec.second_factor.allows_webauthn() {
            return Err(Error::bad_parameter(
                "spec.require_session_mfa: per-session MFA needs security keys (second_factor on, webauthn or optional)",
            ));
        }
        Ok(())
    }
}
