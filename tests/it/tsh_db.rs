//! Database access end to end (seed 000): real PostgreSQL servers that accept only client
//! certificates from the cluster's database client CA, reached by the real `psql` through
//! tsh's tunnel and the proxy. `tsh db connect` (a tap per connection where MFA is required),
//! `tsh db exec` (one tap for all databases), `tsh proxy db --tunnel` (one tap, then any
//! number of connections).

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use tele_test_support::{Postgres, RefServer, require_program, run, wait_for};

use crate::tsh_session_mfa::{taps, with_security_key};
use crate::{TshUser, tctl, tsh};

/// `db-dev` reaches dev databases without MFA; `db-prod` reaches prod ones with per-session
/// MFA, as alice only, on the databases `postgres` and `app` only.
const ROLES: &str = "kind: role
version: v7
metadata:
  name: db-dev
spec:
  allow:
    db_labels:
      env: dev
    db_users: [alice, bob]
    db_names: ['*']
---
kind: role
version: v7
metadata:
  name: db-prod
spec:
  options:
    require_session_mfa: true
  allow:
    db_labels:
      env: prod
    db_users: [alice]
    db_names: [postgres, app]
";

/// A cluster, the server certificate PostgreSQL needs (from `tctl auth sign --format=db`), and
/// one real PostgreSQL per entry of `dbs` (`name`, `env` label), each with role alice and bob
/// and registered as a `kind: db` resource.
struct DbCluster {
    srv: RefServer,
    _pgs: Vec<Postgres>,
    /// The server reads its clock offset (seconds) from this file.
    clock: PathBuf,
    _clock_dir: tempfile::TempDir,
}

fn db_cluster(dbs: &[(&str, &str)]) -> DbCluster {
    let clock_dir = tele_test_support::temp_dir();
    let clock = clock_dir.path().join("clock-offset");
    let srv = RefServer::builder()
        .env("REFSERVER_CLOCK_OFFSET_FILE", clock.to_str().unwrap())
        .with_mfa()
        .bootstrap(ROLES)
        .start();
    let out = srv.dir().join("server");
    let out_arg = format!("--out={}", out.display());
    srv.tctl(
        tctl(),
        &["auth", "sign", "--format=db", "--host=localhost,127.0.0.1", &out_arg],
    )
    .ok();
    let file = |ext: &str| PathBuf::from(format!("{}.{ext}", out.display()));
    let mut pgs = Vec::new();
    let mut resources = String::new();
    for (name, env) in dbs {
        let pg = Postgres::start(&file("key"), &file("crt"), &file("cas"));
        pg.create_role("alice");
        pg.create_role("bob");
        resources.push_str(&format!(
            "kind: db\nversion: v3\nmetadata:\n  name: {name}\n  labels:\n    env: {env}\nspec:\n  protocol: postgres\n  uri: localhost:{}\n---\n",
            pg.port
        ));
        pgs.push(pg);
    }
    if !dbs.is_empty() {
        let path = srv.dir().join("dbs.yaml");
        std::fs::write(&path, resources).unwrap();
        srv.tctl(tctl(), &["create", path.to_str().unwrap()]).ok();
    }
    DbCluster {
        srv,
        _pgs: pgs,
        clock,
        _clock_dir: clock_dir,
    }
}

fn jerry(c: &DbCluster) -> TshUser {
    let u = with_security_key(&c.srv, "jerry", "db-dev,db-prod");
    require_program("psql", "postgresql-client");
    u
}

