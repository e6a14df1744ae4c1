//! The PostgreSQL proxy. tsh reaches it on the web port with ALPN `teleport-postgres` and a
//! routed certificate (one database, one database user); psql's bytes run inside that TLS
//! connection. The proxy reads the startup message, checks the holder again (`Routed`: user,
//! roles, MFA, validity), then opens its own TLS connection to PostgreSQL with a client
//! certificate for the database user from the `db_client` CA, checking the server's certificate
//! against the `db` CA, replays the startup and splices the two.
//!
//! A refusal goes to psql as a PostgreSQL `ErrorResponse` (FATAL, SQLSTATE 28000), so the user
//! reads it where psql prints errors.
//!
//! The wire handling here is the few startup messages of the PostgreSQL protocol 3.0 (no crate
//! does only the startup of a proxy; full client crates would take over the connection).

use std::sync::Arc;
use std::time::Duration;

use rustls::RootCertStore;
use rustls::pki_types::ServerName;
use tele_common::api::routes::RouteTarget;
use tele_common::error::{Error, Result};
use tele_common::tls;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::route::{Routed, check_db_name};
use crate::server::Server;

/// `SSLRequest`'s code: answered `N` (the connection is already inside TLS).
const SSL_REQUEST: u32 = 80_877_103;
/// `GSSENCRequest`'s code: answered `N`.
const GSSENC_REQUEST: u32 = 80_877_104;
/// `CancelRequest`'s code: not relayed (it would need the backend key of a session here).
const CANCEL_REQUEST: u32 = 80_877_102;
/// Protocol 3.0.
const PROTOCOL_3: u32 = 196_608;
/// Startup packets larger than this are refused (PostgreSQL's own limit is 10000).
const MAX_STARTUP: usize = 10_000;
/// How long the client certificate the proxy presents to the database lasts: it is checked at
/// the handshake only.
const UPSTREAM_CERT_TTL: Duration = Duration::from_secs(60);

/// Serves one connection routed here by ALPN.
pub async fn serve<S: AsyncRead + AsyncWrite + Unpin>(s: Arc<Server>, mut client: S, peer_certs: Vec<Vec<u8>>) {
    if let Err(e) = relay(&s, &mut client, &peer_certs).await {
        tracing::info!(error = %e.message(), "database connection refused");
        let _ = client.write_all(&error_response(&e)).await;
        let _ = client.shutdown().await;
    }
}

async fn relay<S: AsyncRead + AsyncWrite + Unpin>(s: &Server, client: &mut S, peer_certs: &[Vec<u8>]) -> Result<()> {
    // A client that never finishes its startup does not hold a task forever.
    let limit = s.settings.timeouts.first_request;
    let startup = tokio::time::timeout(limit, read_startup(client))
        .await
        .map_err(|_| Error::bad_parameter(format!("no startup message within {limit:?}")))?;
    let Some(mut params) = startup? else {
        return Ok(());
    };
    let routed = Routed::identify(s, peer_certs)?;
    let RouteTarget::Database { name, db_user, db_name } = &routed.target else {
        return Err(Error::access_denied("this certificate is not for a database"));
    };
    if let Some(asked) = param(&params, "user")
        && asked != db_user
    {
        return Err(Error::access_denied(format!(
            "this connection is for database user {db_user:?}, not {asked:?}"
        ))
        .with_hint("connect with the user the tsh command was given (--db-user)"));
    }
    let database = match (db_name.as_str(), param(&params, "database")) {
        ("", Some(asked)) => asked.to_string(),
        ("", None) => db_user.clone(),
        (fixed, Some(asked)) if asked != fixed => {
            return Err(
                Error::access_denied(format!("this connection is for database name {fixed:?}, not {asked:?}"))
                    .with_hint("connect to the database name the tsh command was given (--db-name)"),
            );
        }
        (fixed, _) => fixed.to_string(),
    };
    check_db_name(&routed.roles, &routed.resolved.labels, name, &database)?;
    set_param(&mut params, "user", db_user);
    set_param(&mut params, "database", &database);
    let mut upstream = connect_upstream(s, &routed.resolved.uri, db_user).await?;
    upstream
        .write_all(&startup_message(&params))
        .await
        .map_err(|e| Error::connection(format!("database {name:?}: {e}")))?;
    tracing::info!(user = %routed.user, db = %name, db_user = %db_user, database, "database session started");
    // Errors here are the ends hanging up; PostgreSQL's own messages already reached psql.
    let _ = tokio::io::copy_bidirectional(client, &mut upstream).await;
    tracing::info!(user = %routed.user, db = %name, "database session ended");
    Ok(())
}

/// Reads up to the startup message, answering `N` to encryption requests. `None`: a cancel
/// request or a client that hung up. Public for the fuzz targets.
#[doc(hidden)]
pub async fn read_startup<S: AsyncRead + AsyncWrite + Unpin>(client: &mut S) -> Result<Option<Vec<(String, String)>>> {
    loop {
        let mut head = [0u8; 8];
        if client.read_exact(&mut head).await.is_err() {
            return Ok(None);
        }
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let code = u32::from_be_bytes([head[4], head[5], head[6], head[7]]);
        if !(8..=MAX_STARTUP).contains(&len) {
            return Err(Error::bad_parameter("invalid startup packet length"));
        }
        let mut body = vec![0u8; len - 8];
        client
            .read_exact(&mut body)
            .await
            .map_err(|e| Error::connection(format!("reading the startup packet: {e}")))?;
        match code {
            SSL_REQUEST | GSSENC_REQUEST => {
                client
                    .write_all(b"N")
                    .await
                    .map_err(|e| Error::connection(e.to_string()))?;
            }
            CANCEL_REQUEST => return Ok(None),
            PROTOCOL_3 => return parse_params(&body).map(Some),
            other => {
                return Err(Error::bad_parameter(format!(
                    "unsupported frontend protocol {}.{}",
                    other >> 16,
                    other & 0xffff
                )));
            }
        }
    }
}

