//! Writes the committed seed corpus (`fuzz/corpus/<target>/`) from the project's own encoders:
//! real keys and certificates from the reference server's CAs, messages from the protobuf
//! conversions, JSON from the wire types, files from the writers that make them. Run by
//! `cargo xtask fuzz --seeds` (ignored in plain test runs: it rewrites the corpus).

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tele_common::api::login::{MfaChallenge, MfaResponse};
use tele_common::api::nodes::Node;
use tele_common::api::routes::RouteTarget;
use tele_common::asciicast::{self, Header};
use tele_common::identity::Identity;
use tele_common::keys::{KeyAlgorithm, SshKey, TlsKey};
use tele_common::kube::config::{Credentials, Entry, merge};
use tele_common::profile::Profile;
use tele_common::sshca;
use tele_common::suite::Suite;
use tele_fuzz::{CLUSTER, USER};
use tele_refserver::ca::{Authorities, TlsSubject};
use tele_refserver::store::Store;

// Built with the fuzz targets' instrumentation (`cargo xtask fuzz --seeds`), so it links
// libFuzzer's runtime like them, and libFuzzer wants its entry point.
libfuzzer_sys::fuzz_target!(|_data: &[u8]| {});

// Each section of the corpus in its own file (the crate root of a test is in `tests/`).
#[path = "seeds/grpc.rs"]
mod grpc;
#[path = "seeds/web.rs"]
mod web;

const RESOURCES: &str = "kind: role\nversion: v7\nmetadata:\n  name: access-prod\nspec:\n  options:\n    require_session_mfa: true\n    max_session_ttl: 8h0m0s\n  allow:\n    node_labels:\n      env: prod\n    logins:\n    - jerry\n    rules:\n    - resources: [token]\n      verbs: [list, read]\n  deny: {}\n---\nkind: cluster_auth_preference\nmetadata:\n  name: cluster-auth-preference\nspec:\n  type: local\n  second_factor: \"on\"\n  webauthn:\n    rp_id: example.com\n  connector_name: headless\nversion: v2\n---\nkind: user\nversion: v2\nmetadata:\n  name: alice\nspec:\n  roles: [access-prod]\n  traits:\n    logins: [root]\n---\nkind: token\nversion: v2\nmetadata:\n  name: 0123456789abcdef\n  expires: 2030-01-01T00:00:00Z\nspec:\n  roles: [Node]\n---\nkind: db\nversion: v3\nmetadata:\n  name: prod-pg\n  description: Orders\n  labels: {env: prod}\nspec:\n  protocol: postgres\n  uri: localhost:5432\n---\nkind: kube_cluster\nversion: v3\nmetadata:\n  name: prod-kube\n  labels: {env: prod}\nspec: {}\n";

const TELEPORT_YAML: &str = "version: v3\nteleport:\n  data_dir: /var/lib/teleport\n  log:\n    severity: DEBUG\nauth_service:\n  enabled: true\n  cluster_name: fuzz.example.com\n  tokens:\n  - 'node:0123456789abcdef'\nproxy_service:\n  enabled: true\n  web_listen_addr: 127.0.0.1:3080\n  public_addr: [proxy.fuzz.example.com:443]\n  listen_addr: 127.0.0.1:3023\n";

const STANDIN_KUBECONFIG: &str = "apiVersion: v1\nkind: Config\nclusters:\n- name: up\n  cluster:\n    server: https://127.0.0.1:6443\n    insecure-skip-tls-verify: true\ncontexts:\n- name: up\n  context:\n    cluster: up\n    user: up\ncurrent-context: up\nusers:\n- name: up\n  user:\n    token: abc\n";

struct Corpus(PathBuf);

impl Corpus {
    fn put(&self, target: &str, name: &str, bytes: impl AsRef<[u8]>) {
        let dir = self.0.join(target);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), bytes).unwrap();
    }

    /// A seed whose first byte picks what the target does.
    fn pick(&self, target: &str, name: &str, which: u8, bytes: impl AsRef<[u8]>) {
        let mut data = vec![which];
        data.extend_from_slice(bytes.as_ref());
        self.put(target, name, data);
    }
}

fn join0(parts: &[&[u8]]) -> Vec<u8> {
    parts.join(&0u8)
}

fn json<T: serde::Serialize>(v: &T) -> Vec<u8> {
    serde_json::to_vec_pretty(v).unwrap()
}

