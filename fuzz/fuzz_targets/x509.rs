//! PEM and X.509 as the suite reads them from the network and from disk (login answers,
//! identity files, `~/.tsh` CAs, kubeconfig data): `tls::parse_certs_pem`, `tls::cert_info`
//! (identity, route and MFA attributes, validity), `tls::ca_pin`, the private key readers, and a
//! TLS client config trusting what was read. The first byte picks the reader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tele_common::keys::{SshKey, TlsKey, pem_label};
use tele_common::tls;

fuzz_target!(|data: &[u8]| {
    let Some((which, data)) = tele_fuzz::dispatch(data) else {
        return;
    };
    match which % 4 {
        0 => {
            let pem = tele_fuzz::text(data);
            if let Ok(certs) = tls::parse_certs_pem(&pem) {
                for der in &certs {
                    if let Ok(info) = tls::cert_info(der) {
                        let _ = info.route.as_ref().map(|r| r.mfa_reason());
                        let _ = tele_common::duration::rfc3339(info.not_after);
                    }
                    let _ = tls::ca_pin(der);
                }
                let _ = tls::client_config(&certs, None, false);
            }
        }
        // A DER certificate as it comes out of a PEM block.
        1 => {
            let _ = tls::cert_info(data);
            let _ = tls::ca_pin(data);
        }
        // Private keys: TLS keys at rest, the one RSA key of an older identity file.
        2 => {
            let pem = tele_fuzz::text(data);
            let _ = pem_label(&pem);
            let _ = tls::parse_key_pem(&pem);
            if let Ok(key) = TlsKey::from_pem(&pem) {
                let _ = key.algorithm();
            }
            if let Ok(key) = SshKey::from_pem(&pem) {
                let _ = key.public_openssh();
            }
        }
        // A client certificate with its key, as an identity file or a kubeconfig gives them.
        _ => {
            let (cert, key) = tele_fuzz::cut(data);
            let (cert, key) = (tele_fuzz::text(cert), tele_fuzz::text(key));
            if let (Ok(chain), Ok(key)) = (tls::parse_certs_pem(&cert), tls::parse_key_pem(&key)) {
                let _ = tls::client_config(&[], Some((chain, key)), true);
            }
        }
    }
});
