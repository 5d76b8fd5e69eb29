//! `hopeprint render`: one poster, sheet or handout.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use typst::layout::Frame;
use typst::model::Document as _;
use typst_layout::{Page, PagedDocument};

use super::{Outcome, format_name, output_format, output_options, print_overrides, print_run};
use crate::catalog::Catalog;
use crate::cli::{HandoutName, PrintArgs, RenderArgs, RenderWhat};
use crate::content::Library;
use crate::diag::Diagnostic;
use crate::document::spec::SpecFields;
use crate::document::{DocumentSpec, Kind, NameOrNumber, Request, resolve_request};
use crate::layout;
use crate::prepare::prepare;
use crate::project::{Project, display_path};
use crate::render;
use crate::render::OutputOptions;
use crate::typeset::Typesetter;
use crate::web::{self, Site};

pub fn run(project: &Project, args: &RenderArgs) -> Outcome {
    let request = request(&args.what, &args.print).map_err(|d| vec![d])?;
    let base = Library::load_checked(project)?;
    let catalog = Catalog::load(project).map_err(|d| vec![d])?;
    let fonts = Typesetter::new(project, args.print.system_fonts).map_err(|d| vec![d])?;
    let edition = catalog.choose_edition(project, args.print.edition.as_deref());
    super::announce(&edition);
    let id = &edition.id;
    let prepared = prepare(project, print_run(&args.print), id, &base, &catalog, &fonts)?;
    let document =
        resolve_request(&prepared.library, &request, &prepared.settings).map_err(|d| vec![d])?;
    super::report_untranslated(&prepared, Some(&document));
    let format = output_format(&args.print, args.output.as_deref()).map_err(|d| vec![d])?;
    let path = output_path(project, args.output.as_deref(), &document.name, format)
        .map_err(|d| vec![d])?;
    for warning in super::layouts::unknown_blocks(project) {
        warning.emit();
    }
    let env = layout::environment(project);
    let date = prepared.date;
    let mut typeset =
        render::typeset(&prepared.typesetter, &env, &document, date).map_err(|d| vec![d])?;
    for warning in &typeset.warnings {
        eprintln!("{warning}");
    }
    if args.copies > 1 {
        typeset.pages = copies(&typeset.pages, args.copies, args.duplex, &document.name)
            .map_err(|d| vec![d])?;
    }
    // The web page is made before anything is written: a layout error writes nothing.
    let page = match format {
        render::Format::Html => {
            let edition = prepared.settings.edition.as_ref();
            let site = Site::new(project, edition, false).map_err(|d| vec![d])?;
            let replace = output_options(&args.print).replace;
            crate::output::may_write_replacing(project, &path, replace).map_err(|d| vec![d])?;
            let pdf = web::pdf_beside(&path);
            let pdf = pdf.file_name().unwrap_or_default().to_string_lossy();
            Some(web::page(&env, &site, &document, &pdf).map_err(|d| vec![d])?)
        }
        _ => None,
    };
    let mut written = render::write(
        project,
        &document,
        &typeset,
        &path,
        &OutputOptions {
            format,
            ..output_options(&args.print)
        },
        date,
    )
    .map_err(|d| vec![d])?;
    if let Some(page) = page {
        let replace = output_options(&args.print).replace;
        crate::output::write_output_replacing(project, &path, page.as_bytes(), replace)
            .map_err(|d| vec![d])?;
        written.insert(0, path.clone());
    }
    report(&written, id, &typeset);
    Ok(ExitCode::SUCCESS)
}

/// The one line that says what was written: the file (a web page and its PDF; a PNG per
/// page names the first and the last), the edition, the pages and the type size.
fn report(written: &[PathBuf], edition: &str, typeset: &render::Typeset) {
    let pages = typeset.pages.pages().len();
    let files = match written {
        [] => String::new(),
        [one] => display_path(one),
        [first, second] => format!("{} and {}", display_path(first), display_path(second)),
        [first, .., last] => format!(
            "{} … {} ({} files)",
            display_path(first),
            display_path(last),
            written.len()
        ),
    };
    outln!(
        "wrote {files} (edition {edition}, {pages} page{}, body {:.1} pt)",
        if pages == 1 { "" } else { "s" },
        typeset.size
    );
}

