//! Teleport's signature algorithm suites: which key algorithms a cluster's CAs and its users'
//! keys use. One name in three places: `auth_service.authentication.signature_algorithm_suite` in
//! teleport.yaml, the cap's `spec.signature_algorithm_suite` (`tctl get cap`), and
//! `auth.signature_algorithm_suite` of `/webapi/ping`, where Teleport sends the protobuf enum as a
//! number; readers take a number or a name anywhere.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};
use crate::keys::KeyAlgorithm;

/// A signature algorithm suite (`types.SignatureAlgorithmSuite`; its `UNSPECIFIED` is `None`
/// wherever a suite is optional).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Suite {
    /// RSA 2048 everywhere: what clusters created before Teleport 17 keep.
    Legacy,
    /// Ed25519 SSH, ECDSA P-256 TLS: the default of a new cluster.
    BalancedV1,
    /// FIPS-approved algorithms only (ECDSA P-256, RSA).
    FipsV1,
    /// Algorithms every HSM and KMS supports.
    HsmV1,
}

impl Suite {
    /// What a new cluster gets when its config names none.
    pub const DEFAULT: Self = Self::BalancedV1;
    const ALL: [Self; 4] = [Self::Legacy, Self::BalancedV1, Self::FipsV1, Self::HsmV1];
    const NAMES: &'static str = "legacy, balanced-v1, fips-v1, hsm-v1";

    /// The name as Teleport's YAML writes it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Legacy => "legacy",
            Self::BalancedV1 => "balanced-v1",
            Self::FipsV1 => "fips-v1",
            Self::HsmV1 => "hsm-v1",
        }
    }

    /// The protobuf enum number (`UNSPECIFIED` is 0).
    pub fn number(self) -> u8 {
        match self {
            Self::Legacy => 1,
            Self::BalancedV1 => 2,
            Self::FipsV1 => 3,
            Self::HsmV1 => 4,
        }
    }

    /// Reads an enum number; 0 (`UNSPECIFIED`) is `None`.
    pub fn from_number(n: u64) -> Result<Option<Self>> {
        if n == 0 {
            return Ok(None);
        }
        Self::ALL
            .into_iter()
            .find(|s| u64::from(s.number()) == n)
            .map(Some)
            .ok_or_else(|| Error::bad_parameter(format!("unknown signature algorithm suite {n}, expected 0 to 4")))
    }

    /// The key algorithms of a user's login: (SSH, TLS), as Teleport's `cryptosuites` picks
    /// them for `UserSSH` and `UserTLS`. A cluster that names no suite gets the default's.
    pub fn user_keys(suite: Option<Self>) -> (KeyAlgorithm, KeyAlgorithm) {
        match suite.unwrap_or(Self::DEFAULT) {
            Self::Legacy => (KeyAlgorithm::Rsa2048, KeyAlgorithm::Rsa2048),
            Self::BalancedV1 | Self::HsmV1 => (KeyAlgorithm::Ed25519, KeyAlgorithm::EcdsaP256),
            Self::FipsV1 => (KeyAlgorithm::EcdsaP256, KeyAlgorithm::EcdsaP256),
        }
    }

    /// The key algorithms of the cluster's CAs: (SSH user and host CAs, X.509 CAs). The
    /// reference server makes CAs for `legacy` and `balanced-v1` only; the others are refused.
    pub fn ca_keys(self) -> Result<(KeyAlgorithm, KeyAlgorithm)> {
        match self {
            Self::Legacy => Ok((KeyAlgorithm::Rsa2048, KeyAlgorithm::Rsa2048)),
            Self::BalancedV1 => Ok((KeyAlgorithm::Ed25519, KeyAlgorithm::EcdsaP256)),
            Self::FipsV1 | Self::HsmV1 => Err(Error::bad_parameter(format!(
                "{:?} is not supported by the reference server, use \"legacy\" or \"balanced-v1\"",
                self.name()
            ))),
        }
    }
}

