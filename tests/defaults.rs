//! Defaults that do what the project means: its own edition, paths inside `-C DIR`, the
//! format of `-o`'s extension.

use crate::common::{self, hopeprint, hopeprint_in};

/// A project with one edition of its own, `anytown`, and no catalogue of its own.
fn anytown() -> tempfile::TempDir {
    let dir = common::temp_project();
    let base = common::built_in()
        .read("content/editions/nimhe-uk.yaml")
        .unwrap()
        .unwrap()
        .text()
        .unwrap()
        .to_string();
    let own = base.replace(
        "organisation: \"National Institute for Mental Health in England\"",
        "organisation: \"Anytown NHS Foundation Trust\"",
    );
    assert_ne!(own, base, "the built-in edition names its organisation so");
    common::write(dir.path(), "content/editions/anytown.yaml", &own);
    dir
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn render_prints_the_projects_only_edition_and_says_so() {
    let dir = anytown();
    let output = hopeprint_in(dir.path(), &["render", "handout", "glossary"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output)
            .contains("edition: anytown (the only edition in the project's content/editions/)"),
        "{}",
        stderr(&output)
    );
    let pdf = std::fs::read(dir.path().join("key-terms.pdf")).unwrap();
    assert!(common::pdf_text(&pdf).contains("Anytown NHS Foundation Trust"));
}

#[test]
fn render_prints_the_catalogues_edition_and_edition_overrides_it() {
    let dir = anytown();
    let catalogue = common::built_in()
        .read("content/catalog.yaml")
        .unwrap()
        .unwrap()
        .text()
        .unwrap()
        .to_string();
    common::write(
        dir.path(),
        "content/catalog.yaml",
        &format!("{catalogue}\neditions: [ohio-us]\n"),
    );
    let output = hopeprint_in(dir.path(), &["render", "handout", "glossary"]);
    assert!(
        stderr(&output).contains("edition: ohio-us (the first of the catalogue's `editions:`)"),
        "{}",
        stderr(&output)
    );
    let named = hopeprint_in(
        dir.path(),
        &["render", "handout", "glossary", "--edition", "anytown"],
    );
    assert!(named.status.success(), "{}", stderr(&named));
    assert!(!stderr(&named).contains("edition:"), "{}", stderr(&named));
    let pdf = std::fs::read(dir.path().join("key-terms.pdf")).unwrap();
    assert!(common::pdf_text(&pdf).contains("Anytown NHS Foundation Trust"));
}

#[test]
fn a_misspelt_catalogue_edition_points_at_its_line_with_a_suggestion() {
    let dir = anytown();
    let catalogue = common::built_in()
        .read("content/catalog.yaml")
        .unwrap()
        .unwrap()
        .text()
        .unwrap()
        .to_string();
    let lines = catalogue.lines().count();
    common::write(
        dir.path(),
        "content/catalog.yaml",
        &format!("{}\neditions: [anytwn]\n", catalogue.trim_end()),
    );
    let output = hopeprint_in(dir.path(), &["render", "handout", "glossary"]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("there is no edition `anytwn`"), "{text}");
    assert!(
        text.contains(&format!("content/catalog.yaml:{}:", lines + 1)),
        "{text}"
    );
    assert!(text.contains("did you mean `anytown`?"), "{text}");
}

#[test]
fn relative_output_paths_resolve_inside_the_c_folder() {
    let dir = anytown();
    let elsewhere = common::temp_project();
    let project = dir.path().to_str().unwrap();
    let output = hopeprint_in(
        elsewhere.path(),
        &[
            "-C", project, "render", "handout", "glossary", "-o", "g.pdf",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.path().join("g.pdf").is_file());
    let output = hopeprint_in(
        elsewhere.path(),
        &["-C", project, "render", "handout", "glossary"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.path().join("key-terms.pdf").is_file());
    let output = hopeprint_in(
        elsewhere.path(),
        &["-C", project, "build", "--quiet", "--shard", "1/40"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        dir.path().join("out/anytown").is_dir(),
        "build writes DIR/out"
    );
    assert_eq!(
        std::fs::read_dir(elsewhere.path()).unwrap().count(),
        0,
        "nothing is written into the current folder"
    );
}

#[test]
fn o_with_a_png_extension_writes_png() {
    let dir = common::temp_project();
    let path = dir.path().join("page.png");
    let output = hopeprint(&[
        "render",
        "handout",
        "glossary",
        "--page",
        "1",
        "--dpi",
        "20",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"), "not a PNG");
}

#[test]
fn a_format_the_extension_contradicts_is_refused() {
    let dir = common::temp_project();
    let path = dir.path().join("page.png");
    let output = hopeprint(&[
        "render",
        "handout",
        "glossary",
        "--format",
        "pdf",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("names a .png file, but --format is pdf"),
        "{}",
        stderr(&output)
    );
    assert!(!path.exists());
}

#[test]
fn an_output_named_like_a_typst_file_is_refused_and_nothing_is_written() {
    let dir = common::temp_project();
    let path = dir.path().join("glossary.typ");
    let output = hopeprint(&[
        "render",
        "handout",
        "glossary",
        "--emit-typst",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("names a Typst file") && stderr(&output).contains(".pdf"),
        "{}",
        stderr(&output)
    );
    assert!(!path.exists());
}

#[test]
fn o_naming_a_folder_says_so_and_suggests_a_file() {
    let dir = common::temp_project();
    let output = hopeprint(&[
        "render",
        "handout",
        "glossary",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains(": that is a folder"), "{text}");
    assert!(text.contains("key-terms.pdf"), "{text}");
}

#[test]
fn a_pack_written_to_a_png_name_is_refused() {
    let dir = common::temp_project();
    let path = dir.path().join("pack.png");
    let output = hopeprint(&["pack", "partners-in-recovery", "-o", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("a pack is made as one PDF"),
        "{}",
        stderr(&output)
    );
    assert!(!path.exists());
}

#[test]
fn init_folders_and_pack_files_resolve_inside_the_c_folder() {
    let dir = common::temp_project();
    let elsewhere = common::temp_project();
    let project = dir.path().to_str().unwrap();
    let output = hopeprint_in(
        elsewhere.path(),
        &["-C", project, "init", "trust", "--edition", "anytown"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        dir.path()
            .join("trust/content/editions/anytown.yaml")
            .is_file()
    );
    let pack = common::built_in()
        .read("content/packs/introducing-the-model.yaml")
        .unwrap()
        .unwrap()
        .text()
        .unwrap()
        .to_string();
    common::write(dir.path(), "session.yaml", &pack);
    let output = hopeprint_in(
        elsewhere.path(),
        &["-C", project, "pack", "session.yaml", "-o", "session.pdf"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.path().join("session.pdf").is_file());
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn with_several_editions_and_none_named_render_says_it_prints_the_built_in_default() {
    let dir = anytown();
    let own = std::fs::read_to_string(dir.path().join("content/editions/anytown.yaml")).unwrap();
    common::write(dir.path(), "content/editions/othertown.yaml", &own);
    let output = hopeprint_in(dir.path(), &["render", "handout", "glossary"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("edition: nimhe-uk (the built-in default: the project has several editions (anytown, othertown); choose one with --edition"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn copies_of_the_built_in_editions_are_not_the_projects_own() {
    // The repository itself holds the built-in editions' files: no announcement, no
    // placeholder warning for them.
    let dir = common::temp_project();
    let output = hopeprint(&[
        "render",
        "handout",
        "glossary",
        "-o",
        dir.path().join("g.pdf").to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains("edition:"), "{}", stderr(&output));
    let output = hopeprint(&[
        "build",
        "--quiet",
        "--shard",
        "1/40",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        !stderr(&output).contains("still prints"),
        "{}",
        stderr(&output)
    );
}
