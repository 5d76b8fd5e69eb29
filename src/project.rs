//! The files hopeprint works from: defaults embedded in the binary, overridden file by
//! file by a project directory's `content/`, `layouts/` and `fonts/` (as mdBook's theme).

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::diag::Diagnostic;

static EMBEDDED: [(&str, Dir<'static>); 3] = [
    ("content", include_dir!("$CARGO_MANIFEST_DIR/content")),
    ("layouts", include_dir!("$CARGO_MANIFEST_DIR/layouts")),
    ("fonts", include_dir!("$CARGO_MANIFEST_DIR/fonts")),
];

/// The project's folders of sources: outputs are never written into them.
pub const SOURCE_DIRS: [&str; 4] = ["content", "layouts", "fonts", "assets"];

/// Files larger than this are refused before parsing: content files are hand-edited
/// text, and a huge one is almost certainly a mistake.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Where a file came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The project directory (the user's own copy).
    Project,
    /// The defaults built into hopeprint.
    BuiltIn,
}

/// One file, read from the project directory or the embedded defaults.
#[derive(Debug, Clone)]
pub struct ProjectFile {
    /// Path inside the project, with `/` separators, e.g. `content/model/principles.yaml`.
    pub path: String,
    /// How to name the file to a user: its path on disk, or the path marked "(built in)".
    pub display: String,
    pub bytes: Cow<'static, [u8]>,
    pub origin: Origin,
}

impl ProjectFile {
    /// The file as UTF-8 text, without a byte-order mark (which Windows editors add).
    pub fn text(&self) -> Result<&str, Diagnostic> {
        let bytes = self
            .bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(&self.bytes);
        std::str::from_utf8(bytes).map_err(|e| {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            Diagnostic::error(format!(
                "the file is not valid UTF-8 text (first bad byte at line {line})"
            ))
            .in_file(&self.display)
            .hint("save the file as UTF-8 in your editor")
        })
    }
}

/// A project directory layered over the embedded defaults.
#[derive(Debug, Clone)]
pub struct Project {
    root: PathBuf,
    max_file_bytes: u64,
}

