//! tctl's reads of the cluster's certificate authorities (`teleport.trust.v1`): what `tctl
//! status` shows, the CA pin `tctl tokens add` prints, and `tctl auth export`'s lines.

use std::time::UNIX_EPOCH;

use super::AuthClient;
use super::convert::from_timestamp;
use super::wire::teleport::trust::v1::{GenerateHostCertRequest, GetCertAuthoritiesRequest};
use super::wire::types::CertAuthorityV2;
use crate::api::types::{CaStatus, StatusResponse};
use crate::error::{Error, Result};
use crate::sshca::{self, ExportType};
use crate::tls;

impl AuthClient {
    // -- certificate authorities and certificates -----------------------------------------------

    /// `TrustService.GetCertAuthorities` of one type (`host`, `user`, `db`, ...), without keys.
    pub async fn cert_authorities(&self, kind: &str) -> Result<Vec<CertAuthorityV2>> {
        let req = GetCertAuthoritiesRequest {
            r#type: kind.into(),
            include_key: false,
        };
        let resp = self
            .call("GetCertAuthorities", self.trust().get_cert_authorities(req))
            .await?;
        Ok(resp.cert_authorities_v2)
    }

    /// `TrustService.GenerateHostCert`.
    pub async fn generate_host_cert(&self, req: GenerateHostCertRequest) -> Result<Vec<u8>> {
        let resp = self
            .call("GenerateHostCert", self.trust().generate_host_cert(req))
            .await?;
        Ok(resp.ssh_certificate)
    }

    /// What `tctl auth export` prints, from `TrustService` (the same text as the public
    /// `/webapi/auth/export`): the SSH CAs as `cert-authority` lines, the TLS ones as PEM.
    pub async fn export_cas(&self, kind: Option<ExportType>) -> Result<String> {
        // Each CA names its cluster; no `Ping` is needed for the lines.
        let ssh_lines = |cas: Vec<CertAuthorityV2>, host: bool| -> Result<String> {
            let mut out = String::new();
            for ca in cas {
                let spec = ca.spec.unwrap_or_default();
                let cluster = spec.cluster_name;
                for pair in spec.active_keys.unwrap_or_default().ssh {
                    let text = String::from_utf8(pair.public_key)
                        .map_err(|_| Error::bad_parameter("a CA's SSH key is not text"))?;
                    let key = ssh_key::PublicKey::from_openssh(text.trim())
                        .map_err(|e| Error::bad_parameter(format!("a CA's SSH key does not parse: {e}")))?;
                    let line = if host {
                        sshca::host_ca_line(&key, &cluster, &[])
                    } else {
                        sshca::user_ca_line(&key, &cluster)
                    };
                    out.push_str(&line);
                    out.push('\n');
                }
            }
            Ok(out)
        };
        let tls_pems = |cas: Vec<CertAuthorityV2>| -> Result<String> {
            let mut out = String::new();
            for ca in cas {
                for pair in ca.spec.unwrap_or_default().active_keys.unwrap_or_default().tls {
                    out.push_str(
                        &String::from_utf8(pair.cert)
                            .map_err(|_| Error::bad_parameter("a CA certificate is not PEM"))?,
                    );
                }
            }
            Ok(out)
        };
        Ok(match kind {
            None => {
                ssh_lines(self.cert_authorities("host").await?, true)?
                    + &ssh_lines(self.cert_authorities("user").await?, false)?
            }
            Some(ExportType::User) => ssh_lines(self.cert_authorities("user").await?, false)?,
            Some(ExportType::Openssh) => ssh_lines(self.cert_authorities("openssh").await?, false)?,
            Some(ExportType::Host) => ssh_lines(self.cert_authorities("host").await?, true)?,
            Some(ExportType::TlsHost) => tls_pems(self.cert_authorities("host").await?)?,
            Some(ExportType::TlsUser) => tls_pems(self.cert_authorities("user").await?)?,
            Some(ExportType::Db) => tls_pems(self.cert_authorities("db").await?)?,
            Some(ExportType::DbClient) => tls_pems(self.cert_authorities("db_client").await?)?,
        })
    }

    /// What `tctl status` shows: `Ping` for the name and version, the host and user CAs'
    /// rotation states, and the pins of the host CA's TLS certificates.
    pub async fn status(&self) -> Result<StatusResponse> {
        let ping = self.ping().await?;
        let mut cas = Vec::new();
        let mut ca_pins = Vec::new();
        for kind in ["host", "user"] {
            for ca in self.cert_authorities(kind).await? {
                let spec = ca.spec.unwrap_or_default();
                let rotation = match spec.rotation {
                    Some(r) if !r.state.is_empty() && r.state != "standby" => {
                        format!("rotation {} (phase {})", r.state, r.phase)
                    }
                    Some(r) if r.last_rotated.is_some() => {
                        let at = r.last_rotated.as_ref().map(from_timestamp).unwrap_or(UNIX_EPOCH);
                        format!("rotated {}", crate::duration::rfc3339(at))
                    }
                    _ => "never updated".to_string(),
                };
                cas.push(CaStatus {
                    kind: kind.into(),
                    rotation,
                });
                if kind == "host" {
                    ca_pins.extend(tls_pins(spec.active_keys.unwrap_or_default())?);
                }
            }
        }
        Ok(StatusResponse {
            cluster_name: ping.cluster_name,
            version: ping.server_version,
            cas,
            ca_pins,
        })
    }

    /// The CA pins of the host CA's TLS certificates (what `--ca-pin` takes).
    pub async fn ca_pins(&self) -> Result<Vec<String>> {
        let mut pins = Vec::new();
        for ca in self.cert_authorities("host").await? {
            pins.extend(tls_pins(ca.spec.unwrap_or_default().active_keys.unwrap_or_default())?);
        }
        Ok(pins)
    }
}

/// The pins of a CA's TLS certificates (public for the fuzz targets).
#[doc(hidden)]
pub fn tls_pins(keys: super::wire::types::CaKeySet) -> Result<Vec<String>> {
    let mut pins = Vec::new();
    for pair in keys.tls {
        let pem =
            String::from_utf8(pair.cert).map_err(|_| Error::bad_parameter("a CA's TLS certificate is not PEM"))?;
        for der in tls::parse_certs_pem(&pem)? {
            pins.push(tls::ca_pin(&der)?);
        }
    }
    Ok(pins)
}
