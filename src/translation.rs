//! Translations of statements: one file per language (`content/translations/<lang>.yaml`),
//! keyed by reference, each entry carrying the source text it translated, so that a
//! changed source marks the translation stale.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::content::{Library, yaml};
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
    text: String,
    pub entries: BTreeMap<String, Translated>,
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
    let text = file.text()?.to_string();
    let parsed: TranslationFile = yaml::parse(&file.display, &text)?;
    let mut entries = BTreeMap::new();
    for entry in parsed.statements {
        if entries.contains_key(&entry.reference) {
            return Err(
                Diagnostic::error(format!("`{}` is translated twice", entry.reference))
                    .at_text(&file.display, &text, &entry.reference, 1)
                    .hint("keep one of the two entries"),
            );
        }
        entries.insert(entry.reference.clone(), entry);
    }
    Ok(Some(Translation {
        language: parsed.language,
        display: file.display,
        text,
        entries,
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
                let mut diag =
                    Diagnostic::error(format!("there is no statement `{reference}` to translate"))
                        .at_text(&self.display, &self.text, reference, 0);
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
            match self.entries.get(&statement.reference) {
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
