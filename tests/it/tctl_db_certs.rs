//! `tctl auth sign --format=db` and `tctl auth export --type=db|db-client`, ending in a real
//! PostgreSQL that presents the signed server certificate and accepts only client certificates
//! from the database client CA (the certificates the database proxy will present).

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tele_refserver::ca::Authorities;
use tele_refserver::store::Store;
use tele_test_support::{Output, Postgres, RefServer, require_program, run};
use x509_parser::prelude::*;

use crate::tctl;

/// `tctl auth sign --format=db --host=localhost,127.0.0.1 --out=<dir>/server [extra]`.
fn sign_db(srv: &RefServer, extra: &[&str]) -> (PathBuf, Output) {
    let out = srv.dir().join("server");
    let out_arg = format!("--out={}", out.display());
    let mut args = vec!["auth", "sign", "--format=db", "--host=localhost,127.0.0.1", &out_arg];
    args.extend_from_slice(extra);
    let result = srv.tctl(tctl(), &args);
    (out, result)
}

fn export(srv: &RefServer, kind: &str) -> String {
    srv.tctl(tctl(), &["auth", "export", &format!("--type={kind}")])
        .ok()
        .to_string()
}

fn der(pem: &str) -> Vec<u8> {
    let (_, pem) = x509_parser::pem::parse_x509_pem(pem.as_bytes()).expect("a PEM certificate");
    pem.contents
}

fn path_with(out: &Path, ext: &str) -> PathBuf {
    PathBuf::from(format!("{}.{ext}", out.display()))
}

#[test]
fn sign_db_writes_server_credentials_and_teleports_message() {
    let srv = RefServer::start();
    let (out, result) = sign_db(&srv, &["--ttl=1h"]);
    let o = out.display();
    let expected = format!(
        "Database credentials have been written to {o}.key, {o}.crt, {o}.cas.\n\n\
         To enable mutual TLS on your PostgreSQL server, add the following to its postgresql.conf configuration file:\n\n\
         ssl = on\nssl_cert_file = '/path/to/{o}.crt'\nssl_key_file = '/path/to/{o}.key'\nssl_ca_file = '/path/to/{o}.cas'\n\n\
         To enable mutual TLS on your MySQL server, add the following to its mysql.cnf configuration file:\n\n\
         [mysqld]\nrequire_secure_transport=ON\nssl-cert=/path/to/{o}.crt\nssl-key=/path/to/{o}.key\nssl-ca=/path/to/{o}.cas\n"
    );
    assert_eq!(result.ok(), expected);
    for ext in ["key", "crt", "cas"] {
        let mode = std::fs::metadata(path_with(&out, ext)).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{ext}");
    }
    let key = std::fs::read_to_string(path_with(&out, "key")).unwrap();
    assert!(key.starts_with("-----BEGIN PRIVATE KEY-----"), "a PKCS#8 key");
    // .cas is the database CLIENT CA: what the database trusts for client certificates.
    let cas = std::fs::read_to_string(path_with(&out, "cas")).unwrap();
    assert_eq!(cas, export(&srv, "db-client"));
    let db_ca = export(&srv, "db");
    assert_ne!(db_ca, cas);

    let cert_der = der(&std::fs::read_to_string(path_with(&out, "crt")).unwrap());
    let (_, cert) = X509Certificate::from_der(&cert_der).unwrap();
    let ca_der = der(&db_ca);
    let (_, ca) = X509Certificate::from_der(&ca_der).unwrap();
    assert_eq!(cert.issuer(), ca.subject());
    cert.verify_signature(Some(ca.public_key()))
        .expect("signed by the db CA");
    let cn: Vec<&str> = cert.subject().iter_common_name().map(|a| a.as_str().unwrap()).collect();
    assert_eq!(cn, ["localhost"]);
    let sans = &cert.subject_alternative_name().unwrap().unwrap().value.general_names;
    assert!(sans.contains(&GeneralName::DNSName("localhost")), "{sans:?}");
    assert!(sans.contains(&GeneralName::IPAddress(&[127, 0, 0, 1])), "{sans:?}");
    assert!(cert.extended_key_usage().unwrap().unwrap().value.server_auth);
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    assert!((cert.validity().not_after.timestamp() - (now + 3600)).abs() <= 30);

    // Existing files are kept unless --overwrite.
    let again = sign_db(&srv, &[]).1;
    assert!(again.fails_with(1).contains("server.key"), "{again}");
    sign_db(&srv, &["--overwrite"]).1.ok();
}

#[test]
fn sign_db_refuses_wrong_flag_combinations() {
    let srv = RefServer::start();
    let out = format!("--out={}", srv.dir().join("x").display());
    let with_user = srv.tctl(tctl(), &["auth", "sign", "--format=db", "--user=alice", &out]);
    assert!(
        with_user
            .fails_with(1)
            .contains("--format=db makes a database server certificate: it takes --host, not --user"),
        "{with_user}"
    );
    let no_host = srv.tctl(tctl(), &["auth", "sign", "--format=db", &out]);
    assert!(
        no_host
            .fails_with(1)
            .contains("at least one hostname must be specified via --host flag"),
        "{no_host}"
    );
    let tls_host = srv.tctl(tctl(), &["auth", "sign", "--format=tls", "--host=localhost", &out]);
    assert!(
        tls_host
            .fails_with(1)
            .contains("invalid --format flag \"tls\", only \"openssh\" is supported"),
        "{tls_host}"
    );
    srv.tctl(tctl(), &["auth", "sign", "--format=mysql", "--host=localhost", &out])
        .fails_with(2);
    assert!(!srv.dir().join("x.key").exists());
}

