//! Words too long for their column (a run of over 30 letters with no space, hyphen or
//! slash): typst breaks lines only there, so such a word ran out of its poster cell across
//! the next columns. Measured on the typeset pages: every run of text stays inside its
//! column, and the PDF's text still holds the word.

use hopeprint::catalog::Catalog;
use hopeprint::content::Library;
use hopeprint::document::{Kind, resolve_request};
use hopeprint::prepare::{PrintRun, prepare};
use hopeprint::project::Project;
use hopeprint::typeset::{PdfStandard, Typesetter};
use hopeprint::{layout, render};
use typst::layout::{Abs, Frame, FrameItem, Point, Transform};

use crate::common::{self, write};

/// A run of text on a page: its left and right edges and its baseline, in points.
struct Run {
    left: f64,
    right: f64,
    y: f64,
    text: String,
}

/// Every run of text of `frame`, placed on the page.
fn runs(frame: &Frame, at: Transform, out: &mut Vec<Run>) {
    for (pos, item) in frame.items() {
        let here = at.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(g) => runs(&g.frame, here.pre_concat(g.transform), out),
            FrameItem::Text(t) => {
                let at = |dx: Abs| Point::new(dx, Abs::zero()).transform(here);
                out.push(Run {
                    left: at(Abs::zero()).x.to_pt(),
                    right: at(t.width()).x.to_pt(),
                    y: at(Abs::zero()).y.to_pt(),
                    text: t.text.to_string(),
                });
            }
            _ => {}
        }
    }
}

fn page_runs(page: &typst_layout::Page) -> Vec<Run> {
    let mut out = vec![];
    runs(&page.frame, Transform::identity(), &mut out);
    out
}

/// A project whose first level has `word` in the middle of a statement (of a cell's
/// first statements, so others follow it in its column).
fn project_with_word(word: &str) -> (tempfile::TempDir, Project) {
    let dir = common::temp_project();
    let level = "content/model/levels/1-dependent-unaware.yaml";
    let text = std::fs::read_to_string(common::manifest_dir().join(level)).unwrap();
    assert!(text.contains("Offers hope and friendship"));
    let text = text.replacen(
        "Offers hope and friendship",
        &format!("Offers {word} and friendship"),
        1,
    );
    write(dir.path(), level, &text);
    let project = Project::new(dir.path());
    (dir, project)
}

/// The PDF's text without any whitespace, so a word broken across lines reads whole.
fn unbroken_text(typeset: &hopeprint::render::Typeset, name: &str) -> String {
    let bytes = common::pdf(typeset, name, PdfStandard::Default).unwrap();
    common::pdf_text(&bytes).split_whitespace().collect()
}

/// A word of 120 letters ran out of its column across the next ones (typst breaks lines
/// only at spaces and hyphens): on a level poster every run of text of a statement stays
/// left of the next column's bullets, on the level sheet inside the page's margins, and
/// the PDF's text still holds the word.
#[test]
fn a_word_of_120_letters_stays_inside_its_poster_column_and_sheet_and_reads_as_the_word() {
    let word = "Recoveryorientedpractice".repeat(5);
    let (_dir, project) = project_with_word(&word);

    let request = common::level_request(Kind::LevelPoster, 1);
    let (doc, poster) = common::typeset(&project, &request, &common::settings()).unwrap();
    assert_eq!(poster.pages.pages().len(), 1);
    let on_page = page_runs(&poster.pages.pages()[0]);
    let bullets: Vec<&Run> = on_page.iter().filter(|r| r.text == "•").collect();
    let mut columns: Vec<f64> = bullets.iter().map(|b| b.left).collect();
    columns.sort_by(f64::total_cmp);
    columns.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    assert!(
        columns.len() >= 9,
        "one column of bullets a component: {columns:?}"
    );
    let (top, bottom) = bullets
        .iter()
        .fold((f64::MAX, f64::MIN), |(t, b), r| (t.min(r.y), b.max(r.y)));
    // The statements' text between the first and the last bullet (not the header cells
    // above, nor the row labels left of the first column, nor the credits below).
    let mut checked = 0;
    for run in on_page.iter().filter(|r| r.y > top && r.y < bottom) {
        let Some(next) = columns.iter().find(|&&c| c > run.left + 1.0) else {
            continue;
        };
        if run.left < columns[0] - 1.0 {
            continue;
        }
        checked += 1;
        assert!(
            run.right < *next,
            "`{}` runs from {:.0} pt to {:.0} pt, past the next column at {next:.0} pt",
            run.text,
            run.left,
            run.right
        );
    }
    assert!(checked > 100, "{checked} runs checked");
    assert!(unbroken_text(&poster, &doc.name).contains(&word));

    let request = common::level_request(Kind::LevelSheet, 1);
    let (doc, sheet) = common::typeset(&project, &request, &common::settings()).unwrap();
    for (number, page) in sheet.pages.pages().iter().enumerate() {
        let on_page = page_runs(page);
        let margin = on_page.iter().map(|r| r.left).fold(f64::MAX, f64::min);
        let edge = page.frame.width().to_pt() - margin;
        for run in &on_page {
            assert!(
                run.right <= edge + 0.5,
                "page {}: `{}` ends at {:.0} pt, past the margin at {edge:.0} pt",
                number + 1,
                run.text,
                run.right
            );
        }
    }
    assert!(unbroken_text(&sheet, &doc.name).contains(&word));
}

