//! Editions: the Ohio US edition prints Ohio's own Peer Support wording and US terms; an
//! edition's patches, identity and look reach the PDFs; bad editions get clear errors.

use crate::common::*;
use hopeprint::catalog::Catalog;
use hopeprint::content::Library;
use hopeprint::document::resolve_request;
use hopeprint::document::spec::SpecFields;
use hopeprint::document::{Kind, NameOrNumber, Request};
use hopeprint::edition;
use hopeprint::layout;
use hopeprint::project::Project;
use hopeprint::render;
use hopeprint::typeset::PdfStandard;
use hopeprint::typeset::Typesetter;

/// Renders `request` as edition `id` of `project`; returns the PDF's text and page size.
fn render_edition(project: &Project, id: &str, request: &Request) -> (String, [f32; 4]) {
    let base = Library::load_checked(project).unwrap();
    let catalog = Catalog::load(project).unwrap();
    let loaded = edition::load(project, id).unwrap_or_else(|d| panic!("{d}"));
    let library = edition::apply(project, &base, &loaded).unwrap_or_else(|d| panic!("{d:?}"));
    let settings = catalog.settings_for(loaded.clone(), 0.0, false);
    let doc = resolve_request(&library, request, &settings).unwrap();
    let ts = Typesetter::new(project, false)
        .unwrap()
        .with_inputs(&loaded.typst_inputs());
    let typeset = render::typeset(&ts, &layout::environment(project), &doc, date())
        .unwrap_or_else(|d| panic!("{d}"));
    let bytes = pdf(&typeset, &doc.name, PdfStandard::Default).unwrap();
    (pdf_text(&bytes), facts(&bytes).media_box)
}

fn peer_support_sheet() -> Request {
    with_fields(SpecFields {
        component: Some("peer-support".into()),
        ..SpecFields::of(Kind::ComponentSheet)
    })
}

#[test]
fn ohio_us_prints_every_peer_support_statement_in_ohio_wording() {
    let project = built_in();
    let library = Library::load(&project).unwrap();
    let (text, size) = render_edition(&project, "ohio-us", &peer_support_sheet());
    let mut count = 0;
    for rows in library.ohio.cells.values() {
        for items in rows.values() {
            for item in items {
                // A line may break after a hyphen or a slash ("self- disclosure", "social/
                // recreational" in the extracted text).
                let unbroken = |s: &str| squash(s).replace("- ", "-").replace("/ ", "/");
                assert!(
                    unbroken(&text).contains(&unbroken(item.text())),
                    "missing from the ohio-us PDF: {}",
                    item.text()
                );
                count += 1;
            }
        }
    }
    assert_eq!(count, 125);
    assert!((size[2] - 612.0).abs() < 1.0, "US Letter sheets: {size:?}");
}

#[test]
fn ohio_us_says_consumer_where_nimhe_uk_says_person() {
    let project = built_in();
    let level_sheet = with_fields(SpecFields {
        level: Some(NameOrNumber::Number(2)),
        ..SpecFields::of(Kind::LevelSheet)
    });
    let (uk, uk_size) = render_edition(&project, "nimhe-uk", &level_sheet);
    let (us, _) = render_edition(&project, "ohio-us", &level_sheet);
    assert!(uk.contains("Person's Status") && !uk.contains("Consumer's Status"));
    assert!(us.contains("Consumer's Status") && !us.contains("Person's Status"));
    assert!(
        uk.contains("Educates the person about mental illness & recovery"),
        "UK wording"
    );
    assert!(
        us.contains("Educates the consumer about mental illness & recovery"),
        "US term"
    );
    assert!(
        (uk_size[2] - 210.0 * MM).abs() < 1.0,
        "A4 sheets in the UK edition"
    );
    assert!(
        us.contains("Ohio Department of Mental Health, Office of Consumer Services"),
        "the edition's organisation is printed"
    );
}

#[test]
fn edition_diff_lists_every_substitution() {
    let project = built_in();
    let base = Library::load(&project).unwrap();
    let loaded = edition::load(&project, "ohio-us").unwrap();
    let edited = edition::apply(&project, &base, &loaded).unwrap();
    let changes = edition::diff(&base, &edited);
    // Every base statement that contains a term appears as a change.
    let terms = edition::Terms::new(&loaded.edition.terms);
    for statement in base.statements() {
        let text = statement.item.text();
        if terms.replace(text) != text && statement.cell.is_some_and(|c| c.1 != "peer-support") {
            assert!(
                changes.iter().any(|(r, _, _)| r == &statement.reference),
                "{} is not in the diff",
                statement.reference
            );
        }
    }
    insta::assert_snapshot!(
        "edition-diff-ohio-us",
        hopeprint::commands::edition::render_diff(&changes)
    );
}

