//! `hopeprint build`: every document of the catalogue for every edition, in parallel,
//! into `out/<edition>/`.

use std::collections::HashSet;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use super::Outcome;
use super::render::{Prepared, apply_print, output_options, prepare};
use crate::catalog::{Catalog, expand};
use crate::cli::BuildArgs;
use crate::content::Library;
use crate::diag::Diagnostic;
use crate::document::{Document, resolve_request};
use crate::edition::{PosterOrientation, edition_ids};
use crate::layout;
use crate::project::{Project, display_path};
use crate::render::{self, Format};
use crate::typeset::Typesetter;

/// One document to make: the edition it belongs to (index into the prepared editions),
/// the document, and where it goes.
struct Job {
    edition: usize,
    document: Document,
    path: std::path::PathBuf,
}

pub fn run(project: &Project, args: &BuildArgs) -> Outcome {
    let started = Instant::now();
    let base = Library::load_checked(project)?;
    let catalog = Catalog::load(project).map_err(|d| vec![d])?;
    let fonts = Typesetter::new(project, args.print.system_fonts).map_err(|d| vec![d])?;
    let ids = match &args.print.edition {
        Some(id) => vec![id.clone()],
        None if !catalog.editions.is_empty() => catalog.editions.clone(),
        None => edition_ids(project),
    };
    if ids.is_empty() {
        return Err(vec![
            Diagnostic::error("there are no editions to build")
                .hint("add an edition file to content/editions/"),
        ]);
    }
    let extension = if args.print.format == Format::Pdf {
        "pdf"
    } else {
        "png"
    };
    let mut editions: Vec<(String, Prepared)> = vec![];
    let mut jobs = vec![];
    let mut failures: Vec<Diagnostic> = vec![];
    for id in ids {
        let prepared = prepare(project, &args.print, &id, &base, &catalog, &fonts)?;
        let dir = args.out.join(&id);
        std::fs::create_dir_all(&dir).map_err(|e| {
            vec![Diagnostic::error(format!(
                "cannot create the folder {} ({e})",
                display_path(&dir)
            ))]
        })?;
        let by_component = prepared
            .settings
            .edition
            .as_ref()
            .is_some_and(|e| e.edition.poster_orientation == PosterOrientation::Component);
        let m = &prepared.library.model;
        let levels: Vec<u8> = m.levels.iter().map(|l| l.number).collect();
        let components: Vec<String> = m.components.iter().map(|c| c.id.clone()).collect();
        let mut names = HashSet::new();
        for (index, mut request) in expand(&catalog.documents, by_component, &levels, &components) {
            apply_print(&mut request, &args.print);
            match resolve_request(&prepared.library, &request, &prepared.settings) {
                // The same document asked for twice (e.g. by `posters` and by name) is made once.
                Ok(document) if names.insert(document.name.clone()) => {
                    let path = dir.join(format!("{}.{extension}", document.name));
                    jobs.push(Job {
                        edition: editions.len(),
                        document,
                        path,
                    });
                }
                Ok(_) => {}
                Err(d) => failures.push(catalog.locate(index, d)),
            }
        }
        editions.push((id, prepared));
    }

    let env = layout::environment(project);
    let options = output_options(&args.print);
    let total = jobs.len();
    let done = AtomicUsize::new(0);
    let results: Vec<Result<usize, Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let (id, prepared) = &editions[job.edition];
            let result = render::typeset(&prepared.typesetter, &env, &job.document, prepared.date)
                .and_then(|typeset| {
                    render::write(
                        project,
                        &job.document,
                        &typeset,
                        &job.path,
                        &options,
                        prepared.date,
                    )?;
                    Ok(typeset.pages.pages().len())
                });
            // Typst's memo cache grows with every document; a batch keeps it small.
            typst::comemo::evict(0);
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if !args.quiet {
                let name = &job.document.name;
                match &result {
                    Ok(pages) => eprintln!(
                        "[{n}/{total}] {id}/{name} ({pages} page{})",
                        if *pages == 1 { "" } else { "s" }
                    ),
                    Err(_) => eprintln!("[{n}/{total}] {id}/{name} failed"),
                }
            }
            result
        })
        .collect();
    let mut pages = 0;
    let mut written = 0;
    for result in results {
        match result {
            Ok(n) => {
                pages += n;
                written += 1;
            }
            Err(d) => failures.push(d),
        }
    }
    for failure in &failures {
        failure.emit();
    }
    if !args.quiet || !failures.is_empty() {
        eprintln!(
            "built {written} documents ({pages} pages) of {} edition{} into {} in {:.1} s{}",
            editions.len(),
            if editions.len() == 1 { "" } else { "s" },
            display_path(&args.out),
            started.elapsed().as_secs_f64(),
            if failures.is_empty() {
                String::new()
            } else {
                format!("; {} failed", failures.len())
            }
        );
    }
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
