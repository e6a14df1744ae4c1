//! Where private keys rest: the OS keyring when one is reachable (keyring-core with the Secret
//! Service store, feature `os-keyring`), otherwise files under `~/.tsh/keys` (0600), as
//! Teleport keeps them. `TSH_KEYSTORE=file|os` forces a choice.

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use keyring_core::{CredentialStore, Entry};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::context::Context;
use crate::env;
use crate::error::{Error, Result, io_error};
use crate::fsutil;

/// The keyring service name entries are filed under.
const SERVICE: &str = "teleport-tsh";

/// Which store holds a profile's private keys.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyStoreKind {
    /// Files under `keys/<proxy>/`, mode 0600.
    #[default]
    File,
    /// The OS keyring.
    OsKeyring,
    /// Nowhere on this machine: the keys live only in the ssh-agent (`--add-keys-to-agent=only`).
    AgentOnly,
}

impl fmt::Display for KeyStoreKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::File => "file",
            Self::OsKeyring => "OS keyring",
            Self::AgentOnly => "ssh-agent only",
        })
    }
}

/// Which key of a login.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// The SSH private key (OpenSSH PEM).
    Ssh,
    /// The TLS private key (PKCS#8 PEM, or PKCS#1 for RSA as Teleport writes it).
    Tls,
}

/// A place that keeps secrets by (proxy, user, kind).
pub trait SecretStore {
    /// Which store this is.
    fn kind(&self) -> KeyStoreKind;
    /// Stores a secret.
    fn put(&self, proxy: &str, user: &str, key: KeyKind, secret: &[u8]) -> Result<()>;
    /// Reads a secret.
    fn get(&self, proxy: &str, user: &str, key: KeyKind) -> Result<Zeroizing<Vec<u8>>>;
    /// Deletes a secret; a missing one is fine.
    fn delete(&self, proxy: &str, user: &str, key: KeyKind) -> Result<()>;
}

/// Files under `<tsh home>/keys/<proxy>/`: `<user>` (SSH) and `<user>.key` (TLS).
pub struct FileStore {
    keys_dir: PathBuf,
}

impl FileStore {
    /// A store under `<home>/keys`.
    pub fn new(keys_dir: PathBuf) -> Self {
        Self { keys_dir }
    }

    /// The file a key lives in.
    pub fn path(&self, proxy: &str, user: &str, key: KeyKind) -> PathBuf {
        let dir = self.keys_dir.join(proxy);
        match key {
            KeyKind::Ssh => dir.join(user),
            KeyKind::Tls => dir.join(format!("{user}.key")),
        }
    }
}

impl SecretStore for FileStore {
    fn kind(&self) -> KeyStoreKind {
        KeyStoreKind::File
    }

    fn put(&self, proxy: &str, user: &str, key: KeyKind, secret: &[u8]) -> Result<()> {
        fsutil::write_private_creating(&self.path(proxy, user, key), secret)
    }

    fn get(&self, proxy: &str, user: &str, key: KeyKind) -> Result<Zeroizing<Vec<u8>>> {
        let path = self.path(proxy, user, key);
        std::fs::read(&path)
            .map(Zeroizing::new)
            .map_err(|e| io_error("reading key", &path, e))
    }

    fn delete(&self, proxy: &str, user: &str, key: KeyKind) -> Result<()> {
        fsutil::remove_file(&self.path(proxy, user, key))
    }
}

/// The OS keyring, through a keyring-core store.
pub struct KeyringStore {
    store: Arc<CredentialStore>,
    // Entries are kept for the life of the store: some stores (the mock) hold the secret only
    // in the entry, and rebuilding entries is wasted work for the others.
    entries: Mutex<HashMap<String, Entry>>,
}

