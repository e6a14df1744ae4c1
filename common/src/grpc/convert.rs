//! Resources between Teleport's protobuf types (`types.RoleV6`, `types.UserV2`, ...) and their
//! YAML shape (`crate::resources`), both ways. The YAML side refuses fields it does not know
//! (`deny_unknown_fields`); a protobuf value the YAML side cannot hold (a hardware-key MFA
//! mode, a rule's `where`) is an error naming the field, never dropped.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::wire::types::{
    AuthPreferenceSpecV2, AuthPreferenceV2, BoolValue, DatabaseSpecV3, DatabaseV3, KubernetesClusterSpecV3,
    KubernetesClusterV3, Metadata as PbMetadata, ProvisionTokenSpecV2, ProvisionTokenV2, RequireMfaType,
    RoleConditions as PbConditions, RoleOptions as PbOptions, RoleSpecV6, RoleV6, Rule as PbRule, UserSpecV2, UserV2,
    Webauthn as PbWebauthn,
};
use super::wire::wrappers::{LabelValues as PbLabels, StringValues};
use crate::duration::GoDuration;
use crate::error::{Error, Result};
use crate::resources::{
    AuthPreference, AuthPreferenceSpec, Database, DatabaseSpec, KubeCluster, KubeClusterSpec, LabelValues, Labels,
    Metadata, ProvisionToken, Role, RoleConditions, RoleOptions, RoleSpec, Rule, SystemRole, TokenSpec, User, UserSpec,
    Verb, Webauthn,
};
use crate::suite::Suite;

/// The one namespace.
const NAMESPACE: &str = "default";

/// A time as `google.protobuf.Timestamp`, to the nanosecond.
pub fn to_timestamp(t: SystemTime) -> prost_types::Timestamp {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    prost_types::Timestamp {
        seconds: i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        nanos: i32::try_from(d.subsec_nanos()).unwrap_or(0),
    }
}

/// A `google.protobuf.Timestamp` as a time; before 1970 is 1970.
pub fn from_timestamp(t: &prost_types::Timestamp) -> SystemTime {
    let secs = u64::try_from(t.seconds).unwrap_or(0);
    let nanos = u32::try_from(t.nanos).unwrap_or(0);
    UNIX_EPOCH + Duration::new(secs, nanos.min(999_999_999))
}

/// A duration as `google.protobuf.Duration`.
pub fn to_proto_duration(d: Duration) -> prost_types::Duration {
    prost_types::Duration {
        seconds: i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        nanos: i32::try_from(d.subsec_nanos()).unwrap_or(0),
    }
}

/// A `google.protobuf.Duration` as a duration; negative is zero.
pub fn from_proto_duration(d: &prost_types::Duration) -> Duration {
    let secs = u64::try_from(d.seconds).unwrap_or(0);
    Duration::new(secs, u32::try_from(d.nanos).unwrap_or(0).min(999_999_999))
}

/// A Go `time.Duration` (int64 nanoseconds) from a duration.
pub fn to_go_nanos(d: Duration) -> i64 {
    i64::try_from(d.as_nanos()).unwrap_or(i64::MAX)
}

/// A duration from a Go `time.Duration`; negative is zero.
pub fn from_go_nanos(n: i64) -> Duration {
    Duration::from_nanos(u64::try_from(n).unwrap_or(0))
}

/// Metadata naming a resource, in the one namespace.
pub fn metadata_named(name: &str) -> PbMetadata {
    PbMetadata {
        name: name.into(),
        namespace: NAMESPACE.into(),
        ..PbMetadata::default()
    }
}

fn metadata_to(m: &Metadata) -> PbMetadata {
    PbMetadata {
        name: m.name.clone(),
        namespace: NAMESPACE.into(),
        description: m.description.clone().unwrap_or_default(),
        labels: m.labels.clone().into_iter().collect(),
        expires: m.expires.map(to_timestamp),
        revision: m.revision.clone().unwrap_or_default(),
    }
}

