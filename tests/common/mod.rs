//! Helpers shared by the integration tests: render through the library, read PDFs back.

#![allow(dead_code)]

pub mod hostile;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use hopeprint::catalog::Catalog;
use hopeprint::content::Library;
use hopeprint::document::spec::SpecFields;
use hopeprint::document::{
    Document, DocumentSpec, Kind, NameOrNumber, Request, Settings, resolve_request,
};
use hopeprint::layout;
use hopeprint::project::Project;
use hopeprint::render::{self, Typeset};
use hopeprint::typeset::{self, PdfStandard, Typesetter};

pub fn built_in() -> Project {
    Project::built_in()
}

pub fn settings() -> Settings {
    Settings {
        version: "test".into(),
        date: "2026-01-02".into(),
        bleed_mm: 0.0,
        crop_marks: false,
        edition: None,
    }
}

pub fn date() -> typst::foundations::Datetime {
    typst::foundations::Datetime::from_ymd_hms(2026, 1, 2, 0, 0, 0).unwrap()
}

/// A request for a document of `kind` that takes no level, component or role.
pub fn request(kind: Kind) -> Request {
    Request::new(DocumentSpec::from_fields(SpecFields::of(kind)).expect("a kind without fields"))
}

/// A request for a level poster or level sheet of level `level`.
pub fn level_request(kind: Kind, level: u32) -> Request {
    with_fields(SpecFields {
        level: Some(NameOrNumber::Number(level)),
        ..SpecFields::of(kind)
    })
}

/// A request for the large-print role sheet of `role`.
pub fn large_print_role_sheet(role: &str) -> Request {
    let mut request = with_fields(SpecFields {
        role: Some(role.into()),
        ..SpecFields::of(Kind::RoleSheet)
    });
    request.print.large_print = true;
    request
}

/// A request from the fields a catalogue entry would give.
pub fn with_fields(fields: SpecFields) -> Request {
    Request::new(DocumentSpec::from_fields(fields).expect("fields that fit the kind"))
}

/// The built-in project's document of `kind` with its defaults, typeset (which must
/// succeed).
pub fn built_in_typeset(kind: Kind) -> (Document, Typeset) {
    typeset(&built_in(), &request(kind), &settings()).expect("the built-in document typesets")
}

/// Resolves and typesets `request` in `project`.
pub fn typeset(
    project: &Project,
    request: &Request,
    settings: &Settings,
) -> Result<(Document, Typeset), String> {
    let library = Library::load_checked(project).map_err(|d| format!("{d:?}"))?;
    let doc = resolve_request(&library, request, settings).map_err(|d| d.to_string())?;
    let ts = Typesetter::new(project, false).map_err(|d| d.to_string())?;
    let env = layout::environment(project);
    let typeset = render::typeset(&ts, &env, &doc, date()).map_err(|d| d.to_string())?;
    Ok((doc, typeset))
}

pub fn pdf(typeset: &Typeset, name: &str, standard: PdfStandard) -> Result<Vec<u8>, String> {
    typeset::pdf(&typeset.pages, standard, typeset.cmyk, date(), name).map_err(|d| d.to_string())
}

/// Every request of the built-in catalogue.
/// Every document of every built-in edition: (edition's typesetter, settings, content, request).
pub fn every_built_in_document() -> Vec<(Typesetter, Settings, Library, Request)> {
    let project = built_in();
    let base = Library::load_checked(&project).expect("built-in content");
    let catalog = Catalog::load(&project).expect("built-in catalogue");
    let fonts = Typesetter::new(&project, false).unwrap();
    let mut out = vec![];
    for id in hopeprint::edition::edition_ids(&project) {
        let loaded = hopeprint::edition::load(&project, &id).unwrap();
        let library = hopeprint::edition::apply(&project, &base, &loaded).unwrap();
        let by_component =
            loaded.edition.poster_orientation == hopeprint::edition::PosterOrientation::Component;
        for (_, request) in
            hopeprint::catalog::expand(&catalog.entries, by_component, &library.model)
        {
            let ts = fonts.with_inputs(&loaded.typst_inputs());
            let settings = catalog.settings_for(loaded.clone(), 0.0, false);
            out.push((ts, settings, library.clone(), request));
        }
    }
    out
}

/// The PDF's text, extracted with lopdf, whitespace collapsed.
pub fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("extractable text");
    squash(&text)
}

pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Page count and the size (in points) of the first page's MediaBox and TrimBox.
pub struct PdfFacts {
    pub pages: usize,
    pub media_box: [f32; 4],
    pub trim_box: Option<[f32; 4]>,
    pub title: Option<String>,
}

pub fn facts(bytes: &[u8]) -> PdfFacts {
    let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    let pages = doc.get_pages();
    let first = *pages.values().next().expect("a page");
    let page = doc.get_dictionary(first).expect("page dictionary");
    let rect = |key: &[u8]| -> Option<[f32; 4]> {
        let array = page.get(key).ok()?.as_array().ok()?;
        let mut out = [0.0; 4];
        for (i, v) in array.iter().take(4).enumerate() {
            out[i] = v
                .as_float()
                .or_else(|_| v.as_i64().map(|n| n as f32))
                .ok()?;
        }
        Some(out)
    };
    let title = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|r| r.as_reference().ok())
        .and_then(|id| doc.get_dictionary(id).ok())
        .and_then(|info| info.get(b"Title").ok())
        .and_then(|t| t.as_str().ok())
        .map(decode_pdf_string);
    PdfFacts {
        pages: pages.len(),
        media_box: rect(b"MediaBox").expect("MediaBox"),
        trim_box: rect(b"TrimBox"),
        title,
    }
}

pub fn decode_pdf_string(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

pub const MM: f32 = 72.0 / 25.4;

/// A fresh project directory for a test, removed when dropped.
pub fn temp_project() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("hopeprint-test-")
        .tempdir()
        .expect("a temporary directory")
}