impl fmt::Display for Suite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Suite {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::ALL.into_iter().find(|v| v.name() == s).ok_or_else(|| {
            Error::bad_parameter(format!(
                "unknown signature algorithm suite {s:?}, expected one of {}",
                Self::NAMES
            ))
        })
    }
}

impl Serialize for Suite {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// A suite written as a name or as the enum number.
#[derive(Deserialize)]
#[serde(untagged)]
enum Raw {
    Number(u64),
    Name(String),
}

impl Raw {
    fn suite(self) -> Result<Option<Suite>> {
        match self {
            Self::Number(n) => Suite::from_number(n),
            Self::Name(name) if name.is_empty() => Ok(None),
            Self::Name(name) => name.parse().map(Some),
        }
    }
}

impl<'de> Deserialize<'de> for Suite {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Raw::deserialize(d)?
            .suite()
            .map_err(|e| serde::de::Error::custom(e.message()))?
            .ok_or_else(|| serde::de::Error::custom("the signature algorithm suite is unspecified"))
    }
}

/// Serde for an optional suite: a name or a number in, `None` for 0, `""` or absence.
pub mod optional {
    use super::*;

    /// Writes the name.
    pub fn serialize<S: Serializer>(v: &Option<Suite>, s: S) -> std::result::Result<S::Ok, S::Error> {
        match v {
            Some(suite) => suite.serialize(s),
            None => s.serialize_none(),
        }
    }

    /// Reads a name or a number.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Suite>, D::Error> {
        match Option::<Raw>::deserialize(d)? {
            Some(raw) => raw.suite().map_err(|e| serde::de::Error::custom(e.message())),
            None => Ok(None),
        }
    }
}

/// Serde for the ping's field: written as the enum number, as Teleport's ping does; read as a
/// number or a name.
pub mod number {
    use super::*;

    /// Writes the number (0 for none).
    pub fn serialize<S: Serializer>(v: &Option<Suite>, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_u8(v.map_or(0, Suite::number))
    }

    /// Reads a number or a name.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Suite>, D::Error> {
        optional::deserialize(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct Ping {
        #[serde(default, with = "number", skip_serializing_if = "Option::is_none")]
        suite: Option<Suite>,
    }

    #[test]
    fn ping_writes_numbers_and_reads_numbers_or_names() {
        let p = Ping {
            suite: Some(Suite::Legacy),
        };
        assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"suite":1}"#);
        for (text, want) in [
            (r#"{"suite":2}"#, Some(Suite::BalancedV1)),
            (r#"{"suite":"hsm-v1"}"#, Some(Suite::HsmV1)),
            (r#"{"suite":0}"#, None),
            (r#"{"suite":""}"#, None),
            (r#"{}"#, None),
        ] {
            assert_eq!(serde_json::from_str::<Ping>(text).unwrap().suite, want, "{text}");
        }
        let e = serde_json::from_str::<Ping>(r#"{"suite":"balanced-v2"}"#).unwrap_err();
        assert!(
            e.to_string()
                .contains("expected one of legacy, balanced-v1, fips-v1, hsm-v1"),
            "{e}"
        );
        assert!(serde_json::from_str::<Ping>(r#"{"suite":9}"#).is_err());
    }

    #[test]
    fn user_keys_follow_teleports_suites() {
        use KeyAlgorithm::*;
        assert_eq!(Suite::user_keys(Some(Suite::Legacy)), (Rsa2048, Rsa2048));
        assert_eq!(Suite::user_keys(Some(Suite::BalancedV1)), (Ed25519, EcdsaP256));
        assert_eq!(Suite::user_keys(Some(Suite::FipsV1)), (EcdsaP256, EcdsaP256));
        assert_eq!(Suite::user_keys(None), (Ed25519, EcdsaP256));
        assert!(Suite::FipsV1.ca_keys().is_err() && Suite::HsmV1.ca_keys().is_err());
    }
}
