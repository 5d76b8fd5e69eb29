//! From a resolved document to files on disk: render the layout, typeset (shrinking a
//! poster's type until it fits its page), export PDF or PNG, and write atomically.

use std::path::{Path, PathBuf};

use minijinja::Environment;
use typst::foundations::{Datetime, Label, Selector};
use typst::introspection::Introspector;
use typst_layout::PagedDocument;

use crate::diag::Diagnostic;
use crate::document::{Document, Fit};
use crate::layout;
use crate::project::Project;
use crate::typeset::{self, PdfStandard, Typesetter};

/// The label layouts put on `metadata("section name")` so an overflow can be named.
pub const SECTION_LABEL: &str = "hp-section";
/// The label of the `metadata("section name")` that ends a section.
pub const SECTION_END_LABEL: &str = "hp-section-end";
/// At most this many compiles to find the largest type that fits (a bounded search).
const FIT_STEPS: usize = 7;

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Pdf,
    Png,
}

/// How to write a document.
#[derive(Debug, Clone)]
pub struct OutputOptions {
    pub format: Format,
    /// Pixels per inch for PNG.
    pub dpi: f32,
    /// For PNG: only this page (1-based).
    pub page: Option<u32>,
    pub standard: Option<PdfStandard>,
    /// Also write the generated Typst (and the layouts' .typ files) next to the output.
    pub emit_typst: bool,
}

/// A typeset document: the pages, the Typst source that made them, the body size used.
pub struct Typeset {
    pub pages: PagedDocument,
    pub source: String,
    pub size: f64,
    pub warnings: Vec<String>,
}

/// Renders the layout with body size `size` and compiles it.
fn attempt(
    ts: &Typesetter,
    env: &Environment<'_>,
    doc: &Document,
    size: f64,
    date: Datetime,
) -> Result<Typeset, Diagnostic> {
    let mut context = doc.context.clone();
    if let Some(d) = context.get_mut("doc").and_then(|d| d.as_object_mut()) {
        d.insert(
            "size".into(),
            serde_json::json!((size * 100.0).round() / 100.0),
        );
    }
    let source = layout::render(env, &doc.layout, &context)?;
    let compiled = ts.compile(&format!("{}.typ", doc.name), &source, date)?;
    Ok(Typeset {
        pages: compiled.document,
        source,
        size,
        warnings: compiled.warnings,
    })
}

/// Typesets `doc`. A poster starts at its largest type and, if it spills onto a second
/// page, searches (in at most `FIT_STEPS` compiles) for the largest size that fits, never
/// below the floor; below the floor it fails, naming what does not fit.
pub fn typeset(
    ts: &Typesetter,
    env: &Environment<'_>,
    doc: &Document,
    date: Datetime,
) -> Result<Typeset, Diagnostic> {
    let (start, floor) = match doc.fit {
        Fit::Flow { size } => return attempt(ts, env, doc, size, date),
        Fit::OnePage { start, floor } => (start, floor),
    };
    let first = attempt(ts, env, doc, start, date)?;
    if first.pages.pages().len() <= 1 {
        return Ok(first);
    }
    let smallest = attempt(ts, env, doc, floor, date)?;
    if smallest.pages.pages().len() > 1 {
        let spilled = spilled_sections(&smallest.pages);
        let what = if spilled.is_empty() {
            "its content".to_string()
        } else {
            format!("“{}”", spilled.join("”, “"))
        };
        return Err(Diagnostic::error(format!(
            "{} does not fit on one {} page, even with the type at its smallest ({floor:.1} pt): {what} runs onto page 2",
            doc.name,
            doc.paper.name()
        ))
        .hint("choose a larger paper (--paper a0), or shorten or remove statements in an edition")
        .hint("posters never shrink their type below the floor, so that they stay readable at a distance"));
    }
    // Invariant: `fits` fits on one page, `too_big` does not.
    let (mut fits, mut too_big) = (smallest, start);
    for _ in 0..FIT_STEPS {
        let mid = (fits.size + too_big) / 2.0;
        if too_big - fits.size < 0.1 {
            break;
        }
        let trial = attempt(ts, env, doc, mid, date)?;
        if trial.pages.pages().len() <= 1 {
            fits = trial;
        } else {
            too_big = mid;
        }
    }
    Ok(fits)
}

/// The marked sections that run over the end of page 1: those that start on page 1 and
/// end after it (layouts mark a section's end with `SECTION_END_LABEL`), else the first
/// ones that start after page 1.
fn spilled_sections(pages: &PagedDocument) -> Vec<String> {
    let starts = marks(pages, SECTION_LABEL);
    let ends = marks(pages, SECTION_END_LABEL);
    let crossing: Vec<String> = starts
        .iter()
        .filter(|(page, name)| *page == 1 && ends.iter().any(|(end, n)| n == name && *end > 1))
        .map(|(_, name)| name.clone())
        .collect();
    if !crossing.is_empty() {
        return crossing.into_iter().take(3).collect();
    }
    starts
        .into_iter()
        .filter(|(page, _)| *page > 1)
        .map(|(_, name)| name)
        .take(3)
        .collect()
}

