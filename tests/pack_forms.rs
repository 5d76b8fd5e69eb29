//! Session packs' forms and checks: attendees on the sign-in sheet and on certificates,
//! the evaluation form, leaving forms out, --split, and every error of a pack file at once.

use crate::common::hopeprint;
use crate::packs::{changed_pack, pack_in, read_pdf, starts};

#[test]
fn attendees_names_appear_on_the_sign_in_sheet_and_on_one_certificate_each() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("attendees.csv");
    std::fs::write(
        &csv,
        "\u{feff}id,Name,email\n1,Siân Ffion ap Rhys,s@example.org\n2,\"Jones, Dafydd\",d@example.org\n\n3,Zoë Ó Briain,\n",
    )
    .unwrap();
    let (pdf, _) = pack_in(
        dir.path(),
        &[
            "pack",
            "partners-in-recovery",
            "--attendees",
            csv.to_str().unwrap(),
            "--certificates",
        ],
    );
    let names = ["Siân Ffion ap Rhys", "Jones, Dafydd", "Zoë Ó Briain"];
    let sign_in = &pdf.texts[starts(&pdf.texts, "Sign-in sheet")[0] - 1];
    for (n, name) in names.iter().enumerate() {
        assert!(
            sign_in.contains(&format!("{} {name}", n + 1)),
            "{name} on the sign-in sheet: {sign_in}"
        );
    }
    assert!(
        sign_in.contains("3 Zoë Ó Briain 4 5 6 7"),
        "four spare rows: {sign_in}"
    );
    assert_eq!(
        starts(&pdf.texts, "Self-Inventory").len(),
        3,
        "a copy for each attendee"
    );
    let certificates: Vec<usize> = (0..pdf.texts.len())
        .filter(|i| pdf.texts[*i].contains("This is to certify that"))
        .collect();
    assert_eq!(certificates.len(), 3);
    for (i, name) in certificates.iter().zip(names) {
        let page = &pdf.texts[*i];
        assert!(page.contains(name), "{name}: {page}");
        assert!(
            page.contains(
                "Partners in Recovery: practitioners and people in recovery working together"
            ) && page.contains("3 December 2026")
                && page.contains("58 minutes")
                // The built-in pack leaves the venue to be written in: no venue row.
                && !page.contains("Venue")
                && page.contains("Co-facilitator")
                && page.contains("Learning outcomes"),
            "{page}"
        );
        assert_eq!(pdf.sizes[*i], (297, 210), "A4 landscape");
        assert!(
            pdf.texts[*i + 1].is_empty(),
            "printed double-sided, a certificate has a blank back"
        );
    }
}

#[test]
fn a_plain_text_attendees_file_gives_one_name_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("names.txt");
    std::fs::write(&list, "Siân Ffion ap Rhys\n\nGwenllïan Ŵyn\n").unwrap();
    let (pdf, _) = pack_in(
        dir.path(),
        &[
            "pack",
            "partners-in-recovery",
            "--attendees",
            list.to_str().unwrap(),
        ],
    );
    let sign_in = &pdf.texts[starts(&pdf.texts, "Sign-in sheet")[0] - 1];
    assert!(
        sign_in.contains("1 Siân Ffion ap Rhys 2 Gwenllïan Ŵyn 3"),
        "{sign_in}"
    );
    assert_eq!(
        starts(&pdf.texts, "Evaluation").len(),
        2,
        "a form for each attendee"
    );
}

#[test]
fn an_attendees_file_that_is_not_utf8_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("names.txt");
    std::fs::write(&list, b"Dafydd\nSi\xe2n\n").unwrap();
    let output = hopeprint(&[
        "pack",
        "partners-in-recovery",
        "--attendees",
        list.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.contains("line 2 is not UTF-8") && stderr.contains("save the file as UTF-8"),
        "{stderr}"
    );
}

/// The numbers of the sign-in sheet's rows, page by page.
fn sign_in_rows(pdf: &crate::packs::Pdf) -> Vec<usize> {
    let first = starts(&pdf.texts, "Sign-in sheet")[0] - 1;
    (first..pdf.texts.len())
        .take_while(|&i| i == first || pdf.texts[i].starts_with("# Name"))
        .map(|i| {
            let words: Vec<&str> = pdf.texts[i].split_whitespace().collect();
            (words.windows(2))
                .filter(|w| w[0].parse::<usize>().is_ok() && w[1].parse::<usize>().is_ok())
                .count()
                + 1
        })
        .collect()
}

