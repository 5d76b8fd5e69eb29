//! Bounded resources: inputs that would take all memory or never end, each run under a
//! memory cap and a time bound, ending in an error that names the file (or document),
//! with nothing written and the earlier output as it was (`common::hostile::Nest`).

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::hostile::{Nest, TIME_LIMIT, hopeprint_capped};
use crate::common::{self, write};

/// A 1 MB anchor used 10,000 times stands for 10 GB: refused before it is expanded.
#[test]
fn aliases_that_expand_past_the_size_bound_are_refused_within_a_memory_cap() {
    let nest = Nest::new();
    let big = "x".repeat(1024 * 1024);
    let uses = vec!["*big"; 10_000].join(", ");
    let edition = format!("name: &big \"{big}\"\ntitle: t\ncontact: [{uses}]\n");
    write(&nest.project(), "content/editions/bomb.yaml", &edition);
    let stderr = nest.fails_writing_nothing(
        &[
            "render",
            "handout",
            "glossary",
            "--edition",
            "bomb",
            "-o",
            "/nonexistent/g.pdf",
        ],
        "content/editions/bomb.yaml:3:",
    );
    assert!(
        stderr.contains("aliases (`*name`) expand to more than"),
        "{stderr}"
    );
}

/// `terms: {"": x}` matched everywhere without moving on, forever.
#[test]
fn an_empty_term_is_refused_in_time_naming_its_line() {
    let nest = Nest::new();
    let edition =
        std::fs::read_to_string(common::manifest_dir().join("content/editions/nimhe-uk.yaml"))
            .unwrap()
            + "terms: {\"\": x}\n";
    write(&nest.project(), "content/editions/blank.yaml", &edition);
    let target = nest.out().join("g.pdf");
    let stderr = nest.fails_writing_nothing(
        &[
            "render",
            "handout",
            "glossary",
            "--edition",
            "blank",
            "-o",
            target.to_str().unwrap(),
        ],
        "content/editions/blank.yaml:",
    );
    assert!(stderr.contains("the term `` is empty"), "{stderr}");
}

/// 40,000 bad ids: each diagnostic shares the file's text, and only the first are shown.
#[test]
fn forty_thousand_bad_ids_are_reported_briefly_within_a_memory_cap() {
    let nest = Nest::new();
    let mut file = String::from(
        "source: nimhe-2004\ntitle: \"Key Terms\"\nintro: {id: intro, text: \"x\"}\nterms:\n",
    );
    for n in 0..40_000 {
        file.push_str(&format!("  - {{id: Bad_{n}, title: \"T\", text: \"x\"}}\n"));
    }
    write(&nest.project(), "content/model/key-terms.yaml", &file);
    let project = nest.project();
    let output = hopeprint_capped(
        nest.root(),
        &["-C", project.to_str().unwrap(), "check", "--quiet"],
        1024,
        120,
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("content/model/key-terms.yaml:5:"),
        "{stderr:.2000}"
    );
    let more = stderr
        .lines()
        .find_map(|l| l.strip_prefix("… and ")?.strip_suffix(" more"))
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or_else(|| panic!("no `… and N more` line:\n{stderr:.2000}"));
    assert!(more >= 39_950, "{more}");
    assert!(
        stderr.lines().count() < 2_000,
        "{} lines",
        stderr.lines().count()
    );
}

/// An A0 poster at 1200 dpi would need a 9 GB pixmap: refused before drawing, with the
/// resolution that fits.
#[test]
fn a_png_too_large_to_draw_is_refused_with_a_lower_dpi_within_a_memory_cap() {
    let nest = Nest::new();
    let target = nest.out().join("poster.png");
    let stderr = nest.fails_writing_nothing(
        &[
            "render",
            "poster",
            "--level",
            "1",
            "--paper",
            "a0",
            "--format",
            "png",
            "--dpi",
            "1200",
            "-o",
            target.to_str().unwrap(),
        ],
        "more than the limit of 150 million",
    );
    assert!(stderr.contains("hint: lower --dpi to"), "{stderr}");
}

/// A layout that loops ten billion times is stopped at the time limit, naming the document.
#[test]
fn a_layout_that_loops_without_end_is_stopped_at_the_time_limit() {
    let nest = Nest::new();
    write(
        &nest.project(),
        "layouts/glossary.typ.j2",
        "#for i in range(100000) { for j in range(100000) { } }\n",
    );
    let target = nest.earlier();
    let started = Instant::now();
    let stderr = nest.fails_writing_nothing(
        &[
            "render",
            "handout",
            "glossary",
            "-o",
            target.to_str().unwrap(),
        ],
        "typesetting key-terms.typ took longer than 15 s, so it was stopped",
    );
    assert!(stderr.contains("HOPEPRINT_TIME_LIMIT"), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(TIME_LIMIT + 30));
}

