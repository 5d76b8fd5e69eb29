//! Writing files: every file hopeprint writes goes through here, atomically, so a failure
//! never leaves a half-written file and an earlier good file stays until replaced.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use crate::diag::Diagnostic;
use crate::project::{Project, SOURCE_DIRS, display_path};

/// Temporary files are named `.hopeprint-<random>.part`.
const TEMP_PREFIX: &str = ".hopeprint-";
const TEMP_SUFFIX: &str = ".part";
/// A temporary file older than this was left by a run that was killed: no write takes
/// anywhere near as long.
const STALE_AFTER: Duration = Duration::from_secs(15 * 60);

/// What a document may replace at its path besides a file of a kind hopeprint makes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Replace {
    /// Only a file hopeprint makes (see `is_ours`): a PDF, PNG or Typst file, or its own web page.
    #[default]
    OnlyOurs,
    /// Any regular file outside the project's sources (`--overwrite`).
    AnyFile,
}

/// Writes a document (or a file emitted beside it) to `path`, as `write_atomically`,
/// never replacing a source of the project (a file in `content/`, `layouts/`, `fonts/` or
/// `assets/` other than a PDF, which no source is) nor a file of a kind hopeprint does
/// not make (see `Replace::OnlyOurs`).
pub fn write_output(project: &Project, path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    write_output_replacing(project, path, bytes, Replace::OnlyOurs)
}

/// `write_output`, replacing what `replace` allows besides hopeprint's own kinds of file.
/// A project's source, a folder, a link or a special file is never replaced.
pub fn write_output_replacing(
    project: &Project,
    path: &Path,
    bytes: &[u8],
    replace: Replace,
) -> Result<(), Diagnostic> {
    may_write_replacing(project, path, replace)?;
    write_atomically(path, bytes)
}

/// The error `write_output` would give for `path`, found before anything is written: a
/// command that writes two files (a web page and its PDF) checks both first.
pub fn may_write(project: &Project, path: &Path) -> Result<(), Diagnostic> {
    may_write_replacing(project, path, Replace::OnlyOurs)
}

/// The error `write_output_replacing` would give for `path`, before anything is written.
pub fn may_write_replacing(
    project: &Project,
    path: &Path,
    replace: Replace,
) -> Result<(), Diagnostic> {
    let existing = std::fs::symlink_metadata(path).ok();
    let exists = existing.is_some();
    if let Some(source) = source_folder(project, path).filter(|_| exists && !is_pdf(path)) {
        return Err(Diagnostic::error(format!(
            "cannot write {}: it would replace a file of the project's {source}/ folder, which holds its sources",
            display_path(path)
        ))
        .hint("write outputs elsewhere, e.g. `-o out/<name>.pdf` or `--out out`"));
    }
    // Anything but a regular file is refused by `write_atomically`, with what it is (a
    // FIFO is never opened: reading it would wait for a writer).
    let regular = existing.is_some_and(|m| m.is_file());
    if regular && replace == Replace::OnlyOurs && !is_ours(path) {
        return Err(Diagnostic::error(format!(
            "cannot write {}: a file is there that hopeprint does not make",
            display_path(path)
        ))
        .hint("hopeprint replaces only PDF, PNG and Typst files, and web pages it made: choose another name, remove the file first, or add --overwrite to replace it"));
    }
    Ok(())
}

fn is_pdf(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// An error if the output folder `path` (which may not exist yet) is inside the project's
/// `content/`, `layouts/`, `fonts/` or `assets/`: a build writes a whole folder of files
/// there, and its next build would replace them.
pub fn refuse_sources(project: &Project, path: &Path) -> Result<(), Diagnostic> {
    match source_folder(project, path) {
        Some(source) => Err(Diagnostic::error(format!(
            "cannot write {}: it is inside the project's {source}/ folder, which holds its sources",
            display_path(path)
        ))
        .hint("write outputs elsewhere, e.g. `-o out/<name>.pdf` or `--out out`")),
        None => Ok(()),
    }
}

/// Writes a file of the project itself (`eject`, `translation init`) at `path`, creating
/// its folders, once `refuse_outside_project` allows it.
pub fn write_into_project(project: &Project, path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    refuse_outside_project(project, path)?;
    if let Some(parent) = path.parent() {
        create_dir(parent)?;
    }
    write_atomically(path, bytes)
}

/// An error when `path` (which may not exist yet) would land outside the project
/// directory through a link on the way (`layouts -> /elsewhere`).
pub fn refuse_outside_project(project: &Project, path: &Path) -> Result<(), Diagnostic> {
    let root = match project.root().as_os_str().is_empty() {
        true => Path::new("."),
        false => project.root(),
    };
    let inside = (root.canonicalize().ok())
        .zip(resolved(path))
        .is_some_and(|(root, target)| target.starts_with(root));
    match inside {
        true => Ok(()),
        false => Err(Diagnostic::error(format!(
            "cannot write {}: it leads outside the project directory",
            display_path(path)
        ))
        .hint("a folder on the way is a symbolic link to elsewhere: hopeprint writes a project's files only inside it; make it a real folder")),
    }
}

/// Whether the regular file at `path` is of a kind hopeprint writes, which it may
/// replace: named `.pdf`, `.png` or `.typ`, a PDF or PNG by its first bytes (so that
/// `-o handout`, without an extension, can be run again), or a web page that says it was
/// made by hopeprint (`GENERATOR`), since an output folder may hold a trust's own pages.
fn is_ours(path: &Path) -> bool {
    let extension = (path.extension().and_then(|e| e.to_str())).map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("pdf" | "png" | "typ") => true,
        Some("html") => {
            head_of(path, 4096).is_some_and(|h| String::from_utf8_lossy(&h).contains(GENERATOR))
        }
        _ => head_of(path, 8)
            .is_some_and(|h| h.starts_with(b"%PDF-") || h.starts_with(PNG_SIGNATURE)),
    }
}

