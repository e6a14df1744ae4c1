//! The scp protocol (OpenSSH's legacy "rcp" protocol), spoken over any byte stream.
//!
//! `tsh scp` runs the far side through an SSH exec request: [`sink_command`] (`scp -t`) when it
//! uploads and [`send`]s, [`source_command`] (`scp -f`) when it downloads and [`receive`]s.
//!
//! The conversation, as OpenSSH's `scp` speaks it:
//! - the sink opens with an ack (`\0`); every record the source sends is answered by the sink
//!   with `\0`, `\x01message\n` (this one failed, go on) or `\x02message\n` (fatal);
//! - `C0644 <size> <name>\n` starts a file: after its ack come exactly `size` bytes, then the
//!   source's own `\0` (or `\x01message\n` when reading failed), then the sink's answer;
//! - `D0755 0 <name>\n` enters a directory, `E\n` leaves it, `T<mtime> 0 <atime> 0\n` gives the
//!   times of the next record;
//! - the source reports a source it cannot read with `\x01scp: <path>: <reason>\n` and goes on.

use std::ffi::OsStr;
use std::fs::FileTimes;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};

use crate::error::{Error, ErrorKind, Result, io_error};

/// How much file data moves per read and write.
const CHUNK: usize = 256 * 1024;
/// The longest protocol line accepted (a record or a message).
const MAX_LINE: u64 = 64 * 1024;

/// What the caller wants to hear about while bytes move (for a progress bar). Called from the
/// copy loop, so it must be quick.
pub trait Progress: Send {
    /// A file starts: its local path (the source when sending, the destination when receiving)
    /// and its size in bytes.
    fn file_started(&mut self, name: &str, size: u64);
    /// `bytes` more bytes of the current file moved.
    fn advanced(&mut self, bytes: u64);
    /// The current file is complete.
    fn file_done(&mut self);
}

/// A [`Progress`] that ignores everything.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn file_started(&mut self, _name: &str, _size: u64) {}
    fn advanced(&mut self, _bytes: u64) {}
    fn file_done(&mut self) {}
}

/// The remote command for an upload, e.g. `scp -t -r -d -- '/tmp/x'`: the remote `scp` becomes
/// the sink writing at `remote_path`. `target_is_dir` (`-d`) makes it fail unless `remote_path`
/// is an existing directory. An empty path means the remote home, a leading `~/` stays
/// expandable; the rest is single-quoted for the remote shell.
pub fn sink_command(remote_path: &str, recursive: bool, target_is_dir: bool) -> String {
    let mut command = String::from("scp -t");
    if recursive {
        command.push_str(" -r");
    }
    if target_is_dir {
        command.push_str(" -d");
    }
    format!("{command} -- {}", quote_remote_path(remote_path))
}

/// The remote command for a download, e.g. `scp -f -r -- '/tmp/x'`: the remote `scp` becomes
/// the source reading `remote_path`. Quoted as in [`sink_command`].
pub fn source_command(remote_path: &str, recursive: bool) -> String {
    let recursive = if recursive { " -r" } else { "" };
    format!("scp -f{recursive} -- {}", quote_remote_path(remote_path))
}

/// Quotes a remote path for a POSIX shell, keeping a leading `~` or `~/` expandable.
fn quote_remote_path(path: &str) -> String {
    match path {
        "" => ".".to_owned(),
        "~" => "~".to_owned(),
        _ => match path.strip_prefix("~/") {
            Some(rest) => format!("~/{}", shell_quote(rest)),
            None => shell_quote(path),
        },
    }
}

/// Wraps `text` in single quotes, escaping the single quotes it holds (`'` becomes `'\''`).
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// We are the source: sends local `sources` to a remote sink (`scp -t`) that `reader` and
/// `writer` talk to. Files keep their mode bits (`0o7777`); directories go only when
/// `recursive`. Every source is checked before a byte moves, so a missing one or a directory
/// without `recursive` fails with nothing written. A file the remote refuses (`\x01`) is
/// skipped and reported at the end. Shuts `writer` down when done, so the remote exits.
pub async fn send<R, W>(
    reader: R,
    writer: W,
    sources: &[PathBuf],
    recursive: bool,
    progress: &mut dyn Progress,
) -> Result<()>
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut session = Session::new(reader, writer, progress);
    let result = session.send_all(sources, recursive).await;
    let shutdown = session.writer.shutdown().await;
    if result.is_ok() && session.errors.is_empty() {
        shutdown.map_err(lost)?;
    }
    finish(result, session.errors)
}

