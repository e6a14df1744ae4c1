use super::*;

#[test]
fn reads_the_seed_role_and_cap() {
    let text = "kind: role\nversion: v7\nmetadata:\n  name: access-prod\nspec:\n  options:\n    require_session_mfa: true\n  allow:\n    node_labels:\n      env: prod\n    logins:\n    - jerry\n  deny: {}\n---\nkind: cluster_auth_preference\nmetadata:\n  name: cluster-auth-preference\nspec:\n  type: local\n  second_factor: \"on\"\n  webauthn:\n    rp_id: example.com\n  connector_name: headless\nversion: v2\n";
    let resources = Resource::parse_all(text).unwrap();
    let Resource::Role(role) = &resources[0] else {
        panic!("expected a role")
    };
    assert_eq!(role.spec.options.require_session_mfa, Some(true));
    assert_eq!(role.spec.allow.logins, vec!["jerry"]);
    let Resource::AuthPreference(cap) = &resources[1] else {
        panic!("expected a cap")
    };
    assert_eq!(cap.spec.second_factor, SecondFactor::On);
    assert_eq!(cap.spec.connector_name.as_deref(), Some("headless"));
}

#[test]
fn validation_errors_name_the_field() {
    let cases = [
        (
            "kind: role\nversion: v7\nmetadata: {name: r}\nspec: {allow: {logins: [a], colour: red}}\n",
            "spec.allow",
        ),
        ("kind: role\nversion: v1\nmetadata: {name: r}\n", "version"),
        (
            "kind: cluster_auth_preference\nversion: v2\nmetadata: {name: cluster-auth-preference}\nspec: {second_factor: sometimes}\n",
            "spec.second_factor",
        ),
        (
            "kind: cluster_auth_preference\nversion: v2\nmetadata: {name: cluster-auth-preference}\nspec: {second_factor: webauthn}\n",
            "spec.webauthn.rp_id",
        ),
        ("kind: user\nversion: v2\nmetadata: {name: ''}\n", "metadata.name"),
        ("kind: gadget\nversion: v1\nmetadata: {name: x}\n", "kind"),
        (
            "kind: role\nversion: v7\nmetadata: {name: r}\nspec: {allow: {rules: [{resources: [token], verbs: [smash]}]}}\n",
            "spec.allow.rules[0].verbs[0]",
        ),
    ];
    for (text, field) in cases {
        let err = Resource::parse_all(text).unwrap_err();
        assert!(err.message().contains(field), "{text:?}: {err} should name {field}");
    }
}

#[test]
fn parses_token_types() {
    assert_eq!(
        SystemRole::parse_list("node,Proxy,node").unwrap(),
        vec![SystemRole::Node, SystemRole::Proxy]
    );
    assert_eq!(
        SystemRole::parse_list("windowsdesktop").unwrap(),
        vec![SystemRole::WindowsDesktop]
    );
    assert!(
        SystemRole::parse_list("nod")
            .unwrap_err()
            .hint()
            .unwrap()
            .contains("windowsdesktop")
    );
    assert!(SystemRole::parse_list("").is_err());
}

#[test]
fn redacts_like_teleport() {
    assert_eq!(
        safe_token_name("0123456789abcdef0123456789abcdef", "token"),
        "****************"
    );
    assert_eq!(safe_token_name("abcdefgh", "iam"), "******gh");
}

#[test]
fn token_debug_hides_the_secret() {
    let t = ProvisionToken::new("supersecretvalue", vec![SystemRole::Node], None);
    assert!(!format!("{t:?}").contains("supersecret"));
}

#[test]
fn label_selectors() {
    let mut sel = Labels::new();
    sel.insert("env".into(), LabelValues::Many(vec!["dev".into(), "prod".into()]));
    let mut labels = std::collections::BTreeMap::new();
    labels.insert("env".to_string(), "prod".to_string());
    assert!(labels_match(&sel, &labels));
    labels.insert("env".to_string(), "qa".to_string());
    assert!(!labels_match(&sel, &labels));
    let mut any = Labels::new();
    any.insert("*".into(), LabelValues::One("*".into()));
    assert!(labels_match(&any, &labels));
}

#[test]
fn reads_databases_and_kube_clusters() {
    let text = "kind: db\nversion: v3\nmetadata:\n  name: prod-pg\n  description: Orders\n  labels: {env: prod}\nspec:\n  protocol: postgres\n  uri: localhost:5432\n---\nkind: kube_cluster\nversion: v3\nmetadata:\n  name: prod-kube\n  labels: {env: prod}\nspec: {}\n";
    let resources = Resource::parse_all(text).unwrap();
    let Resource::Database(db) = &resources[0] else {
        panic!("expected a db")
    };
    assert_eq!(db.spec.protocol, "postgres");
    assert_eq!(db.metadata.description.as_deref(), Some("Orders"));
    let Resource::KubeCluster(kube) = &resources[1] else {
        panic!("expected a kube_cluster")
    };
    assert_eq!(kube.metadata.labels["env"], "prod");
}

#[test]
fn database_errors_name_the_field() {
    let cases = [
        (
            "kind: db\nversion: v3\nmetadata: {name: d}\nspec: {protocol: postgres}\n",
            "spec.uri",
        ),
        (
            "kind: db\nversion: v3\nmetadata: {name: d}\nspec: {protocol: postgres, uri: nowhere}\n",
            "spec.uri",
        ),
        (
            "kind: db\nversion: v3\nmetadata: {name: d}\nspec: {protocol: gopher, uri: h:1}\n",
            "spec.protocol",
        ),
        (
            "kind: db\nversion: v3\nmetadata: {name: d}\nspec: {uri: h:1}\n",
            "spec.protocol",
        ),
        (
            "kind: db\nversion: v2\nmetadata: {name: d}\nspec: {protocol: postgres, uri: h:1}\n",
            "version",
        ),
        (
            "kind: db\nversion: v3\nmetadata: {name: d}\nspec: {protocol: postgres, uri: h:1, port: 2}\n",
            "spec",
        ),
        ("kind: kube_cluster\nversion: v1\nmetadata: {name: k}\n", "version"),
        (
            "kind: kube_cluster\nversion: v3\nmetadata: {name: 'a b'}\n",
            "metadata.name",
        ),
    ];
    for (text, field) in cases {
        let err = Resource::parse_all(text).unwrap_err();
        assert!(err.message().contains(field), "{text:?}: {err} should name {field}");
    }
}
