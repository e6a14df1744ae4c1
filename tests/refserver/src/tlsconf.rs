//! The web listener's TLS: the server certificate from the cluster CA, client certificates
//! optional (the `/webapi` endpoints need none) but verified against the cluster CA when given.

use std::sync::Arc;

use rustls::RootCertStore;
use rustls::pki_types::CertificateDer;
use rustls::server::WebPkiClientVerifier;
use tele_common::error::{Error, Result};
use tele_common::tls;

/// Builds the listener's config.
pub fn server_config(cert_pem: &str, key_pem: &str, ca_der: &[u8]) -> Result<rustls::ServerConfig> {
    let provider = tls::provider();
    let mut roots = RootCertStore::empty();
    roots
        .add(CertificateDer::from(ca_der.to_vec()))
        .map_err(|e| Error::internal(format!("CA certificate: {e}")))?;
    let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider.clone())
        .allow_unauthenticated()
        .build()
        .map_err(|e| Error::internal(format!("client verifier: {e}")))?;
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::internal(e.to_string()))?
        .with_client_cert_verifier(verifier)
        .with_single_cert(tls::parse_certs_pem(cert_pem)?, tls::parse_key_pem(key_pem)?)
        .map_err(|e| Error::internal(format!("server certificate: {e}")))?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}
