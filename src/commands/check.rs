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
    problems.extend(check_catalog(project, &library));
    let errors = problems.iter().filter(|d| !d.warning).count();
    for problem in &problems {
        problem.emit();
    }
    if !args.quiet {
        print!("{}", render_summary(&Summary::of(&library)));
    }
    if errors > 0 {
        eprintln!(
            "{errors} problem{} found",
            if errors == 1 { "" } else { "s" }
        );
        return Ok(ExitCode::FAILURE);
    }
    if !args.quiet {
        println!("content is sound: no problems found");
    }
    Ok(ExitCode::SUCCESS)
}

/// Every document of the catalogue must resolve against the content.
fn check_catalog(project: &Project, library: &Library) -> Vec<Diagnostic> {
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
    let components: Vec<String> = library
        .model
        .components
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let levels: Vec<u8> = library.model.levels.iter().map(|l| l.number).collect();
    let mut problems: Vec<Diagnostic> =
        crate::catalog::expand(&catalog.documents, false, &levels, &components)
            .iter()
            .filter_map(|(index, request)| {
                resolve_request(library, request, &settings)
                    .err()
                    .map(|d| catalog.locate(*index, d))
            })
            .collect();
    // Every edition must load and apply to the content.
    for id in crate::edition::edition_ids(project) {
        match crate::edition::load(project, &id) {
            Ok(loaded) => problems.extend(
                crate::edition::apply(project, library, &loaded)
                    .err()
                    .unwrap_or_default(),
            ),
            Err(d) => problems.push(d),
        }
    }
    problems
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
