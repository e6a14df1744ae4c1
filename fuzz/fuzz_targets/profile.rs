//! What tsh and tctl read from disk besides identity files: a profile in `~/.tsh`
//! (`Home::load` of `<proxy>.yaml`, then `Session::load` of its certificates and what
//! `tsh status` shows of them), `teleport.yaml` (`config::FileConfig::parse`, tctl `-c` and the
//! server), and the small grammars inside them (Go durations, RFC 3339 times, addresses,
//! static tokens). The first byte picks the reader.
//!
//! A profile input is `yaml \0 ssh certificate \0 TLS certificate \0 CA PEM`, written into a
//! temporary home under the names the profile gives.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tele_common::config::{FileConfig, StaticToken, split_host_port};
use tele_common::profile::{Home, Session, proxy_host};
use tele_common::{duration, yaml};

fn home() -> &'static (tempfile::TempDir, Home) {
    static HOME: OnceLock<(tempfile::TempDir, Home)> = OnceLock::new();
    HOME.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temp dir");
        let home = Home::at(dir.path().to_path_buf());
        (dir, home)
    })
}

/// A file name the profile gives, when it stays inside the home.
fn safe(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains('/') && !name.contains('\0') && name.len() < 100
}

fn write(path: &std::path::Path, bytes: &[u8]) -> bool {
    let Some(dir) = path.parent() else { return false };
    std::fs::create_dir_all(dir).is_ok() && std::fs::write(path, bytes).is_ok()
}

fn profile(data: &[u8]) {
    let (yaml_text, rest) = tele_fuzz::cut(data);
    let (ssh_cert, rest) = tele_fuzz::cut(rest);
    let (tls_cert, cas) = tele_fuzz::cut(rest);
    let (dir, home) = home();
    // The profile file under a fixed name; its fields name the rest.
    let _ = std::fs::remove_dir_all(dir.path());
    if !write(&dir.path().join("p.yaml"), yaml_text) {
        return;
    }
    let Ok(Some(profile)) = home.load("p") else {
        return;
    };
    let name = profile.name();
    if !(safe(&name) && safe(&profile.user) && safe(&profile.cluster)) {
        return;
    }
    let paths = home.keys(&name, &profile.user);
    if !(write(&paths.ssh_cert(&profile.cluster), ssh_cert)
        && write(&paths.tls_cert(), tls_cert)
        && write(&paths.ca(&profile.cluster), cas))
    {
        return;
    }
    if let Ok(session) = Session::load(home, profile) {
        let _ = session.roles();
        let _ = session.logins();
        let _ = session.extensions();
        let _ = duration::rfc3339(session.valid_until());
        let _ = session.public_tls_config(false);
        let _ = tele_common::tls::parse_certs_pem(&session.certs.tls_cert)
            .and_then(|certs| tele_common::tls::cert_info(&certs[0]));
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((which, data)) = tele_fuzz::dispatch(data) else {
        return;
    };
    match which % 4 {
        0 => profile(data),
        1 => {
            let text = tele_fuzz::text(data);
            if let Ok(config) = FileConfig::parse(&text) {
                let _ = config.cluster_name();
                let _ = config.public_web_addr();
                let _ = config.ssh_listen_addr();
                let _ = config.admin_identity_path();
            }
        }
        2 => {
            let text = tele_fuzz::text(data);
            if let Ok(d) = duration::parse(&text) {
                let _ = (duration::format(d), duration::format_short(d));
            }
            if let Ok(t) = duration::parse_rfc3339(&text) {
                let _ = (duration::rfc3339(t), duration::rfc822(t));
            }
            let _ = split_host_port(&text);
            let _ = proxy_host(&text);
            let _ = tele_common::admin::normalize_addr(&text);
            if let Ok(token) = StaticToken::parse(&text) {
                let _ = token.roles;
            }
        }
        _ => {
            let text = tele_fuzz::text(data);
            let _ = yaml::parse_value(&text);
        }
    }
});
