//! Kubernetes access (issue 7) with the real `kubectl` against the stand-in API server
//! (`KubeStandin`; no real API server can be installed): `tsh kube login`, the exec plugin
//! `tsh kube credentials`, per-session MFA (one tap per kubectl command), `tsh proxy kube
//! --exec` (one tap in all), refusals, and what the kubeconfig file keeps.
//!
//! `TELE_TEST_KUBECTL` names another kubectl to run (e.g. Debian's 1.20 unpacked in /tmp).

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use serde_json::Value;
use tele_test_support::{KubeStandin, RefServer, STANDIN_PODS, STANDIN_VERSION, require_program, totp_code};

use crate::tctl_credentials::identity;
use crate::tsh_session_mfa::{CHECK_SECRET, LOGIN_SECRET, PASSWORD};
use crate::tsh_ssh::logged_in;
use crate::{TshUser, tctl};

/// `kube-prod` reaches prod clusters as groups viewers and developers; `kube-prod-mfa` the
/// same with per-session MFA; `kube-dev` only dev clusters.
const ROLES: &str = "kind: role
version: v7
metadata:
  name: kube-prod
spec:
  allow:
    kubernetes_labels:
      env: prod
    kubernetes_groups: [viewers, developers]
---
kind: role
version: v7
metadata:
  name: kube-prod-mfa
spec:
  options:
    require_session_mfa: true
  allow:
    kubernetes_labels:
      env: prod
    kubernetes_groups: [viewers]
---
kind: role
version: v7
metadata:
  name: kube-dev
spec:
  allow:
    kubernetes_labels:
      env: dev
    kubernetes_groups: [viewers]
";

const LOGGED_IN: &str = "Logged into Kubernetes cluster \"prod-kube\". Try 'kubectl version' to test the connection.\n";

/// The kubectl under test: `TELE_TEST_KUBECTL`, else the one on the system.
fn kubectl() -> PathBuf {
    match std::env::var("TELE_TEST_KUBECTL") {
        Ok(path) if !path.is_empty() => PathBuf::from(path),
        _ => require_program("kubectl", "kubernetes-client"),
    }
}

/// A cluster whose `prod-kube` and `dev-kube` both point at the stand-in.
fn cluster(standin: &KubeStandin) -> RefServer {
    let kubeconfig = standin.kubeconfig_base64();
    let kubes = format!(
        "---\nkind: kube_cluster\nversion: v3\nmetadata:\n  name: prod-kube\n  labels:\n    env: prod\nspec:\n  kubeconfig: {kubeconfig}\n\
         ---\nkind: kube_cluster\nversion: v3\nmetadata:\n  name: dev-kube\n  labels:\n    env: dev\nspec:\n  kubeconfig: {kubeconfig}\n"
    );
    RefServer::builder()
        .with_mfa()
        .bootstrap(&format!("{ROLES}{kubes}"))
        .start()
}

/// A user logged in with an OTP code who then added the software security key.
fn with_key(srv: &RefServer, name: &str, roles: &str) -> TshUser {
    srv.add_user(name, roles, name, PASSWORD, &[LOGIN_SECRET, CHECK_SECRET]);
    let u = TshUser::new(srv);
    u.login(srv, name, &[], &format!("{PASSWORD}\n{}\n", totp_code(LOGIN_SECRET)))
        .ok();
    let add = ["mfa", "add", "--name=key1", "--type=WEBAUTHN", "--mfa-mode=otp"];
    u.tsh(&add, Some(&format!("{}\n", totp_code(CHECK_SECRET)))).ok();
    u
}

/// How many assertions the software key has made.
fn taps(u: &TshUser) -> u64 {
    let text = std::fs::read_to_string(u.dir().join("softkey.json")).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    json["credentials"][0]["counter"].as_u64().unwrap()
}

