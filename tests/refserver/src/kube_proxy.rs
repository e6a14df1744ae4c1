//! The Kubernetes proxy: connections to the web listener whose TLS server name starts with
//! `kube-teleport-proxy-alpn.` (Teleport's SNI routing) and whose client certificate is a routed
//! certificate for a `kube_cluster` go to that cluster's API server (from `spec.kubeconfig`), as the user's
//! Kubernetes identity: `Impersonate-User` (the role's `kubernetes_users`, else the Teleport user)
//! and one `Impersonate-Group` per role `kubernetes_groups`, as Teleport's proxy does.
//! Anything the client sent as `Impersonate-*` is dropped. Refusals are Kubernetes `Status`
//! objects, so kubectl prints their message.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderName, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tele_common::api::routes::RouteTarget;
use tele_common::error::{Error, ErrorKind, Result};
use tele_common::kube::config::Upstream;
use tele_common::resources::labels_match;

use crate::route::Routed;
use crate::server::Server;

/// Largest request body forwarded (kubectl's manifests are far smaller).
const MAX_BODY: usize = 64 << 20;

/// Serves one connection the web listener routed here by its TLS server name
/// (`kube-teleport-proxy-alpn.`): every request, whatever its path, goes to the Kubernetes
/// cluster the client certificate is for. HTTP/1.1 and HTTP/2, as kubectl chooses.
pub fn serve(s: Arc<Server>, tls: crate::tlsconf::TlsTcp, certs: Vec<Vec<u8>>) {
    let certs = Arc::new(certs);
    let server = s.clone();
    let service = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
        let (s, certs) = (server.clone(), certs.clone());
        async move {
            let answer = match forward(&s, &certs, req.map(Body::new)).await {
                Ok(resp) => resp,
                Err(e) => {
                    tracing::info!(error = %e.message(), "kubernetes request refused");
                    status(&e)
                }
            };
            Ok::<_, std::convert::Infallible>(answer)
        }
    });
    tokio::spawn(async move {
        let mut builder = hyper_util::server::conn::auto::Builder::new(hyper_util::rt::TokioExecutor::new());
        let limits = s.settings.timeouts;
        builder
            .http1()
            .timer(hyper_util::rt::TokioTimer::new())
            .header_read_timeout(limits.first_request);
        builder
            .http2()
            .timer(hyper_util::rt::TokioTimer::new())
            .keep_alive_interval(limits.idle / 2)
            .keep_alive_timeout(Duration::from_secs(20).min(limits.idle));
        if let Err(e) = builder
            .serve_connection(hyper_util::rt::TokioIo::new(tls), service)
            .await
        {
            tracing::debug!(error = %e, "kubernetes connection ended");
        }
    });
}

