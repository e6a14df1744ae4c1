//! tsh and tctl against a server that does not play fair (issue 16): an answer far larger than
//! any the web API sends is refused before it fills memory, an answer that is not what was asked
//! for is a clear error, and a server that stops answering is cut at the client's timeout
//! (`TELE_HTTP_TIMEOUT`, set small here) with a message saying so. None of them panics.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tele_test_support::{RefServer, temp_dir};

/// What the hostile server does once it has read a request.
#[derive(Clone, Copy)]
enum Answer {
    /// 200 with a declared length of 100 MB.
    DeclaredHuge,
    /// 200 without a length, then bytes until the client hangs up.
    EndlessBody,
    /// 200 with a body that is not JSON.
    Garbage,
    /// Nothing: holds the connection open.
    Silence,
}

/// A TLS server on loopback answering every request with `answer`; its address.
fn hostile(answer: Answer) -> String {
    let key = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let cert = CertificateDer::from(key.cert.der().to_vec());
    let private = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.signing_key.serialize_der()));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert], private)
        .unwrap();
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        for tcp in listener.incoming().flatten() {
            let config = config.clone();
            std::thread::spawn(move || serve(tcp, config, answer));
        }
    });
    addr
}

fn serve(tcp: TcpStream, config: Arc<rustls::ServerConfig>, answer: Answer) {
    let conn = rustls::ServerConnection::new(config).unwrap();
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    // The request's head, up to its blank line (the requests here have no body).
    let mut reader = BufReader::new(&mut tls);
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) if line == "\r\n" => break,
            Ok(_) => {}
        }
    }
    let head = |extra: &str| format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{extra}\r\n");
    let _ = match answer {
        Answer::DeclaredHuge => tls
            .write_all(head("Content-Length: 104857600\r\n").as_bytes())
            .and_then(|_| endless(&mut tls)),
        Answer::EndlessBody => tls
            .write_all(head("Connection: close\r\n").as_bytes())
            .and_then(|_| endless(&mut tls)),
        Answer::Garbage => tls.write_all(
            format!(
                "{}{{\"auth\": 12, \"proxy\":",
                head("Content-Length: 21\r\nConnection: close\r\n")
            )
            .as_bytes(),
        ),
        Answer::Silence => {
            // Until the client gives up.
            let mut buf = [0u8; 256];
            while matches!(tls.read(&mut buf), Ok(n) if n > 0) {}
            Ok(())
        }
    };
}

/// Writes JSON-looking bytes until the peer hangs up.
fn endless(w: &mut impl Write) -> std::io::Result<()> {
    let chunk = "{\"x\":1}".repeat(8192);
    loop {
        w.write_all(chunk.as_bytes())?;
    }
}

/// `tsh login` against `addr`: the output, checked to be a clean failure (an error message and
/// exit 1, not a panic).
fn tsh_login(addr: &str) -> String {
    let home = temp_dir();
    let out = tele_test_support::run(
        crate::tsh(),
        &["login", &format!("--proxy={addr}"), "--user=alice", "--insecure"],
        &[("HOME", home.path().to_str().unwrap()), ("TELE_HTTP_TIMEOUT", "2s")],
        Some("password\n"),
    );
    assert_eq!(out.code, 1, "a clean failure: {out}");
    assert!(!out.stderr.contains("panicked"), "{out}");
    out.stderr
}

#[test]
fn an_answer_larger_than_any_the_web_api_sends_is_refused() {
    for answer in [Answer::DeclaredHuge, Answer::EndlessBody] {
        let addr = hostile(answer);
        let err = tsh_login(&addr);
        assert!(
            err.contains(&format!(
                "the answer of {addr} to /webapi/ping is larger than 4096 KiB: not read"
            )),
            "{err}"
        );
    }
}

#[test]
fn an_answer_that_is_not_json_is_a_clear_error() {
    let addr = hostile(Answer::Garbage);
    let err = tsh_login(&addr);
    assert!(err.contains("bad response from the server to /webapi/ping"), "{err}");
}

#[test]
fn a_web_api_that_stops_answering_is_cut_at_the_timeout() {
    let addr = hostile(Answer::Silence);
    let err = tsh_login(&addr);
    assert!(
        err.contains(&format!("timed out talking to {addr}: the server stopped answering")),
        "{err}"
    );
    assert!(err.contains("TELE_HTTP_TIMEOUT"), "the hint names the knob: {err}");
}

/// Stops a process for as long as it lives (SIGSTOP, then SIGCONT).
struct Frozen(u32);

impl Frozen {
    fn new(pid: u32) -> Self {
        let kill = tele_test_support::require_program("kill", "procps");
        tele_test_support::run(&kill, &["-STOP", &pid.to_string()], &[], None).ok();
        Self(pid)
    }
}

impl Drop for Frozen {
    fn drop(&mut self) {
        let _ = std::process::Command::new("kill")
            .args(["-CONT", &self.0.to_string()])
            .status();
    }
}

#[test]
fn tctl_against_an_auth_service_that_stopped_answering_times_out_clearly() {
    let srv = RefServer::start();
    let ok = srv.tctl(crate::tctl(), &["tokens", "ls"]);
    ok.ok();
    let frozen = Frozen::new(srv.pid());
    let mut env = srv.env();
    env.push(("TELE_HTTP_TIMEOUT", "1s"));
    let mut args = vec!["-c", srv.config.to_str().unwrap()];
    args.extend(["tokens", "ls"]);
    let out = tele_test_support::run(crate::tctl(), &args, &env, None);
    drop(frozen);
    assert_eq!(out.code, 1, "{out}");
    assert!(!out.stderr.contains("panicked"), "{out}");
    assert!(out.stderr.contains("timed out connecting to"), "{out}");
    // Once it answers again, so does tctl.
    srv.tctl(crate::tctl(), &["tokens", "ls"]).ok();
}
