//! The parallel layout of a bilingual edition (`bilingual_layout: parallel`), with the
//! sample Welsh fixture (tests/fixtures/editions/welsh-sample) and placeholder "Welsh"
//! texts made here, each beginning `CY<n>` so that the PDF tells it from its English:
//! sheets and handouts set the two languages side by side, Welsh left, at the same size
//! and weight, each statement's two versions on the same line; posters stay stacked.

use std::path::Path;

use crate::common::{self, Placed, hopeprint};
use hopeprint::content::Library;
use hopeprint::project::Project;

const FIXTURE: &str = "tests/fixtures/editions/welsh-sample/content";

/// A project with the sample Welsh edition set in parallel columns (`cy-parallel`), the
/// same edition stacked (`cy-sample`), and a placeholder translation of every statement
/// whose reference begins with one of `prefixes`: `CY<n> ` and its English. Returns the
/// project and the (reference, English) of the translated statements, `n` their index.
fn parallel_project(prefixes: &[&str]) -> (tempfile::TempDir, Vec<(String, String)>) {
    parallel_project_with(prefixes, |n, english| format!("CY{n} {english}"))
}

/// `parallel_project`, each statement's Welsh made by `welsh` from its index and English.
fn parallel_project_with(
    prefixes: &[&str],
    welsh: impl Fn(usize, &str) -> String,
) -> (tempfile::TempDir, Vec<(String, String)>) {
    let dir = common::temp_project();
    let fixture = common::manifest_dir().join(FIXTURE);
    let read = |file: &str| std::fs::read_to_string(fixture.join(file)).unwrap();
    let edition = read("editions/cy-sample.yaml");
    common::write(dir.path(), "content/editions/cy-sample.yaml", &edition);
    common::write(
        dir.path(),
        "content/editions/cy-parallel.yaml",
        &format!("{edition}bilingual_layout: parallel\n"),
    );
    common::write(
        dir.path(),
        "content/labels/cy.yaml",
        &read("labels/cy.yaml"),
    );
    let library = Library::load_checked(&Project::built_in()).unwrap();
    let translated: Vec<(String, String)> = (library.statements().into_iter())
        .filter(|s| prefixes.iter().any(|p| s.reference.starts_with(p)))
        .filter_map(|s| Some((s.reference, s.item.text.clone()?)))
        .collect();
    let mut file = String::from("language: \"cy\"\nstatements:\n");
    for (n, (reference, english)) in translated.iter().enumerate() {
        let quoted = |s: &str| serde_json::to_string(s).unwrap();
        file.push_str(&format!(
            "  - ref: {}\n    source: {}\n    text: {}\n",
            quoted(reference),
            quoted(english),
            quoted(&welsh(n, english))
        ));
    }
    common::write(dir.path(), "content/translations/cy.yaml", &file);
    (dir, translated)
}

/// Renders `args` (after `render`) in `project` with `edition`, untranslated statements
/// allowed; returns the PDF.
fn render(project: &Path, edition: &str, args: &[&str]) -> Vec<u8> {
    let mut all = args.to_vec();
    all.extend_from_slice(&["--edition", edition, "--allow-untranslated"]);
    all.extend_from_slice(&["-C", project.to_str().unwrap()]);
    common::rendered(project, "out.pdf", &all)
}

/// The width of the PDF's first page, in points.
fn page_width(bytes: &[u8]) -> f32 {
    let media = common::facts(bytes).media_box;
    media[2] - media[0]
}

/// A run's text without what a layout adds around a statement: the "… " that continues
/// a self-assessment's stem, the mark of supplied wording.
fn bare(text: &str) -> &str {
    let text = text.trim().trim_start_matches('…').trim_start();
    text.trim_end_matches('\u{2020}').trim_end()
}

/// For each translated statement the PDF prints: its Welsh run (the first, `CY<n> …`) and
/// the English run on the same page and line to its right that begins its English.
fn rows<'a>(
    placed: &'a [Placed],
    translated: &[(String, String)],
) -> Vec<(&'a Placed, &'a Placed)> {
    let mut out = vec![];
    for (n, (reference, english)) in translated.iter().enumerate() {
        let tag = format!("CY{n} ");
        let Some(welsh) = placed.iter().find(|p| bare(&p.text).starts_with(&tag)) else {
            continue;
        };
        let beside = placed.iter().find(|p| {
            p.page == welsh.page
                && (p.y - welsh.y).abs() < 0.5
                && p.x > welsh.x
                && !bare(&p.text).is_empty()
                && english.starts_with(bare(&p.text))
        });
        let english_run =
            beside.unwrap_or_else(|| panic!("{reference}: no English beside its Welsh {welsh:?}"));
        out.push((welsh, english_run));
    }
    out
}