/// A layout that makes thousands of pages is refused before export.
#[test]
fn a_layout_that_makes_more_pages_than_the_limit_is_refused() {
    let nest = Nest::new();
    write(
        &nest.project(),
        "layouts/glossary.typ.j2",
        "#for i in range(5001) { [#i #pagebreak()] }\n",
    );
    let target = nest.earlier();
    nest.fails_writing_nothing(
        &[
            "render",
            "handout",
            "glossary",
            "-o",
            target.to_str().unwrap(),
        ],
        "key-terms.typ has 5002 pages, more than the limit of 5000",
    );
}

/// A bilingual edition whose translation covers `n` added statements of one cell.
fn bilingual_project(n: usize) -> tempfile::TempDir {
    let dir = common::temp_project();
    let sample = common::manifest_dir().join("tests/fixtures/editions/welsh-sample/content");
    for file in ["editions/cy-sample.yaml", "labels/cy.yaml"] {
        let text = std::fs::read_to_string(sample.join(file)).unwrap();
        write(dir.path(), &format!("content/{file}"), &text);
    }
    let level = "content/model/levels/1-dependent-unaware.yaml";
    let mut added = String::new();
    let mut translated = std::fs::read_to_string(sample.join("translations/cy.yaml")).unwrap();
    for i in 0..n {
        added.push_str(&format!(
            "      - id: extra-{i}\n        text: \"Extra {i}\"\n"
        ));
        translated.push_str(&format!(
            "  - ref: dependent-unaware/clinical-care/status/extra-{i}\n    source: \"Extra {i}\"\n    text: \"Ychwanegol {i}\"\n"
        ));
    }
    let text = std::fs::read_to_string(common::manifest_dir().join(level)).unwrap();
    write(
        dir.path(),
        level,
        &text.replacen("    status:\n", &format!("    status:\n{added}"), 1),
    );
    write(dir.path(), "content/translations/cy.yaml", &translated);
    dir
}

/// Seconds `check` takes on `project`.
fn check_seconds(project: &Path) -> f64 {
    let started = Instant::now();
    let output = hopeprint_capped(project, &["-C", ".", "check", "--quiet"], 4096, 120);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cy-sample"), "{stderr}");
    started.elapsed().as_secs_f64()
}

/// Eight times the statements take about eight times as long (a quadratic check took
/// sixty-four times as long): 40,000 against 5,000, with room for a busy machine.
#[test]
fn the_bilingual_check_takes_time_linear_in_the_statements() {
    let (small, large) = (bilingual_project(5_000), bilingual_project(40_000));
    let small = check_seconds(small.path());
    let large = check_seconds(large.path());
    eprintln!("5,000: {small:.2} s, 40,000: {large:.2} s");
    assert!(
        large < small * 16.0,
        "5,000: {small:.2} s, 40,000: {large:.2} s"
    );
}

