//! The build manifest (`out/.hopeprint-manifest.json`): for each document, a hash of
//! everything it was made from, its page count and the size and hash of every file it
//! wrote, so an unchanged document whose files are as written is not rendered again; and
//! the lock that keeps two builds out of one output folder at once.

use std::collections::BTreeMap;
use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;
use crate::project::display_path;

pub const MANIFEST: &str = ".hopeprint-manifest.json";
/// The file a build locks for as long as it writes into the folder.
pub const LOCK: &str = ".hopeprint-lock";
/// A manifest larger than this is not one hopeprint wrote (an entry takes about 300 bytes).
const MAX_MANIFEST_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// The hopeprint version that wrote it; another version rebuilds everything.
    pub version: String,
    /// Output key (the document's main file, relative to the output folder) → what made it.
    pub entries: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub hash: String,
    pub pages: usize,
    /// Every file the document wrote (one PDF, or a PNG per page), as written.
    pub files: Vec<Written>,
}

/// One file as it was written: where (relative to the output folder), its size and a hash
/// of its bytes, so a file changed or cut short since is noticed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Written {
    pub path: String,
    pub size: u64,
    pub hash: String,
}

impl Written {
    /// The file at `path` (inside `out`) as it is now; `None` if it cannot be read.
    fn of(out: &Path, path: &Path) -> Option<Written> {
        let bytes = std::fs::read(path).ok()?;
        let relative = path.strip_prefix(out).ok()?;
        Some(Written {
            path: relative.to_string_lossy().replace('\\', "/"),
            size: bytes.len() as u64,
            hash: hash_inputs(&[&bytes]),
        })
    }

    /// Whether the file is still exactly as written: its size first (cheap), then its hash.
    fn is_intact(&self, out: &Path) -> bool {
        let path = out.join(&self.path);
        let same_size =
            std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && m.len() == self.size);
        same_size && Written::of(out, &path).is_some_and(|now| now == *self)
    }
}

impl Entry {
    /// The entry of a document made from inputs with `hash`, which wrote `files` into `out`.
    pub fn new(hash: &str, pages: usize, out: &Path, files: &[PathBuf]) -> Entry {
        Entry {
            hash: hash.to_string(),
            pages,
            files: files.iter().filter_map(|f| Written::of(out, f)).collect(),
        }
    }
}

impl Manifest {
    fn path(out: &Path) -> PathBuf {
        out.join(MANIFEST)
    }

    /// The manifest of `out`, or an empty one (missing, unreadable, from another version,
    /// or not a regular file of a sane size: a link, a FIFO, which would never end, or a
    /// huge file is never read).
    pub fn load(out: &Path) -> Manifest {
        let path = Self::path(out);
        std::fs::symlink_metadata(&path)
            .ok()
            .filter(|m| m.is_file() && m.len() <= MAX_MANIFEST_BYTES)
            .and_then(|_| std::fs::read_to_string(&path).ok())
            .and_then(|text| serde_json::from_str::<Manifest>(&text).ok())
            .filter(|m| m.version == env!("CARGO_PKG_VERSION"))
            .unwrap_or_default()
    }

    /// Writes the manifest atomically (a build saves it after each document, so a killed
    /// build loses at most the documents it was making).
    pub fn save(&mut self, out: &Path) -> Result<(), Diagnostic> {
        self.version = env!("CARGO_PKG_VERSION").to_string();
        let text = serde_json::to_string_pretty(self).expect("a manifest is JSON");
        crate::output::write_atomically(&Self::path(out), text.as_bytes())
    }

    /// The page count of `key` if it was made from inputs with this hash and every file it
    /// wrote into `out` is still there, as written.
    pub fn is_fresh(&self, key: &str, hash: &str, out: &Path) -> Option<usize> {
        self.entries
            .get(key)
            .filter(|e| e.hash == hash && !e.files.is_empty())
            .filter(|e| e.files.iter().all(|f| f.is_intact(out)))
            .map(|e| e.pages)
    }
}

/// Holds the output folder for one build: a second build into it waits until the first
/// is done, so neither loses the other's manifest entries. Released when dropped.
pub struct OutputLock {
    _file: File,
}

/// Locks `out` (which exists) for this build, waiting, with a message, while another
/// build holds it. A lock file or manifest that is not a regular file is refused before
/// anything is rendered: opening a link would create its target outside the folder,
/// opening a FIFO would wait for ever, and the manifest could not be saved.
pub fn lock(out: &Path) -> Result<OutputLock, Diagnostic> {
    let path = out.join(LOCK);
    let fail = |e: std::io::Error| {
        Diagnostic::error(format!("cannot lock {} ({e})", display_path(&path)))
            .hint("check that the output folder is writable")
    };
    for own in [path.clone(), Manifest::path(out)] {
        if std::fs::symlink_metadata(&own).is_ok_and(|m| !m.is_file()) {
            return Err(Diagnostic::error(format!(
                "cannot build into {}: {} is not a regular file (a link, folder or special file)",
                display_path(out),
                display_path(&own)
            ))
            .hint("remove it: a build makes its own file there"));
        }
    }
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(fail)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            eprintln!(
                "waiting for another build into {} to finish…",
                display_path(out)
            );
            file.lock().map_err(fail)?;
        }
        Err(TryLockError::Error(e)) => return Err(fail(e)),
    }
    Ok(OutputLock { _file: file })
}

/// A hash of all the inputs of a document, as text.
pub fn hash_inputs(parts: &[&[u8]]) -> String {
    format!("{:032x}", typst::utils::hash128(&parts))
}