/// The user's environment with the kubectl under test first on PATH.
fn kube_env(u: &TshUser) -> Vec<(String, String)> {
    let bin = kubectl();
    let dir = bin.parent().unwrap().display().to_string();
    let mut env: Vec<(String, String)> = u.env().iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    env.push((
        "PATH".into(),
        format!("{dir}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
    ));
    env
}

fn run_kubectl(u: &TshUser, args: &[&str]) -> tele_test_support::Output {
    let env = kube_env(u);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    tele_test_support::run(&kubectl(), args, &env, None)
}

#[track_caller]
fn assert_version(out: &tele_test_support::Output) {
    // kubectl 1.32 prints "Server Version: v1.35.0", 1.20 "Server Version: version.Info{...
    // GitVersion:"v1.35.0"...}".
    let text = out.ok();
    let line = text.lines().find(|l| l.starts_with("Server Version:")).expect(text);
    assert!(line.contains(STANDIN_VERSION), "{out}");
}

#[track_caller]
fn assert_pods(out: &tele_test_support::Output) {
    let text = out.ok();
    assert!(text.starts_with("NAME "), "{out}");
    for pod in STANDIN_PODS {
        assert!(text.lines().any(|l| l.starts_with(&format!("{pod} "))), "{pod}: {out}");
    }
}

#[test]
fn kubectl_reaches_the_cluster_as_the_teleport_user_without_a_tap() {
    let standin = KubeStandin::start();
    let srv = cluster(&standin);
    let alice = with_key(&srv, "alice", "kube-prod");
    let before = taps(&alice);

    assert_eq!(alice.tsh(&["kube", "login", "prod-kube"], None).ok(), LOGGED_IN);
    let ls = alice.tsh(&["kube", "ls"], None).ok().to_string();
    let prod = ls.lines().find(|l| l.starts_with("prod-kube ")).expect(&ls);
    assert!(prod.trim_end().ends_with('*'), "{ls}");
    let json = alice.tsh(&["kube", "ls", "--format=json"], None).ok().to_string();
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json[0]["kube_cluster_name"], "prod-kube");
    assert_eq!(json[0]["selected"], true);

    let out = run_kubectl(&alice, &["version"]);
    assert_version(&out);
    assert!(!out.stderr.contains("MFA"), "{out}");
    assert_pods(&run_kubectl(&alice, &["get", "pods"]));
    let ns = run_kubectl(&alice, &["get", "namespaces"]);
    assert!(ns.ok().lines().any(|l| l.starts_with("kube-system ")), "{ns}");
    assert_eq!(taps(&alice), before, "no tap without per-session MFA");

    // What reached the API server: impersonation of alice with her role's groups, and the
    // proxy's token, never hers.
    let seen = standin.seen();
    assert!(
        seen.iter().any(|s| s.path == "/api/v1/namespaces/default/pods"),
        "{seen:?}"
    );
    for s in &seen {
        assert_eq!(s.user, "alice", "{s:?}");
        assert_eq!(s.groups, ["developers", "viewers"], "{s:?}");
    }
}

#[test]
fn with_per_session_mfa_every_kubectl_command_taps_once() {
    let standin = KubeStandin::start();
    let srv = cluster(&standin);
    let jerry = with_key(&srv, "jerry", "kube-prod-mfa");
    // Logging in to the Kubernetes cluster lists, it does not tap.
    let before = taps(&jerry);
    assert_eq!(jerry.tsh(&["kube", "login", "prod-kube"], None).ok(), LOGGED_IN);
    assert_eq!(taps(&jerry), before);

    let out = run_kubectl(&jerry, &["version"]);
    assert_version(&out);
    for line in [
        "MFA is required to access Kubernetes cluster \"prod-kube\"",
        "Tap any security key",
        "Detected security key tap",
    ] {
        assert!(out.stderr.contains(line), "{line}: {out}");
    }
    // client-go may ask for credentials more than once per command; the tap is still one.
    assert_eq!(taps(&jerry), before + 1, "{out}");
    assert_pods(&run_kubectl(&jerry, &["get", "pods"]));
    assert_eq!(taps(&jerry), before + 2);
    assert!(
        standin
            .seen()
            .iter()
            .all(|s| s.user == "jerry" && s.groups == ["viewers"])
    );

    // A user with only an OTP app cannot answer from kubectl's plugin: a clear refusal, and
    // nothing reaches the API server.
    let reached = standin.seen().len();
    let olga = logged_in(&srv, "olga", "kube-prod-mfa", "olga");
    std::fs::remove_file(olga.dir().join("softkey.json")).ok();
    assert_eq!(olga.tsh(&["kube", "login", "prod-kube"], None).ok(), LOGGED_IN);
    let out = run_kubectl(&olga, &["get", "pods"]);
    assert_ne!(out.code, 0, "{out}");
    assert!(
        out.stderr
            .contains("MFA is required to access Kubernetes cluster \"prod-kube\""),
        "{out}"
    );
    assert!(
        out.stderr.contains("ERROR: end of input while waiting for an answer"),
        "{out}"
    );
    assert_eq!(standin.seen().len(), reached);
}

