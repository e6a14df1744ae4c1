//! SSH certificates and keys as the suite reads them: a login's or single-use certificate
//! (`Certificate::from_openssh`, then `sshca::check_cert` against the user CA), private keys at
//! rest and in identity files (`keys::SshKey`), CA lines of known_hosts (`Home::host_cas`,
//! read from a file in a temporary `~/.tsh`). The first byte picks the reader.
#![no_main]

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use libfuzzer_sys::fuzz_target;
use ssh_key::certificate::CertType;
use ssh_key::{Certificate, PublicKey};
use tele_common::keys::SshKey;
use tele_common::profile::Home;
use tele_common::sshca;

fn ca() -> &'static PublicKey {
    static CA: OnceLock<PublicKey> = OnceLock::new();
    CA.get_or_init(|| tele_fuzz::ssh_ca().public_key().clone())
}

fn home() -> &'static (tempfile::TempDir, Home) {
    static HOME: OnceLock<(tempfile::TempDir, Home)> = OnceLock::new();
    HOME.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temp dir");
        let home = Home::at(dir.path().to_path_buf());
        (dir, home)
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((which, data)) = tele_fuzz::dispatch(data) else {
        return;
    };
    let text = tele_fuzz::text(data);
    match which % 4 {
        0 => {
            if let Ok(cert) = Certificate::from_openssh(text.trim()) {
                let now = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or(0);
                let _ = sshca::check_cert(&cert, ca(), CertType::User, None, now);
                let _ = sshca::check_cert(&cert, ca(), CertType::Host, Some(tele_fuzz::USER), now);
                let _ = cert.to_bytes();
            }
        }
        1 => {
            if let Ok(key) = SshKey::from_openssh(&text) {
                let _ = key.public_openssh();
                let _ = key.signature_hash();
            }
        }
        2 => {
            if let Ok(key) = PublicKey::from_openssh(text.trim()) {
                let _ = sshca::user_ca_line(&key, tele_fuzz::CLUSTER);
                let _ = sshca::host_ca_line(&key, tele_fuzz::CLUSTER, &["proxy"]);
            }
        }
        _ => {
            let (_, home) = home();
            if std::fs::write(home.known_hosts(), text.as_bytes()).is_ok() {
                let _ = home.host_cas();
            }
        }
    }
});