#[test]
fn db_connect_runs_psql_through_the_proxy_and_asks_a_tap_where_mfa_is_required() {
    let c = db_cluster(&[("dev-pg", "dev"), ("prod-pg", "prod")]);
    let u = jerry(&c);
    let before = taps(&u);
    let query = "select 'hello-' || current_user || '-' || current_database();\n";

    // No MFA on dev: psql runs the query as alice, on the database asked for.
    let out = u.tsh(
        &["db", "connect", "dev-pg", "--db-user=alice", "--db-name=postgres"],
        Some(query),
    );
    assert!(out.ok().contains("hello-alice-postgres"), "{out}\n{}", c.srv.log());
    assert!(!out.stderr.contains("MFA"), "{out}");
    assert_eq!(taps(&u), before, "dev needs no tap");

    // Prod: Teleport's lines, then exactly one tap, then the query.
    let out = u.tsh(
        &["db", "connect", "prod-pg", "--db-user=alice", "--db-name=app"],
        Some("select 'hello-' || current_user || '-' || current_database();\n"),
    );
    // The database `app` does not exist in PostgreSQL: the proxy let it through (the role
    // allows it) and PostgreSQL itself answers.
    assert!(out.stderr.contains("database \"app\" does not exist"), "{out}");
    for line in [
        "MFA is required to access Database \"prod-pg\"",
        "Tap any security key",
        "Detected security key tap",
    ] {
        assert!(out.stderr.contains(line), "{line}: {out}");
    }
    assert_eq!(taps(&u), before + 1);
    let out = u.tsh(
        &["db", "connect", "prod-pg", "--db-user=alice", "--db-name=postgres"],
        Some(query),
    );
    assert!(out.ok().contains("hello-alice-postgres"), "{out}");
    assert_eq!(taps(&u), before + 2, "a tap per connection");

    // A database user the roles do not allow there: refused before any tap or psql.
    let out = u.tsh(
        &["db", "connect", "prod-pg", "--db-user=bob", "--db-name=postgres"],
        Some(query),
    );
    assert!(
        out.fails_with(1)
            .contains("database user \"bob\" is not allowed on database \"prod-pg\""),
        "{out}"
    );
    assert!(!out.stdout.contains("hello"), "{out}");
    assert_eq!(taps(&u), before + 2);
    // A database name the roles do not allow.
    let out = u.tsh(
        &["db", "connect", "prod-pg", "--db-user=alice", "--db-name=secrets"],
        Some(query),
    );
    assert!(out.stderr.contains("database name \"secrets\" is not allowed"), "{out}");
    assert_ne!(out.code, 0);

    // Without a security key, MFA cannot be done: refused, psql never reached the database.
    let mut keyless = TshUser::new(&c.srv);
    keyless.set("TELEPORT_HOME", u.home().to_str().unwrap());
    keyless.set(
        "TSH_SOFT_AUTHENTICATOR",
        keyless.dir().join("other-key.json").to_str().unwrap(),
    );
    let out = keyless.tsh(
        &["db", "connect", "prod-pg", "--db-user=alice", "--db-name=postgres"],
        Some(query),
    );
    assert_ne!(out.code, 0, "{out}");
    assert!(
        out.stderr.contains("MFA is required to access Database \"prod-pg\""),
        "{out}"
    );
    assert!(!out.stdout.contains("hello"), "{out}");

    // An unknown database.
    let out = u.tsh(&["db", "connect", "nope", "--db-user=alice"], None);
    assert!(out.fails_with(1).contains("database \"nope\" not found"), "{out}");
}

