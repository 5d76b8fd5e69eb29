//! One edition ready to print: its content (the base with the edition laid over it), the
//! settings its documents share, a typesetter with its colours and font, and the PDF date.

use typst::foundations::Datetime;

use crate::catalog::Catalog;
use crate::content::Library;
use crate::diag::{Diagnostic, Diagnostics};
use crate::document::Settings;
use crate::edition::{self, LoadedEdition};
use crate::project::Project;
use crate::typeset::Typesetter;

/// The press and language choices that apply to every document of a run.
#[derive(Debug, Clone, Copy, Default)]
pub struct PrintRun {
    pub bleed_mm: f64,
    pub crop_marks: bool,
    /// Print statements without a translation in the source language instead of failing.
    pub allow_untranslated: bool,
}

/// One edition, ready to print.
pub struct Prepared {
    pub library: Library,
    pub settings: Settings,
    pub typesetter: Typesetter,
    pub date: Datetime,
}

/// Loads the edition `id` and lays it over `base`.
pub fn prepare(
    project: &Project,
    run: PrintRun,
    id: &str,
    base: &Library,
    catalog: &Catalog,
    fonts: &Typesetter,
) -> Result<Prepared, Diagnostics> {
    let loaded = edition::load(project, id).map_err(|d| vec![d])?;
    let library = edition::apply(project, base, &loaded)?;
    check_font(&loaded, fonts)?;
    check_untranslated(&loaded, &library, run.allow_untranslated)?;
    let typesetter = fonts.with_inputs(&loaded.typst_inputs());
    let settings = catalog.settings_for(loaded, run.bleed_mm, run.crop_marks);
    let date = crate::date::pdf_date(&settings.date).map_err(|d| vec![d])?;
    Ok(Prepared {
        library,
        settings,
        typesetter,
        date,
    })
}

/// An edition's font must be one of the fonts hopeprint has.
fn check_font(loaded: &LoadedEdition, fonts: &Typesetter) -> Result<(), Diagnostics> {
    let look = &loaded.edition.look;
    match look.font.as_deref().filter(|f| !fonts.has_family(f)) {
        None => Ok(()),
        Some(font) => Err(vec![
            loaded
                .error_at_value(
                    "look/font",
                    format!(
                        "edition `{}` asks for the font `{font}`, which is not in fonts/",
                        loaded.id
                    ),
                )
                .hint("add the font's .ttf or .otf files to the project's fonts/ folder, or choose Noto Sans"),
        ]),
    }
}

/// Statements without a translation stop the run, unless they may be printed untranslated
/// (then each is listed).
fn check_untranslated(
    loaded: &LoadedEdition,
    library: &Library,
    allow: bool,
) -> Result<(), Diagnostics> {
    let id = &loaded.id;
    if library.untranslated.is_empty() {
        return Ok(());
    }
    if allow {
        return Ok(()); // The command lists those its documents print.
    }
    let n = library.untranslated.len();
    let shown: Vec<&str> = (library.untranslated.iter().take(5))
        .map(String::as_str)
        .collect();
    Err(vec![
        Diagnostic::error(format!(
            "edition `{id}`: {n} statement{} have no translation into `{}`",
            if n == 1 { "" } else { "s" },
            loaded.edition.language()
        ))
        .in_file(&loaded.display)
        .hint(format!("for example {}", shown.join(", ")))
        .hint(format!(
            "add them to {} (`hopeprint translation init {}` writes every one for a translator), or add --allow-untranslated to print them untranslated",
            crate::translation::path(&loaded.edition.language()),
            loaded.edition.language()
        )),
    ])
}
