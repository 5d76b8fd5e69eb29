//! The web edition: an accessible HTML page for each document, rendered by its HTML
//! layout (`layouts/<kind>.html.j2`) from the same typed context as its PDF, a thumbnail
//! of its first page, and the index of an edition's folder.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use minijinja::Environment;
use serde::Serialize;
use typst_layout::PagedDocument;

use crate::content::Labels;
use crate::diag::Diagnostic;
use crate::document::Document;
use crate::document::kinds::{self, PaperGroup};
use crate::edition::EditionColor;
use crate::edition::LoadedEdition;
use crate::layout::{self, HTML_SUFFIX, TEMPLATE_SUFFIX};
use crate::output::{create_dir, write_output};
use crate::project::Project;

/// The index of an edition's web folder.
pub const INDEX: &str = "index.html";
/// The index's layout.
const INDEX_LAYOUT: &str = "index.html.j2";
/// The folder, beside the pages, of the index's thumbnails.
pub const THUMBNAILS: &str = "thumbnails";
/// A thumbnail's width in pixels: twice the width the index shows it at, for sharp
/// screens.
const THUMBNAIL_PIXELS: f64 = 320.0;

/// What every page of an edition's web folder shares: its colours and font as CSS, its
/// logo, and whether there is an index to return to.
#[derive(Debug, Clone, Serialize)]
pub struct Site {
    /// CSS custom properties (`:root { --accent: … }`) of the edition's look, made here
    /// from checked colours, so a layout prints them unescaped into its `<style>`.
    look: String,
    logo: Option<WebLogo>,
    /// The page links back to `index.html` (a build's pages do; a single render's not).
    index: Option<&'static str>,
}

/// The logo inside the page, as a `data:` address: a page needs no other file and makes
/// no request.
#[derive(Debug, Clone, Serialize)]
struct WebLogo {
    src: String,
    alt: String,
}

/// What an HTML layout finds under `web`.
#[derive(Debug, Serialize)]
struct WebContext<'a> {
    #[serde(flatten)]
    site: &'a Site,
    /// The PDF of the page (beside it), or none on the index.
    pdf: Option<&'a str>,
}

impl Site {
    /// The site of `edition` (none: the built-in look, no logo); `index` when the pages
    /// go into a folder with an index.
    pub fn new(
        project: &Project,
        edition: Option<&LoadedEdition>,
        index: bool,
    ) -> Result<Site, Diagnostic> {
        let logo = match edition.and_then(|e| e.edition.logo.as_ref()) {
            Some(logo) => Some(WebLogo {
                src: data_address(project, &logo.path)?,
                alt: logo.alt.clone(),
            }),
            None => None,
        };
        Ok(Site {
            look: edition.map(look_css).unwrap_or_default(),
            logo,
            index: index.then_some(INDEX),
        })
    }
}

/// The edition's colours, each with the pale tint the pages put behind text, and its
/// font, as CSS custom properties over the stylesheet's own.
fn look_css(edition: &LoadedEdition) -> String {
    let inputs = edition.typst_inputs();
    let mut properties = vec![];
    let mut colour = |name: String, c: EditionColor| {
        let rgb = c.to_rgb();
        properties.push(format!("--{name}: {};", hex(rgb)));
        properties.push(format!("--{name}-tint: {};", hex(tint(rgb))));
    };
    if let Some(accent) = inputs.accent {
        colour("accent".into(), accent);
    }
    for (i, c) in inputs.levels.iter().enumerate() {
        colour(format!("level-{}", i + 1), *c);
    }
    if let Some(font) = &inputs.font {
        properties.push(format!(
            "--font: {}, var(--fallback-fonts);",
            css_string(font)
        ));
    }
    match properties.is_empty() {
        true => String::new(),
        false => format!(":root {{ {} }}", properties.join(" ")),
    }
}

/// A colour as `#rrggbb`.
fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The pale tint of a colour behind body text: 88% of the way to white, as the PDFs'
/// `tint` (theme.typ) lightens it.
fn tint(rgb: [u8; 3]) -> [u8; 3] {
    rgb.map(|v| (f64::from(v) + (255.0 - f64::from(v)) * 0.88).round() as u8)
}

