//! `hopeprint render`: one poster, sheet or handout.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Outcome;
use crate::catalog::{Catalog, Kind, NameOrNumber, Request};
use crate::cli::{HandoutName, PrintArgs, RenderArgs, RenderWhat};
use crate::content::Library;
use crate::diag::{Diagnostic, Diagnostics};
use crate::document::{Settings, resolve_request};
use crate::edition::{self, DEFAULT_EDITION};
use crate::layout;
use crate::project::{Project, display_path};
use crate::render::{self, OutputOptions};
use crate::typeset::Typesetter;
use typst::foundations::Datetime;

pub fn run(project: &Project, args: &RenderArgs) -> Outcome {
    let request = request(&args.what, &args.print);
    let base = Library::load_checked(project)?;
    let catalog = Catalog::load(project).map_err(|d| vec![d])?;
    let fonts = Typesetter::new(project, args.print.system_fonts).map_err(|d| vec![d])?;
    let id = args.print.edition.as_deref().unwrap_or(DEFAULT_EDITION);
    let prepared = prepare(project, &args.print, id, &base, &catalog, &fonts)?;
    let document =
        resolve_request(&prepared.library, &request, &prepared.settings).map_err(|d| vec![d])?;
    let env = layout::environment(project);
    let date = prepared.date;
    let typeset =
        render::typeset(&prepared.typesetter, &env, &document, date).map_err(|d| vec![d])?;
    for warning in &typeset.warnings {
        eprintln!("{warning}");
    }
    let extension = match args.print.format {
        render::Format::Pdf => "pdf",
        render::Format::Png => "png",
    };
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}.{extension}", document.name)));
    let written = render::write(
        project,
        &document,
        &typeset,
        &path,
        &output_options(&args.print),
        date,
    )
    .map_err(|d| vec![d])?;
    let pages = typeset.pages.pages().len();
    for file in written {
        println!(
            "wrote {} ({pages} page{}, body {:.1} pt)",
            display_path(&file),
            if pages == 1 { "" } else { "s" },
            typeset.size
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The request a `render` command line describes.
pub fn request(what: &RenderWhat, print: &PrintArgs) -> Request {
    let level = |l: &Option<String>| {
        l.as_ref().map(|l| {
            l.parse::<u32>()
                .map_or_else(|_| NameOrNumber::Name(l.clone()), NameOrNumber::Number)
        })
    };
    let mut request = match what {
        RenderWhat::Poster {
            level: l,
            component,
            practices,
        } => {
            let kind = if component.is_some() {
                Kind::ComponentPoster
            } else {
                Kind::LevelPoster
            };
            Request {
                level: level(l),
                component: component.clone(),
                practices: *practices,
                ..Request::new(kind)
            }
        }
        RenderWhat::Sheet {
            level: l,
            role,
            component,
        } => {
            let kind = if role.is_some() {
                Kind::RoleSheet
            } else if component.is_some() {
                Kind::ComponentSheet
            } else {
                Kind::LevelSheet
            };
            Request {
                level: level(l),
                role: role.clone(),
                component: component.clone(),
                ..Request::new(kind)
            }
        }
        RenderWhat::Handout { name } => Request::new(match name {
            HandoutName::SelfInventory => Kind::SelfInventory,
            HandoutName::DiscussionQuestions => Kind::DiscussionQuestions,
            HandoutName::FacilitatorGuide => Kind::FacilitatorGuide,
            HandoutName::Principles => Kind::Principles,
            HandoutName::Glossary => Kind::Glossary,
            HandoutName::Capabilities => Kind::Capabilities,
            HandoutName::CollaborativePartnerships => Kind::CollaborativePartnerships,
            HandoutName::FurtherReading => Kind::FurtherReading,
        }),
    };
    apply_print(&mut request, print);
    request
}

/// Paper, orientation and large print from the command line, over what the request says.
pub fn apply_print(request: &mut Request, print: &PrintArgs) {
    if print.paper.is_some() {
        request.paper = print.paper;
    }
    if print.landscape {
        request.landscape = Some(true);
    }
    if print.portrait {
        request.landscape = Some(false);
    }
    request.large_print |= print.large_print;
}

/// One edition, ready to print: its content, settings, typesetter and PDF date.
pub struct Prepared {
    pub library: Library,
    pub settings: Settings,
    pub typesetter: Typesetter,
    pub date: Datetime,
}

/// Loads the edition `id` and lays it over `base`.
pub fn prepare(
    project: &Project,
    print: &PrintArgs,
    id: &str,
    base: &Library,
    catalog: &Catalog,
    fonts: &Typesetter,
) -> Result<Prepared, Diagnostics> {
    let loaded = edition::load(project, id).map_err(|d| vec![d])?;
    let library = edition::apply(project, base, &loaded)?;
    if let Some(font) = loaded
        .edition
        .look
        .font
        .as_deref()
        .filter(|f| !fonts.has_family(f))
    {
        return Err(vec![Diagnostic::error(format!("edition `{id}` asks for the font `{font}`, which is not in fonts/"))
            .in_file(&loaded.display)
            .hint("add the font's .ttf or .otf files to the project's fonts/ folder, or choose Noto Sans")]);
    }
    if !library.untranslated.is_empty() {
        let n = library.untranslated.len();
        if !print.allow_untranslated {
            let shown: Vec<&str> = library
                .untranslated
                .iter()
                .take(5)
                .map(String::as_str)
                .collect();
            return Err(vec![
                Diagnostic::error(format!(
                    "edition `{id}`: {n} statement{} have no translation into `{}`",
                    if n == 1 { "" } else { "s" },
                    loaded.edition.language
                ))
                .in_file(&loaded.display)
                .hint(format!("for example {}", shown.join(", ")))
                .hint(format!(
                    "add them to {}, or add --allow-untranslated to print them untranslated",
                    crate::translation::path(&loaded.edition.language)
                )),
            ]);
        }
        for reference in &library.untranslated {
            eprintln!("untranslated ({id}): {reference}");
        }
    }
    let typesetter = fonts.with_inputs(&loaded.typst_inputs());
    let settings = Settings::for_edition(
        loaded,
        catalog,
        print.bleed.unwrap_or(0.0),
        print.crop_marks,
    );
    let date = render::pdf_date(&settings.date).map_err(|d| vec![d])?;
    Ok(Prepared {
        library,
        settings,
        typesetter,
        date,
    })
}

pub fn output_options(print: &PrintArgs) -> OutputOptions {
    OutputOptions {
        format: print.format,
        dpi: print.dpi,
        page: print.page,
        standard: print.pdf_standard,
        emit_typst: print.emit_typst,
    }
}
