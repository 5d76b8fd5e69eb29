//! Every broken input gets a clear error: exit code 1, the file and line named, a snippet
//! and a hint, and never a panic. One fixture directory per case under
//! `tests/fixtures/invalid/<case>/` holds the broken file(s) and `expect.txt`, the text
//! (usually `file:line:`) the message must contain; `args.txt`, if present, is the command
//! to run (one argument a line; default `check --quiet`). The message is an insta snapshot.
//! Each case is also run as a command that writes a PDF over an earlier one, which must
//! stay as it was.

mod common;

use common::hopeprint;

use std::path::{Path, PathBuf};

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

/// The command that makes a PDF from a broken case, writing to `target`: the case's own
/// command with its output redirected, its pack, a build of its catalogue, or a render
/// with its edition; `None` where the case is about the output path itself.
fn making_a_pdf(case: &Path, target: &Path) -> Option<Vec<String>> {
    let target = target.to_string_lossy().into_owned();
    let has = |path: &str| case.join(path).exists();
    let stem = |dir: &str| {
        std::fs::read_dir(case.join(dir)).ok()?.find_map(|e| {
            let path = e.ok()?.path();
            Some(path.file_stem()?.to_string_lossy().into_owned())
        })
    };
    let name = case.file_name()?.to_string_lossy().into_owned();
    if name.starts_with("output-folder-") {
        return None;
    }
    let words = |text: &str| text.split(' ').map(str::to_string).collect::<Vec<_>>();
    Some(
        if let Ok(args) = std::fs::read_to_string(case.join("args.txt")) {
            let mut args: Vec<String> = args
                .lines()
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect();
            let o = args.iter().position(|a| a == "-o")?;
            args[o + 1] = target;
            args
        } else if let Some(pack) = stem("content/packs") {
            [words("pack"), vec![pack, "-o".into(), target]].concat()
        } else if has("content/catalog.yaml") {
            // A catalogue build writes into a folder: `target` sits where one of its PDFs goes.
            let out = Path::new(&target)
                .parent()?
                .parent()?
                .to_string_lossy()
                .into_owned();
            words(&format!("build --quiet --out {out}"))
        } else if let Some(edition) = stem("content/editions") {
            [
                words("render handout glossary --edition"),
                vec![edition, "-o".into(), target],
            ]
            .concat()
        } else {
            [words("render handout glossary -o"), vec![target]].concat()
        },
    )
}

#[test]
fn every_invalid_fixture_leaves_an_earlier_pdf_untouched() {
    for case in cases("tests/fixtures/invalid") {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("nimhe-uk").join("key-terms.pdf");
        let Some(args) = making_a_pdf(&case, &target) else {
            continue;
        };
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, b"%PDF earlier good file").unwrap();
        let mut all = vec!["-C".to_string(), relative(&case)];
        all.extend(args);
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let output = hopeprint(&all);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{name}: {all:?} exit code\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{name} panicked:\n{stderr}");
        let half_written: Vec<_> = std::fs::read_dir(target.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|f| f.ends_with(".part"))
            .collect();
        assert!(half_written.is_empty(), "{name}: {half_written:?}");
        // A catalogue build goes on with its good entries (and rewrites key-terms.pdf).
        if all.contains(&"build") {
            continue;
        }
        assert_eq!(
            std::fs::read(&target).unwrap(),
            b"%PDF earlier good file",
            "{name}: {all:?} changed the earlier PDF"
        );
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