/// We are the sink: receives from a remote source (`scp -f`) into `target`. When `target` is an
/// existing directory, what comes goes inside it; otherwise the one incoming file (or, when
/// `recursive`, directory) is written at `target` itself. Files are created or truncated and
/// get the received permission bits (`0o777`; set-id and sticky bits are dropped); directories
/// are only accepted when `recursive`. Names with `/`, `.` and `..` are refused, so a hostile
/// remote cannot write outside `target`. Sources the remote could not read are reported
/// together at the end, after everything else was received.
pub async fn receive<R, W>(
    reader: R,
    writer: W,
    target: &Path,
    recursive: bool,
    progress: &mut dyn Progress,
) -> Result<()>
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut session = Session::new(reader, writer, progress);
    let result = session.receive_all(target, recursive).await;
    if let Err(e) = &result
        && e.kind() != ErrorKind::ConnectionProblem
    {
        // Best effort: tell the remote why we stop; it may be gone already.
        let first_line = e.message().lines().next().unwrap_or_default();
        let _ = session.send(format!("\x02scp: {first_line}\n").as_bytes()).await;
    }
    let _ = session.writer.shutdown().await;
    finish(result, session.errors)
}

/// One copy in either direction: the stream, what failed without stopping it, the listener.
struct Session<'p, R, W> {
    reader: BufReader<R>,
    writer: W,
    /// Errors the remote reported for single files (`\x01`), and files we could not read.
    errors: Vec<Error>,
    progress: &'p mut dyn Progress,
}

/// The remote's answer to a record.
enum Answer {
    /// `\0`: go on.
    Ok,
    /// `\x01message`: this one failed, the rest may go on.
    Failed(Error),
}

/// What [`Session::send_tree`] does next: send an entry, or leave the directory it is in.
enum Step {
    Entry(PathBuf, Vec<u8>),
    Leave,
}

/// A local directory on the receiving side, finished when its `E` comes.
struct OpenDir {
    path: PathBuf,
    /// The permission bits to set at the end, for a directory we created.
    mode: Option<u32>,
    times: Option<FileTimes>,
}

impl<'p, R: AsyncRead + Unpin, W: AsyncWrite + Unpin> Session<'p, R, W> {
    fn new(reader: R, writer: W, progress: &'p mut dyn Progress) -> Self {
        Self {
            reader: BufReader::with_capacity(CHUNK, reader),
            writer,
            errors: Vec::new(),
            progress,
        }
    }

    /// Writes `bytes` and flushes them, so the remote sees them before we wait for its answer.
    async fn send(&mut self, bytes: &[u8]) -> Result<()> {
        self.writer.write_all(bytes).await.map_err(lost)?;
        self.writer.flush().await.map_err(lost)
    }

    /// Reads one line without its `\n`; `None` when the stream ends cleanly before it.
    async fn read_line(&mut self) -> Result<Option<Vec<u8>>> {
        let mut line = Vec::new();
        let mut reader = (&mut self.reader).take(MAX_LINE);
        let n = reader.read_until(b'\n', &mut line).await.map_err(lost)?;
        if n == 0 {
            return Ok(None);
        }
        if line.pop() != Some(b'\n') {
            if n as u64 == MAX_LINE {
                return Err(protocol(format!("a line longer than {MAX_LINE} bytes")));
            }
            return Err(closed());
        }
        Ok(Some(line))
    }

    /// Reads the remote's answer: `\0`, `\x01message\n` or `\x02message\n` (an error).
    async fn answer(&mut self) -> Result<Answer> {
        let mut first = [0u8; 1];
        self.reader.read_exact(&mut first).await.map_err(lost)?;
        if first[0] == 0 {
            return Ok(Answer::Ok);
        }
        let rest = self.read_line().await?.unwrap_or_default();
        match first[0] {
            1 => Ok(Answer::Failed(remote_error(&rest))),
            2 => Err(remote_error(&rest)),
            other => {
                let text = String::from_utf8_lossy(&[&[other], &rest[..]].concat()).into_owned();
                Err(protocol(format!("unexpected answer from the remote: {text:?}")))
            }
        }
    }

