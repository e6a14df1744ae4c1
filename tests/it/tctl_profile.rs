//! tctl on a workstation after `tsh login` (every seed's first steps): the current tsh
//! profile's certificate reaches the Auth service through the proxy's web port, with no `-c` and
//! no `-i`; a logged-out or expired profile says what to do. Admin actions ask a remote admin
//! for one tap on a WebAuthn cluster; reads never do. And `tctl rm KIND/NAME`.

use tele_test_support::{RefServer, require_program, run, temp_dir, totp_code};

use crate::tsh_session_mfa::{LOGIN_SECRET, PASSWORD, taps, with_security_key};
use crate::{TshUser, os_user, tctl};

/// An admin (`editor`, `access`) logged in with tsh, password and OTP.
fn admin(srv: &RefServer) -> TshUser {
    srv.add_user("admin", "editor,access", &os_user(), PASSWORD, &[LOGIN_SECRET]);
    let u = TshUser::new(srv);
    u.login(srv, "admin", &[], &format!("{PASSWORD}\n{}\n", totp_code(LOGIN_SECRET)))
        .ok();
    u
}

/// tctl on the user's machine: their environment, nothing else.
fn tctl_as(u: &TshUser, args: &[&str]) -> tele_test_support::Output {
    run(tctl(), args, &u.env(), None)
}

/// The CA pin of the cluster's TLS CA as openssl computes it: SHA-256 of the DER
/// SubjectPublicKeyInfo.
fn openssl_pin(srv: &RefServer) -> String {
    let openssl = require_program("openssl", "openssl");
    let ca = srv.ca_file();
    let script = format!(
        "{o} x509 -in {ca} -pubkey -noout | {o} pkey -pubin -outform DER | {o} dgst -sha256 -hex",
        o = openssl.display(),
        ca = ca.display()
    );
    let out = run(std::path::Path::new("/bin/sh"), &["-c", &script], &[], None);
    let hex = out.ok().trim().rsplit(' ').next().unwrap().to_string();
    format!("sha256:{hex}")
}

fn row<'a>(text: &'a str, name: &str) -> &'a str {
    text.lines()
        .find_map(|l| l.strip_prefix(name))
        .map(str::trim)
        .unwrap_or_else(|| panic!("no {name} row:\n{text}"))
}

#[test]
fn after_tsh_login_tctl_uses_the_profile_and_after_logout_says_so() {
    let srv = RefServer::builder().with_mfa().start();
    let u = admin(&srv);
    let status = tctl_as(&u, &["status"]);
    let text = status.ok();
    assert_eq!(row(text, "Cluster"), "example.test");
    assert_eq!(row(text, "Version"), env!("CARGO_PKG_VERSION"));
    assert_eq!(row(text, "CA pin"), openssl_pin(&srv), "{text}");

    let add = tctl_as(&u, &["tokens", "add", "--type=node"]);
    let token = add
        .ok()
        .lines()
        .find_map(|l| l.strip_prefix("The invite token: "))
        .unwrap_or_else(|| panic!("{add}"))
        .to_string();
    assert!(add.stdout.contains(&format!("--ca-pin={}", openssl_pin(&srv))), "{add}");
    let listed = srv.tctl(tctl(), &["tokens", "ls", "--with-secrets"]);
    assert!(listed.ok().contains(&token), "{listed}");
    // The server saw the admin's own certificate, not an admin identity.
    assert!(srv.log().contains("caller=\"admin\""), "{}", srv.log());

    u.tsh(&["logout"], None).ok();
    let out = tctl_as(&u, &["status"]);
    let err = out.fails_with(1);
    assert!(
        err.contains("no credentials found: no tsh profile is logged in"),
        "{out}"
    );
    assert!(err.contains("hint: log in first: tsh login --proxy=HOST:PORT"), "{out}");
}

