//! Writing files that hold keys: owner-only (0600), never clobbering what the user has unless
//! asked to, replaced atomically.

use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use crate::error::{Error, Result, io_error};

/// Fails if any of `paths` exists and `overwrite` is not set, so nothing is half-written.
pub fn check_absent(paths: &[&Path], overwrite: bool) -> Result<()> {
    if overwrite {
        return Ok(());
    }
    for p in paths {
        if p.exists() {
            return Err(Error::already_exists(format!("{} already exists", p.display()))
                .with_hint("choose another --out, or pass --overwrite to replace it"));
        }
    }
    Ok(())
}

/// Creates a directory and its missing parents with mode 0700 (and tightens an existing one).
pub fn create_private_dir(dir: &Path) -> Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| io_error("creating", dir, e))?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(|e| io_error("securing", dir, e))
}

/// [`write_private`], creating missing parent directories (0700) first: for files under
/// tsh's home, whose layout tsh owns.
pub fn write_private_creating(path: &Path, data: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent() {
        create_private_dir(dir)?;
    }
    write_private(path, data)
}

/// Removes a file; a missing one is fine.
pub fn remove_file(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_error("removing", path, e)),
    }
}

/// Writes `data` to `path` with mode 0600 through a temporary file and a rename.
pub fn write_private(path: &Path, data: &[u8]) -> Result<()> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{file_name}.tmp{}", std::process::id()));
    let result = (|| {
        let mut f = OpenOptions::new()
            .create(true)
            .truncate(true)
            .write(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io_error("writing", path, e)
    })
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn writes_owner_only_and_refuses_to_clobber() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("key");
        write_private(&p, b"secret").unwrap();
        assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
        assert!(check_absent(&[&p], false).is_err());
        assert!(check_absent(&[&p], true).is_ok());
        assert_eq!(std::fs::read(&p).unwrap(), b"secret");
    }
}