/// The base content and its `id` edition.
fn edited(id: &str) -> (Library, Library) {
    let project = built_in();
    let base = Library::load(&project).unwrap();
    let loaded = edition::load(&project, id).unwrap_or_else(|d| panic!("{d}"));
    let edited = edition::apply(&project, &base, &loaded).unwrap_or_else(|d| panic!("{d:?}"));
    (base, edited)
}

/// Every statement's title and text, each with its reference.
fn statement_texts(library: &Library) -> Vec<(String, String)> {
    library
        .statements()
        .iter()
        .flat_map(|s| {
            [s.item.title.as_deref(), s.item.text.as_deref()]
                .into_iter()
                .flatten()
                .map(|t| (s.reference.clone(), t.to_string()))
        })
        .collect()
}

#[test]
fn ohio_us_never_says_advance_or_advanced_agreements() {
    let says_agreements = |t: &str| {
        let t = t.to_lowercase();
        t.contains("advance agreements") || t.contains("advanced agreements")
    };
    let (base, ohio) = edited("ohio-us");
    let in_base = statement_texts(&base)
        .into_iter()
        .filter(|(_, t)| says_agreements(t))
        .count();
    assert!(in_base >= 10, "the base text says it {in_base} times");
    let left: Vec<_> = statement_texts(&ohio)
        .into_iter()
        .filter(|(_, t)| says_agreements(t))
        .collect();
    assert!(
        left.is_empty(),
        "the ohio-us edition still prints: {left:#?}"
    );
}

#[test]
fn ohio_us_maps_advance_agreements_to_the_ohio_pages_directives() {
    let project = built_in();
    let loaded = edition::load(&project, "ohio-us").unwrap();
    let terms = edition::Terms::new(&loaded.edition.terms);
    for (uk, us) in [
        (
            "Teaches the person about Mental Health Advanced Agreements & processes involved",
            "Teaches the consumer about Mental Health Directives & processes involved",
        ),
        (
            "and relapse prevention and Advance Agreements",
            "and relapse prevention and Advance Directives",
        ),
        (
            "Supports the person to use personal Wellness Recovery Action Plan and Advanced Agreements as necessary",
            "Supports the consumer to use personal Relapse Prevention Plan and Advance Directives as necessary",
        ),
    ] {
        assert_eq!(terms.replace(uk), us);
    }
}

#[test]
fn level_2_peer_support_community_roles_are_not_the_clinical_care_cell() {
    let (_, uk) = edited("nimhe-uk");
    let texts = |component| -> Vec<&str> {
        uk.cell("dependent-aware", component, "community-roles")
            .iter()
            .map(|i| i.text())
            .collect()
    };
    let peer_support = texts("peer-support");
    assert!(!peer_support.is_empty());
    assert_ne!(peer_support, texts("clinical-care"));
    let copied: Vec<&&str> = peer_support
        .iter()
        .filter(|t| texts("clinical-care").contains(t))
        .collect();
    assert!(
        copied.is_empty(),
        "Clinical Care statements in the Peer Support cell: {copied:?}"
    );
}

const TRUST: &str = r##"name: "Test trust edition"
title: "Recovery at Test Trust"
organisation: "Test NHS Foundation Trust"
logo: {path: "assets/logo.svg", alt: "Test Trust logo"}
version: "Trust edition 2"
date: "2026-03-04"
attribution: "Adapted by Test NHS Foundation Trust."
look:
  accent: "#005eb8"
  levels: ["#8a1538", "cmyk(0%, 70%, 100%, 40%)", "#00703c", "#003087"]
patches:
  - replace: dependent-aware/stigma/status/feels-misunderstood
    text: "Feels misunderstood by others"
  - remove: dependent-aware/stigma/status/may-emotional-sensitive
  - add: dependent-aware/stigma/status
    id: seeks-a-peer-mentor
    text: "Seeks a peer mentor at the Test Trust recovery college"
    after: feels-misunderstood
"##;

const LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#005eb8"/></svg>"##;

#[test]
fn a_trust_edition_patches_statements_and_prints_its_identity() {
    let dir = temp_project();
    write(dir.path(), "content/editions/test-trust.yaml", TRUST);
    write(dir.path(), "assets/logo.svg", LOGO);
    let project = Project::new(dir.path());
    let request = with_fields(SpecFields {
        component: Some("stigma".into()),
        ..SpecFields::of(Kind::ComponentSheet)
    });
    let (text, _) = render_edition(&project, "test-trust", &request);
    assert!(text.contains("Feels misunderstood by others"), "replaced");
    assert!(!text.contains("May be emotional & sensitive"), "removed");
    let added = text
        .find("Seeks a peer mentor at the Test Trust recovery college")
        .expect("added");
    assert!(
        text.find("Feels misunderstood by others").unwrap() < added,
        "added after the statement it follows"
    );
    assert!(
        text.contains("Recovery at Test Trust") && text.contains("Trust edition 2"),
        "identity and version in the footer: {text}"
    );
    assert!(
        text.contains("Adapted by Test NHS Foundation Trust."),
        "attribution addition"
    );
}