#[test]
fn an_expired_profile_says_so_and_hints_tsh_login() {
    let dir = temp_dir();
    let clock = dir.path().join("clock-offset");
    let srv = RefServer::builder()
        .with_mfa()
        .env("REFSERVER_CLOCK_OFFSET_FILE", clock.to_str().unwrap())
        .start();
    let u = admin(&srv);
    tctl_as(&u, &["tokens", "ls"]).ok();
    // A day later by the server's clock: the login's 12 hours are over.
    std::fs::write(&clock, "86400").unwrap();
    let out = tctl_as(&u, &["tokens", "ls"]);
    let err = out.fails_with(1);
    assert!(err.contains("the certificate of admin has expired"), "{out}");
    assert!(
        err.contains(&format!(
            "hint: log in again: tsh login --proxy={} --user=admin",
            srv.localhost_addr()
        )),
        "{out}"
    );
    // `--auth-server` naming another proxy than the profile's: which one, and what to do.
    let out = tctl_as(&u, &["status", "--auth-server=proxy.elsewhere.test:443"]);
    let err = out.fails_with(1);
    assert!(
        err.contains(&format!(
            "the current tsh profile is for {} (cluster \"example.test\"), not proxy.elsewhere.test:443",
            srv.localhost_addr()
        )),
        "{out}"
    );
}

const TWO_ROLES: &str = "kind: role\nversion: v7\nmetadata:\n  name: auditor\nspec:\n  allow:\n    logins: [audit]\n\
                         ---\nkind: role\nversion: v7\nmetadata:\n  name: support\nspec:\n  allow:\n    logins: [support]\n";

const WEBAUTHN_ONLY: &str = "kind: cluster_auth_preference\nversion: v2\nmetadata:\n  name: cluster-auth-preference\n\
                             spec:\n  type: local\n  second_factor: webauthn\n  webauthn:\n    rp_id: localhost\n";

#[test]
fn admin_actions_take_one_tap_on_a_webauthn_cluster_and_reads_none() {
    let srv = RefServer::builder().with_mfa().start();
    let u = with_security_key(&srv, "admin", "editor,access");
    // The auth host's own admin identity is exempt: it makes the cluster WebAuthn-only.
    let cap = srv.dir().join("cap.yaml");
    std::fs::write(&cap, WEBAUTHN_ONLY).unwrap();
    srv.tctl(tctl(), &["create", "-f", cap.to_str().unwrap()]).ok();
    let before = taps(&u);

    for read in [
        &["status"][..],
        &["get", "roles"],
        &["tokens", "ls"],
        &["users", "ls"],
        &["get", "cap"],
    ] {
        tctl_as(&u, read).ok();
    }
    assert_eq!(taps(&u), before, "reads ask for no tap");

    let roles = u.dir().join("roles.yaml");
    std::fs::write(&roles, TWO_ROLES).unwrap();
    let out = tctl_as(&u, &["create", "-f", roles.to_str().unwrap()]);
    assert_eq!(
        out.ok(),
        "role \"auditor\" has been created\nrole \"support\" has been created\n"
    );
    assert!(
        out.stderr
            .contains("This is an admin-level action and requires MFA to complete"),
        "{out}"
    );
    assert_eq!(taps(&u), before + 1, "one tap for the command's writes\n{out}");
    assert!(srv.log().contains("admin action MFA verified"), "{}", srv.log());

    // Without a security key: Teleport's refusal, and nothing changes.
    let keyless: Vec<(&str, &str)> = u
        .env()
        .into_iter()
        .filter(|(k, _)| *k != "TSH_SOFT_AUTHENTICATOR")
        .collect();
    let other = u.dir().join("other.yaml");
    std::fs::write(
        &other,
        TWO_ROLES.replace("auditor", "intruder").replace("support", "visitor"),
    )
    .unwrap();
    let out = run(tctl(), &["create", "-f", other.to_str().unwrap()], &keyless, None);
    let err = out.fails_with(1);
    assert!(
        err.contains("ERROR: admin-level API request requires MFA verification\nhint: no security key found"),
        "{out}"
    );
    let gone = srv.tctl(tctl(), &["get", "role/intruder"]);
    assert!(gone.fails_with(1).contains("role \"intruder\" is not found"), "{gone}");

    // A removal is an admin action too: one more tap.
    let out = tctl_as(&u, &["rm", "role/support"]);
    assert_eq!(out.ok(), "role \"support\" has been deleted\n");
    assert_eq!(taps(&u), before + 2);
}

