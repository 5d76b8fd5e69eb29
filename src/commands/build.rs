//! `hopeprint build`: every document of the catalogue, in parallel, into one folder.

use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;

use super::Outcome;
use super::render::{apply_print, output_options, settings};
use crate::catalog::Catalog;
use crate::cli::BuildArgs;
use crate::content::Library;
use crate::diag::Diagnostic;
use crate::document::resolve_request;
use crate::layout;
use crate::project::{Project, display_path};
use crate::render::{self, Format};
use crate::typeset::Typesetter;

pub fn run(project: &Project, args: &BuildArgs) -> Outcome {
    let started = Instant::now();
    let library = Library::load_checked(project)?;
    let catalog = Catalog::load(project).map_err(|d| vec![d])?;
    let settings = settings(&args.print, &catalog);
    let date = render::pdf_date(&catalog.date).map_err(|d| vec![d])?;
    let mut documents = vec![];
    let mut failures: Vec<Diagnostic> = vec![];
    for (index, request) in catalog.documents.iter().enumerate() {
        let mut request = request.clone();
        apply_print(&mut request, &args.print);
        match resolve_request(&library, &request, &settings) {
            Ok(doc) => documents.push(doc),
            Err(d) => failures.push(catalog.locate(index, d)),
        }
    }
    std::fs::create_dir_all(&args.out).map_err(|e| {
        vec![Diagnostic::error(format!(
            "cannot create the folder {} ({e})",
            display_path(&args.out)
        ))]
    })?;
    let typesetter = Typesetter::new(project, args.print.system_fonts).map_err(|d| vec![d])?;
    let env = layout::environment(project);
    let options = output_options(&args.print);
    let extension = if args.print.format == Format::Pdf {
        "pdf"
    } else {
        "png"
    };
    let total = documents.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Result<usize, Diagnostic>> = documents
        .par_iter()
        .map(|doc| {
            let result = render::typeset(&typesetter, &env, doc, date).and_then(|typeset| {
                let path = args.out.join(format!("{}.{extension}", doc.name));
                render::write(project, doc, &typeset, &path, &options, date)?;
                Ok(typeset.pages.pages().len())
            });
            // Typst's memo cache grows with every document; a batch keeps it small.
            typst::comemo::evict(0);
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if !args.quiet {
                match &result {
                    Ok(pages) => eprintln!(
                        "[{n}/{total}] {} ({pages} page{})",
                        doc.name,
                        if *pages == 1 { "" } else { "s" }
                    ),
                    Err(_) => eprintln!("[{n}/{total}] {} failed", doc.name),
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
            "built {written} of {} documents ({pages} pages) into {} in {:.1} s{}",
            catalog.documents.len(),
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
