//! `kind: role`: what a user may reach (logins, labels) and do (rules).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Metadata, check_header, validate_name};
use crate::duration::GoDuration;
use crate::error::{Error, Result};
use crate::yaml::lenient_bool_opt;

/// A label value in a role: one value or a list; `*` matches anything.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum LabelValues {
    /// `env: prod`.
    One(String),
    /// `env: [dev, staging]`.
    Many(Vec<String>),
}

impl LabelValues {
    /// Returns the values as a slice.
    pub fn values(&self) -> &[String] {
        match self {
            Self::One(v) => std::slice::from_ref(v),
            Self::Many(v) => v,
        }
    }
}

/// Label selectors of a role (`node_labels`, `db_labels`, ...).
pub type Labels = BTreeMap<String, LabelValues>;

/// Returns whether `labels` of a resource satisfy every selector (`'*': '*'` matches all).
pub fn labels_match(selectors: &Labels, labels: &BTreeMap<String, String>) -> bool {
    if selectors.is_empty() {
        return false;
    }
    selectors.iter().all(|(key, wanted)| {
        let wanted = wanted.values();
        if key == "*" {
            return wanted.iter().any(|w| w == "*");
        }
        match labels.get(key) {
            Some(value) => wanted.iter().any(|w| w == "*" || w == value),
            None => false,
        }
    })
}

/// `spec.options`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleOptions {
    /// The longest certificate a user with this role may get.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_session_ttl: Option<GoDuration>,
    /// Per-session MFA for what this role allows.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_bool_opt"
    )]
    pub require_session_mfa: Option<bool>,
    /// Agent forwarding allowed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_bool_opt"
    )]
    pub forward_agent: Option<bool>,
    /// Port forwarding allowed (default yes).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_bool_opt"
    )]
    pub port_forwarding: Option<bool>,
    /// How long an MFA check made for a local proxy (`tsh proxy db --tunnel`, `tsh proxy kube`)
    /// lasts; unset: as long as the login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa_verification_interval: Option<GoDuration>,
}

/// A verb of a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verb {
    /// List resources.
    List,
    /// Read one resource (with secrets).
    Read,
    /// Create.
    Create,
    /// Update.
    Update,
    /// Delete.
    Delete,
    /// Every verb.
    #[serde(rename = "*")]
    All,
}

/// One rule: these verbs on these resource kinds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Resource kinds (`token`, `user`, `role`, `cluster_auth_preference`, `node`, `*`).
    pub resources: Vec<String>,
    /// Verbs.
    pub verbs: Vec<Verb>,
}

impl Verb {
    /// The verb as role rules write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::List => "list",
            Self::Read => "read",
            Self::Create => "create",
            Self::Update => "update",
            Self::Delete => "delete",
            Self::All => "*",
        }
    }
}

impl Rule {
    /// Returns whether the rule covers `verb` on `resource`.
    pub fn allows(&self, resource: &str, verb: Verb) -> bool {
        self.resources.iter().any(|r| r == "*" || r == resource)
            && self.verbs.iter().any(|v| *v == Verb::All || *v == verb)
    }
}

/// `spec.allow` or `spec.deny`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleConditions {
    /// OS logins; `{{internal.logins}}` stands for the user's `logins` trait.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub logins: Vec<String>,
    /// Nodes by label.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub node_labels: Labels,
    /// Databases by label.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub db_labels: Labels,
    /// Database users.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub db_users: Vec<String>,
    /// Database names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub db_names: Vec<String>,
    /// Kubernetes clusters by label.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub kubernetes_labels: Labels,
    /// Kubernetes groups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kubernetes_groups: Vec<String>,
    /// Kubernetes users.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kubernetes_users: Vec<String>,
    /// Admin rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
}

/// `spec` of a role.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleSpec {
    /// Options.
    #[serde(default)]
    pub options: RoleOptions,
    /// What is allowed.
    #[serde(default)]
    pub allow: RoleConditions,
    /// What is denied; deny wins over allow.
    #[serde(default)]
    pub deny: RoleConditions,
}

/// `kind: role`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// Always `role`.
    pub kind: String,
    /// `v5`, `v6`, `v7` or `v8`.
    pub version: String,
    /// Name and labels.
    pub metadata: Metadata,
    /// The role itself.
    #[serde(default)]
    pub spec: RoleSpec,
}

impl Role {
    /// A role with the current version.
    pub fn new(name: impl Into<String>, spec: RoleSpec) -> Self {
        Self {
            kind: "role".into(),
            version: "v7".into(),
            metadata: Metadata::named(name),
            spec,
        }
    }

    /// Checks the fields serde cannot.
    pub fn validate(&self) -> Result<()> {
        check_header(&self.kind, "role", &self.version, &["v5", "v6", "v7", "v8"])?;
        validate_name("metadata.name", &self.metadata.name)?;
        for (side, cond) in [("allow", &self.spec.allow), ("deny", &self.spec.deny)] {
            for (i, login) in cond.logins.iter().enumerate() {
                if login.is_empty() || login.chars().any(char::is_whitespace) {
                    return Err(Error::bad_parameter(format!(
                        "spec.{side}.logins[{i}]: {login:?} is not a valid login"
                    )));
                }
            }
            for (i, rule) in cond.rules.iter().enumerate() {
                if rule.resources.is_empty() {
                    return Err(Error::bad_parameter(format!(
                        "spec.{side}.rules[{i}].resources: must not be empty"
                    )));
                }
                if rule.verbs.is_empty() {
                    return Err(Error::bad_parameter(format!(
                        "spec.{side}.rules[{i}].verbs: must not be empty"
                    )));
                }
            }
        }
        if let Some(ttl) = self.spec.options.max_session_ttl
            && ttl.0.is_zero()
        {
            return Err(Error::bad_parameter(
                "spec.options.max_session_ttl: must be more than 0",
            ));
        }
        Ok(())
    }

    /// Returns whether this role allows `verb` on `resource` (ignoring deny, see [`Self::denies`]).
    pub fn allows(&self, resource: &str, verb: Verb) -> bool {
        self.spec.allow.rules.iter().any(|r| r.allows(resource, verb))
    }

    /// Returns whether this role's deny rules cover `verb` on `resource`.
    pub fn denies(&self, resource: &str, verb: Verb) -> bool {
        self.spec.deny.rules.iter().any(|r| r.allows(resource, verb))
    }
}