#[test]
fn rm_removes_each_kind_and_names_what_is_not_there() {
    let srv = RefServer::start();
    let dir = temp_dir();
    let file = dir.path().join("all.yaml");
    std::fs::write(
        &file,
            "kind: role\nversion: v7\nmetadata:\n  name: temp\nspec:\n  allow:\n    logins: [x]\n\
             ---\nkind: user\nversion: v2\nmetadata:\n  name: carol\nspec:\n  roles: [temp]\n\
             ---\nkind: token\nversion: v2\nmetadata:\n  name: rm-me-token\n  expires: \"2099-01-01T00:00:00Z\"\nspec:\n  roles: [Node]\n  join_method: token\n\
             ---\nkind: db\nversion: v3\nmetadata:\n  name: pg\nspec:\n  protocol: postgres\n  uri: localhost:5432\n\
             ---\nkind: kube_cluster\nversion: v3\nmetadata:\n  name: k8s\n",
    )
    .unwrap();
    srv.tctl(tctl(), &["create", "-f", file.to_str().unwrap()]).ok();

    // A role still held by a user stays.
    let held = srv.tctl(tctl(), &["rm", "role/temp"]);
    assert!(
        held.fails_with(1).contains("role \"temp\" is still used by carol"),
        "{held}"
    );
    for (what, line) in [
        ("user/carol", "user \"carol\" has been deleted\n"),
        ("role/temp", "role \"temp\" has been deleted\n"),
        ("token/rm-me-token", "token \"rm-me-token\" has been deleted\n"),
        ("db/pg", "database \"pg\" has been deleted\n"),
        ("kube_cluster/k8s", "Kubernetes cluster \"k8s\" has been deleted\n"),
    ] {
        assert_eq!(srv.tctl(tctl(), &["rm", what]).ok(), line, "{what}");
    }
    for (what, message) in [
        ("user/carol", "user \"carol\" is not found"),
        ("role/temp", "role \"temp\" is not found"),
        ("token/rm-me-token", "token not found"),
        ("db/pg", "database \"pg\" not found"),
        ("kube_cluster/k8s", "Kubernetes cluster \"k8s\" not found"),
    ] {
        let out = srv.tctl(tctl(), &["rm", what]);
        assert!(
            out.fails_with(1).starts_with(&format!("ERROR: {message}")),
            "{what}: {out}"
        );
    }
    let out = srv.tctl(tctl(), &["rm", "role"]);
    assert!(
        out.fails_with(1).contains("provide a full resource name to delete"),
        "{out}"
    );
}

#[test]
fn users_reset_prints_a_reset_link_and_refuses_unknown_users() {
    let srv = RefServer::start();
    srv.tctl(tctl(), &["users", "add", "dave", "--roles=access"]).ok();
    let out = srv.tctl(tctl(), &["users", "reset", "dave", "--ttl=2h"]);
    let text = out.ok();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "User \"dave\" has been reset. Share this URL with the user to complete password reset, link is valid for 2h:"
        )
    );
    let url = lines.next().unwrap();
    assert!(
        url.starts_with(&format!("https://{}/web/reset/", srv.web_addr)),
        "{text}"
    );
    assert!(text.ends_with(&format!(
        "NOTE: Make sure {} points at a Teleport proxy which users can access.\n",
        srv.web_addr
    )));
    let out = srv.tctl(tctl(), &["users", "reset", "nobody"]);
    assert!(out.fails_with(1).contains("user \"nobody\" is not found"), "{out}");
}
