//! Every broken input gets a clear error: exit code 1, the file and line named, a snippet
//! and a hint, and never a panic. One fixture directory per case under
//! `tests/fixtures/invalid/<case>/` holds the broken file(s) and `expect.txt`, the text
//! (usually `file:line:`) the message must contain; `args.txt`, if present, is the command
//! to run (one argument a line; default `check --quiet`). The message is an insta snapshot.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn hopeprint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hopeprint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the hopeprint binary runs")
}

fn cases(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

fn relative(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

#[test]
fn every_invalid_fixture_fails_check_with_file_and_line() {
    let cases = cases("tests/fixtures/invalid");
    assert!(cases.len() >= 20, "{} cases", cases.len());
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let args: Vec<String> = match std::fs::read_to_string(case.join("args.txt")) {
            Ok(text) => text
                .lines()
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            Err(_) => vec!["check".into(), "--quiet".into()],
        };
        let mut all = vec!["-C".to_string(), relative(&case)];
        all.extend(args);
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let output = hopeprint(&all);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        let expected = std::fs::read_to_string(case.join("expect.txt")).unwrap();
        assert_eq!(output.status.code(), Some(1), "{name}: exit code\n{stderr}");
        assert!(!stderr.contains("panicked"), "{name} panicked:\n{stderr}");
        assert!(
            stderr.contains(expected.trim()),
            "{name}: the message does not name `{}`:\n{stderr}",
            expected.trim()
        );
        assert!(
            stderr.contains("hint:"),
            "{name}: the message gives no hint:\n{stderr}"
        );
        insta::assert_snapshot!(format!("check-{name}"), stderr);
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
fn usage_errors_exit_with_two() {
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
fn a_file_over_the_size_limit_is_refused_before_parsing() {
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
        stderr.contains("key-terms.yaml") && stderr.contains("larger than the limit of 10 MB"),
        "{stderr}"
    );
}