#[test]
fn db_exec_runs_on_every_prod_database_with_one_tap() {
    let c = db_cluster(&[("prod-pg-1", "prod"), ("prod-pg-2", "prod"), ("dev-pg", "dev")]);
    let u = jerry(&c);
    let before = taps(&u);
    let logs = u.dir().join("logs");
    let logs_arg = format!("--output-dir={}", logs.display());
    let exec = [
        "db",
        "exec",
        "select 'exec-' || current_user || '-' || current_database()",
        "--labels",
        "env=prod",
        "--db-user",
        "alice",
        "--db-name",
        "postgres",
        &logs_arg,
    ];
    let out = u.tsh(&exec, Some("y\n"));
    let stdout = out.ok();
    let l = logs.display();
    for line in [
        "Searching databases ...".to_string(),
        "Found 2 database(s):".to_string(),
        format!("Executing command for \"prod-pg-1\". Output will be saved at \"{l}/prod-pg-1.output\"."),
        format!("Executing command for \"prod-pg-2\". Output will be saved at \"{l}/prod-pg-2.output\"."),
        "Summary: 2 of 2 succeeded.".to_string(),
        format!("Summary is saved at \"{l}/summary.json\"."),
    ] {
        assert!(stdout.contains(&line), "{line}\n{out}");
    }
    assert!(!stdout.contains("dev-pg"), "{out}");
    assert!(
        out.stderr.contains("Do you want to proceed with 2 database(s)? [y/N]:"),
        "{out}"
    );
    assert_eq!(
        out.stderr.matches("MFA is required to access Database").count(),
        1,
        "{out}"
    );
    assert_eq!(taps(&u), before + 1, "one tap for both databases");
    for name in ["prod-pg-1", "prod-pg-2"] {
        let path = logs.join(format!("{name}.output"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("exec-alice-postgres"), "{name}: {text}");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "query results are the owner's only");
    }
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(logs.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["total"], 2);
    assert_eq!(summary["success"], 2);
    assert_eq!(summary["failure"], 0);
    let names: Vec<&str> = summary["databases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["database"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["prod-pg-1", "prod-pg-2"]);

    // The same output dir again: refused before anything runs; the results are kept.
    let again = u.tsh(&exec, Some("y\n"));
    assert!(
        again.fails_with(1).contains("prod-pg-1.output already exists"),
        "{again}"
    );
    assert!(!again.stderr.contains("Do you want to proceed"), "{again}");
    assert_eq!(taps(&u), before + 1);
    let kept = std::fs::read_to_string(logs.join("prod-pg-1.output")).unwrap();
    assert!(kept.contains("exec-alice-postgres"), "{kept}");

    // The answer is reused within one command only: the next command taps again.
    let out = u.tsh(
        &[
            "db",
            "exec",
            "select 1",
            "--dbs",
            "prod-pg-1,prod-pg-2",
            "--db-user",
            "alice",
            "--db-name",
            "postgres",
        ],
        None,
    );
    assert!(out.ok().contains("Summary: 2 of 2 succeeded."), "{out}");
    assert_eq!(taps(&u), before + 2);

    // "no" runs nothing.
    let out = u.tsh(
        &["db", "exec", "select 1", "--labels", "env=prod", "--db-user", "alice"],
        Some("n\n"),
    );
    assert!(out.fails_with(1).contains("operation canceled"), "{out}");
    assert_eq!(taps(&u), before + 2);

    // A failing query counts as a failure, and tsh says so in its exit status.
    let out = u.tsh(
        &[
            "db",
            "exec",
            "select * from missing_table",
            "--dbs",
            "dev-pg",
            "--db-user",
            "alice",
            "--db-name",
            "postgres",
        ],
        None,
    );
    assert_eq!(out.code, 1, "{out}");
    assert!(out.stdout.contains("Summary: 0 of 1 succeeded."), "{out}");
    assert!(
        out.stderr.contains("relation \"missing_table\" does not exist"),
        "{out}"
    );
}

/// A running `tsh proxy db --tunnel`, killed on drop.
struct Tunnel {
    child: Child,
    stdout: PathBuf,
    stderr: PathBuf,
}

impl Tunnel {
    fn start(u: &TshUser, args: &[&str]) -> Self {
        let (stdout, stderr) = (u.dir().join("tunnel.out"), u.dir().join("tunnel.err"));
        let child = Command::new(tsh())
            .args(["proxy", "db", "--tunnel"])
            .args(args)
            .env_clear()
            .envs(u.env())
            .env("PATH", std::env::var("PATH").unwrap())
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&stdout).unwrap())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .unwrap();
        Self { child, stdout, stderr }
    }

    fn output(&self) -> (String, String) {
        let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
        (read(&self.stdout), read(&self.stderr))
    }

    /// The `psql postgres://...` line, once it is printed and the key was tapped.
    fn url(&self) -> String {
        wait_for("the tunnel's psql line and the tap", Duration::from_secs(20), || {
            let (out, err) = self.output();
            out.contains("$ psql ") && err.contains("Detected security key tap")
        });
        let (out, _) = self.output();
        let line = BufReader::new(out.as_bytes())
            .lines()
            .map_while(Result::ok)
            .find(|l| l.trim_start().starts_with("$ psql "))
            .unwrap();
        line.trim_start().trim_start_matches("$ psql ").to_string()
    }
}

