//! The protocol against the real OpenSSH `scp` in its remote modes (`-t` sink, `-f` source),
//! started through `sh -c` with the very commands tsh sends in its exec requests.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::process::Command;

use super::*;

/// Records the callbacks and checks they come in order.
#[derive(Default)]
struct Recorder {
    /// Per file: name, announced size, bytes advanced.
    files: Vec<(String, u64, u64)>,
    done: usize,
}

impl Progress for Recorder {
    fn file_started(&mut self, name: &str, size: u64) {
        assert_eq!(
            self.done,
            self.files.len(),
            "a file started before the last one was done"
        );
        self.files.push((name.to_owned(), size, 0));
    }
    fn advanced(&mut self, bytes: u64) {
        self.files.last_mut().expect("advanced before any file started").2 += bytes;
    }
    fn file_done(&mut self) {
        self.done += 1;
    }
}

impl Recorder {
    /// Checks every file got exactly its size and was finished; returns the total.
    fn total(&self) -> u64 {
        assert_eq!(self.done, self.files.len());
        for (name, size, advanced) in &self.files {
            assert_eq!(size, advanced, "{name}");
        }
        self.files.iter().map(|f| f.2).sum()
    }
}

/// A temp dir whose path needs quoting (a space and a single quote).
fn temp() -> tempfile::TempDir {
    tempfile::Builder::new().prefix("scp it's ").tempdir().unwrap()
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Runs `command` like sshd does (`sh -c`), with a known umask.
async fn remote(command: &str) -> tokio::process::Child {
    Command::new("sh")
        .arg("-c")
        .arg(format!("umask 022; exec {command}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("scp is installed (openssh-client)")
}

/// Sends `sources` to a remote `scp -t`; returns our result and the remote's exit status.
async fn upload(
    sources: &[PathBuf],
    dest: &Path,
    recursive: bool,
    dir: bool,
    p: &mut Recorder,
) -> (Result<()>, ExitStatus) {
    let mut child = remote(&sink_command(path_str(dest), recursive, dir)).await;
    let (stdin, stdout) = (child.stdin.take().unwrap(), child.stdout.take().unwrap());
    let result = send(stdout, stdin, sources, recursive, p).await;
    (result, child.wait().await.unwrap())
}

/// Receives from a remote `command` (an `scp -f`) into `target`.
async fn download_with(command: &str, target: &Path, recursive: bool, p: &mut Recorder) -> (Result<()>, ExitStatus) {
    let mut child = remote(command).await;
    let (stdin, stdout) = (child.stdin.take().unwrap(), child.stdout.take().unwrap());
    let result = receive(stdout, stdin, target, recursive, p).await;
    (result, child.wait().await.unwrap())
}

async fn download(src: &Path, target: &Path, recursive: bool, p: &mut Recorder) -> (Result<()>, ExitStatus) {
    download_with(&source_command(path_str(src), recursive), target, recursive, p).await
}

fn write(path: &Path, data: &[u8], mode: u32) {
    std::fs::write(path, data).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn mode_of(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Bytes that do not repeat in any short period (xorshift).
fn noise(len: usize) -> Vec<u8> {
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[3]
        })
        .collect()
}

#[derive(Debug, PartialEq, Eq)]
enum Node {
    File(u32, Vec<u8>),
    Dir(u32),
}

/// Everything under `root` (itself as ""), with modes and contents.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Node> {
    let mut out = BTreeMap::new();
    let mut todo = vec![PathBuf::new()];
    while let Some(rel) = todo.pop() {
        let path = root.join(&rel);
        if path.is_dir() {
            out.insert(rel.clone(), Node::Dir(mode_of(&path)));
            for name in entries(&path) {
                todo.push(rel.join(name));
            }
        } else {
            out.insert(rel, Node::File(mode_of(&path), std::fs::read(&path).unwrap()));
        }
    }
    out
}

/// tree/{top.txt 0640, run.sh 0755, a/b/c/deep.bin 0600, a/b/note 0644, empty/ 0750}.
fn make_tree(root: &Path) -> u64 {
    std::fs::create_dir_all(root.join("a/b/c")).unwrap();
    std::fs::create_dir(root.join("empty")).unwrap();
    write(&root.join("top.txt"), b"top\n", 0o640);
    write(&root.join("run.sh"), b"#!/bin/sh\necho hi\n", 0o755);
    write(&root.join("a/b/c/deep.bin"), &noise(300_000), 0o600);
    write(&root.join("a/b/note"), b"", 0o644);
    for (dir, mode) in [
        ("", 0o751),
        ("a", 0o755),
        ("a/b", 0o700),
        ("a/b/c", 0o755),
        ("empty", 0o750),
    ] {
        std::fs::set_permissions(root.join(dir), std::fs::Permissions::from_mode(mode)).unwrap();
    }
    4 + 18 + 300_000
}

#[test]
fn commands_quote_the_path() {
    assert_eq!(sink_command("/tmp/x", false, false), "scp -t -- '/tmp/x'");
    assert_eq!(sink_command("/tmp/it's", true, true), r"scp -t -r -d -- '/tmp/it'\''s'");
    assert_eq!(source_command("a b; rm -rf /", false), "scp -f -- 'a b; rm -rf /'");
    assert_eq!(source_command("~/x y", true), "scp -f -r -- ~/'x y'");
    assert_eq!(source_command("", false), "scp -f -- .");
    assert_eq!(source_command("$(id)", false), "scp -f -- '$(id)'");
}

#[test]
fn copies_can_run_on_any_runtime_thread() {
    fn is_send<T: Send>(_: T) {}
    let mut p = NoProgress;
    is_send(send(tokio::io::empty(), tokio::io::sink(), &[], false, &mut p));
    is_send(receive(
        tokio::io::empty(),
        tokio::io::sink(),
        Path::new("x"),
        false,
        &mut p,
    ));
}

#[tokio::test]
async fn one_file_up_and_down_keeps_content_and_mode() {
    let (local, remote_dir) = (temp(), temp());
    let src = local.path().join("hello.txt");
    write(&src, b"hello, scp\n", 0o640);

    // Into an existing remote directory (-d).
    let mut p = Recorder::default();
    let (result, status) = upload(std::slice::from_ref(&src), remote_dir.path(), false, true, &mut p).await;
    result.unwrap();
    assert!(status.success());
    let up = remote_dir.path().join("hello.txt");
    assert_eq!(std::fs::read(&up).unwrap(), b"hello, scp\n");
    assert_eq!(mode_of(&up), 0o640);
    assert_eq!(p.files, vec![(path_str(&src).to_owned(), 11, 11)]);

    // Onto a longer remote file under another name: replaced, not merged.
    let renamed = remote_dir.path().join("renamed");
    write(&renamed, b"a much longer previous content", 0o600);
    let (result, status) = upload(
        std::slice::from_ref(&src),
        &renamed,
        false,
        false,
        &mut Recorder::default(),
    )
    .await;
    result.unwrap();
    assert!(status.success());
    assert_eq!(std::fs::read(&renamed).unwrap(), b"hello, scp\n");

    // Down into an existing directory, and onto a new path over an existing longer file.
    let down = temp();
    let mut p = Recorder::default();
    let (result, status) = download(&up, down.path(), false, &mut p).await;
    result.unwrap();
    assert!(status.success());
    let got = down.path().join("hello.txt");
    assert_eq!(std::fs::read(&got).unwrap(), b"hello, scp\n");
    assert_eq!(mode_of(&got), 0o640);
    assert_eq!(p.files, vec![(path_str(&got).to_owned(), 11, 11)]);

    let other = down.path().join("other");
    write(&other, b"something longer than the file", 0o666);
    let (result, _) = download(&up, &other, false, &mut Recorder::default()).await;
    result.unwrap();
    assert_eq!(std::fs::read(&other).unwrap(), b"hello, scp\n");
    assert_eq!(mode_of(&other), 0o640);
}

#[tokio::test]
async fn twenty_mib_both_ways() {
    let (local, remote_dir, down) = (temp(), temp(), temp());
    let data = noise(20 * 1024 * 1024 + 7);
    let src = local.path().join("big.bin");
    write(&src, &data, 0o644);

    let mut p = Recorder::default();
    let (result, status) = upload(&[src], remote_dir.path(), false, true, &mut p).await;
    result.unwrap();
    assert!(status.success());
    assert_eq!(p.total(), data.len() as u64);
    let up = remote_dir.path().join("big.bin");
    assert!(std::fs::read(&up).unwrap() == data, "uploaded content differs");

    let mut p = Recorder::default();
    let (result, status) = download(&up, down.path(), false, &mut p).await;
    result.unwrap();
    assert!(status.success());
    assert_eq!(p.total(), data.len() as u64);
    assert!(
        std::fs::read(down.path().join("big.bin")).unwrap() == data,
        "downloaded content differs"
    );
}

#[tokio::test]
async fn tree_with_nested_and_empty_dirs_both_ways() {
    let (local, remote_dir) = (temp(), temp());
    let tree = local.path().join("tree");
    std::fs::create_dir(&tree).unwrap();
    let size = make_tree(&tree);
    let expected = snapshot(&tree);
    assert_eq!(expected.len(), 9);

    let mut p = Recorder::default();
    let (result, status) = upload(std::slice::from_ref(&tree), remote_dir.path(), true, true, &mut p).await;
    result.unwrap();
    assert!(status.success());
    assert_eq!(snapshot(&remote_dir.path().join("tree")), expected);
    assert_eq!(p.files.len(), 4);
    assert_eq!(p.total(), size);

    // Down into an existing directory: the tree goes inside it.
    let down = temp();
    let mut p = Recorder::default();
    let (result, status) = download(&remote_dir.path().join("tree"), down.path(), true, &mut p).await;
    result.unwrap();
    assert!(status.success());
    assert_eq!(entries(down.path()), ["tree"]);
    assert_eq!(snapshot(&down.path().join("tree")), expected);
    assert_eq!(p.total(), size);

    // Down onto a new path: that path becomes the tree.
    let fresh = down.path().join("fresh");
    let (result, _) = download(&tree, &fresh, true, &mut Recorder::default()).await;
    result.unwrap();
    assert_eq!(snapshot(&fresh), expected);
}

#[tokio::test]
async fn directory_without_recursive_is_refused_and_nothing_written() {
    let (local, remote_dir) = (temp(), temp());
    let dir = local.path().join("dir");
    std::fs::create_dir(&dir).unwrap();
    write(&dir.join("f"), b"x", 0o644);
    let file = local.path().join("file");
    write(&file, b"y", 0o644);

    let (result, _) = upload(
        &[file, dir.clone()],
        remote_dir.path(),
        false,
        true,
        &mut Recorder::default(),
    )
    .await;
    let err = result.unwrap_err();
    assert_eq!(err.message(), format!("{} is a directory (use -r)", dir.display()));
    assert_eq!(err.kind(), ErrorKind::BadParameter);
    assert!(entries(remote_dir.path()).is_empty());

    // Downloading a directory without -r: the remote source refuses it.
    let down = temp();
    let (result, _) = download(&dir, down.path(), false, &mut Recorder::default()).await;
    assert_eq!(
        result.unwrap_err().message(),
        format!("scp: {}: not a regular file", dir.display())
    );
    assert!(entries(down.path()).is_empty());

    // A remote that sends a directory anyway (`-r` on its side only) is refused by us.
    let command = source_command(path_str(&dir), true);
    let (result, _) = download_with(&command, down.path(), false, &mut Recorder::default()).await;
    let err = result.unwrap_err();
    assert!(
        err.message()
            .starts_with("scp protocol: the remote sends directory \"dir\""),
        "{err}"
    );
    assert!(entries(down.path()).is_empty());
}

#[tokio::test]
async fn missing_local_source_is_named_and_nothing_sent() {
    let (local, remote_dir) = (temp(), temp());
    let good = local.path().join("good");
    write(&good, b"fine", 0o644);
    let missing = local.path().join("missing");

    let (result, _) = upload(
        &[good, missing.clone()],
        remote_dir.path(),
        false,
        true,
        &mut Recorder::default(),
    )
    .await;
    let err = result.unwrap_err();
    assert_eq!(
        err.message(),
        format!("reading {}: no such file or directory", missing.display())
    );
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(entries(remote_dir.path()).is_empty());
}

#[tokio::test]
async fn remote_errors_carry_scp_messages() {
    let (remote_dir, down) = (temp(), temp());
    let nope = remote_dir.path().join("nope/x");

    let (result, status) = download(&nope, down.path(), false, &mut Recorder::default()).await;
    let err = result.unwrap_err();
    assert_eq!(
        err.message(),
        format!("scp: {}: No such file or directory", nope.display())
    );
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(!status.success());
    assert!(entries(down.path()).is_empty());

    // One missing among several: the others still arrive, the error comes at the end.
    let (a, b) = (remote_dir.path().join("a"), remote_dir.path().join("b"));
    write(&a, b"aaa", 0o644);
    write(&b, b"bbb", 0o600);
    let quoted = [&a, &nope, &b].map(|p| shell_quote(path_str(p))).join(" ");
    let command = format!("scp -f -- {quoted}");
    let mut p = Recorder::default();
    let (result, _) = download_with(&command, down.path(), false, &mut p).await;
    assert_eq!(
        result.unwrap_err().message(),
        format!("scp: {}: No such file or directory", nope.display())
    );
    assert_eq!(entries(down.path()), ["a", "b"]);
    assert_eq!(std::fs::read(down.path().join("b")).unwrap(), b"bbb");
    assert_eq!(mode_of(&down.path().join("b")), 0o600);
    assert_eq!(p.total(), 6);

    // Uploading into a remote directory that is not there (-d): scp's opening answer.
    let local = temp();
    let src = local.path().join("f");
    write(&src, b"f", 0o644);
    let absent = remote_dir.path().join("absent");
    let (result, _) = upload(&[src], &absent, false, true, &mut Recorder::default()).await;
    assert_eq!(
        result.unwrap_err().message(),
        format!("scp: {}: No such file or directory", absent.display())
    );
    assert!(!absent.exists());
}

/// Feeds `stream` to [`receive`] into `<tmp>/target`; returns the error and what we answered.
async fn receive_bytes(stream: &[u8], recursive: bool) -> (tempfile::TempDir, Error, Vec<u8>) {
    let dir = temp();
    std::fs::create_dir(dir.path().join("target")).unwrap();
    let mut answers = Vec::new();
    let result = receive(
        stream,
        &mut answers,
        &dir.path().join("target"),
        recursive,
        &mut NoProgress,
    )
    .await;
    (dir, result.unwrap_err(), answers)
}

#[tokio::test]
async fn hostile_names_are_refused() {
    for name in ["../evil", "a/b", "..", ".", "/tmp/evil", ""] {
        for (kind, tail) in [("C0644 3", "abc\0"), ("D0755 0", "C0644 3 evil\nabc\0E\n")] {
            let stream = format!("{kind} {name}\n{tail}");
            let (dir, err, answers) = receive_bytes(stream.as_bytes(), true).await;
            assert_eq!(
                err.message(),
                format!("scp protocol: refusing the file name {name:?} sent by the remote"),
                "{stream:?}"
            );
            assert_eq!(entries(dir.path()), ["target"], "{stream:?}");
            assert!(entries(&dir.path().join("target")).is_empty(), "{stream:?}");
            // Our opening ack, then a fatal answer so the remote stops.
            assert_eq!(answers[0], 0);
            assert_eq!(answers[1], 2, "{answers:?}");
        }
    }
    assert!(!Path::new("/tmp/evil").exists());
}

#[tokio::test]
async fn protocol_violations_are_errors() {
    let cases: [(&[u8], &str); 6] = [
        (
            b"Welcome to the server!\n",
            "scp protocol: unexpected record \"Welcome to the server!\"",
        ),
        (b"C0644 x f\n", "scp protocol: malformed record \"C0644 x f\""),
        (b"C0999 1 f\n", "scp protocol: malformed record \"C0999 1 f\""),
        (b"E\n", "scp protocol: an end of directory outside any directory"),
        (
            b"C0644 10 f\nabc",
            "scp protocol: the remote closed the connection too early",
        ),
        (b"\x02scp: fatal thing\n", "scp: fatal thing"),
    ];
    for (stream, message) in cases {
        let (_dir, err, _) = receive_bytes(stream, true).await;
        assert_eq!(err.message(), message);
    }
}

#[tokio::test]
async fn times_records_are_applied() {
    let (remote_dir, down) = (temp(), temp());
    let src = remote_dir.path().join("old");
    write(&src, b"old", 0o604);
    let mtime = UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    let file = std::fs::File::options().write(true).open(&src).unwrap();
    file.set_times(
        std::fs::FileTimes::new()
            .set_modified(mtime)
            .set_accessed(SystemTime::now()),
    )
    .unwrap();

    let command = format!("scp -f -p -- {}", shell_quote(path_str(&src)));
    let (result, status) = download_with(&command, down.path(), false, &mut Recorder::default()).await;
    result.unwrap();
    assert!(status.success());
    let got = std::fs::metadata(down.path().join("old")).unwrap();
    assert_eq!(got.modified().unwrap(), mtime);
    assert_eq!(got.permissions().mode() & 0o777, 0o604);
}

#[tokio::test]
async fn a_file_the_remote_refuses_is_skipped_and_reported() {
    let (local, remote_dir) = (temp(), temp());
    let (a, b) = (local.path().join("a"), local.path().join("b"));
    write(&a, b"aaa", 0o644);
    write(&b, b"bbb", 0o644);
    std::fs::create_dir(remote_dir.path().join("a")).unwrap();

    let mut p = Recorder::default();
    let (result, status) = upload(&[a, b], remote_dir.path(), false, true, &mut p).await;
    let err = result.unwrap_err();
    assert_eq!(
        err.message(),
        format!("scp: {}: Is a directory", remote_dir.path().join("a").display())
    );
    assert!(!status.success());
    assert!(entries(&remote_dir.path().join("a")).is_empty());
    assert_eq!(std::fs::read(remote_dir.path().join("b")).unwrap(), b"bbb");
    assert_eq!(p.total(), 3);
}
