//! The command line end to end: list, layouts, render and build in a temporary project.

use crate::common;

use std::process::Output;

fn hopeprint(dir: &std::path::Path, args: &[&str]) -> Output {
    common::hopeprint_in(dir, args)
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn list_shows_levels_and_statement_references() {
    let dir = tempfile::tempdir().unwrap();
    let levels = stdout(&hopeprint(dir.path(), &["list", "levels"]));
    assert!(
        levels.contains("1  dependent-unaware     Dependent / Unaware"),
        "{levels}"
    );
    let statements = stdout(&hopeprint(
        dir.path(),
        &[
            "list",
            "statements",
            "--level",
            "3",
            "--component",
            "peer-support",
            "--role",
            "person",
        ],
    ));
    assert!(
        statements.contains("independent-aware/peer-support/status/"),
        "{statements}"
    );
    assert!(
        !statements.contains("clinician-roles"),
        "only the person's rows: {statements}"
    );
    let repairs = stdout(&hopeprint(
        dir.path(),
        &["list", "repairs", "--prefix", "partners-in-recovery/"],
    ));
    assert!(repairs.contains("o I include patients"), "{repairs}");
}

#[test]
fn eject_copies_a_built_in_layout_that_then_wins() {
    let dir = tempfile::tempdir().unwrap();
    stdout(&hopeprint(dir.path(), &["layouts", "eject", "theme.typ"]));
    assert!(dir.path().join("layouts/theme.typ").is_file());
    let listing = stdout(&hopeprint(dir.path(), &["layouts", "list"]));
    assert!(
        listing
            .lines()
            .any(|l| l.starts_with("theme.typ") && l.contains("project")),
        "{listing}"
    );
    let again = hopeprint(dir.path(), &["layouts", "eject", "theme.typ"]);
    assert_eq!(
        again.status.code(),
        Some(1),
        "an existing copy is not overwritten without --force"
    );
}

#[test]
fn render_writes_pdf_png_and_emitted_typst() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout(&hopeprint(
        dir.path(),
        &["render", "handout", "glossary", "--emit-typst"],
    ));
    assert!(out.contains("wrote key-terms.pdf"), "{out}");
    assert!(
        std::fs::read(dir.path().join("key-terms.pdf"))
            .unwrap()
            .starts_with(b"%PDF")
    );
    let typ = std::fs::read_to_string(dir.path().join("key-terms.typ")).unwrap();
    assert!(typ.starts_with("#import \"theme.typ\""), "{typ}");
    assert!(
        dir.path().join("theme.typ").is_file(),
        "the theme is written next to the emitted Typst"
    );
    stdout(&hopeprint(
        dir.path(),
        &[
            "render", "poster", "--level", "2", "--format", "png", "--dpi", "12", "-o", "p.png",
        ],
    ));
    assert!(
        std::fs::read(dir.path().join("p.png"))
            .unwrap()
            .starts_with(b"\x89PNG")
    );
    stdout(&hopeprint(
        dir.path(),
        &[
            "render", "sheet", "--role", "person", "--format", "png", "--dpi", "12", "--page", "2",
            "-o", "r.png",
        ],
    ));
    assert!(
        dir.path().join("r.png").is_file(),
        "one page asked for, one file"
    );
}

#[test]
fn an_edition_font_that_is_not_in_fonts_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let editions = dir.path().join("content/editions");
    std::fs::create_dir_all(&editions).unwrap();
    std::fs::write(
        editions.join("x.yaml"),
        "name: \"x\"\ntitle: \"x\"\norganisation: \"x\"\nlook: {font: \"Comic Neue\"}\n",
    )
    .unwrap();
    let output = hopeprint(
        dir.path(),
        &["render", "handout", "glossary", "--edition", "x"],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.contains("asks for the font `Comic Neue`, which is not in fonts/"),
        "{stderr}"
    );
}