fn challenge() -> MfaChallenge {
    let rcr = serde_json::from_value(serde_json::json!({
        "publicKey": {
            "challenge": "AQID",
            "timeout": 60000,
            "rpId": "localhost",
            "allowCredentials": [{"type": "public-key", "id": "CQk"}],
            "userVerification": "discouraged",
            "extensions": {"appid": "https://localhost"}
        }
    }))
    .unwrap();
    MfaChallenge {
        webauthn_challenge: Some(rcr),
        totp_challenge: true,
    }
}

fn assertion() -> MfaResponse {
    let cred = serde_json::from_value(serde_json::json!({
        "id": "Bw",
        "rawId": "Bw",
        "type": "public-key",
        "response": {"authenticatorData": "AQ", "clientDataJSON": "e30", "signature": "Ag", "userHandle": null},
        "extensions": {}
    }))
    .unwrap();
    MfaResponse {
        webauthn: Some(cred),
        totp_code: String::new(),
    }
}

/// One gRPC message frame: no compression, big-endian length, the message.
fn frame(msg: &[u8]) -> Vec<u8> {
    let mut out = vec![0];
    out.extend_from_slice(&(msg.len() as u32).to_be_bytes());
    out.extend_from_slice(msg);
    out
}

/// A `grpc_frames` input: RPC, flags, header lines, body.
fn answer(rpc: u8, flags: u8, fields: &str, body: &[u8]) -> Vec<u8> {
    let mut out = vec![rpc, flags, fields.len() as u8];
    out.extend_from_slice(fields.as_bytes());
    out.extend_from_slice(body);
    out
}

/// A PostgreSQL packet: length (itself included), code, body.
fn pg_packet(code: u32, body: &[u8]) -> Vec<u8> {
    let mut out = ((body.len() + 8) as u32).to_be_bytes().to_vec();
    out.extend_from_slice(&code.to_be_bytes());
    out.extend_from_slice(body);
    out
}