/// Only a word wider than its line is broken: one of 40 letters, which fits on a sheet's
/// line, is printed whole, as one run of text.
#[test]
fn a_long_word_that_fits_its_line_is_printed_whole() {
    let word = "Recoveryorientedpracticeandpeersupports";
    assert!(word.len() > 30);
    let (_dir, project) = project_with_word(word);
    let request = common::level_request(Kind::LevelSheet, 1);
    let (_, sheet) = common::typeset(&project, &request, &common::settings()).unwrap();
    let whole = (sheet.pages.pages().iter())
        .flat_map(page_runs)
        .any(|r| r.text.contains(word));
    assert!(whole, "`{word}` is not printed in one piece");
}

/// A bilingual edition set in parallel columns (the Welsh sample, with a placeholder
/// translation of the statement that holds the word): each language's column is half
/// the page, and a word too long for it breaks inside it.
#[test]
fn a_word_of_120_letters_stays_inside_its_column_of_a_parallel_bilingual_sheet() {
    let word = "Recoveryorientedpractice".repeat(5);
    let (dir, project) = project_with_word(&word);
    let fixture = common::manifest_dir().join("tests/fixtures/editions/welsh-sample/content");
    let read = |file: &str| std::fs::read_to_string(fixture.join(file)).unwrap();
    let edition = read("editions/cy-sample.yaml") + "bilingual_layout: parallel\n";
    write(dir.path(), "content/editions/cy-parallel.yaml", &edition);
    write(
        dir.path(),
        "content/labels/cy.yaml",
        &read("labels/cy.yaml"),
    );
    let translation = format!(
        "language: \"cy\"\nstatements:\n  - ref: dependent-unaware/peer-support/clinician-roles/offers-hope-friendship\n    source: \"Offers {word} and friendship\"\n    text: \"Yn cynnig {word} a chyfeillgarwch\"\n"
    );
    write(dir.path(), "content/translations/cy.yaml", &translation);

    let base = Library::load_checked(&project).unwrap();
    let catalog = Catalog::load(&project).unwrap();
    let fonts = Typesetter::new(&project, false).unwrap();
    let run = PrintRun {
        bleed_mm: 0.0,
        crop_marks: false,
        allow_untranslated: true,
    };
    let prepared = prepare(&project, run, "cy-parallel", &base, &catalog, &fonts).unwrap();
    let request = common::level_request(Kind::LevelSheet, 1);
    let doc = resolve_request(&prepared.library, &request, &prepared.settings).unwrap();
    let env = layout::environment(&project);
    let sheet = render::typeset(&prepared.typesetter, &env, &doc, prepared.date).unwrap();
    let mut checked = 0;
    for page in sheet.pages.pages() {
        let on_page = page_runs(page);
        let margin = on_page.iter().map(|r| r.left).fold(f64::MAX, f64::min);
        let width = page.frame.width().to_pt();
        let middle = width / 2.0;
        // The word's runs (its pieces, or the whole word): in the left (Welsh) column one
        // ends before the middle of the page, in the right (English) column at the margin.
        let of_word = |r: &&Run| {
            let text = r.text.trim();
            !text.is_empty() && (word.contains(text) || text.contains(&word))
        };
        for run in on_page.iter().filter(of_word) {
            let edge = if run.left < middle {
                middle
            } else {
                width - margin
            };
            checked += 1;
            assert!(
                run.right <= edge + 0.5,
                "`{}` runs from {:.0} pt to {:.0} pt, past {edge:.0} pt",
                run.text,
                run.left,
                run.right
            );
        }
    }
    assert!(
        checked >= 2,
        "the word is printed in both languages: {checked} runs"
    );
    let text = unbroken_text(&sheet, &doc.name);
    assert!(
        text.contains(&format!("Yncynnig{word}")),
        "the Welsh holds the word"
    );
    assert!(
        text.contains(&format!("Offers{word}")),
        "the English holds the word"
    );
}
