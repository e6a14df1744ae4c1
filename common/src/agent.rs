//! A client of the ssh-agent protocol (draft-miller-ssh-agent), just enough to load a key with
//! its certificate and a lifetime, list identities, and remove them.
//!
//! Written here rather than taken from ssh-agent-lib: that crate is on ssh-key 0.6 while the
//! suite is on 0.7 (russh's pin), which would pull a second RustCrypto stack for three messages.

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::Duration;

use ssh_key::private::KeypairData;
use ssh_key::{Certificate, HashAlg, Mpint};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::keys::SshKey;

const FAILURE: u8 = 5;
const SUCCESS: u8 = 6;
const REQUEST_IDENTITIES: u8 = 11;
const IDENTITIES_ANSWER: u8 = 12;
const REMOVE_IDENTITY: u8 = 18;
const ADD_ID_CONSTRAINED: u8 = 25;
const CONSTRAIN_LIFETIME: u8 = 1;

/// An identity the agent holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentIdentity {
    /// The public key or certificate blob.
    pub blob: Vec<u8>,
    /// Its comment.
    pub comment: String,
}

/// What went wrong adding a certificate.
#[derive(Debug)]
pub enum AddError {
    /// The agent answered FAILURE: it does not take certificates (gpg-agent, old agents).
    Refused,
    /// The agent could not be reached or spoke nonsense.
    Other(Error),
}

fn string(buf: &mut Vec<u8>, data: &[u8]) {
    buf.extend((data.len() as u32).to_be_bytes());
    buf.extend(data);
}

fn connect(sock: &Path) -> Result<UnixStream> {
    let s = UnixStream::connect(sock)
        .map_err(|e| Error::connection(format!("cannot reach the ssh-agent at {}: {e}", sock.display())))?;
    let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
    Ok(s)
}

fn request(sock: &Path, body: &[u8]) -> Result<Vec<u8>> {
    let mut s = connect(sock)?;
    let mut msg = Vec::with_capacity(body.len() + 4);
    string(&mut msg, body);
    s.write_all(&msg)
        .map_err(|e| Error::connection(format!("ssh-agent: {e}")))?;
    let mut len = [0u8; 4];
    s.read_exact(&mut len)
        .map_err(|e| Error::connection(format!("ssh-agent: {e}")))?;
    let len = u32::from_be_bytes(len) as usize;
    if len == 0 || len > 1 << 20 {
        return Err(Error::connection("ssh-agent: bad reply length"));
    }
    let mut reply = vec![0u8; len];
    s.read_exact(&mut reply)
        .map_err(|e| Error::connection(format!("ssh-agent: {e}")))?;
    Ok(reply)
}

/// Loads a key with its certificate; the agent forgets it after `lifetime_secs`.
pub fn add_certificate(
    sock: &Path,
    key: &SshKey,
    cert: &Certificate,
    comment: &str,
    lifetime_secs: u32,
) -> std::result::Result<(), AddError> {
    let mut body = Zeroizing::new(vec![ADD_ID_CONSTRAINED]);
    encode_certified_key(&mut body, key, cert).map_err(AddError::Other)?;
    string(&mut body, comment.as_bytes());
    body.push(CONSTRAIN_LIFETIME);
    body.extend(lifetime_secs.to_be_bytes());
    match request(sock, &body).map_err(AddError::Other)?.first() {
        Some(&SUCCESS) => Ok(()),
        Some(&FAILURE) => Err(AddError::Refused),
        _ => Err(AddError::Other(Error::connection("ssh-agent: unexpected reply"))),
    }
}

/// The key part of an add request for a certified key (draft-miller-ssh-agent §4.2): the
/// certificate type and blob, then what of the private key the certificate does not carry.
/// For Ed25519 that repeats the public key; RSA sends `d, iqmp, p, q`; ECDSA only `d`.
fn encode_certified_key(body: &mut Vec<u8>, key: &SshKey, cert: &Certificate) -> Result<()> {
    use ssh_key::encoding::Encode;
    let enc = |e: ssh_key::encoding::Error| Error::internal(format!("encoding the key for the agent: {e}"));
    if cert.public_key() != key.private().public_key().key_data() {
        return Err(Error::bad_parameter("the certificate is not for this key"));
    }
    let cert_blob = cert.to_bytes().map_err(|e| Error::internal(e.to_string()))?;
    string(body, cert.algorithm().to_certificate_type().as_bytes());
    string(body, &cert_blob);
    match key.private().key_data() {
        KeypairData::Ed25519(pair) => {
            let mut secret = Zeroizing::new(Vec::with_capacity(64));
            secret.extend_from_slice(pair.private.as_ref());
            secret.extend_from_slice(pair.public.as_ref());
            string(body, pair.public.as_ref());
            string(body, &secret);
        }
        KeypairData::Rsa(pair) => pair.private().encode(body).map_err(enc)?,
        KeypairData::Ecdsa(pair) => {
            let d = Zeroizing::new(Mpint::from_positive_bytes(pair.private_key_bytes()));
            d.encode(body).map_err(enc)?;
        }
        _ => {
            return Err(Error::bad_parameter(format!(
                "{} keys cannot be loaded into the agent",
                key.private().algorithm()
            )));
        }
    }
    Ok(())
}

