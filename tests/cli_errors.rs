//! Every broken input gets a clear error: exit code 1, the file (and line, where there is
//! one) named, a hint, and never a panic. One fixture directory per case under
//! `tests/fixtures/invalid/<case>/` holds the broken file(s), `args.txt` if the case needs
//! a command other than `check --quiet` (one argument a line), and `stderr.snap`, the insta
//! snapshot of the whole message. Each case is a module of its own, named after its
//! directory with `_` for `-`: `cargo test bad_catalogue_date` runs one case. Each case is
//! also run as a command that writes a PDF over an earlier one, which must stay whole.

use crate::common::{self, hopeprint};

use std::path::{Path, PathBuf};

const INVALID: &str = "tests/fixtures/invalid";

/// What a case's message must name, besides matching its snapshot.
#[derive(Clone, Copy, Debug)]
enum Names {
    /// A file of the case, with a line within that file (the snippet's `┌─ file:line:col`).
    ALineOfItsFile,
    /// A file of the case (the file as a whole is wrong: empty, not UTF-8, too large).
    ItsFile,
    /// The output path given with `-o`.
    TheOutputPath,
}

/// One test module per case. Cases whose message points at a line come first, then those
/// that name a whole file, then those about the output path (which have no earlier PDF to
/// keep, so only the first test).
macro_rules! invalid_cases {
    (
        a_line: [$($line:ident),* $(,)?],
        a_file: [$($file:ident),* $(,)?],
        the_output_path: [$($output:ident),* $(,)?] $(,)?
    ) => {
        $(mod $line {
            #[test]
            fn fails_as_snapshotted_naming_a_line_of_its_file_with_a_hint() {
                super::fails_as_snapshotted(stringify!($line), super::Names::ALineOfItsFile);
            }

            #[test]
            fn never_leaves_a_half_written_pdf() {
                super::never_leaves_a_half_written_pdf(stringify!($line));
            }
        })*
        $(mod $file {
            #[test]
            fn fails_as_snapshotted_naming_its_file_with_a_hint() {
                super::fails_as_snapshotted(stringify!($file), super::Names::ItsFile);
            }

            #[test]
            fn never_leaves_a_half_written_pdf() {
                super::never_leaves_a_half_written_pdf(stringify!($file));
            }
        })*
        $(mod $output {
            #[test]
            fn fails_as_snapshotted_naming_the_output_path_with_a_hint() {
                super::fails_as_snapshotted(stringify!($output), super::Names::TheOutputPath);
            }
        })*

        /// Every case above, as written (`_` for the directory's `-`).
        const LISTED: &[&str] = &[
            $(stringify!($line),)* $(stringify!($file),)* $(stringify!($output),)*
        ];
    };
}

invalid_cases! {
    a_line: [
        bad_catalogue_date,
        bad_indentation,
        catalogue_duplicate_edition,
        catalogue_duplicate_name,
        catalogue_edition_path,
        catalogue_two_documents_one_name,
        catalogue_entry_missing_level,
        catalogue_name_outside_output_folder,
        control_character,
        catalogue_unknown_edition,
        deep_nesting,
        duplicate_key,
        duplicate_reference,
        duplicate_reference_flow_style,
        duplicate_reference_quoted_id,
        edition_bad_colour,
        edition_bilingual_layout_unknown,
        edition_low_contrast_colour,
        edition_logo_scale_out_of_range,
        edition_empty_locale,
        edition_empty_term,
        edition_language_path,
        edition_second_language_path,
        edition_logo_missing,
        edition_missing_colon,
        edition_outdented_term,
        edition_parallel_second_labels_missing,
        edition_parallel_without_second_language,
        edition_logo_not_an_image,
        edition_patch_after_typo,
        edition_patch_duplicate_add_id,
        edition_patch_missing_reference,
        edition_patch_removed_then_replaced,
        edition_patch_unknown_row,
        edition_unknown_key,
        edition_unquoted_accent,
        edition_unquoted_levels,
        empty_cell,
        impossible_catalogue_date,
        impossible_edition_date,
        layout_include_outside_project,
        layout_include_symlink_outside,
        layout_missing_include,
        layout_extends_misspelt_builtin,
        layout_runtime_error,
        layout_template_error,
        layout_undefined_value,
        labels_months_too_few,
        missing_label,
        pack_document_missing_level,
        pack_negative_minutes,
        pack_slot_minutes_as_text,
        pack_unknown_per,
        repair_without_why,
        tab_indentation,
        text_where_list_expected,
        unclosed_quote,
        unknown_component,
        unknown_document_kind,
        unknown_key,
        unknown_level_in_catalogue,
        unknown_paper_in_catalogue,
        unknown_role_in_catalogue,
        unknown_source,
        wrong_type,
    ],
    a_file: [
        alias_bomb,
        edition_logo_bad_svg,
        emit_typst_symlink_outside,
        empty_file,
        invalid_utf8,
        layout_empty_heading_pdf_ua,
        layout_reads_outside_project,
        layout_symlink_outside_project,
        layout_typst_error,
    ],
    the_output_path: [
        output_folder_missing,
        output_folder_not_writable,
        output_is_a_folder,
    ],
}

