//! Kubeconfig files: reading where a `kube_cluster`'s `spec.kubeconfig` points (the server's
//! upstream), and merging the entries `tsh kube login` writes into a user's file while keeping
//! everything else in it (the file is handled as an untyped tree, so unknown fields survive).

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde_json::{Map, Value, json};

use crate::error::{Error, Result};

/// The `ExecCredential` API version tsh writes and answers (kubectl 1.20 and later read it).
pub const EXEC_API_VERSION: &str = "client.authentication.k8s.io/v1beta1";

/// Where a Kubernetes API server is and how to log in to it, from a kubeconfig's current context.
#[derive(Clone, PartialEq, Eq)]
pub struct Upstream {
    /// `https://host:port`.
    pub server: String,
    /// The CA that signed the API server's certificate (PEM); none: the system's roots.
    pub ca_pem: Option<String>,
    /// `insecure-skip-tls-verify`.
    pub insecure: bool,
    /// A bearer token.
    pub token: Option<String>,
    /// A client certificate and key (PEM).
    pub client_cert: Option<(String, String)>,
}

impl std::fmt::Debug for Upstream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upstream")
            .field("server", &self.server)
            .field("insecure", &self.insecure)
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .finish_non_exhaustive()
    }
}

fn field(path: &str, message: impl std::fmt::Display) -> Error {
    Error::bad_parameter(format!("spec.kubeconfig: {path}: {message}"))
}

/// Finds the entry `name` in the list `key` (`clusters`, `contexts`, `users`) and returns its
/// index and its inner object (`cluster`, `context`, `user`).
fn entry<'a>(doc: &'a Value, key: &str, inner: &str, name: &str) -> Result<(usize, &'a Value)> {
    let list = doc
        .get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    list.iter()
        .enumerate()
        .find(|(_, e)| e.get("name").and_then(Value::as_str) == Some(name))
        .map(|(i, e)| (i, e.get(inner).unwrap_or(&Value::Null)))
        .ok_or_else(|| field(key, format!("no entry named {name:?}")))
}

fn b64_text(path: &str, v: Option<&Value>) -> Result<Option<String>> {
    let Some(v) = v else { return Ok(None) };
    let text = v.as_str().ok_or_else(|| field(path, "expected a base64 string"))?;
    let bytes = B64.decode(text.trim()).map_err(|_| field(path, "not valid base64"))?;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| field(path, "not PEM text"))
}

impl Upstream {
    /// Reads `spec.kubeconfig` (base64 of a kubeconfig). Errors name the field.
    pub fn from_base64(b64: &str) -> Result<Self> {
        let bytes = B64
            .decode(b64.trim())
            .map_err(|_| Error::bad_parameter("spec.kubeconfig: not valid base64"))?;
        let text = String::from_utf8(bytes).map_err(|_| Error::bad_parameter("spec.kubeconfig: not UTF-8 text"))?;
        Self::from_yaml(&text)
    }

