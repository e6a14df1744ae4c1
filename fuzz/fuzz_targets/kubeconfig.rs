//! Kubeconfig files: the server's upstream (`Upstream::from_base64` of a `kube_cluster`'s
//! `spec.kubeconfig`, `Upstream::from_yaml`), and the user's file that tsh reads and rewrites
//! (`current_context`, `tsh_context`, `merge`, `remove_teleport`). The first byte picks the
//! reader; the rest is the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tele_common::kube::config::{
    Credentials, Entry, Upstream, context_name, current_context, merge, remove_teleport, tsh_context,
};

fn entry() -> Entry {
    Entry {
        cluster_name: tele_fuzz::CLUSTER.into(),
        context_name: context_name(tele_fuzz::CLUSTER, "prod"),
        server: "https://proxy.fuzz.example.com:443".into(),
        tls_server_name: Some("kube-teleport-proxy-alpn.fuzz.example.com".into()),
        ca_pem: "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n".into(),
        credentials: Credentials::Exec {
            command: "/usr/bin/tsh".into(),
            args: vec!["kube".into(), "credentials".into(), "--kube-cluster=prod".into()],
            env: vec![("TELEPORT_HOME".into(), "/tmp/tsh".into())],
        },
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((which, data)) = tele_fuzz::dispatch(data) else {
        return;
    };
    let text = tele_fuzz::text(data);
    match which % 4 {
        0 => {
            let _ = Upstream::from_yaml(&text);
        }
        1 => {
            let _ = Upstream::from_base64(&text);
        }
        // `tsh kube ls`, `tsh proxy kube`: which of tsh's contexts is current.
        2 => {
            if let Some(current) = current_context(&text) {
                let _ = tsh_context(&text, &current);
            }
            let _ = remove_teleport(&text, tele_fuzz::CLUSTER);
        }
        // `tsh kube login`: the entry merged in; the result must read back.
        _ => {
            if let Ok(merged) = merge(Some(&text), &entry()) {
                let current = current_context(&merged);
                assert_eq!(current.as_deref(), Some(entry().context_name.as_str()), "{merged}");
            }
        }
    }
});