/// Lists what the agent holds.
pub fn list(sock: &Path) -> Result<Vec<AgentIdentity>> {
    let reply = request(sock, &[REQUEST_IDENTITIES])?;
    let bad = || Error::connection("ssh-agent: malformed identities answer");
    let mut r = Reader(&reply);
    if r.byte().ok_or_else(bad)? != IDENTITIES_ANSWER {
        return Err(bad());
    }
    let n = r.u32().ok_or_else(bad)?;
    let mut out = Vec::new();
    for _ in 0..n {
        let blob = r.string().ok_or_else(bad)?.to_vec();
        let comment = String::from_utf8_lossy(r.string().ok_or_else(bad)?).into_owned();
        out.push(AgentIdentity { blob, comment });
    }
    Ok(out)
}

/// Removes an identity by its blob; returns whether the agent had it.
pub fn remove(sock: &Path, blob: &[u8]) -> Result<bool> {
    let mut body = vec![REMOVE_IDENTITY];
    string(&mut body, blob);
    Ok(request(sock, &body)?.first() == Some(&SUCCESS))
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let (b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(*b)
    }

    fn u32(&mut self) -> Option<u32> {
        let (head, rest) = self.0.split_at_checked(4)?;
        self.0 = rest;
        Some(u32::from_be_bytes(head.try_into().ok()?))
    }

    fn string(&mut self) -> Option<&'a [u8]> {
        let len = self.u32()? as usize;
        let (s, rest) = self.0.split_at_checked(len)?;
        self.0 = rest;
        Some(s)
    }
}

const SIGN_REQUEST: u8 = 13;
const SIGN_RESPONSE: u8 = 14;
const RSA_SHA2_256: u32 = 2;
const RSA_SHA2_512: u32 = 4;

/// The hash an RSA signature request asks for by its flags; none is SHA-1's `ssh-rsa`, which
/// [`SshKey::sign`] refuses.
fn rsa_hash(flags: u32) -> Option<HashAlg> {
    if flags & RSA_SHA2_512 != 0 {
        Some(HashAlg::Sha512)
    } else if flags & RSA_SHA2_256 != 0 {
        Some(HashAlg::Sha256)
    } else {
        None
    }
}

/// Serves one agent connection (a forwarded `auth-agent@openssh.com` channel) from memory: it
/// lists the login's certificate and signs with its key, and refuses everything else (adding,
/// removing, locking). This is tsh's key-ring agent that a recording proxy signs through.
pub async fn serve<S>(mut stream: S, key: &SshKey, cert: &Certificate, comment: &str) -> Result<()>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    use ssh_key::encoding::Encode;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let cert_blob = cert.to_bytes().map_err(|e| Error::internal(e.to_string()))?;
    let io = |e: std::io::Error| Error::connection(format!("forwarded agent: {e}"));
    loop {
        let mut len = [0u8; 4];
        match stream.read_exact(&mut len).await {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(e) => return Err(io(e)),
        }
        let len = u32::from_be_bytes(len) as usize;
        if len == 0 || len > 256 * 1024 {
            return Err(Error::connection("forwarded agent: bad request length"));
        }
        let mut req = vec![0u8; len];
        stream.read_exact(&mut req).await.map_err(io)?;
        let mut reply = Vec::new();
        let mut r = Reader(&req);
        match r.byte() {
            Some(REQUEST_IDENTITIES) => {
                reply.push(IDENTITIES_ANSWER);
                reply.extend(1u32.to_be_bytes());
                string(&mut reply, &cert_blob);
                string(&mut reply, comment.as_bytes());
            }
            Some(SIGN_REQUEST) => {
                let blob = r.string().unwrap_or_default();
                let data = r.string().unwrap_or_default();
                let flags = r.u32().unwrap_or(0);
                let ours =
                    blob == cert_blob.as_slice() || key.private().public_key().to_bytes().is_ok_and(|b| b == blob);
                let signed = ours
                    .then(|| key.sign(data, rsa_hash(flags)).ok())
                    .flatten()
                    .and_then(|sig| sig.encode_vec().ok());
                match signed {
                    Some(sig) => {
                        reply.push(SIGN_RESPONSE);
                        string(&mut reply, &sig);
                    }
                    None => reply.push(FAILURE),
                }
            }
            _ => reply.push(FAILURE),
        }
        let mut msg = Vec::with_capacity(reply.len() + 4);
        string(&mut msg, &reply);
        stream.write_all(&msg).await.map_err(io)?;
        stream.flush().await.map_err(io)?;
    }
}