    /// Reads a kubeconfig's current context (or its only one).
    pub fn from_yaml(text: &str) -> Result<Self> {
        let doc = crate::yaml::parse_value(text)
            .map_err(|e| Error::bad_parameter(format!("spec.kubeconfig: {}", e.message())))?;
        let contexts = doc.get("contexts").and_then(Value::as_array).map(Vec::len).unwrap_or(0);
        let current = match doc.get("current-context").and_then(Value::as_str) {
            Some(c) if !c.is_empty() => c.to_string(),
            _ if contexts == 1 => doc["contexts"][0]["name"].as_str().unwrap_or_default().to_string(),
            _ => {
                return Err(field(
                    "current-context",
                    "missing, and there is not exactly one context",
                ));
            }
        };
        let (ci, context) = entry(&doc, "contexts", "context", &current)?;
        let cluster_name = context
            .get("cluster")
            .and_then(Value::as_str)
            .ok_or_else(|| field(&format!("contexts[{ci}].context.cluster"), "missing"))?;
        let (ki, cluster) = entry(&doc, "clusters", "cluster", cluster_name)?;
        let at = |f: &str| format!("clusters[{ki}].cluster.{f}");
        let server = cluster
            .get("server")
            .and_then(Value::as_str)
            .ok_or_else(|| field(&at("server"), "missing, expected https://host:port"))?;
        if !server.starts_with("https://") {
            return Err(field(&at("server"), format!("{server:?} is not an https:// URL")));
        }
        if cluster.get("certificate-authority").is_some() {
            return Err(field(
                &at("certificate-authority"),
                "file paths are not supported, use certificate-authority-data",
            ));
        }
        let ca_pem = b64_text(
            &at("certificate-authority-data"),
            cluster.get("certificate-authority-data"),
        )?;
        let insecure = cluster
            .get("insecure-skip-tls-verify")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let mut up = Self {
            server: server.trim_end_matches('/').to_string(),
            ca_pem,
            insecure,
            token: None,
            client_cert: None,
        };
        if let Some(user_name) = context.get("user").and_then(Value::as_str) {
            let (ui, user) = entry(&doc, "users", "user", user_name)?;
            let at = |f: &str| format!("users[{ui}].user.{f}");
            up.token = user.get("token").and_then(Value::as_str).map(String::from);
            let cert = b64_text(&at("client-certificate-data"), user.get("client-certificate-data"))?;
            let key = b64_text(&at("client-key-data"), user.get("client-key-data"))?;
            up.client_cert = match (cert, key) {
                (Some(c), Some(k)) => Some((c, k)),
                (None, None) => None,
                _ => {
                    return Err(field(
                        &at("client-key-data"),
                        "client-certificate-data and client-key-data go together",
                    ));
                }
            };
        }
        if up.token.is_none() && up.client_cert.is_none() {
            return Err(field(
                "users",
                "the current context's user has neither a token nor client-certificate-data",
            ));
        }
        Ok(up)
    }
}

/// How kubectl logs in through a context tsh writes.
pub enum Credentials {
    /// `tsh kube credentials` as an exec plugin.
    Exec {
        /// The absolute path of tsh.
        command: String,
        /// Its arguments.
        args: Vec<String>,
        /// Extra environment (`TELEPORT_HOME`).
        env: Vec<(String, String)>,
    },
    /// A client certificate and key (PEM), for `tsh proxy kube`'s local proxy.
    ClientCert {
        /// Certificate.
        cert_pem: String,
        /// Key.
        key_pem: String,
    },
}

/// One cluster/context/user triple tsh writes.
pub struct Entry {
    /// The `clusters[]` name (the Teleport cluster for `tsh kube login`).
    pub cluster_name: String,
    /// The context and user name: `<teleport cluster>-<kube cluster>`.
    pub context_name: String,
    /// `https://host:port`.
    pub server: String,
    /// `tls-server-name`: the name that routes kubectl's connections to the Kubernetes proxy
    /// (Teleport's SNI routing); none for a server that needs no routing.
    pub tls_server_name: Option<String>,
    /// The CA to trust (PEM).
    pub ca_pem: String,
    /// How to log in.
    pub credentials: Credentials,
}

/// Teleport's context name for a Kubernetes cluster: `<teleport cluster>-<kube cluster>`.
pub fn context_name(teleport_cluster: &str, kube_cluster: &str) -> String {
    format!("{teleport_cluster}-{kube_cluster}")
}

fn upsert_named(doc: &mut Map<String, Value>, key: &str, item: Value) {
    let list = doc.entry(key).or_insert_with(|| Value::Array(Vec::new()));
    if !list.is_array() {
        *list = Value::Array(Vec::new());
    }
    let Value::Array(items) = list else { return };
    let name = item.get("name").cloned();
    match items.iter_mut().find(|e| e.get("name") == name.as_ref()) {
        Some(slot) => *slot = item,
        None => items.push(item),
    }
}

