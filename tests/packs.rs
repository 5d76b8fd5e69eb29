//! Session packs: one PDF on one paper — cover with contents and page numbers, agenda
//! (times computed), the documents with their copies, a sign-in sheet and evaluation
//! forms; each part numbered on its own; printed double-sided (the default), every item
//! starts on an odd page and blank backs stay blank.

use std::path::Path;

use crate::common::hopeprint;

/// What a test reads back from a pack's PDF.
pub struct Pdf {
    /// The text of each page, whitespace collapsed.
    pub texts: Vec<String>,
    /// Each page's MediaBox width and height, in mm, rounded.
    pub sizes: Vec<(i64, i64)>,
}

pub fn read_pdf(path: &Path) -> Pdf {
    let doc = lopdf::Document::load(path).unwrap();
    let mut texts = vec![];
    let mut sizes = vec![];
    for (n, id) in doc.get_pages() {
        let text = doc.extract_text(&[n]).unwrap_or_default();
        texts.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
        let page = doc.get_dictionary(id).unwrap();
        let bx = page.get(b"MediaBox").unwrap().as_array().unwrap();
        let num = |i: usize| {
            bx[i]
                .as_float()
                .unwrap_or_else(|_| bx[i].as_i64().unwrap() as f32)
        };
        let mm = |pt: f32| (f64::from(pt) * 25.4 / 72.0).round() as i64;
        sizes.push((mm(num(2) - num(0)), mm(num(3) - num(1))));
    }
    Pdf { texts, sizes }
}

/// Runs `hopeprint` with `args` and `-o` a file in `dir`; returns the PDF and stderr.
pub fn pack_in(dir: &Path, args: &[&str]) -> (Pdf, String) {
    let out = dir.join("pack.pdf");
    let mut all = args.to_vec();
    all.extend(["-o", out.to_str().unwrap()]);
    let output = hopeprint(&all);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    (read_pdf(&out), stderr)
}

pub fn make_pack(args: &[&str]) -> (Pdf, String) {
    let dir = tempfile::tempdir().unwrap();
    pack_in(dir.path(), args)
}

/// The 1-based numbers of the pages whose text starts with `title`.
pub fn starts(pages: &[String], title: &str) -> Vec<usize> {
    pages
        .iter()
        .enumerate()
        .filter(|(_, t)| t.starts_with(title))
        .map(|(i, _)| i + 1)
        .collect()
}

/// Whether a pack page's footer names its part, on the line above the attribution ("After
/// …"), and numbers the page `page` of the part's own pages (at its end).
pub fn footer_names(text: &str, part: &str, page: usize) -> bool {
    text.contains(&format!("{part} After")) && text.contains(&format!("Page {page} of "))
}

/// A built-in pack's text with `from` replaced by `to` (which must occur), written to `dir`.
pub fn changed_pack(dir: &Path, pack: &str, edits: &[(&str, &str)]) -> String {
    let mut text = std::fs::read_to_string(format!(
        "{}/content/packs/{pack}.yaml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "{from}");
        text = text.replace(from, to);
    }
    let file = dir.join(format!("{pack}-changed.yaml"));
    std::fs::write(&file, text).unwrap();
    file.to_str().unwrap().to_string()
}

#[test]
fn every_page_of_both_built_in_packs_is_the_packs_paper_size() {
    for pack in ["partners-in-recovery", "introducing-the-model"] {
        let (pdf, _) = make_pack(&["pack", pack, "--participants", "3"]);
        assert!(
            pdf.sizes.iter().all(|s| *s == (210, 297)),
            "{pack}: every page A4 portrait, not {:?}",
            pdf.sizes.iter().find(|s| **s != (210, 297))
        );
    }
    let (letter, _) = make_pack(&[
        "pack",
        "introducing-the-model",
        "--edition",
        "ohio-us",
        "--participants",
        "2",
    ]);
    assert!(
        letter.sizes.iter().all(|s| *s == (216, 279)),
        "the ohio-us edition's handout paper, US Letter: {:?}",
        letter.sizes
    );
}

#[test]
fn a_poster_in_a_pack_prints_as_its_sheet_on_the_packs_paper() {
    let dir = tempfile::tempdir().unwrap();
    let file = changed_pack(
        dir.path(),
        "introducing-the-model",
        &[(
            "{kind: level-sheet, level: 1, per: room}",
            "{kind: level-poster, level: 1, practices: true, per: room}",
        )],
    );
    let (pdf, _) = pack_in(dir.path(), &["pack", &file, "--participants", "2"]);
    assert!(
        pdf.sizes.iter().all(|s| *s == (210, 297)),
        "{:?}",
        pdf.sizes
    );
    assert!(
        pdf.texts
            .iter()
            .any(|t| t
                .starts_with("Level 1: Dependent / Unaware Everything the Recovery Process Model")),
        "the level's sheet in place of its poster"
    );
    let principles = starts(&pdf.texts, "Guiding Principles");
    assert!(!principles.is_empty());
    assert!(
        footer_names(&pdf.texts[principles[0] - 1], "Guiding Principles", 1),
        "the principles flow over handout pages, numbered on their own"
    );
}

#[test]
fn a_document_asking_for_another_paper_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = changed_pack(
        dir.path(),
        "introducing-the-model",
        &[(
            "{kind: principles, per: room}",
            "{kind: principles, per: room, paper: a1}",
        )],
    );
    let output = hopeprint(&["pack", &file]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("changed.yaml:24:")
            && stderr.contains("asks for A1 paper, but the pack prints on A4")
            && stderr.contains("set the pack's `paper: a1`"),
        "{stderr}"
    );
    let with_paper = changed_pack(
        dir.path(),
        "introducing-the-model",
        &[("slot_minutes: 90", "slot_minutes: 90\npaper: a5")],
    );
    let (pdf, _) = pack_in(dir.path(), &["pack", &with_paper, "--participants", "2"]);
    assert!(
        pdf.sizes.iter().all(|s| *s == (148, 210)),
        "the pack's own paper, A5: {:?}",
        pdf.sizes
    );
}