/// `text` as a CSS string: quotes, backslashes, `<` (a `</style>` would end the
/// stylesheet) and control characters as CSS escapes.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", c as u32)),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The file at `path` in the project as a `data:` address of its media type.
fn data_address(project: &Project, path: &str) -> Result<String, Diagnostic> {
    let path = path.trim_start_matches('/');
    let file = project.read(path)?.ok_or_else(|| {
        Diagnostic::error(format!("the logo {path} is not there"))
            .hint("check the edition's `logo: path:`")
    })?;
    let extension = Path::new(path)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let media = match extension.as_deref() {
        Some("svg") => "image/svg+xml",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        _ => "image/png",
    };
    let data = base64::engine::general_purpose::STANDARD.encode(&file.bytes);
    Ok(format!("data:{media};base64,{data}"))
}

/// The HTML layout of a document: its Typst layout's name with `.html.j2`.
pub fn layout_of(doc: &Document) -> String {
    let stem = doc
        .layout
        .strip_suffix(TEMPLATE_SUFFIX)
        .unwrap_or(&doc.layout);
    format!("{stem}{HTML_SUFFIX}")
}

/// The web page of `doc`, which links to its PDF `pdf` (a file name beside the page).
pub fn page(
    env: &Environment<'_>,
    site: &Site,
    doc: &Document,
    pdf: &str,
) -> Result<String, Diagnostic> {
    let mut context = doc.web_context().clone();
    let web = WebContext {
        site,
        pdf: Some(pdf),
    };
    if let (Some(map), Ok(web)) = (context.as_object_mut(), serde_json::to_value(&web)) {
        map.insert("web".into(), web);
    }
    layout::render(env, &layout_of(doc), &context)
}

/// The PDF beside a web page at `html`: the same name, ending `.pdf`.
pub fn pdf_beside(html: &Path) -> PathBuf {
    html.with_extension("pdf")
}

/// Writes `page` (from `page`) to `path`.
pub fn write_page(project: &Project, path: &Path, page: &str) -> Result<PathBuf, Diagnostic> {
    write_output(project, path, page.as_bytes())?;
    Ok(path.to_path_buf())
}

/// Writes a thumbnail of the first page of `pages` for the page at `html`, into the
/// `thumbnails/` folder beside it.
pub fn write_thumbnail(
    project: &Project,
    pages: &PagedDocument,
    html: &Path,
) -> Result<PathBuf, Diagnostic> {
    let Some(first) = pages.pages().first() else {
        return Err(Diagnostic::error("the document has no page to show"));
    };
    let width_inches = first.frame.size().x.to_pt() / 72.0;
    let dpi = (THUMBNAIL_PIXELS / width_inches.max(0.1)) as f32;
    let png = crate::typeset::png_page(first, dpi)?;
    let dir = html.parent().unwrap_or(Path::new(".")).join(THUMBNAILS);
    create_dir(&dir)?;
    let path = dir.join(thumbnail_name(html));
    write_output(project, &path, &png)?;
    Ok(path)
}

/// The thumbnail's file name of the page at `html`.
fn thumbnail_name(html: &Path) -> String {
    let stem = html.file_stem().unwrap_or_default().to_string_lossy();
    format!("{stem}.png")
}

/// One document as the index lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    pub title: String,
    /// The page, the PDF and the thumbnail, relative to the index.
    pub html: String,
    pub pdf: String,
    pub thumbnail: String,
    /// The PDF's size, e.g. `1.2 MB`.
    pub size: String,
    pub pages: usize,
    /// E.g. `A1`.
    pub paper: &'static str,
    #[serde(skip)]
    pub group: PaperGroup,
}

