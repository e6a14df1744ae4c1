//! Resources in Teleport's YAML shape (`kind`, `version`, `metadata.name`, `spec`), as `tctl get`
//! prints them and `tctl create` reads them. Validation errors name the field.

mod cap;
mod database;
mod role;
mod token;
mod user;

use std::collections::BTreeMap;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::duration::rfc3339_opt;
use crate::error::{Error, Result};
use crate::yaml;

pub use cap::{AuthPreference, AuthPreferenceSpec, CAP_NAME, SecondFactor, Webauthn};
pub use database::{DB_PROTOCOLS, Database, DatabaseSpec, KubeCluster, KubeClusterSpec};
pub use role::{LabelValues, Labels, Role, RoleConditions, RoleOptions, RoleSpec, Rule, Verb, labels_match};
pub use token::{ProvisionToken, SystemRole, TokenSpec, new_token_value, safe_token_name};
pub use user::{LOGINS_TRAIT, User, UserSpec};

/// `metadata` of every resource.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    /// The resource's name, unique per kind.
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Labels.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// When the resource stops existing.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "rfc3339_opt")]
    pub expires: Option<SystemTime>,
    /// Teleport's revision field; accepted on input, not used.
    #[serde(default, skip_serializing)]
    pub revision: Option<String>,
}

impl Metadata {
    /// Metadata with only a name.
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }
}

/// Any resource `tctl create` accepts. Variants are boxed-free on purpose: a handful of these
/// exist at a time.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Resource {
    /// `kind: cluster_auth_preference`.
    AuthPreference(AuthPreference),
    /// `kind: db`.
    Database(Database),
    /// `kind: kube_cluster`.
    KubeCluster(KubeCluster),
    /// `kind: role`.
    Role(Role),
    /// `kind: token`.
    Token(ProvisionToken),
    /// `kind: user`.
    User(User),
}

impl Resource {
    /// Reads one resource from an untyped YAML/JSON tree, checking kind, version and fields.
    pub fn from_value(value: Value) -> Result<Self> {
        let kind = value
            .get("kind")
            .and_then(Value::as_str)
            .ok_or_else(|| {
                Error::bad_parameter(
                    "kind: missing, expected e.g. role, user, cluster_auth_preference, token, db, kube_cluster",
                )
            })?
            .to_string();
        let resource = match kind.as_str() {
            "role" => Self::Role(yaml::from_value(value)?),
            "user" => Self::User(yaml::from_value(value)?),
            "cluster_auth_preference" => Self::AuthPreference(yaml::from_value(value)?),
            "token" => Self::Token(yaml::from_value(value)?),
            "db" => Self::Database(yaml::from_value(value)?),
            "kube_cluster" => Self::KubeCluster(yaml::from_value(value)?),
            other => {
                return Err(Error::bad_parameter(format!(
                    "kind: unsupported resource kind {other:?}, expected role, user, cluster_auth_preference, token, db or kube_cluster"
                )));
            }
        };
        resource.validate()?;
        Ok(resource)
    }

    /// Reads every resource of a multi-document YAML text; errors say which document.
    pub fn parse_all(text: &str) -> Result<Vec<Self>> {
        let docs = yaml::parse_documents(text)?;
        if docs.is_empty() {
            return Err(Error::bad_parameter("no resources found"));
        }
        docs.into_iter()
            .enumerate()
            .map(|(i, doc)| Self::from_value(doc).map_err(|e| e.context(format!("document {}", i + 1))))
            .collect()
    }

    /// Checks what serde cannot: names, versions, values that depend on each other.
    pub fn validate(&self) -> Result<()> {
        match self {
            Self::AuthPreference(r) => r.validate(),
            Self::Database(r) => r.validate(),
            Self::KubeCluster(r) => r.validate(),
            Self::Role(r) => r.validate(),
            Self::Token(r) => r.validate(),
            Self::User(r) => r.validate(),
        }
    }

    /// Returns the resource's name.
    pub fn name(&self) -> &str {
        match self {
            Self::AuthPreference(r) => &r.metadata.name,
            Self::Database(r) => &r.metadata.name,
            Self::KubeCluster(r) => &r.metadata.name,
            Self::Role(r) => &r.metadata.name,
            Self::Token(r) => &r.metadata.name,
            Self::User(r) => &r.metadata.name,
        }
    }
}

/// Checks a resource name: not empty, no whitespace, no `/`.
pub fn validate_name(field: &str, name: &str) -> Result<()> {
    if name.is_empty() {
        return Err(Error::bad_parameter(format!("{field}: must not be empty")));
    }
    if name.len() > 253 || name.chars().any(|c| c.is_whitespace() || c.is_control() || c == '/') {
        return Err(Error::bad_parameter(format!(
            "{field}: {name:?} is not a valid name (no spaces, slashes or control characters)"
        )));
    }
    Ok(())
}

/// Checks `kind` and `version` fields against what this kind accepts.
fn check_header(kind: &str, expected_kind: &str, version: &str, versions: &[&str]) -> Result<()> {
    if kind != expected_kind {
        return Err(Error::bad_parameter(format!(
            "kind: expected {expected_kind:?}, got {kind:?}"
        )));
    }
    if !versions.contains(&version) {
        return Err(Error::bad_parameter(format!(
            "version: unsupported {expected_kind} version {version:?}, expected one of {}",
            versions.join(", ")
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