#[test]
fn every_invalid_fixture_directory_is_a_listed_case() {
    let root = common::manifest_dir().join(INVALID);
    let mut directories: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().replace('-', "_"))
        .collect();
    directories.sort();
    let mut listed: Vec<String> = LISTED.iter().map(|c| c.to_string()).collect();
    listed.sort();
    assert_eq!(
        directories, listed,
        "each directory of {INVALID} is one case of `invalid_cases!`"
    );
}

/// The fixture directory of `case` (written with `_`), relative to the repository.
fn case_dir(case: &str) -> String {
    format!("{INVALID}/{}", case.replace('_', "-"))
}

/// The case's command (from `args.txt`, default `check --quiet`), without `-C`.
fn command(dir: &str) -> Vec<String> {
    match std::fs::read_to_string(common::manifest_dir().join(dir).join("args.txt")) {
        Ok(text) => text
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        Err(_) => vec!["check".into(), "--quiet".into()],
    }
}

/// Runs `args` in the case's directory (`-C`); returns the exit code and stderr.
fn run_in(dir: &str, args: &[String]) -> (Option<i32>, String) {
    let mut all = vec!["-C", dir];
    all.extend(args.iter().map(String::as_str));
    let output = hopeprint(&all);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{dir} panicked:\n{stderr}");
    (output.status.code(), stderr)
}

/// Every file of the case, relative to its directory.
fn files_of(root: &Path) -> Vec<String> {
    let mut out = vec![];
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(root).unwrap();
                out.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out
}

fn fails_as_snapshotted(case: &str, names: Names) {
    let dir = case_dir(case);
    let args = command(&dir);
    let (code, stderr) = run_in(&dir, &args);
    assert_eq!(code, Some(1), "exit code\n{stderr}");
    assert!(
        stderr.contains("hint:"),
        "the message gives no hint:\n{stderr}"
    );
    let root = common::manifest_dir().join(&dir);
    match names {
        Names::ALineOfItsFile => assert_names_a_line_of(&root, &dir, &stderr),
        Names::ItsFile => assert!(
            files_of(&root)
                .iter()
                .any(|f| f != "args.txt" && stderr.contains(f.as_str())),
            "the message names none of the case's files:\n{stderr}"
        ),
        Names::TheOutputPath => {
            let o = args.iter().position(|a| a == "-o").expect("an -o argument");
            assert!(stderr.contains(&args[o + 1]), "{stderr}");
        }
    }
    insta::with_settings!({
        snapshot_path => format!("fixtures/invalid/{}", case.replace('_', "-")),
        prepend_module_to_snapshot => false,
    }, {
        insta::assert_snapshot!("stderr", stderr);
    });
}

/// The message's first snippet (`┌─ file:line:column`) points into a file of the case, at
/// a line that file has.
fn assert_names_a_line_of(root: &Path, dir: &str, stderr: &str) {
    let location = stderr
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("┌─ "))
        .unwrap_or_else(|| panic!("the message shows no file and line:\n{stderr}"));
    let mut parts = location.rsplitn(3, ':');
    let (_column, line, file) = (parts.next(), parts.next(), parts.next());
    let line: usize = line.and_then(|l| l.parse().ok()).expect("a line number");
    let file = file.expect("a file");
    let relative = file.strip_prefix(&format!("{dir}/")).unwrap_or(file);
    let text = std::fs::read(root.join(relative))
        .unwrap_or_else(|e| panic!("the message names `{file}`, not a file of the case: {e}"));
    let lines = text.split(|&b| b == b'\n').count();
    assert!(
        (1..=lines).contains(&line),
        "{file} has {lines} lines, not line {line}"
    );
}

/// The command that makes a PDF from a broken case, writing to `target`: the case's own
/// command with its output redirected, its pack, a build of its catalogue, or a render
/// with its edition.
fn making_a_pdf(dir: &str, target: &Path) -> Vec<String> {
    let case = common::manifest_dir().join(dir);
    let target = target.to_string_lossy().into_owned();
    let has = |path: &str| case.join(path).exists();
    let stem = |dir: &str| {
        std::fs::read_dir(case.join(dir)).ok()?.find_map(|e| {
            let path = e.ok()?.path();
            Some(path.file_stem()?.to_string_lossy().into_owned())
        })
    };
    let words = |text: &str| text.split(' ').map(str::to_string).collect::<Vec<_>>();
    if has("args.txt") {
        let mut args = command(dir);
        let o = args.iter().position(|a| a == "-o").expect("an -o argument");
        args[o + 1] = target;
        args
    } else if let Some(pack) = stem("content/packs") {
        [words("pack"), vec![pack, "-o".into(), target]].concat()
    } else if has("content/catalog.yaml") {
        // A catalogue build writes into a folder: `target` sits where one of its PDFs goes.
        let out = Path::new(&target).parent().unwrap().parent().unwrap();
        words(&format!("build --quiet --out {}", out.display()))
    } else if let Some(edition) = stem("content/editions") {
        [
            words("render handout glossary --edition"),
            vec![edition, "-o".into(), target],
        ]
        .concat()
    } else {
        [words("render handout glossary -o"), vec![target]].concat()
    }
}

