//! Databases and Kubernetes clusters as resources: `tctl create|get` of `kind: db` and
//! `kind: kube_cluster`, and `tsh db ls` / `tsh kube ls` showing only what the roles allow.

use serde_json::Value;
use tele_test_support::RefServer;

use crate::tctl;
use crate::tctl_credentials::{identity, remote};
use crate::tsh_ssh::logged_in;

/// `db-prod` reaches prod databases as alice, reader or root and prod clusters; `no-root` takes
/// root away everywhere (deny wins; without labels it denies the user, not the databases).
const ROLES: &str = "kind: role
version: v7
metadata:
  name: db-prod
spec:
  allow:
    db_labels:
      env: prod
    db_users: [alice, reader, root]
    db_names: [orders]
    kubernetes_labels:
      env: prod
    kubernetes_groups: [viewers]
---
kind: role
version: v7
metadata:
  name: no-root
spec:
  deny:
    db_users: [root]
";

const RESOURCES: &str = "kind: db
version: v3
metadata:
  name: prod-pg-1
  labels:
    env: prod
spec:
  protocol: postgres
  uri: localhost:5432
---
kind: db
version: v3
metadata:
  name: prod-pg-2
  description: Orders
  labels:
    env: prod
    team: orders
spec:
  protocol: postgres
  uri: localhost:5433
---
kind: db
version: v3
metadata:
  name: dev-mysql
  labels:
    env: dev
spec:
  protocol: mysql
  uri: localhost:3306
---
kind: kube_cluster
version: v3
metadata:
  name: prod-kube
  labels:
    env: prod
spec: {}
---
kind: kube_cluster
version: v3
metadata:
  name: dev-kube
  labels:
    env: dev
";

fn create(srv: &RefServer, name: &str, text: &str) -> tele_test_support::Output {
    let file = srv.dir().join(name);
    std::fs::write(&file, text).unwrap();
    srv.tctl(tctl(), &["create", file.to_str().unwrap()])
}

fn names(json: &str, field: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {json}"))
        .iter()
        .map(|d| d.pointer(field).and_then(Value::as_str).unwrap().to_string())
        .collect()
}