#[test]
fn by_default_the_page_count_is_even_items_start_on_odd_pages_and_blank_backs_have_no_text() {
    let (pdf, stderr) = make_pack(&["pack", "partners-in-recovery", "--participants", "3"]);
    let pages = &pdf.texts;
    assert!(
        !stderr.contains("warning"),
        "58 minutes fit the 60-minute slot: {stderr}"
    );
    assert_eq!(pages.len() % 2, 0, "{} pages", pages.len());
    let agenda = &pages[starts(pages, "Agenda")[0] - 1];
    assert!(
        agenda.contains("10:00–10:05") && agenda.contains("10:53–10:58"),
        "times from 10:00: {agenda}"
    );
    let self_inventory = starts(pages, "Self-Inventory");
    let evaluation = starts(pages, "Evaluation");
    assert_eq!(self_inventory.len(), 3, "one per participant");
    assert_eq!(evaluation.len(), 3, "one evaluation form per participant");
    assert_eq!(
        starts(pages, "Discussion Questions Following the Video").len(),
        3
    );
    assert_eq!(
        starts(
            pages,
            "Facilitator guide Partners in Recovery Creating Successful"
        )
        .len(),
        2,
        "one facilitator guide per facilitator"
    );
    let sign_in = starts(pages, "Sign-in sheet");
    assert_eq!(sign_in.len(), 1);
    for page in self_inventory
        .iter()
        .chain(&evaluation)
        .chain(&sign_in)
        .chain(&starts(pages, "Agenda"))
    {
        assert!(
            page % 2 == 1,
            "printed double-sided, every item starts on a right-hand page, not page {page}"
        );
    }
    let blanks: Vec<usize> = (1..=pages.len())
        .filter(|n| pages[n - 1].is_empty())
        .collect();
    assert!(!blanks.is_empty(), "a one-page item has a blank back");
    for n in &blanks {
        assert!(n % 2 == 0, "a blank page is a back, not page {n}");
    }
}

#[test]
fn one_sided_adds_no_blank_pages_and_duplex_is_the_default() {
    let pack = |flag: Option<&str>| {
        let mut args = vec!["pack", "partners-in-recovery", "--participants", "3"];
        args.extend(flag);
        make_pack(&args).0.texts
    };
    let (one_sided, default, duplex) = (
        pack(Some("--one-sided")),
        pack(None),
        pack(Some("--duplex")),
    );
    assert!(one_sided.len() < default.len());
    assert_eq!(default, duplex, "--duplex asks for what is the default");
    assert!(one_sided.iter().all(|t| !t.is_empty()), "no blank pages");
}

#[test]
fn each_part_is_numbered_on_its_own_and_the_contents_give_its_pages() {
    let (pdf, _) = make_pack(&["pack", "partners-in-recovery", "--participants", "14"]);
    let pages = &pdf.texts;
    let first = starts(pages, "Self-Inventory");
    assert_eq!(first.len(), 14);
    // One copy runs from its first page to the next copy's, a blank back included.
    let span = first[1] - first[0];
    let printed = (first[0]..first[1])
        .filter(|n| !pages[n - 1].is_empty())
        .count();
    assert!(printed >= 1 && span - printed <= 1, "{span} {printed}");
    for page in 1..=printed {
        let text = &pages[first[0] + page - 2];
        assert!(
            footer_names(text, "Self-Inventory", page) && text.ends_with(&format!("of {printed}")),
            "{text}"
        );
    }
    assert!(
        !pages
            .iter()
            .any(|p| p.contains(&format!("of {}", pages.len()))),
        "no page is numbered within the whole pack"
    );
    let last = *first.last().unwrap() + span - 1;
    let cover = &pages[0];
    assert!(
        cover.contains("Item Copies Pack pages")
            && cover.contains(&format!("Self-Inventory 14 {}–{last}", first[0])),
        "the contents list the self-inventories' pages: {cover}"
    );
    let evaluation = starts(pages, "Evaluation");
    assert!(
        cover.contains(&format!("Evaluation 14 {}–", evaluation[0])),
        "{cover}"
    );
}