/// What every web page hopeprint makes has in its head (the HTML layouts print it).
pub const GENERATOR: &str = "<meta name=\"generator\" content=\"hopeprint\">";

/// The first `bytes` bytes of the (regular) file at `path`.
fn head_of(path: &Path, bytes: u64) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut head = vec![];
    let read = std::fs::File::open(path).and_then(|f| f.take(bytes).read_to_end(&mut head));
    read.ok().map(|_| head)
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The source folder of `project` (`content`, `layouts`, …) that `path` would be in.
fn source_folder(project: &Project, path: &Path) -> Option<&'static str> {
    if project.root().as_os_str().is_empty() {
        return None;
    }
    let root = project.root().canonicalize().ok()?;
    let target = resolved(path)?;
    SOURCE_DIRS
        .into_iter()
        .find(|dir| target.starts_with(root.join(dir)))
}

/// `path` with links resolved, even where it does not exist yet: its nearest existing
/// folder, resolved, with the rest of the path after it.
fn resolved(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let mut existing = absolute.as_path();
    let mut rest = vec![];
    while existing.canonicalize().is_err() {
        rest.push(existing.file_name()?);
        existing = existing.parent()?;
    }
    let mut out = existing.canonicalize().ok()?;
    out.extend(rest.into_iter().rev());
    Some(out)
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Refuses to replace anything but a regular file: a FIFO, a device, a folder or a link
/// at `path` stays as it is.
fn check_replaceable(path: &Path, shown: &str) -> Result<(), Diagnostic> {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(());
    };
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    let what = if kind.is_dir() {
        "a folder"
    } else if kind.is_symlink() {
        "a symbolic link"
    } else {
        "a special file (a device, pipe or socket)"
    };
    Err(
        Diagnostic::error(format!("cannot write {shown}: it is {what}, not a file"))
            .hint("choose another output path; hopeprint replaces only regular files"),
    )
}

/// Removes the temporary files of ours in `dir` that a killed run left behind (once per
/// folder and run): ours by name and by owner (the owner of `ours`, the temporary file
/// this run just made there), left behind by their age.
fn clean_stale_parts(dir: &Path, ours: &std::fs::Metadata) {
    static CLEANED: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);
    let Ok(mut cleaned) = CLEANED.lock() else {
        return;
    };
    if !cleaned
        .get_or_insert_with(HashSet::new)
        .insert(dir.to_path_buf())
    {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if meta.is_file() && old && same_owner(&meta, ours) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn same_owner(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.uid() == b.uid()
}

#[cfg(not(unix))]
fn same_owner(_a: &std::fs::Metadata, _b: &std::fs::Metadata) -> bool {
    true
}

/// Writes `bytes` to `path` through a temporary file in the same folder, so a failure
/// never leaves a half-written file and an earlier good file stays until replaced.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    use std::io::Write;
    let shown = display_path(path);
    let dir = parent_of(path);
    if !dir.is_dir() {
        return Err(Diagnostic::error(format!(
            "cannot write {shown}: the folder {} does not exist",
            display_path(&dir)
        ))
        .hint("create the folder first, or choose another output path with -o"));
    }
    check_replaceable(path, &shown)?;
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
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(&dir)
        .map_err(fail)?;
    if let Ok(ours) = temp.as_file().metadata() {
        clean_stale_parts(&dir, &ours);
    }
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
