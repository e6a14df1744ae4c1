//! What the benches and the demo share to stand up a cluster: processes killed on drop, a node
//! joined with the command tctl prints and served by a real sshd, answers fed to prompts.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::bench::{free_port, run_ok};

pub(crate) struct Kill(pub(crate) Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub(crate) fn os_user() -> Result<String, String> {
    let out = Command::new("id").arg("-un").output().map_err(|e| e.to_string())?;
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

pub(crate) fn wait_port(port: u16) -> Result<(), String> {
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if start.elapsed() > Duration::from_secs(30) {
            return Err(format!("nothing listens on {port}"));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(())
}

pub(crate) fn stdout_of(cmd: &mut Command, what: &str) -> Result<String, String> {
    let out = cmd
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("{what}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{what} failed"));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A node token (`tctl tokens add --type=node --ttl=TTL`) and the cluster's CA pin.
pub(crate) fn node_token(bin: &Path, config: &Path, ttl: &str) -> Result<(String, String), String> {
    let tctl = || {
        let mut c = Command::new(bin.join("tctl"));
        c.arg("-c").arg(config);
        c
    };
    let text = stdout_of(
        tctl().args(["tokens", "add", "--type=node", &format!("--ttl={ttl}")]),
        "tctl tokens add",
    )?;
    let token = text
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("The invite token: "))
        .ok_or("no token in tctl's answer")?
        .to_string();
    let pin = stdout_of(tctl().arg("status"), "tctl status")?
        .lines()
        .find_map(|l| l.strip_prefix("CA pin").map(|p| p.trim().to_string()))
        .ok_or("no CA pin in tctl status")?;
    Ok((token, pin))
}

/// Joins a node named `name` with `labels` (the token and pin tctl gave) and starts its sshd
/// with what the join wrote (its log in `node_dir/sshd.log`); returns the sshd and its port.
pub(crate) fn joined_node(
    bin: &Path,
    web: u16,
    (token, pin): (&str, &str),
    (name, labels): (&str, &str),
    node_dir: &Path,
) -> Result<(Kill, u16), String> {
    let port = free_port()?;
    join_only(bin, web, (token, pin), (name, labels, port), node_dir)?;
    std::fs::create_dir_all("/run/sshd").map_err(|e| e.to_string())?;
    let sshd_config = node_dir.join("sshd_config");
    std::fs::write(
        &sshd_config,
        format!(
            "Port {port}\nListenAddress 127.0.0.1\nInclude {}\nPidFile {}\nPasswordAuthentication no\n\
             AuthorizedKeysFile none\nPermitRootLogin yes\nStrictModes no\nUsePAM no\nMaxStartups 100:30:200\n\
             Subsystem sftp /usr/lib/openssh/sftp-server\n",
            node_dir.join("sshd_config.teleport").display(),
            node_dir.join("sshd.pid").display()
        ),
    )
    .map_err(|e| e.to_string())?;
    let sshd = Command::new("/usr/sbin/sshd")
        .args(["-D", "-e", "-f"])
        .arg(&sshd_config)
        .stdin(Stdio::null())
        .stderr(std::fs::File::create(node_dir.join("sshd.log")).map_err(|e| e.to_string())?)
        .spawn()
        .map_err(|e| format!("sshd: {e}"))?;
    let sshd = Kill(sshd);
    wait_port(port)?;
    Ok((sshd, port))
}

/// Registers a node named `name` with `labels` at `127.0.0.1:port` (the token and pin tctl
/// gave), writing what the join makes to `node_dir`; starts nothing.
pub(crate) fn join_only(
    bin: &Path,
    web: u16,
    (token, pin): (&str, &str),
    (name, labels, port): (&str, &str, u16),
    node_dir: &Path,
) -> Result<(), String> {
    run_ok(
        Command::new(bin.join("refserver"))
            .args([
                "join",
                "openssh",
                &format!("--token={token}"),
                &format!("--ca-pin={pin}"),
            ])
            .arg(format!("--auth-server=127.0.0.1:{web}"))
            .arg(format!("--address=127.0.0.1:{port}"))
            .arg(format!("--node-name={name}"))
            .arg(format!("--labels={labels}"))
            .arg(format!("--out-dir={}", node_dir.display()))
            .stdout(Stdio::null()),
        "refserver join openssh",
    )
}

pub(crate) fn feed(mut child: Child, line: &str) -> Result<(), String> {
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write as _;
        writeln!(stdin, "{line}").map_err(|e| e.to_string())?;
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err("a setup command failed".into())
    }
}
