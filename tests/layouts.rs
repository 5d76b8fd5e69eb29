//! The generated Typst (the logic hopeprint owns) as snapshots, poster fitting, overflow
//! errors, and user layouts that extend the built-in ones.

use crate::common::*;
use hopeprint::document::spec::SpecFields;
use hopeprint::document::{Kind, NameOrNumber, Request};
use hopeprint::project::Project;
use hopeprint::typeset::PdfStandard;

fn source_of(project: &Project, request: &Request) -> String {
    typeset(project, request, &settings())
        .unwrap_or_else(|e| panic!("{e}"))
        .1
        .source
}

#[test]
fn generated_typst_of_small_documents_matches_its_snapshots() {
    for kind in [Kind::DiscussionQuestions, Kind::Principles] {
        let source = source_of(&built_in(), &request(kind));
        insta::assert_snapshot!(format!("typst-{}", kind.id()), source);
    }
}

/// The level 2 file with `extra` statements added to one cell.
fn project_with_extra_statements(extra: usize, words: usize) -> tempfile::TempDir {
    let path = "content/model/levels/2-dependent-aware.yaml";
    let original = built_in()
        .read(path)
        .unwrap()
        .unwrap()
        .text()
        .unwrap()
        .to_string();
    let mut added = String::new();
    for i in 0..extra {
        let text = (0..words)
            .map(|w| format!("word{w}"))
            .collect::<Vec<_>>()
            .join(" ");
        added.push_str(&format!(
            "      - id: added-{i}\n        text: \"Added statement {i} {text}\"\n"
        ));
    }
    let marker = "    clinician-roles:\n";
    let at = original.find(marker).unwrap() + marker.len();
    let changed = format!("{}{}{}", &original[..at], added, &original[at..]);
    let dir = temp_project();
    write(dir.path(), path, &changed);
    dir
}

fn level_2_poster() -> Request {
    with_fields(SpecFields {
        level: Some(NameOrNumber::Number(2)),
        ..SpecFields::of(Kind::LevelPoster)
    })
}

#[test]
fn a_poster_with_somewhat_too_much_text_shrinks_to_fit_one_page() {
    let (_, normal) = typeset(&built_in(), &level_2_poster(), &settings()).unwrap();
    let dir = project_with_extra_statements(6, 12);
    let (_, crowded) = typeset(&Project::new(dir.path()), &level_2_poster(), &settings()).unwrap();
    assert_eq!(crowded.pages.pages().len(), 1, "still one page");
    assert!(
        crowded.size < normal.size,
        "the type shrank: {} < {}",
        crowded.size,
        normal.size
    );
    assert!(
        crowded.size >= 12.0,
        "but not below the A1 floor: {}",
        crowded.size
    );
}