/// Merges `entry` into the kubeconfig `existing` (none: a new file) and makes its context
/// current; everything else in the file is kept. Returns the new text.
pub fn merge(existing: Option<&str>, entry: &Entry) -> Result<String> {
    let mut doc = match existing.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => crate::yaml::parse_value(text)
            .map_err(|e| Error::bad_parameter(format!("the existing kubeconfig: {}", e.message())))?,
        None => Value::Null,
    };
    if doc.is_null() {
        doc = json!({"apiVersion": "v1", "kind": "Config", "preferences": {}});
    }
    let Value::Object(map) = &mut doc else {
        return Err(Error::bad_parameter("the existing kubeconfig is not a mapping"));
    };
    let mut cluster = json!({
        "server": entry.server,
        "certificate-authority-data": B64.encode(&entry.ca_pem),
    });
    if let Some(name) = &entry.tls_server_name {
        cluster["tls-server-name"] = json!(name);
    }
    upsert_named(map, "clusters", json!({"name": entry.cluster_name, "cluster": cluster}));
    let user = match &entry.credentials {
        Credentials::Exec { command, args, env } => {
            let env: Vec<Value> = env.iter().map(|(k, v)| json!({"name": k, "value": v})).collect();
            let mut exec = json!({
                "apiVersion": EXEC_API_VERSION,
                "command": command,
                "args": args,
                "interactiveMode": "IfAvailable",
                "provideClusterInfo": false,
            });
            if !env.is_empty() {
                exec["env"] = Value::Array(env);
            }
            json!({ "exec": exec })
        }
        Credentials::ClientCert { cert_pem, key_pem } => json!({
            "client-certificate-data": B64.encode(cert_pem),
            "client-key-data": B64.encode(key_pem),
        }),
    };
    upsert_named(map, "users", json!({"name": entry.context_name, "user": user}));
    upsert_named(
        map,
        "contexts",
        json!({"name": entry.context_name, "context": {"cluster": entry.cluster_name, "user": entry.context_name}}),
    );
    map.insert("current-context".into(), Value::String(entry.context_name.clone()));
    serde_saphyr::to_string(&doc).map_err(|e| Error::internal(format!("writing the kubeconfig: {e}")))
}

/// The Teleport and Kubernetes cluster of a context tsh wrote: read from its user's exec
/// arguments (`--teleport-cluster=`, `--kube-cluster=`).
pub fn tsh_context(text: &str, context: &str) -> Option<(String, String)> {
    let doc = crate::yaml::parse_value(text).ok()?;
    let (_, ctx) = entry(&doc, "contexts", "context", context).ok()?;
    let user = ctx.get("user")?.as_str()?;
    let (_, user) = entry(&doc, "users", "user", user).ok()?;
    let args = user.get("exec")?.get("args")?.as_array()?;
    let arg = |prefix: &str| {
        args.iter()
            .filter_map(Value::as_str)
            .find_map(|a| a.strip_prefix(prefix))
            .map(String::from)
    };
    Some((arg("--teleport-cluster=")?, arg("--kube-cluster=")?))
}