/// The case run over an earlier PDF fails and leaves no `.part` file; the earlier PDF is
/// as it was, or, where a catalogue build goes on with its good entries, a whole new PDF.
fn never_leaves_a_half_written_pdf(case: &str) {
    let dir = case_dir(case);
    let temp = tempfile::tempdir().unwrap();
    let target: PathBuf = temp.path().join("nimhe-uk").join("key-terms.pdf");
    let args = making_a_pdf(&dir, &target);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    let earlier = b"%PDF earlier good file";
    std::fs::write(&target, earlier).unwrap();
    let (code, stderr) = run_in(&dir, &args);
    assert_eq!(code, Some(1), "{args:?} exit code\n{stderr}");
    let half_written: Vec<_> = std::fs::read_dir(target.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".part"))
        .collect();
    assert!(half_written.is_empty(), "{half_written:?}");
    let now = std::fs::read(&target).unwrap();
    if args[0] == "build" && now != earlier {
        assert!(
            lopdf::Document::load_mem(&now).is_ok(),
            "{args:?} left a PDF that does not load"
        );
    } else {
        assert_eq!(now, earlier, "{args:?} changed the earlier PDF");
    }
}

#[test]
fn a_byte_order_mark_is_accepted_silently() {
    let output = hopeprint(&[
        "-C",
        "tests/fixtures/valid/byte-order-mark",
        "check",
        "--quiet",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stderr.is_empty());
}

#[test]
fn check_on_the_built_in_content_reports_counts_and_succeeds() {
    let output = hopeprint(&["-C", "tests/fixtures/valid/byte-order-mark", "check"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0));
    for line in [
        "matrix statements",
        "per level:",
        "dependent-unaware",
        "per component:",
        "per role:",
        "clinicians",
        "content is sound",
    ] {
        assert!(stdout.contains(line), "`{line}` missing from:\n{stdout}");
    }
}

#[test]
fn an_unknown_level_lists_the_valid_ones() {
    let output = hopeprint(&[
        "render",
        "poster",
        "--level",
        "7",
        "-o",
        "/nonexistent/x.pdf",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("there is no level `7`"), "{stderr}");
    assert!(
        stderr.contains(
            "dependent-unaware, dependent-aware, independent-aware, interdependent-aware"
        ),
        "{stderr}"
    );
}

#[test]
fn an_unknown_paper_is_a_usage_error_exiting_with_two() {
    let output = hopeprint(&["render", "poster", "--paper", "b7"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_failed_render_leaves_the_earlier_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("poster.pdf");
    std::fs::write(&target, b"%PDF earlier good file").unwrap();
    let output = hopeprint(&[
        "render",
        "poster",
        "--level",
        "nine",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(std::fs::read(&target).unwrap(), b"%PDF earlier good file");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no temporary files are left behind: {leftovers:?}"
    );
}

#[test]
fn an_output_folder_that_does_not_exist_is_a_clear_error() {
    let output = hopeprint(&[
        "render",
        "handout",
        "glossary",
        "-o",
        "/nonexistent-folder/glossary.pdf",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.contains("the folder /nonexistent-folder does not exist"),
        "{stderr}"
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_naming_the_file_and_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("content/model/key-terms.yaml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let statement = "x".repeat(11 * 1024 * 1024);
    std::fs::write(
        &path,
        format!("source: nimhe-2004\ntitle: \"{statement}\"\n"),
    )
    .unwrap();
    let output = hopeprint(&["-C", dir.path().to_str().unwrap(), "check", "--quiet"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("key-terms.yaml") && stderr.contains("larger than the limit of 10.0 MB"),
        "{stderr}"
    );
}

#[test]
fn a_font_over_the_size_limit_is_refused_with_its_size_exactly_and_no_yaml_hint() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fonts/huge.ttf");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, vec![0u8; 10 * 1024 * 1024 + 512 * 1024]).unwrap();
    let output = hopeprint(&[
        "-C",
        dir.path().to_str().unwrap(),
        "render",
        "handout",
        "glossary",
        "-o",
        "/nonexistent/g.pdf",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("huge.ttf")
            && stderr.contains("the file is 10.5 MB, larger than the limit of 10.0 MB"),
        "{stderr}"
    );
    assert!(!stderr.contains("YAML"), "{stderr}");
}
