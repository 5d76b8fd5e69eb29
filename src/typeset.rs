//! The only link to the Typst engine: a `World` that serves the generated document, the
//! layouts' `.typ` files and the project's `assets/`, and nothing else; fonts from
//! `fonts/` (and, if asked, the system's, found by typst-kit); PDF and PNG export.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use typst::diag::{FileError, FileResult, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Dict, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World};
use typst_kit::diagnostics::{DiagnosticFormat, DiagnosticWorld, emit, termcolor};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;

use crate::diag::Diagnostic;
use crate::edition::{EditionColor, ThemeInputs};
use crate::project::Project;
use typst::visualize::{Cmyk, Color, ProcessColor};

/// Where the project's own images (logos) live, as seen from a layout: `/assets/…`.
pub const ASSETS_DIR: &str = "assets";

/// Fonts, the standard library and the project: everything shared by every document of
/// a run (and by the threads of a batch build).
pub struct Typesetter {
    library: LazyHash<Library>,
    /// The project's fonts, read in full, then any system fonts, read when first used.
    fonts: Arc<FontStore>,
    project: Project,
    /// Parsed layout sources, so a batch parses `theme.typ` once.
    sources: Mutex<HashMap<FileId, Source>>,
    /// The edition's colours are CMYK (press work): PDF/A then needs an output intent.
    cmyk: bool,
}

impl Typesetter {
    /// Loads the fonts of `fonts/` (project copies first, then the built-in ones) and, with
    /// `system_fonts`, the fonts installed on this machine.
    pub fn new(project: &Project, system_fonts: bool) -> Result<Typesetter, Diagnostic> {
        let mut fonts = FontStore::new();
        let mut count = 0;
        for path in project.list("fonts", "") {
            let lower = path.to_ascii_lowercase();
            if !(lower.ends_with(".ttf")
                || lower.ends_with(".otf")
                || lower.ends_with(".ttc")
                || lower.ends_with(".otc"))
            {
                continue;
            }
            let Some(file) = project.read(&path)? else {
                continue;
            };
            let faces: Vec<Font> = Font::iter(Bytes::new(file.bytes.into_owned())).collect();
            if faces.is_empty() {
                return Err(Diagnostic::error("this is not a font typst can read")
                    .in_file(&file.display)
                    .hint("use TrueType (.ttf) or OpenType (.otf) fonts; convert WOFF/WOFF2 files first"));
            }
            count += faces.len();
            fonts.extend(faces.into_iter().map(|font| {
                let info = font.info().clone();
                (font, info)
            }));
        }
        if system_fonts {
            let found: Vec<_> = typst_kit::fonts::system().collect();
            count += found.len();
            fonts.extend(found);
        }
        if count == 0 {
            return Err(Diagnostic::error("no fonts were found")
                .hint("restore the built-in fonts or add .ttf files to fonts/"));
        }
        Ok(Typesetter {
            library: LazyHash::new(library(Dict::new())),
            fonts: Arc::new(fonts),
            project: project.clone(),
            sources: Mutex::new(HashMap::new()),
            cmyk: false,
        })
    }

    /// Whether a font family (e.g. "Noto Sans") is among the fonts.
    pub fn has_family(&self, family: &str) -> bool {
        self.fonts.book().contains_family(&family.to_lowercase())
    }

    /// The same fonts with `inputs` readable by layouts as `sys.inputs` (an edition's
    /// colours and font).
    pub fn with_inputs(&self, inputs: &ThemeInputs) -> Typesetter {
        use typst::foundations::{Array, IntoValue};
        let color = |c: &EditionColor| match *c {
            EditionColor::Rgb([r, g, b]) => Color::from_u8(r, g, b, 255),
            EditionColor::Cmyk([c, m, y, k]) => {
                Color::Process(ProcessColor::Cmyk(Cmyk { c, m, y, k }))
            }
        };
        let mut dict = Dict::new();
        if let Some(accent) = &inputs.accent {
            dict.insert("hp-accent".into(), color(accent).into_value());
        }
        if !inputs.levels.is_empty() {
            let levels: Array = inputs
                .levels
                .iter()
                .map(|c| color(c).into_value())
                .collect();
            dict.insert("hp-levels".into(), levels.into_value());
        }
        if let Some(font) = &inputs.font {
            dict.insert("hp-font".into(), font.as_str().into_value());
        }
        Typesetter {
            library: LazyHash::new(library(dict)),
            fonts: Arc::clone(&self.fonts),
            project: self.project.clone(),
            sources: Mutex::new(HashMap::new()),
            cmyk: (inputs.levels.iter().chain(&inputs.accent))
                .any(|c| matches!(c, EditionColor::Cmyk(_))),
        }
    }