/// Takes out of the kubeconfig `text` what `tsh kube login` wrote for `teleport_cluster`: the
/// contexts whose user runs `tsh kube credentials --teleport-cluster=<it>`, those users, and the
/// cluster entry no remaining context uses; a current context among them is unset (as
/// Teleport's `tsh logout` does). Everything else stays. `None`: nothing of it was there.
pub fn remove_teleport(text: &str, teleport_cluster: &str) -> Result<Option<String>> {
    let mut doc =
        crate::yaml::parse_value(text).map_err(|e| Error::bad_parameter(format!("the kubeconfig: {}", e.message())))?;
    let flag = format!("--teleport-cluster={teleport_cluster}");
    let ours: Vec<String> = doc
        .get("users")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|u| {
            u.pointer("/user/exec/args")
                .and_then(Value::as_array)
                .is_some_and(|args| args.iter().any(|a| a.as_str() == Some(flag.as_str())))
        })
        .filter_map(|u| u.get("name").and_then(Value::as_str).map(String::from))
        .collect();
    if ours.is_empty() {
        return Ok(None);
    }
    let Value::Object(map) = &mut doc else {
        return Ok(None);
    };
    let mut removed_contexts = Vec::new();
    let mut kept_clusters = Vec::new();
    if let Some(Value::Array(contexts)) = map.get_mut("contexts") {
        contexts.retain(|c| {
            let user = c.pointer("/context/user").and_then(Value::as_str).unwrap_or_default();
            let cluster = c
                .pointer("/context/cluster")
                .and_then(Value::as_str)
                .unwrap_or_default();
            if ours.iter().any(|u| u == user) {
                removed_contexts.push(c.get("name").and_then(Value::as_str).unwrap_or_default().to_string());
                false
            } else {
                kept_clusters.push(cluster.to_string());
                true
            }
        });
    }
    if let Some(Value::Array(users)) = map.get_mut("users") {
        users.retain(|u| {
            !ours
                .iter()
                .any(|o| Some(o.as_str()) == u.get("name").and_then(Value::as_str))
        });
    }
    if let Some(Value::Array(clusters)) = map.get_mut("clusters") {
        clusters.retain(|c| {
            let name = c.get("name").and_then(Value::as_str).unwrap_or_default();
            name != teleport_cluster || kept_clusters.iter().any(|k| k == name)
        });
    }
    let current = map.get("current-context").and_then(Value::as_str).unwrap_or_default();
    if removed_contexts.iter().any(|c| c == current) {
        map.insert("current-context".into(), Value::String(String::new()));
    }
    serde_saphyr::to_string(&doc)
        .map(Some)
        .map_err(|e| Error::internal(format!("writing the kubeconfig: {e}")))
}

/// The current context's name, if any.
pub fn current_context(text: &str) -> Option<String> {
    let doc = crate::yaml::parse_value(text).ok()?;
    doc.get("current-context")?
        .as_str()
        .filter(|s| !s.is_empty())
        .map(String::from)
}

/// The kubeconfig tsh writes: the first entry of `KUBECONFIG`, else `~/.kube/config`.
pub fn path(ctx: &crate::context::Context) -> Result<std::path::PathBuf> {
    if let Some(first) = ctx
        .var(crate::env::KUBECONFIG)
        .and_then(|v| v.split(':').find(|p| !p.is_empty()))
    {
        return Ok(ctx.resolve(first));
    }
    ctx.home().map(|h| h.join(".kube").join("config")).ok_or_else(|| {
        Error::bad_parameter("cannot find the home directory for ~/.kube/config").with_hint("set KUBECONFIG")
    })
}

/// Reads a kubeconfig file; a missing one is `None`.
pub fn read(path: &std::path::Path) -> Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(crate::error::io_error("reading", path, e)),
    }
}

