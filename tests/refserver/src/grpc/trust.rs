//! `teleport.trust.v1.TrustService` (the cluster's certificate authorities, public parts only,
//! and SSH host certificates for `tctl auth sign --host`) and
//! `teleport.clusterconfig.v1.ClusterConfigService` (the cluster auth preference).

use std::sync::Arc;

use ssh_key::PublicKey;
use tele_common::error::{Error, Result};
use tele_common::grpc::convert::{from_proto_duration, metadata_named};
use tele_common::grpc::wire::teleport::clusterconfig::v1::cluster_config_service_server::ClusterConfigService;
use tele_common::grpc::wire::teleport::clusterconfig::v1::{
    GetAuthPreferenceRequest, UpdateAuthPreferenceRequest, UpsertAuthPreferenceRequest,
};
use tele_common::grpc::wire::teleport::trust::v1::trust_service_server::TrustService;
use tele_common::grpc::wire::teleport::trust::v1::{
    GenerateHostCertRequest, GenerateHostCertResponse, GetCertAuthoritiesRequest, GetCertAuthoritiesResponse,
    GetCertAuthorityRequest,
};
use tele_common::grpc::wire::types::{
    AuthPreferenceV2, CaKeySet, CertAuthoritySpecV2, CertAuthorityV2, SshKeyPair, TlsKeyPair,
};
use tele_common::resources::Verb;
use tonic::{Request, Response, Status};

use super::{admin_caller, caller, roles, status};
use crate::authz::Caller;
use crate::server::Server;

/// The CA types this cluster has, in Teleport's order.
const CA_TYPES: [&str; 5] = ["host", "user", "db", "db_client", "openssh"];

/// The two services, over the running server's state.
pub struct TrustSvc {
    s: Arc<Server>,
}

impl TrustSvc {
    /// Serves `s`.
    pub fn new(s: Arc<Server>) -> Self {
        Self { s }
    }
}

type Answer<T> = std::result::Result<Response<T>, Status>;

fn answer<T>(r: Result<T>) -> Answer<T> {
    r.map(Response::new).map_err(|e| status(&e))
}

/// One CA's public parts. Users' and hosts' TLS certificates come from the one TLS CA here;
/// OpenSSH nodes trust the user CA.
fn authority(s: &Server, kind: &str) -> Result<CertAuthorityV2> {
    let cas = &s.cas;
    let ssh = |key: &PublicKey| -> Result<Vec<SshKeyPair>> {
        let line = key
            .to_openssh()
            .map_err(|e| Error::internal(format!("encoding CA key: {e}")))?;
        Ok(vec![SshKeyPair {
            public_key: format!("{line}\n").into_bytes(),
            ..SshKeyPair::default()
        }])
    };
    let tls = |pem: &str| {
        vec![TlsKeyPair {
            cert: pem.as_bytes().to_vec(),
            ..TlsKeyPair::default()
        }]
    };
    let keys = match kind {
        "host" => CaKeySet {
            ssh: ssh(cas.ssh_host_ca())?,
            tls: tls(cas.tls_ca_pem()),
        },
        "user" => CaKeySet {
            ssh: ssh(cas.ssh_user_ca())?,
            tls: tls(cas.tls_ca_pem()),
        },
        "openssh" => CaKeySet {
            ssh: ssh(cas.ssh_user_ca())?,
            tls: Vec::new(),
        },
        "db" => CaKeySet {
            ssh: Vec::new(),
            tls: tls(cas.db_ca_pem()),
        },
        "db_client" => CaKeySet {
            ssh: Vec::new(),
            tls: tls(cas.db_client_ca_pem()),
        },
        other => {
            return Err(Error::bad_parameter(format!(
                "{other:?} authority type is not supported"
            )));
        }
    };
    Ok(CertAuthorityV2 {
        kind: "cert_authority".into(),
        sub_kind: kind.into(),
        version: "v2".into(),
        metadata: Some(metadata_named(cas.cluster())),
        spec: Some(CertAuthoritySpecV2 {
            r#type: kind.into(),
            cluster_name: cas.cluster().into(),
            rotation: None,
            active_keys: Some(keys),
            additional_trusted_keys: None,
        }),
    })
}

fn check_read(caller: &Caller, include_key: bool) -> Result<()> {
    if include_key {
        return Err(Error::access_denied("this server never hands out CA private keys"));
    }
    caller.check("cert_authority", Verb::Read)
}

