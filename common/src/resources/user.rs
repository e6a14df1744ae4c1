//! `kind: user`: a local user, its roles and traits. Passwords and MFA devices are not part of
//! the resource: they never leave the server.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Metadata, check_header, validate_name};
use crate::error::{Error, Result};

/// The trait that `{{internal.logins}}` in a role expands to.
pub const LOGINS_TRAIT: &str = "logins";

/// `spec` of a user.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserSpec {
    /// Role names.
    #[serde(default)]
    pub roles: Vec<String>,
    /// Traits, e.g. `logins: [root, ubuntu]`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub traits: BTreeMap<String, Vec<String>>,
}

/// `kind: user`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct User {
    /// Always `user`.
    pub kind: String,
    /// `v2`.
    pub version: String,
    /// Name.
    pub metadata: Metadata,
    /// Roles and traits.
    #[serde(default)]
    pub spec: UserSpec,
}

impl User {
    /// A user with roles and logins.
    pub fn new(name: impl Into<String>, roles: Vec<String>, logins: Vec<String>) -> Self {
        let mut traits = BTreeMap::new();
        if !logins.is_empty() {
            traits.insert(LOGINS_TRAIT.to_string(), logins);
        }
        Self {
            kind: "user".into(),
            version: "v2".into(),
            metadata: Metadata::named(name),
            spec: UserSpec { roles, traits },
        }
    }

    /// Returns the user's `logins` trait.
    pub fn logins(&self) -> &[String] {
        self.spec.traits.get(LOGINS_TRAIT).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Checks the fields serde cannot.
    pub fn validate(&self) -> Result<()> {
        check_header(&self.kind, "user", &self.version, &["v2"])?;
        validate_name("metadata.name", &self.metadata.name)?;
        if self.metadata.name.starts_with('@') {
            return Err(Error::bad_parameter(
                "metadata.name: user names must not start with '@'",
            ));
        }
        for (i, role) in self.spec.roles.iter().enumerate() {
            validate_name(&format!("spec.roles[{i}]"), role)?;
        }
        for (i, login) in self.logins().iter().enumerate() {
            if login.is_empty() || login.chars().any(char::is_whitespace) {
                return Err(Error::bad_parameter(format!(
                    "spec.traits.logins[{i}]: {login:?} is not a valid login"
                )));
            }
        }
        Ok(())
    }
}
