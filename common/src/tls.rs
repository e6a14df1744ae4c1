//! TLS trust: the cluster CA is the only root, client certificates carry the identity, and the CA
//! pin is `sha256:` + hex SHA-256 of the CA certificate's SubjectPublicKeyInfo.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use sha2::{Digest, Sha256};
use x509_parser::prelude::{FromDer, X509Certificate};

use crate::error::{Error, Result};

/// The one crypto provider of the suite (ring), passed explicitly: no process-global state.
pub fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// Reads every certificate of a PEM text.
pub fn parse_certs_pem(pem: &str) -> Result<Vec<CertificateDer<'static>>> {
    let certs: Vec<_> = CertificateDer::pem_slice_iter(pem.as_bytes())
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| Error::bad_parameter(format!("invalid certificate PEM: {e}")))?;
    if certs.is_empty() {
        return Err(Error::bad_parameter("no certificate found in PEM"));
    }
    Ok(certs)
}

/// Reads a private key (PKCS#8, SEC1 or PKCS#1) from PEM.
pub fn parse_key_pem(pem: &str) -> Result<PrivateKeyDer<'static>> {
    PrivateKeyDer::from_pem_slice(pem.as_bytes())
        .map_err(|_| Error::bad_parameter("invalid or missing private key PEM"))
}

/// Builds a client config that trusts only `cas`, presenting `client` (chain and key) if given.
/// With `insecure`, the server's certificate is not checked (like `--insecure`).
pub fn client_config(
    cas: &[CertificateDer<'static>],
    client: Option<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>)>,
    insecure: bool,
) -> Result<ClientConfig> {
    let builder = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::internal(format!("TLS setup: {e}")))?;
    let builder = if insecure {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(NoVerification(provider())))
    } else {
        let mut roots = RootCertStore::empty();
        for ca in cas {
            roots
                .add(ca.clone())
                .map_err(|e| Error::bad_parameter(format!("invalid CA certificate: {e}")))?;
        }
        builder.with_root_certificates(roots)
    };
    let mut config = match client {
        Some((chain, key)) => builder
            .with_client_auth_cert(chain, key)
            .map_err(|e| Error::bad_parameter(format!("invalid client certificate or key: {e}")))?,
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = vec![crate::grpc::routing::HTTP1.to_vec()];
    Ok(config)
}

/// Returns the CA pin of a DER certificate: `sha256:<hex of SHA-256(SubjectPublicKeyInfo)>`.
pub fn ca_pin(cert_der: &[u8]) -> Result<String> {
    let (_, cert) = X509Certificate::from_der(cert_der)
        .map_err(|e| Error::bad_parameter(format!("invalid CA certificate: {e}")))?;
    let spki = cert.tbs_certificate.subject_pki.raw;
    Ok(format!("sha256:{}", hex::encode(Sha256::digest(spki))))
}

/// What the suite reads from an X.509 certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertInfo {
    /// Subject CN: the user (or system identity) name.
    pub common_name: String,
    /// Issuer CN: the cluster's name (Teleport's CAs carry it there).
    pub issuer_common_name: String,
    /// Subject O values: role names.
    pub organizations: Vec<String>,
    /// Subject OU values: identity kind markers.
    pub organizational_units: Vec<String>,
    /// Start of validity.
    pub not_before: SystemTime,
    /// End of validity.
    pub not_after: SystemTime,
    /// The route of a routed certificate (a database or a Kubernetes cluster).
    pub route: Option<crate::api::routes::RouteTarget>,
    /// The MFA device that answered for a per-session certificate.
    pub mfa_verified: Option<String>,
}

/// Reads the identity fields and validity of a DER certificate.
pub fn cert_info(der: &[u8]) -> Result<CertInfo> {
    let (_, cert) =
        X509Certificate::from_der(der).map_err(|e| Error::bad_parameter(format!("invalid certificate: {e}")))?;
    let subject = cert.subject();
    let text = |attr: &x509_parser::x509::AttributeTypeAndValue<'_>| attr.as_str().unwrap_or("").to_string();
    let to_time = |t: x509_parser::time::ASN1Time| {
        let secs = t.timestamp();
        if secs >= 0 {
            SystemTime::UNIX_EPOCH + Duration::from_secs(secs as u64)
        } else {
            SystemTime::UNIX_EPOCH
        }
    };
    let attr = |oid: &[u64]| {
        subject
            .iter_attributes()
            .find(|a| a.attr_type().iter().is_some_and(|arcs| arcs.eq(oid.iter().copied())))
            .map(text)
    };
    use crate::api::routes::{self as r, RouteTarget};
    let route = match (attr(r::OID_DB_SERVICE), attr(r::OID_KUBE_CLUSTER)) {
        (Some(name), _) => Some(RouteTarget::Database {
            name,
            db_user: attr(r::OID_DB_USER).unwrap_or_default(),
            db_name: attr(r::OID_DB_NAME).unwrap_or_default(),
        }),
        (None, Some(name)) => Some(RouteTarget::KubeCluster { name }),
        (None, None) => None,
    };
    Ok(CertInfo {
        route,
        mfa_verified: attr(r::OID_MFA_VERIFIED),
        common_name: subject.iter_common_name().next().map(text).unwrap_or_default(),
        issuer_common_name: cert.issuer().iter_common_name().next().map(text).unwrap_or_default(),
        organizations: subject.iter_organization().map(text).collect(),
        organizational_units: subject.iter_organizational_unit().map(text).collect(),
        not_before: to_time(cert.validity().not_before),
        not_after: to_time(cert.validity().not_after),
    })
}

/// `--insecure`: accepts any server certificate, still checking handshake signatures.
#[derive(Debug)]
struct NoVerification(Arc<CryptoProvider>);

impl ServerCertVerifier for NoVerification {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}
