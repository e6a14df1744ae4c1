//! Starting the reference server: lock the data dir, open the store, load the CAs, apply the
//! bootstrap on first start, write the admin identity, serve until SIGTERM.

use std::fs::{DirBuilder, File, OpenOptions, TryLockError};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use tele_common::config::ADMIN_IDENTITY_FILE;
use tele_common::error::{Error, Result, io_error};
use tele_common::grpc::routing;
use tele_common::identity::Identity;
use tele_common::resources::{AuthPreference, AuthPreferenceSpec, LabelValues, Resource, Role, RoleSpec, Rule, Verb};
use tele_common::suite::Suite;

use crate::ca::{ADMIN_ROLE, Authorities, SYSTEM_OU, TlsSubject};
use crate::issue::JOIN_PRINCIPAL;
use crate::settings::Settings;
use crate::store::Store;

/// How long the admin identity in the data dir is valid; it is renewed at every start.
const ADMIN_IDENTITY_TTL: Duration = Duration::from_secs(365 * 24 * 3600);

/// The running server's state.
pub struct Server {
    /// Resolved settings.
    pub settings: Settings,
    /// The database.
    pub store: Store,
    /// The CAs.
    pub cas: Authorities,
    /// Wakes requesters waiting for a headless login decision.
    pub headless_changed: tokio::sync::Notify,
    /// MFA answers `tsh db exec` may present again for five minutes.
    pub reusable_answers: crate::route::ReusableAnswers,
    /// Password guesses being checked now (the lockout's count of them).
    pub guesses: crate::lockout::Guesses,
    /// Password checks waiting or running, by client address.
    pub addresses: crate::lockout::Addresses,
}

impl Server {
    /// The cluster auth preference (stored, else the default).
    pub fn cap(&self) -> Result<AuthPreference> {
        Ok(self
            .store
            .cap()?
            .unwrap_or_else(|| AuthPreference::new(AuthPreferenceSpec::default())))
    }
}

/// Opens the data dir and everything in it. The returned lock file must live as long as the
/// server: it keeps a second instance off the same data dir.
pub fn open(settings: Settings, bootstrap: Vec<Resource>) -> Result<(Server, File)> {
    check_bootstrap(&bootstrap)?;
    let data_dir = settings.data_dir.clone();
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&data_dir)
        .map_err(|e| io_error("creating data dir", &data_dir, e))?;
    let lock = lock_data_dir(&data_dir)?;
    let store = Store::open(&data_dir)?;
    match store.meta("cluster_name")? {
        None => store.set_meta("cluster_name", &settings.cluster_name)?,
        Some(existing) if existing != settings.cluster_name => {
            return Err(Error::bad_parameter(format!(
                "{}: auth_service.cluster_name is {:?}, but {} belongs to cluster {existing:?}",
                settings.config_path.display(),
                settings.cluster_name,
                data_dir.display()
            ))
            .with_hint("a cluster's name cannot change; use another data_dir for a new cluster"));
        }
        Some(_) => {}
    }
    let suite = cluster_suite(&settings, &store, &bootstrap)?;
    let cas = Authorities::load_or_create(&store, &settings.cluster_name, suite)?;
    if store.is_fresh() {
        for role in builtin_roles() {
            store.put_role(&role, true)?;
        }
        apply(&store, bootstrap)?;
    }
    let mut cap = match &settings.config.auth_service.authentication {
        Some(spec) => AuthPreference::new(spec.clone()),
        None => store
            .cap()?
            .unwrap_or_else(|| AuthPreference::new(AuthPreferenceSpec::default())),
    };
    cap.spec.signature_algorithm_suite = Some(suite);
    store.put_cap(&cap)?;
    let server = Server {
        settings,
        store,
        cas,
        headless_changed: tokio::sync::Notify::new(),
        reusable_answers: Default::default(),
        guesses: Default::default(),
        addresses: Default::default(),
    };
    write_admin_identity(&server)?;
    Ok((server, lock))
}

/// The cluster's signature algorithm suite, as Teleport settles it: the config's, else the
/// one stored (a cluster keeps its suite), else the bootstrap cap's, else `balanced-v1`, the
/// default of a new cluster. It decides only the CAs made now; existing ones stay.
fn cluster_suite(settings: &Settings, store: &Store, bootstrap: &[Resource]) -> Result<Suite> {
    let from_bootstrap = || {
        bootstrap.iter().find_map(|r| match r {
            Resource::AuthPreference(cap) if store.is_fresh() => cap.spec.signature_algorithm_suite,
            _ => None,
        })
    };
    let suite = settings
        .config
        .auth_service
        .authentication
        .as_ref()
        .and_then(|a| a.signature_algorithm_suite)
        .or(store.cap()?.and_then(|c| c.spec.signature_algorithm_suite))
        .or_else(from_bootstrap)
        .unwrap_or(Suite::DEFAULT);
    suite.ca_keys().map_err(|e| e.context("signature_algorithm_suite"))?;
    Ok(suite)
}

