//! Headless WebAuthn (seed 001): `tsh --headless ls|ssh|scp` on a "remote box" without a key,
//! approved with `tsh headless approve` and the software key on the user's "laptop"; nothing
//! written to the remote `TELEPORT_HOME`; denials, other users, expiry, the cluster switch, the
//! default connector, and `--mlock`.

use std::path::{Path, PathBuf};

use tele_test_support::{Interactive, RefServer, require_program, temp_dir, totp_code};

use crate::nodes::{joined_node, node_token};
use crate::tsh_session_mfa::{CHECK_SECRET, LOGIN_SECRET, PASSWORD, roles};
use crate::{TshUser, os_user, tsh};

pub(crate) fn cluster(auth: &str, clock: Option<&Path>) -> RefServer {
    let mut b = RefServer::builder();
    if let Some(clock) = clock {
        b = b.env("REFSERVER_CLOCK_OFFSET_FILE", clock.to_str().unwrap());
    }
    let b = if auth.is_empty() {
        b.with_mfa()
    } else {
        b.auth_service(auth)
    };
    b.bootstrap(&roles(&os_user())).start()
}

/// `user`'s laptop: logged in with an OTP code, then a security key added.
pub(crate) fn laptop(srv: &RefServer, user: &str) -> TshUser {
    srv.add_user(
        user,
        "access-dev,access-prod",
        &os_user(),
        PASSWORD,
        &[LOGIN_SECRET, CHECK_SECRET],
    );
    let u = TshUser::new(srv);
    u.login(srv, user, &[], &format!("{PASSWORD}\n{}\n", totp_code(LOGIN_SECRET)))
        .ok();
    u.tsh(
        &["mfa", "add", "--name=key1", "--type=WEBAUTHN", "--mfa-mode=otp"],
        Some(&format!("{}\n", totp_code(CHECK_SECRET))),
    )
    .ok();
    u
}

/// Every file under `dir` (none when it does not exist).
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        }
        out.push(p);
    }
    out.sort();
    out
}

/// A headless tsh on `remote` with `args` after the global flags.
pub(crate) fn start(srv: &RefServer, remote: &TshUser, user: &str, args: &[&str]) -> Interactive {
    start_with(tsh(), &[], srv, remote, user, args)
}

fn start_with(
    program: &Path,
    before: &[&str],
    srv: &RefServer,
    remote: &TshUser,
    user: &str,
    args: &[&str],
) -> Interactive {
    let proxy = format!("--proxy={}", srv.localhost_addr());
    let user = format!("--user={user}");
    let mut all: Vec<&str> = before.to_vec();
    if !before.is_empty() {
        all.push(tsh().to_str().unwrap());
    }
    all.extend(["--headless", proxy.as_str(), user.as_str()]);
    all.extend_from_slice(args);
    Interactive::start(program, &all, &remote.env())
}

/// Waits for the approval text; checks it is Teleport's, word for word; returns the ID.
pub(crate) fn request_id(child: &mut Interactive, srv: &RefServer, user: &str) -> String {
    // The text is written at once, so the whole of it is there with its last line.
    let text = child.expect("\ntsh headless approve ");
    let id = text
        .lines()
        .find(|l| l.starts_with("tsh headless approve"))
        .and_then(|l| l.split_whitespace().last())
        .unwrap()
        .to_string();
    assert_eq!(id.len(), 36, "{text}");
    assert_eq!(&id[14..15], "5", "a UUID v5: {id}");
    let addr = srv.localhost_addr();
    let expected = format!(
        "Complete headless authentication in your local web browser:\n\nhttps://{addr}/web/headless/{id}\n\nor execute this command in your local terminal:\n\ntsh headless approve --user={user} --proxy={addr} {id}\n"
    );
    assert!(text.contains(&expected), "{text}");
    // tsh prints the request before it posts it: wait until the server has stored it, so a test
    // that moves the server's clock next moves it past the request's creation.
    tele_test_support::wait_for(
        "the headless request to be stored",
        std::time::Duration::from_secs(20),
        || {
            srv.log()
                .lines()
                .any(|l| l.contains("headless login waiting for approval") && l.contains(&id))
        },
    );
    id
}

pub(crate) fn approve(laptop: &TshUser, id: &str) -> tele_test_support::Output {
    laptop.tsh(&["headless", "approve", "--skip-confirm", id], None)
}

