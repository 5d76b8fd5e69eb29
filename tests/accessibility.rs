//! Accessible by default: the PDFs a trust uploads declare PDF/UA-1, show their title,
//! carry the edition's language, tag the matrices' row labels as row headers, link
//! addresses, tag the logo with its alt text and never print type below the floor of
//! their kind. (CI also runs the independent checker `outloud` over every document.)

use crate::common::{self, hopeprint};
use hopeprint::document::Kind;
use lopdf::{Document, Object};
use std::path::Path;

/// Renders with the command line's defaults (`args` after `render`) into `dir`.
fn render(dir: &Path, name: &str, args: &[&str]) -> Document {
    Document::load_mem(&common::rendered(dir, name, args)).expect("a readable PDF")
}

fn catalog(doc: &Document) -> &lopdf::Dictionary {
    doc.catalog().expect("a catalogue")
}

fn string(object: &Object) -> String {
    match object {
        Object::String(bytes, _) => common::decode_pdf_string(bytes),
        Object::Name(name) => String::from_utf8_lossy(name).into_owned(),
        other => format!("{other:?}"),
    }
}

/// Every dictionary of the file (structure elements, annotations, …), dereferenced.
fn dictionaries(doc: &Document) -> Vec<&lopdf::Dictionary> {
    doc.objects
        .values()
        .filter_map(|o| match o {
            Object::Dictionary(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        })
        .collect()
}

fn name_is(dict: &lopdf::Dictionary, key: &[u8], value: &[u8]) -> bool {
    dict.get(key)
        .ok()
        .and_then(|o| o.as_name().ok())
        .is_some_and(|n| n == value)
}

/// The XMP metadata packet of the document, as text.
fn xmp(doc: &Document) -> String {
    let id = catalog(doc)
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .expect("XMP metadata");
    let stream = doc.get_object(id).unwrap().as_stream().unwrap();
    let bytes = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn a_default_pdf_declares_pdf_ua_1_and_pdf_a_2a_and_shows_its_title() {
    let dir = tempfile::tempdir().unwrap();
    let doc = render(dir.path(), "sheet.pdf", &["sheet", "--level", "1"]);
    let meta = xmp(&doc);
    assert!(meta.contains("<pdfuaid:part>1</pdfuaid:part>"), "{meta}");
    assert!(meta.contains("<pdfaid:part>2</pdfaid:part>"), "{meta}");
    assert!(meta.contains("<pdfaid:conformance>A</pdfaid:conformance>"));
    let prefs = catalog(&doc)
        .get(b"ViewerPreferences")
        .and_then(|o| match o {
            Object::Reference(id) => doc.get_dictionary(*id),
            Object::Dictionary(d) => Ok(d),
            _ => Err(lopdf::Error::DictKey("ViewerPreferences".into())),
        })
        .expect("viewer preferences");
    assert_eq!(
        prefs.get(b"DisplayDocTitle").and_then(Object::as_bool).ok(),
        Some(true)
    );
}

#[test]
fn pdf_standard_none_opts_out_of_the_standards() {
    let dir = tempfile::tempdir().unwrap();
    let doc = render(
        dir.path(),
        "draft.pdf",
        &["--pdf-standard", "none", "handout", "glossary"],
    );
    assert!(!xmp(&doc).contains("pdfuaid:part"));
}

#[test]
fn lang_is_en_gb_for_nimhe_uk_and_en_us_for_ohio_us() {
    let dir = tempfile::tempdir().unwrap();
    for (edition, lang) in [("nimhe-uk", "en-GB"), ("ohio-us", "en-US")] {
        let doc = render(
            dir.path(),
            &format!("{edition}.pdf"),
            &["--edition", edition, "handout", "glossary"],
        );
        let found = catalog(&doc).get(b"Lang").map(string).unwrap_or_default();
        assert_eq!(found, lang, "{edition}");
    }
}

#[test]
fn a_posters_row_labels_are_row_headers_and_its_corner_names_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let doc = render(dir.path(), "poster.pdf", &["poster", "--level", "1"]);
    let scope_of = |d: &lopdf::Dictionary| -> Option<String> {
        let attributes = match d.get(b"A").ok()? {
            Object::Reference(id) => doc.get_object(*id).ok()?,
            other => other,
        };
        let list: Vec<&Object> = match attributes {
            Object::Array(a) => a.iter().collect(),
            other => vec![other],
        };
        list.into_iter().find_map(|a| {
            let a = match a {
                Object::Reference(id) => doc.get_dictionary(*id).ok()?,
                Object::Dictionary(d) => d,
                _ => return None,
            };
            a.get(b"Scope").ok().map(string)
        })
    };
    let headers: Vec<Option<String>> = dictionaries(&doc)
        .into_iter()
        .filter(|d| name_is(d, b"S", b"TH"))
        .map(scope_of)
        .collect();
    let rows = headers
        .iter()
        .filter(|s| s.as_deref() == Some("Row"))
        .count();
    let both = headers
        .iter()
        .filter(|s| s.as_deref() == Some("Both"))
        .count();
    assert_eq!(rows, 3, "the three roles are row headers: {headers:?}");
    assert_eq!(both, 1, "the corner labels rows and columns: {headers:?}");
    let text = common::pdf_text(&std::fs::read(dir.path().join("poster.pdf")).unwrap());
    assert!(text.contains("Mental Health Recovery Process"));
}

#[test]
fn email_addresses_and_telephone_numbers_in_the_contact_block_are_links() {
    let dir = tempfile::tempdir().unwrap();
    let doc = render(dir.path(), "terms.pdf", &["handout", "glossary"]);
    let uris: Vec<String> = dictionaries(&doc)
        .into_iter()
        .filter(|d| name_is(d, b"Subtype", b"Link"))
        .filter_map(|d| match d.get(b"A").ok()? {
            Object::Dictionary(action) => Some(action),
            Object::Reference(id) => doc.get_dictionary(*id).ok(),
            _ => None,
        })
        .filter_map(|action| action.get(b"URI").ok().map(string))
        .collect();
    assert!(
        uris.iter().any(|u| u == "mailto:Piers.Allott@wlv.ac.uk"),
        "{uris:?}"
    );
    assert!(uris.iter().any(|u| u == "tel:01902518652"), "{uris:?}");
}

#[test]
fn the_logo_is_a_tagged_figure_with_the_editions_alt_text() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("trust");
    let dir_s = dir.to_str().unwrap();
    let init = hopeprint(&["init", dir_s, "--edition", "test-trust-2027"]);
    assert!(init.status.success());
    let edition =
        std::fs::read_to_string(dir.join("content/editions/test-trust-2027.yaml")).unwrap();
    let alt = edition
        .lines()
        .find_map(|l| l.trim().strip_prefix("alt:"))
        .expect("init writes the logo's alt text")
        .trim()
        .trim_matches('"')
        .to_string();
    let out = dir.join("terms.pdf");
    let output = hopeprint(&[
        "-C",
        dir_s,
        "render",
        "--edition",
        "test-trust-2027",
        "handout",
        "glossary",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let doc = Document::load(&out).unwrap();
    let figures: Vec<String> = dictionaries(&doc)
        .into_iter()
        .filter(|d| name_is(d, b"S", b"Figure"))
        .filter_map(|d| d.get(b"Alt").ok().map(string))
        .collect();
    assert_eq!(figures, vec![alt]);
}

/// The smallest type of a typeset document, in points.
fn smallest_type(pages: &typst_layout::PagedDocument) -> f64 {
    fn walk(frame: &typst::layout::Frame, min: &mut f64) {
        for (_, item) in frame.items() {
            match item {
                typst::layout::FrameItem::Group(g) => walk(&g.frame, min),
                typst::layout::FrameItem::Text(t) if !t.text.trim().is_empty() => {
                    *min = min.min(t.size.to_pt())
                }
                _ => {}
            }
        }
    }
    let mut min = f64::MAX;
    for page in pages.pages() {
        walk(&page.frame, &mut min);
    }
    min
}

fn smallest_of(request: hopeprint::document::Request) -> f64 {
    let (_, typeset) = common::typeset(&common::built_in(), &request, &common::settings()).unwrap();
    smallest_type(&typeset.pages)
}

#[test]
fn sheets_and_handouts_print_nothing_below_9pt_and_posters_nothing_below_12pt() {
    for kind in [Kind::LevelSheet, Kind::Glossary, Kind::FurtherReading] {
        let request = match kind {
            Kind::LevelSheet => common::level_request(kind, 1),
            _ => common::request(kind),
        };
        let min = smallest_of(request);
        assert!(min >= 9.0 - 0.01, "{kind:?}: {min} pt");
    }
    for kind in [Kind::LevelPoster, Kind::Principles] {
        let request = match kind {
            Kind::LevelPoster => common::level_request(kind, 1),
            _ => common::request(kind),
        };
        let min = smallest_of(request);
        assert!(min >= 12.0 - 0.01, "{kind:?}: {min} pt");
    }
}

#[test]
fn large_print_prints_nothing_below_16pt() {
    for kind in [Kind::LevelSheet, Kind::Glossary, Kind::SelfInventory] {
        let mut request = match kind {
            Kind::LevelSheet => common::level_request(kind, 2),
            _ => common::request(kind),
        };
        request.print.large_print = true;
        let min = smallest_of(request);
        assert!(min >= 16.0 - 0.01, "{kind:?} in large print: {min} pt");
    }
}
