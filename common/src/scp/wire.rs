//! The scp protocol's records and errors: building and parsing `C`/`D`/`T` lines, and the
//! error values both directions share.

use super::*;

/// The name a top-level source travels under: its last component (`.` and `..` resolved).
pub(super) async fn record_name(path: &Path) -> Result<Vec<u8>> {
    if let Some(name) = path.file_name() {
        return Ok(name.as_bytes().to_vec());
    }
    let full = tokio::fs::canonicalize(path)
        .await
        .map_err(|e| io_error("reading", path, e))?;
    match full.file_name() {
        Some(name) => Ok(name.as_bytes().to_vec()),
        None => Err(Error::bad_parameter(format!(
            "{}: scp cannot copy the root directory",
            path.display()
        ))),
    }
}

/// A `C` or `D` record: `C0644 12 name\n`.
pub(super) fn record(kind: u8, mode: u32, size: u64, name: &[u8]) -> Vec<u8> {
    let mut line = format!("{}{mode:04o} {size} ", char::from(kind)).into_bytes();
    line.extend_from_slice(name);
    line.push(b'\n');
    line
}

/// Creates a directory for a `D` record (owner-writable until its `E`); `false` when it was
/// there already.
pub(super) async fn make_dir(path: &Path) -> Result<bool> {
    match tokio::fs::metadata(path).await {
        Ok(meta) if meta.is_dir() => Ok(false),
        Ok(_) => Err(Error::already_exists(format!(
            "creating {}: it exists and is not a directory",
            path.display()
        ))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut builder = tokio::fs::DirBuilder::new();
            builder.mode(0o700);
            builder.create(path).await.map_err(|e| io_error("creating", path, e))?;
            Ok(true)
        }
        Err(e) => Err(io_error("creating", path, e)),
    }
}

/// Applies the times and mode a directory came with, once everything inside it is written.
pub(super) fn finish_dir(dir: &OpenDir) -> Result<()> {
    if let Some(times) = dir.times {
        std::fs::File::open(&dir.path)
            .and_then(|f| f.set_times(times))
            .map_err(|e| io_error("setting times of", &dir.path, e))?;
    }
    if let Some(mode) = dir.mode {
        std::fs::set_permissions(&dir.path, std::fs::Permissions::from_mode(mode))
            .map_err(|e| io_error("setting mode of", &dir.path, e))?;
    }
    Ok(())
}

/// Parses `C0644 12 name` or `D0755 0 name` into mode, size and a name safe to join.
pub fn parse_record(line: &[u8]) -> Result<(u32, u64, &OsStr)> {
    let malformed = || protocol(format!("malformed record {:?}", String::from_utf8_lossy(line)));
    let mut parts = line[1..].splitn(3, |&b| b == b' ');
    let (Some(mode), Some(size), Some(name)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(malformed());
    };
    let mode = std::str::from_utf8(mode)
        .ok()
        .filter(|m| !m.is_empty() && m.bytes().all(|b| (b'0'..=b'7').contains(&b)))
        .and_then(|m| u32::from_str_radix(m, 8).ok())
        .filter(|m| *m <= 0o7777)
        .ok_or_else(malformed)?;
    let size = parse_number(size).ok_or_else(malformed)?;
    if name.is_empty() || name == b"." || name == b".." || name.contains(&b'/') || name.contains(&0) {
        let name = String::from_utf8_lossy(name);
        return Err(protocol(format!("refusing the file name {name:?} sent by the remote")));
    }
    Ok((mode, size, OsStr::from_bytes(name)))
}

/// Parses the rest of `T<mtime> <usec> <atime> <usec>`.
pub fn parse_times(rest: &[u8]) -> Result<FileTimes> {
    let malformed = || protocol(format!("malformed time record {:?}", String::from_utf8_lossy(rest)));
    let fields: Vec<u64> = rest
        .split(|&b| b == b' ')
        .map(parse_number)
        .collect::<Option<_>>()
        .ok_or_else(malformed)?;
    let [mtime, mtime_us, atime, atime_us] = fields[..] else {
        return Err(malformed());
    };
    if mtime_us > 999_999 || atime_us > 999_999 {
        return Err(malformed());
    }
    let at = |secs, micros: u64| UNIX_EPOCH.checked_add(Duration::from_secs(secs) + Duration::from_micros(micros));
    let (Some(modified), Some(accessed)) = (at(mtime, mtime_us), at(atime, atime_us)) else {
        return Err(malformed());
    };
    Ok(FileTimes::new().set_modified(modified).set_accessed(accessed))
}

/// Parses a decimal number made of digits only.
pub fn parse_number(text: &[u8]) -> Option<u64> {
    if text.is_empty() || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(text).ok()?.parse().ok()
}

/// The buffer size for `left` bytes to go.
pub(super) fn chunk_for(left: u64) -> usize {
    usize::try_from(left).map_or(CHUNK, |left| left.min(CHUNK))
}

/// An error message from the remote `scp`, e.g. `scp: /x: No such file or directory`.
pub fn remote_error(text: &[u8]) -> Error {
    let text = String::from_utf8_lossy(text).trim_end().to_owned();
    let kind = if text.ends_with("No such file or directory") {
        ErrorKind::NotFound
    } else if text.ends_with("Permission denied") {
        ErrorKind::AccessDenied
    } else {
        ErrorKind::BadParameter
    };
    Error::new(kind, text)
}

pub(super) fn protocol(message: String) -> Error {
    Error::internal(format!("scp protocol: {message}"))
}

pub(super) fn shrank(path: &Path) -> Error {
    Error::bad_parameter(format!(
        "reading {}: the file shrank while being copied",
        path.display()
    ))
}

pub(super) fn not_regular(path: &Path) -> Error {
    Error::bad_parameter(format!("{}: not a regular file", path.display()))
}

pub(super) fn lost(e: std::io::Error) -> Error {
    use std::io::ErrorKind::{BrokenPipe, ConnectionReset, UnexpectedEof};
    match e.kind() {
        BrokenPipe | ConnectionReset | UnexpectedEof => closed(),
        _ => Error::connection(format!("scp: connection lost: {e}")),
    }
}

pub(super) fn closed() -> Error {
    Error::connection("scp protocol: the remote closed the connection too early")
}

/// Joins what failed along the way with how it ended. A lost connection after a remote error
/// is that error's consequence (the remote exits), so only the remote's words are kept.
pub(super) fn finish(result: Result<()>, mut errors: Vec<Error>) -> Result<()> {
    if let Err(e) = result
        && (e.kind() != ErrorKind::ConnectionProblem || errors.is_empty())
    {
        errors.push(e);
    }
    match errors.len() {
        0 => Ok(()),
        1 => Err(errors.remove(0)),
        _ => {
            let message = errors.iter().map(Error::message).collect::<Vec<_>>().join("\n");
            Err(Error::new(errors[0].kind(), message))
        }
    }
}