/// (page, value) of every `metadata` with `label`.
fn marks(pages: &PagedDocument, label: &str) -> Vec<(usize, String)> {
    let Some(label) = Label::new(typst::utils::PicoStr::intern(label)) else {
        return vec![];
    };
    let introspector = pages.introspector();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let page = introspector.page(content.location()?)?.get();
            let name = content.get_by_name("value").ok()?.cast::<String>().ok()?;
            Some((page, name))
        })
        .collect()
}

/// Writes `bytes` to `path` through a temporary file in the same folder, so a failure
/// never leaves a half-written file and an earlier good file stays until replaced.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    use std::io::Write;
    let shown = crate::project::display_path(path);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(Diagnostic::error(format!(
            "cannot write {shown}: the folder {} does not exist",
            crate::project::display_path(&dir)
        ))
        .hint("create the folder first, or choose another output path with -o"));
    }
    let fail = |e: std::io::Error| {
        Diagnostic::error(format!("cannot write {shown} ({e})"))
            .hint("check that the folder is writable and the disk is not full")
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".hopeprint-")
        .suffix(".part")
        .tempfile_in(&dir)
        .map_err(fail)?;
    temp.write_all(bytes).map_err(fail)?;
    // A temporary file is private (0600); the output keeps the permissions of the file it
    // replaces, or gets the usual ones for a new document.
    let permissions = match std::fs::metadata(path) {
        Ok(existing) => existing.permissions(),
        Err(_) => default_permissions(temp.as_file()).map_err(fail)?,
    };
    temp.as_file().set_permissions(permissions).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// Exports and writes a typeset document to `path` (PDF), or to one PNG per page next to
/// it; returns the files written.
pub fn write(
    project: &Project,
    doc: &Document,
    typeset: &Typeset,
    path: &Path,
    options: &OutputOptions,
    date: Datetime,
) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut written = vec![];
    match options.format {
        Format::Pdf => {
            let bytes =
                typeset::pdf(&typeset.pages, options.standard, date, &doc.name).map_err(|d| {
                    Diagnostic {
                        message: format!("{}: {}", doc.name, d.message),
                        ..d
                    }
                })?;
            write_atomically(path, &bytes)?;
            written.push(path.to_path_buf());
        }
        Format::Png => {
            let mut pages: Vec<(usize, Vec<u8>)> = typeset::png(&typeset.pages, options.dpi)?
                .into_iter()
                .enumerate()
                .collect();
            if let Some(page) = options.page {
                let count = pages.len();
                pages.retain(|(index, _)| *index + 1 == page as usize);
                if pages.is_empty() {
                    return Err(Diagnostic::error(format!(
                        "{} has {count} page(s), so there is no page {page}",
                        doc.name
                    )));
                }
            }
            let single = pages.len() == 1;
            for (index, png) in &pages {
                let file = if single {
                    path.with_extension("png")
                } else {
                    numbered(path, index + 1)
                };
                write_atomically(&file, png)?;
                written.push(file);
            }
        }
    }
    if options.emit_typst {
        let typ = path.with_extension("typ");
        write_atomically(&typ, typeset.source.as_bytes())?;
        written.push(typ);
        let dir = path.parent().unwrap_or(Path::new("."));
        for layout_file in project.list("layouts", ".typ") {
            if let Some(file) = project.read(&layout_file)? {
                let target = dir.join(layout_file.trim_start_matches("layouts/"));
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| {
                        Diagnostic::error(format!("cannot create {} ({e})", parent.display()))
                    })?;
                }
                write_atomically(&target, &file.bytes)?;
            }
        }
    }
    Ok(written)
}

#[cfg(unix)]
fn default_permissions(_file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

fn numbered(path: &Path, page: usize) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}-{page}.png"))
}

/// The date printed in PDFs: SOURCE_DATE_EPOCH if set, else `fallback` (`YYYY-MM-DD`).
pub fn pdf_date(fallback: &str) -> Result<Datetime, Diagnostic> {
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let seconds: i64 = epoch.trim().parse().map_err(|_| {
            Diagnostic::error(format!(
                "SOURCE_DATE_EPOCH is `{epoch}`, not a number of seconds"
            ))
        })?;
        let days = seconds.div_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        let secs = seconds.rem_euclid(86_400);
        return Datetime::from_ymd_hms(
            y,
            m,
            d,
            (secs / 3600) as u8,
            (secs % 3600 / 60) as u8,
            (secs % 60) as u8,
        )
        .ok_or_else(|| Diagnostic::error("SOURCE_DATE_EPOCH is out of range"));
    }
    let (y, m, d) = crate::catalog::parse_date(fallback)
        .ok_or_else(|| Diagnostic::error(format!("`{fallback}` is not a date")))?;
    Datetime::from_ymd_hms(y, m, d, 0, 0, 0)
        .ok_or_else(|| Diagnostic::error(format!("`{fallback}` is not a date")))
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_from_epoch_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_393), (2025, 11, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }
}