fn metadata_from(m: Option<PbMetadata>) -> Metadata {
    let m = m.unwrap_or_default();
    Metadata {
        name: m.name,
        description: Some(m.description).filter(|d| !d.is_empty()),
        labels: m.labels.into_iter().collect(),
        expires: m.expires.as_ref().map(from_timestamp),
        revision: Some(m.revision).filter(|r| !r.is_empty()),
    }
}

fn labels_to(labels: &Labels) -> Option<PbLabels> {
    if labels.is_empty() {
        return None;
    }
    Some(PbLabels {
        values: labels
            .iter()
            .map(|(k, v)| {
                let values = v.values().to_vec();
                (k.clone(), StringValues { values })
            })
            .collect(),
    })
}

fn labels_from(labels: Option<PbLabels>) -> Labels {
    let mut out = BTreeMap::new();
    for (k, v) in labels.map(|l| l.values).unwrap_or_default() {
        let value = match <[String; 1]>::try_from(v.values) {
            Ok([one]) => LabelValues::One(one),
            Err(many) => LabelValues::Many(many),
        };
        out.insert(k, value);
    }
    out
}

fn traits_to(traits: &BTreeMap<String, Vec<String>>) -> Option<PbLabels> {
    if traits.is_empty() {
        return None;
    }
    Some(PbLabels {
        values: traits
            .iter()
            .map(|(k, v)| (k.clone(), StringValues { values: v.clone() }))
            .collect(),
    })
}

fn traits_from(traits: Option<PbLabels>) -> BTreeMap<String, Vec<String>> {
    traits
        .map(|l| l.values.into_iter().map(|(k, v)| (k, v.values)).collect())
        .unwrap_or_default()
}

fn require_mfa_to(v: Option<bool>) -> i32 {
    match v {
        Some(true) => RequireMfaType::Session as i32,
        _ => RequireMfaType::Off as i32,
    }
}

fn require_mfa_from(n: i32, field: &str) -> Result<Option<bool>> {
    match RequireMfaType::try_from(n) {
        Ok(RequireMfaType::Off) => Ok(None),
        Ok(RequireMfaType::Session) => Ok(Some(true)),
        Ok(other) => Err(unsupported(field, other.as_str_name())),
        Err(_) => Err(unsupported(field, &n.to_string())),
    }
}

fn unsupported(field: &str, value: &str) -> Error {
    Error::bad_parameter(format!("{field}: {value} is not supported by this client"))
        .with_hint("the cluster holds a setting this tctl cannot show or keep; change it with Teleport's own tctl")
}

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

/// A join token as `types.ProvisionTokenV2`.
pub fn token_to_proto(t: &ProvisionToken) -> ProvisionTokenV2 {
    ProvisionTokenV2 {
        kind: t.kind.clone(),
        sub_kind: String::new(),
        version: t.version.clone(),
        metadata: Some(metadata_to(&t.metadata)),
        spec: Some(ProvisionTokenSpecV2 {
            roles: t.spec.roles.iter().map(ToString::to_string).collect(),
            join_method: t.spec.join_method.clone(),
        }),
    }
}

/// A `types.ProvisionTokenV2` in its YAML shape.
pub fn token_from_proto(t: ProvisionTokenV2) -> Result<ProvisionToken> {
    let spec = t.spec.unwrap_or_default();
    let roles = spec
        .roles
        .iter()
        .map(|r| r.parse::<SystemRole>())
        .collect::<Result<Vec<_>>>()
        .map_err(|e| e.context("spec.roles"))?;
    Ok(ProvisionToken {
        kind: t.kind,
        version: t.version,
        metadata: metadata_from(t.metadata),
        spec: TokenSpec {
            roles,
            join_method: spec.join_method,
        },
    })
}

// ---------------------------------------------------------------------------------------------
// Roles
// ---------------------------------------------------------------------------------------------

