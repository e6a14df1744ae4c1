//! The committed completions and man pages are exactly what the binaries render now
//! (`cargo xtask gen` rewrites them), and the man pages render with `man`.

use std::path::{Path, PathBuf};

use tele_test_support::{require_program, run, temp_dir};

use crate::{tctl, tsh};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn completions_and_man_pages_are_fresh() {
    for kind in ["completions", "man"] {
        let fresh = temp_dir();
        for bin in [tsh(), tctl()] {
            run(bin, &["__generate", kind, fresh.path().to_str().unwrap()], &[], None).ok();
        }
        let committed = files(&root().join(kind));
        let rendered = files(fresh.path());
        let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&committed),
            names(&rendered),
            "{kind}/ is stale: run `cargo xtask gen` and commit"
        );
        for ((name, a), (_, b)) in committed.iter().zip(&rendered) {
            assert!(a == b, "{kind}/{name} is stale: run `cargo xtask gen` and commit");
        }
    }
}

#[test]
fn completion_command_prints_the_committed_script() {
    for (bin, name) in [(tsh(), "tsh"), (tctl(), "tctl")] {
        let out = run(bin, &["completion", "bash"], &[], None);
        assert_eq!(
            out.ok().as_bytes(),
            std::fs::read(root().join(format!("completions/{name}.bash"))).unwrap()
        );
    }
}

#[test]
fn man_renders_the_pages() {
    let man = require_program("man", "man-db");
    let page = root().join("man/tctl-tokens-add.1");
    let out = run(
        &man,
        &["-l", page.to_str().unwrap()],
        &[("MANPAGER", "cat"), ("TERM", "dumb"), ("MANWIDTH", "100")],
        None,
    );
    let text = out.ok();
    assert!(text.contains("tctl-tokens-add"), "{text}");
    assert!(text.contains("--ttl"), "{text}");
    assert!(text.contains("Create an invitation token"), "{text}");
}