#[test]
#[ignore = "rewrites fuzz/corpus: cargo xtask fuzz --seeds"]
fn write_seeds() {
    // Written over, not cleared: the inputs that once crashed a target stay in its seeds.
    let c = Corpus(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"));

    let data_dir = tempfile::tempdir().unwrap();
    let store = Store::open(data_dir.path()).unwrap();
    let k = Keys::new(Authorities::load_or_create(&store, CLUSTER, Suite::DEFAULT).unwrap());
    files(&c, &k);
    grpc::write(&c, &k, &asciicast_seed());
    web::write(&c, &k);
}

/// The keys and certificates the seeds carry: real ones, from the reference server's CAs and
/// the fixed SSH CA the targets check against.
struct Keys {
    cas: Authorities,
    ssh: SshKey,
    ssh_ecdsa: SshKey,
    tls: TlsKey,
    tls_ed: TlsKey,
    user_cert: String,
    user_ca_line: String,
    host_cert: String,
    tls_cert: String,
    routed: String,
    ca_pem: String,
    host_ca: String,
}

impl Keys {
    fn new(cas: Authorities) -> Self {
        let ssh = SshKey::generate(KeyAlgorithm::Ed25519).unwrap();
        let ssh_ecdsa = SshKey::generate(KeyAlgorithm::EcdsaP256).unwrap();
        let tls = TlsKey::generate(KeyAlgorithm::EcdsaP256).unwrap();
        let tls_ed = TlsKey::generate(KeyAlgorithm::Ed25519).unwrap();
        let ca = tele_fuzz::ssh_ca();
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
        let century = Duration::from_secs(100 * 365 * 86400);
        let mut b = ssh_key::certificate::Builder::new(
            vec![7u8; 32],
            ssh.private().public_key().key_data().clone(),
            now - 60,
            now + century.as_secs(),
        )
        .unwrap();
        b.cert_type(ssh_key::certificate::CertType::User).unwrap();
        b.key_id(USER).unwrap();
        b.valid_principal("root").unwrap();
        b.valid_principal("-teleport-internal-join").unwrap();
        b.extension("permit-pty", "").unwrap();
        b.extension("teleport-roles", r#"{"version":"v1","roles":["access"]}"#)
            .unwrap();
        let user_cert = b.sign(&ca).unwrap().to_openssh().unwrap();
        let user_ca_line = sshca::user_ca_line(ca.public_key(), CLUSTER);
        let host_cert = cas
            .sign_host(ssh.private().public_key(), &["node".into()], None, "Node")
            .unwrap()
            .to_openssh()
            .unwrap();
        let subject = TlsSubject {
            common_name: USER,
            organizations: &["access".to_string()],
            organizational_units: &[],
        };
        let tls_cert = cas.sign_tls_client(&tls.public_pem(), &subject, century).unwrap();
        let route = RouteTarget::Database {
            name: "prod-pg".into(),
            db_user: "alice".into(),
            db_name: "orders".into(),
        };
        let routed = cas
            .sign_tls_route(
                &tls.public_pem(),
                &subject,
                &route,
                Some("key1"),
                Duration::from_secs(3600),
            )
            .unwrap();
        let ca_pem = cas.tls_ca_pem().to_string();
        let host_ca = cas.ssh_host_ca().to_openssh().unwrap();
        Self {
            cas,
            ssh,
            ssh_ecdsa,
            tls,
            tls_ed,
            user_cert,
            user_ca_line,
            host_cert,
            tls_cert,
            routed,
            ca_pem,
            host_ca,
        }
    }
}

/// The node the listings and the join answer name.
fn node() -> Node {
    Node {
        name: "node".into(),
        uuid: "00000000-0000-0000-0000-000000000001".into(),
        addr: "127.0.0.1:22".into(),
        labels: [("env".to_string(), "prod".to_string())].into(),
        version: "17.0.0".into(),
    }
}

/// Seeds of the targets that read files and small protocols.
fn files(c: &Corpus, k: &Keys) {
    let Keys {
        cas,
        ssh,
        ssh_ecdsa,
        tls,
        tls_ed,
        user_cert,
        host_cert,
        tls_cert,
        routed,
        ca_pem,
        ..
    } = k;
    // -- x509 ------------------------------------------------------------------------------------
    c.pick("x509", "ca.pem", 0, &ca_pem);
    c.pick("x509", "user.pem", 0, format!("{tls_cert}{ca_pem}"));
    c.pick("x509", "routed.pem", 0, &routed);
    c.pick("x509", "ca.der", 1, cas.tls_ca_der());
    c.pick("x509", "p256.key", 2, tls.private_pem().expose());
    c.pick("x509", "ed25519.key", 2, tls_ed.private_pem().expose());
    c.pick(
        "x509",
        "client",
        3,
        join0(&[tls_cert.as_bytes(), tls.private_pem().expose().as_bytes()]),
    );

    // -- ssh -------------------------------------------------------------------------------------
    c.pick("ssh", "user-cert", 0, &user_cert);
    c.pick("ssh", "host-cert", 0, &host_cert);
    c.pick("ssh", "ed25519", 1, ssh.to_openssh().unwrap().expose());
    c.pick("ssh", "ecdsa", 1, ssh_ecdsa.to_openssh().unwrap().expose());
    c.pick("ssh", "public", 2, ssh.public_openssh());
    c.pick("ssh", "known_hosts", 3, cas.host_ca_line() + "\n");

    // -- identity files --------------------------------------------------------------------------
    let id = Identity {
        ssh_key: ssh.to_openssh().unwrap().expose().to_string(),
        ssh_cert: user_cert.clone(),
        tls_key: tls.private_pem().expose().to_string(),
        tls_cert: tls_cert.clone(),
        known_hosts: vec![cas.host_ca_line()],
        tls_cas: vec![ca_pem.clone()],
    };
    c.put("identity_file", "identity", id.render());

    // -- profiles, teleport.yaml, small grammars -------------------------------------------------
    let profile = Profile {
        web_proxy_addr: "proxy.fuzz.example.com:443".into(),
        ssh_proxy_addr: "proxy.fuzz.example.com:443".into(),
        tls_routing_enabled: true,
        user: USER.into(),
        cluster: CLUSTER.into(),
        mfa_mode: String::new(),
        key_store: Default::default(),
    };
    let profile_yaml = serde_saphyr::to_string(&profile).unwrap();
    c.pick(
        "profile",
        "profile",
        0,
        join0(&[
            profile_yaml.as_bytes(),
            user_cert.as_bytes(),
            tls_cert.as_bytes(),
            ca_pem.as_bytes(),
        ]),
    );
    c.pick("profile", "teleport.yaml", 1, TELEPORT_YAML);
    c.pick("profile", "duration", 2, "1h30m0.5s");
    c.pick("profile", "time", 2, "2030-01-01T00:00:00Z");
    c.pick("profile", "static-token", 2, "proxy,node:0123456789abcdef");
    c.pick("profile", "addr", 2, "[::1]:3080");

    // -- kubeconfig ------------------------------------------------------------------------------
    let entry = Entry {
        cluster_name: CLUSTER.into(),
        context_name: format!("{CLUSTER}-prod"),
        server: "https://proxy.fuzz.example.com:443".into(),
        tls_server_name: Some("kube-teleport-proxy-alpn.fuzz.example.com".into()),
        ca_pem: ca_pem.clone(),
        credentials: Credentials::Exec {
            command: "/usr/bin/tsh".into(),
            args: vec![
                "kube".into(),
                "credentials".into(),
                "--kube-cluster=prod".into(),
                format!("--teleport-cluster={CLUSTER}"),
            ],
            env: vec![],
        },
    };
    let tsh_written = merge(Some(STANDIN_KUBECONFIG), &entry).unwrap();
    let client_cert = merge(
        None,
        &Entry {
            credentials: Credentials::ClientCert {
                cert_pem: tls_cert.clone(),
                key_pem: tls.private_pem().expose().to_string(),
            },
            ..entry
        },
    )
    .unwrap();
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    c.pick("kubeconfig", "standin", 0, STANDIN_KUBECONFIG);
    c.pick("kubeconfig", "client-cert", 0, &client_cert);
    c.pick("kubeconfig", "spec.kubeconfig", 1, b64.encode(&client_cert));
    c.pick("kubeconfig", "tsh-written", 2, &tsh_written);
    c.pick("kubeconfig", "merge-into", 3, STANDIN_KUBECONFIG);

    // -- asciicast -------------------------------------------------------------------------------
    c.put("asciicast", "written.cast", asciicast_seed());
    c.put(
        "asciicast",
        "events.cast",
        "{\"version\": 2, \"width\": 120, \"height\": 40, \"timestamp\": 1700000000}\n[0.5, \"o\", \"$ \"]\n[1.25, \"i\", \"l\"]\n[2.0, \"r\", \"100x30\"]\n[3.75, \"o\", \"ls\\r\\n\"]\n",
    );

    // -- yaml resources --------------------------------------------------------------------------
    c.put("yaml_resources", "resources.yaml", RESOURCES);

    // -- PostgreSQL startup ----------------------------------------------------------------------
    let startup = pg_packet(196_608, b"user\0alice\0database\0orders\0application_name\0psql\0\0");
    c.put(
        "postgres_startup",
        "ssl-then-startup",
        [pg_packet(80_877_103, &[]), startup.clone()].concat(),
    );
    c.put(
        "postgres_startup",
        "gssenc-then-startup",
        [pg_packet(80_877_104, &[]), startup.clone()].concat(),
    );
    c.put("postgres_startup", "startup", &startup);
    c.put(
        "postgres_startup",
        "cancel",
        pg_packet(80_877_102, &[0, 0, 0, 1, 0, 0, 0, 2]),
    );

    // -- scp -------------------------------------------------------------------------------------
    let session = b"T1700000000 0 1700000000 0\nD0755 0 dir\nC0644 6 a.txt\nhello\n\0C0600 0 empty\n\0E\n\x01scp: /x: No such file or directory\n";
    c.put("scp_records", "records", session);
    c.put("scp_receive", "tree", [&[1u8][..], session].concat());
    c.put("scp_receive", "one-file", b"\0C0644 6 a.txt\nhello\n\0");
}

/// A recording as tsh writes it.
fn asciicast_seed() -> Vec<u8> {
    let header = Header {
        version: 2,
        width: 80,
        height: 24,
        timestamp: 1_700_000_000,
        command: Some("top".into()),
        title: Some("root@node".into()),
    };
    let mut cast = Vec::new();
    let mut w = asciicast::Writer::new(&mut cast, &header).unwrap();
    w.output(b"hello \x1b[1mworld\x1b[0m\r\n").unwrap();
    w.output("☃".as_bytes()).unwrap();
    w.finish().unwrap();
    cast
}
