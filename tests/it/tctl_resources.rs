//! `tctl get`, `tctl create [-f]`, `tctl edit`: resources in Teleport's YAML shape.

use serde_json::Value;
use tele_test_support::{RefServer, run};

use crate::tctl;

const ROLES: &str = "kind: role
version: v7
metadata:
  name: access-dev
spec:
  allow:
    node_labels:
      env: dev
    logins:
    - jerry
---
kind: role
version: v7
metadata:
  name: access-prod
spec:
  options:
    require_session_mfa: true
  allow:
    node_labels:
      env: prod
    logins:
    - jerry
  deny: {}
";

#[test]
fn get_prints_teleport_shaped_yaml_that_create_reads_back() {
    let srv = RefServer::start();
    let cap = srv.tctl(tctl(), &["get", "cap"]);
    let text = cap.ok();
    assert!(
        text.starts_with(
            "kind: cluster_auth_preference\nversion: v2\nmetadata:\n  name: cluster-auth-preference\nspec:\n"
        ),
        "{text}"
    );
    let roles = srv.tctl(tctl(), &["get", "roles"]).ok().to_string();
    let docs: Vec<Value> = serde_saphyr::from_multiple(&roles).unwrap();
    let names: Vec<&str> = docs.iter().map(|d| d["metadata"]["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["access", "editor"]);
    let one: Value = serde_json::from_str(srv.tctl(tctl(), &["get", "role/editor", "--format=json"]).ok()).unwrap();
    assert_eq!(one[0]["spec"]["allow"]["rules"][0]["verbs"], serde_json::json!(["*"]));
    let out = srv.tctl(tctl(), &["get", "role/nope"]);
    assert!(out.fails_with(1).contains("role \"nope\" is not found"), "{out}");
    srv.tctl(tctl(), &["get", "gadgets"]).fails_with(2);

    // What get prints, create -f takes back unchanged.
    let file = srv.dir().join("roles.yaml");
    std::fs::write(&file, &roles).unwrap();
    let out = srv.tctl(tctl(), &["create", "-f", file.to_str().unwrap()]);
    assert_eq!(
        out.ok(),
        "role \"access\" has been updated\nrole \"editor\" has been updated\n"
    );
    assert_eq!(srv.tctl(tctl(), &["get", "roles"]).ok(), roles);
}

#[test]
fn create_takes_several_documents_and_refuses_conflicts_without_force() {
    let srv = RefServer::start();
    let file = srv.dir().join("roles.yaml");
    std::fs::write(&file, ROLES).unwrap();
    let f = file.to_str().unwrap();
    assert_eq!(
        srv.tctl(tctl(), &["create", f]).ok(),
        "role \"access-dev\" has been created\nrole \"access-prod\" has been created\n"
    );
    let out = srv.tctl(tctl(), &["create", f]);
    let err = out.fails_with(1);
    assert!(
        err.contains("role \"access-dev\" already exists") && err.contains("hint: use tctl create -f"),
        "{out}"
    );
    assert_eq!(
        srv.tctl(tctl(), &["create", "-f", f]).ok(),
        "role \"access-dev\" has been updated\nrole \"access-prod\" has been updated\n"
    );
    let prod: Value =
        serde_json::from_str(srv.tctl(tctl(), &["get", "role/access-prod", "--format=json"]).ok()).unwrap();
    assert_eq!(prod[0]["spec"]["options"]["require_session_mfa"], true);

    // The seed's cap, with `tctl create -f cap.yaml`.
    let cap = srv.dir().join("cap.yaml");
    std::fs::write(
        &cap,
        "kind: cluster_auth_preference\nversion: v2\nmetadata:\n  name: cluster-auth-preference\nspec:\n  type: local\n  second_factor: \"on\"\n  webauthn:\n    rp_id: localhost\n  connector_name: headless\n",
    )
    .unwrap();
    assert_eq!(
        srv.tctl(tctl(), &["create", "-f", cap.to_str().unwrap()]).ok(),
        "cluster auth preference has been updated\n"
    );
    let got = srv.tctl(tctl(), &["get", "cap"]).ok().to_string();
    assert!(
        got.contains("second_factor: \"on\"") && got.contains("rp_id: localhost"),
        "{got}"
    );
}

#[test]
fn a_validation_error_names_the_field_and_creates_nothing() {
    let srv = RefServer::start();
    let cases = [
        (
            "kind: role\nversion: v7\nmetadata:\n  name: good\n---\nkind: role\nversion: v7\nmetadata:\n  name: bad\nspec:\n  allow:\n    colour: red\n",
            "document 2: spec.allow.colour: unknown field `colour`",
        ),
        (
            "kind: role\nversion: v1\nmetadata:\n  name: r\n",
            "version: unsupported role version \"v1\"",
        ),
        (
            "kind: cluster_auth_preference\nversion: v2\nmetadata:\n  name: cluster-auth-preference\nspec:\n  second_factor: webauthn\n",
            "spec.webauthn.rp_id: required",
        ),
        (
            "kind: cluster_auth_preference\nversion: v2\nmetadata:\n  name: cluster-auth-preference\nspec:\n  second_factor: sometimes\n",
            "spec.second_factor: unknown second factor \"sometimes\"",
        ),
        (
            "kind: user\nversion: v2\nmetadata:\n  name: u\nspec:\n  roles: [access]\n  traits:\n    logins: [\"has space\"]\n",
            "spec.traits.logins[0]",
        ),
        (
            "kind: gadget\nversion: v1\nmetadata:\n  name: g\n",
            "kind: unsupported resource kind \"gadget\"",
        ),
        ("just: [unclosed\n", ""),
    ];
    let before_roles = srv.tctl(tctl(), &["get", "roles"]).ok().to_string();
    let before_cap = srv.tctl(tctl(), &["get", "cap"]).ok().to_string();
    for (i, (text, message)) in cases.iter().enumerate() {
        let file = srv.dir().join(format!("bad{i}.yaml"));
        std::fs::write(&file, text).unwrap();
        let out = srv.tctl(tctl(), &["create", "-f", file.to_str().unwrap()]);
        let err = out.fails_with(1);
        assert!(err.starts_with(&format!("ERROR: {}", file.display())), "{out}");
        assert!(err.contains(message), "case {i}: {out}");
    }
    assert_eq!(srv.tctl(tctl(), &["get", "roles"]).ok(), before_roles);
    assert_eq!(srv.tctl(tctl(), &["get", "cap"]).ok(), before_cap);
}

/// Writes an `$EDITOR` that applies one sed expression to the file it is given.
fn sed_editor(srv: &RefServer, expression: &str) -> std::path::PathBuf {
    let editor = srv.dir().join("editor.sh");
    std::fs::write(&editor, format!("#!/bin/sh\nsed -i '{expression}' \"$1\"\n")).unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    editor
}

#[test]
fn edit_runs_the_editor_and_applies_a_valid_change() {
    let srv = RefServer::start();
    let editor = sed_editor(&srv, "s/second_factor: otp/second_factor: \"off\"/");
    let mut env = srv.env();
    env.push(("EDITOR", editor.to_str().unwrap()));
    let args = ["-c", srv.config.to_str().unwrap(), "edit", "cap"];
    let out = run(tctl(), &args, &env, None);
    assert_eq!(out.ok(), "cluster auth preference has been updated\n");
    assert!(
        srv.tctl(tctl(), &["get", "cap"])
            .ok()
            .contains("second_factor: \"off\"")
    );
    // Nothing changed: nothing sent.
    let out = run(tctl(), &args, &env, None);
    assert_eq!(out.ok(), "");
    assert!(out.stderr.contains("no changes made"), "{out}");
}

#[test]
fn an_invalid_edit_is_refused_and_kept() {
    let srv = RefServer::start();
    let editor = sed_editor(&srv, "s/second_factor: otp/second_factor: webauthn/");
    let before = srv.tctl(tctl(), &["get", "cap"]).ok().to_string();
    let mut env = srv.env();
    env.push(("EDITOR", editor.to_str().unwrap()));
    let out = run(tctl(), &["-c", srv.config.to_str().unwrap(), "edit", "cap"], &env, None);
    let err = out.fails_with(1);
    assert!(err.contains("spec.webauthn.rp_id: required"), "{out}");
    let kept = err.split("your edit is saved in ").nth(1).unwrap().trim();
    assert!(
        std::fs::read_to_string(kept)
            .unwrap()
            .contains("second_factor: webauthn")
    );
    assert_eq!(srv.tctl(tctl(), &["get", "cap"]).ok(), before);
}
