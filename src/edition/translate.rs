//! An edition in another language: each statement's text in the edition's language (and,
//! for a bilingual edition, its second language after it), and bilingual labels.

use std::collections::BTreeMap;

use crate::content::{Labels, Library, yaml};
use crate::diag::Diagnostics;
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
        let text = match second {
            Some(_) => format!(
                "{primary}\n{}",
                second_texts.get(&entry.reference).unwrap_or(original)
            ),
            None => primary.clone(),
        };
        if &text != original {
            entry.item.text = Some(text);
        }
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
        bilingual_labels(project, library, language);
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

/// Each label followed by its wording in the second language: "Lefel / Level".
fn bilingual_labels(project: &Project, library: &mut Library, language: &str) {
    let Some(file) = project
        .read(&format!("content/labels/{language}.yaml"))
        .ok()
        .flatten()
    else {
        return;
    };
    if let Ok(text) = file.text()
        && let Ok(second) = yaml::parse::<Labels>(&file.display, text)
    {
        library.labels = library.labels.bilingual(&second);
    }
}
