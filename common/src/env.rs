//! Every environment variable the suite reads, declared once (the source of the env docs).

/// Proxy address for tsh (`--proxy`).
pub const TELEPORT_PROXY: &str = "TELEPORT_PROXY";
/// Teleport user name for tsh (`--user`); defaults to the OS user.
pub const TELEPORT_USER: &str = "TELEPORT_USER";
/// Where tsh keeps profiles and keys; defaults to `~/.tsh`.
pub const TELEPORT_HOME: &str = "TELEPORT_HOME";
/// tctl: path of an identity file (`-i`).
pub const TELEPORT_IDENTITY_FILE: &str = "TELEPORT_IDENTITY_FILE";
/// tctl: address of the auth server (`--auth-server`).
pub const TELEPORT_AUTH_SERVER: &str = "TELEPORT_AUTH_SERVER";
/// tctl: path of the server's `teleport.yaml` (`-c`).
pub const TELEPORT_CONFIG_FILE: &str = "TELEPORT_CONFIG_FILE";
/// The editor `tctl edit` runs.
pub const EDITOR: &str = "EDITOR";
/// The editor `tctl edit` runs when `EDITOR` is unset.
pub const VISUAL: &str = "VISUAL";
/// Test builds only: the JSON file of the software authenticator that stands in for a USB key.
pub const TSH_SOFT_AUTHENTICATOR: &str = "TSH_SOFT_AUTHENTICATOR";
/// Where tsh keeps private keys: `file`, or `os` for the OS keyring (default: the keyring when
/// one is reachable, else files).
pub const TSH_KEYSTORE: &str = "TSH_KEYSTORE";
/// tsh: the second factor to use (`--mfa-mode`).
pub const TELEPORT_MFA_MODE: &str = "TELEPORT_MFA_MODE";
/// tsh: whether to load keys into the ssh-agent (`--add-keys-to-agent`).
pub const TELEPORT_ADD_KEYS_TO_AGENT: &str = "TELEPORT_ADD_KEYS_TO_AGENT";
/// tsh: `false` keeps tsh away from the system ssh-agent.
pub const TELEPORT_USE_LOCAL_SSH_AGENT: &str = "TELEPORT_USE_LOCAL_SSH_AGENT";
/// The ssh-agent's socket.
pub const SSH_AUTH_SOCK: &str = "SSH_AUTH_SOCK";
/// A CA bundle to trust instead of the system's (as OpenSSL and Go read it).
pub const SSL_CERT_FILE: &str = "SSL_CERT_FILE";
/// The terminal type a remote pty is asked for.
pub const TERM: &str = "TERM";
/// `--headless`.
pub const TELEPORT_HEADLESS: &str = "TELEPORT_HEADLESS";
/// `--auth`: the authentication connector (`headless`).
pub const TELEPORT_AUTH: &str = "TELEPORT_AUTH";
/// `--mlock`.
pub const TELEPORT_MLOCK_MODE: &str = "TELEPORT_MLOCK_MODE";
/// `tsh headless approve --skip-confirm`.
pub const TELEPORT_HEADLESS_SKIP_CONFIRM: &str = "TELEPORT_HEADLESS_SKIP_CONFIRM";
/// The kubeconfig files kubectl reads (`:`-separated); tsh writes to the first.
pub const KUBECONFIG: &str = "KUBECONFIG";
/// What kubectl tells an exec credential plugin (JSON with the `apiVersion` it expects).
pub const KUBERNETES_EXEC_INFO: &str = "KUBERNETES_EXEC_INFO";
/// The shell `tsh proxy kube --exec` starts (default `/bin/sh`).
pub const SHELL: &str = "SHELL";
/// tsh and tctl: how long one call to the cluster may take (a duration such as `30s`; default
/// one minute; headless login's long poll has its own).
pub const TELE_HTTP_TIMEOUT: &str = "TELE_HTTP_TIMEOUT";
