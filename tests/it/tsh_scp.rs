//! `tsh scp` through the proxy to a real sshd (the node's own `scp -t`/`scp -f`), directly and
//! through a recording proxy.

use std::path::Path;

use tele_test_support::run;

use crate::os_user;
use crate::tsh_ssh::dev1_cluster;

/// A file of `size` bytes that is not all one byte.
fn write_file(path: &Path, size: usize) {
    let mut data = Vec::with_capacity(size);
    let mut x: u32 = 2_463_534_242;
    while data.len() < size {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        data.extend_from_slice(&x.to_le_bytes());
    }
    data.truncate(size);
    std::fs::write(path, data).unwrap();
}

fn sha256(path: &Path) -> String {
    let out = run(Path::new("/usr/bin/sha256sum"), &[path.to_str().unwrap()], &[], None);
    out.ok().split_whitespace().next().unwrap().to_string()
}

fn copies_up_and_back(recording: bool) {
    let login = os_user();
    let (srv, _dev, alice) = dev1_cluster(recording);
    let work = alice.dir().join("work");
    let remote = alice.dir().join("remote");
    std::fs::create_dir_all(&work).unwrap();
    std::fs::create_dir_all(&remote).unwrap();

    let big = work.join("big.bin");
    write_file(&big, 100 * 1024 * 1024);
    let dst = format!("{login}@dev1:{}/", remote.display());
    let out = alice.tsh(&["scp", big.to_str().unwrap(), &dst], None);
    assert_eq!(out.code, 0, "{out}\n{}", srv.log());
    assert_eq!(out.stdout, "", "no progress on a pipe");
    let back = work.join("back.bin");
    let src = format!("dev1:{}/big.bin", remote.display());
    alice.tsh(&["scp", &src, back.to_str().unwrap()], None).ok();
    assert_eq!(sha256(&back), sha256(&big));
    assert_eq!(sha256(&remote.join("big.bin")), sha256(&big));

    // -r copies a tree.
    let tree = work.join("tree");
    std::fs::create_dir_all(tree.join("a/b")).unwrap();
    std::fs::write(tree.join("top.txt"), "top\n").unwrap();
    std::fs::write(tree.join("a/b/deep.txt"), "deep\n").unwrap();
    alice.tsh(&["scp", "-r", tree.to_str().unwrap(), &dst], None).ok();
    assert_eq!(
        std::fs::read_to_string(remote.join("tree/a/b/deep.txt")).unwrap(),
        "deep\n"
    );
    let down = work.join("tree-back");
    let src = format!("dev1:{}/tree", remote.display());
    alice.tsh(&["scp", "-r", &src, down.to_str().unwrap()], None).ok();
    assert_eq!(std::fs::read_to_string(down.join("top.txt")).unwrap(), "top\n");

    // Bad input: a directory without -r, a missing remote file, no remote side.
    let out = alice.tsh(&["scp", tree.to_str().unwrap(), &dst], None);
    assert!(out.stderr.contains("is a directory (use -r)"), "{out}");
    let out = alice.tsh(
        &[
            "scp",
            &format!("dev1:{}/nope", remote.display()),
            work.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.stderr.contains("No such file or directory"), "{out}");
    let out = alice.tsh(&["scp", "a", "b"], None);
    assert!(out.stderr.contains("one side must be remote"), "{out}");
}

#[test]
fn scp_copies_files_and_trees() {
    copies_up_and_back(false);
}

#[test]
fn scp_works_through_the_recording_proxy() {
    copies_up_and_back(true);
}
