//! The catalogue build: incremental (unchanged documents are not rendered again, a changed
//! statement re-renders only the documents that print it), sharded, and reporting.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn build(project: &Path, out: &Path, extra: &[&str]) -> (String, String) {
    let mut args = vec![
        "-C",
        project.to_str().unwrap(),
        "build",
        "--verbose",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    let output = Command::new(env!("CARGO_BIN_EXE_hopeprint"))
        .args(&args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    let summary = stderr.lines().last().unwrap_or_default().to_string();
    (stderr, summary)
}

/// The documents a verbose build rendered (not the up-to-date ones).
fn rendered(stderr: &str) -> BTreeSet<String> {
    stderr
        .lines()
        .filter(|l| l.starts_with('[') && l.contains(" page"))
        .filter_map(|l| l.split_whitespace().nth(1).map(str::to_string))
        .collect()
}

#[test]
fn an_unchanged_build_renders_nothing_and_a_changed_statement_only_its_documents() {
    let project = tempfile::tempdir().unwrap();
    let out = project.path().join("out");
    let (first, summary) = build(project.path(), &out, &[]);
    let all = rendered(&first);
    assert!(all.len() > 70, "{summary}");
    assert!(
        summary.contains(&format!("{} rendered, 0 up to date", all.len())),
        "{summary}"
    );

    let (second, summary) = build(project.path(), &out, &[]);
    assert!(rendered(&second).is_empty(), "{second}");
    assert!(
        summary.contains(&format!("0 rendered, {} up to date", all.len())),
        "{summary}"
    );

    // Change one statement of level 3, Clinical Care, person's status.
    let level = "content/model/levels/3-independent-aware.yaml";
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(level)).unwrap();
    let changed = text.replacen(
        "Takes responsibility for managing",
        "Takes charge of managing",
        1,
    );
    assert_ne!(text, changed);
    std::fs::create_dir_all(project.path().join("content/model/levels")).unwrap();
    std::fs::write(project.path().join(level), changed).unwrap();
    let (third, _) = build(project.path(), &out, &[]);
    // A poster's column widths follow its sibling's text too (a level's, or a component's,
    // two posters share one grid): the change moves the US clinical-care posters' grid.
    let expected: BTreeSet<String> = [
        "nimhe-uk/level-3-independent-aware-poster",
        "ohio-us/component-clinical-care-best-practices-poster",
        "nimhe-uk/level-3-independent-aware-sheet",
        "nimhe-uk/role-person-sheet",
        "nimhe-uk/component-clinical-care-sheet",
        "ohio-us/component-clinical-care-poster",
        "ohio-us/level-3-independent-aware-sheet",
        "ohio-us/role-person-sheet",
        "ohio-us/component-clinical-care-sheet",
    ]
    .into_iter()
    .map(str::to_string)
    .collect();
    assert_eq!(rendered(&third), expected);

    let (forced, _) = build(project.path(), &out, &["--force"]);
    assert_eq!(rendered(&forced), all, "--force renders everything");
}

#[test]
fn shards_split_the_documents_without_overlap() {
    let project = tempfile::tempdir().unwrap();
    let (one, _) = build(
        project.path(),
        &project.path().join("a"),
        &["--shard", "1/2"],
    );
    let (two, _) = build(
        project.path(),
        &project.path().join("b"),
        &["--shard", "2/2"],
    );
    let (one, two) = (rendered(&one), rendered(&two));
    assert!(!one.is_empty() && !two.is_empty());
    assert!(one.is_disjoint(&two));
    assert!(
        one.len().abs_diff(two.len()) <= 1,
        "{} and {}",
        one.len(),
        two.len()
    );
    assert!(one.len() + two.len() > 70);
}

#[test]
fn a_build_shows_each_documents_warnings_under_its_name_even_when_quiet() {
    let project = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(project.path().join("content")).unwrap();
    std::fs::write(
        project.path().join("content/catalog.yaml"),
        "version: \"test 1\"\ndate: \"2026-11-01\"\ndocuments:\n  - {kind: level-poster, level: 1}\n  - {kind: glossary}\n",
    )
    .unwrap();
    let out = project.path().join("out");
    // A level poster in portrait is warned about its narrow columns; the glossary is not.
    let output = Command::new(env!("CARGO_BIN_EXE_hopeprint"))
        .args([
            "-C",
            project.path().to_str().unwrap(),
            "build",
            "--quiet",
            "--portrait",
        ])
        .args(["--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let warned: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("characters a line"))
        .collect();
    assert!(!warned.is_empty(), "{stderr}");
    assert!(
        warned
            .iter()
            .all(|l| l.contains("/level-1-dependent-unaware-poster: ")),
        "{stderr}"
    );
    assert!(!stderr.contains("glossary:"), "{stderr}");
}