#[test]
fn a_patch_naming_a_missing_statement_is_an_error_with_file_line_and_suggestion() {
    let dir = temp_project();
    let broken = TRUST.replace(
        "stigma/status/feels-misunderstood\n",
        "stigma/status/feels-misunderstod\n",
    );
    write(dir.path(), "content/editions/test-trust.yaml", &broken);
    write(dir.path(), "assets/logo.svg", LOGO);
    let project = Project::new(dir.path());
    let base = Library::load(&project).unwrap();
    let loaded = edition::load(&project, "test-trust").unwrap();
    let errors = edition::apply(&project, &base, &loaded).expect_err("an error");
    let message = errors[0].to_string();
    assert!(
        message.contains("content/editions/test-trust.yaml:12:"),
        "{message}"
    );
    assert!(
        message
            .contains("there is no statement `dependent-aware/stigma/status/feels-misunderstod`"),
        "{message}"
    );
    assert!(
        message.contains("did you mean `dependent-aware/stigma/status/feels-misunderstood`"),
        "{message}"
    );
}

#[test]
fn a_logo_that_is_not_an_image_is_an_error() {
    let dir = temp_project();
    write(dir.path(), "content/editions/test-trust.yaml", TRUST);
    write(dir.path(), "assets/logo.svg", "this is not an image");
    let project = Project::new(dir.path());
    let base = Library::load(&project).unwrap();
    let loaded = edition::load(&project, "test-trust").unwrap();
    let errors = edition::apply(&project, &base, &loaded).expect_err("an error");
    assert!(
        errors[0]
            .to_string()
            .contains("is not an SVG, PNG, JPEG, GIF or WebP image"),
        "{}",
        errors[0]
    );
}

#[test]
fn an_unknown_edition_lists_the_editions_there_are() {
    let error = edition::load(&built_in(), "ohio").expect_err("an error");
    assert!(
        error.to_string().contains("did you mean `ohio-us`?"),
        "{error}"
    );
}

/// Renders the principles handout of edition `edition` of the project in `dir`; the PDF's text.
fn principles_handout(dir: &std::path::Path, edition: &str) -> String {
    let out = dir.join("principles.pdf");
    let output = hopeprint(&[
        "-C",
        dir.to_str().unwrap(),
        "render",
        "handout",
        "principles",
        "--edition",
        edition,
        "-o",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    pdf_text(&std::fs::read(&out).unwrap())
}

#[test]
fn a_replace_patch_of_the_principles_introduction_takes_effect() {
    let dir = temp_project();
    write(
        dir.path(),
        "content/editions/test-trust.yaml",
        "name: \"Test\"\ntitle: \"Test\"\norganisation: \"Test Trust\"\npatches:\n  - replace: principles/intro/basis-for-development\n    text: \"Our trust works to these principles.\"\n",
    );
    let text = principles_handout(dir.path(), "test-trust");
    assert!(
        text.contains("Our trust works to these principles."),
        "{text}"
    );
    assert!(
        !text.contains("formed the basis for the development"),
        "{text}"
    );
}

#[test]
fn patches_reach_the_sub_items_of_a_principle() {
    let dir = temp_project();
    write(
        dir.path(),
        "content/editions/test-trust.yaml",
        "name: \"Test\"\ntitle: \"Test\"\norganisation: \"Test Trust\"\npatches:\n  - replace: principles/iii/hope-is-encouraged\n    text: \"hope is kept alive\"\n",
    );
    let text = principles_handout(dir.path(), "test-trust");
    assert!(text.contains("hope is kept alive"), "{text}");
}

#[test]
fn a_replace_patch_of_wording_supplied_from_ohio_drops_the_supplied_mark() {
    let reference = "dependent-unaware/peer-support/clinician-practices/refers-peer-support-other";
    let dir = temp_project();
    let edition = format!(
        "name: \"Patched\"\ntitle: \"Patched\"\norganisation: \"Test Trust\"\npatches:\n  - replace: {reference}\n    text: \"Refers to peer support groups\"\n"
    );
    write(dir.path(), "content/editions/patched.yaml", &edition);
    let project = Project::new(dir.path());
    let base = Library::load(&project).unwrap();
    assert!(base.statement(reference).unwrap().item.supplied.is_some());
    let loaded = edition::load(&project, "patched").unwrap();
    let library = edition::apply(&project, &base, &loaded).unwrap_or_else(|d| panic!("{d:?}"));
    let patched = library.statement(reference).unwrap();
    assert_eq!(
        patched.item.text.as_deref(),
        Some("Refers to peer support groups")
    );
    assert_eq!(patched.item.supplied, None);
}