#[test]
fn db_cas_are_kept_across_a_restart() {
    let mut srv = RefServer::start();
    let (db, client) = (export(&srv, "db"), export(&srv, "db-client"));
    for pem in [&db, &client] {
        assert!(pem.starts_with("-----BEGIN CERTIFICATE-----\n") && pem.ends_with("-----END CERTIFICATE-----\n"));
    }
    assert_ne!(db, export(&srv, "tls-host"));
    assert_eq!(srv.terminate(), 0);
    srv.restart();
    assert_eq!(export(&srv, "db"), db);
    assert_eq!(export(&srv, "db-client"), client);
}

/// A client certificate for `user` from the server's db_client CA: what the database proxy
/// will present (the refserver's own signing function, reached through its data dir).
fn db_client_cert(srv: &RefServer, user: &str, dir: &Path) -> (PathBuf, PathBuf) {
    let store = Store::open(&srv.data_dir).expect("opening the server's store");
    let cas = Authorities::load_or_create(&store, "example.test", tele_common::suite::Suite::BalancedV1)
        .expect("loading the CAs");
    let (cert, key) = cas.sign_db_client(user, Duration::from_secs(600)).expect("signing");
    write_pair(dir, user, &cert, &key)
}

fn write_pair(dir: &Path, name: &str, cert: &str, key: &str) -> (PathBuf, PathBuf) {
    let (crt, k) = (dir.join(format!("{name}.crt")), dir.join(format!("{name}.key")));
    std::fs::write(&crt, cert).unwrap();
    std::fs::write(&k, key).unwrap();
    std::fs::set_permissions(&k, std::fs::Permissions::from_mode(0o600)).unwrap();
    (crt, k)
}

/// `psql` with a full connection string; `host` is the name verify-full checks, the TCP
/// connection always goes to 127.0.0.1.
fn psql(pg: &Postgres, home: &Path, host: &str, root: &Path, cert: Option<(&Path, &Path)>) -> Output {
    let mut conn = format!(
        "host={host} hostaddr=127.0.0.1 port={} dbname=postgres user=alice sslmode=verify-full sslrootcert={}",
        pg.port,
        root.display()
    );
    if let Some((crt, key)) = cert {
        conn.push_str(&format!(" sslcert={} sslkey={}", crt.display(), key.display()));
    }
    let psql = require_program("psql", "postgresql-client");
    let sql = "SELECT current_user || ' ' || ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()";
    run(
        &psql,
        &["-X", "-A", "-t", "-c", sql, &conn],
        &[("HOME", home.to_str().unwrap())],
        None,
    )
}

#[test]
fn postgres_with_tctl_certificates_accepts_only_db_client_ca_certificates() {
    let srv = RefServer::start();
    let (out, result) = sign_db(&srv, &[]);
    result.ok();
    let root = srv.dir().join("db-ca.pem");
    std::fs::write(&root, export(&srv, "db")).unwrap();
    let pg = Postgres::start(
        &path_with(&out, "key"),
        &path_with(&out, "crt"),
        &path_with(&out, "cas"),
    );
    pg.create_role("alice");
    let dir = srv.dir();
    let (crt, key) = db_client_cert(&srv, "alice", dir);

    let ok = psql(&pg, dir, "localhost", &root, Some((&crt, &key)));
    assert_eq!(ok.ok().trim(), "alice true", "{ok}\n{}", pg.log());
    let by_ip = psql(&pg, dir, "127.0.0.1", &root, Some((&crt, &key)));
    assert_eq!(by_ip.ok().trim(), "alice true");

    // A name the certificate does not carry: verify-full refuses the server.
    let wrong_name = psql(&pg, dir, "127.0.0.2", &root, Some((&crt, &key)));
    assert!(
        wrong_name
            .fails_with(2)
            .contains("does not match host name \"127.0.0.2\""),
        "{wrong_name}"
    );
    // Another CA (the cluster's TLS CA) does not verify it either. The CAs share their subject
    // (CN and O = cluster, as Teleport's), so OpenSSL reports a bad signature, not a missing issuer.
    let tls_root = srv.dir().join("tls-ca.pem");
    std::fs::write(&tls_root, export(&srv, "tls-host")).unwrap();
    let wrong_root = psql(&pg, dir, "localhost", &tls_root, Some((&crt, &key)));
    assert!(wrong_root.fails_with(2).contains("SSL error"), "{wrong_root}");

    // Client certificates: none, another CA's, another user's.
    let none = psql(&pg, dir, "localhost", &root, None);
    assert!(
        none.fails_with(2)
            .contains("connection requires a valid client certificate"),
        "{none}"
    );
    let (stranger_crt, stranger_key) = self_signed(dir, "alice");
    let stranger = psql(&pg, dir, "localhost", &root, Some((&stranger_crt, &stranger_key)));
    assert!(stranger.fails_with(2).contains("unknown ca"), "{stranger}");
    let (bob_crt, bob_key) = db_client_cert(&srv, "bob", dir);
    let as_bob = psql(&pg, dir, "localhost", &root, Some((&bob_crt, &bob_key)));
    assert!(
        as_bob
            .fails_with(2)
            .contains("certificate authentication failed for user \"alice\""),
        "{as_bob}"
    );
}

/// An openssl self-signed certificate with CN = `cn`: right name, wrong CA.
fn self_signed(dir: &Path, cn: &str) -> (PathBuf, PathBuf) {
    let openssl = require_program("openssl", "openssl");
    let (crt, key) = (dir.join("stranger.crt"), dir.join("stranger.key"));
    let subj = format!("/CN={cn}");
    run(
        &openssl,
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-days",
            "1",
            "-subj",
            &subj,
            "-keyout",
            key.to_str().unwrap(),
            "-out",
            crt.to_str().unwrap(),
        ],
        &[],
        None,
    )
    .ok();
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    (crt, key)
}