#[test]
fn a_closed_pipe_ends_a_long_listing_quietly_with_success() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let dir = common::temp_project();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hopeprint"))
        .args(["list", "statements"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hopeprint runs");
    // Read the first line, as `head -1` would, then close the pipe.
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "exit {:?}: {stderr}",
        output.status
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn paper_names_are_accepted_in_any_case() {
    let dir = common::temp_project();
    let output = hopeprint(
        dir.path(),
        &[
            "render", "handout", "glossary", "--paper", "A5", "-o", "g.pdf",
        ],
    );
    stdout(&output);
    assert!(dir.path().join("g.pdf").is_file());
}

#[test]
fn a_dash_c_that_is_missing_or_not_a_folder_is_an_error_not_the_built_in_content() {
    let dir = common::temp_project();
    let file = common::write(dir.path(), "not-a-folder.txt", "text");
    for (target, says) in [
        (dir.path().join("no-such-dir"), "cannot open the folder"),
        (file, "not a folder"),
    ] {
        let output = hopeprint(dir.path(), &["-C", target.to_str().unwrap(), "check"]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
        assert!(output.stdout.is_empty(), "nothing is checked");
    }
}

#[test]
fn png_pages_are_reported_in_one_line() {
    let dir = common::temp_project();
    let output = hopeprint(
        dir.path(),
        &[
            "render", "handout", "glossary", "--format", "png", "--dpi", "20", "-o", "g.png",
        ],
    );
    let out = stdout(&output);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("files)"), "{out}");
}

#[test]
fn eject_copies_any_built_in_file_into_the_project_and_never_overwrites() {
    let dir = common::temp_project();
    let project = dir.path().to_str().unwrap();
    for path in [
        "content/labels/en.yaml",
        "content/catalog.yaml",
        "layouts/theme.typ",
    ] {
        let output = common::hopeprint(&["-C", project, "eject", path]);
        assert!(
            output.status.success(),
            "{path}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let built_in = common::built_in().read(path).unwrap().unwrap();
        assert_eq!(
            std::fs::read(dir.path().join(path)).unwrap(),
            &*built_in.bytes
        );
    }
    let again = common::hopeprint(&["-C", project, "eject", "content/labels/en.yaml"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("add --force"));
    let layout = common::hopeprint(&["-C", project, "layouts", "eject", "glossary.typ.j2"]);
    assert!(layout.status.success(), "layouts eject still works");
    assert!(dir.path().join("layouts/glossary.typ.j2").is_file());
}

#[test]
fn eject_of_a_misspelt_path_suggests_the_built_in_file() {
    let output = common::hopeprint(&["eject", "content/labels/enn.yaml"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.contains("there is no built-in file `content/labels/enn.yaml`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean `content/labels/en.yaml`?"),
        "{stderr}"
    );
}

#[test]
fn list_documents_lists_the_catalogue_as_the_edition_builds_it() {
    let ohio = common::hopeprint(&["list", "documents", "--edition", "ohio-us"]);
    let stdout = String::from_utf8_lossy(&ohio.stdout);
    assert!(ohio.status.success());
    assert!(
        stdout.contains("component-peer-support-poster") && stdout.contains("ARCH D landscape"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("level-2-dependent-aware-poster"),
        "Ohio's posters are by component"
    );
    let uk = common::hopeprint(&["list", "documents", "--edition", "nimhe-uk"]);
    let stdout = String::from_utf8_lossy(&uk.stdout);
    assert!(
        stdout.contains("level-2-dependent-aware-poster") && stdout.contains("A1 landscape"),
        "{stdout}"
    );
}

#[test]
fn list_statements_with_an_edition_shows_the_editions_wording() {
    let args = |edition: Option<&str>| {
        let mut args = vec![
            "list",
            "statements",
            "--prefix",
            "dependent-aware/access-to-resources/clinician-practices/takes-person",
        ];
        args.extend(edition.map(|e| ["--edition", e]).into_iter().flatten());
        String::from_utf8_lossy(&common::hopeprint(&args).stdout).into_owned()
    };
    assert!(args(None).contains("Takes person on community trips"));
    assert!(args(Some("ohio-us")).contains("Takes consumer on community trips"));
}

#[test]
fn help_of_render_build_pack_init_and_translation_gives_examples() {
    for command in ["render", "build", "pack", "init", "translation"] {
        let output = common::hopeprint(&[command, "--help"]);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let example = stdout
            .split_once("Example")
            .map(|(_, rest)| rest)
            .unwrap_or_default();
        assert!(
            example.contains(&format!("hopeprint {command} "))
                || example.contains(&format!(" {command} ")),
            "{command} --help has no example of itself: {stdout}"
        );
    }
}

#[test]
fn render_copies_repeats_the_document_and_duplex_starts_each_copy_on_a_right_hand_page() {
    let dir = common::temp_project();
    let pages_of = |args: &[&str]| {
        let pdf = dir.path().join("g.pdf");
        let mut all = vec!["render", "handout", "glossary", "-o", pdf.to_str().unwrap()];
        all.extend(args);
        let output = common::hopeprint(&all);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let bytes = std::fs::read(&pdf).unwrap();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let texts: Vec<String> = (1..=doc.get_pages().len() as u32)
            .map(|n| doc.extract_text(&[n]).unwrap_or_default())
            .collect();
        texts
    };
    let one = pages_of(&[]);
    assert_eq!(one.len(), 3, "the glossary has three pages");
    let two = pages_of(&["--copies", "2"]);
    assert_eq!(two.len(), 6);
    assert_eq!(
        two[3], one[0],
        "the second copy begins right after the first"
    );
    let duplex = pages_of(&["--copies", "3", "--duplex"]);
    assert_eq!(
        duplex.len(),
        12,
        "a blank page after each copy of three pages"
    );
    assert!(duplex[3].trim().is_empty(), "page 4 is blank");
    assert_eq!(
        duplex[4], one[0],
        "the second copy begins on page 5, a right-hand page"
    );
}