    /// Whether the edition's colours are CMYK.
    pub fn cmyk(&self) -> bool {
        self.cmyk
    }

    /// Compiles `source` (a generated document named `name`, e.g. `level-poster-1.typ`).
    pub fn compile(
        &self,
        name: &str,
        source: &str,
        today: Datetime,
    ) -> Result<Compiled, Diagnostic> {
        self.compile_with(name, source, &[], today)
    }

    /// Compiles `source` with more generated files beside it (name, source), which it can
    /// `#include` — a session pack includes its documents this way.
    pub fn compile_with(
        &self,
        name: &str,
        source: &str,
        extra: &[(String, String)],
        today: Datetime,
    ) -> Result<Compiled, Diagnostic> {
        let main = RootedPath::new(VirtualRoot::Project, vpath(name)?).intern();
        let mut generated = HashMap::new();
        for (extra_name, text) in extra {
            let id = RootedPath::new(VirtualRoot::Project, vpath(extra_name)?).intern();
            generated.insert(id, Source::new(id, text.clone()));
        }
        let world = DocWorld {
            ts: self,
            main,
            main_source: Source::new(main, source.to_string()),
            generated,
            today,
        };
        let watchdog = Watchdog::start(name);
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
        drop(watchdog);
        match output {
            Ok(document) if document.pages().len() > MAX_PAGES => Err(Diagnostic::error(
                format!(
                    "{name} has {} pages, more than the limit of {MAX_PAGES}",
                    document.pages().len()
                ),
            )
            .hint("a layout that makes this many pages is probably looping: check its loops and page breaks")),
            Ok(document) => {
                let mut warnings = world.render_diagnostics(&warnings);
                let missing = missing_glyphs(&document);
                if let Some((_, run)) = missing.first() {
                    let chars: Vec<String> = (missing.iter())
                        .map(|(c, _)| format!("“{c}” (U+{:04X})", u32::from(*c)))
                        .collect();
                    warnings.push(format!(
                        "warning: {name}: no font has a glyph for {}, so it prints as an empty box; the first is in “{run}”\n  hint: add a font that has it under fonts/ (TrueType or OpenType)",
                        chars.join(", ")
                    ));
                }
                Ok(Compiled { document, warnings })
            }
            Err(errors) => Err(world.to_diagnostic(&errors)),
        }
    }

