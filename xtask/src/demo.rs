//! `cargo xtask demo`: builds, starts a local cluster on the embedded SQLite default with a
//! demo admin and a demo user, prints what to try next; Ctrl-C stops it.

use std::io::Write;
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{cargo, check, target_dir};

/// Demo credentials: for a local demo only, printed on purpose.
const USERS: [(&str, &str, &str, &str); 2] = [
    (
        "admin",
        "editor,access",
        "demo-admin-password",
        "JBSWY3DPEHPK3PXPJBSWY3DP",
    ),
    (
        "alice",
        "access,demo-db",
        "demo-alice-password",
        "KRSXG5CTMVRXEZLUKRSXG5CT",
    ),
];

pub fn run(args: &[String]) -> Result<(), String> {
    let port: u16 = match args {
        [flag, p] if flag == "--web-port" => p.parse().map_err(|_| format!("--web-port: {p:?} is not a port"))?,
        [] => 3080,
        _ => return Err("usage: cargo xtask demo [--web-port N]".into()),
    };
    check(
        cargo().args(["build", "--quiet", "--workspace", "--bins"]),
        "building tsh, tctl and refserver",
    )?;
    let bin = target_dir().join("debug");
    let dir = target_dir().join("demo");
    let data = dir.join("data");
    if data.exists() {
        std::fs::remove_dir_all(&data).map_err(|e| format!("clearing {}: {e}", data.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    let config = dir.join("teleport.yaml");
    // The proxy's SSH port: Teleport's 3023 next to the default web port.
    let ssh_port = if port == 3080 { 3023 } else { port + 1 };
    let os_user = std::env::var("USER").unwrap_or_else(|_| "root".into());
    std::fs::write(
        &config,
        format!(
            "version: v3\nteleport:\n  data_dir: {data}\nauth_service:\n  cluster_name: localhost\n  authentication:\n    type: local\n    second_factor: \"on\"\n    webauthn:\n      rp_id: localhost\nproxy_service:\n  web_listen_addr: 127.0.0.1:{port}\n  public_addr: localhost:{port}\n  listen_addr: 127.0.0.1:{ssh_port}\n",
            data = data.display()
        ),
    )
    .map_err(|e| format!("writing {}: {e}", config.display()))?;

    let mut server = Command::new(bin.join("refserver"))
        .arg("start")
        .arg("-c")
        .arg(&config)
        .stdin(Stdio::null())
        .spawn()
        .map_err(|e| format!("starting refserver: {e}"))?;
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = server.try_wait() {
            return Err(format!(
                "refserver exited with {status} (is port {port} free? try --web-port)"
            ));
        }
        if Instant::now() > deadline {
            let _ = server.kill();
            return Err("refserver did not start listening within 30 s".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    if let Err(e) = crate::demo_db::create_role(&bin, &dir, &config) {
        let _ = server.kill();
        return Err(e);
    }
    for (name, roles, password, secret) in USERS {
        let mut add = Command::new(bin.join("refserver"))
            .args(["users", "add", name, "-c"])
            .arg(&config)
            .arg(format!("--roles={roles}"))
            .arg(format!("--logins={os_user},root"))
            .arg("--password-stdin")
            .arg(format!("--totp-secret={secret}"))
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("adding {name}: {e}"))?;
        add.stdin
            .take()
            .map(|mut s| writeln!(s, "{password}"))
            .transpose()
            .map_err(|e| e.to_string())?;
        if !add.wait().map_err(|e| e.to_string())?.success() {
            let _ = server.kill();
            return Err(format!("adding demo user {name} failed"));
        }
    }
    let node = match crate::demo_node::start(&bin, &dir, &config, port) {
        Ok(n) => n,
        Err(e) => {
            let _ = server.kill();
            return Err(format!("starting the demo node: {e}"));
        }
    };
    let db = match crate::demo_db::start(&bin, &dir, &config) {
        Ok(db) => db,
        Err(e) => {
            let _ = server.kill();
            return Err(format!("starting the demo database: {e}"));
        }
    };
    let tctl = format!("{} -c {}", bin.join("tctl").display(), config.display());
    let tsh = bin.join("tsh").display().to_string();
    let node_hint = match &node {
        Some(n) => format!(
            "  {tctl} nodes ls                       # dev1, an OpenSSH sshd on 127.0.0.1:{}\n  \
             {tsh} login --proxy=localhost:{port} --user=alice --insecure\n  \
             {tsh} ls\n  \
             {tsh} ssh {os_user}@dev1 uname -a\n",
            n.port
        ),
        None => String::new(),
    };
    let db_hint = match &db {
        Some(pg) => format!(
            "  {tsh} db ls                          # demo-pg, a PostgreSQL on 127.0.0.1:{}\n  \
             {tsh} db connect demo-pg --db-user=alice --db-name=postgres\n",
            pg.port
        ),
        None => String::new(),
    };
    println!(
        "\nA demo cluster \"localhost\" is running at https://localhost:{port} (data in {data}).\n\n\
         Users (password, TOTP secret; a code: oathtool --totp -b SECRET):\n  \
         admin  {}  {}  roles editor,access\n  \
         alice  {}  {}  roles access,demo-db\n\n\
         Try:\n  \
         {tctl} status\n  \
         {tctl} tokens add --type=node --ttl=5m\n  \
         {tctl} tokens ls\n  \
         {tctl} users ls\n  \
         {tctl} get cap\n  \
         {tctl} auth sign --user=alice --format=openssh --out=/tmp/alice && ssh-keygen -L -f /tmp/alice-cert.pub\n\
         {node_hint}{db_hint}\n\
         Press Ctrl-C to stop.\n",
        USERS[0].2,
        USERS[0].3,
        USERS[1].2,
        USERS[1].3,
        data = data.display(),
    );
    let status = server.wait().map_err(|e| e.to_string())?;
    drop(node);
    drop(db);
    if status.success() || status.code().is_none() {
        Ok(())
    } else {
        Err(format!("refserver exited with {status}"))
    }
}