    /// Reads an answer: `true` to go on, `false` when the remote refused (the error is kept).
    async fn accepted(&mut self) -> Result<bool> {
        match self.answer().await? {
            Answer::Ok => Ok(true),
            Answer::Failed(e) => {
                self.errors.push(e);
                Ok(false)
            }
        }
    }

    async fn send_all(&mut self, sources: &[PathBuf], recursive: bool) -> Result<()> {
        let mut names = Vec::with_capacity(sources.len());
        for path in sources {
            let meta = tokio::fs::metadata(path)
                .await
                .map_err(|e| io_error("reading", path, e))?;
            if meta.is_dir() && !recursive {
                let message = format!("{} is a directory (use -r)", path.display());
                return Err(Error::bad_parameter(message));
            }
            if !meta.is_dir() && !meta.is_file() {
                return Err(not_regular(path));
            }
            names.push(record_name(path).await?);
        }
        // The sink's opening ack; an error here (e.g. `-d` on a missing directory) ends it all.
        if let Answer::Failed(e) = self.answer().await? {
            return Err(e);
        }
        for (path, name) in sources.iter().zip(names) {
            self.send_tree(path.clone(), name).await?;
        }
        Ok(())
    }

    /// Sends a file, or a directory with everything under it, depth first in name order.
    async fn send_tree(&mut self, path: PathBuf, name: Vec<u8>) -> Result<()> {
        let mut steps = vec![Step::Entry(path, name)];
        while let Some(step) = steps.pop() {
            let Step::Entry(path, name) = step else {
                self.send(b"E\n").await?;
                self.accepted().await?;
                continue;
            };
            if name.contains(&b'\n') {
                let message = format!("{}: scp cannot copy a name holding a newline", path.display());
                return Err(Error::bad_parameter(message));
            }
            let reading = |e| io_error("reading", &path, e);
            let meta = tokio::fs::metadata(&path).await.map_err(reading)?;
            let mode = meta.permissions().mode() & 0o7777;
            if meta.is_file() {
                self.send_file(&path, &name, mode, meta.len()).await?;
            } else if meta.is_dir() {
                let mut entries = Vec::new();
                let mut dir = tokio::fs::read_dir(&path).await.map_err(reading)?;
                while let Some(entry) = dir.next_entry().await.map_err(reading)? {
                    entries.push(entry.file_name());
                }
                entries.sort();
                self.send(&record(b'D', mode, 0, &name)).await?;
                if !self.accepted().await? {
                    continue; // The remote could not create it: skip what is inside.
                }
                steps.push(Step::Leave);
                for entry in entries.into_iter().rev() {
                    steps.push(Step::Entry(path.join(&entry), entry.as_bytes().to_vec()));
                }
            } else {
                return Err(not_regular(&path));
            }
        }
        Ok(())
    }

    /// Sends one file: its `C` record, exactly `size` bytes, and our end-of-file answer.
    async fn send_file(&mut self, path: &Path, name: &[u8], mode: u32, size: u64) -> Result<()> {
        let mut file = tokio::fs::File::open(path)
            .await
            .map_err(|e| io_error("reading", path, e))?;
        self.send(&record(b'C', mode, size, name)).await?;
        if !self.accepted().await? {
            return Ok(());
        }
        self.progress.file_started(&path.display().to_string(), size);
        let mut buf = vec![0u8; chunk_for(size)];
        let mut left = size;
        // The size is promised: a file that shrinks or fails to read is padded with zeros, then
        // reported instead of acknowledged (what OpenSSH does).
        let mut read_error = None;
        while left > 0 {
            let want = chunk_for(left);
            let mut n = 0;
            if read_error.is_none() {
                match file.read(&mut buf[..want]).await {
                    Ok(0) => read_error = Some(shrank(path)),
                    Ok(got) => n = got,
                    Err(e) => read_error = Some(io_error("reading", path, e)),
                }
            }
            if n == 0 {
                buf[..want].fill(0);
                n = want;
            }
            self.writer.write_all(&buf[..n]).await.map_err(lost)?;
            left -= n as u64;
            self.progress.advanced(n as u64);
        }
        match read_error {
            None => self.send(b"\0").await?,
            Some(e) => {
                self.send(format!("\x01scp: {}\n", e.message()).as_bytes()).await?;
                self.errors.push(e);
            }
        }
        self.accepted().await?;
        self.progress.file_done();
        Ok(())
    }