#[test]
fn an_agenda_that_runs_past_its_slot_is_a_warning_and_shown() {
    let dir = tempfile::tempdir().unwrap();
    let file = changed_pack(
        dir.path(),
        "partners-in-recovery",
        &[(
            "{item: \"Close and evaluation\", minutes: 5}",
            "{item: \"Close and evaluation\", minutes: 12}",
        )],
    );
    let (pdf, stderr) = pack_in(dir.path(), &["pack", &file, "--participants", "2"]);
    assert!(
        stderr.contains("the agenda takes 65 minutes, 5 more than the 60-minute slot"),
        "{stderr}"
    );
    assert!(
        pdf.texts
            .iter()
            .any(|p| p.contains("The agenda runs over the slot by 5 minutes"))
    );
}

#[test]
fn the_model_pack_prints_every_principle_and_level_1_once() {
    let (pdf, _) = make_pack(&["pack", "introducing-the-model", "--participants", "2"]);
    let all = pdf.texts.join(" ");
    for n in ["Principle I ", "Principle XII"] {
        assert_eq!(all.matches(n).count(), 1, "{n}");
    }
    assert_eq!(
        starts(&pdf.texts, "Level 1: Dependent / Unaware Everything").len(),
        1,
        "the level's sheet once, for the room"
    );
}

#[test]
fn the_pack_cover_has_no_page_footer_and_notes_that_pack_pages_count_the_pdfs_pages() {
    let (pdf, _) = make_pack(&["pack", "partners-in-recovery"]);
    let cover = &pdf.texts[0];
    assert!(!cover.contains("Page 1 of"), "{cover}");
    assert!(
        cover.ends_with("Pack pages count the pages of this pack; each handout numbers its own."),
        "{cover}"
    );
}

#[test]
fn a_one_page_part_is_named_at_the_foot_of_its_page_without_page_1_of_1() {
    let (pdf, _) = make_pack(&["pack", "partners-in-recovery", "--participants", "1"]);
    for part in ["Agenda", "Sign-in sheet", "Evaluation"] {
        let page = &pdf.texts[starts(&pdf.texts, part)[0] - 1];
        assert!(
            page.ends_with(&format!(" {part}")) && !page.contains("Page 1 of 1"),
            "{part}: {page}"
        );
    }
}

/// A long part title ("Discussion Questions Following the Video") once squeezed the
/// attribution beside it onto two lines, the date alone on the second.
#[test]
fn a_long_part_title_leaves_the_footers_attribution_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    pack_in(
        dir.path(),
        &["pack", "partners-in-recovery", "--participants", "1"],
    );
    let out = dir.path().join("pack.pdf");
    let runs = crate::common::placed_text(&std::fs::read(&out).unwrap());
    let page = (runs.iter())
        .find(|r| r.text.contains("Following the Video") && r.size < 10.0)
        .expect("a footer naming the discussion questions")
        .page;
    let line_of = |needle: &str| {
        (runs.iter())
            .find(|r| r.page == page && r.text.contains(needle))
            .unwrap_or_else(|| panic!("{needle} on page {page}"))
            .y
    };
    assert!((line_of("After SAMHSA") - line_of("2026-11-01")).abs() < 1.0);
}

#[test]
fn the_agendas_minutes_column_is_headed_with_a_capital() {
    let (pdf, _) = make_pack(&["pack", "partners-in-recovery"]);
    let agenda = &pdf.texts[starts(&pdf.texts, "Agenda")[0] - 1];
    assert!(agenda.contains("Time Item Minutes"), "{agenda}");
}

#[test]
fn the_agenda_page_ends_with_a_notes_heading_after_the_facilitator_notes() {
    let (pdf, _) = make_pack(&["pack", "partners-in-recovery", "--participants", "3"]);
    let agenda = &pdf.texts[starts(&pdf.texts, "Agenda")[0] - 1];
    let notes = agenda.find("Facilitator notes").expect("facilitator notes");
    assert!(
        agenda[notes..].contains("Notes"),
        "a Notes heading follows the facilitator notes: {agenda}"
    );
}
