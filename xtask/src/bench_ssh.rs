//! SSH figures of `cargo xtask bench`: `tsh ssh node true` through the proxy (reached through the
//! web port's TLS routing, as on a stock Teleport 17 proxy: the cluster opens no SSH port) against plain
//! OpenSSH `ssh` to the same sshd, and 1 GiB `tsh scp` (direct and through a recording proxy)
//! against plain `scp` to the same sshd. Every figure is a ratio within the same run.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::bench::{free_port, ms, ratio, run_ok, timed_n};
use crate::nodes::{Kill, feed, joined_node, node_token, os_user, wait_port};

const GIB: u64 = 1 << 30;

/// A cluster with one joined node and a logged-in user; `recording` at the proxy or not.
struct Cluster {
    _server: Kill,
    _sshd: Kill,
    bin: PathBuf,
    home: PathBuf,
    login: String,
    sshd_port: u16,
    plain_key: PathBuf,
}

impl Cluster {
    fn start(bin: &Path, dir: &Path, recording: bool) -> Result<Self, String> {
        let login = os_user()?;
        // No separate SSH port: tsh reaches SSH through the web port's TLS routing.
        let web = free_port()?;
        let config = dir.join("teleport.yaml");
        let mode = if recording { "proxy" } else { "node" };
        std::fs::write(
            &config,
            format!(
                "teleport:\n  data_dir: {}\nauth_service:\n  cluster_name: bench.test\n  session_recording: {mode}\n  authentication:\n    second_factor: \"off\"\nproxy_service:\n  web_listen_addr: 127.0.0.1:{web}\n",
                dir.join("data").display()
            ),
        )
        .map_err(|e| e.to_string())?;
        let refserver = bin.join("refserver");
        let server = Command::new(&refserver)
            .arg("start")
            .arg("-c")
            .arg(&config)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?;
        let server = Kill(server);
        wait_port(web)?;
        let tctl = |args: &[&str]| {
            let mut c = Command::new(bin.join("tctl"));
            c.arg("-c").arg(&config).args(args);
            c
        };
        let (token, pin) = node_token(bin, &config, "30m")?;
        let (sshd, sshd_port) = joined_node(bin, web, (&token, &pin), ("node1", "env=bench"), &dir.join("node"))?;
        let add = Command::new(&refserver)
            .args([
                "users",
                "add",
                "bench",
                "--roles=access",
                &format!("--logins={login}"),
                "--password-stdin",
                "-c",
            ])
            .arg(&config)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?;
        feed(add, "bench-password-123")?;
        let home = dir.join("tsh-home");
        let cluster = Self {
            _server: server,
            _sshd: sshd,
            bin: bin.to_path_buf(),
            home,
            login,
            sshd_port,
            plain_key: dir.join("plain"),
        };
        let mut login_cmd = cluster.tsh(&[
            "login",
            "--user=bench",
            &format!("--proxy=localhost:{web}"),
            "--insecure",
        ]);
        let child = login_cmd.stdin(Stdio::piped()).spawn().map_err(|e| e.to_string())?;
        feed(child, "bench-password-123")?;
        let out = format!("--out={}", cluster.plain_key.display());
        run_ok(
            tctl(&["auth", "sign", "--user=bench", "--format=openssh", &out, "--ttl=1h"]).stdout(Stdio::null()),
            "tctl auth sign",
        )?;
        Ok(cluster)
    }

    fn tsh(&self, args: &[&str]) -> Command {
        let mut c = Command::new(self.bin.join("tsh"));
        c.args(args)
            .env("TELEPORT_HOME", &self.home)
            .env("TSH_KEYSTORE", "file")
            .env_remove("SSH_AUTH_SOCK")
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        c
    }

    fn openssh(&self, program: &str, port_flag: &str) -> Command {
        let mut c = Command::new(program);
        c.args([
            "-F",
            "/dev/null",
            "-o",
            "BatchMode=yes",
            "-o",
            "StrictHostKeyChecking=no",
        ])
        .args([
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "IdentityAgent=none",
            "-o",
            "LogLevel=ERROR",
        ])
        .arg("-i")
        .arg(&self.plain_key)
        .args([port_flag, &self.sshd_port.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::null());
        c
    }
}

fn big_file(path: &Path) -> Result<(), String> {
    run_ok(
        Command::new("head")
            .arg("-c")
            .arg(GIB.to_string())
            .arg("/dev/urandom")
            .stdout(std::fs::File::create(path).map_err(|e| e.to_string())?),
        "making a 1 GiB file",
    )
}

fn scp_pair(c: &Cluster, file: &Path, dir: &Path) -> Result<(Duration, Duration), String> {
    let dst_tsh = format!("{}@node1:{}/via-tsh", c.login, dir.display());
    let dst_plain = format!("{}@127.0.0.1:{}/via-scp", c.login, dir.display());
    let file = file.to_str().unwrap_or_default().to_string();
    let tsh = timed_n(3, || run_ok(&mut c.tsh(&["scp", "-q", &file, &dst_tsh]), "tsh scp"))?;
    let plain = timed_n(3, || {
        run_ok(c.openssh("scp", "-P").arg("-q").arg(&file).arg(&dst_plain), "scp")
    })?;
    Ok((tsh, plain))
}

/// Runs the SSH figures in `dir`.
pub fn run(bin: &Path, dir: &Path) -> Result<(), String> {
    let direct_dir = dir.join("ssh-direct");
    let rec_dir = dir.join("ssh-recording");
    for d in [&direct_dir, &rec_dir] {
        std::fs::create_dir_all(d).map_err(|e| e.to_string())?;
    }
    let file = dir.join("1gib.bin");
    big_file(&file)?;
    let direct = Cluster::start(bin, &direct_dir, false)?;
    let target = format!("{}@node1", direct.login);
    let tsh = timed_n(21, || run_ok(&mut direct.tsh(&["ssh", &target, "true"]), "tsh ssh"))?;
    let plain_target = format!("{}@127.0.0.1", direct.login);
    let ssh = timed_n(21, || {
        run_ok(direct.openssh("ssh", "-p").arg(&plain_target).arg("true"), "ssh")
    })?;
    println!("ssh node true (plain OpenSSH):    {:7.1} ms", ms(ssh));
    println!(
        "tsh ssh node true (TLS routing):  {:7.1} ms  ({:.2}x plain ssh; budget 1.0x)",
        ms(tsh),
        ratio(tsh, ssh)
    );
    let (t, p) = scp_pair(&direct, &file, &direct_dir)?;
    println!("scp 1 GiB (plain OpenSSH scp):    {:7.0} ms", ms(p));
    println!(
        "tsh scp 1 GiB (direct):           {:7.0} ms  ({:.2}x plain scp throughput)",
        ms(t),
        ratio(p, t)
    );
    drop(direct);
    let rec = Cluster::start(bin, &rec_dir, true)?;
    let (t, p) = scp_pair(&rec, &file, &rec_dir)?;
    println!("scp 1 GiB (plain, same run):      {:7.0} ms", ms(p));
    println!(
        "tsh scp 1 GiB (recording proxy):  {:7.0} ms  ({:.2}x plain scp throughput; budget >= 0.7x)",
        ms(t),
        ratio(p, t)
    );
    let _ = std::fs::remove_file(&file);
    drop(rec);
    crate::bench_mfa::run(bin, dir)
}
