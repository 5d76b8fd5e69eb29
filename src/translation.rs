//! Translations of statements: one file per language (`content/translations/<lang>.yaml`),
//! keyed by reference, each entry carrying the source text it translated, so that a
//! changed source marks the translation stale.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::content::{Library, LoadedFile, yaml};
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::project::Project;

/// `content/translations/<lang>.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TranslationFile {
    pub language: String,
    /// A sample for testing, not a translation to publish.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sample: bool,
    pub statements: Vec<Translated>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Translated {
    /// The statement's reference.
    #[serde(rename = "ref")]
    pub reference: String,
    /// The text this translation was made from; when the statement's text changes, the
    /// translation is stale.
    pub source: String,
    /// The translation.
    pub text: String,
}

/// A language's texts by reference, read from its translation file.
pub struct Translation {
    pub language: String,
    pub display: String,
    file: LoadedFile,
    pub entries: BTreeMap<String, Translated>,
    /// Each reference's place in the file's `statements`, for diagnostics.
    places: BTreeMap<String, usize>,
}

/// What a translation leaves out or has not caught up with.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// References with no translation (printed in the source language, if allowed).
    pub missing: Vec<String>,
    /// References whose source text changed since they were translated.
    pub stale: Vec<String>,
}

pub fn path(language: &str) -> String {
    format!("content/translations/{language}.yaml")
}

/// The translation into `language`, if the project or hopeprint has one.
pub fn load(project: &Project, language: &str) -> Result<Option<Translation>, Diagnostic> {
    let Some(file) = project.read(&path(language))? else {
        return Ok(None);
    };
    let loaded = LoadedFile::new(file.display.clone(), file.text()?);
    let parsed: TranslationFile = yaml::parse(&loaded.display, &loaded.text)?;
    let mut entries = BTreeMap::new();
    let mut places = BTreeMap::new();
    for (index, entry) in parsed.statements.into_iter().enumerate() {
        if entries.contains_key(&entry.reference) {
            return Err(loaded
                .error_at_value(
                    &format!("statements/{index}/ref"),
                    format!("`{}` is translated twice", entry.reference),
                )
                .hint("keep one of the two entries"));
        }
        places.insert(entry.reference.clone(), index);
        entries.insert(entry.reference.clone(), entry);
    }
    Ok(Some(Translation {
        language: parsed.language,
        display: file.display,
        file: loaded,
        entries,
        places,
    }))
}

impl Translation {
    /// Every reference the translation names must exist in `library`.
    pub fn check_references(&self, library: &Library) -> Diagnostics {
        let refs = library.references();
        self.entries
            .keys()
            .filter(|r| !refs.contains(r))
            .map(|reference| {
                let place = self.places.get(reference).copied().unwrap_or_default();
                let mut diag = self.file.error_at_value(
                    &format!("statements/{place}/ref"),
                    format!("there is no statement `{reference}` to translate"),
                );
                if let Some(best) = did_you_mean(reference, refs.iter().map(String::as_str)) {
                    diag = diag.hint(format!("did you mean `{best}`?"));
                }
                diag.hint("`hopeprint list statements` shows every reference")
            })
            .collect()
    }

    /// The translated text of each statement of `library`, by reference, and what is
    /// missing or stale.
    pub fn texts(&self, library: &Library) -> (BTreeMap<String, String>, Report) {
        let mut texts = BTreeMap::new();
        let mut report = Report::default();
        for statement in library.statements() {
            let Some(current) = statement.item.text.as_deref() else {
                continue;
            };
            // An entry with an empty text (as `translation init` writes them) is missing.
            let entry =
                (self.entries.get(&statement.reference)).filter(|e| !e.text.trim().is_empty());
            match entry {
                Some(entry) => {
                    if entry
                        .source
                        .split_whitespace()
                        .ne(current.split_whitespace())
                    {
                        report.stale.push(statement.reference.clone());
                    }
                    texts.insert(statement.reference, entry.text.clone());
                }
                None => report.missing.push(statement.reference),
            }
        }
        (texts, report)
    }
}
