//! Certificates an admin signs: `GenerateUserCerts` for a user (`tctl auth sign --user`,
//! identity files) and `GenerateDatabaseCert` (`tctl auth sign --format=db`).

use std::time::{Duration, SystemTime};

use tele_common::error::{Error, Result};
use tele_common::grpc::convert::{from_go_nanos, from_timestamp};
use tele_common::grpc::wire::proto::user_certs_request::CertUsage;
use tele_common::grpc::wire::proto::{Certs, DatabaseCertRequest, DatabaseCertResponse, UserCertsRequest};
use tele_common::resources::Verb;

use crate::authz::Caller;
use crate::issue;
use crate::server::Server;

/// Teleport's default certificate TTL (`api/defaults` CertDuration).
const DEFAULT_TTL: Duration = Duration::from_secs(12 * 3600);

/// `GenerateUserCerts` for a login's certificates (not single-use): SSH and TLS for the user
/// `Username` names, which an admin may ask for on anyone's behalf (a `user_cert` rule), a
/// user only for themselves.
pub fn user_certs(s: &Server, caller: &Caller, req: UserCertsRequest) -> Result<Certs> {
    if req.usage() != CertUsage::All {
        return Err(Error::not_implemented(
            "this server issues routed certificates (databases, Kubernetes) through the web API",
        ));
    }
    let name = if req.username.is_empty() {
        caller.name().to_string()
    } else {
        req.username.clone()
    };
    if name != caller.name() || matches!(caller, Caller::System { .. }) {
        caller.check("user_cert", Verb::Create)?;
    }
    let row = s
        .store
        .user(&name)?
        .ok_or_else(|| Error::not_found(format!("user {name:?} is not found")))?;
    let ttl = match &req.expires {
        Some(t) => from_timestamp(t)
            .duration_since(SystemTime::now())
            .map_err(|_| Error::bad_parameter("Expires: is in the past"))?,
        None => DEFAULT_TTL,
    };
    // Expires is the client's now + TTL: by the time it arrives, a TTL asked for as "12h" is
    // a moment short; counted up to whole seconds it is 12h again.
    let ttl = Duration::from_secs(ttl.as_secs() + u64::from(ttl.subsec_nanos() > 0));
    let ssh_public_key =
        String::from_utf8(req.ssh_public_key).map_err(|_| Error::bad_parameter("SSHPublicKey: not text"))?;
    let tls_public_key =
        String::from_utf8(req.tls_public_key).map_err(|_| Error::bad_parameter("TLSPublicKey: not text"))?;
    let cert_req = issue::CertRequest {
        ssh_public_key: &ssh_public_key,
        tls_public_key: &tls_public_key,
        ttl,
        login_ip: None,
        extensions: &[],
    };
    let resp = issue::user_certs(s, &row.user, &cert_req)?;
    tracing::info!(user = name, by = caller.name(), "user certificates issued");
    let host_ca = s
        .cas
        .ssh_host_ca()
        .to_openssh()
        .map_err(|e| Error::internal(format!("encoding CA key: {e}")))?;
    Ok(Certs {
        ssh: format!("{}\n", resp.ssh_cert.trim_end()).into_bytes(),
        tls: resp.tls_cert.into_bytes(),
        tlsca_certs: resp.tls_cas.into_iter().map(String::into_bytes).collect(),
        sshca_certs: vec![format!("{host_ca}\n").into_bytes()],
    })
}

/// `GenerateDatabaseCert`: a database server certificate for the request's key, signed by the
/// `db` CA, and the `db_client` CA the database should trust for client certificates.
pub fn database_cert(s: &Server, caller: &Caller, req: DatabaseCertRequest) -> Result<DatabaseCertResponse> {
    caller.check("database_certificate", Verb::Create)?;
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
        return Err(Error::bad_parameter(
            "ServerNames: at least one host name or address is required",
        ));
    }
    let ttl = match from_go_nanos(req.ttl) {
        d if d.is_zero() => DEFAULT_TTL,
        d => d,
    };
    let csr = std::str::from_utf8(&req.csr).map_err(|_| Error::bad_parameter("CSR: not PEM"))?;
    let cert = s.cas.sign_db_csr(csr, &hosts, ttl)?;
    tracing::info!(hosts = ?hosts, by = caller.name(), "database server certificate issued");
    Ok(DatabaseCertResponse {
        cert: cert.into_bytes(),
        ca_certs: vec![s.cas.db_client_ca_pem().as_bytes().to_vec()],
    })
}
