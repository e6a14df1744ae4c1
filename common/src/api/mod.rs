//! The HTTPS client of the suite and the wire contract it speaks ([`types`]).
//!
//! `/webapi/*` is Teleport's unauthenticated web API; `/v1/*` is the mutual-TLS API where the
//! client certificate is the caller's identity. Errors come back as
//! `{"error":{"message","kind"}}` and become [`Error`]s of the same kind.

pub mod b64;
pub mod databases;
pub mod headless;
pub mod login;
pub mod nodes;
pub mod routes;
pub mod types;

use std::error::Error as StdError;

use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::context::Context;
use crate::error::{Error, ErrorBody, ErrorKind, Result};
use crate::sshca::ExportType;
use types::{FindResponse, PingResponse};

/// How long one web API call may take by default (headless login's long poll sets its own).
pub const DEFAULT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);
/// Overrides [`DEFAULT_TIMEOUT`] (a duration such as `30s`): for slow links, and for tests that
/// see a stalled server cut without waiting a minute.
pub const TIMEOUT_ENV: &str = crate::env::TELE_HTTP_TIMEOUT;
/// The largest answer read: the biggest the web API sends (a login's certificates and CAs, a
/// CA export) is a few KiB; a server sending more is refused before it fills memory.
pub const MAX_RESPONSE: usize = 4 << 20;
/// The largest error answer read: past it only the status is reported.
const MAX_ERROR_BODY: usize = 64 << 10;

/// How long one call may take: [`TIMEOUT_ENV`] or [`DEFAULT_TIMEOUT`] (for the web API and the
/// Auth service's gRPC alike).
pub fn timeout(ctx: &Context) -> Result<std::time::Duration> {
    match ctx.var(TIMEOUT_ENV) {
        Some(v) => crate::duration::parse(v).map_err(|e| e.context(TIMEOUT_ENV)),
        None => Ok(DEFAULT_TIMEOUT),
    }
}

/// A client of one cluster's web address.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    addr: String,
}

impl Client {
    /// A client of `addr` (`host:port`) over the given TLS config; each call times out after
    /// [`DEFAULT_TIMEOUT`] or what [`TIMEOUT_ENV`] says.
    pub fn new(ctx: &Context, addr: &str, tls: rustls::ClientConfig) -> Result<Self> {
        let timeout = timeout(ctx)?;
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .tcp_nodelay(true)
            .connect_timeout(std::time::Duration::from_secs(10).min(timeout))
            .timeout(timeout)
            .build()
            .map_err(|e| Error::internal(format!("building HTTP client: {e}")))?;
        Ok(Self {
            http,
            base: format!("https://{addr}"),
            addr: addr.to_string(),
        })
    }

    /// The address this client talks to.
    pub fn addr(&self) -> &str {
        &self.addr
    }

    /// `GET /webapi/ping`.
    pub async fn ping(&self) -> Result<PingResponse> {
        self.call(Method::GET, "/webapi/ping", None::<&()>).await
    }

    /// `GET /webapi/find`.
    pub async fn find(&self) -> Result<FindResponse> {
        self.call(Method::GET, "/webapi/find", None::<&()>).await
    }

    /// `GET /webapi/auth/export[?type=...]`: the CA lines or PEM, as text.
    pub async fn export_ca(&self, kind: Option<ExportType>) -> Result<String> {
        let path = match kind {
            Some(k) => format!("/webapi/auth/export?type={k}"),
            None => "/webapi/auth/export".to_string(),
        };
        let resp = self.send(Method::GET, &path, None::<&()>).await?;
        let bytes = self.read_limited(resp, &path, MAX_RESPONSE).await?;
        String::from_utf8(bytes)
            .map_err(|_| Error::internal(format!("bad response from the server to {path}: not UTF-8")))
    }