/// Writes a kubeconfig file, 0600, creating its directory.
pub fn write(path: &std::path::Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| crate::error::io_error("creating", dir, e))?;
    }
    crate::fsutil::write_private(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    const STANDIN: &str = "apiVersion: v1\nkind: Config\nclusters:\n- name: up\n  cluster:\n    server: https://127.0.0.1:6443\n    certificate-authority-data: LS0tLS1CRUdJTg==\ncontexts:\n- name: up\n  context:\n    cluster: up\n    user: admin\ncurrent-context: up\nusers:\n- name: admin\n  user:\n    token: abc\n";

    #[test]
    fn reads_server_ca_and_token() {
        let up = Upstream::from_yaml(STANDIN).unwrap();
        assert_eq!(up.server, "https://127.0.0.1:6443");
        assert_eq!(up.ca_pem.as_deref(), Some("-----BEGIN"));
        assert_eq!(up.token.as_deref(), Some("abc"));
        assert!(!format!("{up:?}").contains("abc"));
    }

    #[test]
    fn errors_name_the_field() {
        let e = Upstream::from_yaml(&STANDIN.replace("https://", "http://")).unwrap_err();
        assert!(
            e.message().starts_with("spec.kubeconfig: clusters[0].cluster.server:"),
            "{e}"
        );
        let e = Upstream::from_yaml(&STANDIN.replace("    token: abc\n", "    username: x\n")).unwrap_err();
        assert!(e.message().contains("neither a token"), "{e}");
        let e = Upstream::from_base64("%%%").unwrap_err();
        assert_eq!(e.message(), "spec.kubeconfig: not valid base64");
    }

    #[test]
    fn merge_keeps_other_contexts_and_is_found_again() {
        let entry = Entry {
            cluster_name: "example.test".into(),
            context_name: context_name("example.test", "prod"),
            server: "https://localhost:3080".into(),
            tls_server_name: Some("kube-teleport-proxy-alpn.teleport.cluster.local".into()),
            ca_pem: "PEM".into(),
            credentials: Credentials::Exec {
                command: "/bin/tsh".into(),
                args: vec![
                    "kube".into(),
                    "credentials".into(),
                    "--kube-cluster=prod".into(),
                    "--teleport-cluster=example.test".into(),
                ],
                env: vec![],
            },
        };
        let text = merge(Some(STANDIN), &entry).unwrap();
        let again = merge(Some(&text), &entry).unwrap();
        assert_eq!(text, again, "merging twice changes nothing");
        assert_eq!(current_context(&text).as_deref(), Some("example.test-prod"));
        assert_eq!(
            tsh_context(&text, "example.test-prod"),
            Some(("example.test".into(), "prod".into()))
        );
        assert_eq!(tsh_context(&text, "up"), None);
        let doc = crate::yaml::parse_value(&text).unwrap();
        assert_eq!(doc["contexts"].as_array().unwrap().len(), 2);
        assert_eq!(doc["users"][0]["user"]["token"], "abc");
        let ours = doc["clusters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "example.test")
            .unwrap();
        assert_eq!(
            ours["cluster"]["tls-server-name"],
            "kube-teleport-proxy-alpn.teleport.cluster.local"
        );
    }

    #[test]
    fn logout_takes_out_only_what_tsh_wrote_for_that_cluster() {
        let exec = |teleport: &str, kube: &str| Entry {
            cluster_name: teleport.into(),
            context_name: context_name(teleport, kube),
            server: format!("https://{teleport}:3080"),
            tls_server_name: None,
            ca_pem: "ca".into(),
            credentials: Credentials::Exec {
                command: "/usr/bin/tsh".into(),
                args: vec![
                    "kube".into(),
                    "credentials".into(),
                    format!("--kube-cluster={kube}"),
                    format!("--teleport-cluster={teleport}"),
                ],
                env: vec![],
            },
        };
        let text = merge(Some(STANDIN), &exec("other.test", "k1")).unwrap();
        let text = merge(Some(&text), &exec("example.test", "prod")).unwrap();
        let text = merge(Some(&text), &exec("example.test", "dev")).unwrap();
        let after = remove_teleport(&text, "example.test").unwrap().unwrap();
        assert!(tsh_context(&after, "example.test-dev").is_none());
        assert!(tsh_context(&after, "example.test-prod").is_none());
        assert_eq!(
            tsh_context(&after, "other.test-k1"),
            Some(("other.test".to_string(), "k1".to_string()))
        );
        assert_eq!(
            current_context(&after),
            None,
            "the current context was example.test-dev"
        );
        assert!(!after.contains("example.test"), "{after}");
        assert!(after.contains("other.test"), "{after}");
        assert_eq!(
            remove_teleport(&after, "example.test").unwrap(),
            None,
            "nothing left to take"
        );
    }
}