#[test]
fn the_sign_in_sheet_fills_its_pages_with_numbered_rows_for_walk_ins() {
    let dir = tempfile::tempdir().unwrap();
    // Six participants and four spares need ten rows; an A4 page holds twenty-odd.
    let (pdf, _) = pack_in(
        dir.path(),
        &["pack", "partners-in-recovery", "--participants", "6"],
    );
    let rows = sign_in_rows(&pdf);
    assert_eq!(rows.len(), 1, "one page: {rows:?}");
    assert!(rows[0] >= 20, "{rows:?} rows");
    // Forty need two pages, and the second fills too.
    let (pdf, _) = pack_in(
        dir.path(),
        &["pack", "partners-in-recovery", "--participants", "40"],
    );
    let rows = sign_in_rows(&pdf);
    assert_eq!(rows.len(), 2, "two pages: {rows:?}");
    assert!(rows[1] >= 20, "{rows:?} rows");
}

#[test]
fn each_rated_evaluation_question_asks_why_above_its_lines_and_the_open_ones_do_not() {
    let (pdf, _) =
        crate::packs::make_pack(&["pack", "partners-in-recovery", "--participants", "1"]);
    let form = &pdf.texts[starts(&pdf.texts, "Evaluation")[0] - 1];
    // The built-in form rates two questions (1-5 and agree) and asks three open ones.
    assert_eq!(form.matches("Why?").count(), 2, "{form}");
    assert!(
        form.contains("5 = Excellent Why? 2.") && form.contains("5 = Strongly agree Why? 3."),
        "{form}"
    );
}

#[test]
fn the_cover_lists_the_sessions_learning_outcomes_above_the_contents() {
    let (pdf, _) = crate::packs::make_pack(&["pack", "partners-in-recovery"]);
    let cover = &pdf.texts[0];
    let outcomes = cover.find("Learning outcomes • Describe what a partnership");
    let contents = cover.find("Contents Item");
    assert!(
        matches!((outcomes, contents), (Some(o), Some(c)) if o < c),
        "{cover}"
    );
}

#[test]
fn rated_questions_print_their_scale_and_an_empty_evaluation_leaves_the_form_out() {
    let dir = tempfile::tempdir().unwrap();
    let (pdf, _) = pack_in(
        dir.path(),
        &["pack", "partners-in-recovery", "--participants", "1"],
    );
    let form = &pdf.texts[starts(&pdf.texts, "Evaluation")[0] - 1];
    assert!(
        form.contains("1 2 3 4 5 1 = Poor · 5 = Excellent"),
        "{form}"
    );
    assert!(
        form.contains("1 = Strongly disagree · 5 = Strongly agree"),
        "{form}"
    );
    let without = changed_pack(
        dir.path(),
        "partners-in-recovery",
        &[("evaluation:\n", "sign_in: false\nevaluation: []\nunused:\n")],
    );
    let text = std::fs::read_to_string(&without).unwrap();
    let text = text[..text.find("unused:").unwrap()].to_string();
    std::fs::write(&without, text).unwrap();
    let (pdf, _) = pack_in(dir.path(), &["pack", &without, "--participants", "2"]);
    assert!(
        starts(&pdf.texts, "Evaluation").is_empty(),
        "no evaluation forms"
    );
    assert!(
        starts(&pdf.texts, "Sign-in sheet").is_empty(),
        "no sign-in sheet"
    );
    assert!(
        !pdf.texts[0].contains("Evaluation") && !pdf.texts[0].contains("Sign-in"),
        "nor in the contents"
    );
}

#[test]
fn split_writes_every_part_once() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("names.txt");
    std::fs::write(&list, "Siân Ffion ap Rhys\nDafydd Jones\n").unwrap();
    pack_in(
        dir.path(),
        &[
            "pack",
            "partners-in-recovery",
            "--attendees",
            list.to_str().unwrap(),
            "--certificates",
            "--split",
        ],
    );
    let mut files: Vec<String> = std::fs::read_dir(dir.path().join("pack"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "00-cover.pdf",
            "01-agenda.pdf",
            "02-partners-in-recovery-facilitator-guide.pdf",
            "03-partners-in-recovery-self-inventory.pdf",
            "04-partners-in-recovery-discussion-questions.pdf",
            "05-sign-in.pdf",
            "06-evaluation.pdf",
            "07-certificates.pdf",
        ]
    );
    let evaluation = read_pdf(&dir.path().join("pack/06-evaluation.pdf"));
    assert_eq!(evaluation.texts.len(), 1, "one form, not one per attendee");
    let certificates = read_pdf(&dir.path().join("pack/07-certificates.pdf"));
    assert_eq!(certificates.texts.len(), 2, "one per attendee");
}