/// Text no font can print (here Chinese, with only Noto Sans) is warned about, naming
/// the character, the text around it and fonts/.
#[test]
fn a_character_no_font_has_is_warned_about_with_its_text() {
    let nest = Nest::new();
    let edition =
        std::fs::read_to_string(common::manifest_dir().join("content/editions/nimhe-uk.yaml"))
            .unwrap()
            .replace(
                "title: \"Emerging Best Practices in Mental Health Recovery\"",
                "title: \"Recovery 康复\"",
            );
    assert!(edition.contains("康复"));
    write(&nest.project(), "content/editions/zh.yaml", &edition);
    let target = nest.out().join("g.pdf");
    let project = nest.project();
    let output = common::hopeprint(&[
        "-C",
        project.to_str().unwrap(),
        "render",
        "handout",
        "glossary",
        "--edition",
        "zh",
        // PDF/A (the default) refuses such text at export; without it, it prints as boxes.
        "--pdf-standard",
        "none",
        "-o",
        target.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("no font has a glyph for “康” (U+5EB7)") && stderr.contains("fonts/"),
        "{stderr}"
    );
}

/// A cell of 100,000 statements took gigabytes to typeset: it is refused at its line.
#[test]
fn a_cell_of_a_hundred_thousand_statements_is_refused_within_a_memory_cap() {
    let nest = Nest::new();
    let level = "content/model/levels/1-dependent-unaware.yaml";
    let text = std::fs::read_to_string(common::manifest_dir().join(level)).unwrap();
    let added: String = (0..100_000)
        .map(|i| format!("      - {{id: x{i}, text: \"x\"}}\n"))
        .collect();
    let text = text.replacen("    status:\n", &format!("    status:\n{added}"), 1);
    write(&nest.project(), level, &text);
    let target = nest.earlier();
    let stderr = nest.fails_writing_nothing(
        &[
            "render",
            "poster",
            "--level",
            "1",
            "-o",
            target.to_str().unwrap(),
        ],
        "1-dependent-unaware.yaml:10:5",
    );
    assert!(
        stderr.contains("has 100007 statements, more than the limit of 500"),
        "{stderr:.2000}"
    );
}

/// Patches can add statements to a cell: their number is bounded, at the first one over.
#[test]
fn an_edition_with_more_patches_than_the_limit_is_refused_at_the_first_over_it() {
    let nest = Nest::new();
    let mut edition =
        std::fs::read_to_string(common::manifest_dir().join("content/editions/nimhe-uk.yaml"))
            .unwrap()
            + "patches:\n";
    for i in 0..5_001 {
        edition.push_str(&format!(
            "  - {{add: dependent-aware/stigma/status, id: added-{i}, text: \"x\"}}\n"
        ));
    }
    let lines_before = edition.lines().count() - 5_001;
    write(&nest.project(), "content/editions/many.yaml", &edition);
    let target = nest.earlier();
    nest.fails_writing_nothing(
        &[
            "render",
            "handout",
            "glossary",
            "--edition",
            "many",
            "-o",
            target.to_str().unwrap(),
        ],
        &format!("content/editions/many.yaml:{}:", lines_before + 5_001),
    );
}

/// A layout that asks Typst for gigabytes at once (an array of a billion numbers) ends
/// with an error at the memory limit, not an abort.
#[test]
fn a_layout_that_asks_for_gigabytes_ends_with_an_error_not_an_abort() {
    let nest = Nest::new();
    write(
        &nest.project(),
        "layouts/glossary.typ.j2",
        "#for i in range(1000000000) { }\n",
    );
    let target = nest.earlier();
    nest.fails_writing_nothing(
        &[
            "render",
            "handout",
            "glossary",
            "-o",
            target.to_str().unwrap(),
        ],
        "hopeprint needs more memory than its limit for this, and stops",
    );
}

/// `--copies 500` of a document of 31 pages would be 15,500 pages (of one of 4,999, two and
/// a half million, which took all memory): refused before copying, naming the document.
#[test]
fn copies_past_ten_thousand_pages_are_refused_naming_the_document_within_a_memory_cap() {
    let nest = Nest::new();
    write(
        &nest.project(),
        "layouts/glossary.typ.j2",
        "#for i in range(30) { [#i #pagebreak()] }\n",
    );
    let target = nest.earlier();
    nest.fails_writing_nothing(
        &[
            "render",
            "handout",
            "glossary",
            "--copies",
            "500",
            "-o",
            target.to_str().unwrap(),
        ],
        "key-terms in 500 copies would have 15500 pages, more than the limit of 10000",
    );
}

/// A pack's copies are bounded at their line (200 copies for 500 participants were
/// 100,000 copies), and a pack of more than 10,000 pages is refused naming its file.
#[test]
fn a_pack_of_too_many_copies_is_refused_naming_its_file_within_a_memory_cap() {
    let nest = Nest::new();
    let pack = std::fs::read_to_string(
        common::manifest_dir().join("content/packs/partners-in-recovery.yaml"),
    )
    .unwrap();
    let line = "{kind: self-inventory, per: participant}";
    assert!(pack.contains(line));
    let many = pack.replace(
        line,
        "{kind: self-inventory, per: participant, copies: 200}",
    );
    write(&nest.project(), "many.yaml", &many);
    let at = many
        .lines()
        .position(|l| l.contains("copies: 200"))
        .unwrap()
        + 1;
    let target = nest.out().join("pack.pdf");
    let stderr = nest.fails_writing_nothing(
        &[
            "pack",
            "many.yaml",
            "--participants",
            "500",
            "-o",
            target.to_str().unwrap(),
        ],
        &format!("many.yaml:{at}:"),
    );
    assert!(stderr.contains("`200` is not between 1 and 10"), "{stderr}");
    let pages = pack.replace(
        line,
        "{kind: level-sheet, level: 1, per: participant, copies: 10}",
    );
    write(&nest.project(), "pages.yaml", &pages);
    nest.fails_writing_nothing(
        &[
            "pack",
            "pages.yaml",
            "--participants",
            "500",
            "-o",
            target.to_str().unwrap(),
        ],
        "pages.yaml: the pack would have more than 10000 pages",
    );
}

/// A template that loops a hundred million times runs out of minijinja's fuel, at the
/// loop's line, well within the time limit.
#[test]
fn a_template_that_loops_a_hundred_million_times_runs_out_of_fuel_at_its_line() {
    let nest = Nest::new();
    write(
        &nest.project(),
        "layouts/glossary.typ.j2",
        "#import \"theme.typ\": *\n{% for x in range(10000) %}{% for y in range(10000) %}{% endfor %}{% endfor %}\n",
    );
    let target = nest.earlier();
    let started = Instant::now();
    let stderr = nest.fails_writing_nothing(
        &[
            "render",
            "handout",
            "glossary",
            "-o",
            target.to_str().unwrap(),
        ],
        "layouts/glossary.typ.j2:2:",
    );
    assert!(stderr.contains("ran out of fuel"), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(TIME_LIMIT));
}
