//! The demo's OpenSSH node: joined with a node token the way `tctl tokens add --type=node` says,
//! served by a real sshd on a loopback port. Skipped (with a note) where sshd is not installed.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running sshd; killed on drop.
pub struct DemoNode {
    child: Child,
    /// Its port.
    pub port: u16,
}

impl Drop for DemoNode {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn stdout_of(cmd: &mut Command) -> Result<String, String> {
    let out = cmd.output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Joins node `dev1` (label `env=dev`) and starts its sshd.
pub fn start(bin: &Path, dir: &Path, config: &Path, web_port: u16) -> Result<Option<DemoNode>, String> {
    let sshd = Path::new("/usr/sbin/sshd");
    if !sshd.exists() {
        println!("(no /usr/sbin/sshd: the demo runs without a node; apt-get install openssh-server)");
        return Ok(None);
    }
    let tctl = || {
        let mut c = Command::new(bin.join("tctl"));
        c.arg("-c").arg(config);
        c
    };
    let text = stdout_of(tctl().args(["tokens", "add", "--type=node", "--ttl=5m"]))?;
    let token = text
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("The invite token: "))
        .ok_or("no token in tctl's answer")?
        .to_string();
    let pin = stdout_of(tctl().arg("status"))?
        .lines()
        .find_map(|l| l.strip_prefix("CA pin").map(|p| p.trim().to_string()))
        .ok_or("no CA pin in tctl status")?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| e.to_string())?;
    let node_dir = dir.join("node-dev1");
    stdout_of(
        Command::new(bin.join("refserver"))
            .args([
                "join",
                "openssh",
                &format!("--token={token}"),
                &format!("--ca-pin={pin}"),
            ])
            .arg(format!("--auth-server=127.0.0.1:{web_port}"))
            .arg(format!("--address=127.0.0.1:{port}"))
            .args(["--node-name=dev1", "--labels=env=dev"])
            .arg(format!("--out-dir={}", node_dir.display())),
    )?;
    let _ = std::fs::create_dir_all("/run/sshd");
    let sshd_config = dir.join("sshd_config");
    std::fs::write(
        &sshd_config,
        format!(
            "Port {port}\nListenAddress 127.0.0.1\nInclude {}\nPidFile {}\nPasswordAuthentication no\n\
             AuthorizedKeysFile none\nPermitRootLogin yes\nStrictModes no\nUsePAM no\n\
             Subsystem sftp /usr/lib/openssh/sftp-server\n",
            node_dir.join("sshd_config.teleport").display(),
            dir.join("sshd.pid").display()
        ),
    )
    .map_err(|e| e.to_string())?;
    let log = std::fs::File::create(dir.join("sshd.log")).map_err(|e| e.to_string())?;
    let child = Command::new(sshd)
        .args(["-D", "-e", "-f"])
        .arg(&sshd_config)
        .stdin(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| format!("starting sshd: {e}"))?;
    let mut node = DemoNode { child, port };
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = node.child.try_wait() {
            return Err(format!(
                "sshd exited with {status}; see {}",
                dir.join("sshd.log").display()
            ));
        }
        if Instant::now() > deadline {
            return Err("sshd did not listen within 20 s".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(Some(node))
}
