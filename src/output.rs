//! Writing files: every file hopeprint writes goes through here, atomically, so a failure
//! never leaves a half-written file and an earlier good file stays until replaced.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::project::display_path;

/// Writes `bytes` to `path` through a temporary file in the same folder, so a failure
/// never leaves a half-written file and an earlier good file stays until replaced.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    use std::io::Write;
    let shown = display_path(path);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(Diagnostic::error(format!(
            "cannot write {shown}: the folder {} does not exist",
            display_path(&dir)
        ))
        .hint("create the folder first, or choose another output path with -o"));
    }
    let fail = |e: std::io::Error| {
        // The operating system's reason, without the temporary file's random name.
        let reason = e.raw_os_error().map_or_else(
            || e.kind().to_string(),
            |code| std::io::Error::from_raw_os_error(code).to_string(),
        );
        Diagnostic::error(format!("cannot write {shown} ({reason})"))
            .hint("check that the folder is writable and the disk is not full")
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".hopeprint-")
        .suffix(".part")
        .tempfile_in(&dir)
        .map_err(fail)?;
    temp.write_all(bytes).map_err(fail)?;
    // A temporary file is private (0600); the output keeps the permissions of the file it
    // replaces, or gets the usual ones for a new document.
    let permissions = match std::fs::metadata(path) {
        Ok(existing) => existing.permissions(),
        Err(_) => default_permissions(temp.as_file()).map_err(fail)?,
    };
    temp.as_file().set_permissions(permissions).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

#[cfg(unix)]
fn default_permissions(_file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

/// Creates `dir` and the folders above it.
pub fn create_dir(dir: &Path) -> Result<(), Diagnostic> {
    std::fs::create_dir_all(dir).map_err(|e| {
        Diagnostic::error(format!(
            "cannot create the folder {} ({e})",
            display_path(dir)
        ))
    })
}
