//! Translations and bilingual output, with the sample Welsh fixture edition
//! (tests/fixtures/editions/welsh-sample: placeholder texts, clearly marked as a sample).

use crate::common::{self, hopeprint};

const FIXTURE: &str = "tests/fixtures/editions/welsh-sample";

#[test]
fn check_fails_on_missing_translations_as_render_does_and_counts_them_per_document() {
    let output = hopeprint(&["-C", FIXTURE, "check", "--quiet"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(1),
        "render stops at missing translations, so check does: {stderr}"
    );
    assert!(
        stderr.contains("error: ")
            && stderr.contains("edition `cy-sample`:")
            && stderr.contains("have no translation and 1 translations are stale")
            && stderr.contains("--allow-untranslated"),
        "{stderr}"
    );
    assert!(
        stderr.contains("component-stigma-sheet:") && stderr.contains("missing, 1 stale"),
        "counts per document: {stderr}"
    );
    assert!(
        stderr.contains("stale: dependent-aware/stigma/status/may-emotional-sensitive"),
        "{stderr}"
    );
}

#[test]
fn check_with_allow_untranslated_warns_and_succeeds_as_render_then_does() {
    let output = hopeprint(&["-C", FIXTURE, "check", "--quiet", "--allow-untranslated"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("warning: ") && stderr.contains("edition `cy-sample`:"),
        "{stderr}"
    );
}

#[test]
fn rendering_with_missing_translations_is_an_error_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("stigma.pdf");
    let out_s = out.to_str().unwrap();
    let refused = hopeprint(&[
        "-C",
        FIXTURE,
        "render",
        "sheet",
        "--component",
        "stigma",
        "--edition",
        "cy-sample",
        "-o",
        out_s,
    ]);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr.contains("have no translation into `cy`") && stderr.contains("--allow-untranslated"),
        "{stderr}"
    );
    assert!(!out.exists());

    let allowed = hopeprint(&[
        "-C",
        FIXTURE,
        "render",
        "sheet",
        "--component",
        "stigma",
        "--edition",
        "cy-sample",
        "--allow-untranslated",
        "-o",
        out_s,
    ]);
    let stderr = String::from_utf8_lossy(&allowed.stderr);
    assert!(allowed.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "untranslated (cy-sample): dependent-aware/stigma/status/begins-accepting-illness-but"
        ),
        "each use is listed"
    );
    let listed: Vec<&str> = (stderr.lines())
        .filter_map(|l| l.strip_prefix("untranslated (cy-sample): "))
        .collect();
    assert!(
        !listed.is_empty() && listed.iter().all(|r| r.contains("/stigma/")),
        "only the statements of the stigma sheet are listed: {listed:?}"
    );
    let bytes = std::fs::read(&out).unwrap();
    let text = common::pdf_text(&bytes);
    // Bilingual: the edition's language first, then the second language, at equal size.
    assert!(
        text.contains("[SAMPL cy] Feels misunderstood — ŵ ŷ Feels misunderstood"),
        "{text}"
    );
    assert!(text.contains("Tudalen / Page 1 o / of"), "bilingual labels");
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let catalog = doc.catalog().unwrap();
    let lang = catalog
        .get(b"Lang")
        .and_then(|l| l.as_str())
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap();
    assert_eq!(lang, "cy", "the PDF's language is the edition's");
}

#[test]
fn a_translation_of_a_missing_statement_is_an_error_with_file_and_line() {
    let dir = common::temp_project();
    let fixture = common::manifest_dir().join(FIXTURE).join("content");
    for file in ["editions/cy-sample.yaml", "labels/cy.yaml"] {
        common::write(
            dir.path(),
            &format!("content/{file}"),
            &std::fs::read_to_string(fixture.join(file)).unwrap(),
        );
    }
    common::write(
        dir.path(),
        "content/translations/cy.yaml",
        "language: \"cy\"\nsample: true\nstatements:\n  - ref: dependent-aware/stigma/status/feels-misunderstod\n    source: \"x\"\n    text: \"y\"\n",
    );
    let output = hopeprint(&["-C", dir.path().to_str().unwrap(), "check", "--quiet"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("content/translations/cy.yaml:4:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean `dependent-aware/stigma/status/feels-misunderstood`"),
        "{stderr}"
    );
}

#[test]
fn the_translation_of_the_principles_introduction_is_printed() {
    let dir = common::temp_project();
    let fixture = common::manifest_dir().join(FIXTURE).join("content");
    for file in ["editions/cy-sample.yaml", "labels/cy.yaml"] {
        common::write(
            dir.path(),
            &format!("content/{file}"),
            &std::fs::read_to_string(fixture.join(file)).unwrap(),
        );
    }
    common::write(
        dir.path(),
        "content/translations/cy.yaml",
        "language: \"cy\"\nsample: true\nstatements:\n  - ref: principles/intro/basis-for-development\n    source: \"The following guiding principles formed the basis for the development of The Recovery Process Model and Emerging Best Practices.\"\n    text: \"[SAMPL cy] Egwyddorion\"\n  - ref: principles/iii\n    source: \"Users of service are able to recover more quickly when their:\"\n    text: \"[SAMPL cy] Principle three\"\n",
    );
    let out = dir.path().join("principles.pdf");
    let output = hopeprint(&[
        "-C",
        dir.path().to_str().unwrap(),
        "render",
        "handout",
        "principles",
        "--edition",
        "cy-sample",
        "--allow-untranslated",
        "-o",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let text = common::pdf_text(&std::fs::read(&out).unwrap());
    assert!(text.contains("[SAMPL cy] Egwyddorion"), "{text}");
    assert!(text.contains("[SAMPL cy] Principle three"), "{text}");
    assert!(
        !stderr.contains("principles/intro/basis-for-development"),
        "not listed as untranslated: {stderr}"
    );
}

#[test]
fn translation_init_writes_every_statement_by_document_and_status_counts_them() {
    let dir = common::temp_project();
    let project = dir.path().to_str().unwrap();
    let output = hopeprint(&["-C", project, "translation", "init", "cy"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let path = dir.path().join("content/translations/cy.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("  # level-1-dependent-unaware-poster\n"),
        "grouped by document"
    );
    assert!(
        text.contains("  - ref: \"dependent-aware/stigma/status/feels-misunderstood\"\n    source: \"Feels misunderstood\"\n    text: \"\"\n"),
        "reference, English source and an empty text"
    );
    let entries = text.matches("  - ref: ").count();
    let status = hopeprint(&["-C", project, "translation", "status"]);
    let stdout = String::from_utf8_lossy(&status.stdout);
    assert!(
        stdout.contains(&format!(
            "cy: 0 of {entries} statements translated, {entries} missing, 0 stale"
        )),
        "every statement once, none translated yet: {stdout}"
    );
    // One translated: the count moves.
    std::fs::write(
        &path,
        text.replacen("    text: \"\"\n", "    text: \"Wedi'i gamddeall\"\n", 1),
    )
    .unwrap();
    let status = hopeprint(&["-C", project, "translation", "status", "cy"]);
    let stdout = String::from_utf8_lossy(&status.stdout);
    assert!(
        stdout.contains(&format!(
            "cy: 1 of {entries} statements translated, {} missing",
            entries - 1
        )),
        "{stdout}"
    );
    let again = hopeprint(&["-C", project, "translation", "init", "cy"]);
    assert_eq!(
        again.status.code(),
        Some(1),
        "never overwrites a translation"
    );
}
