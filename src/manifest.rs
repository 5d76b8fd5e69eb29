//! The build manifest (`out/.hopeprint-manifest.json`): for each output file, a hash of
//! everything it was made from and its page count, so an unchanged document is not
//! rendered again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;

pub const MANIFEST: &str = ".hopeprint-manifest.json";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// The hopeprint version that wrote it; another version rebuilds everything.
    pub version: String,
    /// Output path (relative to the output folder) → what made it.
    pub entries: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub hash: String,
    pub pages: usize,
}

impl Manifest {
    fn path(out: &Path) -> PathBuf {
        out.join(MANIFEST)
    }

    /// The manifest of `out`, or an empty one (missing, unreadable or from another version).
    pub fn load(out: &Path) -> Manifest {
        std::fs::read_to_string(Self::path(out))
            .ok()
            .and_then(|text| serde_json::from_str::<Manifest>(&text).ok())
            .filter(|m| m.version == env!("CARGO_PKG_VERSION"))
            .unwrap_or_default()
    }

    pub fn save(&mut self, out: &Path) -> Result<(), Diagnostic> {
        self.version = env!("CARGO_PKG_VERSION").to_string();
        let text = serde_json::to_string_pretty(self).expect("a manifest is JSON");
        crate::output::write_atomically(&Self::path(out), text.as_bytes())
    }

    /// Whether `key` was made from inputs with this hash and its file is still there.
    pub fn is_fresh(&self, key: &str, hash: &str, file: &Path) -> Option<usize> {
        self.entries
            .get(key)
            .filter(|e| e.hash == hash && file.is_file())
            .map(|e| e.pages)
    }
}

/// A hash of all the inputs of a document, as text.
pub fn hash_inputs(parts: &[&[u8]]) -> String {
    format!("{:032x}", typst::utils::hash128(&parts))
}