/// Signs an SSH host certificate; a zero TTL never expires (as Teleport's `tctl auth sign
/// --host`).
fn host_cert(s: &Server, caller: &Caller, req: GenerateHostCertRequest) -> Result<GenerateHostCertResponse> {
    caller.check("host_cert", Verb::Create)?;
    let key = std::str::from_utf8(&req.key)
        .ok()
        .and_then(|k| PublicKey::from_openssh(k.trim()).ok())
        .ok_or_else(|| Error::bad_parameter("key: not an authorized_keys public key"))?;
    if !req.cluster_name.is_empty() && req.cluster_name != s.cas.cluster() {
        return Err(Error::bad_parameter(format!(
            "cluster_name: {:?} is not this cluster",
            req.cluster_name
        )));
    }
    let principals: Vec<String> = req
        .principals
        .iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if principals.is_empty() {
        return Err(Error::bad_parameter(
            "principals: at least one host name or address is required",
        ));
    }
    if let Some(p) = principals.iter().find(|p| p.contains('*')) {
        return Err(Error::bad_parameter(format!(
            "principals: {p:?}: wildcard certificates are not supported by OpenSSH"
        )));
    }
    let ttl = req.ttl.as_ref().map(from_proto_duration).filter(|d| !d.is_zero());
    let role = if req.role.is_empty() { "Node" } else { req.role.as_str() };
    let cert = s.cas.sign_host(&key, &principals, ttl, role)?;
    tracing::info!(principals = ?principals, by = caller.name(), "host certificate issued");
    let text = cert
        .to_openssh()
        .map_err(|e| Error::internal(format!("encoding certificate: {e}")))?;
    Ok(GenerateHostCertResponse {
        ssh_certificate: format!("{text}\n").into_bytes(),
    })
}

#[tonic::async_trait]
impl TrustService for TrustSvc {
    async fn get_cert_authority(&self, req: Request<GetCertAuthorityRequest>) -> Answer<CertAuthorityV2> {
        let call = caller(&self.s, &req)?;
        let req = req.into_inner();
        answer((|| {
            check_read(&call.who, req.include_key)?;
            if !req.domain.is_empty() && req.domain != self.s.cas.cluster() {
                return Err(Error::not_found(format!(
                    "{} CA of cluster {:?} is not found",
                    req.r#type, req.domain
                )));
            }
            authority(&self.s, &req.r#type)
        })())
    }

    async fn get_cert_authorities(
        &self,
        req: Request<GetCertAuthoritiesRequest>,
    ) -> Answer<GetCertAuthoritiesResponse> {
        let call = caller(&self.s, &req)?;
        let req = req.into_inner();
        answer((|| {
            check_read(&call.who, req.include_key)?;
            let kinds: Vec<&str> = if req.r#type.is_empty() {
                CA_TYPES.to_vec()
            } else {
                vec![req.r#type.as_str()]
            };
            let cert_authorities_v2 = kinds
                .into_iter()
                .map(|k| authority(&self.s, k))
                .collect::<Result<_>>()?;
            Ok(GetCertAuthoritiesResponse { cert_authorities_v2 })
        })())
    }

    async fn generate_host_cert(&self, req: Request<GenerateHostCertRequest>) -> Answer<GenerateHostCertResponse> {
        let call = caller(&self.s, &req)?;
        answer(host_cert(&self.s, &call.who, req.into_inner()))
    }
}

#[tonic::async_trait]
impl ClusterConfigService for TrustSvc {
    async fn get_auth_preference(&self, req: Request<GetAuthPreferenceRequest>) -> Answer<AuthPreferenceV2> {
        let call = caller(&self.s, &req)?;
        answer(roles::get_cap(&self.s, &call.who))
    }

    async fn update_auth_preference(&self, req: Request<UpdateAuthPreferenceRequest>) -> Answer<AuthPreferenceV2> {
        let call = admin_caller(&self.s, &req)?;
        answer(roles::put_cap(&self.s, &call.who, req.into_inner().auth_preference))
    }

    async fn upsert_auth_preference(&self, req: Request<UpsertAuthPreferenceRequest>) -> Answer<AuthPreferenceV2> {
        let call = admin_caller(&self.s, &req)?;
        answer(roles::put_cap(&self.s, &call.who, req.into_inner().auth_preference))
    }
}