/// Every translated statement that `bytes` prints is set Welsh left of the page's middle,
/// English right of it, on the same line (so their tops are level), at the same size in
/// the same font, the Welsh first in reading order; and nothing is below `min` pt.
fn assert_parallel(bytes: &[u8], translated: &[(String, String)], expected: usize, min: f32) {
    let placed = common::placed_text(bytes);
    let middle = page_width(bytes) / 2.0;
    let rows = rows(&placed, translated);
    assert_eq!(rows.len(), expected, "statements set side by side");
    for (welsh, english) in &rows {
        assert!(
            welsh.x < middle && english.x > middle,
            "{welsh:?} | {english:?}"
        );
        assert_eq!(
            welsh.size, english.size,
            "same size: {welsh:?} | {english:?}"
        );
        assert_eq!(
            welsh.font, english.font,
            "same weight: {welsh:?} | {english:?}"
        );
        let index = |p: &Placed| placed.iter().position(|q| std::ptr::eq(q, p)).unwrap();
        assert!(
            index(welsh) < index(english),
            "Welsh is read first: {welsh:?}"
        );
    }
    let smallest = placed
        .iter()
        .filter(|p| !p.text.trim().is_empty())
        .map(|p| p.size)
        .fold(f32::MAX, f32::min);
    assert!(smallest >= min - 0.01, "smallest type {smallest} pt");
}

#[test]
fn a_parallel_level_sheet_sets_each_welsh_statement_left_of_its_english_on_one_line_at_one_size_and_weight()
 {
    let (dir, translated) = parallel_project(&[
        "dependent-aware/stigma/",
        "dependent-aware/peer-support/status/",
    ]);
    let bytes = render(dir.path(), "cy-parallel", &["sheet", "--level", "2"]);
    assert!(translated.len() > 30, "{}", translated.len());
    assert_parallel(&bytes, &translated, translated.len(), 9.0);
}

#[test]
fn parallel_handouts_set_each_welsh_paragraph_and_question_left_of_its_english_on_one_line() {
    for (handout, prefix) in [
        ("glossary", "key-terms/"),
        ("discussion-questions", "partners-in-recovery/discussion"),
        ("collaborative-partnerships", "collaborative-partnerships/"),
    ] {
        let (dir, translated) = parallel_project(&[prefix]);
        let bytes = render(dir.path(), "cy-parallel", &["handout", handout]);
        assert!(!translated.is_empty(), "{handout}");
        assert_parallel(&bytes, &translated, translated.len(), 9.0);
    }
}

#[test]
fn a_parallel_sheet_in_large_print_keeps_its_16pt_floor() {
    let (dir, translated) = parallel_project(&["dependent-aware/stigma/status/"]);
    let bytes = render(
        dir.path(),
        "cy-parallel",
        &["--large-print", "sheet", "--component", "stigma"],
    );
    assert_parallel(&bytes, &translated, translated.len(), 16.0);
}

#[test]
fn the_stacked_edition_sets_the_english_under_the_welsh_not_beside_it() {
    let (dir, translated) = parallel_project(&["dependent-aware/stigma/status/"]);
    let bytes = render(dir.path(), "cy-sample", &["sheet", "--level", "2"]);
    let placed = common::placed_text(&bytes);
    let welsh = placed.iter().find(|p| p.text.starts_with("CY0 ")).unwrap();
    let english = &translated[0].1;
    let under = placed
        .iter()
        .find(|p| {
            p.page == welsh.page
                && p.y < welsh.y - 1.0
                && !bare(&p.text).is_empty()
                && english.starts_with(bare(&p.text))
        })
        .unwrap();
    assert!((under.x - welsh.x).abs() < 0.5, "{welsh:?} / {under:?}");
}