impl Drop for Tunnel {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn proxy_db_tunnel_taps_once_then_serves_many_psql_runs() {
    let c = db_cluster(&[("prod-pg", "prod")]);
    let u = jerry(&c);
    let before = taps(&u);
    let tunnel = Tunnel::start(&u, &["prod-pg", "--db-user=alice", "--db-name=postgres"]);
    let url = tunnel.url();
    let (out, err) = tunnel.output();
    assert!(
        url.starts_with("postgres://alice@localhost:") && url.ends_with("/postgres"),
        "{url}"
    );
    for line in [
        "Started authenticated tunnel for the PostgreSQL database \"prod-pg\" in cluster \"example.test\" on 127.0.0.1:",
        "To avoid port randomization, you can choose the listening port using the --port flag.",
        "Use the following command to connect to the database or to the address above using other database GUI/CLI clients:",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
    assert!(err.contains("MFA is required to access Database \"prod-pg\""), "{err}");
    assert_eq!(taps(&u), before + 1);

    // Three separate psql runs, as a user would type them (the URL as printed), no more taps.
    let psql = require_program("psql", "postgresql-client");
    for i in 0..3 {
        let sql = format!("select 'run-{i}-' || current_user");
        let out = run(
            &psql,
            &[url.as_str(), "-X", "-A", "-t", "-c", sql.as_str()],
            &u.env(),
            None,
        );
        assert_eq!(
            out.ok().trim(),
            format!("run-{i}-alice"),
            "{out}\n{:?}",
            tunnel.output()
        );
    }
    assert_eq!(taps(&u), before + 1, "one tap in all");

    // A local proxy's certificate lasts as long as the login (Teleport's rule for
    // TSH_DB_LOCAL_PROXY_TUNNEL), not one minute: ten minutes later on the server's clock the
    // tunnel still needs no tap, where `tsh db connect`'s one-minute certificate would be over.
    std::fs::write(&c.clock, "600").unwrap();
    let out = run(
        &psql,
        &[url.as_str(), "-X", "-A", "-t", "-c", "select 'later'"],
        &u.env(),
        None,
    );
    assert_eq!(out.ok().trim(), "later", "{out}");
    assert_eq!(taps(&u), before + 1);

    // The proxy checks every connection again: with the role now denying alice, the tunnel's
    // certificate no longer opens the database.
    let deny = u.dir().join("deny.yaml");
    std::fs::write(
        &deny,
        ROLES.replace(
            "    db_names: [postgres, app]\n",
            "    db_names: [postgres, app]\n  deny:\n    db_users: [alice]\n",
        ),
    )
    .unwrap();
    c.srv.tctl(tctl(), &["create", "-f", deny.to_str().unwrap()]).ok();
    let out = run(&psql, &[url.as_str(), "-X", "-c", "select 1"], &u.env(), None);
    assert_eq!(out.code, 2, "{out}");
    assert!(out.stderr.contains("database user \"alice\" is not allowed"), "{out}");
}

#[test]
fn proxy_db_needs_the_tunnel_flag_and_a_known_database() {
    let c = db_cluster(&[]);
    let u = with_security_key(&c.srv, "jerry", "db-dev,db-prod");
    let out = u.tsh(&["proxy", "db", "dev-pg", "--db-user=alice"], None);
    assert!(out.fails_with(1).contains("add --tunnel"), "{out}");
    let out = u.tsh(&["proxy", "db", "--tunnel", "dev-pg", "--db-user=alice"], None);
    assert!(out.fails_with(1).contains("database \"dev-pg\" not found"), "{out}");
    assert!(out.stdout.is_empty(), "nothing printed before the refusal: {out}");

    // No psql: said before anything else happens (no certificate, no tap).
    let mut no_psql = TshUser::new(&c.srv);
    no_psql.set("TELEPORT_HOME", u.home().to_str().unwrap());
    no_psql.set("PATH", "/nonexistent");
    let out = no_psql.tsh(&["db", "connect", "dev-pg", "--db-user=alice"], None);
    let err = out.fails_with(1);
    assert!(
        err.contains("psql is not found on PATH") && err.contains("postgresql-client"),
        "{out}"
    );
}
