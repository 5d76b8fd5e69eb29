//! `hopeprint translation`: a skeleton translation file for a translator, and how far each
//! translation has come.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::process::ExitCode;

use super::Outcome;
use crate::catalog::{Catalog, expand};
use crate::cli::TranslationAction;
use crate::content::Library;
use crate::diag::{Diagnostic, Diagnostics};
use crate::document::{Settings, resolve_request};
use crate::output::{refuse_outside_project, write_into_project};
use crate::project::{Project, display_path};
use crate::translation;

pub fn run(project: &Project, action: &TranslationAction) -> Outcome {
    let library = Library::load_checked(project)?;
    match action {
        TranslationAction::Init { language, force } => init(project, &library, language, *force)?,
        TranslationAction::Status { language } => status(project, &library, language.as_deref())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes `content/translations/<language>.yaml`: every statement's reference and English
/// source under the first catalogue document that prints it, each with an empty text.
fn init(
    project: &Project,
    library: &Library,
    language: &str,
    force: bool,
) -> Result<(), Diagnostics> {
    if !crate::content::is_valid_id(language) {
        return Err(vec![
            Diagnostic::error(format!("`{language}` is not a language code"))
                .hint("use a lowercase code such as cy (Welsh), ga (Irish) or gd (Gaelic)"),
        ]);
    }
    let path = project.root().join(translation::path(language));
    refuse_outside_project(project, &path).map_err(|d| vec![d])?;
    if path.exists() && !force {
        return Err(vec![
            Diagnostic::error(format!("{} already exists", display_path(&path)))
                .hint("`hopeprint translation status` shows how far it has come; add --force to start again"),
        ]);
    }
    let text = skeleton(project, library, language)?;
    write_into_project(project, &path, text.as_bytes()).map_err(|d| vec![d])?;
    outln!(
        "wrote {}: {} statements to translate; fill in each `text`, keep `source` as it is",
        display_path(&path),
        library
            .statements()
            .iter()
            .filter(|s| s.item.text.is_some())
            .count()
    );
    outln!(
        "then set `language: {language}` in your edition, or `second_language: {language}` for a bilingual one"
    );
    Ok(())
}

/// The skeleton's text. Strings are written as JSON strings, which YAML reads as they are.
fn skeleton(project: &Project, library: &Library, language: &str) -> Result<String, Diagnostics> {
    let catalog = Catalog::load(project).map_err(|d| vec![d])?;
    let settings = Settings {
        version: catalog.version.clone(),
        date: catalog.date.clone(),
        bleed_mm: 0.0,
        crop_marks: false,
        edition: None,
    };
    let documents: Vec<_> = expand(&catalog.entries, false, &library.model)
        .iter()
        .filter_map(|(_, request)| resolve_request(library, request, &settings).ok())
        .collect();
    let statements = library.statements();
    let mut done = BTreeSet::new();
    let mut out = format!(
        "# yaml-language-server: $schema=../../schemas/translation.schema.json\n\
         # The statements in `{language}`, grouped by the first document that prints them.\n\
         # Write each translation in `text`; keep `source`, the English it translates, so that\n\
         # hopeprint can tell when the English changes. An empty text counts as missing.\n\
         language: \"{language}\"\nstatements:\n"
    );
    let groups = documents
        .iter()
        .map(|d| (d.name.as_str(), Some(d)))
        .chain([("not printed by the catalogue", None)]);
    for (name, document) in groups {
        let mut group = String::new();
        for statement in &statements {
            let Some(source) = &statement.item.text else {
                continue;
            };
            let printed = document.is_none_or(|d| d.prints(&statement.reference));
            if !printed || !done.insert(statement.reference.clone()) {
                continue;
            }
            let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
            let _ = write!(
                group,
                "  - ref: {}\n    source: {}\n    text: \"\"\n",
                quote(&statement.reference),
                quote(source)
            );
        }
        if !group.is_empty() {
            let _ = write!(out, "\n  # {name}\n{group}");
        }
    }
    Ok(out)
}

/// For each translation (or one language): translated, missing and stale counts.
fn status(project: &Project, library: &Library, language: Option<&str>) -> Result<(), Diagnostics> {
    let languages = match language {
        Some(language) => vec![language.to_string()],
        None => project.yaml_ids("content/translations"),
    };
    if languages.is_empty() {
        outln!("no translations yet: `hopeprint translation init cy` starts one");
        return Ok(());
    }
    let total = library
        .statements()
        .iter()
        .filter(|s| s.item.text.is_some())
        .count();
    for language in languages {
        let Some(loaded) = translation::load(project, &language).map_err(|d| vec![d])? else {
            return Err(vec![
                Diagnostic::error(format!("there is no translation into `{language}`")).hint(
                    format!("`hopeprint translation init {language}` starts one"),
                ),
            ]);
        };
        let (texts, report) = loaded.texts(library);
        outln!(
            "{language}: {} of {total} statements translated, {} missing, {} stale ({})",
            texts.len(),
            report.missing.len(),
            report.stale.len(),
            loaded.display
        );
    }
    Ok(())
}
