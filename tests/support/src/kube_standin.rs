//! A **stand-in** for a Kubernetes API server: no real one can be installed on the test
//! machines, so this serves the few endpoints `kubectl version` and `kubectl get pods|namespaces`
//! use, the way the real one answers them (HTTPS with its own CA, a bearer token, legacy
//! discovery, `meta.k8s.io/v1` `Table` when asked for one, `Status` errors). It requires an
//! `Impersonate-User` header, as Teleport's proxy always sends one, and records what it was
//! asked so tests can check who reached it.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde_json::{Value, json};

/// What one request carried.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen {
    /// The path.
    pub path: String,
    /// `Impersonate-User`.
    pub user: String,
    /// Every `Impersonate-Group`, in order.
    pub groups: Vec<String>,
}

/// The server version it reports.
pub const STANDIN_VERSION: &str = "v1.35.0";

/// The pods it lists in namespace `default`.
pub const STANDIN_PODS: &[&str] = &["web-7d4b9c8f6d-x2x9k", "db-0"];

struct Shared {
    token: String,
    seen: Mutex<Vec<Seen>>,
}

/// The running stand-in; dropping it stops it.
pub struct KubeStandin {
    addr: SocketAddr,
    ca_pem: String,
    token: String,
    shared: Arc<Shared>,
    handle: axum_server::Handle<SocketAddr>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl KubeStandin {
    /// Starts it on a loopback port of its own choosing, in a thread with its own runtime.
    pub fn start() -> Self {
        let ca_key = rcgen::KeyPair::generate().unwrap();
        let mut ca = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.distinguished_name
            .push(rcgen::DnType::CommonName, "kubernetes stand-in CA");
        ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca.key_usages = vec![
            rcgen::KeyUsagePurpose::KeyCertSign,
            rcgen::KeyUsagePurpose::DigitalSignature,
        ];
        let ca_cert = ca.self_signed(&ca_key).unwrap();
        let ca_pem = ca_cert.pem();
        let issuer = rcgen::Issuer::from_ca_cert_pem(&ca_pem, ca_key).unwrap();
        let key = rcgen::KeyPair::generate().unwrap();
        let mut leaf = rcgen::CertificateParams::new(vec!["127.0.0.1".to_string()]).unwrap();
        leaf.distinguished_name
            .push(rcgen::DnType::CommonName, "kube-apiserver");
        leaf.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
        let cert = leaf.signed_by(&key, &issuer).unwrap();

        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                vec![cert.der().clone()],
                rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()),
            )
            .unwrap();
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];

        let token = format!("standin-{:016x}", rand_u64());
        let shared = Arc::new(Shared {
            token: token.clone(),
            seen: Mutex::new(Vec::new()),
        });
        let app = Router::new()
            .route("/version", get(version))
            .route("/api", get(api))
            .route("/apis", get(apis))
            .route("/api/v1", get(api_v1))
            .route("/api/v1/namespaces", get(namespaces))
            .route("/api/v1/namespaces/{ns}/pods", get(pods))
            .route("/api/v1/pods", get(all_pods))
            .fallback(|| async {
                status(
                    StatusCode::NOT_FOUND,
                    "NotFound",
                    "the server could not find the requested resource",
                )
            })
            .layer(axum::middleware::from_fn_with_state(shared.clone(), guard))
            .with_state(shared.clone());

        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let handle = axum_server::Handle::new();
        let server_handle = handle.clone();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let tls = axum_server::tls_rustls::RustlsConfig::from_config(Arc::new(config));
                // TCP_NODELAY, as a real API server sets it: without it small answers wait out
                // the client's delayed ACK (~40 ms), which made the benchmark's baseline slow.
                let acceptor = axum_server::tls_rustls::RustlsAcceptor::new(tls)
                    .acceptor(axum_server::accept::NoDelayAcceptor::new());
                listener.set_nonblocking(true).unwrap();
                axum_server::from_tcp(listener)
                    .unwrap()
                    .acceptor(acceptor)
                    .handle(server_handle)
                    .serve(app.into_make_service())
                    .await
                    .unwrap();
            });
        });
        Self {
            addr,
            ca_pem,
            token,
            shared,
            handle,
            thread: Some(thread),
        }
    }

    /// `https://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("https://{}", self.addr)
    }

    /// A kubeconfig an admin of the real cluster would hand over: server, CA data, token.
    pub fn kubeconfig(&self) -> String {
        format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: standin\n  cluster:\n    server: {}\n    certificate-authority-data: {}\ncontexts:\n- name: standin\n  context:\n    cluster: standin\n    user: teleport-proxy\ncurrent-context: standin\nusers:\n- name: teleport-proxy\n  user:\n    token: {}\n",
            self.url(),
            B64.encode(&self.ca_pem),
            self.token
        )
    }

    /// [`Self::kubeconfig`] in base64, as `kube_cluster`'s `spec.kubeconfig` holds it.
    pub fn kubeconfig_base64(&self) -> String {
        B64.encode(self.kubeconfig())
    }

    /// Every request that passed the token check, in order.
    pub fn seen(&self) -> Vec<Seen> {
        self.shared.seen.lock().unwrap().clone()
    }
}

impl Drop for KubeStandin {
    fn drop(&mut self) {
        self.handle.shutdown();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn rand_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(std::process::id().into());
    h.finish()
}

fn json_response(value: Value) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], value.to_string()).into_response()
}