pub fn write(dir: &Path, relative: &str, text: &str) -> PathBuf {
    let path = dir.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the hopeprint binary in the repository (where `tests/fixtures/…` paths resolve).
pub fn hopeprint(args: &[&str]) -> Output {
    hopeprint_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Runs the hopeprint binary in `dir`, without colour.
pub fn hopeprint_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hopeprint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the hopeprint binary runs")
}

/// Renders `args` (after `render`) to `dir/name` with the command line's defaults, which
/// must succeed; returns the file's bytes.
pub fn rendered(dir: &Path, name: &str, args: &[&str]) -> Vec<u8> {
    let out = dir.join(name);
    let mut all = vec!["render"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", out.to_str().unwrap()]);
    let output = hopeprint(&all);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read(&out).unwrap()
}

/// A run of text as a PDF places it: its page (from 1), the start of its baseline in
/// points from the page's bottom left, its size in points, its font and its text.
#[derive(Debug, Clone)]
pub struct Placed {
    pub page: u32,
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub font: String,
    pub text: String,
}

/// Every run of text the PDF shows (each `Tj`/`TJ`), in the order of its content streams,
/// placed by the transformation and text matrices in force (`cm`, `q`/`Q`, `Tm`, `Td`).
pub fn placed_text(bytes: &[u8]) -> Vec<Placed> {
    type M = [f32; 6];
    let times = |m: M, n: M| -> M {
        [
            m[0] * n[0] + m[1] * n[2],
            m[0] * n[1] + m[1] * n[3],
            m[2] * n[0] + m[3] * n[2],
            m[2] * n[1] + m[3] * n[3],
            m[4] * n[0] + m[5] * n[2] + n[4],
            m[4] * n[1] + m[5] * n[3] + n[5],
        ]
    };
    let number = |o: &lopdf::Object| {
        o.as_float()
            .or_else(|_| o.as_i64().map(|n| n as f32))
            .unwrap_or(0.0)
    };
    let matrix =
        |ops: &[lopdf::Object]| -> M { std::array::from_fn(|i| ops.get(i).map_or(0.0, number)) };
    let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    let mut out = vec![];
    for (page, id) in doc.get_pages() {
        let fonts = doc.get_page_fonts(id).expect("the page's fonts");
        let content = doc
            .get_and_decode_page_content(id)
            .expect("the page's content");
        let identity: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
        let (mut ctm, mut stack, mut tm, mut line) = (identity, vec![], identity, identity);
        let mut font: Option<(&lopdf::Dictionary, f32, String)> = None;
        for op in &content.operations {
            let operands = &op.operands;
            match op.operator.as_str() {
                "q" => stack.push(ctm),
                "Q" => ctm = stack.pop().unwrap_or(identity),
                "cm" => ctm = times(matrix(operands), ctm),
                "BT" => (tm, line) = (identity, identity),
                "Tm" => (tm, line) = (matrix(operands), matrix(operands)),
                "Td" => {
                    let d = [
                        1.0,
                        0.0,
                        0.0,
                        1.0,
                        number(&operands[0]),
                        number(&operands[1]),
                    ];
                    line = times(d, line);
                    tm = line;
                }
                "Tf" => {
                    let name = operands[0].as_name().expect("a font name");
                    let dict = *fonts.get(name).expect("a font of the page");
                    let base = dict
                        .get(b"BaseFont")
                        .and_then(|b| b.as_name())
                        .map(|b| String::from_utf8_lossy(b).into_owned())
                        .unwrap_or_default();
                    font = Some((dict, number(&operands[1]), base));
                }
                "Tj" | "TJ" => {
                    let (dict, size, base) = font.as_ref().expect("a font set before text");
                    let encoding = dict.get_font_encoding(&doc).expect("the font's encoding");
                    let strings: Vec<&lopdf::Object> = match &operands[0] {
                        lopdf::Object::Array(items) => items.iter().collect(),
                        other => vec![other],
                    };
                    let mut text = String::new();
                    for s in strings {
                        if let lopdf::Object::String(b, _) = s {
                            text.push_str(
                                &lopdf::Document::decode_text(&encoding, b).unwrap_or_default(),
                            );
                        }
                    }
                    let at = times(tm, ctm);
                    out.push(Placed {
                        page,
                        x: at[4],
                        y: at[5],
                        size: size * (at[2] * at[2] + at[3] * at[3]).sqrt(),
                        font: base.clone(),
                        text,
                    });
                }
                _ => {}
            }
        }
    }
    out
}

/// A line of text as typst laid it out: its page (from 1), its baseline in points from
/// the page's top, the size of its largest type, and its text (its runs left to right).
#[derive(Debug, Clone)]
pub struct Line {
    pub page: usize,
    pub y: f64,
    pub size: f64,
    pub text: String,
    /// Its first run is set in bold.
    pub bold: bool,
}

/// A document's page height and margin, in points.
pub fn page_of(doc: &Document) -> (f64, f64) {
    let page = &doc.context["doc"];
    let pt = |key: &str| page[key].as_f64().unwrap() * 72.0 / 25.4;
    (pt("height_mm"), pt("margin_mm"))
}

/// The lines between the page's margins (neither running header nor footer).
pub fn body_lines(doc: &Document, typeset: &Typeset) -> Vec<Line> {
    let (height, margin) = page_of(doc);
    (lines(&typeset.pages).into_iter())
        .filter(|l| l.y > margin && l.y < height - margin)
        .collect()
}

/// Every line of text of the typeset pages, page by page, top to bottom: runs of text
/// whose baselines lie within half a point of each other make one line.
pub fn lines(pages: &typst_layout::PagedDocument) -> Vec<Line> {
    use typst::layout::{Frame, FrameItem, Point};
    /// A run of text: its baseline, its start, its size, its text, whether it is bold.
    type Run = (f64, f64, f64, String, bool);
    fn walk(frame: &Frame, at: Point, out: &mut Vec<Run>) {
        for (pos, item) in frame.items() {
            let p = at + *pos;
            match item {
                FrameItem::Group(g) => walk(
                    &g.frame,
                    p + Point::new(g.transform.tx, g.transform.ty),
                    out,
                ),
                FrameItem::Text(t) => out.push((
                    p.y.to_pt(),
                    p.x.to_pt(),
                    t.size.to_pt(),
                    t.text.to_string(),
                    t.font.info().variant.weight >= typst::text::FontWeight::BOLD,
                )),
                _ => {}
            }
        }
    }
    let mut out = vec![];
    for (i, page) in pages.pages().iter().enumerate() {
        let mut runs = vec![];
        walk(&page.frame, Point::zero(), &mut runs);
        runs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut lines: Vec<Vec<Run>> = vec![];
        for run in runs {
            match lines.last_mut() {
                Some(line) if (run.0 - line[0].0).abs() < 0.5 => line.push(run),
                _ => lines.push(vec![run]),
            }
        }
        for mut line in lines {
            line.sort_by(|a, b| a.1.total_cmp(&b.1));
            out.push(Line {
                page: i + 1,
                y: line[0].0,
                size: line.iter().map(|r| r.2).fold(0.0, f64::max),
                text: line.iter().map(|r| r.3.as_str()).collect(),
                bold: line[0].4,
            });
        }
    }
    out
}