#[test]
fn each_side_of_a_parallel_row_is_tagged_with_its_language() {
    let (dir, translated) = parallel_project(&["key-terms/"]);
    let bytes = render(dir.path(), "cy-parallel", &["handout", "glossary"]);
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let lang = |d: &lopdf::Dictionary| {
        d.get(b"Lang")
            .ok()
            .and_then(|l| l.as_str().ok())
            .map(|b| String::from_utf8_lossy(b).into_owned())
    };
    assert_eq!(lang(doc.catalog().unwrap()).as_deref(), Some("cy"));
    let english = (doc.objects.values())
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").is_ok() && lang(d).as_deref() == Some("en"))
        .count();
    assert!(
        english >= translated.len(),
        "{english} elements tagged English for {} statements",
        translated.len()
    );
}

#[test]
fn posters_of_a_parallel_edition_stay_stacked() {
    let (dir, translated) = parallel_project(&["dependent-aware/peer-support/status/"]);
    let bytes = render(
        dir.path(),
        "cy-parallel",
        &["poster", "--component", "peer-support"],
    );
    let text = common::pdf_text(&bytes);
    let english = &translated[0].1;
    assert!(
        text.contains(&format!("CY0 {english} {english}")),
        "the English follows the Welsh in the same cell: {text}"
    );
}

#[test]
fn a_parallel_handout_renders_in_several_copies_and_in_a_pack() {
    let (dir, _) = parallel_project(&["partners-in-recovery/"]);
    // Its paragraphs would otherwise break across pages, which typst cannot tag on the
    // pages that copies and packs repeat.
    let bytes = render(
        dir.path(),
        "cy-parallel",
        &["handout", "facilitator-guide", "--copies", "2"],
    );
    let pages = common::facts(&bytes).pages;
    assert!(pages >= 4 && pages.is_multiple_of(2), "{pages} pages");
    let out = dir.path().join("pack.pdf");
    let project = dir.path().to_str().unwrap();
    let output = hopeprint(&[
        "-C",
        project,
        "pack",
        "partners-in-recovery",
        "--edition",
        "cy-parallel",
        "--participants",
        "2",
        "--allow-untranslated",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_statement_taller_than_a_page_is_set_welsh_above_english_and_printed_whole() {
    let long = |n: usize, _: &str| {
        format!(
            "CY{n} {}DIWEDD",
            "Paragraff hir iawn yn Gymraeg. ".repeat(90)
        )
    };
    let (dir, translated) = parallel_project_with(&["partners-in-recovery/introduction/"], long);
    let bytes = render(
        dir.path(),
        "cy-parallel",
        &["--large-print", "handout", "facilitator-guide"],
    );
    let placed = common::placed_text(&bytes);
    let welsh = placed.iter().find(|p| p.text.starts_with("CY0 ")).unwrap();
    let english = &translated[0].1;
    let after = placed
        .iter()
        .find(|p| p.text.contains("DIWEDD"))
        .expect("the Welsh is printed to its end");
    let under = (placed.iter())
        .filter(|p| !bare(&p.text).is_empty() && english.starts_with(bare(&p.text)))
        .find(|p| (p.page, -p.y) > (after.page, -after.y))
        .expect("the English follows the Welsh");
    assert!((under.x - welsh.x).abs() < 0.5, "{welsh:?} / {under:?}");
    assert!(after.page > welsh.page, "the Welsh runs onto the next page");
    let media = common::facts(&bytes).media_box;
    assert!(
        placed.iter().all(|p| p.y > media[1] && p.y < media[3]),
        "nothing runs off a page"
    );
}

#[test]
fn the_web_page_of_a_parallel_edition_is_the_stacked_editions_page_beside_a_parallel_pdf() {
    let (dir, translated) = parallel_project(&["dependent-aware/stigma/"]);
    let page = |edition: &str| {
        let out = dir.path().join(edition).join("sheet.html");
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        let output = hopeprint(&[
            "-C",
            dir.path().to_str().unwrap(),
            "render",
            "sheet",
            "--level",
            "2",
            "--edition",
            edition,
            "--allow-untranslated",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let html = std::fs::read_to_string(&out).unwrap();
        let pdf = std::fs::read(out.with_extension("pdf")).unwrap();
        (html.replace(edition, "EDITION"), pdf)
    };
    let (parallel, pdf) = page("cy-parallel");
    let (stacked, _) = page("cy-sample");
    assert!(parallel.contains("CY0 "), "{parallel}");
    assert_eq!(parallel, stacked, "a web page reflows: it stays stacked");
    assert_parallel(&pdf, &translated, translated.len(), 9.0);
}
