//! Local port forwarding (`tsh ssh -L [bind_address:]port:host:hostport`): connections to a
//! local port become `direct-tcpip` channels to `host:hostport` as seen from the node.

use std::sync::Arc;

use tokio::net::TcpListener;

use super::NodeConnection;
use crate::error::{Error, Result};

/// One `-L` spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalForward {
    /// Local address to listen on (`127.0.0.1` unless given).
    pub bind_addr: String,
    /// Local port.
    pub bind_port: u16,
    /// Where the node connects to.
    pub host: String,
    /// Its port.
    pub port: u16,
}

impl LocalForward {
    /// Parses `[bind_address:]port:host:hostport` (OpenSSH's form).
    pub fn parse(spec: &str) -> Result<Self> {
        let bad = || {
            Error::bad_parameter(format!(
                "invalid port forwarding spec {spec:?}: expected [bind_address:]port:host:hostport"
            ))
        };
        let parts: Vec<&str> = spec.split(':').collect();
        let (bind_addr, rest) = match parts.as_slice() {
            [a, b, c, d] => (a.to_string(), [*b, *c, *d]),
            [b, c, d] => ("127.0.0.1".to_string(), [*b, *c, *d]),
            _ => return Err(bad()),
        };
        let port = |p: &str| p.parse::<u16>().map_err(|_| bad());
        if rest[1].is_empty() {
            return Err(bad());
        }
        Ok(Self {
            bind_addr,
            bind_port: port(rest[0])?,
            host: rest[1].to_string(),
            port: port(rest[2])?,
        })
    }
}

/// Binds the local end (so a taken port fails before the session starts).
pub async fn bind_local_forward(f: &LocalForward) -> Result<TcpListener> {
    TcpListener::bind((f.bind_addr.as_str(), f.bind_port))
        .await
        .map_err(|e| Error::bad_parameter(format!("cannot listen on {}:{}: {e}", f.bind_addr, f.bind_port)))
}

/// Accepts local connections until the listener fails, each forwarded through the node.
pub async fn serve_local_forward(listener: TcpListener, conn: Arc<NodeConnection>, f: LocalForward) {
    while let Ok((mut tcp, peer)) = listener.accept().await {
        let conn = conn.clone();
        let f = f.clone();
        tokio::spawn(async move {
            let opened = conn
                .node
                .channel_open_direct_tcpip(
                    f.host.clone(),
                    u32::from(f.port),
                    peer.ip().to_string(),
                    u32::from(peer.port()),
                )
                .await;
            if let Ok(channel) = opened {
                let mut stream = channel.into_stream();
                let _ = tokio::io::copy_bidirectional(&mut tcp, &mut stream).await;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_openssh_forward_specs() {
        let f = LocalForward::parse("8080:localhost:80").unwrap();
        assert_eq!(
            (f.bind_addr.as_str(), f.bind_port, f.host.as_str(), f.port),
            ("127.0.0.1", 8080, "localhost", 80)
        );
        let f = LocalForward::parse("0.0.0.0:2222:db.internal:5432").unwrap();
        assert_eq!((f.bind_addr.as_str(), f.port), ("0.0.0.0", 5432));
        for bad in ["8080", "8080:host", "x:host:80", "8080::80", "a:b:c:d:e"] {
            assert!(LocalForward::parse(bad).is_err(), "{bad}");
        }
    }
}