/// `copies` copies of the document's pages, one after the other; with `duplex`, a blank
/// page after each copy with an odd number of pages, so that every copy starts on a
/// right-hand page. At most as many pages as a pack may have, counted before copying.
fn copies(
    document: &PagedDocument,
    copies: u32,
    duplex: bool,
    name: &str,
) -> Result<PagedDocument, Diagnostic> {
    let pages = document.pages();
    let per_copy = pages.len() + usize::from(duplex && pages.len() % 2 == 1);
    let total = per_copy as u64 * u64::from(copies);
    let limit = crate::pack::plan::MAX_PAGES;
    if total > limit {
        return Err(Diagnostic::error(format!(
            "{name} in {copies} copies would have {total} pages, more than the limit of {limit}"
        ))
        .hint("print fewer copies in one PDF, or print the PDF several times"));
    }
    let blank = (duplex && pages.len() % 2 == 1)
        .then(|| pages.last())
        .flatten()
        .map(|last| Page {
            frame: Frame::hard(last.frame.size()),
            supplement: last.supplement.clone(),
            numbering: None,
            ..last.clone()
        });
    let one_copy = pages.iter().cloned().chain(blank);
    let all: Vec<Page> = (0..copies).flat_map(|_| one_copy.clone()).collect();
    Ok(PagedDocument::new(
        all.into_iter().collect(),
        document.info().clone(),
    ))
}

/// Where the document goes: `-o`, else its name in the project folder. A folder is refused
/// before anything is typeset.
fn output_path(
    project: &Project,
    output: Option<&Path>,
    name: &str,
    format: render::Format,
) -> Result<PathBuf, Diagnostic> {
    let file = format!("{name}.{}", format_name(format));
    let Some(path) = output else {
        return Ok(project.root().join(file));
    };
    if path.is_dir() {
        return Err(
            Diagnostic::error(format!("-o {}: that is a folder", display_path(path))).hint(
                format!(
                    "give a file name, e.g. -o {}",
                    display_path(&path.join(file))
                ),
            ),
        );
    }
    Ok(path.to_path_buf())
}

/// The request a `render` command line describes.
pub fn request(what: &RenderWhat, print: &PrintArgs) -> Result<Request, Diagnostic> {
    let fields = match what {
        RenderWhat::Poster {
            level,
            component,
            practices,
        } => SpecFields {
            level: level.as_deref().map(NameOrNumber::parse),
            component: component.clone(),
            practices: *practices,
            ..SpecFields::of(match component {
                Some(_) => Kind::ComponentPoster,
                None => Kind::LevelPoster,
            })
        },
        RenderWhat::Sheet {
            level,
            role,
            component,
        } => SpecFields {
            level: level.as_deref().map(NameOrNumber::parse),
            role: role.clone(),
            component: component.clone(),
            ..SpecFields::of(match (role, component) {
                (Some(_), _) => Kind::RoleSheet,
                (None, Some(_)) => Kind::ComponentSheet,
                (None, None) => Kind::LevelSheet,
            })
        },
        RenderWhat::Handout { name } => SpecFields::of(handout_kind(*name)),
    };
    let spec =
        DocumentSpec::from_fields(fields).map_err(|e| Diagnostic::error(e.for_command_line()))?;
    Ok(Request {
        spec,
        print: print_overrides(print),
    })
}

fn handout_kind(name: HandoutName) -> Kind {
    match name {
        HandoutName::SelfInventory => Kind::SelfInventory,
        HandoutName::DiscussionQuestions => Kind::DiscussionQuestions,
        HandoutName::FacilitatorGuide => Kind::FacilitatorGuide,
        HandoutName::Principles => Kind::Principles,
        HandoutName::Glossary => Kind::Glossary,
        HandoutName::Capabilities => Kind::Capabilities,
        HandoutName::CollaborativePartnerships => Kind::CollaborativePartnerships,
        HandoutName::FurtherReading => Kind::FurtherReading,
    }
}
