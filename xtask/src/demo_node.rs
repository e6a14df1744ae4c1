//! The demo's OpenSSH node: joined with a node token the way `tctl tokens add --type=node` says,
//! served by a real sshd on a loopback port. Skipped (with a note) where sshd is not installed.

use std::path::Path;

use crate::nodes::{Kill, joined_node, node_token};

/// A running sshd; killed on drop.
pub struct DemoNode {
    _sshd: Kill,
    /// Its port.
    pub port: u16,
}

/// Joins node `dev1` (label `env=dev`) and starts its sshd.
pub fn start(bin: &Path, dir: &Path, config: &Path, web_port: u16) -> Result<Option<DemoNode>, String> {
    if !Path::new("/usr/sbin/sshd").exists() {
        println!("(no /usr/sbin/sshd: the demo runs without a node; apt-get install openssh-server)");
        return Ok(None);
    }
    let (token, pin) = node_token(bin, config, "5m")?;
    let node_dir = dir.join("node-dev1");
    let (sshd, port) = joined_node(bin, web_port, (&token, &pin), ("dev1", "env=dev"), &node_dir)
        .map_err(|e| format!("{e} (see {})", node_dir.join("sshd.log").display()))?;
    Ok(Some(DemoNode { _sshd: sshd, port }))
}
