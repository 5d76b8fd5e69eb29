//! Session packs: one PDF with cover, agenda (times computed), the documents with their
//! copies, a sign-in sheet and evaluation forms; with --duplex every item starts on an
//! odd page.

use crate::common::hopeprint;

/// The text of each page, whitespace collapsed.
fn page_texts(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    doc.get_pages()
        .keys()
        .map(|n| {
            doc.extract_text(&[*n])
                .unwrap_or_default()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn make_pack(args: &[&str]) -> (Vec<String>, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pack.pdf");
    let mut all = args.to_vec();
    all.extend(["-o", out.to_str().unwrap()]);
    let output = hopeprint(&all);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    (page_texts(&std::fs::read(out).unwrap()), stderr)
}

/// The 1-based numbers of the pages whose text starts with `title`.
fn starts(pages: &[String], title: &str) -> Vec<usize> {
    pages
        .iter()
        .enumerate()
        .filter(|(_, t)| t.starts_with(title))
        .map(|(i, _)| i + 1)
        .collect()
}

#[test]
fn partners_in_recovery_pack_has_every_part_with_its_copies_on_odd_pages() {
    let (pages, stderr) = make_pack(&[
        "pack",
        "partners-in-recovery",
        "--participants",
        "3",
        "--duplex",
    ]);
    assert!(
        !stderr.contains("warning"),
        "58 minutes fit the 60-minute slot: {stderr}"
    );
    let cover = &pages[0];
    assert!(
        cover.contains("Self-Inventory (3 copies)") && !cover.contains("copies)-"),
        "one contents entry a line: {cover}"
    );
    let agenda = &pages[starts(&pages, "Agenda")[0] - 1];
    assert!(
        agenda.contains("10:00–10:05") && agenda.contains("10:53–10:58"),
        "times from 10:00: {agenda}"
    );
    let self_inventory = starts(&pages, "Self-Inventory");
    let evaluation = starts(&pages, "Evaluation");
    assert_eq!(self_inventory.len(), 3, "one per participant");
    assert_eq!(evaluation.len(), 3, "one evaluation form per participant");
    assert_eq!(
        starts(&pages, "Discussion Questions Following the Video").len(),
        3
    );
    assert_eq!(
        starts(&pages, "Partners in Recovery Creating Successful").len(),
        2,
        "one facilitator guide per facilitator"
    );
    let sign_in = starts(&pages, "Sign-in sheet");
    assert_eq!(sign_in.len(), 1);
    for page in self_inventory
        .iter()
        .chain(&evaluation)
        .chain(&sign_in)
        .chain(&starts(&pages, "Agenda"))
    {
        assert!(
            page % 2 == 1,
            "with --duplex every item starts on a right-hand page, not page {page}"
        );
    }
}

#[test]
fn without_duplex_items_follow_on_the_next_page() {
    let (simplex, _) = make_pack(&["pack", "partners-in-recovery", "--participants", "3"]);
    let (duplex, _) = make_pack(&[
        "pack",
        "partners-in-recovery",
        "--participants",
        "3",
        "--duplex",
    ]);
    assert!(
        simplex.len() < duplex.len(),
        "{} vs {}",
        simplex.len(),
        duplex.len()
    );
    assert!(
        starts(&simplex, "Evaluation").iter().any(|p| p % 2 == 0),
        "no blank pages are added"
    );
}

#[test]
fn an_agenda_that_runs_past_its_slot_is_a_warning_and_shown() {
    let dir = tempfile::tempdir().unwrap();
    let built_in = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/packs/partners-in-recovery.yaml"
    ))
    .unwrap();
    let long = built_in.replace(
        "{item: \"Close and evaluation\", minutes: 5}",
        "{item: \"Close and evaluation\", minutes: 12}",
    );
    let file = dir.path().join("long.yaml");
    std::fs::write(&file, long).unwrap();
    let (pages, stderr) = make_pack(&["pack", file.to_str().unwrap(), "--participants", "2"]);
    assert!(
        stderr.contains("the agenda takes 65 minutes, 5 more than the 60-minute slot"),
        "{stderr}"
    );
    assert!(
        pages
            .iter()
            .any(|p| p.contains("The agenda runs over the slot by 5 minutes"))
    );
}

#[test]
fn the_model_pack_prints_all_twelve_principles_on_one_page_and_level_1_once() {
    let (pages, _) = make_pack(&["pack", "introducing-the-model", "--participants", "2"]);
    assert!(
        pages
            .iter()
            .any(|p| p.starts_with("Guiding Principles") && p.contains("Principle XII")),
        "the principles on one page"
    );
    assert_eq!(
        starts(&pages, "Level 1: Dependent / Unaware").len()
            + starts(&pages, "Level 1 Dependent").len(),
        1
    );
}

#[test]
fn a_pack_with_a_bad_start_time_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let built_in = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/packs/partners-in-recovery.yaml"
    ))
    .unwrap();
    let file = dir.path().join("bad.yaml");
    std::fs::write(
        &file,
        built_in.replace("start: \"10:00\"", "start: \"10 o'clock\""),
    )
    .unwrap();
    let output = hopeprint(&["pack", file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.contains("bad.yaml:6:") && stderr.contains("is not a time"),
        "{stderr}"
    );
}