/// How many assertions the laptop's software key has made.
fn taps(u: &TshUser) -> u64 {
    let text = std::fs::read_to_string(u.dir().join("softkey.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["credentials"][0]["counter"].as_u64().unwrap()
}

#[test]
fn ls_ssh_and_scp_complete_after_approval_and_write_nothing() {
    let srv = cluster("", None);
    let (_t, args) = node_token(&srv, "5m");
    let _dev = joined_node(&srv, &args, "dev1", "env=dev");
    let _prod = joined_node(&srv, &args, "prod1", "env=prod");
    let alice = laptop(&srv, "alice");
    let remote = TshUser::new(&srv);
    let before = files_under(&remote.home());

    // tsh ls: the URL and command, one tap on the laptop, the list.
    let mut ls = start(&srv, &remote, "alice", &["ls"]);
    let id = request_id(&mut ls, &srv, "alice");
    let taps_before = taps(&alice);
    let out = approve(&alice, &id);
    out.ok();
    assert!(
        out.stderr
            .contains("Headless login attempt from IP address \"127.0.0.1\" requires approval."),
        "{out}"
    );
    assert!(out.stderr.contains("security key"), "{out}");
    assert_eq!(taps(&alice), taps_before + 1);
    let out = ls.finish();
    let list = out.ok();
    assert!(list.starts_with("Node Name"), "{out}");
    assert!(list.contains("dev1") && list.contains("prod1"), "{out}");

    // Approving it again is refused: it is not pending any more.
    let again = approve(&alice, &id);
    assert!(
        again.fails_with(1).contains(
            "cannot approve a headless authentication from a non-pending state: HEADLESS_AUTHENTICATION_STATE_APPROVED"
        ),
        "{again}"
    );

    // tsh ssh, also to a node that needs per-session MFA: the approval is the one tap.
    for node in ["dev1", "prod1"] {
        let mut ssh = start(&srv, &remote, "alice", &["ssh", node, "echo", "hi"]);
        let id = request_id(&mut ssh, &srv, "alice");
        let taps_before = taps(&alice);
        approve(&alice, &id).ok();
        let out = ssh.finish();
        assert_eq!(out.ok(), "hi\n", "{node}: {out}");
        assert_eq!(taps(&alice), taps_before + 1, "{node}");
    }

    // tsh scp up to the node.
    let file = remote.dir().join("payload.txt");
    std::fs::write(&file, "headless payload\n").unwrap();
    let target_dir = temp_dir();
    let dst = format!("dev1:{}/copied.txt", target_dir.path().display());
    let mut scp = start(&srv, &remote, "alice", &["scp", file.to_str().unwrap(), &dst]);
    let id = request_id(&mut scp, &srv, "alice");
    approve(&alice, &id).ok();
    scp.finish().ok();
    assert_eq!(
        std::fs::read_to_string(target_dir.path().join("copied.txt")).unwrap(),
        "headless payload\n"
    );

    // Nothing of any of this was written on the remote box.
    assert_eq!(files_under(&remote.home()), before);
    assert!(!remote.dir().join(".tsh").exists());
}

#[test]
fn denied_others_expired_and_unsupported_requests_fail_clearly() {
    let clock_dir = temp_dir();
    let clock = clock_dir.path().join("clock-offset");
    let srv = cluster("", Some(&clock));
    let alice = laptop(&srv, "alice");
    let bob = laptop(&srv, "bob");
    let remote = TshUser::new(&srv);

    // Only ls, ssh and scp.
    let out = remote.tsh(&["--headless", "status"], None);
    assert!(
        out.fails_with(1).contains(
            "Headless login is not supported for this command. Only 'tsh ls', 'tsh ssh', and 'tsh scp' are supported."
        ),
        "{out}"
    );

    // Alice says no: the requester ends at once with exit 1.
    let mut ls = start(&srv, &remote, "alice", &["ls"]);
    let id = request_id(&mut ls, &srv, "alice");
    let out = alice.tsh(&["headless", "approve", &id], Some("n\n"));
    out.ok();
    assert!(out.stderr.contains("Approve? [y/N]:"), "{out}");
    assert!(out.stderr.contains("Headless login denied."), "{out}");
    let out = ls.finish();
    assert!(out.fails_with(1).contains("headless authentication denied"), "{out}");

    // Bob cannot see or approve Alice's request; Alice then can, answering yes.
    let mut ls = start(&srv, &remote, "alice", &["ls"]);
    let id = request_id(&mut ls, &srv, "alice");
    let out = approve(&bob, &id);
    assert!(
        out.fails_with(1)
            .contains(&format!("headless authentication \"{id}\" not found")),
        "{out}"
    );
    let out = bob.tsh(&["--user=alice", "headless", "approve", &id], None);
    assert!(out.fails_with(1).contains("you are logged in as bob"), "{out}");
    let out = alice.tsh(&["headless", "approve", &id], Some("y\n"));
    out.ok();
    assert!(out.stderr.contains("Approve? [y/N]:"), "{out}");
    ls.finish().ok();

    // Three minutes pass on the server's clock: the request cannot be approved, and the
    // requester gives up with a clear error.
    let mut ls = start(&srv, &remote, "alice", &["ls"]);
    let id = request_id(&mut ls, &srv, "alice");
    std::fs::write(&clock, "181").unwrap();
    let out = approve(&alice, &id);
    assert!(out.fails_with(1).contains("expired"), "{out}");
    let out = ls.finish();
    assert!(
        out.fails_with(1)
            .contains("the headless login request expired before it was approved"),
        "{out}"
    );
}

#[test]
fn the_cluster_can_forbid_headless_or_make_it_the_default() {
    let forbid = "  authentication:\n    type: local\n    second_factor: \"on\"\n    webauthn:\n      rp_id: localhost\n    headless: false\n";
    let srv = cluster(forbid, None);
    let remote = TshUser::new(&srv);
    let proxy = format!("--proxy={}", srv.localhost_addr());
    let out = remote.tsh(&["ls", "--headless", &proxy, "--user=alice"], None);
    let err = out.fails_with(1);
    assert!(err.contains("headless disallowed by cluster settings"), "{out}");
    assert!(
        !err.contains("/web/headless/"),
        "refused before anything is asked: {out}"
    );

    let default = "  authentication:\n    type: local\n    second_factor: \"on\"\n    webauthn:\n      rp_id: localhost\n    connector_name: headless\n";
    let srv = cluster(default, None);
    let alice = laptop(&srv, "alice");
    let remote = TshUser::new(&srv);
    let proxy = format!("--proxy={}", srv.localhost_addr());
    // No --headless: the cluster's default connector makes it headless.
    let mut ls = Interactive::start(tsh(), &["ls", &proxy, "--user=alice"], &remote.env());
    let id = request_id(&mut ls, &srv, "alice");
    approve(&alice, &id).ok();
    assert!(ls.finish().ok().starts_with("Node Name"));
    // Other commands do not turn headless: they still need a login.
    let out = remote.tsh(&["recordings", "ls", &proxy, "--user=alice"], None);
    let err = out.fails_with(1);
    assert!(
        err.contains("Not logged in.") && !err.contains("/web/headless/"),
        "{out}"
    );
}

#[test]
fn mlock_strict_fails_where_locking_is_not_allowed_and_best_effort_warns() {
    let prlimit = require_program("prlimit", "util-linux");
    let setpriv = require_program("setpriv", "util-linux");
    let srv = cluster("", None);
    let alice = laptop(&srv, "alice");
    let remote = TshUser::new(&srv);
    // No memlock allowance, and (as root) no CAP_IPC_LOCK to get around it.
    let mut wrap: Vec<String> = vec!["--memlock=0:0".into(), "--".into()];
    if is_root() {
        wrap.extend([
            setpriv.display().to_string(),
            "--bounding-set=-ipc_lock".into(),
            "--inh-caps=-ipc_lock".into(),
            "--".into(),
        ]);
    }
    let wrap: Vec<&str> = wrap.iter().map(String::as_str).collect();

    let strict = start_with(&prlimit, &wrap, &srv, &remote, "alice", &["--mlock=strict", "ls"]);
    let out = strict.finish();
    let err = out.fails_with(1);
    assert!(
        err.contains("Failed to lock process memory for headless login. Memory locking is used to prevent secrets in memory from being swapped to disk."),
        "{out}"
    );
    assert!(
        err.contains("https://goteleport.com/docs/access-controls/guides/headless/#troubleshooting"),
        "{out}"
    );
    assert!(!err.contains("/web/headless/"), "no request was made: {out}");

    let mut best = start_with(&prlimit, &wrap, &srv, &remote, "alice", &["--mlock=best_effort", "ls"]);
    let id = request_id(&mut best, &srv, "alice");
    approve(&alice, &id).ok();
    let out = best.finish();
    assert!(out.ok().starts_with("Node Name"), "{out}");
    assert!(
        out.stderr
            .contains("WARN: Failed to lock system memory for headless login: "),
        "{out}"
    );
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .map(|l| l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

/// `POST /webapi/headless/login` as any HTTP client sends it (curl), with `stdin` as the body.
fn post_headless(srv: &RefServer, body: &str) -> std::process::Child {
    post_headless_from(srv, "127.0.0.1", body)
}

/// [`post_headless`] from another loopback address (a client on another machine).
fn post_headless_from(srv: &RefServer, from: &str, body: &str) -> std::process::Child {
    let curl = require_program("curl", "curl");
    let mut child = std::process::Command::new(curl)
        .args(["--interface", from])
        .args([
            "-sSk",
            "--fail-with-body",
            "-X",
            "POST",
            "-H",
            "Content-Type: application/json",
        ])
        .args(["--data-binary", "@-"])
        .arg(format!("https://{}/webapi/headless/login", srv.web_addr))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(body.as_bytes()).unwrap();
    child
}

/// The refserver's cap on one address's waiting requests (`Limits::headless_per_address`).
const PER_ADDRESS_CAP: usize = 16;

fn request_body(user: &str, id: Option<&str>) -> String {
    use tele_common::api::headless::{HeadlessLoginRequest, authorized_key, request_id};
    use tele_common::keys::{KeyAlgorithm, SshKey, TlsKey};
    let key = authorized_key(&SshKey::generate(KeyAlgorithm::Ed25519).unwrap());
    let tls = TlsKey::generate(KeyAlgorithm::EcdsaP256).unwrap().public_pem();
    serde_json::to_string(&HeadlessLoginRequest {
        user: user.into(),
        headless_id: id.map(String::from).unwrap_or_else(|| request_id(&key)),
        ssh_pub_key: key,
        tls_pub_key: tls,
        ..Default::default()
    })
    .unwrap()
}

#[test]
fn requests_must_match_their_key_and_are_capped_per_address() {
    let srv = cluster("", None);
    // An ID that is not the key's: someone else's request cannot be squatted.
    let out = post_headless(
        &srv,
        &request_body("mallory", Some("86172f78-af7c-5935-a7c1-ed06b94f17dc")),
    )
    .wait_with_output()
    .unwrap();
    assert_eq!(out.status.code(), Some(22), "an HTTP error");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("headless_id: does not match the SSH public key"),
        "{text}"
    );
    // The key is hashed exactly as sent (Teleport's authorized_keys form, with its newline): the
    // same key without the newline, under the ID of the key with it, is refused too.
    let line = tele_common::api::headless::authorized_key(
        &tele_common::keys::SshKey::generate(tele_common::keys::KeyAlgorithm::Ed25519).unwrap(),
    );
    let body = serde_json::to_string(&tele_common::api::headless::HeadlessLoginRequest {
        user: "mallory".into(),
        headless_id: tele_common::api::headless::request_id(&line),
        ssh_pub_key: line.trim_end().to_string(),
        tls_pub_key: tele_common::keys::TlsKey::generate(tele_common::keys::KeyAlgorithm::EcdsaP256)
            .unwrap()
            .public_pem(),
        ..Default::default()
    })
    .unwrap();
    let out = post_headless(&srv, &body).wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("headless_id: does not match the SSH public key"),
        "{text}"
    );

    // A stranger elsewhere sends sixteen requests naming alice; the seventeenth is refused at
    // once, and the refusal blames the address, not alice.
    let mut waiting: Vec<_> = (0..PER_ADDRESS_CAP)
        .map(|_| post_headless_from(&srv, "127.0.0.2", &request_body("alice", None)))
        .collect();
    tele_test_support::wait_for("16 requests waiting", std::time::Duration::from_secs(30), || {
        srv.log().matches("headless login waiting for approval").count() == PER_ADDRESS_CAP
    });
    let out = post_headless_from(&srv, "127.0.0.2", &request_body("alice", None))
        .wait_with_output()
        .unwrap();
    assert_eq!(out.status.code(), Some(22), "an HTTP error");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("too many headless login requests from this address are waiting for approval"),
        "{text}"
    );
    assert!(!text.contains("alice"), "the refusal does not name the user: {text}");
    // Alice herself, from her own address, is not held up by the stranger's requests.
    let remote = TshUser::new(&srv);
    let alice = laptop(&srv, "alice");
    let mut ls = start(&srv, &remote, "alice", &["ls"]);
    let id = request_id(&mut ls, &srv, "alice");
    approve(&alice, &id).ok();
    assert!(ls.finish().ok().starts_with("Node Name"));
    for c in &mut waiting {
        let _ = c.kill();
        let _ = c.wait();
    }
}

#[test]
fn the_cluster_caps_waiting_requests_from_all_addresses_together() {
    let srv = RefServer::builder()
        .with_mfa()
        .env("REFSERVER_HEADLESS_MAX_LIVE", "20")
        .start();
    // Sixteen from one address and four from another fill the cluster's twenty.
    let mut waiting: Vec<_> = (0..PER_ADDRESS_CAP)
        .map(|_| post_headless_from(&srv, "127.0.0.2", &request_body("bob", None)))
        .chain((0..4).map(|_| post_headless_from(&srv, "127.0.0.3", &request_body("carol", None))))
        .collect();
    tele_test_support::wait_for("20 requests waiting", std::time::Duration::from_secs(30), || {
        srv.log().matches("headless login waiting for approval").count() == 20
    });
    let out = post_headless_from(&srv, "127.0.0.4", &request_body("dave", None))
        .wait_with_output()
        .unwrap();
    assert_eq!(out.status.code(), Some(22), "an HTTP error");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("too many headless login requests are waiting for approval in this cluster"),
        "{text}"
    );
    for name in ["bob", "carol", "dave"] {
        assert!(!text.contains(name), "the refusal names no user: {text}");
    }
    for c in &mut waiting {
        let _ = c.kill();
        let _ = c.wait();
    }
}

