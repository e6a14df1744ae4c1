//! A hostile remote `scp -f` talking to `tsh scp` (`scp::receive`, recursive, into a
//! directory): the whole conversation, with the files and directories it creates written in a
//! temporary directory, which nothing may leave.
#![no_main]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tele_common::scp::{NoProgress, receive};

fn root() -> &'static tempfile::TempDir {
    static ROOT: OnceLock<tempfile::TempDir> = OnceLock::new();
    ROOT.get_or_init(|| tempfile::tempdir().expect("a temp dir"))
}

/// Makes everything under `dir` removable again (the remote chooses modes), then removes it.
fn clear(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let path = e.path();
            let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700));
            if path.is_dir() && !path.is_symlink() {
                clear(&path);
                let _ = std::fs::remove_dir(&path);
            } else {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let root = root().path();
    let target = root.join("target");
    clear(root);
    std::fs::create_dir(&target).expect("the target directory");
    let (recursive, data) = tele_fuzz::dispatch(data).unwrap_or((0, data));
    let mut answers = Vec::new();
    let _ = tele_fuzz::block_on(receive(
        data,
        &mut answers,
        &target,
        recursive & 1 == 1,
        &mut NoProgress,
    ));
    // Nothing was written next to the target.
    let outside: Vec<_> = std::fs::read_dir(root)
        .expect("the root")
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n != "target")
        .collect();
    assert!(outside.is_empty(), "written outside the target: {outside:?}");
});