#[test]
fn proxy_kube_exec_runs_a_shell_with_one_tap_in_all() {
    let standin = KubeStandin::start();
    let srv = cluster(&standin);
    let jerry = with_key(&srv, "jerry", "kube-prod-mfa");
    jerry.tsh(&["kube", "login", "prod-kube"], None).ok();
    let before = taps(&jerry);

    let mut env = kube_env(&jerry);
    env.push(("SHELL".into(), "/bin/sh".into()));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let out = tele_test_support::run(
        crate::tsh(),
        &["proxy", "kube", "--exec"],
        &env,
        Some("kubectl version\nkubectl get pods\necho KUBECONFIG=$KUBECONFIG\nexit 3\n"),
    );
    assert_eq!(out.code, 3, "the shell's status: {out}");
    let expected_head = [
        "Preparing the following Teleport Kubernetes clusters from the default kubeconfig:",
        "Teleport Cluster Name Kube Cluster Name Context Name",
        "--------------------- ----------------- ----------------------",
        "example.test          prod-kube         example.test-prod-kube",
        "Started local proxy for Kubernetes Access in the background.",
        "Warning! Teleport will initiate a new shell configured with kubectl for local proxy access.",
        "To conclude the session, simply use the \"exit\" command. Upon exiting, your original shell will be restored,",
        "the local proxy will be closed, and future access through this headless session won't be possible.",
        "Try issuing a command, for example \"kubectl version\".",
    ];
    let head: Vec<&str> = out
        .stdout
        .lines()
        .map(str::trim_end)
        .take(expected_head.len())
        .collect();
    assert_eq!(head, expected_head, "{out}");
    for line in [
        "MFA is required to access Kubernetes cluster \"prod-kube\"",
        "Tap any security key",
        "Detected security key tap",
    ] {
        assert!(out.stderr.contains(line), "{line}: {out}");
    }
    assert!(
        out.stdout.contains(&format!("Server Version: {STANDIN_VERSION}"))
            || out.stdout.contains(&format!("GitVersion:\"{STANDIN_VERSION}\"")),
        "{out}"
    );
    for pod in STANDIN_PODS {
        assert!(out.stdout.contains(pod), "{pod}: {out}");
    }
    assert_eq!(taps(&jerry), before + 1, "one tap for the whole shell: {out}");
    // The temporary kubeconfig is gone with the shell.
    let kubeconfig = out
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("KUBECONFIG="))
        .expect(&out.stdout);
    assert!(!std::path::Path::new(kubeconfig).exists(), "{kubeconfig}");
    assert!(!std::path::Path::new(kubeconfig).parent().unwrap().exists());
}