/// The owner of `/proc/<pid>/mem`: the process's user, or root when it is not dumpable.
fn proc_owner(pid: u32) -> u32 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(format!("/proc/{pid}/mem")).unwrap().uid()
}

/// The uid of this test process.
fn my_uid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").unwrap().uid()
}

#[test]
fn a_headless_tsh_cannot_be_dumped_or_traced_by_its_user() {
    let srv = cluster("", None);
    let alice = laptop(&srv, "alice");
    // A place any user can read: a copy of tsh and the cluster's CA.
    let dir = temp_dir();
    let open_to_all = |p: &Path, mode: u32| {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    open_to_all(dir.path(), 0o755);
    let tsh_copy = dir.path().join("tsh");
    std::fs::copy(tsh(), &tsh_copy).unwrap();
    open_to_all(&tsh_copy, 0o755);
    let ca = dir.path().join("ca.pem");
    std::fs::copy(srv.ca_file(), &ca).unwrap();
    open_to_all(&ca, 0o644);
    let home = dir.path().join("home");
    let env = [
        ("HOME", home.to_str().unwrap()),
        ("TELEPORT_HOME", &format!("{}/tsh", home.display())),
        ("SSL_CERT_FILE", ca.to_str().unwrap()),
    ];
    // Root owns every /proc entry anyway, so as root the processes run as nobody.
    let setpriv = require_program("setpriv", "util-linux");
    let (runner, mut prefix, uid): (PathBuf, Vec<&str>, u32) = if my_uid() == 0 {
        (
            setpriv,
            vec!["--reuid=65534", "--regid=65534", "--clear-groups", "--"],
            65534,
        )
    } else {
        (PathBuf::from("/usr/bin/env"), vec![], my_uid())
    };

    // The check itself: an ordinary process of that user owns its /proc files.
    let mut control = std::process::Command::new(&runner)
        .args(&prefix)
        .args(["sleep", "30"])
        .spawn()
        .unwrap();
    tele_test_support::wait_for("sleep to start", std::time::Duration::from_secs(10), || {
        std::fs::read_to_string(format!("/proc/{}/comm", control.id())).is_ok_and(|c| c.trim() == "sleep")
    });
    assert_eq!(proc_owner(control.id()), uid);
    let _ = control.kill();
    let _ = control.wait();

    let proxy = format!("--proxy={}", srv.localhost_addr());
    prefix.extend([
        tsh_copy.to_str().unwrap(),
        "--headless",
        "--mlock=off",
        &proxy,
        "--user=alice",
        "ls",
    ]);
    let mut ls = Interactive::start(&runner, &prefix, &env);
    let id = request_id(&mut ls, &srv, "alice");
    // While it waits with its keys in memory, its /proc files are root's: the user's other
    // processes cannot read its memory, attach a debugger or get a core dump.
    assert_eq!(proc_owner(ls.id()), 0, "tsh --headless is not dumpable");
    approve(&alice, &id).ok();
    assert!(ls.finish().ok().starts_with("Node Name"));
    assert!(!home.exists(), "nothing written to the home");
}