fn parse_params(body: &[u8]) -> Result<Vec<(String, String)>> {
    let mut fields = body.split(|b| *b == 0).map(|f| String::from_utf8_lossy(f).into_owned());
    let mut params = Vec::new();
    while let Some(key) = fields.next() {
        if key.is_empty() {
            break;
        }
        let value = fields
            .next()
            .ok_or_else(|| Error::bad_parameter("invalid startup packet layout"))?;
        params.push((key, value));
    }
    Ok(params)
}

fn param<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

fn set_param(params: &mut Vec<(String, String)>, key: &str, value: &str) {
    match params.iter_mut().find(|(k, _)| k == key) {
        Some(slot) => slot.1 = value.to_string(),
        None => params.push((key.to_string(), value.to_string())),
    }
}

fn startup_message(params: &[(String, String)]) -> Vec<u8> {
    let mut body = PROTOCOL_3.to_be_bytes().to_vec();
    for (k, v) in params {
        body.extend_from_slice(k.as_bytes());
        body.push(0);
        body.extend_from_slice(v.as_bytes());
        body.push(0);
    }
    body.push(0);
    let mut out = ((body.len() + 4) as u32).to_be_bytes().to_vec();
    out.extend(body);
    out
}

/// A FATAL `ErrorResponse` (SQLSTATE 28000, invalid authorization) with the hint, if any.
fn error_response(e: &Error) -> Vec<u8> {
    let mut body = Vec::new();
    let mut field = |tag: u8, text: &str| {
        body.push(tag);
        body.extend_from_slice(text.as_bytes());
        body.push(0);
    };
    field(b'S', "FATAL");
    field(b'V', "FATAL");
    field(b'C', "28000");
    field(b'M', e.message());
    if let Some(hint) = e.hint() {
        field(b'H', hint);
    }
    body.push(0);
    let mut out = vec![b'E'];
    out.extend_from_slice(&((body.len() + 4) as u32).to_be_bytes());
    out.extend(body);
    out
}

/// Opens TLS to the database at `uri` (`host:port`): `SSLRequest`, then a handshake that checks
/// the server's certificate against the `db` CA for the URI's host and presents a `db_client`
/// certificate for `db_user`.
async fn connect_upstream(s: &Server, uri: &str, db_user: &str) -> Result<tokio_rustls::client::TlsStream<TcpStream>> {
    let unreachable = |e: &dyn std::fmt::Display| {
        Error::connection(format!("database at {uri} is not reachable: {e}"))
            .with_hint("check the db resource's spec.uri and that the database is running")
    };
    let (host, _) = tele_common::config::split_host_port(uri)?;
    let mut tcp = TcpStream::connect(uri).await.map_err(|e| unreachable(&e))?;
    let _ = tcp.set_nodelay(true);
    let mut request = 8u32.to_be_bytes().to_vec();
    request.extend_from_slice(&SSL_REQUEST.to_be_bytes());
    tcp.write_all(&request).await.map_err(|e| unreachable(&e))?;
    let mut answer = [0u8; 1];
    tcp.read_exact(&mut answer).await.map_err(|e| unreachable(&e))?;
    if answer[0] != b'S' {
        return Err(Error::connection(format!("database at {uri} does not accept TLS"))
            .with_hint("PostgreSQL needs ssl = on with the certificate from tctl auth sign --format=db"));
    }
    let mut roots = RootCertStore::empty();
    for ca in tls::parse_certs_pem(s.cas.db_ca_pem())? {
        roots.add(ca).map_err(|e| Error::internal(format!("db CA: {e}")))?;
    }
    let (cert, key) = s.cas.sign_db_client(db_user, UPSTREAM_CERT_TTL)?;
    let config = rustls::ClientConfig::builder_with_provider(tls::provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::internal(e.to_string()))?
        .with_root_certificates(roots)
        .with_client_auth_cert(tls::parse_certs_pem(&cert)?, tls::parse_key_pem(&key)?)
        .map_err(|e| Error::internal(format!("database client certificate: {e}")))?;
    let name = ServerName::try_from(host.to_string())
        .map_err(|_| Error::bad_parameter(format!("spec.uri: {host:?} is not a host name or address")))?;
    tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await
        .map_err(|e| {
            Error::connection(format!("TLS to the database at {uri} failed: {e}"))
                .with_hint("its certificate must come from tctl auth sign --format=db --host=<the host in spec.uri>")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn startup_round_trip() {
        let params = vec![
            ("user".to_string(), "alice".to_string()),
            ("database".into(), "app".into()),
        ];
        let msg = startup_message(&params);
        assert_eq!(u32::from_be_bytes(msg[0..4].try_into().unwrap()) as usize, msg.len());
        assert_eq!(parse_params(&msg[8..]).unwrap(), params);
    }

    #[test]
    fn error_response_is_a_fatal_message() {
        let e = Error::access_denied("no").with_hint("ask");
        let msg = error_response(&e);
        assert_eq!(msg[0], b'E');
        assert_eq!(
            u32::from_be_bytes(msg[1..5].try_into().unwrap()) as usize,
            msg.len() - 1
        );
        let text = String::from_utf8_lossy(&msg);
        assert!(text.contains("SFATAL") && text.contains("C28000") && text.contains("Mno") && text.contains("Hask"));
    }
}