#[test]
fn proxy_kube_renews_an_expired_certificate_with_a_new_tap() {
    let standin = KubeStandin::start();
    // The role's mfa_verification_interval caps a local proxy's certificate at 5 s here: tsh
    // takes it as expired at once (it keeps 5 s in hand), so every connection needs a new one.
    let srv = cluster(&standin);
    let role = srv.dir().join("interval.yaml");
    let short = ROLES.replace(
        "  name: kube-prod-mfa\nspec:\n  options:\n    require_session_mfa: true\n",
        "  name: kube-prod-mfa\nspec:\n  options:\n    require_session_mfa: true\n    mfa_verification_interval: 5s\n",
    );
    assert_ne!(short, ROLES);
    std::fs::write(&role, short).unwrap();
    srv.tctl(tctl(), &["create", "-f", role.to_str().unwrap()]).ok();
    let jerry = with_key(&srv, "jerry", "kube-prod-mfa");
    let before = taps(&jerry);
    let mut env = kube_env(&jerry);
    env.push(("SHELL".into(), "/bin/sh".into()));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let out = tele_test_support::run(
        crate::tsh(),
        &["proxy", "kube", "--exec", "prod-kube"],
        &env,
        Some("kubectl version\nkubectl get pods\nexit\n"),
    );
    assert_eq!(out.code, 0, "{out}");
    assert!(
        out.stdout
            .starts_with("Preparing the following Teleport Kubernetes clusters:\n"),
        "{out}"
    );
    assert!(out.stdout.contains(STANDIN_VERSION), "{out}");
    for pod in STANDIN_PODS {
        assert!(out.stdout.contains(pod), "{pod}: {out}");
    }
    let tapped = taps(&jerry) - before;
    assert!(
        tapped >= 3,
        "one up front and at least one per kubectl command: {tapped}\n{out}"
    );
    let detected = out.stderr.matches("Detected security key tap").count() as u64;
    assert_eq!(detected, tapped, "{out}");
}

#[test]
fn clusters_the_roles_do_not_reach_are_refused() {
    let standin = KubeStandin::start();
    let srv = cluster(&standin);
    let bob = logged_in(&srv, "bob", "kube-dev", "bob");
    let out = bob.tsh(&["kube", "login", "prod-kube"], None);
    assert!(
        out.fails_with(1)
            .contains("kubernetes cluster \"prod-kube\" not found, check 'tsh kube ls' for a list of known clusters"),
        "{out}"
    );
    let out = bob.tsh(&["kube", "credentials", "--kube-cluster=prod-kube"], None);
    assert!(
        out.fails_with(1).contains("kubernetes cluster \"prod-kube\" not found"),
        "{out}"
    );
    assert!(!bob.dir().join(".kube/config").exists());

    // Alice holds a certificate for prod-kube; once her role no longer reaches it, the proxy
    // refuses that certificate (kubectl prints the Status message).
    let alice = logged_in(&srv, "alice", "kube-prod", "alice");
    let out = alice.tsh(&["kube", "credentials", "--kube-cluster=prod-kube"], None);
    let cred: Value = serde_json::from_str(out.ok()).unwrap();
    assert_eq!(cred["kind"], "ExecCredential");
    let kubeconfig = static_kubeconfig(&srv, &cred);
    let path = alice.dir().join("static-kubeconfig");
    std::fs::write(&path, kubeconfig).unwrap();
    let kc = format!("--kubeconfig={}", path.display());
    assert_pods(&run_kubectl(&alice, &[&kc, "get", "pods"]));
    // Routing is by the server name alone: the same certificate without Teleport's name reaches
    // the web API, which knows no Kubernetes path.
    let unrouted = alice.dir().join("unrouted-kubeconfig");
    std::fs::write(&unrouted, static_kubeconfig_named(&srv, &cred, None)).unwrap();
    let out = run_kubectl(
        &alice,
        &[&format!("--kubeconfig={}", unrouted.display()), "get", "pods"],
    );
    assert!(
        out.fails_with(1).contains("could not find the requested resource"),
        "{out}"
    );
    let role = srv.dir().join("role.yaml");
    // Once her role needs per-session MFA, a certificate made without a tap is refused.
    let mfa = ROLES.replace(
        "name: kube-prod\nspec:\n",
        "name: kube-prod\nspec:\n  options:\n    require_session_mfa: true\n",
    );
    std::fs::write(&role, mfa).unwrap();
    srv.tctl(tctl(), &["create", "-f", role.to_str().unwrap()]).ok();
    let out = run_kubectl(&alice, &[&kc, "get", "pods"]);
    assert_ne!(out.code, 0, "{out}");
    // (kubectl says "Unable to list ..." first when its discovery cache let it get that far.)
    let line = out.stderr.lines().last().unwrap_or_default();
    assert!(line.starts_with("Error from server (Forbidden): "), "{out}");
    assert!(
        line.ends_with("MFA is required to access Kubernetes cluster \"prod-kube\""),
        "{out}"
    );
    std::fs::write(
        &role,
        ROLES.replace(
            "      env: prod\n    kubernetes_groups: [viewers, developers]",
            "      env: staging\n    kubernetes_groups: [viewers, developers]",
        ),
    )
    .unwrap();
    srv.tctl(tctl(), &["create", "-f", role.to_str().unwrap()]).ok();
    let reached = standin.seen().len();
    let out = run_kubectl(&alice, &[&kc, "get", "pods"]);
    assert_ne!(out.code, 0, "{out}");
    assert!(
        out.stderr.contains("kubernetes cluster \"prod-kube\" not found"),
        "{out}"
    );
    assert_eq!(standin.seen().len(), reached, "nothing reached the API server");

    // A login certificate (not routed) is not a way in either.
    let identity = std::fs::read_to_string(identity(&srv, "carol", "kube-prod", "1h")).unwrap();
    let block = |begin: &str| {
        let start = identity.find(begin).expect(begin);
        let end_marker = begin.replace("BEGIN", "END");
        let end = identity[start..].find(&end_marker).unwrap() + start + end_marker.len();
        identity[start..end].to_string()
    };
    let login = serde_json::json!({"status": {
        "clientCertificateData": block("-----BEGIN CERTIFICATE-----"),
        "clientKeyData": block("-----BEGIN PRIVATE KEY-----"),
    }});
    std::fs::write(&path, static_kubeconfig(&srv, &login)).unwrap();
    let out = run_kubectl(&alice, &[&kc, "get", "pods"]);
    assert_ne!(out.code, 0, "{out}");
    assert!(
        out.stderr
            .contains("this certificate is not for a database or Kubernetes cluster"),
        "{out}"
    );
    assert_eq!(standin.seen().len(), reached);
}

