//! Laying an edition over the content: labels of its language, terms, Ohio wording,
//! patches and translations.

use crate::content::{Labels, Library, yaml};
use crate::diag::{Diagnostic, Diagnostics};
use crate::project::Project;

use super::{LoadedEdition, Terms, look, patch, translate};

/// The base content as this edition prints it: terms replaced, Ohio wording if asked for,
/// patches applied, labels of the edition's language. Every problem is reported.
pub fn apply(
    project: &Project,
    library: &Library,
    loaded: &LoadedEdition,
) -> Result<Library, Diagnostics> {
    let edition = &loaded.edition;
    let mut out = library.clone();
    let mut errors = vec![];

    // Labels in the edition's language.
    if edition.language() != "en" {
        match labels_of(project, loaded) {
            Ok(labels) => out.labels = labels,
            Err(d) => errors.push(d),
        }
    }

    // Terminology first, so that the Ohio wording and patches stay exactly as written.
    if !edition.terms.is_empty() {
        Terms::new(&edition.terms).apply(&mut out);
    }

    if edition.ohio_wording {
        let component = out.ohio.component.clone();
        for (level_id, rows) in &library.ohio.cells {
            if let Some(level) = out.levels.iter_mut().find(|l| &l.level == level_id) {
                let cells = level.cells.entry(component.clone()).or_default();
                for (row, items) in rows {
                    cells.insert(row.clone(), items.clone());
                }
            }
        }
    }

    for (index, patch) in edition.patches.iter().enumerate() {
        if let Err(d) = patch::apply(&mut out, loaded, index, patch) {
            errors.push(d);
        }
    }

    if let Err(mut problems) = translate::translate(project, &mut out, loaded) {
        errors.append(&mut problems);
    }
    errors.append(&mut look::check(project, loaded));
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The labels of the edition's language (`content/labels/<language>.yaml`).
fn labels_of(project: &Project, loaded: &LoadedEdition) -> Result<Labels, Diagnostic> {
    let language = &loaded.edition.language();
    let path = format!("content/labels/{language}.yaml");
    match project.read(&path)? {
        Some(file) => yaml::parse(&file.display, file.text()?),
        None => Err(loaded
            .error_at(
                "locale",
                format!("there are no labels for the language `{language}`"),
            )
            .hint(format!(
                "add {path} with the phrases of content/labels/en.yaml translated"
            ))),
    }
}
