//! The per-session MFA figure of `cargo xtask bench`: `tsh ssh prod1 true` (a node whose role
//! asks for MFA: a challenge, one assertion of the software key, a single-use certificate)
//! against `tsh ssh dev1 true` (no MFA), same cluster, same run; and the same pair to nodes
//! where nothing listens, which takes sshd's varying start-up out of both sides. The software key exists only in
//! builds with the `soft-authenticator` feature, so this part builds such a tsh of its own and
//! puts the normal release tsh back afterwards.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::bench::{free_port, median, ms, run_ok};
use crate::nodes::{Kill, feed, join_only, joined_node, node_token, os_user, stdout_of, wait_port};
use crate::{cargo, check, target_dir};

const PASSWORD: &str = "bench-password-123";
/// Runs of each side of the per-session MFA figures.
const RUNS: usize = 51;
const SECRETS: [&str; 2] = ["JBSWY3DPEHPK3PXPJBSWY3DPJBSWY3DP", "KRSXG5CTMVRXEZLUKRSXG5CTKRSXG5CT"];

fn soft_tsh(dir: &Path) -> Result<PathBuf, String> {
    let build = |features: &[&str]| {
        check(
            cargo()
                .args(["build", "--quiet", "--release", "--bin", "tsh"])
                .args(features),
            "building tsh",
        )
    };
    build(&["--features", "soft-authenticator"])?;
    let soft = dir.join("tsh-soft");
    std::fs::copy(target_dir().join("release/tsh"), &soft).map_err(|e| e.to_string())?;
    // Never leave a software-key tsh where release binaries are.
    build(&[])?;
    Ok(soft)
}

fn code(secret: &str) -> Result<String, String> {
    Ok(
        stdout_of(Command::new("oathtool").args(["--totp", "-b", secret]), "oathtool")?
            .trim()
            .to_string(),
    )
}

/// Runs the MFA figure in `dir`.
pub fn run(bin: &Path, dir: &Path) -> Result<(), String> {
    let dir = dir.join("mfa");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let tsh_bin = soft_tsh(&dir)?;
    let login = os_user()?;
    // No separate SSH port: tsh reaches SSH through the web port's TLS routing.
    let web = free_port()?;
    let config = dir.join("teleport.yaml");
    std::fs::write(
        &config,
        format!(
            "teleport:\n  data_dir: {}\nauth_service:\n  cluster_name: bench.test\n  authentication:\n    second_factor: \"on\"\n    webauthn:\n      rp_id: localhost\nproxy_service:\n  web_listen_addr: 127.0.0.1:{web}\n",
            dir.join("data").display()
        ),
    )
    .map_err(|e| e.to_string())?;
    let bootstrap = dir.join("roles.yaml");
    std::fs::write(
        &bootstrap,
        format!(
            "kind: role\nversion: v7\nmetadata:\n  name: access-dev\nspec:\n  allow:\n    logins: [{login}]\n    node_labels:\n      env: dev\n\
             ---\nkind: role\nversion: v7\nmetadata:\n  name: access-prod\nspec:\n  options:\n    require_session_mfa: true\n  allow:\n    logins: [{login}]\n    node_labels:\n      env: prod\n\
             ---\nkind: role\nversion: v7\nmetadata:\n  name: apps-bench\nspec:\n  allow:\n    db_labels:\n      env: dev\n    db_users: [bench]\n    db_names: ['*']\n    kubernetes_labels:\n      env: dev\n    kubernetes_groups: [viewers]\n"
        ),
    )
    .map_err(|e| e.to_string())?;
    let refserver = bin.join("refserver");
    let _server = Kill(
        Command::new(&refserver)
            .arg("start")
            .arg("-c")
            .arg(&config)
            .arg("--bootstrap")
            .arg(&bootstrap)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| e.to_string())?,
    );
    wait_port(web)?;
    let (token, pin) = node_token(bin, &config, "30m")?;
    let mut nodes = Vec::new();
    for (name, label) in [("dev1", "env=dev"), ("prod1", "env=prod")] {
        nodes.push(joined_node(bin, web, (&token, &pin), (name, label), &dir.join(name))?.0);
    }
    // Registered where nothing listens: see `unreachable` below.
    for (name, label) in [("devgone", "env=dev"), ("prodgone", "env=prod")] {
        join_only(bin, web, (&token, &pin), (name, label, free_port()?), &dir.join(name))?;
    }
    let mut add = Command::new(&refserver);
    add.args([
        "users",
        "add",
        "bench",
        "--roles=access-dev,access-prod,apps-bench",
        &format!("--logins={login}"),
    ])
    .arg("--password-stdin")
    .args(SECRETS.map(|s| format!("--totp-secret={s}")))
    .arg("-c")
    .arg(&config)
    .stdin(Stdio::piped())
    .stdout(Stdio::null());
    feed(add.spawn().map_err(|e| e.to_string())?, PASSWORD)?;
    let home = dir.join("tsh-home");
    let tsh = |args: &[&str]| {
        let mut c = Command::new(&tsh_bin);
        c.args(args)
            .env("TELEPORT_HOME", &home)
            .env("TSH_KEYSTORE", "file")
            .env("TSH_SOFT_AUTHENTICATOR", dir.join("softkey.json"))
            .env_remove("SSH_AUTH_SOCK")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    };
    let proxy = format!("--proxy=localhost:{web}");
    let answers = format!("{PASSWORD}\n{}", code(SECRETS[0])?);
    feed(
        tsh(&["login", "--insecure", "--user=bench", &proxy])
            .spawn()
            .map_err(|e| e.to_string())?,
        &answers,
    )?;
    let add_key = tsh(&["mfa", "add", "--name=key", "--type=WEBAUTHN", "--mfa-mode=otp"]).spawn();
    feed(add_key.map_err(|e| e.to_string())?, &code(SECRETS[1])?)?;
    let run = |node: &str| {
        let target = format!("{login}@{node}");
        let start = std::time::Instant::now();
        run_ok(tsh(&["ssh", &target, "true"]).stdin(Stdio::null()), "tsh ssh").map(|()| start.elapsed())
    };
    let (dev, prod) = interleaved(|| run("dev1"), || run("prod1"))?;
    println!(
        "tsh ssh dev1 true (no MFA):       {:7.1} ms  (median of {RUNS}, interleaved)",
        ms(dev)
    );
    println!(
        "tsh ssh prod1 true (per-session MFA, software key): {:7.1} ms  ({:+.1} ms)",
        ms(prod),
        ms(prod) - ms(dev)
    );
    // The same without the node: sshd's start-up varies by tens of milliseconds from one
    // connection to the next, more than the MFA check costs, so the end-to-end medians above
    // differ by noise. To nodes where nothing listens, each command ends when the proxy cannot
    // dial the node (exit 255): everything before is the same on both sides but the MFA check.
    let unreachable = |node: &str| {
        let target = format!("{login}@{node}");
        let start = std::time::Instant::now();
        let status = tsh(&["ssh", &target, "true"])
            .stdin(Stdio::null())
            .status()
            .map_err(|e| e.to_string())?;
        match status.code() {
            Some(255) => Ok(start.elapsed()),
            other => Err(format!(
                "tsh ssh {node}: expected 255 (node unreachable), got {other:?}"
            )),
        }
    };
    let (dev, prod) = interleaved(|| unreachable("devgone"), || unreachable("prodgone"))?;
    println!(
        "tsh ssh, node unreachable, no MFA: {:7.1} ms  (median of {RUNS}, interleaved)",
        ms(dev)
    );
    println!(
        "tsh ssh, node unreachable, per-session MFA: {:7.1} ms  ({:+.1} ms: the MFA check; budget +5 ms)",
        ms(prod),
        ms(prod) - ms(dev)
    );
    headless(&tsh_bin, &dir, &proxy, &tsh)?;
    crate::bench_db::run(bin, &dir, &config, &tsh)?;
    crate::bench_kube::run(bin, &dir, &config, &tsh)?;
    drop(nodes);
    Ok(())
}