/// A Kubernetes `Status` for an error, with Kubernetes' reason words.
fn status(e: &Error) -> Response {
    let (code, reason) = match e.kind() {
        ErrorKind::Unauthenticated => (401, "Unauthorized"),
        ErrorKind::AccessDenied => (403, "Forbidden"),
        ErrorKind::NotFound => (404, "NotFound"),
        ErrorKind::BadParameter => (400, "BadRequest"),
        ErrorKind::ConnectionProblem => (503, "ServiceUnavailable"),
        _ => (500, "InternalError"),
    };
    let body = serde_json::json!({
        "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
        "message": e.message(), "reason": reason, "code": code,
    });
    let code = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (code, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
}

/// Who the user is inside the Kubernetes cluster.
struct Principal {
    user: String,
    groups: Vec<String>,
}

fn principal(routed: &Routed) -> Result<Principal> {
    let labels = &routed.resolved.labels;
    let granting = routed
        .roles
        .iter()
        .filter(|r| labels_match(&r.spec.allow.kubernetes_labels, labels));
    let mut users = BTreeSet::new();
    let mut groups = BTreeSet::new();
    for r in granting {
        users.extend(r.spec.allow.kubernetes_users.iter().cloned());
        groups.extend(r.spec.allow.kubernetes_groups.iter().cloned());
    }
    for r in &routed.roles {
        for u in &r.spec.deny.kubernetes_users {
            users.remove(u);
        }
        for g in &r.spec.deny.kubernetes_groups {
            groups.remove(g);
        }
    }
    if users.is_empty() && groups.is_empty() {
        return Err(Error::access_denied(
            "Your user's Teleport role does not allow Kubernetes access. Please ask cluster administrator to ensure your role has appropriate kubernetes_groups and kubernetes_users set.",
        ));
    }
    let user = match users.len() {
        0 => routed.user.clone(),
        1 => users.into_iter().next().unwrap_or_default(),
        _ => {
            return Err(Error::access_denied(
                "please select a user to impersonate, refusing to select a user due to several kubernetes_users set up for this user",
            ));
        }
    };
    Ok(Principal {
        user,
        groups: groups.into_iter().collect(),
    })
}

/// Per cluster: the kubeconfig a client was built from, the client, and where it goes.
type Clients = HashMap<String, (String, reqwest::Client, Upstream)>;

/// One HTTP client per cluster, rebuilt when its kubeconfig changes.
fn client_for(name: &str, kubeconfig: &str) -> Result<(reqwest::Client, Upstream)> {
    static CLIENTS: OnceLock<Mutex<Clients>> = OnceLock::new();
    let mut map = CLIENTS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some((text, client, up)) = map.get(name)
        && text == kubeconfig
    {
        return Ok((client.clone(), up.clone()));
    }
    let up = Upstream::from_base64(kubeconfig)?;
    let cas = match &up.ca_pem {
        Some(pem) => tele_common::tls::parse_certs_pem(pem)?,
        None => Vec::new(),
    };
    let identity = match &up.client_cert {
        Some((cert, key)) => Some((
            tele_common::tls::parse_certs_pem(cert)?,
            tele_common::tls::parse_key_pem(key)?,
        )),
        None => None,
    };
    let tls = tele_common::tls::client_config(&cas, identity, up.insecure)?;
    let client = reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .tcp_nodelay(true)
        .connect_timeout(std::time::Duration::from_secs(10))
        .build()
        .map_err(|e| Error::internal(format!("building the Kubernetes client: {e}")))?;
    map.insert(name.to_string(), (kubeconfig.to_string(), client.clone(), up.clone()));
    Ok((client, up))
}

fn hop_by_hop(name: &HeaderName) -> bool {
    let n = name.as_str();
    matches!(
        n,
        "host"
            | "authorization"
            | "connection"
            | "keep-alive"
            | "proxy-authorization"
            | "proxy-authenticate"
            | "proxy-connection"
            | "te"
            | "trailer"
            | "transfer-encoding"
            | "upgrade"
            | "content-length"
    ) || n.starts_with("impersonate-")
}

async fn forward(s: &Server, certs: &[Vec<u8>], req: Request) -> Result<Response> {
    if certs.is_empty() {
        return Err(Error::unauthenticated(
            "this is Teleport's Kubernetes proxy: log in with tsh kube login",
        ));
    }
    let routed = Routed::identify(s, certs)?;
    let RouteTarget::KubeCluster { name } = &routed.target else {
        return Err(Error::access_denied(
            "this certificate is for a database, not a Kubernetes cluster",
        ));
    };
    let kube = s
        .store
        .kube_cluster(name)?
        .ok_or_else(|| Error::not_found(format!("kubernetes cluster {name:?} not found")))?;
    if kube.spec.kubeconfig.is_empty() {
        return Err(Error::connection(format!(
            "kubernetes cluster {name:?} has no spec.kubeconfig, so the proxy cannot reach it"
        )));
    }
    let who = principal(&routed)?;
    let (client, up) = client_for(name, &kube.spec.kubeconfig)?;
    if req.headers().contains_key(header::UPGRADE) {
        return Err(Error::bad_parameter(
            "this proxy does not relay upgraded connections (exec, attach, port-forward)",
        ));
    }
    let (parts, body) = req.into_parts();
    let body = axum::body::to_bytes(body, MAX_BODY)
        .await
        .map_err(|e| Error::bad_parameter(format!("reading the request body: {e}")))?;
    let path = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let mut out = client.request(parts.method.clone(), format!("{}{path}", up.server));
    for (k, v) in &parts.headers {
        if !hop_by_hop(k) {
            out = out.header(k, v);
        }
    }
    if let Some(token) = &up.token {
        out = out.bearer_auth(token);
    }
    out = out.header("Impersonate-User", &who.user);
    for g in &who.groups {
        out = out.header("Impersonate-Group", g);
    }
    let resp = out
        .body(body)
        .send()
        .await
        .map_err(|e| Error::connection(format!("kubernetes cluster {name:?} is not reachable: {e}")))?;
    tracing::info!(user = %routed.user, kube = %name, method = %parts.method, path = parts.uri.path(), status = resp.status().as_u16(), "kubernetes request");
    let mut answer = Response::builder().status(resp.status());
    for (k, v) in resp.headers() {
        if !hop_by_hop(k) {
            answer = answer.header(k, v);
        }
    }
    let bytes = resp
        .bytes()
        .await
        .map_err(|e| Error::connection(format!("reading the answer of {name:?}: {e}")))?;
    answer
        .body(Body::from(bytes))
        .map_err(|e| Error::internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use tele_common::api::routes::RouteTarget;
    use tele_common::resources::Role;

    use crate::route::{Resolved, Routed};

    fn role(text: &str) -> Role {
        tele_common::yaml::from_str(&format!("kind: role\nversion: v7\n{text}")).unwrap()
    }

    fn routed(roles: Vec<Role>) -> Routed {
        Routed {
            user: "alice".into(),
            roles,
            target: RouteTarget::KubeCluster { name: "prod".into() },
            resolved: Resolved {
                labels: BTreeMap::from([("env".to_string(), "prod".to_string())]),
                uri: String::new(),
            },
        }
    }

    #[test]
    fn impersonation_follows_the_roles_that_grant_the_cluster() {
        let prod = role(
            "metadata: {name: prod}\nspec:\n  allow:\n    kubernetes_labels: {env: prod}\n    kubernetes_groups: [viewers, admins]\n",
        );
        let dev = role(
            "metadata: {name: dev}\nspec:\n  allow:\n    kubernetes_labels: {env: dev}\n    kubernetes_groups: [devs]\n    kubernetes_users: [dev-user]\n",
        );
        let no_admins = role("metadata: {name: no-admins}\nspec:\n  deny:\n    kubernetes_groups: [admins]\n");
        let who = super::principal(&routed(vec![prod.clone(), dev.clone(), no_admins])).unwrap();
        assert_eq!(who.user, "alice", "no kubernetes_users: the Teleport user");
        assert_eq!(who.groups, ["viewers"], "dev's groups do not apply, denied ones go");

        let as_user = role(
            "metadata: {name: as-user}\nspec:\n  allow:\n    kubernetes_labels: {env: prod}\n    kubernetes_users: [ops]\n",
        );
        let who = super::principal(&routed(vec![prod.clone(), as_user])).unwrap();
        assert_eq!(who.user, "ops");

        let two = role(
            "metadata: {name: two}\nspec:\n  allow:\n    kubernetes_labels: {env: prod}\n    kubernetes_users: [a, b]\n",
        );
        let e = super::principal(&routed(vec![two])).err().unwrap();
        assert!(e.message().contains("please select a user to impersonate"), "{e}");
        let e = super::principal(&routed(vec![dev])).err().unwrap();
        assert!(e.message().contains("does not allow Kubernetes access"), "{e}");
    }
}