fn lock_data_dir(data_dir: &Path) -> Result<File> {
    let path = data_dir.join("refserver.lock");
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(&path)
        .map_err(|e| io_error("opening lock file", &path, e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(Error::already_exists(format!(
            "another refserver is already running with data_dir {}",
            data_dir.display()
        ))
        .with_hint("stop it first, or give this one another teleport.data_dir")),
        Err(TryLockError::Error(e)) => Err(io_error("locking", &path, e)),
    }
}

/// The preset roles every new cluster has (Teleport's `access` and `editor`).
fn builtin_roles() -> Vec<Role> {
    let any = || [("*".to_string(), LabelValues::One("*".into()))].into_iter().collect();
    let mut access = RoleSpec::default();
    access.allow.logins = vec!["{{internal.logins}}".into()];
    access.allow.node_labels = any();
    access.allow.db_labels = any();
    access.allow.kubernetes_labels = any();
    access.options.forward_agent = Some(true);
    let mut editor = RoleSpec::default();
    editor.allow.rules = vec![Rule {
        resources: vec!["*".into()],
        verbs: vec![Verb::All],
    }];
    vec![Role::new("access", access), Role::new("editor", editor)]
}

/// Checks bootstrap resources before anything is written, so a bad file leaves no half-made
/// data dir behind.
fn check_bootstrap(resources: &[Resource]) -> Result<()> {
    let mut roles: Vec<String> = builtin_roles().into_iter().map(|r| r.metadata.name).collect();
    for r in resources {
        if let Resource::Role(role) = r {
            if role.metadata.name == ADMIN_ROLE {
                return Err(Error::bad_parameter(format!(
                    "bootstrap: role {ADMIN_ROLE:?} is a reserved system role"
                )));
            }
            roles.push(role.metadata.name.clone());
        }
    }
    for r in resources {
        if let Resource::User(user) = r
            && let Some(missing) = user.spec.roles.iter().find(|role| !roles.contains(role))
        {
            return Err(Error::bad_parameter(format!(
                "bootstrap: user {:?}: role {missing:?} is not found",
                user.metadata.name
            )));
        }
    }
    Ok(())
}

/// Applies bootstrap resources: roles first, then users, the cap and tokens.
fn apply(store: &Store, resources: Vec<Resource>) -> Result<()> {
    let mut ordered = resources;
    ordered.sort_by_key(|r| match r {
        Resource::Role(_) => 0,
        Resource::User(_) => 1,
        Resource::AuthPreference(_) => 2,
        Resource::Token(_) => 3,
        Resource::Database(_) | Resource::KubeCluster(_) => 4,
    });
    let mut tokens = Vec::new();
    for r in ordered {
        match r {
            Resource::Role(role) => {
                store.put_role(&role, true)?;
            }
            Resource::User(user) => {
                store.put_user(&user, true)?;
            }
            Resource::AuthPreference(cap) => store.put_cap(&cap)?,
            Resource::Database(db) => {
                store.put_database(&db, true)?;
            }
            Resource::KubeCluster(kube) => {
                store.put_kube_cluster(&kube, true)?;
            }
            Resource::Token(t) => tokens.push(crate::store::TokenRow {
                name: t.metadata.name,
                roles: t.spec.roles,
                labels: t.metadata.labels,
                expires: t.metadata.expires,
            }),
        }
    }
    store.put_tokens(&tokens, std::time::SystemTime::now())
}

/// Writes `data_dir/admin.identity` (0600): what `tctl -c teleport.yaml` uses on this host.
fn write_admin_identity(s: &Server) -> Result<()> {
    let (ssh_alg, tls_alg) = Suite::user_keys(s.cap()?.spec.signature_algorithm_suite);
    let (ssh, tls) = tele_common::keys::generate_pair(ssh_alg, tls_alg)?;
    let roles = vec![ADMIN_ROLE.to_string()];
    let subject = TlsSubject {
        common_name: "admin",
        organizations: &roles,
        organizational_units: &[SYSTEM_OU],
    };
    let tls_cert = s.cas.sign_tls_client(&tls.public_pem(), &subject, ADMIN_IDENTITY_TTL)?;
    let ssh_cert = s.cas.sign_user(
        ssh.private().public_key(),
        "admin",
        &[JOIN_PRINCIPAL.into()],
        ADMIN_IDENTITY_TTL,
        &[],
    )?;
    let id = Identity {
        ssh_key: ssh.to_openssh()?.expose().to_string(),
        ssh_cert: ssh_cert.to_openssh().map_err(|e| Error::internal(e.to_string()))?,
        tls_key: tls.private_pem().expose().to_string(),
        tls_cert,
        known_hosts: vec![s.cas.host_ca_line()],
        tls_cas: vec![s.cas.tls_ca_pem().to_string()],
    };
    let path = s.settings.data_dir.join(ADMIN_IDENTITY_FILE);
    write_private(&path, id.render().as_bytes())
}

/// Writes a file readable only by its owner, replacing it atomically.
pub fn write_private(path: &Path, data: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp");
    let mut f = OpenOptions::new()
        .create(true)
        .truncate(true)
        .write(true)
        .mode(0o600)
        .open(&tmp)
        .map_err(|e| io_error("writing", &tmp, e))?;
    f.write_all(data)
        .and_then(|()| f.sync_all())
        .map_err(|e| io_error("writing", &tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| io_error("writing", path, e))
}

/// Serves the web listener until SIGTERM or SIGINT.
pub async fn serve(server: Server) -> Result<()> {
    // Registered before any listener exists: a SIGTERM that comes as soon as the port answers
    // must find the handler, not the default action (death by signal).
    use tokio::signal::unix::{SignalKind, signal};
    let term = signal(SignalKind::terminate()).map_err(|e| Error::internal(format!("cannot watch SIGTERM: {e}")))?;
    let int = signal(SignalKind::interrupt()).map_err(|e| Error::internal(format!("cannot watch SIGINT: {e}")))?;
    // The web names, and the names Teleport's own servers answer to: the Auth service is
    // dialed as `<hex(cluster)>.teleport.cluster.local` through the web port.
    let mut names = server.settings.server_names();
    // Kubernetes is routed by `kube-teleport-proxy-alpn.<web host>` (`.teleport.cluster.local`
    // for localhost and addresses, which the wildcard below covers).
    let kube: Vec<String> = names
        .iter()
        .filter(|n| n.parse::<std::net::IpAddr>().is_err() && *n != "localhost")
        .map(|n| routing::kube_server_name(n))
        .collect();
    names.extend(kube);
    names.push(format!("*.{}", routing::CLUSTER_LOCAL));
    names.push(routing::CLUSTER_LOCAL.to_string());
    let (cert_pem, key_pem) = server.cas.server_identity(&names, ADMIN_IDENTITY_TTL)?;
    let tls = crate::tlsconf::server_config(
        &cert_pem,
        &key_pem,
        server.cas.tls_ca_der(),
        &server.settings.cluster_name,
    )?;
    let addr = server.settings.web_listen_addr.clone();
    let listener = std::net::TcpListener::bind(&addr)
        .map_err(|e| Error::bad_parameter(format!("cannot listen on {addr} (proxy_service.web_listen_addr): {e}")))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Error::internal(e.to_string()))?;
    let local = listener.local_addr().map_err(|e| Error::internal(e.to_string()))?;
    let handle = axum_server::Handle::new();
    let server = Arc::new(server);
    let ssh = crate::ssh::shared(server.clone())?;
    if let Some(listener) = crate::ssh::bind(ssh.clone()).await? {
        tokio::spawn(listener);
    }
    let routes = Arc::new(crate::tlsconf::Routes {
        server: server.clone(),
        grpc: crate::grpc::start(server.clone()),
        ssh,
    });
    let app = crate::web::router(server.clone());
    let limits = server.settings.timeouts;
    let config = axum_server::tls_rustls::RustlsConfig::from_config(Arc::new(tls));
    let acceptor = crate::tlsconf::Routing::new(
        axum_server::tls_rustls::RustlsAcceptor::new(config).handshake_timeout(limits.handshake),
        routes,
    );
    let mut server = axum_server::from_tcp(listener)
        .map_err(|e| Error::internal(e.to_string()))?
        .acceptor(acceptor)
        .handle(handle.clone())
        .first_request_timeout(limits.first_request)
        .accept_error_handler(|peer, e| match peer {
            // The listener's own errors (out of descriptors): axum-server backs off 50 ms.
            None => tracing::warn!("web accept: {e}"),
            Some(peer) => tracing::debug!(%peer, "connection not served: {e}"),
        });
    let http = server.http_builder();
    http.http1().header_read_timeout(limits.first_request);
    http.http2()
        .keep_alive_interval(limits.idle / 2)
        .keep_alive_timeout(Duration::from_secs(20).min(limits.idle));
    tokio::spawn(shutdown_on_signal(handle, term, int));
    tracing::info!(addr = %local, "web listener ready");
    server
        .serve(app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .await
        .map_err(|e| Error::internal(format!("web listener: {e}")))?;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_on_signal(
    handle: axum_server::Handle<std::net::SocketAddr>,
    mut term: tokio::signal::unix::Signal,
    mut int: tokio::signal::unix::Signal,
) {
    tokio::select! {
        _ = term.recv() => tracing::info!("SIGTERM: shutting down"),
        _ = int.recv() => tracing::info!("SIGINT: shutting down"),
    }
    handle.graceful_shutdown(Some(Duration::from_secs(5)));
}
