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
/// Disables colour on every output (<https://no-color.org>).
pub const NO_COLOR: &str = "NO_COLOR";