/// The poster's source with its fitting search starting (and its largest size) at `size`.
fn starting_at(source: &str, size: f64) -> String {
    source
        .lines()
        .map(|line| match line.trim_start().split(':').next() {
            Some("size") => format!("  size: {size:.2}pt,"),
            Some("fit-first") => format!("  fit-first: {size:.2}pt,"),
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_fitted_poster_has_the_largest_type_that_fits_to_within_four_percent() {
    let ts = hopeprint::typeset::Typesetter::new(&built_in(), false).unwrap();
    for request in [
        level_2_poster(),
        with_fields(SpecFields {
            component: Some("peer-support".into()),
            ..SpecFields::of(Kind::ComponentPoster)
        }),
    ] {
        let (doc, fitted) = typeset(&built_in(), &request, &settings()).unwrap();
        assert_eq!(fitted.pages.pages().len(), 1);
        assert!(fitted.source.contains("fit-floor:"), "{}", doc.name);
        // (pages, size chosen) when the search may go no larger than `size`.
        let from = |size: f64| {
            let compiled = ts
                .compile("check.typ", &starting_at(&fitted.source, size), date())
                .unwrap()
                .document;
            let chosen = hopeprint::render::fitted_size(&compiled).unwrap();
            (compiled.pages().len(), chosen)
        };
        let (pages, chosen) = from(fitted.size);
        assert_eq!(pages, 1, "{}: the chosen size fits", doc.name);
        assert!(
            (chosen - fitted.size).abs() < 0.01,
            "{}: and is kept",
            doc.name
        );
        // A poster with little text stops at its start size (the same on every poster
        // of a paper, so a set looks alike); only below it must it fill the page.
        let hopeprint::document::page::Fit::OnePage { start, .. } = doc.fit else {
            panic!("{} is a poster", doc.name)
        };
        if fitted.size >= start - 0.01 {
            continue;
        }
        let (pages, chosen) = from(fitted.size * 1.04);
        assert_eq!(pages, 1, "{}", doc.name);
        assert!(
            chosen < fitted.size * 1.04 - 0.01,
            "{}: 4% larger than {} pt does not fit",
            doc.name,
            fitted.size
        );
    }
}

#[test]
fn a_poster_with_far_too_much_text_fails_naming_the_cell() {
    let dir = project_with_extra_statements(120, 30);
    let error = typeset(&Project::new(dir.path()), &level_2_poster(), &settings())
        .err()
        .expect("an overflow error");
    assert!(
        error.contains("level-2-dependent-aware-poster does not fit on one A1 page"),
        "{error}"
    );
    assert!(error.contains("12.0 pt"), "{error}");
    assert!(
        error.contains("Clinicians' Roles / Clinical Care"),
        "the overflowing cell is named: {error}"
    );
}

#[test]
fn a_user_layout_can_extend_a_built_in_one_and_change_one_block() {
    let dir = temp_project();
    write(
        dir.path(),
        "layouts/level-poster.typ.j2",
        "{% extends \"builtin/level-poster.typ.j2\" %}\n{% block header %}\n= Our trust heading, our way\n{% endblock %}\n",
    );
    let project = Project::new(dir.path());
    let (doc, typeset) = typeset(&project, &level_2_poster(), &settings()).unwrap();
    let text = pdf_text(&pdf(&typeset, &doc.name, PdfStandard::Default).unwrap());
    assert!(text.contains("Our trust heading, our way"), "{text}");
    assert!(
        text.contains("Depends on professional care"),
        "the rest of the built-in layout is kept"
    );
}

#[test]
fn a_layout_cannot_read_files_outside_the_project() {
    for (body, what) in [
        ("#read(\"/etc/passwd\")", "/etc/passwd"),
        ("#image(\"../../x.png\")", "../../x.png"),
        (
            "#import \"@preview/anything:0.1.0\": *",
            "packages are not available",
        ),
    ] {
        let dir = temp_project();
        write(
            dir.path(),
            "layouts/glossary.typ.j2",
            &format!("#import \"theme.typ\": *\n{body}\n"),
        );
        let error = typeset(
            &Project::new(dir.path()),
            &request(Kind::Glossary),
            &settings(),
        )
        .err()
        .expect("refused");
        assert!(error.contains("typesetting failed"), "{what}: {error}");
        assert!(
            !error.contains("root:x:0:0"),
            "{what}: the file was read: {error}"
        );
        if what.starts_with("packages") {
            assert!(error.contains(what), "{error}");
        }
    }
}

#[test]
fn a_typst_error_in_a_layout_names_the_file_and_line() {
    let dir = temp_project();
    write(dir.path(), "layouts/theme.typ", "#let broken = (\n");
    let error = typeset(
        &Project::new(dir.path()),
        &request(Kind::Glossary),
        &settings(),
    )
    .err()
    .expect("an error");
    assert!(error.contains("layouts/theme.typ:"), "{error}");
}

#[test]
fn a_template_error_in_a_layout_names_the_file_and_line() {
    let dir = temp_project();
    write(
        dir.path(),
        "layouts/glossary.typ.j2",
        "line one\n{% for x in %}\n",
    );
    let error = typeset(
        &Project::new(dir.path()),
        &request(Kind::Glossary),
        &settings(),
    )
    .err()
    .expect("an error");
    assert!(error.contains("layouts/glossary.typ.j2:2"), "{error}");
}

#[test]
fn a_misspelt_block_in_a_layout_extending_a_built_in_one_is_warned_about_at_its_line() {
    let dir = temp_project();
    write(
        dir.path(),
        "layouts/glossary.typ.j2",
        "{% extends \"builtin/glossary.typ.j2\" %}\n{% block hedaer %}x{% endblock %}\n",
    );
    let project = dir.path().to_str().unwrap();
    let pdf = dir.path().join("g.pdf");
    for args in [
        vec!["-C", project, "check", "--quiet"],
        vec![
            "-C",
            project,
            "render",
            "handout",
            "glossary",
            "-o",
            pdf.to_str().unwrap(),
        ],
    ] {
        let output = hopeprint(&args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "a warning, not an error: {stderr}");
        assert!(
            stderr.contains("warning: the built-in layout `glossary.typ.j2` has no block `hedaer`"),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains("layouts/glossary.typ.j2:2:10"), "{stderr}");
    }
    write(
        dir.path(),
        "layouts/glossary.typ.j2",
        "{% extends \"builtin/glossary.typ.j2\" %}\n",
    );
    let output = hopeprint(&["-C", project, "check", "--quiet"]);
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