fn verb_from(s: &str, field: &str) -> Result<Verb> {
    Ok(match s {
        "list" => Verb::List,
        "read" => Verb::Read,
        "create" => Verb::Create,
        "update" => Verb::Update,
        "delete" => Verb::Delete,
        "*" => Verb::All,
        other => return Err(unsupported(field, &format!("verb {other:?}"))),
    })
}

fn conditions_to(c: &RoleConditions) -> PbConditions {
    PbConditions {
        logins: c.logins.clone(),
        node_labels: labels_to(&c.node_labels),
        rules: c
            .rules
            .iter()
            .map(|r| PbRule {
                resources: r.resources.clone(),
                verbs: r.verbs.iter().map(|v| v.as_str().to_string()).collect(),
                r#where: String::new(),
                actions: Vec::new(),
            })
            .collect(),
        kube_groups: c.kubernetes_groups.clone(),
        kube_users: c.kubernetes_users.clone(),
        kubernetes_labels: labels_to(&c.kubernetes_labels),
        database_labels: labels_to(&c.db_labels),
        database_names: c.db_names.clone(),
        database_users: c.db_users.clone(),
    }
}

fn conditions_from(c: Option<PbConditions>, side: &str) -> Result<RoleConditions> {
    let c = c.unwrap_or_default();
    let mut rules = Vec::with_capacity(c.rules.len());
    for (i, r) in c.rules.into_iter().enumerate() {
        let field = format!("spec.{side}.rules[{i}]");
        if !r.r#where.is_empty() {
            return Err(unsupported(&format!("{field}.where"), &format!("{:?}", r.r#where)));
        }
        if !r.actions.is_empty() {
            return Err(unsupported(&format!("{field}.actions"), &format!("{:?}", r.actions)));
        }
        let verbs = r
            .verbs
            .iter()
            .map(|v| verb_from(v, &format!("{field}.verbs")))
            .collect::<Result<Vec<_>>>()?;
        rules.push(Rule {
            resources: r.resources,
            verbs,
        });
    }
    Ok(RoleConditions {
        logins: c.logins,
        node_labels: labels_from(c.node_labels),
        db_labels: labels_from(c.database_labels),
        db_users: c.database_users,
        db_names: c.database_names,
        kubernetes_labels: labels_from(c.kubernetes_labels),
        kubernetes_groups: c.kube_groups,
        kubernetes_users: c.kube_users,
        rules,
    })
}

/// A role as `types.RoleV6`.
pub fn role_to_proto(r: &Role) -> RoleV6 {
    let o = &r.spec.options;
    RoleV6 {
        kind: r.kind.clone(),
        sub_kind: String::new(),
        version: r.version.clone(),
        metadata: Some(metadata_to(&r.metadata)),
        spec: Some(RoleSpecV6 {
            options: Some(PbOptions {
                forward_agent: o.forward_agent.unwrap_or(false),
                max_session_ttl: o.max_session_ttl.map(|d| to_go_nanos(d.0)).unwrap_or(0),
                port_forwarding: o.port_forwarding.map(|value| BoolValue { value }),
                require_mfa_type: require_mfa_to(o.require_session_mfa),
                mfa_verification_interval: o.mfa_verification_interval.map(|d| to_proto_duration(d.0)),
            }),
            allow: Some(conditions_to(&r.spec.allow)),
            deny: Some(conditions_to(&r.spec.deny)),
        }),
    }
}

/// A `types.RoleV6` in its YAML shape.
pub fn role_from_proto(r: RoleV6) -> Result<Role> {
    let spec = r.spec.unwrap_or_default();
    let o = spec.options.unwrap_or_default();
    let options = RoleOptions {
        max_session_ttl: Some(o.max_session_ttl)
            .filter(|n| *n > 0)
            .map(|n| GoDuration(from_go_nanos(n))),
        require_session_mfa: require_mfa_from(o.require_mfa_type, "spec.options.require_session_mfa")?,
        forward_agent: Some(true).filter(|_| o.forward_agent),
        port_forwarding: o.port_forwarding.map(|b| b.value),
        mfa_verification_interval: o.mfa_verification_interval.map(|d| GoDuration(from_proto_duration(&d))),
    };
    Ok(Role {
        kind: r.kind,
        version: r.version,
        metadata: metadata_from(r.metadata),
        spec: RoleSpec {
            options,
            allow: conditions_from(spec.allow, "allow")?,
            deny: conditions_from(spec.deny, "deny")?,
        },
    })
}

// ---------------------------------------------------------------------------------------------
// Users
// ---------------------------------------------------------------------------------------------

/// A user as `types.UserV2`.
pub fn user_to_proto(u: &User) -> UserV2 {
    UserV2 {
        kind: u.kind.clone(),
        sub_kind: String::new(),
        version: u.version.clone(),
        metadata: Some(metadata_to(&u.metadata)),
        spec: Some(UserSpecV2 {
            roles: u.spec.roles.clone(),
            traits: traits_to(&u.spec.traits),
        }),
    }
}

/// A `types.UserV2` in its YAML shape.
pub fn user_from_proto(u: UserV2) -> User {
    let spec = u.spec.unwrap_or_default();
    User {
        kind: u.kind,
        version: u.version,
        metadata: metadata_from(u.metadata),
        spec: UserSpec {
            roles: spec.roles,
            traits: traits_from(spec.traits),
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Cluster auth preference
// ---------------------------------------------------------------------------------------------

/// The cluster auth preference as `types.AuthPreferenceV2`.
pub fn cap_to_proto(c: &AuthPreference) -> AuthPreferenceV2 {
    let s = &c.spec;
    AuthPreferenceV2 {
        kind: c.kind.clone(),
        sub_kind: String::new(),
        version: c.version.clone(),
        metadata: Some(metadata_to(&c.metadata)),
        spec: Some(AuthPreferenceSpecV2 {
            r#type: s.kind.clone(),
            second_factor: s.second_factor.to_string(),
            connector_name: s.connector_name.clone().unwrap_or_default(),
            webauthn: s.webauthn.as_ref().map(|w| PbWebauthn { rpid: w.rp_id.clone() }),
            require_mfa_type: require_mfa_to(s.require_session_mfa),
            allow_headless: s.headless.map(|value| BoolValue { value }),
            signature_algorithm_suite: s.signature_algorithm_suite.map(|x| i32::from(x.number())).unwrap_or(0),
            second_factors: Vec::new(),
        }),
    }
}

/// A `types.AuthPreferenceV2` in its YAML shape.
pub fn cap_from_proto(c: AuthPreferenceV2) -> Result<AuthPreference> {
    let s = c.spec.unwrap_or_default();
    let second_factor = s
        .second_factor
        .parse()
        .map_err(|e: Error| e.context("spec.second_factor"))?;
    let suite = Suite::from_number(u64::try_from(s.signature_algorithm_suite).unwrap_or(u64::MAX))
        .map_err(|e| e.context("spec.signature_algorithm_suite"))?;
    Ok(AuthPreference {
        kind: c.kind,
        version: c.version,
        metadata: metadata_from(c.metadata),
        spec: AuthPreferenceSpec {
            kind: s.r#type,
            second_factor,
            webauthn: s.webauthn.map(|w| Webauthn { rp_id: w.rpid }),
            require_session_mfa: require_mfa_from(s.require_mfa_type, "spec.require_session_mfa")?,
            headless: s.allow_headless.map(|b| b.value),
            connector_name: Some(s.connector_name).filter(|n| !n.is_empty()),
            signature_algorithm_suite: suite,
        },
    })
}

// ---------------------------------------------------------------------------------------------
// Databases and Kubernetes clusters
// ---------------------------------------------------------------------------------------------

/// A database as `types.DatabaseV3`.
pub fn database_to_proto(d: &Database) -> DatabaseV3 {
    DatabaseV3 {
        kind: d.kind.clone(),
        sub_kind: String::new(),
        version: d.version.clone(),
        metadata: Some(metadata_to(&d.metadata)),
        spec: Some(DatabaseSpecV3 {
            protocol: d.spec.protocol.clone(),
            uri: d.spec.uri.clone(),
        }),
    }
}

/// A `types.DatabaseV3` in its YAML shape.
pub fn database_from_proto(d: DatabaseV3) -> Database {
    let spec = d.spec.unwrap_or_default();
    Database {
        kind: d.kind,
        version: d.version,
        metadata: metadata_from(d.metadata),
        spec: DatabaseSpec {
            protocol: spec.protocol,
            uri: spec.uri,
        },
    }
}

/// A Kubernetes cluster as `types.KubernetesClusterV3`; the YAML's base64 kubeconfig travels
/// as raw bytes.
pub fn kube_to_proto(k: &KubeCluster) -> Result<KubernetesClusterV3> {
    let kubeconfig = if k.spec.kubeconfig.is_empty() {
        Vec::new()
    } else {
        STANDARD
            .decode(k.spec.kubeconfig.trim())
            .map_err(|_| Error::bad_parameter("spec.kubeconfig: not base64"))?
    };
    Ok(KubernetesClusterV3 {
        kind: k.kind.clone(),
        sub_kind: String::new(),
        version: k.version.clone(),
        metadata: Some(metadata_to(&k.metadata)),
        spec: Some(KubernetesClusterSpecV3 { kubeconfig }),
    })
}

/// A `types.KubernetesClusterV3` in its YAML shape.
pub fn kube_from_proto(k: KubernetesClusterV3) -> KubeCluster {
    let spec = k.spec.unwrap_or_default();
    KubeCluster {
        kind: k.kind,
        version: k.version,
        metadata: metadata_from(k.metadata),
        spec: KubeClusterSpec {
            kubeconfig: if spec.kubeconfig.is_empty() {
                String::new()
            } else {
                STANDARD.encode(&spec.kubeconfig)
            },
        },
    }
}

// ---------------------------------------------------------------------------------------------
// MFA devices
// ---------------------------------------------------------------------------------------------

/// A device as `GetMFADevices` answers it (no secrets); `last_used` none: never used.
pub fn device_to_proto(
    id: &str,
    name: &str,
    webauthn: bool,
    added: SystemTime,
    last_used: Option<SystemTime>,
) -> super::wire::types::MfaDevice {
    use super::wire::types::mfa_device::Device;
    use super::wire::types::{MfaDevice, TotpDevice, WebauthnDevice};
    MfaDevice {
        kind: "mfa_device".into(),
        sub_kind: String::new(),
        version: "v1".into(),
        metadata: Some(metadata_named(name)),
        id: id.into(),
        added_at: Some(to_timestamp(added)),
        last_used: last_used.map(to_timestamp),
        device: Some(if webauthn {
            Device::Webauthn(WebauthnDevice {})
        } else {
            Device::Totp(TotpDevice {})
        }),
    }
}

/// A device as `tsh mfa ls` shows it.
pub fn device_from_proto(d: super::wire::types::MfaDevice) -> crate::api::login::MfaDevice {
    use super::wire::types::mfa_device::Device;
    use crate::api::login::DeviceType;
    crate::api::login::MfaDevice {
        name: d.metadata.map(|m| m.name).unwrap_or_default(),
        kind: match d.device {
            Some(Device::Webauthn(_)) => DeviceType::Webauthn,
            _ => DeviceType::Totp,
        },
        added_at: d
            .added_at
            .as_ref()
            .map(|t| crate::duration::rfc3339(from_timestamp(t)))
            .unwrap_or_default(),
        last_used: d
            .last_used
            .as_ref()
            .map(|t| crate::duration::rfc3339(from_timestamp(t))),
    }
}
