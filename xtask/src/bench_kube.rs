//! The Kubernetes figures of `cargo xtask bench mfa` (they need its cluster and logged-in
//! user): `kubectl get pods` through the proxy, with `tsh kube credentials` as kubectl's exec
//! plugin (a routed certificate per command) and through a running `tsh proxy kube` (one
//! certificate, a local HTTPS proxy), against kubectl straight to the same API server with the
//! kubeconfig the proxy itself uses (`--as` for the impersonation the stand-in requires),
//! interleaved. The API server is the tests' stand-in (no real one can be installed here).

use std::io::BufRead;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use tele_test_support::KubeStandin;

use crate::bench::{median, ms, run_ok};
use crate::nodes::Kill;

const RUNS: usize = 21;

/// Runs the Kubernetes figures for user `bench` (its role reaches `env: dev` clusters).
pub fn run(bin: &Path, dir: &Path, config: &Path, tsh: &dyn Fn(&[&str]) -> Command) -> Result<(), String> {
    if Command::new("kubectl").arg("version").arg("--client").output().is_err() {
        println!("Kubernetes figures skipped: no kubectl on PATH");
        return Ok(());
    }
    let standin = KubeStandin::start();
    let direct_config = dir.join("standin.kubeconfig");
    std::fs::write(&direct_config, standin.kubeconfig()).map_err(|e| e.to_string())?;
    let resource = dir.join("kube.yaml");
    std::fs::write(
        &resource,
        format!(
            "kind: kube_cluster\nversion: v3\nmetadata:\n  name: bench-kube\n  labels:\n    env: dev\nspec:\n  kubeconfig: {}\n",
            standin.kubeconfig_base64()
        ),
    )
    .map_err(|e| e.to_string())?;
    run_ok(
        Command::new(bin.join("tctl"))
            .arg("-c")
            .arg(config)
            .args(["create", resource.to_str().unwrap_or_default()])
            .stdout(Stdio::null()),
        "tctl create kube_cluster",
    )?;
    let login_config = dir.join("login.kubeconfig");
    run_ok(
        tsh(&["kube", "login", "bench-kube", "--insecure"]).env("KUBECONFIG", &login_config),
        "tsh kube login",
    )?;
    let mut proxy = tsh(&["proxy", "kube", "bench-kube", "--insecure"]);
    let mut child = proxy.stdout(Stdio::piped()).spawn().map_err(|e| e.to_string())?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let _proxy = Kill(child);
    let proxy_config = std::io::BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|l| l.trim().strip_prefix("export KUBECONFIG=").map(String::from))
        .ok_or("tsh proxy kube printed no KUBECONFIG")?;
    let kubectl = |config: &Path, extra: &[&str]| {
        let start = Instant::now();
        run_ok(
            Command::new("kubectl")
                .arg("--kubeconfig")
                .arg(config)
                .args(extra)
                .args(["get", "pods"])
                .stdin(Stdio::null())
                .stdout(Stdio::null()),
            "kubectl get pods",
        )
        .map(|()| start.elapsed())
    };
    let (mut direct, mut plugin, mut local) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        direct.push(kubectl(&direct_config, &["--as=bench"])?);
        plugin.push(kubectl(&login_config, &[])?);
        local.push(kubectl(Path::new(&proxy_config), &[])?);
    }
    let (direct, plugin, local) = (median(direct), median(plugin), median(local));
    println!(
        "kubectl get pods, straight to the API server: {:7.1} ms  (median of {RUNS}, interleaved)",
        ms(direct)
    );
    println!(
        "kubectl get pods, tsh kube credentials plugin: {:7.1} ms  ({:.2}x)",
        ms(plugin),
        plugin.as_secs_f64() / direct.as_secs_f64()
    );
    println!(
        "kubectl get pods, through tsh proxy kube:     {:7.1} ms  ({:.2}x)",
        ms(local),
        local.as_secs_f64() / direct.as_secs_f64()
    );
    Ok(())
}