    /// The parsed source of a layout file, cached for the run.
    fn layout_source(&self, id: FileId) -> FileResult<Source> {
        if let Some(source) = self
            .sources
            .lock()
            .map_err(|_| FileError::AccessDenied)?
            .get(&id)
        {
            return Ok(source.clone());
        }
        let bytes = self.layout_file(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        let source = Source::new(id, text.to_string());
        self.sources
            .lock()
            .map_err(|_| FileError::AccessDenied)?
            .insert(id, source.clone());
        Ok(source)
    }

    /// A file a layout may read: a `.typ` file of the layouts, or an image of `assets/`.
    fn layout_file(&self, id: FileId) -> FileResult<Bytes> {
        if let VirtualRoot::Package(spec) = id.root() {
            return Err(FileError::Other(Some(
                format!("packages are not available: hopeprint never downloads ({spec}); copy the package's files into layouts/ and import them by path").into(),
            )));
        }
        let path = id.vpath().get_without_slash().to_string();
        if path.starts_with(&format!("{ASSETS_DIR}/")) {
            return self.asset(&path);
        }
        match self.project.read(&format!("layouts/{path}")) {
            Ok(Some(file)) => Ok(Bytes::new(file.bytes.into_owned())),
            Ok(None) => Err(FileError::NotFound(PathBuf::from(format!(
                "layouts/{path}"
            )))),
            Err(d) => Err(FileError::Other(Some(d.message.into()))),
        }
    }

    /// An image from the project's `assets/`, read as every project file is (`Project::read`:
    /// nothing that resolves outside the project, no device or pipe, the size limit).
    fn asset(&self, path: &str) -> FileResult<Bytes> {
        match self.project.read(path) {
            Ok(Some(file)) => Ok(Bytes::new(file.bytes.into_owned())),
            Ok(None) => Err(FileError::NotFound(PathBuf::from(path))),
            Err(d) => Err(FileError::Other(Some(
                match &d.location {
                    Some(at) => format!("{}: {}", at.file, d.message),
                    None => d.message,
                }
                .into(),
            ))),
        }
    }
}

/// The characters that no font has a glyph for (Typst shapes them as glyph 0, an empty
/// box), each once, in order, with the run of text it is in; at most ten.
fn missing_glyphs(document: &PagedDocument) -> Vec<(char, String)> {
    fn walk(frame: &typst::layout::Frame, found: &mut Vec<(char, String)>) {
        for (_, item) in frame.items() {
            match item {
                typst::layout::FrameItem::Group(group) => walk(&group.frame, found),
                typst::layout::FrameItem::Text(text) => {
                    for glyph in text.glyphs.iter().filter(|g| g.id == 0) {
                        let chars = text.text.get(glyph.range()).unwrap_or_default().chars();
                        for c in chars.filter(|c| !c.is_whitespace() && !c.is_control()) {
                            if found.len() < 10 && !found.iter().any(|(seen, _)| *seen == c) {
                                found.push((c, text.text.to_string()));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut found = vec![];
    for page in document.pages() {
        walk(&page.frame, &mut found);
    }
    found
}

/// A document may have at most this many pages (a pack for a large session has a few
/// hundred): more means a layout that runs away.
pub const MAX_PAGES: usize = 5_000;
/// Typesetting one document may take at most this many seconds, unless the environment
/// variable `HOPEPRINT_TIME_LIMIT` sets another number.
const TIME_LIMIT_SECONDS: u64 = 600;

/// Ends the run with an error when one compile takes longer than the time limit: Typst
/// cannot be interrupted, and a layout looping a billion times would otherwise run on.
/// Every file is written atomically, so stopping leaves nothing half-written.
struct Watchdog {
    _done: std::sync::mpsc::Sender<()>,
}

impl Watchdog {
    fn start(name: &str) -> Watchdog {
        let seconds = std::env::var("HOPEPRINT_TIME_LIMIT")
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(TIME_LIMIT_SECONDS);
        let (done, finished) = std::sync::mpsc::channel::<()>();
        let name = name.to_string();
        std::thread::spawn(move || {
            let limit = std::time::Duration::from_secs(seconds);
            if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = finished.recv_timeout(limit) {
                Diagnostic::error(format!(
                    "typesetting {name} took longer than {seconds} s, so it was stopped"
                ))
                .hint("its layout probably loops without end: check the loops of the layout that makes it")
                .hint("to allow longer, set HOPEPRINT_TIME_LIMIT to a number of seconds")
                .emit();
                std::process::exit(1);
            }
        });
        Watchdog { _done: done }
    }
}

fn vpath(name: &str) -> Result<VirtualPath, Diagnostic> {
    VirtualPath::new(format!("/{name}"))
        .map_err(|e| Diagnostic::error(format!("bad document name `{name}` ({e})")))
}

/// A compiled document and the warnings typst gave.
pub struct Compiled {
    pub document: PagedDocument,
    pub warnings: Vec<String>,
}

struct DocWorld<'a> {
    ts: &'a Typesetter,
    main: FileId,
    main_source: Source,
    /// Other generated files of this document (the parts of a pack).
    generated: HashMap<FileId, Source>,
    today: Datetime,
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.ts.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.ts.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main {
            Ok(self.main_source.clone())
        } else if let Some(source) = self.generated.get(&id) {
            Ok(source.clone())
        } else {
            self.ts.layout_source(id)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(source) = self.generated.get(&id) {
            return Ok(Bytes::from_string(source.clone()));
        }
        if id == self.main {
            Ok(Bytes::from_string(self.main_source.clone()))
        } else {
            self.ts.layout_file(id)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.ts.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

impl DiagnosticWorld for DocWorld<'_> {
    fn name(&self, id: FileId) -> String {
        let path = id.vpath().get_without_slash();
        if id == self.main || self.generated.contains_key(&id) {
            format!("{path} (generated)")
        } else if path.starts_with(&format!("{ASSETS_DIR}/")) {
            path.to_string()
        } else {
            format!("layouts/{path}")
        }
    }
}

impl DocWorld<'_> {
    fn render_diagnostics(&self, diagnostics: &[SourceDiagnostic]) -> Vec<String> {
        diagnostics
            .iter()
            .map(|d| self.render(std::slice::from_ref(d)))
            .collect()
    }

    fn render(&self, diagnostics: &[SourceDiagnostic]) -> String {
        let mut buffer = termcolor::Buffer::no_color();
        if emit(&mut buffer, self, diagnostics, DiagnosticFormat::Human).is_err() {
            return diagnostics
                .iter()
                .map(|d| d.message.to_string())
                .collect::<Vec<_>>()
                .join("\n");
        }
        String::from_utf8_lossy(buffer.as_slice())
            .trim_end()
            .to_string()
    }

    /// Typst's errors as one diagnostic: the first message as the headline, every error
    /// with its file, line and snippet below it.
    fn to_diagnostic(&self, errors: &[SourceDiagnostic]) -> Diagnostic {
        let headline = errors
            .first()
            .map_or("typesetting failed".to_string(), |e| e.message.to_string());
        let mut diag = Diagnostic::error(format!("typesetting failed: {headline}"));
        diag = diag.hint(format!(
            "where typst found the problem:\n{}",
            self.render(errors)
        ));
        diag.hint("`--emit-typst` writes the generated Typst next to the output, to inspect it")
    }
}

/// The standard library with `inputs` as `sys.inputs`, and with the accessibility extras
/// on: the matrices mark their row labels as row headers (`pdf.header-cell`).
fn library(inputs: Dict) -> Library {
    Library::builder()
        .with_inputs(inputs)
        .with_features([Feature::A11yExtras].into_iter().collect())
        .build()
}

/// Which PDF standards to conform to (typst validates while exporting).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
pub enum PdfStandard {
    /// PDF/UA-1 (accessible: tagged, titled, with a language) and PDF/A-2a (archival,
    /// tagged); PDF/UA-1 alone when the edition's colours are CMYK (press work).
    #[value(name = "default")]
    #[serde(rename = "default")]
    Default,
    /// PDF/UA-1 only.
    #[value(name = "ua-1")]
    #[serde(rename = "ua-1")]
    Ua1,
    /// PDF/A-2b only: archival, not accessible.
    #[value(name = "a-2b")]
    #[serde(rename = "a-2b")]
    A2b,
    /// No standard: untagged checks are skipped (not for publishing).
    #[value(name = "none")]
    #[serde(rename = "none")]
    None,
}

/// Exports `document` as PDF. With the same document, `date` and `ident` the bytes are
/// identical from run to run. `cmyk`: the document uses CMYK colours, which PDF/A allows
/// only with an output intent, so the default standard is PDF/UA-1 alone.
pub fn pdf(
    document: &PagedDocument,
    standard: PdfStandard,
    cmyk: bool,
    date: Datetime,
    ident: &str,
) -> Result<Vec<u8>, Diagnostic> {
    let standards: Vec<typst_pdf::PdfStandard> = match standard {
        PdfStandard::Default if cmyk => vec![typst_pdf::PdfStandard::Ua_1],
        PdfStandard::Default => vec![typst_pdf::PdfStandard::Ua_1, typst_pdf::PdfStandard::A_2a],
        PdfStandard::Ua1 => vec![typst_pdf::PdfStandard::Ua_1],
        PdfStandard::A2b => vec![typst_pdf::PdfStandard::A_2b],
        PdfStandard::None => vec![],
    };
    let standards = typst_pdf::PdfStandards::new(&standards).map_err(|e| {
        Diagnostic::error(format!(
            "cannot combine these PDF standards ({})",
            e.message()
        ))
    })?;
    let options = typst_pdf::PdfOptions {
        ident: typst::foundations::Smart::Custom(ident.to_string()),
        timestamp: Some(typst_pdf::Timestamp::new_utc(date)),
        standards,
        ..Default::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        let mut diag = Diagnostic::error(format!(
            "the PDF could not be written: {}",
            errors
                .first()
                .map_or("unknown reason".into(), |e| e.message.to_string())
        ));
        for error in errors.iter() {
            for hint in &error.hints {
                diag = diag.hint(hint.v.to_string());
            }
        }
        diag
    })
}

/// Gives every page with a TrimBox (a press PDF) a BleedBox: the TrimBox grown by
/// `bleed_mm` on each side, within the MediaBox (which also holds the crop marks). Typst
/// writes the TrimBox only, and a print shop's preflight reads the bleed from the BleedBox.
pub fn with_bleed_box(bytes: Vec<u8>, bleed_mm: f64) -> Result<Vec<u8>, Diagnostic> {
    let failed =
        |e: lopdf::Error| Diagnostic::error(format!("the BleedBox could not be added ({e})"));
    let mut pdf = lopdf::Document::load_mem(&bytes).map_err(failed)?;
    let bleed = (bleed_mm * 72.0 / 25.4) as f32;
    let pages: Vec<lopdf::ObjectId> = pdf.get_pages().into_values().collect();
    for id in pages {
        let page = pdf.get_dictionary_mut(id).map_err(failed)?;
        let number = |key: &[u8], i: usize| -> Option<f32> {
            page.get(key).ok()?.as_array().ok()?.get(i)?.as_float().ok()
        };
        let (Some(trim), Some(media)) = (
            (0..4)
                .map(|i| number(b"TrimBox", i))
                .collect::<Option<Vec<f32>>>(),
            (0..4)
                .map(|i| number(b"MediaBox", i))
                .collect::<Option<Vec<f32>>>(),
        ) else {
            continue;
        };
        let grown = [
            (trim[0] - bleed).max(media[0]),
            (trim[1] - bleed).max(media[1]),
            (trim[2] + bleed).min(media[2]),
            (trim[3] + bleed).min(media[3]),
        ];
        page.set(
            "BleedBox",
            grown
                .iter()
                .map(|&v| lopdf::Object::Real(v))
                .collect::<Vec<_>>(),
        );
    }
    let mut out = Vec::with_capacity(bytes.len());
    pdf.save_to(&mut out)
        .map_err(|e| Diagnostic::error(format!("the BleedBox could not be added ({e})")))?;
    Ok(out)
}

/// A PNG page may have at most this many pixels: its pixmap takes four bytes a pixel.
pub const MAX_PNG_PIXELS: f64 = 150_000_000.0;

/// Renders every page as a PNG at `dpi` pixels per inch; a page that would be larger than
/// `MAX_PNG_PIXELS` is refused before any is drawn, with the resolution that fits.
pub fn png(document: &PagedDocument, dpi: f32) -> Result<Vec<Vec<u8>>, Diagnostic> {
    let scale = f64::from(dpi) / 72.0;
    for (index, page) in document.pages().iter().enumerate() {
        let size = page.frame.size();
        let (width, height) = (size.x.to_pt() * scale, size.y.to_pt() * scale);
        if width * height > MAX_PNG_PIXELS {
            let fits = f64::from(dpi) * (MAX_PNG_PIXELS / (width * height)).sqrt();
            return Err(Diagnostic::error(format!(
                "page {} would be {:.0} × {:.0} pixels at {dpi} dpi, more than the limit of {} million",
                index + 1,
                width,
                height,
                MAX_PNG_PIXELS / 1e6
            ))
            .hint(format!("lower --dpi to {} or less", fits.floor().max(1.0))));
        }
    }
    (document.pages().iter())
        .map(|page| png_page(page, dpi))
        .collect()
}

/// One page as a PNG at `dpi` pixels per inch.
pub fn png_page(page: &typst_layout::Page, dpi: f32) -> Result<Vec<u8>, Diagnostic> {
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(f64::from(dpi) / 72.0),
        ..Default::default()
    };
    typst_render::render(page, &options)
        .encode_png()
        .map_err(|e| Diagnostic::error(format!("failed to encode a PNG page ({e})")))
}

/// One document made of pages of `docs`: `Some((d, p))` is page `p` of `docs[d]`, `None`
/// a blank page the size of the page before it. Pages are shared, not copied, so a page
/// repeated a hundred times costs one typesetting. The title and language are `docs[0]`'s.
pub fn assemble(
    docs: &[&PagedDocument],
    pages: impl Iterator<Item = Option<(usize, usize)>>,
) -> Result<PagedDocument, Diagnostic> {
    use typst::model::Document as _;
    let missing = || Diagnostic::error("a page of the assembled document is missing");
    let mut out: typst::ecow::EcoVec<typst_layout::Page> = typst::ecow::EcoVec::new();
    for (index, which) in pages.enumerate() {
        let mut page = match which {
            Some((d, p)) => docs.get(d).and_then(|doc| doc.pages().get(p)).cloned(),
            None => out
                .last()
                .or_else(|| docs.first()?.pages().first())
                .map(|before| {
                    let mut blank = before.clone();
                    blank.frame = typst::layout::Frame::hard(before.frame.size());
                    blank
                }),
        }
        .ok_or_else(missing)?;
        page.number = u64::try_from(index + 1).unwrap_or(u64::MAX);
        out.push(page);
    }
    let info = docs.first().ok_or_else(missing)?.info().clone();
    Ok(PagedDocument::new(out, info))
}
