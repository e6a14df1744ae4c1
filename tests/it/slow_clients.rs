//! Slow, silent and greedy clients (issue 16): every step a stranger's connection can stall at is
//! bounded, on the web port (TLS handshake, HTTP headers, an idle keep-alive, each routed
//! protocol) and on the separate SSH port, and the accept loops back off when descriptors run
//! out instead of spinning. The limits are the server's test knobs, set small here: each test
//! waits for the server to close the connection, never for a fixed time.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use tele_test_support::{RefServer, require_program, run, wait_for};

/// The limit every stalled step gets in these tests.
const LIMIT: Duration = Duration::from_millis(300);
/// Far past any limit: a connection still open after this was not closed by the server.
const PATIENCE: Duration = Duration::from_secs(15);
/// How many slow connections each test holds at once.
const MANY: usize = 50;

fn server() -> RefServer {
    RefServer::builder()
        .env("REFSERVER_HANDSHAKE_TIMEOUT", "300ms")
        .env("REFSERVER_FIRST_REQUEST_TIMEOUT", "300ms")
        .env("REFSERVER_IDLE_TIMEOUT", "600ms")
        .env("REFSERVER_SSH_AUTH_TIMEOUT", "300ms")
        .start()
}

fn connect(addr: &str) -> TcpStream {
    let tcp = TcpStream::connect(addr).expect("connect");
    tcp.set_read_timeout(Some(PATIENCE)).unwrap();
    tcp
}

/// A TLS connection to the web port offering one ALPN value, handshake done.
type Tls = rustls::StreamOwned<rustls::ClientConnection, TcpStream>;

fn tls(srv: &RefServer, alpn: &[u8]) -> Tls {
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_file_iter(srv.ca_file()).expect("CA file") {
        roots.add(cert.expect("CA certificate")).unwrap();
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![alpn.to_vec()];
    let name = ServerName::try_from("localhost").unwrap();
    let mut conn = rustls::ClientConnection::new(Arc::new(config), name).unwrap();
    let mut tcp = connect(&srv.web_addr);
    while conn.is_handshaking() {
        conn.complete_io(&mut tcp).expect("TLS handshake");
    }
    assert_eq!(conn.alpn_protocol(), Some(alpn), "the server chose the route asked for");
    rustls::StreamOwned::new(conn, tcp)
}

/// Reads until the server ends the connection (EOF, reset, or TLS's EOF without close_notify)
/// and returns what it sent first; panics when the connection is still open after
/// [`PATIENCE`].
fn closed_by_server(conn: &mut impl Read, what: &str) -> Vec<u8> {
    let started = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match conn.read(&mut buf) {
            Ok(0) => return got,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                panic!("{what}: still open after {:?}", started.elapsed())
            }
            Err(_) => return got,
        }
    }
}

/// Closes every connection and checks the server did so no sooner than its limit (a server
/// that refused the connections outright would pass the close alone).
fn all_closed<C: Read>(mut conns: Vec<C>, opened: Instant, what: &str) {
    for (i, conn) in conns.iter_mut().enumerate() {
        closed_by_server(conn, &format!("{what} #{i}"));
    }
    let took = opened.elapsed();
    assert!(took >= LIMIT, "{what}: closed after {took:?}, before the limit");
}

/// The web API still answers a new client.
fn still_serves(srv: &RefServer) {
    let curl = require_program("curl", "curl");
    let url = format!("https://{}/webapi/ping", srv.localhost_addr());
    let out = run(&curl, &["-sk", "--max-time", "10", &url], &[], None);
    assert!(out.ok().contains("\"proxy\""), "{out}");
}

#[test]
fn connections_that_never_start_a_tls_handshake_are_closed() {
    let srv = server();
    let opened = Instant::now();
    let conns: Vec<_> = (0..MANY).map(|_| connect(&srv.web_addr)).collect();
    all_closed(conns, opened, "silent TCP connection");
    still_serves(&srv);
}