/// A kubeconfig with the credential's certificate written in, as a user could copy it.
/// A kubeconfig with the plugin's credentials, routed by Teleport's Kubernetes server name.
fn static_kubeconfig(srv: &RefServer, cred: &Value) -> String {
    static_kubeconfig_named(srv, cred, Some("kube-teleport-proxy-alpn.teleport.cluster.local"))
}

fn static_kubeconfig_named(srv: &RefServer, cred: &Value, tls_server_name: Option<&str>) -> String {
    use base64::Engine;
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    let ca = std::fs::read_to_string(srv.ca_file()).unwrap();
    let name = tls_server_name
        .map(|n| format!("    tls-server-name: {n}\n"))
        .unwrap_or_default();
    format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://{}\n{name}    certificate-authority-data: {}\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\ncurrent-context: c\nusers:\n- name: u\n  user:\n    client-certificate-data: {}\n    client-key-data: {}\n",
        srv.localhost_addr(),
        b64(&ca),
        b64(cred["status"]["clientCertificateData"].as_str().unwrap()),
        b64(cred["status"]["clientKeyData"].as_str().unwrap()),
    )
}

#[test]
fn the_kubeconfig_is_private_and_keeps_other_contexts() {
    let standin = KubeStandin::start();
    let srv = cluster(&standin);
    let alice = logged_in(&srv, "alice", "kube-prod", "alice");
    let kube_dir = alice.dir().join(".kube");
    std::fs::create_dir_all(&kube_dir).unwrap();
    let config = kube_dir.join("config");
    std::fs::write(&config, standin.kubeconfig()).unwrap();
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).unwrap();

    assert_eq!(alice.tsh(&["kube", "login", "prod-kube"], None).ok(), LOGGED_IN);
    let mode = std::fs::metadata(&config).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let names = run_kubectl(&alice, &["config", "get-contexts", "-o", "name"]);
    let mut names: Vec<&str> = names.ok().lines().collect();
    names.sort_unstable();
    assert_eq!(names, ["example.test-prod-kube", "standin"]);
    let current = run_kubectl(&alice, &["config", "current-context"]);
    assert_eq!(current.ok(), "example.test-prod-kube\n");
    // Teleport's server name, which routes kubectl's connections to the Kubernetes proxy.
    let sni = run_kubectl(
        &alice,
        &[
            "config",
            "view",
            "-o=jsonpath={.clusters[?(@.name==\"example.test\")].cluster.tls-server-name}",
        ],
    );
    assert_eq!(sni.ok(), "kube-teleport-proxy-alpn.teleport.cluster.local");
    // The other context is intact.
    let jsonpath = "-o=jsonpath={.clusters[0].cluster.server}";
    let other = run_kubectl(
        &alice,
        &["config", "view", "--raw", "--minify", "--context=standin", jsonpath],
    );
    assert_eq!(other.ok(), standin.url());

    // KUBECONFIG: tsh writes to its first file.
    let mut alice = alice;
    let first = alice.dir().join("first.yaml");
    let second = alice.dir().join("second.yaml");
    alice.set("KUBECONFIG", &format!("{}:{}", first.display(), second.display()));
    assert_eq!(alice.tsh(&["kube", "login", "prod-kube"], None).ok(), LOGGED_IN);
    assert!(first.exists() && !second.exists());
    assert_pods(&run_kubectl(&alice, &["get", "pods"]));

    // Back to ~/.kube/config (an empty KUBECONFIG counts as unset).
    alice.set("KUBECONFIG", "");
    // tsh logout takes out what tsh kube login wrote, and only that.
    let out = alice.tsh(&["logout"], None);
    out.ok();
    let names = run_kubectl(&alice, &["config", "get-contexts", "-o", "name"]);
    assert_eq!(names.ok(), "standin\n", "{out}");
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(
        !text.contains("example.test") && !text.contains("--teleport-cluster"),
        "{text}"
    );
    let other = run_kubectl(
        &alice,
        &["config", "view", "--raw", "--minify", "--context=standin", jsonpath],
    );
    assert_eq!(other.ok(), standin.url());
}

