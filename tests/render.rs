//! Rendering: every document kind comes out as a PDF of the right size and pages, with
//! its statements in the text; posters fit one page; press and accessibility variants.

use crate::common::*;
use hopeprint::document::spec::SpecFields;
use hopeprint::document::{Kind, NameOrNumber, PrintOptions, Request};
use hopeprint::paper::Paper;
use hopeprint::typeset::PdfStandard;

/// Renders `request` with the built-in content; returns the PDF bytes and the body size.
fn render(request: &Request) -> (Vec<u8>, f64, String) {
    let (doc, typeset) =
        typeset(&built_in(), request, &settings()).unwrap_or_else(|e| panic!("{e}"));
    let bytes = pdf(&typeset, &doc.name, PdfStandard::Default).unwrap();
    (bytes, typeset.size, doc.name)
}

fn assert_contains(text: &str, needles: &[&str]) {
    for needle in needles {
        assert!(text.contains(needle), "`{needle}` is not in the PDF text");
    }
}

#[test]
fn level_poster_is_one_a1_landscape_page_with_its_statements() {
    let (bytes, size, name) = render(&level_request(Kind::LevelPoster, 1));
    let facts = facts(&bytes);
    assert_eq!(facts.pages, 1);
    assert!(
        (facts.media_box[2] - 841.0 * MM).abs() < 1.0
            && (facts.media_box[3] - 594.0 * MM).abs() < 1.0,
        "{:?}",
        facts.media_box
    );
    assert!(
        size >= 12.0,
        "an A1 poster's body must stay at or above 12 pt, got {size}"
    );
    assert_eq!(name, "level-1-dependent-unaware-poster");
    assert_eq!(
        facts.title.as_deref(),
        Some("Mental Health Recovery Process — Level 1: Dependent / Unaware")
    );
    let text = pdf_text(&bytes);
    assert_contains(
        &text,
        &[
            "Cannot identify personal needs",
            "May have lost contact with peers",
            "Community Supports' Roles",
        ],
    );
}

#[test]
fn best_practices_poster_shows_the_practices_table() {
    let request = with_fields(SpecFields {
        level: Some(NameOrNumber::Number(4)),
        practices: true,
        ..SpecFields::of(Kind::LevelPoster)
    });
    let (bytes, _, name) = render(&request);
    assert_eq!(facts(&bytes).pages, 1);
    assert_eq!(name, "level-4-interdependent-aware-best-practices-poster");
    assert_contains(
        &pdf_text(&bytes),
        &[
            "Clinicians' Best Practices",
            "Reviews journal to determine progress",
        ],
    );
}

#[test]
fn component_poster_has_the_four_levels_as_columns() {
    let request = with_fields(SpecFields {
        component: Some("peer-support".into()),
        ..SpecFields::of(Kind::ComponentPoster)
    });
    let (bytes, _, _) = render(&request);
    assert_eq!(facts(&bytes).pages, 1);
    assert_contains(
        &pdf_text(&bytes),
        &[
            "Level 1: Dependent / Unaware",
            "Level 2: Dependent / Aware",
            "Level 3: Independent / Aware",
            "Level 4: Interdependent / Aware",
            "Cultivates reciprocal relationships",
        ],
    );
}

#[test]
fn sheets_are_a4_and_run_over_several_pages() {
    let cases = [
        (
            level_request(Kind::LevelSheet, 2),
            "Depends on professional care",
        ),
        (
            with_fields(SpecFields {
                role: Some("clinicians".into()),
                ..SpecFields::of(Kind::RoleSheet)
            }),
            "Demonstrates hope and achievement when interacting with the person",
        ),
        (
            with_fields(SpecFields {
                component: Some("stigma".into()),
                ..SpecFields::of(Kind::ComponentSheet)
            }),
            "May internalise stereotypes of people with mental illness",
        ),
    ];
    for (request, sample) in cases {
        let (bytes, size, name) = render(&request);
        let facts = facts(&bytes);
        assert!(facts.pages > 1, "{name} has {} pages", facts.pages);
        assert!(
            (facts.media_box[2] - 210.0 * MM).abs() < 1.0,
            "{name} is not A4 wide"
        );
        assert!(size >= 11.0, "{name}: body {size} pt");
        assert_contains(&pdf_text(&bytes), &[sample, "Page 1 of"]);
    }
}

#[test]
fn every_handout_renders_with_its_content() {
    let cases = [
        (Kind::Principles, "Principle XII"),
        (Kind::Glossary, "Self-reliant Model"),
        (Kind::Capabilities, "What I will try"),
        (Kind::CollaborativePartnerships, "Good leadership"),
        (Kind::FurtherReading, "Making Recovery a Reality"),
        (
            Kind::FacilitatorGuide,
            "Do I include patients in the treatment planning process?",
        ),
        (Kind::SelfInventory, "Do I show patients respect?"),
        (
            Kind::DiscussionQuestions,
            "What types of communication helped or hindered your relationships with patients?",
        ),
    ];
    for (kind, sample) in cases {
        let (bytes, _, name) = render(&request(kind));
        assert!(bytes.starts_with(b"%PDF"), "{name}");
        assert_contains(&pdf_text(&bytes), &[sample]);
    }
    let (bytes, _, _) = render(&request(Kind::Principles));
    assert_eq!(facts(&bytes).pages, 1, "the principles poster is one page");
}