#[test]
fn missing_keys_and_counts_out_of_range_are_all_reported_at_once_with_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let file = changed_pack(
        dir.path(),
        "partners-in-recovery",
        &[
            ("venue: \"\"\n", ""),
            (
                "{item: \"Close and evaluation\", minutes: 5}",
                "{item: \"Close and evaluation\"}",
            ),
        ],
    );
    let output = hopeprint(&["pack", &file]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.contains("`venue:` is missing from the pack"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`minutes:` is missing from agenda item 5")
            && stderr.contains("changed.yaml:18:"),
        "{stderr}"
    );

    let file = changed_pack(
        dir.path(),
        "partners-in-recovery",
        &[
            ("participants: 12", "participants: 100000"),
            ("minutes: 5}", "minutes: -8}"),
            ("minutes: 10}", "minutes: 4294967295}"),
            ("slot_minutes: 60", "slot_minutes: 0"),
        ],
    );
    let output = hopeprint(&["pack", &file]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    for (line, message, hint) in [
        (
            7,
            "`0` is not between 1 and 1440",
            "the slot is a whole number of minutes",
        ),
        (
            13,
            "`100000` is not between 1 and 500",
            "make a pack for each group",
        ),
        (
            15,
            "`-8` is not between 1 and 1440",
            "an agenda item's length is a whole number of minutes",
        ),
        (
            17,
            "`4294967295` is not between 1 and 1440",
            "an agenda item's length",
        ),
    ] {
        assert!(
            stderr.contains(&format!("changed.yaml:{line}:")),
            "line {line}: {stderr}"
        );
        assert!(
            stderr.contains(message) && stderr.contains(hint),
            "{message}: {stderr}"
        );
    }
    assert!(
        !stderr.contains("indent"),
        "no indentation hint for a number out of range: {stderr}"
    );
}

#[test]
fn an_agenda_past_midnight_and_too_many_attendees_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = changed_pack(
        dir.path(),
        "partners-in-recovery",
        &[("start: \"10:00\"", "start: \"23:30\"")],
    );
    let output = hopeprint(&["pack", &file]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("the agenda runs past midnight (58 minutes from 23:30)"),
        "{stderr}"
    );
    let list = dir.path().join("names.txt");
    std::fs::write(
        &list,
        (0..501)
            .map(|n| format!("Person {n}\n"))
            .collect::<String>(),
    )
    .unwrap();
    let output = hopeprint(&[
        "pack",
        "partners-in-recovery",
        "--attendees",
        list.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.contains("501 attendees are more than a pack is for"),
        "{stderr}"
    );
}

#[test]
fn list_packs_names_each_built_in_pack_with_its_title() {
    let output = hopeprint(&["list", "packs"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    assert!(
        stdout.contains("partners-in-recovery   Partners in Recovery: practitioners")
            && stdout.contains("introducing-the-model  Introducing the Recovery Process Model"),
        "{stdout}"
    );
}

#[test]
fn init_writes_a_pack_whose_schema_line_names_the_pack_schema() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("trust");
    let output = hopeprint(&["init", project.to_str().unwrap(), "--edition", "trust-2027"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let pack = std::fs::read_to_string(project.join("content/packs/session.yaml")).unwrap();
    assert!(pack.starts_with("# yaml-language-server: $schema=../../schemas/pack.schema.json\n"));
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(project.join("schemas/pack.schema.json")).unwrap(),
    )
    .unwrap();
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    for key in [
        "title",
        "date",
        "participants",
        "agenda",
        "documents",
        "evaluation",
    ] {
        assert!(required.contains(&key), "{key} is required: {required:?}");
    }
    assert!(
        schema["properties"]["paper"].is_object() && schema["properties"]["outcomes"].is_object()
    );
}

#[test]
fn counts_written_as_text_and_an_unknown_scale_are_reported_together_with_fitting_hints() {
    let dir = tempfile::tempdir().unwrap();
    let file = changed_pack(
        dir.path(),
        "partners-in-recovery",
        &[
            ("participants: 12", "participants: twelve"),
            ("minutes: 10}", "minutes: \"ten\"}"),
            ("scale: agree}", "scale: \"1-10\"}"),
        ],
    );
    let output = hopeprint(&["pack", &file]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.contains("changed.yaml:13:") && stderr.contains("`twelve` is not a whole number"),
        "{stderr}"
    );
    assert!(
        stderr.contains("changed.yaml:17:")
            && stderr.contains("write `minutes:` as a number without quotes, e.g. `minutes: 10`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("evaluation question 2 has no scale hopeprint knows")
            && stderr.contains("(or `scale: agree`)"),
        "{stderr}"
    );
    assert!(!stderr.contains("indentation"), "{stderr}");
}

#[test]
fn check_refuses_a_pack_document_on_another_paper_than_the_packs() {
    let dir = tempfile::tempdir().unwrap();
    let packs = dir.path().join("content/packs");
    std::fs::create_dir_all(&packs).unwrap();
    let file = changed_pack(
        &packs,
        "introducing-the-model",
        &[
            ("slot_minutes: 90", "slot_minutes: 90\npaper: a4"),
            (
                "{kind: principles, per: room}",
                "{kind: principles, per: room, paper: a2}",
            ),
        ],
    );
    assert!(file.ends_with("introducing-the-model-changed.yaml"));
    let output = hopeprint(&["-C", dir.path().to_str().unwrap(), "check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("introducing-the-model-changed.yaml:25:")
            && stderr.contains("asks for A2 paper, but the pack prints on A4"),
        "{stderr}"
    );
}

/// The horizontal lines drawn on page `n` (1-based) of a PDF, as their lengths in points.
fn horizontal_lines(path: &std::path::Path, n: u32) -> Vec<f32> {
    let doc = lopdf::Document::load(path).unwrap();
    let page = doc.get_pages()[&n];
    let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap();
    let number = |o: &lopdf::Object| o.as_float().unwrap_or_else(|_| o.as_i64().unwrap() as f32);
    let (mut at, mut lines) = ((0.0, 0.0), vec![]);
    for op in &content.operations {
        match op.operator.as_str() {
            "m" => at = (number(&op.operands[0]), number(&op.operands[1])),
            "l" => {
                let to = (number(&op.operands[0]), number(&op.operands[1]));
                if (to.1 - at.1).abs() < 0.01 {
                    lines.push((to.0 - at.0).abs());
                }
                at = to;
            }
            _ => {}
        }
    }
    lines
}

/// The pack `pack` (a built-in id or a pack file) with a certificate for each of `names`,
/// made in `dir` as `pack.pdf`, one-sided, so that its last page is the last certificate
/// (printed double-sided, a blank back follows each).
fn with_certificates(dir: &std::path::Path, pack: &str, names: &[&str]) -> crate::packs::Pdf {
    let csv = dir.join("attendees.csv");
    std::fs::write(&csv, format!("name\n{}\n", names.join("\n"))).unwrap();
    let args = [
        "pack",
        pack,
        "--attendees",
        csv.to_str().unwrap(),
        "--certificates",
        "--one-sided",
    ];
    pack_in(dir, &args).0
}

#[test]
fn a_certificate_gives_the_date_without_the_start_time_and_a_signature_line_over_each_facilitator()
{
    let dir = tempfile::tempdir().unwrap();
    let pdf = with_certificates(dir.path(), "partners-in-recovery", &["Amira Patel"]);
    let last = pdf.texts.len();
    let page = &pdf.texts[last - 1];
    assert!(
        page.contains("Amira Patel") && page.contains("3 December 2026"),
        "{page}"
    );
    assert!(!page.contains("10:00"), "no start time: {page}");
    // The pack's two facilitators sign at the foot: the built-in pack leaves their names
    // to be written in, so their roles end the page.
    assert!(
        page.ends_with("Facilitator Co-facilitator with lived experience"),
        "{page}"
    );
    // Two signature lines, each shorter than half the page (the frame's sides are longer).
    let width = 297.0 * 72.0 / 25.4;
    let signature = horizontal_lines(&dir.path().join("pack.pdf"), last as u32)
        .into_iter()
        .filter(|l| *l > 100.0 && *l < width / 2.0)
        .count();
    assert_eq!(signature, 2, "a line for each facilitator");
}

#[test]
fn the_contents_count_a_certificate_for_each_attendee() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = with_certificates(
        dir.path(),
        "partners-in-recovery",
        &["Amira Patel", "Owen Jones"],
    );
    let last = pdf.texts.len();
    let row = format!("Certificate of attendance 2 {}–{last}", last - 1);
    assert!(pdf.texts[0].contains(&row), "{row}: {}", pdf.texts[0]);
}

#[test]
fn a_certificate_with_long_facilitator_names_and_roles_is_scaled_to_its_page_without_overprinting()
{
    let dir = tempfile::tempdir().unwrap();
    let long = "  - {name: \"Dr Bartholomew Featherstonehaugh-Llewellyn-Smythe\", role: \"Consultant clinical psychologist and lead for peer support across three boroughs and their community teams\"}\n";
    let pack = changed_pack(
        dir.path(),
        "partners-in-recovery",
        &[("  - {name: \"\", role: \"Facilitator\"}\n", &long.repeat(3))],
    );
    let pdf = with_certificates(dir.path(), &pack, &["Amira Patel"]);
    let bytes = std::fs::read(dir.path().join("pack.pdf")).unwrap();
    let last = pdf.texts.len() as u32;
    let runs: Vec<_> = (crate::common::placed_text(&bytes).into_iter())
        .filter(|r| r.page == last)
        .collect();
    let at = |text: &str| {
        runs.iter()
            .find(|r| r.text.contains(text))
            .unwrap_or_else(|| panic!("{text}: {runs:?}"))
    };
    // The title stands clear below the organisation's line (overprinted, they were 17 pt
    // apart for a title over 30 pt tall) ...
    let (organisation, title) = (at("National Institute"), at("Certificate of attendance"));
    assert!(
        organisation.y - title.y >= title.size,
        "{organisation:?} {title:?}"
    );
    // ... and the last line of the signatures stays on the page, above its frame.
    let height = 210.0 * 72.0 / 25.4;
    assert!(
        runs.iter()
            .all(|r| r.y > 18.0 * 72.0 / 25.4 && r.y < height),
        "{runs:?}"
    );
}

#[test]
fn no_line_of_a_packs_footers_and_subtitles_ends_with_a_separating_dot() {
    let dir = tempfile::tempdir().unwrap();
    pack_in(
        dir.path(),
        &["pack", "partners-in-recovery", "--participants", "2"],
    );
    let runs = crate::common::placed_text(&std::fs::read(dir.path().join("pack.pdf")).unwrap());
    // Runs on one baseline of a page make a line, left to right.
    let mut lines: std::collections::BTreeMap<(u32, i64), Vec<(f32, String)>> = Default::default();
    for run in runs {
        let key = (run.page, (run.y * 2.0).round() as i64);
        lines.entry(key).or_default().push((run.x, run.text));
    }
    let mut checked = 0;
    for ((page, _), mut runs) in lines {
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let line: String = runs.into_iter().map(|(_, t)| t).collect();
        checked += usize::from(line.contains('·'));
        assert!(
            !line.trim_end().ends_with('·'),
            "page {page}: {line:?} ends with a dot"
        );
    }
    assert!(checked > 10, "{checked} lines with dots");
}

#[test]
fn a_pack_that_leaves_the_venue_and_facilitator_names_empty_prints_a_line_for_each_and_its_date_in_words()
 {
    let dir = tempfile::tempdir().unwrap();
    // The built-in pack leaves the venue and both facilitators' names empty ("").
    let (pdf, _) = pack_in(dir.path(), &["pack", "partners-in-recovery"]);
    let cover = &pdf.texts[0];
    assert!(
        cover.contains("Date 3 December 2026, 10:00") && !cover.contains("2026-12-03"),
        "{cover}"
    );
    assert!(
        cover.contains("Venue Facilitator Co-facilitator with lived experience Learning outcomes"),
        "each empty value is labelled, with nothing printed in it: {cover}"
    );
    // A line to write on for the venue and for each facilitator: from the labels' column
    // to the margin, shorter than the contents' rules, which run the text's full width.
    let width = 210.0 * 72.0 / 25.4;
    let write_in = horizontal_lines(&dir.path().join("pack.pdf"), 1)
        .into_iter()
        .filter(|l| *l > 100.0 && *l < width * 0.6)
        .count();
    assert_eq!(write_in, 3, "three lines to write on");
}
