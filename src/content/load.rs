//! Reads every content file (project copy or built-in) into one typed `Library`.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;

use super::labels::Labels;
use super::model::*;
pub use super::positions::LoadedFile;
use super::yaml;
use crate::diag::{Diagnostic, Diagnostics};
use crate::project::Project;

/// All content, typed; every statement addressable through `Library::statements`.
#[derive(Debug, Clone)]
pub struct Library {
    pub sources: Vec<Source>,
    pub model: ModelFile,
    /// One per level file, in the order the files were found; `level()` looks one up.
    pub levels: Vec<LevelFile>,
    pub principles: PrinciplesFile,
    pub key_terms: KeyTermsFile,
    pub capabilities: CapabilitiesFile,
    pub values: ValuesFile,
    pub ohio: OhioFile,
    pub victoria: VictoriaFile,
    pub partners: PartnersFile,
    pub reading: ReadingFile,
    /// Fixed phrases of the layouts ("Level", "Page", …), by key.
    pub labels: Labels,
    /// Project path (e.g. `content/model/model.yaml`) → its text, for diagnostics.
    pub files: BTreeMap<String, LoadedFile>,
    /// Project path of each level file, parallel to `levels`.
    pub level_paths: Vec<String>,
    /// For an edition in another language: statements with no translation (printed in
    /// the source language) and statements whose source changed since translation.
    pub untranslated: Vec<String>,
    pub stale_translations: Vec<String>,
}

pub const SOURCES: &str = "content/sources.yaml";
pub const MODEL: &str = "content/model/model.yaml";
pub const LEVELS_DIR: &str = "content/model/levels";
pub const PRINCIPLES: &str = "content/model/principles.yaml";
pub const KEY_TERMS: &str = "content/model/key-terms.yaml";
pub const CAPABILITIES: &str = "content/model/capabilities.yaml";
pub const VALUES: &str = "content/model/values.yaml";
pub const OHIO: &str = "content/ohio/peer-support-us.yaml";
pub const VICTORIA: &str = "content/victoria/collaborative-partnerships.yaml";
pub const PARTNERS: &str = "content/partners/partners-in-recovery.yaml";
pub const READING: &str = "content/reading/further-reading.yaml";
pub const LABELS: &str = "content/labels/en.yaml";

struct Loader<'p> {
    project: &'p Project,
    files: BTreeMap<String, LoadedFile>,
    errors: Diagnostics,
}

impl Loader<'_> {
    fn load<T: DeserializeOwned>(&mut self, path: &str) -> Option<T> {
        let file = match self.project.read(path) {
            Ok(Some(file)) => file,
            Ok(None) => {
                self.errors.push(
                    Diagnostic::error(format!("the content file `{path}` is missing")).hint(
                        "restore it, or delete your copy's folder to use the built-in content",
                    ),
                );
                return None;
            }
            Err(e) => {
                self.errors.push(e);
                return None;
            }
        };
        let text = match file.text() {
            Ok(text) => text.to_string(),
            Err(e) => {
                self.errors.push(e);
                return None;
            }
        };
        let parsed = yaml::parse::<T>(&file.display, &text);
        self.files.insert(
            path.to_string(),
            LoadedFile::new(file.display.clone(), text),
        );
        parsed.map_err(|e| self.errors.push(e)).ok()
    }
}

impl Library {
    /// Loads all content of `project`; on failure, every problem found, not just the first.
    pub fn load(project: &Project) -> Result<Library, Diagnostics> {
        let mut loader = Loader {
            project,
            files: BTreeMap::new(),
            errors: vec![],
        };
        let sources = loader.load::<SourcesFile>(SOURCES);
        let model = loader.load::<ModelFile>(MODEL);
        let level_paths = project.list(LEVELS_DIR, ".yaml");
        let levels: Vec<Option<LevelFile>> = level_paths
            .iter()
            .map(|p| loader.load::<LevelFile>(p))
            .collect();
        let principles = loader.load(PRINCIPLES);
        let key_terms = loader.load(KEY_TERMS);
        let capabilities = loader.load(CAPABILITIES);
        let values = loader.load(VALUES);
        let ohio = loader.load(OHIO);
        let victoria = loader.load(VICTORIA);
        let partners = loader.load(PARTNERS);
        let reading = loader.load(READING);
        let labels = loader.load(LABELS);
        if !loader.errors.is_empty() {
            return Err(loader.errors);
        }
        // Every load succeeded, so every Option is Some.
        let library = (|| {
            Some(Library {
                sources: sources?.sources,
                model: model?,
                levels: levels.into_iter().collect::<Option<Vec<_>>>()?,
                principles: principles?,
                key_terms: key_terms?,
                capabilities: capabilities?,
                values: values?,
                ohio: ohio?,
                victoria: victoria?,
                partners: partners?,
                reading: reading?,
                labels: labels?,
                files: loader.files,
                level_paths,
                untranslated: vec![],
                stale_translations: vec![],
            })
        })();
        library.ok_or_else(|| {
            vec![Diagnostic::error(
                "internal error: content loaded without errors but incomplete",
            )]
        })
    }

    /// Loads and checks: the content a document can be rendered from.
    pub fn load_checked(project: &Project) -> Result<Library, Diagnostics> {
        let library = Library::load(project)?;
        let problems = super::check(&library);
        let errors: Diagnostics = problems.into_iter().filter(|d| !d.warning).collect();
        if errors.is_empty() {
            Ok(library)
        } else {
            Err(errors)
        }
    }

    pub fn level(&self, id: &str) -> Option<&LevelFile> {
        self.levels.iter().find(|l| l.level == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The statements of one cell of the matrix, in order (empty if the cell is absent).
    pub fn cell(&self, level: &str, component: &str, row: &str) -> &[Item] {
        self.level(level)
            .and_then(|l| l.cells.get(component))
            .and_then(|c| c.get(row))
            .map_or(&[], Vec::as_slice)
    }
}
