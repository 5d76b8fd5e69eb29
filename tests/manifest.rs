//! The build manifest can't be fooled: an output changed by hand or cut short is rendered
//! again, a killed build keeps what it finished, two builds into one folder keep both
//! builds' entries, and multi-page PNG outputs count as up to date.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::{self, write};

const CATALOGUE: &str = "version: \"v\"\ndate: \"2026-01-02\"\neditions: [nimhe-uk]\ndocuments:\n  - {kind: glossary}\n  - {kind: principles}\n  - {kind: level-sheet, level: 1}\n  - {kind: role-sheet, role: clinicians}\n";

/// A project building four documents of one edition.
fn project() -> tempfile::TempDir {
    let dir = common::temp_project();
    write(dir.path(), "content/catalog.yaml", CATALOGUE);
    dir
}

fn build_command(project: &Path, out: &Path, extra: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hopeprint"));
    command
        .args([
            "-C",
            project.to_str().unwrap(),
            "build",
            "--verbose",
            "--out",
        ])
        .arg(out)
        .args(extra)
        .env("NO_COLOR", "1");
    command
}

/// Builds; returns the summary line (`… N rendered, M up to date …`).
fn build(project: &Path, out: &Path, extra: &[&str]) -> String {
    let output = build_command(project, out, extra).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    stderr.lines().last().unwrap_or_default().to_string()
}

#[test]
fn an_output_overwritten_by_hand_is_rendered_again_even_at_the_same_size() {
    let dir = project();
    let out = dir.path().join("out");
    assert!(build(dir.path(), &out, &[]).contains("4 rendered, 0 up to date"));
    assert!(build(dir.path(), &out, &[]).contains("0 rendered, 4 up to date"));
    let glossary = out.join("nimhe-uk/key-terms.pdf");
    std::fs::write(&glossary, b"garbage!").unwrap();
    assert!(build(dir.path(), &out, &[]).contains("1 rendered, 3 up to date"));
    assert!(lopdf::Document::load(&glossary).is_ok());
    // The same size, one byte changed.
    let mut bytes = std::fs::read(&glossary).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&glossary, &bytes).unwrap();
    assert!(build(dir.path(), &out, &[]).contains("1 rendered, 3 up to date"));
}

#[test]
fn a_multi_page_png_build_is_up_to_date_the_second_time() {
    let dir = project();
    let out = dir.path().join("out");
    let args = ["--format", "png", "--dpi", "10"];
    assert!(build(dir.path(), &out, &args).contains("4 rendered, 0 up to date"));
    assert!(
        out.join("nimhe-uk/key-terms-2.png").is_file(),
        "the glossary has several pages"
    );
    assert!(build(dir.path(), &out, &args).contains("0 rendered, 4 up to date"));
    std::fs::remove_file(out.join("nimhe-uk/key-terms-2.png")).unwrap();
    assert!(build(dir.path(), &out, &args).contains("1 rendered, 3 up to date"));
}

#[test]
fn a_build_killed_after_its_first_document_keeps_that_document_up_to_date() {
    let dir = project();
    let out = dir.path().join("out");
    let mut child = build_command(dir.path(), &out, &[])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    for line in stderr.lines() {
        if line.unwrap().contains(" page") {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let summary = build(dir.path(), &out, &[]);
    let fresh: usize = summary
        .split(" rendered, ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next()?.parse().ok())
        .unwrap_or_else(|| panic!("{summary}"));
    assert!(fresh >= 1, "{summary}");
}

#[test]
fn two_builds_into_one_folder_at_once_keep_both_builds_entries() {
    let dir = project();
    let out = dir.path().join("out");
    let first = build_command(dir.path(), &out, &["--shard", "1/2"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let second = build_command(dir.path(), &out, &["--shard", "2/2"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    for child in [first, second] {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert!(build(dir.path(), &out, &[]).contains("0 rendered, 4 up to date"));
}
