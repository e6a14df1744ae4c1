//! An interactive `tsh ssh` in a real terminal (tmux): a prompt, the terminal's size on the
//! node, `exit` ending it; through a recording proxy the session's screen is recorded. And
//! OpenSSH reaching a node with the ssh_config `tsh config` prints.

use std::path::Path;
use std::time::Duration;

use tele_test_support::{RefServer, require_program, run, temp_dir, wait_for};

use crate::nodes::{joined_node, node_token};
use crate::tsh_ssh::logged_in;
use crate::{os_user, tsh};

struct Tmux {
    bin: std::path::PathBuf,
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> String {
        let mut all = vec!["-L", self.socket.as_str()];
        all.extend_from_slice(args);
        run(&self.bin, &all, &[], None).stdout
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "tsh"])
    }

    fn wait_for_text(&self, text: &str) {
        wait_for(&format!("{text:?} on the screen"), Duration::from_secs(20), || {
            self.screen().contains(text)
        });
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

#[test]
fn interactive_session_in_a_terminal_is_recorded() {
    let login = os_user();
    let srv = RefServer::builder()
        .with_mfa()
        .auth_service("  session_recording: proxy\n")
        .start();
    let (_t, join_args) = node_token(&srv, "5m");
    let _dev = joined_node(&srv, &join_args, "dev1", "env=dev");
    let alice = logged_in(&srv, "alice", "access", &login);

    let tmux = Tmux {
        bin: require_program("tmux", "tmux"),
        socket: format!("tele-{}", std::process::id()),
    };
    let env: Vec<String> = alice.env().iter().map(|(k, v)| format!("{k}='{v}'")).collect();
    let command = format!(
        "env -i PATH=/usr/bin:/bin TERM=xterm {} {} ssh dev1; echo TSH-EXITED-$?; sleep 60",
        env.join(" "),
        tsh().display()
    );
    tmux.run(&["new-session", "-d", "-s", "tsh", "-x", "120", "-y", "40", &command]);
    tmux.run(&["send-keys", "-t", "tsh", "stty size; echo hello-$((2+3))", "Enter"]);
    tmux.wait_for_text("hello-5");
    assert!(tmux.screen().contains("40 120"), "{}", tmux.screen());
    // A resized terminal reaches the node (SIGWINCH, window-change).
    tmux.run(&["resize-window", "-t", "tsh", "-x", "100", "-y", "30"]);
    tmux.run(&["send-keys", "-t", "tsh", "clear; stty size", "Enter"]);
    tmux.wait_for_text("30 100");
    tmux.run(&["send-keys", "-t", "tsh", "exit 4", "Enter"]);
    tmux.wait_for_text("TSH-EXITED-4");

    let listed = alice.tsh(&["recordings", "ls", "--format=json"], None).ok().to_string();
    let json: serde_json::Value = serde_json::from_str(&listed).unwrap();
    let id = json[0]["id"].as_str().expect(&listed).to_string();
    let events = alice.tsh(&["play", &id, "--format=json"], None).ok().to_string();
    assert!(events.contains("hello-5"), "{events}");
}

#[test]
fn openssh_uses_the_config_tsh_prints() {
    let login = os_user();
    let srv = RefServer::builder().with_mfa().start();
    let (_t, join_args) = node_token(&srv, "5m");
    let _dev = joined_node(&srv, &join_args, "dev1", "env=dev");
    let alice = logged_in(&srv, "alice", "access", &login);
    let config = alice.tsh(&["config"], None).ok().to_string();
    assert!(config.contains("Host *.example.test localhost"), "{config}");
    assert!(config.contains("proxy ssh --cluster=example.test"), "{config}");
    let home = temp_dir();
    let file = home.path().join("ssh_config");
    std::fs::write(&file, &config).unwrap();
    let ssh = require_program("ssh", "openssh-client");
    let mut env = alice.env();
    env.retain(|(k, _)| *k != "HOME");
    env.push(("HOME", home.path().to_str().unwrap()));
    let args = [
        "-F",
        file.to_str().unwrap(),
        "-o",
        "BatchMode=yes",
        &format!("{login}@dev1.example.test"),
        "echo via-config",
    ];
    let out = run(&ssh, &args, &env, None);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "via-config\n"),
        "{out}\n{}",
        srv.log()
    );
    assert!(Path::new(&file).exists());
}

#[test]
fn a_headless_session_waits_with_a_spinner_then_runs_in_the_terminal() {
    let srv = crate::tsh_headless::cluster("", None);
    let (_t, join_args) = node_token(&srv, "5m");
    let _dev = joined_node(&srv, &join_args, "dev1", "env=dev");
    let alice = crate::tsh_headless::laptop(&srv, "alice");
    let remote = crate::TshUser::new(&srv);

    let tmux = Tmux {
        bin: require_program("tmux", "tmux"),
        socket: format!("tele-headless-{}", std::process::id()),
    };
    let env: Vec<String> = remote.env().iter().map(|(k, v)| format!("{k}='{v}'")).collect();
    let command = format!(
        "env -i PATH=/usr/bin:/bin TERM=xterm {} {} ssh --headless --proxy={} --user=alice dev1; echo TSH-EXITED-$?; sleep 60",
        env.join(" "),
        tsh().display(),
        srv.localhost_addr()
    );
    tmux.run(&["new-session", "-d", "-s", "tsh", "-x", "160", "-y", "40", &command]);
    // On a terminal, tsh shows that it is waiting.
    tmux.wait_for_text("Waiting for approval");
    let screen = tmux.screen();
    let id = screen
        .lines()
        .find(|l| l.starts_with("tsh headless approve"))
        .and_then(|l| l.split_whitespace().last())
        .expect(&screen)
        .to_string();
    alice.tsh(&["headless", "approve", "--skip-confirm", &id], None).ok();
    // Approved: the spinner goes and the shell on the node takes the keyboard.
    wait_for("the spinner to go", Duration::from_secs(20), || {
        !tmux.screen().contains("Waiting for approval")
    });
    tmux.run(&["send-keys", "-t", "tsh", "echo hello-$((2+3))", "Enter"]);
    tmux.wait_for_text("hello-5");
    tmux.run(&["send-keys", "-t", "tsh", "exit 3", "Enter"]);
    tmux.wait_for_text("TSH-EXITED-3");
}