impl KeyringStore {
    /// Wraps a keyring-core store.
    pub fn new(store: Arc<CredentialStore>) -> Self {
        Self {
            store,
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn with_entry<T>(
        &self,
        proxy: &str,
        user: &str,
        key: KeyKind,
        f: impl FnOnce(&Entry) -> keyring_core::Result<T>,
    ) -> Result<T> {
        let name = format!("{proxy}/{user}/{}", if key == KeyKind::Ssh { "ssh" } else { "tls" });
        let mut entries = self.entries.lock().map_err(|_| Error::internal("keyring lock"))?;
        let entry = match entries.get(&name) {
            Some(e) => e,
            None => {
                let e = self.store.build(SERVICE, &name, None).map_err(keyring_error)?;
                entries.entry(name).or_insert(e)
            }
        };
        f(entry).map_err(keyring_error)
    }
}

impl SecretStore for KeyringStore {
    fn kind(&self) -> KeyStoreKind {
        KeyStoreKind::OsKeyring
    }

    fn put(&self, proxy: &str, user: &str, key: KeyKind, secret: &[u8]) -> Result<()> {
        self.with_entry(proxy, user, key, |e| e.set_secret(secret))
    }

    fn get(&self, proxy: &str, user: &str, key: KeyKind) -> Result<Zeroizing<Vec<u8>>> {
        self.with_entry(proxy, user, key, |e| e.get_secret())
            .map(Zeroizing::new)
    }

    fn delete(&self, proxy: &str, user: &str, key: KeyKind) -> Result<()> {
        match self.with_entry(proxy, user, key, |e| e.delete_credential()) {
            Err(e) if e.kind() == crate::error::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }
}

fn keyring_error(e: keyring_core::Error) -> Error {
    match e {
        keyring_core::Error::NoEntry => {
            Error::not_found("the key is not in the OS keyring").with_hint("log in again with tsh login")
        }
        keyring_core::Error::NoStorageAccess(_) => Error::access_denied(format!("the OS keyring refused access: {e}"))
            .with_hint("unlock the keyring, or use files with TSH_KEYSTORE=file"),
        other => Error::internal(format!("OS keyring: {other}")).with_hint("use files with TSH_KEYSTORE=file"),
    }
}

/// Picks the store for a new login: `TSH_KEYSTORE`, else the OS keyring when reachable, else
/// files.
pub fn select(ctx: &Context, keys_dir: PathBuf) -> Result<Box<dyn SecretStore>> {
    match ctx.var(env::TSH_KEYSTORE) {
        Some("file") => Ok(Box::new(FileStore::new(keys_dir))),
        Some("os") => os_keyring().ok_or_else(|| {
            Error::bad_parameter("TSH_KEYSTORE=os, but no OS keyring is reachable")
                .with_hint("start a Secret Service (e.g. gnome-keyring) or use TSH_KEYSTORE=file")
        }),
        Some(other) => Err(Error::bad_parameter(format!(
            "TSH_KEYSTORE={other:?}: expected file or os"
        ))),
        None => Ok(os_keyring().unwrap_or_else(|| Box::new(FileStore::new(keys_dir)))),
    }
}

/// Opens the store a profile's keys are in.
pub fn open(kind: KeyStoreKind, keys_dir: PathBuf) -> Result<Box<dyn SecretStore>> {
    match kind {
        KeyStoreKind::File | KeyStoreKind::AgentOnly => Ok(Box::new(FileStore::new(keys_dir))),
        KeyStoreKind::OsKeyring => os_keyring().ok_or_else(|| {
            Error::unauthenticated("this profile's keys are in the OS keyring, which is not reachable now")
                .with_hint("unlock or start the keyring, or log in again with TSH_KEYSTORE=file")
        }),
    }
}

#[cfg(feature = "os-keyring")]
fn os_keyring() -> Option<Box<dyn SecretStore>> {
    // On a box without a D-Bus session or a secrets daemon this fails at once (observed).
    let store = zbus_secret_service_keyring_store::Store::new().ok()?;
    Some(Box::new(KeyringStore::new(store)))
}

#[cfg(not(feature = "os-keyring"))]
fn os_keyring() -> Option<Box<dyn SecretStore>> {
    None
}

#[cfg(test)]
mod tests {
    use keyring_core::mock;

    use super::*;

    #[test]
    fn keyring_store_keeps_and_forgets_secrets() {
        let store = KeyringStore::new(mock::Store::new().unwrap());
        store
            .put("proxy.example.com", "alice", KeyKind::Ssh, b"ssh-secret")
            .unwrap();
        store
            .put("proxy.example.com", "alice", KeyKind::Tls, b"tls-secret")
            .unwrap();
        assert_eq!(
            &*store.get("proxy.example.com", "alice", KeyKind::Ssh).unwrap(),
            b"ssh-secret"
        );
        assert_eq!(
            &*store.get("proxy.example.com", "alice", KeyKind::Tls).unwrap(),
            b"tls-secret"
        );
        store.delete("proxy.example.com", "alice", KeyKind::Ssh).unwrap();
        let err = store.get("proxy.example.com", "alice", KeyKind::Ssh).unwrap_err();
        assert_eq!(err.kind(), crate::error::ErrorKind::NotFound);
        assert!(err.hint().unwrap().contains("tsh login"));
        // Deleting what is gone is fine.
        store.delete("proxy.example.com", "alice", KeyKind::Ssh).unwrap();
    }

    #[test]
    fn keyring_failures_say_what_to_do() {
        let store = KeyringStore::new(mock::Store::new().unwrap());
        store.put("p", "u", KeyKind::Ssh, b"x").unwrap();
        store
            .with_entry("p", "u", KeyKind::Ssh, |e| {
                let cred: &mock::Cred = e.as_any().downcast_ref().unwrap();
                cred.set_error(keyring_core::Error::NoStorageAccess(Box::new(std::io::Error::other(
                    "locked",
                ))));
                Ok(())
            })
            .unwrap();
        let err = store.get("p", "u", KeyKind::Ssh).unwrap_err();
        assert_eq!(err.kind(), crate::error::ErrorKind::AccessDenied);
        assert!(err.hint().unwrap().contains("TSH_KEYSTORE=file"));
        // The error was one-shot: the secret is still there.
        assert_eq!(&*store.get("p", "u", KeyKind::Ssh).unwrap(), b"x");
    }

    #[test]
    fn file_store_writes_owner_only_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let store = FileStore::new(dir.path().join("keys"));
        store.put("proxy", "alice", KeyKind::Tls, b"secret").unwrap();
        let path = store.path("proxy", "alice", KeyKind::Tls);
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(
            std::fs::metadata(path.parent().unwrap()).unwrap().permissions().mode() & 0o777,
            0o700
        );
        assert_eq!(&*store.get("proxy", "alice", KeyKind::Tls).unwrap(), b"secret");
    }

    #[test]
    fn selection_honours_tsh_keystore() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = Context::for_test(&[("TSH_KEYSTORE", "file")]);
        assert_eq!(select(&ctx, dir.path().into()).unwrap().kind(), KeyStoreKind::File);
        let ctx = Context::for_test(&[("TSH_KEYSTORE", "vault")]);
        assert!(select(&ctx, dir.path().into()).is_err());
    }
}
