//! An edition in another language: each statement's text in the edition's language (and,
//! for a bilingual edition, its second language after it, and each language's text apart
//! for the parallel layout), and bilingual labels.

use std::collections::BTreeMap;

use crate::content::{Bilingual, Labels, Library, yaml};
use crate::diag::{Diagnostic, Diagnostics};
use crate::project::Project;
use crate::translation::{self, Report};

use super::LoadedEdition;

/// Puts the statements into the edition's language (and, for a bilingual edition, its
/// second language after each), recording what is untranslated or stale.
pub(super) fn translate(
    project: &Project,
    library: &mut Library,
    loaded: &LoadedEdition,
) -> Result<(), Diagnostics> {
    let edition = &loaded.edition;
    let second = edition.second_language.as_deref();
    let language = edition.language();
    if language == "en" && second.is_none_or(|s| s == "en") {
        return Ok(());
    }
    let (first, report) = texts_of(project, &language, library)?;
    let (second_texts, second_report) = match second {
        Some(language) => texts_of(project, language, library)?,
        None => (BTreeMap::new(), Report::default()),
    };
    library.walk_mut(&mut |entry| {
        let Some(original) = &entry.item.text else {
            return;
        };
        let primary = first.get(&entry.reference).unwrap_or(original);
        let (text, bilingual) = match second {
            Some(_) => {
                let other = second_texts.get(&entry.reference).unwrap_or(original);
                let both = Bilingual {
                    first: primary.clone(),
                    second: other.clone(),
                };
                (format!("{primary}\n{other}"), Some(Box::new(both)))
            }
            None => (primary.clone(), None),
        };
        if &text != original {
            entry.item.text = Some(text);
        }
        // Kept apart too, for the parallel layout (`text` is as the stacked one prints it).
        entry.item.bilingual = bilingual;
    });
    library.untranslated = report
        .missing
        .into_iter()
        .chain(second_report.missing)
        .collect();
    library.untranslated.sort();
    library.untranslated.dedup();
    library.stale_translations = report
        .stale
        .into_iter()
        .chain(second_report.stale)
        .collect();
    if let Some(language) = second.filter(|l| *l != language) {
        bilingual_labels(project, library, loaded, language).map_err(|d| vec![d])?;
    }
    Ok(())
}

/// The texts of one language, by reference (the content itself for English), and what
/// its translation leaves out or has not caught up with.
fn texts_of(
    project: &Project,
    language: &str,
    library: &Library,
) -> Result<(BTreeMap<String, String>, Report), Diagnostics> {
    let with_text = || {
        library
            .statements()
            .into_iter()
            .filter_map(|s| Some((s.reference, s.item.text.clone()?)))
    };
    if language == "en" {
        return Ok((with_text().collect(), Report::default()));
    }
    match translation::load(project, language).map_err(|d| vec![d])? {
        Some(t) => {
            let problems = t.check_references(library);
            if !problems.is_empty() {
                return Err(problems);
            }
            Ok(t.texts(library))
        }
        None => {
            let missing = with_text().map(|(reference, _)| reference).collect();
            Ok((
                BTreeMap::new(),
                Report {
                    missing,
                    stale: vec![],
                },
            ))
        }
    }
}

/// Each label followed by its wording in the second language: "Lefel / Level". Without
/// labels in that language the stacked layout prints the first's alone; the parallel
/// layout, which sets each language's labels in its own column, needs them.
fn bilingual_labels(
    project: &Project,
    library: &mut Library,
    loaded: &LoadedEdition,
    language: &str,
) -> Result<(), Diagnostic> {
    let path = format!("content/labels/{language}.yaml");
    let parsed = match project.read(&path) {
        Ok(Some(file)) => file
            .text()
            .and_then(|text| yaml::parse::<Labels>(&file.display, text)),
        Ok(None) => Err(loaded
            .error_at_value(
                "second_language",
                format!("there are no labels for the second language `{language}`"),
            )
            .hint(format!(
                "the parallel layout prints every label in both languages: add {path} with the phrases of content/labels/en.yaml translated"
            ))),
        Err(d) => Err(d),
    };
    match parsed {
        Ok(second) => library.labels = library.labels.bilingual(&second),
        Err(d) if loaded.edition.bilingual_layout.is_parallel() => return Err(d),
        Err(_) => {}
    }
    Ok(())
}