#[test]
fn paper_and_orientation_are_honoured_with_type_scaled() {
    let letter = Request {
        print: PrintOptions {
            paper: Some(Paper::Letter),
            landscape: Some(true),
            ..PrintOptions::default()
        },
        ..level_request(Kind::LevelSheet, 1)
    };
    let (bytes, size, _) = render(&letter);
    let facts = facts(&bytes);
    assert!(
        (facts.media_box[2] - 11.0 * 72.0).abs() < 1.0
            && (facts.media_box[3] - 8.5 * 72.0).abs() < 1.0,
        "{:?}",
        facts.media_box
    );
    assert!(
        (12.0..13.0).contains(&size),
        "handout type on Letter: {size}"
    );
    let a0 = Request {
        print: PrintOptions {
            paper: Some(Paper::A0),
            ..PrintOptions::default()
        },
        ..level_request(Kind::LevelPoster, 2)
    };
    let (bytes, a0_size, _) = render(&a0);
    assert_eq!(crate::common::facts(&bytes).pages, 1);
    let (_, a1_size, _) = render(&level_request(Kind::LevelPoster, 2));
    assert!(
        a0_size > a1_size * 1.3,
        "type scales with the paper: A0 {a0_size} vs A1 {a1_size}"
    );
}

#[test]
fn large_print_sets_body_at_sixteen_points_or_more() {
    let request = Request {
        print: PrintOptions {
            large_print: true,
            ..PrintOptions::default()
        },
        ..request(Kind::SelfInventory)
    };
    let (bytes, size, name) = render(&request);
    assert!(size >= 16.0);
    assert!(name.ends_with("-large-print"));
    assert_contains(
        &pdf_text(&bytes),
        &["Do I believe that my patients can improve and recover?"],
    );
}

#[test]
fn press_variant_has_a_trim_box_inside_the_bleed() {
    let press = hopeprint::document::Settings {
        bleed_mm: 3.0,
        crop_marks: true,
        ..settings()
    };
    let (doc, typeset) =
        typeset(&built_in(), &level_request(Kind::LevelPoster, 3), &press).unwrap();
    let bytes = pdf(&typeset, &doc.name, PdfStandard::Default).unwrap();
    let facts = facts(&bytes);
    let trim = facts.trim_box.expect("a TrimBox");
    let trim_width = trim[2] - trim[0];
    let media_width = facts.media_box[2] - facts.media_box[0];
    assert!(
        (trim_width - 841.0 * MM).abs() < 1.0,
        "trim is the A1 page: {trim:?}"
    );
    assert!(
        media_width > trim_width + 2.0 * 3.0 * MM,
        "media box includes the bleed and the marks: {media_width} vs {trim_width}"
    );
}

#[test]
fn the_same_inputs_give_byte_identical_pdfs() {
    let request = level_request(Kind::LevelSheet, 4);
    let (first, _, _) = render(&request);
    let (second, _, _) = render(&request);
    assert!(first == second, "two renders differ");
}

#[test]
fn every_built_in_document_passes_the_default_pdf_ua_1_with_a_2a_and_pdf_a_2b() {
    let env = hopeprint::layout::environment(&built_in());
    let documents = every_built_in_document();
    assert!(
        documents.len() > 70,
        "both editions' catalogues: {}",
        documents.len()
    );
    for (ts, settings, library, request) in documents {
        let doc = hopeprint::document::resolve_request(&library, &request, &settings).unwrap();
        let typeset =
            hopeprint::render::typeset(&ts, &env, &doc, date()).unwrap_or_else(|e| panic!("{e}"));
        for standard in [PdfStandard::Default, PdfStandard::A2b] {
            let result = pdf(&typeset, &doc.name, standard);
            assert!(
                result.is_ok(),
                "{} fails {standard:?}: {}",
                doc.name,
                result.unwrap_err()
            );
        }
    }
}

#[test]
fn png_output_gives_one_image_per_page() {
    let (_, typeset) = typeset(&built_in(), &request(Kind::SelfInventory), &settings()).unwrap();
    let pages = hopeprint::typeset::png(&typeset.pages, 30.0).unwrap();
    assert_eq!(pages.len(), typeset.pages.pages().len());
    assert!(pages.iter().all(|p| p.starts_with(b"\x89PNG")));
}

#[test]
fn wording_supplied_from_ohio_is_marked_and_explained_once_only_where_printed() {
    let (level_1, _, _) = render(&level_request(Kind::LevelSheet, 1));
    let text = pdf_text(&level_1);
    let note = "Wording supplied from the Ohio original where the NIMHE text is damaged";
    assert!(text.contains('\u{2020}'), "the mark is printed on level 1");
    assert_eq!(
        text.matches(note).count(),
        1,
        "level 1 explains the mark once"
    );
    let (level_3, _, _) = render(&level_request(Kind::LevelSheet, 3));
    let text = pdf_text(&level_3);
    assert!(
        !text.contains('\u{2020}') && !text.contains(note),
        "level 3 has no supplied wording"
    );
}
