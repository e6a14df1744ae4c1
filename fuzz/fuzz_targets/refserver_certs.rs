//! The reference server's certificate authorities given what requests carry: public keys
//! (authorized_keys lines, PKIX PEM), certificate requests (PEM), names and TTLs, derived from
//! the decoded request as the handlers derive them (`grpc/trust.rs` `GenerateHostCert`,
//! `grpc/sign.rs` `GenerateDatabaseCert`, the login's TLS key, routed certificates). The CAs
//! are made once per process in a temporary data dir. The first byte picks the request.
#![no_main]

use std::sync::OnceLock;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use prost::Message;
use tele_common::api::routes::RouteTarget;
use tele_common::grpc::convert::{from_go_nanos, from_proto_duration};
use tele_common::grpc::wire::proto::DatabaseCertRequest;
use tele_common::grpc::wire::teleport::trust::v1::GenerateHostCertRequest;
use tele_common::suite::Suite;
use tele_refserver::ca::{Authorities, TlsSubject};
use tele_refserver::store::Store;

/// What `grpc/sign.rs` gives a database certificate that asks for no TTL.
const DEFAULT_TTL: Duration = Duration::from_secs(12 * 3600);

fn cas() -> &'static Authorities {
    static CAS: OnceLock<(tempfile::TempDir, Authorities)> = OnceLock::new();
    &CAS.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temp dir");
        let store = Store::open(dir.path()).expect("the store");
        let cas = Authorities::load_or_create(&store, tele_fuzz::CLUSTER, Suite::DEFAULT).expect("the CAs");
        (dir, cas)
    })
    .1
}

fn subject() -> TlsSubject<'static> {
    TlsSubject {
        common_name: tele_fuzz::USER,
        organizations: &[],
        organizational_units: &[],
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((which, data)) = tele_fuzz::dispatch(data) else {
        return;
    };
    let cas = cas();
    match which % 5 {
        // `TrustService.GenerateHostCert` (tctl auth sign --host): a zero TTL never expires.
        0 => {
            let Ok(req) = GenerateHostCertRequest::decode(data) else {
                return;
            };
            let Some(key) = std::str::from_utf8(&req.key)
                .ok()
                .and_then(|k| ssh_key::PublicKey::from_openssh(k.trim()).ok())
            else {
                return;
            };
            let principals: Vec<String> = req
                .principals
                .iter()
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect();
            if principals.is_empty() || principals.iter().any(|p| p.contains('*')) {
                return;
            }
            let ttl = req.ttl.as_ref().map(from_proto_duration).filter(|d| !d.is_zero());
            let role = if req.role.is_empty() { "Node" } else { req.role.as_str() };
            if let Ok(cert) = cas.sign_host(&key, &principals, ttl, role) {
                let _ = cert.to_openssh();
            }
        }
        // `GenerateDatabaseCert` (tctl auth sign --format=db): a CSR and host names.
        1 => {
            let Ok(req) = DatabaseCertRequest::decode(data) else {
                return;
            };
            let mut hosts: Vec<String> = req
                .server_names
                .iter()
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty())
                .collect();
            if hosts.is_empty() && !req.server_name.trim().is_empty() {
                hosts.push(req.server_name.trim().to_string());
            }
            if hosts.is_empty() {
                return;
            }
            let ttl = match from_go_nanos(req.ttl) {
                d if d.is_zero() => DEFAULT_TTL,
                d => d,
            };
            if let Ok(csr) = std::str::from_utf8(&req.csr) {
                let _ = cas.sign_db_csr(csr, &hosts, ttl);
            }
        }
        // A login's TLS public key (PKIX PEM), its TTL within the roles' limit.
        2 => {
            let pem = tele_fuzz::text(data);
            let _ = cas.sign_tls_client(&pem, &subject(), Duration::from_secs(3600));
        }
        // A routed certificate: the key and the route's names.
        3 => {
            let (pem, names) = tele_fuzz::cut(data);
            let (name, db_user) = tele_fuzz::cut(names);
            let route = RouteTarget::Database {
                name: tele_fuzz::text(name),
                db_user: tele_fuzz::text(db_user),
                db_name: String::new(),
            };
            let _ = cas.sign_tls_route(
                &tele_fuzz::text(pem),
                &subject(),
                &route,
                Some("key"),
                Duration::from_secs(60),
            );
        }
        // The web listener's own certificate for the names `teleport.yaml` gives (DNS names or
        // IP addresses).
        _ => {
            let names: Vec<String> = data.split(|&b| b == b',').map(tele_fuzz::text).collect();
            let _ = cas.server_identity(&names, DEFAULT_TTL);
        }
    }
});