impl Project {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Project {
            root: root.into(),
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        }
    }

    /// A project that uses only the embedded defaults (no directory on disk).
    pub fn built_in() -> Self {
        Project::new(PathBuf::new())
    }

    pub fn with_max_file_bytes(mut self, max: u64) -> Self {
        self.max_file_bytes = max;
        self
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn on_disk(&self, path: &str) -> Option<PathBuf> {
        if self.root.as_os_str().is_empty() {
            return None;
        }
        Some(self.root.join(path))
    }

    /// Reads `path` (e.g. `content/sources.yaml`): the project's copy if it has one,
    /// otherwise the built-in one. `Ok(None)` when neither exists.
    pub fn read(&self, path: &str) -> Result<Option<ProjectFile>, Diagnostic> {
        if !is_inner_path(path) {
            return Err(Diagnostic::error(format!(
                "`{path}` is not a path inside the project"
            ))
            .hint("name files by their path inside the project, without `..`, `/` at the start or `\\`"));
        }
        let disk = self.on_disk(path);
        if let Some(special) = disk.as_deref().filter(|p| is_special(p)) {
            // Never opened: a FIFO would wait for a writer, a device never end.
            return Err(Diagnostic::error(format!(
                "{} is a device, pipe or socket, not a regular file",
                display_path(special)
            ))
            .hint("put a regular file there; hopeprint reads only regular files"));
        }
        if let Some(disk) = disk.filter(|p| p.is_file()) {
            let display = display_path(&disk);
            self.confine(&disk, &display)?;
            let size = std::fs::metadata(&disk).map(|m| m.len()).unwrap_or(0);
            if size > self.max_file_bytes {
                let mb = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
                let what = match path.ends_with(".yaml") {
                    true => {
                        "content files are hand-written YAML; check that this is the file you meant"
                    }
                    false => "check that this is the file you meant",
                };
                return Err(Diagnostic::error(format!(
                    "the file is {:.1} MB, larger than the limit of {:.1} MB",
                    mb(size),
                    mb(self.max_file_bytes)
                ))
                .in_file(&display)
                .hint(what)
                .hint("if it really is that large, raise the limit with --max-file-size <MB>"));
            }
            let bytes = std::fs::read(&disk).map_err(|e| {
                Diagnostic::error(format!("failed to read the file ({e})")).in_file(&display)
            })?;
            return Ok(Some(ProjectFile {
                path: path.to_string(),
                display,
                bytes: Cow::Owned(bytes),
                origin: Origin::Project,
            }));
        }
        Ok(embedded(path).map(|bytes| ProjectFile {
            path: path.to_string(),
            display: format!("{path} (built in)"),
            bytes: Cow::Borrowed(bytes),
            origin: Origin::BuiltIn,
        }))
    }

    /// Refuses a file on disk that resolves, through symbolic links, outside the project
    /// directory: a project's files are read only from inside it.
    fn confine(&self, disk: &Path, display: &str) -> Result<(), Diagnostic> {
        let outside = |reason: String| {
            Diagnostic::error(format!("{display} leads outside the project directory{reason}"))
                .hint("hopeprint reads only files inside the project: copy the file into it instead of linking to it")
        };
        let real = disk
            .canonicalize()
            .map_err(|e| outside(format!(" ({e})")))?;
        let root = self
            .root
            .canonicalize()
            .map_err(|e| outside(format!(" ({e})")))?;
        match real.starts_with(&root) {
            true => Ok(()),
            false => Err(outside(String::new())),
        }
    }

    /// The ids of the `.yaml` files directly in `dir` (e.g. the editions or packs), built in
    /// and the project's: their names without the extension.
    pub fn yaml_ids(&self, dir: &str) -> Vec<String> {
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        (self.list(dir, ".yaml").iter())
            .filter_map(|p| p.strip_prefix(&prefix)?.strip_suffix(".yaml"))
            // Files in subfolders are not editions or packs of this folder.
            .filter(|id| !id.contains('/'))
            .map(str::to_string)
            .collect()
    }

    /// Every file under `dir` (e.g. `content`) whose name ends with `suffix`, from the
    /// project and the embedded defaults together, sorted, each path once.
    pub fn list(&self, dir: &str, suffix: &str) -> Vec<String> {
        let mut found = BTreeSet::new();
        let (top, rest) = dir.split_once('/').unwrap_or((dir, ""));
        if let Some((_, root)) = EMBEDDED.iter().find(|(name, _)| *name == top) {
            let start = if rest.is_empty() {
                Some(root)
            } else {
                root.get_dir(rest)
            };
            if let Some(start) = start {
                collect_embedded(start, top, suffix, &mut found);
            }
        }
        if let Some(disk) = self.on_disk(dir) {
            collect_disk(&disk, dir, suffix, &mut found);
        }
        found.into_iter().collect()
    }
}

/// Whether `path` names a file inside the project: `/`-separated names, none of them
/// empty, `.` or `..`, no backslash (so it can never lead above the project directory).
pub fn is_inner_path(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// Whether `path` (following links) exists and is neither a regular file nor a folder.
fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

fn embedded(path: &str) -> Option<&'static [u8]> {
    let (top, rest) = path.split_once('/')?;
    let (_, dir) = EMBEDDED.iter().find(|(name, _)| *name == top)?;
    dir.get_file(rest).map(|f| f.contents())
}

/// The contents of a built-in file, ignoring any project override (for `extends "builtin/…"`).
pub fn built_in_file(path: &str) -> Option<&'static [u8]> {
    embedded(path)
}

fn collect_embedded(
    dir: &'static Dir<'static>,
    top: &str,
    suffix: &str,
    out: &mut BTreeSet<String>,
) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        if path.ends_with(suffix) {
            out.insert(format!("{top}/{path}"));
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, top, suffix, out);
    }
}

fn collect_disk(dir: &Path, rel: &str, suffix: &str, out: &mut BTreeSet<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel_path = format!("{rel}/{name}");
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            collect_disk(&entry.path(), &rel_path, suffix, out);
        } else if name.ends_with(suffix) {
            out.insert(rel_path);
        }
    }
}

/// A path as a user would type it: relative to the current directory when inside it.
pub fn display_path(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let shown = cwd
        .as_deref()
        .and_then(|c| path.strip_prefix(c).ok())
        .unwrap_or(path);
    shown.to_string_lossy().replace('\\', "/")
}
