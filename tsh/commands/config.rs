//! `tsh config`: an ssh_config block so that OpenSSH's `ssh node.<cluster>` goes through the
//! proxy with `tsh proxy ssh` (Teleport's layout).

use tele_common::error::Result;
use tele_common::keystore::KeyStoreKind;

use crate::cli::Env;

/// Print OpenSSH configuration details
#[derive(clap::Args)]
pub struct ConfigArgs {}

pub fn run(env: &mut Env, _args: ConfigArgs) -> Result<()> {
    let (home, session) = env.session()?;
    let p = &session.profile;
    let cluster = &p.cluster;
    let proxy_host = p.name();
    let tsh = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "tsh".into());
    let keys = home.keys(&proxy_host, &p.user);
    let identity = match p.key_store {
        KeyStoreKind::File => format!(
            "    IdentityFile \"{}\"\n    CertificateFile \"{}\"\n",
            keys.dir().join(&p.user).display(),
            keys.ssh_cert(cluster).display()
        ),
        // Keys in the OS keyring or only in the agent: OpenSSH signs through the ssh-agent.
        _ => String::new(),
    };
    let text = format!(
        "# Begin generated Teleport configuration for {proxy_host} by tsh\n\
         \n\
         # Common flags for all {cluster} hosts\n\
         Host *.{cluster} {proxy_host}\n    \
         UserKnownHostsFile \"{known_hosts}\"\n\
         {identity}    \
         HostKeyAlgorithms ssh-ed25519-cert-v01@openssh.com,ecdsa-sha2-nistp256-cert-v01@openssh.com,\
         rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com\n\
         \n\
         # Flags for all {cluster} hosts except the proxy\n\
         Host *.{cluster} !{proxy_host}\n    \
         Port 22\n    \
         ProxyCommand \"{tsh}\" proxy ssh --cluster={cluster} --proxy={web} %r@%h:%p\n\
         \n\
         # End generated Teleport configuration\n",
        known_hosts = home.known_hosts().display(),
        web = p.web_proxy_addr,
    );
    env.out(&text)
}
