//! `hopeprint check`: validate all content and print what it holds.

use std::process::ExitCode;

use super::Outcome;
use crate::catalog::Catalog;
use crate::cli::CheckArgs;
use crate::content::{Library, Summary, check};
use crate::diag::Diagnostic;
use crate::document::{Settings, resolve_request};
use crate::project::Project;

pub fn run(project: &Project, args: &CheckArgs) -> Outcome {
    let library = Library::load(project)?;
    let mut problems = check(&library);
    problems.extend(check_catalog(project, &library, args.allow_untranslated));
    problems.extend(super::layouts::unknown_blocks(project));
    let errors = problems.iter().filter(|d| !d.warning).count();
    crate::diag::emit_all(&problems);
    if !args.quiet {
        out!("{}", render_summary(&Summary::of(&library)));
    }
    if errors > 0 {
        eprintln!(
            "{errors} problem{} found",
            if errors == 1 { "" } else { "s" }
        );
        return Ok(ExitCode::FAILURE);
    }
    if !args.quiet {
        outln!("content is sound: no problems found");
    }
    Ok(ExitCode::SUCCESS)
}

/// Every document of the catalogue must resolve against the content.
fn check_catalog(
    project: &Project,
    library: &Library,
    allow_untranslated: bool,
) -> Vec<Diagnostic> {
    let catalog = match Catalog::load(project) {
        Ok(catalog) => catalog,
        Err(d) => return vec![d],
    };
    let settings = Settings {
        version: catalog.version.clone(),
        date: catalog.date.clone(),
        bleed_mm: 0.0,
        crop_marks: false,
        edition: None,
    };
    let mut problems: Vec<Diagnostic> = vec![];
    let mut names = crate::catalog::Names::default();
    for (index, request) in crate::catalog::expand(&catalog.entries, false, &library.model) {
        match resolve_request(library, &request, &settings) {
            Ok(document) => {
                if let Err(d) = names.record(&catalog, index, &request, &document.name) {
                    problems.push(d);
                }
            }
            Err(d) => problems.push(catalog.locate(index, d)),
        }
    }
    // Every pack must load, and its documents resolve.
    for id in project.yaml_ids("content/packs") {
        match crate::pack::load(project, &id) {
            Ok(loaded) => {
                for entry in &loaded.documents {
                    if let Err(d) = resolve_request(library, &entry.request(None), &settings) {
                        problems.push(d.in_file(loaded.display()));
                    }
                }
            }
            Err(d) => problems.extend(d),
        }
    }
    // Every edition must load and apply to the content; translations are reported.
    for id in crate::edition::edition_ids(project) {
        let loaded = match crate::edition::load(project, &id) {
            Ok(loaded) => loaded,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        match crate::edition::apply(project, library, &loaded) {
            Ok(edited) => problems.extend(translation_report(
                &id,
                &loaded,
                &edited,
                &catalog,
                allow_untranslated,
            )),
            Err(mut errors) => problems.append(&mut errors),
        }
    }
    problems
}

/// The untranslated and stale statements of an edition, per document: an error when some
/// are untranslated (render and build stop there too) unless allowed, else a warning.
fn translation_report(
    id: &str,
    loaded: &crate::edition::LoadedEdition,
    edited: &Library,
    catalog: &Catalog,
    allow_untranslated: bool,
) -> Vec<Diagnostic> {
    if edited.untranslated.is_empty() && edited.stale_translations.is_empty() {
        return vec![];
    }
    let settings = catalog.settings_for(loaded.clone(), 0.0, false);
    let by_component =
        loaded.edition.poster_orientation == crate::edition::PosterOrientation::Component;
    let message = format!(
        "edition `{id}`: {} statements have no translation and {} translations are stale",
        edited.untranslated.len(),
        edited.stale_translations.len()
    );
    let fatal = !edited.untranslated.is_empty() && !allow_untranslated;
    let mut diag = match fatal {
        true => Diagnostic::error(message),
        false => Diagnostic::warning(message),
    }
    .in_file(&loaded.display);
    for (_, request) in crate::catalog::expand(&catalog.entries, by_component, &edited.model) {
        let Ok(doc) = resolve_request(edited, &request, &settings) else {
            continue;
        };
        let missing = edited.untranslated.iter().filter(|r| doc.prints(r)).count();
        let stale = edited
            .stale_translations
            .iter()
            .filter(|r| doc.prints(r))
            .count();
        if missing + stale > 0 {
            diag = diag.hint(format!("{}: {missing} missing, {stale} stale", doc.name));
        }
    }
    for reference in &edited.stale_translations {
        diag = diag.hint(format!(
            "stale: {reference} (its source text changed: update the translation and its `source`)"
        ));
    }
    if fatal {
        let language = loaded.edition.language();
        diag = diag.hint(format!(
            "render and build stop at them too: translate them in {} (`hopeprint translation init {language}` writes every one), or add --allow-untranslated to print them untranslated",
            crate::translation::path(&language)
        ));
    }
    vec![diag]
}

/// The summary as aligned text.
pub fn render_summary(s: &Summary) -> String {
    let mut out = String::new();
    let mut line = |label: &str, n: usize| out.push_str(&format!("  {label:<32} {n:>5}\n"));
    line("statements in all", s.statements);
    line("matrix statements", s.matrix_statements);
    let mut groups = String::new();
    for (title, rows) in [
        ("per level", &s.per_level),
        ("per component", &s.per_component),
        ("per role", &s.per_role),
        ("per table", &s.per_table),
    ] {
        groups.push_str(&format!("{title}:\n"));
        for (id, n) in rows {
            groups.push_str(&format!("  {id:<32} {n:>5}\n"));
        }
    }
    line("guiding principles", s.principles);
    line("key terms", s.key_terms);
    line("shared capabilities", s.capabilities);
    line("collaborative partnerships", s.collaborative_partnerships);
    line("partners in recovery questions", s.partners_questions);
    line("ohio peer support (US)", s.ohio_statements);
    line("further reading references", s.references);
    line("repairs of the source text", s.repairs);
    line("source text left out", s.dropped);
    format!("content:\n{out}{groups}")
}