#[test]
fn proxy_kube_without_exec_serves_until_interrupted() {
    use std::io::BufRead;
    let standin = KubeStandin::start();
    let srv = cluster(&standin);
    let alice = logged_in(&srv, "alice", "kube-prod", "alice");
    let env = kube_env(&alice);
    let mut child = std::process::Command::new(crate::tsh())
        .args(["proxy", "kube", "prod-kube"])
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Waits for the line that says the proxy is up.
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = String::new();
    let kubeconfig = loop {
        let line = lines.next().expect(&seen).unwrap();
        seen.push_str(&line);
        seen.push('\n');
        if let Some(path) = line.strip_prefix("export KUBECONFIG=") {
            break path.to_string();
        }
    };
    assert!(
        seen.contains("Started local proxy for Kubernetes on 127.0.0.1:"),
        "{seen}"
    );
    let dir = std::path::Path::new(&kubeconfig).parent().unwrap().to_path_buf();
    assert_eq!(
        std::fs::metadata(&kubeconfig).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);

    let mut with_config = env.clone();
    with_config.push(("KUBECONFIG".into(), kubeconfig.clone()));
    let with_config: Vec<(&str, &str)> = with_config.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_pods(&tele_test_support::run(
        &kubectl(),
        &["get", "pods"],
        &with_config,
        None,
    ));

    // Only kubectl with the local CA's client certificate gets through.
    let mut text = std::fs::read_to_string(&kubeconfig).unwrap();
    let start = text.find("client-key-data:").unwrap();
    let end = start + text[start..].find('\n').unwrap();
    text.replace_range(start..end, "");
    let start = text.find("client-certificate-data:").unwrap();
    let end = start + text[start..].find('\n').unwrap();
    text.replace_range(start..end, "token: not-a-certificate");
    let stripped = alice.dir().join("no-client-cert");
    std::fs::write(&stripped, text).unwrap();
    let kc = format!("--kubeconfig={}", stripped.display());
    let out = run_kubectl(&alice, &[&kc, "get", "pods"]);
    assert_ne!(out.code, 0, "{out}");
    assert!(!out.stdout.contains(STANDIN_PODS[0]), "{out}");

    let pid = child.id().to_string();
    tele_test_support::run(std::path::Path::new("/bin/kill"), &["-INT", &pid], &[], None).ok();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    assert!(!dir.exists(), "the temporary kubeconfig is removed");
}
