//! `kind: token`: join tokens (`tctl tokens add`) and how they are shown.

use std::fmt;
use std::time::SystemTime;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Metadata, check_header, validate_name};
use crate::error::{Error, Result};

/// What a token lets its holder join as (Teleport's system roles).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SystemRole {
    /// Application Service.
    App,
    /// Auth Service.
    Auth,
    /// Machine & Workload Identity bot (single use).
    Bot,
    /// Database Service.
    Db,
    /// Discovery Service.
    Discovery,
    /// Kubernetes Service.
    Kube,
    /// SSH Service.
    Node,
    /// Proxy Service.
    Proxy,
    /// Windows Desktop Service.
    WindowsDesktop,
    /// A user invitation (`tctl users add`); listed, never joinable.
    Signup,
}

impl SystemRole {
    /// The types `tctl tokens add --type` accepts, in the order the docs list them.
    pub const JOINABLE: [Self; 9] = [
        Self::App,
        Self::Auth,
        Self::Bot,
        Self::Db,
        Self::Discovery,
        Self::Kube,
        Self::Node,
        Self::Proxy,
        Self::WindowsDesktop,
    ];

    /// Teleport's name: `Node`, `Proxy`, `WindowsDesktop`, ...
    pub fn name(self) -> &'static str {
        match self {
            Self::App => "App",
            Self::Auth => "Auth",
            Self::Bot => "Bot",
            Self::Db => "Db",
            Self::Discovery => "Discovery",
            Self::Kube => "Kube",
            Self::Node => "Node",
            Self::Proxy => "Proxy",
            Self::WindowsDesktop => "WindowsDesktop",
            Self::Signup => "Signup",
        }
    }

    /// The lowercase flag spelling: `node`, `windowsdesktop`.
    pub fn flag_name(self) -> String {
        self.name().to_ascii_lowercase()
    }

    /// Parses a comma list of types (`node,proxy`), case-insensitively; duplicates collapse.
    pub fn parse_list(text: &str) -> Result<Vec<Self>> {
        let mut roles = Vec::new();
        for part in text.split(',').map(str::trim) {
            if part.is_empty() {
                continue;
            }
            let role: Self = part.parse()?;
            if role == Self::Signup {
                return Err(Error::bad_parameter("signup tokens are made by `tctl users add`"));
            }
            if !roles.contains(&role) {
                roles.push(role);
            }
        }
        if roles.is_empty() {
            return Err(Error::bad_parameter("at least one token type is required")
                .with_hint(format!("use --type with one or more of: {}", Self::joinable_names())));
        }
        Ok(roles)
    }

    /// `app, auth, bot, ...` for messages.
    pub fn joinable_names() -> String {
        Self::JOINABLE
            .iter()
            .map(|r| r.flag_name())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for SystemRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for SystemRole {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let lower = s.to_ascii_lowercase();
        Self::JOINABLE
            .into_iter()
            .chain([Self::Signup])
            .find(|r| r.flag_name() == lower)
            .ok_or_else(|| {
                Error::bad_parameter(format!("unknown token type {s:?}"))
                    .with_hint(format!("token types are: {}", Self::joinable_names()))
            })
    }
}

impl Serialize for SystemRole {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for SystemRole {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(|e: Error| serde::de::Error::custom(e.message()))
    }
}

/// `spec` of a token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenSpec {
    /// What the token joins as.
    pub roles: Vec<SystemRole>,
    /// `token` (a shared secret).
    #[serde(default = "token_method")]
    pub join_method: String,
}

fn token_method() -> String {
    "token".into()
}

/// `kind: token`. The name is the secret.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvisionToken {
    /// Always `token`.
    pub kind: String,
    /// `v2`.
    pub version: String,
    /// Name (the secret), labels, expiry.
    pub metadata: Metadata,
    /// Roles.
    pub spec: TokenSpec,
}

// The token's name is its secret: Debug shows only the redacted form.
impl fmt::Debug for ProvisionToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProvisionToken")
            .field("name", &safe_token_name(&self.metadata.name, &self.spec.join_method))
            .field("roles", &self.spec.roles)
            .field("expires", &self.metadata.expires)
            .finish()
    }
}

impl ProvisionToken {
    /// A token with roles and an optional expiry.
    pub fn new(name: impl Into<String>, roles: Vec<SystemRole>, expires: Option<SystemTime>) -> Self {
        Self {
            kind: "token".into(),
            version: "v2".into(),
            metadata: Metadata {
                expires,
                ..Metadata::named(name)
            },
            spec: TokenSpec {
                roles,
                join_method: token_method(),
            },
        }
    }

    /// Returns whether the token has expired at `now`.
    pub fn expired(&self, now: SystemTime) -> bool {
        self.metadata.expires.is_some_and(|e| e <= now)
    }

    /// Returns the comma-joined role names, as the `Type` column shows them.
    pub fn roles_text(&self) -> String {
        self.spec.roles.iter().map(|r| r.name()).collect::<Vec<_>>().join(",")
    }

    /// Checks the fields serde cannot.
    pub fn validate(&self) -> Result<()> {
        check_header(&self.kind, "token", &self.version, &["v2"])?;
        validate_name("metadata.name", &self.metadata.name)?;
        if self.spec.roles.is_empty() {
            return Err(Error::bad_parameter("spec.roles: at least one role is required"));
        }
        if self.spec.join_method != "token" {
            return Err(Error::bad_parameter(format!(
                "spec.join_method: only \"token\" is supported, got {:?}",
                self.spec.join_method
            )));
        }
        Ok(())
    }
}

/// Returns the name to show when secrets are hidden (Teleport's `GetSafeName`): tokens joined by
/// secret become 16 asterisks; other names keep their last quarter.
pub fn safe_token_name(name: &str, join_method: &str) -> String {
    if join_method == "token" {
        return "*".repeat(16);
    }
    let chars: Vec<char> = name.chars().collect();
    let hidden = chars.len() * 3 / 4;
    "*".repeat(hidden) + &chars[hidden..].iter().collect::<String>()
}

/// A new token value as Teleport's tctl makes one: 16 random bytes, 32 lowercase hex characters.
pub fn new_token_value() -> String {
    hex::encode(rand::random::<[u8; 16]>())
}