impl Listed {
    /// The listing of `doc`, whose page is `<name>.html`; its PDF's size and pages are
    /// known once it is made (`made`).
    pub fn new(doc: &Document) -> Listed {
        Listed {
            title: doc.title.clone(),
            html: format!("{}.html", doc.name),
            pdf: format!("{}.pdf", doc.name),
            thumbnail: format!("{THUMBNAILS}/{}.png", doc.name),
            size: String::new(),
            pages: 0,
            paper: doc.paper.name(),
            group: kinds::facts(doc.kind).group,
        }
    }

    /// The listing with its PDF's size in bytes and its pages.
    pub fn made(self, pdf_bytes: u64, pages: usize) -> Listed {
        Listed {
            size: human_size(pdf_bytes),
            pages,
            ..self
        }
    }
}

/// A size in bytes as people read it: `850 kB`, `1.2 MB` (a no-break space before the
/// unit keeps the two on one line).
fn human_size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes}\u{a0}bytes"),
        1_000..1_000_000 => format!("{}\u{a0}kB", bytes.div_ceil(1_000)),
        _ => format!("{:.1}\u{a0}MB", bytes as f64 / 1e6),
    }
}

/// A group of the index: its heading and documents.
#[derive(Debug, Serialize)]
struct Group<'a> {
    title: &'a str,
    documents: Vec<&'a Listed>,
}

/// What the index's layout reads.
#[derive(Debug, Serialize)]
struct IndexContext<'a> {
    doc: IndexPage<'a>,
    edition: serde_json::Value,
    labels: &'a Labels,
    groups: Vec<Group<'a>>,
    web: WebContext<'a>,
}

/// The index's own `doc`: what the page set-up of every HTML layout reads.
#[derive(Debug, Serialize)]
struct IndexPage<'a> {
    title: &'a str,
    kind: &'static str,
    lang: String,
    region: Option<String>,
}

/// The index of an edition's folder: its title and logo, then its documents by group
/// (posters, sheets, handouts) in the catalogue's order.
pub fn index(
    env: &Environment<'_>,
    site: &Site,
    edition: &LoadedEdition,
    labels: &Labels,
    listed: &[Listed],
) -> Result<String, Diagnostic> {
    let groups = [
        (PaperGroup::Posters, &labels.posters),
        (PaperGroup::Sheets, &labels.sheets),
        (PaperGroup::Handouts, &labels.handouts),
    ];
    let groups = (groups.into_iter())
        .map(|(group, title)| Group {
            title,
            documents: listed.iter().filter(|l| l.group == group).collect(),
        })
        .filter(|g| !g.documents.is_empty())
        .collect();
    let context = IndexContext {
        doc: IndexPage {
            title: &edition.edition.title,
            kind: "index",
            lang: edition.edition.language(),
            region: edition.edition.region(),
        },
        edition: edition.context(),
        labels,
        groups,
        web: WebContext { site, pdf: None },
    };
    let context = serde_json::to_value(&context)
        .map_err(|e| Diagnostic::error(format!("the index could not be prepared: {e}")))?;
    layout::render(env, INDEX_LAYOUT, &context)
}

/// Writes the index to `dir/index.html`, unless it is there already as it would be
/// written (an unchanged build touches no file).
pub fn write_index(project: &Project, dir: &Path, html: &str) -> Result<PathBuf, Diagnostic> {
    let path = dir.join(INDEX);
    if std::fs::read(&path).is_ok_and(|old| old == html.as_bytes()) {
        return Ok(path);
    }
    write_output(project, &path, html.as_bytes())?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_font_name_cannot_end_the_stylesheet() {
        assert_eq!(
            css_string("A\"</style><script>"),
            "\"A\\22 \\3c /style\\3e \\3c script\\3e \""
        );
    }

    #[test]
    fn sizes_read_as_kilobytes_and_megabytes() {
        assert_eq!(human_size(999), "999\u{a0}bytes");
        assert_eq!(human_size(212_345), "213\u{a0}kB");
        assert_eq!(human_size(1_240_000), "1.2\u{a0}MB");
    }

    #[test]
    fn the_tint_of_a_colour_is_nearly_white() {
        assert_eq!(tint([0x1d, 0x4e, 0x89]), [0xe4, 0xea, 0xf1]);
    }
}