/// A Kubernetes `Status` error, as the API server writes it.
fn status(code: StatusCode, reason: &str, message: &str) -> Response {
    let body = json!({
        "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
        "message": message, "reason": reason, "code": code.as_u16(),
    });
    (code, json_response(body)).into_response()
}

async fn guard(
    State(shared): State<Arc<Shared>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let headers = req.headers();
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if bearer != Some(shared.token.as_str()) {
        return status(StatusCode::UNAUTHORIZED, "Unauthorized", "Unauthorized");
    }
    let Some(user) = headers.get("impersonate-user").and_then(|v| v.to_str().ok()) else {
        return status(
            StatusCode::FORBIDDEN,
            "Forbidden",
            "the stand-in API server only serves impersonated requests",
        );
    };
    let groups = headers
        .get_all("impersonate-group")
        .iter()
        .filter_map(|v| v.to_str().ok().map(String::from))
        .collect();
    shared.seen.lock().unwrap().push(Seen {
        path: req.uri().path().to_string(),
        user: user.to_string(),
        groups,
    });
    next.run(req).await
}

async fn version() -> Response {
    json_response(json!({
        "major": "1", "minor": "35", "emulationMajor": "1", "emulationMinor": "35",
        "minCompatibilityMajor": "1", "minCompatibilityMinor": "34",
        "gitVersion": STANDIN_VERSION, "gitCommit": "0000000000000000000000000000000000000000",
        "gitTreeState": "clean", "buildDate": "2025-12-17T12:00:00Z", "goVersion": "go1.25.5",
        "compiler": "gc", "platform": "linux/amd64",
    }))
}

async fn api() -> Response {
    json_response(json!({
        "kind": "APIVersions", "versions": ["v1"],
        "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1:6443"}],
    }))
}

async fn apis() -> Response {
    json_response(json!({"kind": "APIGroupList", "apiVersion": "v1", "groups": []}))
}

async fn api_v1() -> Response {
    let resource = |name: &str, kind: &str, namespaced: bool, short: &[&str]| {
        json!({
            "name": name, "singularName": kind.to_lowercase(), "namespaced": namespaced, "kind": kind,
            "verbs": ["get", "list"], "shortNames": short,
        })
    };
    json_response(json!({
        "kind": "APIResourceList", "groupVersion": "v1",
        "resources": [
            resource("namespaces", "Namespace", false, &["ns"]),
            resource("pods", "Pod", true, &["po"]),
        ],
    }))
}

fn wants_table(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("as=Table"))
}

const CREATED: &str = "2026-01-01T00:00:00Z";

fn object_meta(name: &str, ns: Option<&str>) -> Value {
    let mut m =
        json!({"name": name, "uid": format!("uid-{name}"), "resourceVersion": "1", "creationTimestamp": CREATED});
    if let Some(ns) = ns {
        m["namespace"] = json!(ns);
    }
    m
}

fn column(name: &str, format: &str) -> Value {
    json!({"name": name, "type": "string", "format": format, "description": name, "priority": 0})
}

fn table(columns: &[(&str, &str)], rows: Vec<(Vec<String>, Value)>) -> Response {
    let rows: Vec<Value> = rows
        .into_iter()
        .map(|(cells, meta)| {
            json!({"cells": cells, "object": {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": meta}})
        })
        .collect();
    json_response(json!({
        "kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {"resourceVersion": "1"},
        "columnDefinitions": columns.iter().map(|(n, f)| column(n, f)).collect::<Vec<_>>(),
        "rows": rows,
    }))
}

fn pod_list(headers: &HeaderMap, ns: &str) -> Response {
    let names: &[&str] = if ns == "default" { STANDIN_PODS } else { &[] };
    if wants_table(headers) {
        let rows = names
            .iter()
            .map(|n| {
                let cells = vec![n.to_string(), "1/1".into(), "Running".into(), "0".into(), "5m".into()];
                (cells, object_meta(n, Some(ns)))
            })
            .collect();
        let cols = [
            ("Name", "name"),
            ("Ready", ""),
            ("Status", ""),
            ("Restarts", ""),
            ("Age", ""),
        ];
        return table(&cols, rows);
    }
    let items: Vec<Value> = names
        .iter()
        .map(|n| {
            json!({"kind": "Pod", "apiVersion": "v1", "metadata": object_meta(n, Some(ns)),
                   "spec": {"containers": [{"name": "main", "image": "registry.example/app:1"}]},
                   "status": {"phase": "Running"}})
        })
        .collect();
    json_response(json!({"kind": "PodList", "apiVersion": "v1", "metadata": {"resourceVersion": "1"}, "items": items}))
}

async fn pods(Path(ns): Path<String>, headers: HeaderMap) -> Response {
    pod_list(&headers, &ns)
}

async fn all_pods(headers: HeaderMap) -> Response {
    pod_list(&headers, "default")
}

async fn namespaces(headers: HeaderMap) -> Response {
    let names = ["default", "kube-system"];
    if wants_table(&headers) {
        let rows = names
            .iter()
            .map(|n| (vec![n.to_string(), "Active".into(), "30d".into()], object_meta(n, None)))
            .collect();
        return table(&[("Name", "name"), ("Status", ""), ("Age", "")], rows);
    }
    let items: Vec<Value> = names
        .iter()
        .map(|n| json!({"kind": "Namespace", "apiVersion": "v1", "metadata": object_meta(n, None), "status": {"phase": "Active"}}))
        .collect();
    json_response(
        json!({"kind": "NamespaceList", "apiVersion": "v1", "metadata": {"resourceVersion": "1"}, "items": items}),
    )
}