#[test]
fn slowloris_connections_sending_half_a_request_are_closed() {
    let srv = server();
    let opened = Instant::now();
    let conns: Vec<_> = (0..MANY)
        .map(|_| {
            let mut conn = tls(&srv, b"http/1.1");
            conn.write_all(b"GET /webapi/ping HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
                .unwrap();
            conn
        })
        .collect();
    all_closed(conns, opened, "half a request");
    still_serves(&srv);
}

#[test]
fn an_idle_keep_alive_connection_is_closed_after_its_answer() {
    let srv = server();
    let mut conn = tls(&srv, b"http/1.1");
    conn.write_all(b"GET /webapi/ping HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n")
        .unwrap();
    let opened = Instant::now();
    let got = closed_by_server(&mut conn, "idle keep-alive");
    let text = String::from_utf8_lossy(&got);
    assert!(text.starts_with("HTTP/1.1 200"), "answered first: {text}");
    assert!(!text.to_ascii_lowercase().contains("connection: close"), "{text}");
    assert!(opened.elapsed() >= LIMIT, "kept alive for a while");
}

#[test]
fn routed_connections_that_never_speak_are_closed() {
    let srv = server();
    let grpc = tele_common::grpc::routing::auth_alpn("example.test");
    let opened = Instant::now();
    let mut conns = Vec::new();
    for alpn in [&grpc[..], b"teleport-proxy-ssh", b"teleport-postgres"] {
        for _ in 0..MANY / 5 {
            conns.push(tls(&srv, alpn));
        }
    }
    all_closed(conns, opened, "silent routed connection");

    // An SSH client that sends its version and then nothing is still cut at the auth limit.
    let mut ssh = tls(&srv, b"teleport-proxy-ssh");
    ssh.write_all(b"SSH-2.0-slow\r\n").unwrap();
    let got = closed_by_server(&mut ssh, "SSH client that stopped after its version");
    assert!(got.starts_with(b"SSH-2.0-"), "the server said hello first");
    still_serves(&srv);
}

#[test]
fn ssh_port_connections_that_never_authenticate_are_closed() {
    let srv = server();
    let opened = Instant::now();
    let mut conns: Vec<_> = (0..MANY / 2).map(|_| connect(&srv.ssh_addr)).collect();
    for _ in 0..MANY / 2 {
        let mut conn = connect(&srv.ssh_addr);
        conn.write_all(b"SSH-2.0-slow\r\n").unwrap();
        conns.push(conn);
    }
    all_closed(conns, opened, "unauthenticated SSH connection");
}

/// User and system CPU time of a process, in clock ticks (`/proc/PID/stat` fields 14 and 15).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("/proc stat");
    // The command name (field 2) may hold spaces; the fields after it are plain.
    let after = &stat[stat.rfind(')').expect("stat format") + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn out_of_descriptors_the_accept_loops_back_off_and_recover() {
    // Long limits: the connections must hold their descriptors for the whole measurement.
    let srv = RefServer::builder().fd_limit(128).start();
    let pid = srv.pid();
    // More connections than the server has descriptors for, on both listeners: the rest wait in
    // the kernel's backlog, and every accept of them fails with EMFILE.
    let mut conns: Vec<TcpStream> = Vec::new();
    for i in 0..300 {
        let addr = if i % 2 == 0 { &srv.ssh_addr } else { &srv.web_addr };
        conns.push(connect(addr));
    }
    wait_for("both accept loops to run out of descriptors", PATIENCE, || {
        let log = srv.log();
        log.contains("web accept:") && log.contains("ssh accept:")
    });
    // A second of it: a loop without backoff burns the whole second (100 ticks) and logs an
    // error per try; with backoff both are small.
    let log_before = srv.log().lines().count();
    let ticks_before = cpu_ticks(pid);
    let window = Instant::now();
    while window.elapsed() < Duration::from_secs(1) {
        std::thread::park_timeout(Duration::from_millis(50));
    }
    let ticks = cpu_ticks(pid) - ticks_before;
    let lines = srv.log().lines().count() - log_before;
    assert!(ticks <= 20, "{ticks} ticks of CPU in one second out of descriptors");
    assert!(lines <= 100, "{lines} log lines in one second out of descriptors");

    // Once descriptors are free again, new clients are served.
    drop(conns);
    still_serves(&srv);
}