    /// Reads an answer's body, refusing one past `max` bytes (by its declared length, or as it
    /// arrives) before it fills memory.
    async fn read_limited(&self, mut resp: reqwest::Response, path: &str, max: usize) -> Result<Vec<u8>> {
        let too_large = || {
            Error::new(
                ErrorKind::LimitExceeded,
                format!(
                    "the answer of {} to {path} is larger than {} KiB: not read",
                    self.addr,
                    max >> 10
                ),
            )
            .with_hint("check that the address is a Teleport proxy")
        };
        if resp.content_length().is_some_and(|n| n > max as u64) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(|e| classify(&e, &self.addr))? {
            if body.len() + chunk.len() > max {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    async fn send<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<reqwest::Response> {
        self.send_with(method, path, body, None).await
    }

    async fn send_with<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        timeout: Option<std::time::Duration>,
    ) -> Result<reqwest::Response> {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(t) = timeout {
            req = req.timeout(t);
        }
        if let Some(body) = body {
            req = req.json(body);
        }
        let resp = req.send().await.map_err(|e| classify(&e, &self.addr))?;
        if resp.status().is_success() {
            return Ok(resp);
        }
        let status = resp.status();
        let text = self.read_limited(resp, path, MAX_ERROR_BODY).await.unwrap_or_default();
        Err(match serde_json::from_slice::<ErrorBody>(&text) {
            Ok(body) => body.into(),
            Err(_) => Error::new(kind_of_status(status), format!("the server answered {status}")),
        })
    }

    async fn call<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<T> {
        self.call_with_timeout(method, path, body, None).await
    }

    async fn call_with_timeout<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        timeout: impl Into<Option<std::time::Duration>>,
    ) -> Result<T> {
        let resp = self.send_with(method, path, body, timeout.into()).await?;
        let bytes = self.read_limited(resp, path, MAX_RESPONSE).await?;
        serde_json::from_slice(&bytes)
            .map_err(|e| Error::internal(format!("bad response from the server to {path}: {e}")))
    }
}

/// Percent-encodes one path segment (user names may hold `@` or other characters).
pub fn segment(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn kind_of_status(status: StatusCode) -> ErrorKind {
    match status.as_u16() {
        400 => ErrorKind::BadParameter,
        401 => ErrorKind::Unauthenticated,
        403 => ErrorKind::AccessDenied,
        404 => ErrorKind::NotFound,
        409 => ErrorKind::AlreadyExists,
        _ => ErrorKind::Internal,
    }
}

fn timed_out(addr: &str) -> Error {
    Error::connection(format!("timed out talking to {addr}: the server stopped answering")).with_hint(format!(
        "check that the proxy is up and reachable; on a slow link, raise {TIMEOUT_ENV} (e.g. 2m)"
    ))
}

/// Turns a transport error into one a user can act on: TLS trust problems, refused
/// connections and timeouts each get their own message and hint.
fn classify(err: &reqwest::Error, addr: &str) -> Error {
    let mut source: Option<&(dyn StdError + 'static)> = err.source();
    while let Some(e) = source {
        if let Some(tls) = find_rustls(e) {
            return classify_tls(tls, addr);
        }
        if let Some(known) = e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| classify_io_kind(io, addr))
        {
            return known;
        }
        source = e.source();
    }
    if err.is_timeout() {
        return timed_out(addr);
    }
    Error::connection(format!("cannot talk to {addr}: {}", flatten(err)))
}

/// Turns the I/O error of dialing `addr` (TCP connect, TLS handshake) into one a user can act
/// on, as [`classify`] does for the HTTPS client's errors.
pub fn classify_io(err: &std::io::Error, addr: &str) -> Error {
    if let Some(tls) = find_rustls(err) {
        return classify_tls(tls, addr);
    }
    classify_io_kind(err, addr).unwrap_or_else(|| Error::connection(format!("cannot talk to {addr}: {}", flatten(err))))
}

fn classify_io_kind(io: &std::io::Error, addr: &str) -> Option<Error> {
    match io.kind() {
        std::io::ErrorKind::ConnectionRefused => Some(
            Error::connection(format!("cannot connect to {addr}: connection refused"))
                .with_hint("check that the server is running and the address is right"),
        ),
        std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::UnexpectedEof => Some(
            Error::unauthenticated(format!("{addr} closed the connection during the TLS handshake")).with_hint(
                "the server may have refused your certificate: check that your identity is current and from this cluster",
            ),
        ),
        std::io::ErrorKind::TimedOut => Some(timed_out(addr)),
        _ => None,
    }
}

/// Finds a rustls error inside an error, looking through the `io::Error` wrappers that
/// hyper and tokio-rustls put around it (their `source()` skips the wrapped error itself).
fn find_rustls<'a>(e: &'a (dyn StdError + 'static)) -> Option<&'a rustls::Error> {
    if let Some(tls) = e.downcast_ref::<rustls::Error>() {
        return Some(tls);
    }
    let io = e.downcast_ref::<std::io::Error>()?;
    find_rustls(io.get_ref()?)
}

fn classify_tls(err: &rustls::Error, addr: &str) -> Error {
    use rustls::{AlertDescription as A, CertificateError as C};
    match err {
        rustls::Error::InvalidCertificate(C::UnknownIssuer | C::BadSignature) => Error::unauthenticated(format!(
            "the certificate of {addr} is not signed by the cluster CA you trust"
        ))
        .with_hint("your identity may be from another cluster, or the address points at another server"),
        rustls::Error::InvalidCertificate(C::NotValidForName | C::NotValidForNameContext { .. }) => {
            Error::unauthenticated(format!("the certificate of {addr} is not valid for that name"))
                .with_hint("connect with the address the server's certificate names (e.g. its public_addr)")
        }
        rustls::Error::InvalidCertificate(C::Expired | C::ExpiredContext { .. }) => {
            Error::unauthenticated(format!("the certificate of {addr} has expired"))
        }
        rustls::Error::AlertReceived(A::CertificateExpired) => {
            Error::unauthenticated(format!("{addr} refused your certificate: it has expired"))
                .with_hint("get a new identity (tctl auth sign --format=file) or log in again")
        }
        rustls::Error::AlertReceived(A::UnknownCA | A::BadCertificate | A::CertificateUnknown | A::DecryptError) => {
            Error::unauthenticated(format!("{addr} refused your certificate"))
                .with_hint("the identity is not from this cluster: use one issued by it")
        }
        rustls::Error::AlertReceived(A::CertificateRequired) => {
            Error::unauthenticated(format!("{addr} requires a client certificate"))
        }
        other => Error::connection(format!("TLS error talking to {addr}: {other}")),
    }
}

fn flatten(err: &dyn StdError) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(e) = source {
        let s = e.to_string();
        if !text.contains(&s) {
            text.push_str(": ");
            text.push_str(&s);
        }
        source = e.source();
    }
    text
}