/// Cells of Teleport's asciitable: the dash line under the header marks each column's span.
fn cells(table: &str) -> Vec<Vec<String>> {
    let lines: Vec<&str> = table.lines().collect();
    let dashes = lines.get(1).unwrap_or_else(|| panic!("no dash line:\n{table}"));
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in dashes.char_indices().chain([(dashes.len(), ' ')]) {
        match (c, start) {
            ('-', None) => start = Some(i),
            (' ', Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    lines
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 1)
        .map(|(_, line)| {
            spans
                .iter()
                .enumerate()
                .map(|(n, &(s, e))| {
                    // The last column runs to the end of the line.
                    let e = if n + 1 == spans.len() {
                        line.len()
                    } else {
                        e.min(line.len())
                    };
                    line.get(s.min(line.len())..e).unwrap_or("").trim().to_string()
                })
                .collect()
        })
        .collect()
}

#[test]
fn users_list_the_databases_and_clusters_their_roles_allow() {
    let srv = RefServer::builder().with_mfa().bootstrap(ROLES).start();
    assert_eq!(
        create(&srv, "resources.yaml", RESOURCES).ok(),
        "database \"prod-pg-1\" has been created\ndatabase \"prod-pg-2\" has been created\n\
         database \"dev-mysql\" has been created\nkubernetes cluster \"prod-kube\" has been created\n\
         kubernetes cluster \"dev-kube\" has been created\n"
    );
    // The admin sees everything, in Teleport's shape.
    let all = srv.tctl(tctl(), &["get", "db", "--format=json"]).ok().to_string();
    assert_eq!(names(&all, "/metadata/name"), ["dev-mysql", "prod-pg-1", "prod-pg-2"]);
    let one = srv.tctl(tctl(), &["get", "db/prod-pg-2"]).ok().to_string();
    assert!(
        one.starts_with("kind: db\nversion: v3\nmetadata:\n  name: prod-pg-2\n"),
        "{one}"
    );
    assert!(one.contains("uri: localhost:5433"), "{one}");
    let kubes = srv
        .tctl(tctl(), &["get", "kube_cluster", "--format=json"])
        .ok()
        .to_string();
    assert_eq!(names(&kubes, "/metadata/name"), ["dev-kube", "prod-kube"]);

    let jerry = logged_in(&srv, "jerry", "db-prod,no-root", "jerry");
    let text = jerry.tsh(&["db", "ls"], None).ok().to_string();
    assert_eq!(
        cells(&text),
        [
            ["Name", "Description", "Protocol", "Allowed Users", "Labels"],
            ["prod-pg-1", "", "postgres", "[alice reader]", "env=prod"],
            [
                "prod-pg-2",
                "Orders",
                "postgres",
                "[alice reader]",
                "env=prod,team=orders"
            ],
        ],
        "{text}"
    );

    let json = jerry.tsh(&["db", "ls", "--format=json"], None).ok().to_string();
    assert_eq!(names(&json, "/metadata/name"), ["prod-pg-1", "prod-pg-2"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["kind"], "db");
    assert_eq!(v[0]["spec"]["protocol"], "postgres");
    assert_eq!(v[0]["users"]["allowed"], serde_json::json!(["alice", "reader"]));
    assert_eq!(v[0]["users"]["denied"], serde_json::json!(["root"]));
    let yaml = jerry.tsh(&["db", "ls", "--format=yaml"], None).ok().to_string();
    assert!(
        yaml.contains("name: prod-pg-1") && !yaml.contains("dev-mysql"),
        "{yaml}"
    );

    // Label filters narrow what the roles allow; they never widen it.
    let filtered = jerry
        .tsh(&["db", "ls", "team=orders", "--format=json"], None)
        .ok()
        .to_string();
    assert_eq!(names(&filtered, "/metadata/name"), ["prod-pg-2"]);
    let dev = jerry
        .tsh(&["db", "ls", "env=dev", "--format=json"], None)
        .ok()
        .to_string();
    assert_eq!(names(&dev, "/metadata/name"), Vec::<String>::new());

    let kube = jerry.tsh(&["kube", "ls"], None).ok().to_string();
    assert_eq!(
        cells(&kube),
        [
            ["Kube Cluster Name", "Labels", "Selected"],
            ["prod-kube", "env=prod", ""]
        ],
        "{kube}"
    );
    let kube_json: Value = serde_json::from_str(jerry.tsh(&["kube", "ls", "--format=json"], None).ok()).unwrap();
    assert_eq!(
        kube_json,
        serde_json::json!([{"kube_cluster_name": "prod-kube", "labels": {"env": "prod"}, "selected": false}])
    );

    // A user reads only what the roles let them see; the rest is "not found", not a leak.
    let id = identity(&srv, "viewer", "db-prod", "1h");
    let out = remote(&srv, &id, &["get", "db/dev-mysql"]);
    assert!(
        out.fails_with(1).contains("database \"dev-mysql\" is not found"),
        "{out}"
    );
    let mine = remote(&srv, &id, &["get", "db", "--format=json"]).ok().to_string();
    assert_eq!(names(&mine, "/metadata/name"), ["prod-pg-1", "prod-pg-2"]);
}

#[test]
fn bad_resources_name_the_field_and_create_nothing() {
    let srv = RefServer::start();
    let good = "kind: db\nversion: v3\nmetadata: {name: ok-db}\nspec: {protocol: postgres, uri: 'localhost:5432'}\n";
    let cases = [
        (
            "kind: db\nversion: v3\nmetadata: {name: no-uri}\nspec: {protocol: postgres}\n",
            "spec.uri: missing",
        ),
        (
            "kind: db\nversion: v3\nmetadata: {name: bad-uri}\nspec: {protocol: postgres, uri: 'postgres.internal'}\n",
            "spec.uri: \"postgres.internal\" is not host:port",
        ),
        (
            "kind: db\nversion: v3\nmetadata: {name: gopher}\nspec: {protocol: gopher, uri: 'h:70'}\n",
            "spec.protocol: unsupported database protocol \"gopher\"",
        ),
        (
            "kind: db\nversion: v2\nmetadata: {name: old}\nspec: {protocol: postgres, uri: 'h:1'}\n",
            "version: unsupported db version \"v2\"",
        ),
        (
            "kind: kube_cluster\nversion: v1\nmetadata: {name: k}\n",
            "version: unsupported kube_cluster version",
        ),
        (
            "kind: kube_cluster\nversion: v3\nmetadata: {name: k}\nspec: {kubeconfig: x}\n",
            "spec",
        ),
    ];
    for (bad, message) in cases {
        let out = create(&srv, "bad.yaml", &format!("{good}---\n{bad}"));
        let err = out.fails_with(1);
        assert!(err.contains("document 2") && err.contains(message), "{message}:\n{out}");
    }
    assert_eq!(srv.tctl(tctl(), &["get", "db", "--format=json"]).ok().trim(), "[]");
    assert_eq!(
        srv.tctl(tctl(), &["get", "kube_clusters", "--format=json"]).ok().trim(),
        "[]"
    );
}

#[test]
fn only_admins_create_databases_and_clusters() {
    let srv = RefServer::builder().bootstrap(ROLES).start();
    let id = identity(&srv, "dbuser", "db-prod", "1h");
    let file = srv.dir().join("resources.yaml");
    std::fs::write(&file, RESOURCES).unwrap();
    for args in [["create", file.to_str().unwrap()], ["create", "-f"]] {
        let mut args = args.to_vec();
        if args[1] == "-f" {
            args.push(file.to_str().unwrap());
        }
        let out = remote(&srv, &id, &args);
        assert!(
            out.fails_with(1)
                .contains("access denied to perform action \"create\" on \"db\""),
            "{out}"
        );
    }
    assert_eq!(srv.tctl(tctl(), &["get", "db", "--format=json"]).ok().trim(), "[]");
    assert_eq!(
        srv.tctl(tctl(), &["get", "kube_cluster", "--format=json"]).ok().trim(),
        "[]"
    );
    // An editor may.
    let admin = identity(&srv, "boss", "editor", "1h");
    let out = remote(&srv, &admin, &["create", file.to_str().unwrap()]);
    assert!(
        out.ok().contains("kubernetes cluster \"dev-kube\" has been created"),
        "{out}"
    );
}