/// The medians of [`RUNS`] runs of `a` and of `b`, interleaved, so that drift of the machine
/// weighs on both sides alike.
fn interleaved(
    mut a: impl FnMut() -> Result<Duration, String>,
    mut b: impl FnMut() -> Result<Duration, String>,
) -> Result<(Duration, Duration), String> {
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        xs.push(a()?);
        ys.push(b()?);
    }
    Ok((median(xs), median(ys)))
}

/// `tsh --headless ls` from a home with nothing in it, approved by `tsh headless approve` with
/// the software key as soon as the request is printed: the whole round trip, against `tsh ls`
/// with the saved login.
fn headless(tsh_bin: &Path, dir: &Path, proxy: &str, tsh: &dyn Fn(&[&str]) -> Command) -> Result<(), String> {
    use std::io::BufRead;
    let remote_home = dir.join("remote-home");
    let once = || -> Result<std::time::Duration, String> {
        let start = std::time::Instant::now();
        let mut child = Command::new(tsh_bin)
            .args(["--headless", "--insecure", proxy, "--user=bench", "ls"])
            .env("TELEPORT_HOME", &remote_home)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| e.to_string())?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        let mut lines = std::io::BufReader::new(stderr).lines();
        let id = lines
            .by_ref()
            .map_while(Result::ok)
            .find_map(|l| {
                l.strip_prefix("tsh headless approve ")
                    .and_then(|r| r.split_whitespace().last().map(String::from))
            })
            .ok_or("tsh --headless printed no request")?;
        let approve = ["headless", "approve", "--skip-confirm", "--insecure", id.as_str()];
        run_ok(tsh(&approve).stdin(Stdio::null()), "tsh headless approve")?;
        lines.for_each(drop);
        let status = child.wait().map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!("tsh --headless ls: {status}"));
        }
        Ok(start.elapsed())
    };
    let ls = || {
        let start = std::time::Instant::now();
        run_ok(tsh(&["ls", "--insecure"]).stdin(Stdio::null()), "tsh ls").map(|()| start.elapsed())
    };
    let (mut plain, mut headless) = (Vec::new(), Vec::new());
    for _ in 0..11 {
        plain.push(ls()?);
        headless.push(once()?);
    }
    let (plain, headless) = (median(plain), median(headless));
    println!(
        "tsh ls (saved login):            {:7.1} ms  (median of 11, interleaved)",
        ms(plain)
    );
    println!(
        "tsh --headless ls, approved by tsh headless approve (software key): {:7.1} ms  ({:.1}x)",
        ms(headless),
        headless.as_secs_f64() / plain.as_secs_f64()
    );
    let written = std::fs::read_dir(&remote_home).map(|d| d.count()).unwrap_or(0);
    if written != 0 {
        return Err(format!(
            "tsh --headless wrote {written} entries under its TELEPORT_HOME"
        ));
    }
    Ok(())
}