    async fn receive_all(&mut self, target: &Path, recursive: bool) -> Result<()> {
        let target_is_dir = tokio::fs::metadata(target).await.is_ok_and(|m| m.is_dir());
        self.send(b"\0").await?;
        let mut dirs: Vec<OpenDir> = Vec::new();
        let mut top_level = 0usize;
        let mut times = None;
        loop {
            let Some(line) = self.read_line().await? else {
                return if dirs.is_empty() { Ok(()) } else { Err(closed()) };
            };
            let Some((&kind, rest)) = line.split_first() else {
                return Err(protocol("an empty record".to_owned()));
            };
            match kind {
                1 => self.errors.push(remote_error(rest)),
                2 => return Err(remote_error(rest)),
                b'T' => {
                    times = Some(parse_times(rest)?);
                    self.send(b"\0").await?;
                }
                b'E' if rest.is_empty() => {
                    let Some(dir) = dirs.pop() else {
                        return Err(protocol("an end of directory outside any directory".to_owned()));
                    };
                    finish_dir(&dir)?;
                    self.send(b"\0").await?;
                }
                b'C' | b'D' => {
                    let (mode, size, name) = parse_record(&line)?;
                    let dest = match dirs.last() {
                        Some(dir) => dir.path.join(name),
                        None if target_is_dir => target.join(name),
                        None if top_level == 0 => target.to_path_buf(),
                        None => {
                            let message = "is not a directory, but the remote sends more than one file";
                            return Err(Error::bad_parameter(format!("{} {message}", target.display())));
                        }
                    };
                    if dirs.is_empty() {
                        top_level += 1;
                    }
                    let times = times.take();
                    if kind == b'C' {
                        self.receive_file(&dest, mode, size, times).await?;
                    } else if !recursive {
                        let name = String::from_utf8_lossy(name.as_bytes());
                        let message = format!("the remote sends directory {name:?}, but -r was not given");
                        return Err(protocol(message));
                    } else {
                        let created = make_dir(&dest).await?;
                        let mode = created.then_some(mode & 0o777);
                        dirs.push(OpenDir {
                            path: dest,
                            mode,
                            times,
                        });
                        self.send(b"\0").await?;
                    }
                }
                _ => {
                    let text = String::from_utf8_lossy(&line);
                    return Err(protocol(format!("unexpected record {text:?}")));
                }
            }
        }
    }

    /// Receives one file after its `C` record: create or truncate, ack, copy `size` bytes, set
    /// times and mode, read the source's end-of-file answer, ack.
    async fn receive_file(&mut self, dest: &Path, mode: u32, size: u64, times: Option<FileTimes>) -> Result<()> {
        let writing = |e| io_error("writing", dest, e);
        let mut options = tokio::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true).mode(0o600);
        let mut file = options.open(dest).await.map_err(writing)?;
        self.send(b"\0").await?;
        self.progress.file_started(&dest.display().to_string(), size);
        let mut buf = vec![0u8; chunk_for(size)];
        let mut left = size;
        while left > 0 {
            let want = chunk_for(left);
            let n = self.reader.read(&mut buf[..want]).await.map_err(lost)?;
            if n == 0 {
                return Err(closed());
            }
            file.write_all(&buf[..n]).await.map_err(writing)?;
            left -= n as u64;
            self.progress.advanced(n as u64);
        }
        file.flush().await.map_err(writing)?;
        let file = file.into_std().await;
        if let Some(times) = times {
            file.set_times(times).map_err(writing)?;
        }
        file.set_permissions(std::fs::Permissions::from_mode(mode & 0o777))
            .map_err(writing)?;
        drop(file);
        // The source's own end-of-file answer: `\x01` when it could not read the whole file.
        self.accepted().await?;
        self.send(b"\0").await?;
        self.progress.file_done();
        Ok(())
    }
}

/// The records' parsers, public for the fuzz targets.
#[doc(hidden)]
pub mod wire;

use wire::*;

#[cfg(test)]
mod tests;
