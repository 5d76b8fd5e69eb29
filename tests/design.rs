//! Print design, measured on what is printed: a poster's hierarchy and labels, the logo's
//! size, the floors a poster keeps, the key terms' order and spacing, one reference an
//! entry, and the press PDF's BleedBox. (Page breaks: `page_breaking.rs`.)

use crate::common::{self, hopeprint};
use hopeprint::catalog::Catalog;
use hopeprint::content::Library;
use hopeprint::document::spec::SpecFields;
use hopeprint::document::{Document, Kind, NameOrNumber, Request, resolve_request};
use hopeprint::project::Project;
use hopeprint::typeset::{PdfStandard, Typesetter};
use hopeprint::{edition, layout, render};
use typst::layout::{Frame, FrameItem};

/// The largest text and the tallest image of a page, in points.
fn largest(frame: &Frame, text: &mut f64, image: &mut f64) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(g) => largest(&g.frame, text, image),
            FrameItem::Text(t) => *text = text.max(t.size.to_pt()),
            FrameItem::Image(_, size, _) => *image = image.max(size.y.to_pt()),
            _ => {}
        }
    }
}

/// A level-1 poster (`practices`: its best-practices poster), typeset.
fn level_poster(practices: bool) -> (Document, render::Typeset) {
    common::typeset(
        &common::built_in(),
        &poster(Kind::LevelPoster, practices),
        &common::settings(),
    )
    .unwrap()
}

fn poster(kind: Kind, practices: bool) -> Request {
    common::with_fields(SpecFields {
        level: (kind == Kind::LevelPoster).then_some(NameOrNumber::Number(1)),
        component: (kind == Kind::ComponentPoster).then(|| "peer-support".to_string()),
        practices,
        ..SpecFields::of(kind)
    })
}

#[test]
fn every_built_in_posters_title_is_at_least_three_times_its_body_size() {
    let env = layout::environment(&common::built_in());
    let mut posters = 0;
    for (ts, settings, library, request) in common::every_built_in_document() {
        let doc = hopeprint::document::resolve_request(&library, &request, &settings).unwrap();
        if !matches!(doc.fit, hopeprint::document::page::Fit::OnePage { .. }) {
            continue;
        }
        posters += 1;
        let typeset = render::typeset(&ts, &env, &doc, common::date()).unwrap();
        let (mut text, mut image) = (0.0, 0.0);
        largest(&typeset.pages.pages()[0].frame, &mut text, &mut image);
        assert!(
            text >= 3.0 * typeset.size - 0.01,
            "{}: title {text} pt, body {} pt",
            doc.name,
            typeset.size
        );
    }
    assert!(posters >= 28, "both editions' posters: {posters}");
}

#[test]
fn a_level_poster_prints_the_levels_explanatory_note_where_the_model_has_one() {
    let text = |level: u32| {
        let request = common::level_request(Kind::LevelPoster, level);
        let (doc, typeset) =
            common::typeset(&common::built_in(), &request, &common::settings()).unwrap();
        common::pdf_text(&common::pdf(&typeset, &doc.name, PdfStandard::None).unwrap())
    };
    let (one, two, four) = (text(1), text(2), text(4));
    let note = "The concept of dependent/unaware may appear negative";
    let caption = one
        .find("Defines the person's personal status")
        .expect("the caption");
    let at = one.find(note).expect("level 1's note");
    assert!(at < caption, "the note comes before the table: {one:.400}");
    assert!(one.contains("the impact of the illness/distress on their daily lives."));
    assert!(four.contains("we all have interdependent relationships with our partners"));
    assert!(!two.contains(note) && !two.contains("interdependent relationships"));
}

#[test]
fn a_levels_two_posters_open_with_their_own_tables_name() {
    let text = |practices| {
        let (doc, typeset) = level_poster(practices);
        common::pdf_text(&common::pdf(&typeset, &doc.name, PdfStandard::None).unwrap())
    };
    let (process, practices) = (text(false), text(true));
    // The table's name is the first thing on the poster, in its own band.
    assert!(
        process.starts_with("Mental Health Recovery Process Level 1"),
        "{process:.80}"
    );
    assert!(
        practices.starts_with("Emerging Best Practices Level 1"),
        "{practices:.80}"
    );
}

/// The size and colour of a poster's largest text: its title.
fn title(frame: &Frame) -> Option<(f64, typst::visualize::Paint)> {
    let mut best: Option<(f64, typst::visualize::Paint)> = None;
    for (_, item) in frame.items() {
        let found = match item {
            FrameItem::Group(g) => title(&g.frame),
            FrameItem::Text(t) => Some((t.size.to_pt(), t.fill.clone())),
            _ => None,
        };
        if let Some(f) = found
            && best.as_ref().is_none_or(|b| f.0 > b.0)
        {
            best = Some(f);
        }
    }
    best
}

fn poster_title(request: &Request) -> (f64, typst::visualize::Paint, f64) {
    let (_, typeset) = common::typeset(&common::built_in(), request, &common::settings()).unwrap();
    let (size, fill) = title(&typeset.pages.pages()[0].frame).unwrap();
    (size, fill, typeset.size)
}

#[test]
fn every_level_and_component_poster_on_one_paper_prints_its_title_at_the_same_size() {
    let requests = [
        common::level_request(Kind::LevelPoster, 1),
        common::level_request(Kind::LevelPoster, 4),
        poster(Kind::ComponentPoster, false),
        poster(Kind::ComponentPoster, true),
    ];
    let titles: Vec<_> = requests.iter().map(poster_title).collect();
    // Their bodies are fitted, each to its own text ...
    let bodies: Vec<f64> = titles.iter().map(|t| t.2).collect();
    assert!(
        bodies.iter().any(|b| (b - bodies[0]).abs() > 1.0),
        "{bodies:?}"
    );
    // ... their titles follow the paper alone.
    for t in &titles {
        assert!((t.0 - titles[0].0).abs() < 0.01, "{titles:?}");
    }
}

#[test]
fn a_best_practices_poster_sets_its_title_in_white_on_a_panel_and_the_process_poster_does_not() {
    let white = typst::visualize::Paint::Solid(typst::visualize::Color::WHITE);
    for kind in [Kind::LevelPoster, Kind::ComponentPoster] {
        let (_, process, _) = poster_title(&poster(kind, false));
        let (_, practices, _) = poster_title(&poster(kind, true));
        assert_eq!(practices, white, "{kind:?}");
        assert_ne!(process, white, "{kind:?}");
    }
}

/// The filled rectangles of a frame: (x, top, bottom), in points from the page's corner.
fn filled_boxes(frame: &Frame, at: typst::layout::Point, out: &mut Vec<(f64, f64, f64)>) {
    for (pos, item) in frame.items() {
        let here = at + *pos;
        match item {
            FrameItem::Group(g) => filled_boxes(&g.frame, here, out),
            FrameItem::Shape(shape, _) if shape.fill.is_some() => {
                if let typst::visualize::Geometry::Rect(size) = shape.geometry {
                    let y = here.y.to_pt();
                    out.push((here.x.to_pt(), y, y + size.y.to_pt()));
                }
            }
            _ => {}
        }
    }
}

#[test]
fn the_principles_cards_stand_the_same_distance_apart_in_both_columns() {
    let request = common::request(Kind::Principles);
    let (_, typeset) = common::typeset(&common::built_in(), &request, &common::settings()).unwrap();
    let mut boxes = vec![];
    filled_boxes(
        &typeset.pages.pages()[0].frame,
        Default::default(),
        &mut boxes,
    );
    // The cards: the filled boxes of more than one to a column (the top band is alone).
    let mut columns: std::collections::BTreeMap<i64, Vec<(f64, f64)>> = Default::default();
    for (x, top, bottom) in boxes {
        columns
            .entry(x.round() as i64)
            .or_default()
            .push((top, bottom));
    }
    columns.retain(|_, cards| cards.len() > 1);
    assert_eq!(columns.len(), 2, "{columns:?}");
    let mut gaps = vec![];
    for cards in columns.values_mut() {
        cards.sort_by(|a, b| a.0.total_cmp(&b.0));
        gaps.extend(cards.windows(2).map(|w| w[1].0 - w[0].1));
    }
    let (least, most) = gaps
        .iter()
        .fold((f64::MAX, 0.0_f64), |(l, m), g| (l.min(*g), m.max(*g)));
    assert!(most - least < 0.5, "gaps between cards: {gaps:?}");
    // And the two columns end level.
    let ends: Vec<f64> = columns.values().map(|c| c.last().unwrap().1).collect();
    assert!((ends[0] - ends[1]).abs() < 0.5, "{ends:?}");
}

/// A trust's project as `init` makes it (edition `test-trust-2027`, with a placeholder
/// logo), in a folder removed when the returned guard is dropped.
fn trust_project() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("trust");
    let init = hopeprint(&[
        "init",
        dir.to_str().unwrap(),
        "--edition",
        "test-trust-2027",
    ]);
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    (tmp, dir)
}

/// `request` resolved and typeset in the trust's edition of the project at `dir`.
fn trust_document(dir: &std::path::Path, request: &Request) -> (Document, render::Typeset) {
    edition_document(&Project::new(dir), "test-trust-2027", request)
}

/// `request` resolved and typeset in the edition `id` of `project`.
fn edition_document(project: &Project, id: &str, request: &Request) -> (Document, render::Typeset) {
    let base = Library::load_checked(project).unwrap();
    let loaded = edition::load(project, id).unwrap();
    let library = edition::apply(project, &base, &loaded).unwrap();
    let settings = Catalog::load(project)
        .unwrap()
        .settings_for(loaded.clone(), 0.0, false);
    let doc = resolve_request(&library, request, &settings).unwrap();
    let ts = Typesetter::new(project, false)
        .unwrap()
        .with_inputs(&loaded.typst_inputs());
    let typeset = render::typeset(&ts, &layout::environment(project), &doc, common::date())
        .unwrap_or_else(|d| panic!("{d}"));
    (doc, typeset)
}

/// The tallest image on page 1 of `request` printed in the edition `init` makes.
fn logo_height_mm(dir: &std::path::Path, request: &Request) -> f64 {
    let (_, typeset) = trust_document(dir, request);
    let (mut text, mut image) = (0.0, 0.0);
    largest(&typeset.pages.pages()[0].frame, &mut text, &mut image);
    image * 25.4 / 72.0
}

#[test]
fn the_logo_is_25mm_tall_on_an_a1_poster_and_9mm_on_an_a4_sheet() {
    let (_tmp, dir) = trust_project();
    let on_poster = logo_height_mm(&dir, &poster(Kind::LevelPoster, false));
    assert!((on_poster - 25.0).abs() < 0.5, "A1 poster: {on_poster} mm");
    let on_sheet = logo_height_mm(&dir, &common::level_request(Kind::LevelSheet, 1));
    assert!((on_sheet - 9.0).abs() < 0.5, "A4 sheet: {on_sheet} mm");
}

#[test]
fn a_poster_on_a4_is_refused_with_the_matching_sheet_suggested() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("small.pdf");
    let output = hopeprint(&[
        "render",
        "--paper",
        "a4",
        "poster",
        "--level",
        "2",
        "-o",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("(12.0 pt)"), "{stderr}");
    assert!(
        stderr.contains("hopeprint render sheet --level 2"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn large_print_on_a_poster_is_refused_with_a_hint() {
    let output = hopeprint(&[
        "render",
        "--large-print",
        "poster",
        "--level",
        "1",
        "-o",
        "/dev/null/x.pdf",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("not made in large print"), "{stderr}");
    assert!(stderr.contains("--large-print sheet"), "{stderr}");
}

#[test]
fn further_reading_prints_each_reference_as_its_own_list_item() {
    let (doc, typeset) = common::built_in_typeset(Kind::FurtherReading);
    let bytes = common::pdf(&typeset, &doc.name, PdfStandard::Default).unwrap();
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    let items = (pdf.objects.values())
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| {
            d.get(b"S")
                .and_then(|s| s.as_name())
                .is_ok_and(|n| n == b"LI")
        })
        .count();
    let references = doc.context["references"].as_array().unwrap().len();
    assert!(references > 100, "{references}");
    assert_eq!(items, references, "one list item per reference");
}

#[test]
fn a_press_pdf_has_a_bleed_box_the_trim_box_grown_by_the_bleed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("press.pdf");
    let output = hopeprint(&[
        "render",
        "--bleed",
        "3mm",
        "--crop-marks",
        "poster",
        "--level",
        "1",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let pdf = lopdf::Document::load(&out).unwrap();
    let page = pdf
        .get_dictionary(*pdf.get_pages().values().next().unwrap())
        .unwrap();
    let rect = |key: &[u8]| -> Vec<f32> {
        let array = page.get(key).unwrap().as_array().unwrap();
        (array.iter())
            .map(|v| {
                v.as_float()
                    .or_else(|_| v.as_i64().map(|n| n as f32))
                    .unwrap()
            })
            .collect()
    };
    let (trim, bleed, media) = (rect(b"TrimBox"), rect(b"BleedBox"), rect(b"MediaBox"));
    let three_mm = 3.0 * common::MM;
    for i in 0..4 {
        let grown = if i < 2 {
            trim[i] - three_mm
        } else {
            trim[i] + three_mm
        };
        assert!((bleed[i] - grown).abs() < 0.1, "{bleed:?} vs {trim:?}");
    }
    assert!(
        media[2] > bleed[2] && media[3] > bleed[3],
        "the marks lie outside the bleed"
    );
}

#[test]
fn an_editions_logo_scale_makes_the_logo_larger() {
    let (_tmp, dir) = trust_project();
    let path = dir.join("content/editions/test-trust-2027.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let alt = (text.lines())
        .find(|l| l.trim_start().starts_with("alt:"))
        .unwrap();
    let scaled = text.replacen(alt, &format!("{alt}\n  scale: 1.5"), 1);
    std::fs::write(&path, scaled).unwrap();
    let on_sheet = logo_height_mm(&dir, &common::level_request(Kind::LevelSheet, 1));
    assert!(
        (on_sheet - 13.5).abs() < 0.5,
        "1.5 × 9 mm on an A4 sheet: {on_sheet} mm"
    );
}

#[test]
fn a_level_poster_in_portrait_is_warned_about_its_narrow_columns() {
    let mut request = poster(Kind::LevelPoster, false);
    request.print.landscape = Some(false);
    let (_, upright) = common::typeset(&common::built_in(), &request, &common::settings()).unwrap();
    assert!(
        upright
            .warnings
            .iter()
            .any(|w| w.contains("characters a line") && w.contains("--landscape")),
        "{:?}",
        upright.warnings
    );
    let (_, wide) = level_poster(false);
    assert!(
        !wide
            .warnings
            .iter()
            .any(|w| w.contains("characters a line")),
        "landscape is not warned about: {:?}",
        wide.warnings
    );
}

#[test]
fn large_print_keeps_the_footer_to_the_source_and_the_page() {
    let library = Library::load_checked(&common::built_in()).unwrap();
    let mut request = common::level_request(Kind::LevelSheet, 2);
    let normal = resolve_request(&library, &request, &common::settings()).unwrap();
    request.print.large_print = true;
    let large = resolve_request(&library, &request, &common::settings()).unwrap();
    let footer = |d: &Document| d.context["doc"]["footer"].as_str().unwrap().to_string();
    assert!(
        footer(&normal).contains(&common::settings().version),
        "{}",
        footer(&normal)
    );
    assert_eq!(footer(&large), "After NIMHE (2004)");
}

#[test]
fn check_warns_about_a_word_too_long_to_break_naming_its_line() {
    let path = "content/model/levels/1-dependent-unaware.yaml";
    let original = std::fs::read_to_string(common::manifest_dir().join(path)).unwrap();
    let word = "x".repeat(300);
    let changed = original.replacen("Offers hope and friendship", &word, 1);
    let dir = common::temp_project();
    common::write(dir.path(), path, &changed);
    let output = common::hopeprint_in(dir.path(), &["check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("a word of 300 letters"), "{stderr}");
    assert!(
        stderr.contains("1-dependent-unaware.yaml:"),
        "names the file and line: {stderr}"
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "a warning, not an error: {stderr}"
    );
}

#[test]
fn a_posters_credits_are_not_repeated_by_a_footer_under_them() {
    for request in [
        poster(Kind::LevelPoster, false),
        common::request(Kind::Principles),
    ] {
        let (doc, typeset) =
            common::typeset(&common::built_in(), &request, &common::settings()).unwrap();
        let text = common::pdf_text(&common::pdf(&typeset, &doc.name, PdfStandard::None).unwrap());
        let footer = common::squash(doc.context["doc"]["footer"].as_str().unwrap());
        assert!(
            !text.contains(&footer),
            "{}: “{footer}” is printed",
            doc.name
        );
        let version = common::squash(doc.context["doc"]["version"].as_str().unwrap());
        assert_eq!(
            text.matches(&version).count(),
            1,
            "{}: the version once",
            doc.name
        );
    }
}

#[test]
fn the_key_terms_are_printed_a_to_z_by_title() {
    let library = Library::load_checked(&common::built_in()).unwrap();
    let request = common::request(Kind::Glossary);
    let doc = resolve_request(&library, &request, &common::settings()).unwrap();
    let titles: Vec<String> = (doc.context["terms"].as_array().unwrap().iter())
        .map(|t| t["title"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(titles.len() > 10, "{titles:?}");
    assert!(titles.is_sorted(), "{titles:?}");
}

#[test]
fn key_terms_leave_clearly_more_space_between_entries_than_between_a_definitions_lines() {
    for large_print in [false, true] {
        let mut request = common::request(Kind::Glossary);
        request.print.large_print = large_print;
        let (doc, typeset) =
            common::typeset(&common::built_in(), &request, &common::settings()).unwrap();
        let body = doc.context["doc"]["size"].as_f64().unwrap();
        // A term is set in bold, above its definition in large print and beside it in
        // normal print: a line that begins in bold is a term's; an entry begins at the
        // line that begins with a term's first word. Baseline to baseline: the least step
        // between two lines of a definition, and from an entry's last line to the next
        // entry's first. The lines between the margins (no running header or footer), up
        // to the credits.
        let attribution = common::squash(doc.context["doc"]["attribution"].as_str().unwrap());
        let firsts = first_words(&doc, "terms", "title");
        let begins_entry =
            |l: &common::Line| l.bold && firsts.iter().any(|w| l.text.starts_with(w.as_str()));
        let lines: Vec<common::Line> = (common::body_lines(&doc, &typeset).into_iter())
            .take_while(|l| !attribution.starts_with(&common::squash(&l.text)))
            .skip_while(|l| !begins_entry(l))
            .collect();
        let (mut inside, mut between) = (f64::MAX, f64::MAX);
        for pair in lines.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if a.page != b.page || (a.bold && !b.bold) || (a.size - body).abs() > 0.01 {
                continue;
            }
            if begins_entry(b) {
                between = between.min(b.y - a.y);
            } else if !b.bold && (b.size - body).abs() < 0.01 {
                inside = inside.min(b.y - a.y);
            }
        }
        assert!(
            between < f64::MAX && between >= 1.5 * inside,
            "large print {large_print}: {between:.1} pt from an entry's last line to the next entry, {inside:.1} pt between its lines"
        );
    }
}

#[test]
fn a_role_sheets_part_labels_stand_clearly_further_from_the_statement_above_than_two_statements_do()
{
    let request = common::with_fields(SpecFields {
        role: Some("community".into()),
        ..SpecFields::of(Kind::RoleSheet)
    });
    let (doc, typeset) =
        common::typeset(&common::built_in(), &request, &common::settings()).unwrap();
    let mut labels = vec![];
    let mut parts = vec![];
    for section in doc.context["sections"].as_array().unwrap() {
        labels.push(section["title"].as_str().unwrap().to_string());
        for group in section["groups"].as_array().unwrap() {
            labels.push(group["label"].as_str().unwrap().to_string());
            for part in group["parts"].as_array().unwrap() {
                parts.push(part["label"].as_str().unwrap().to_string());
            }
        }
    }
    assert!(!parts.is_empty());
    // Baseline to baseline, from a line of a statement to the next statement's first line
    // (its bullet), and to a part's label.
    let margin = doc.context["doc"]["margin_mm"].as_f64().unwrap() * 72.0 / 25.4;
    let lines: Vec<common::Line> = (common::lines(&typeset.pages).into_iter())
        .filter(|l| l.y > margin)
        .collect();
    let (mut between, mut above_part) = (f64::MAX, f64::MAX);
    for pair in lines.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.page != b.page || labels.contains(&a.text) || parts.contains(&a.text) {
            continue;
        }
        if b.text.starts_with('•') {
            between = between.min(b.y - a.y);
        } else if parts.contains(&b.text) {
            above_part = above_part.min(b.y - a.y);
        }
    }
    assert!(
        above_part < f64::MAX && above_part >= 1.4 * between,
        "{above_part:.1} pt above a part's label, {between:.1} pt between two statements"
    );
}

/// The size each of `texts` is printed at: the first line that begins with it.
fn sizes_of(lines: &[common::Line], texts: &[String]) -> Vec<(String, f64)> {
    (texts.iter())
        .map(|t| {
            let line = (lines.iter())
                .find(|l| l.text.starts_with(t.as_str()))
                .unwrap_or_else(|| panic!("no line begins {t:?}"));
            (t.clone(), line.size)
        })
        .collect()
}

/// The text of every run of text in a frame (typst sets a line of one style as one run).
fn runs(frame: &Frame, out: &mut Vec<String>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(g) => runs(&g.frame, out),
            FrameItem::Text(t) => out.push(t.text.to_string()),
            _ => {}
        }
    }
}

#[test]
fn a_level_posters_explanatory_note_is_set_in_lines_of_at_most_90_characters() {
    for practices in [false, true] {
        let (doc, typeset) = level_poster(practices);
        let note: String = (doc.context["level"]["explanation"]
            .as_array()
            .unwrap()
            .iter())
        .flat_map(|item| {
            let list = item["list"].as_array().cloned().unwrap_or_default();
            std::iter::once(item["text"].clone()).chain(list.into_iter().map(|s| s["text"].clone()))
        })
        .map(|t| t.as_str().unwrap_or_default().to_string())
        .collect::<Vec<_>>()
        .join(" ");
        let mut all = vec![];
        runs(&typeset.pages.pages()[0].frame, &mut all);
        // The note's lines: runs of several words that are part of it.
        let lines: Vec<&String> = (all.iter())
            .filter(|r| r.split_whitespace().count() >= 4 && note.contains(r.trim()))
            .collect();
        assert!(lines.len() >= 8, "the note is printed: {lines:?}");
        let longest = lines.iter().map(|l| l.chars().count()).max().unwrap();
        assert!(longest <= 90, "a line of {longest} characters");
    }
}

/// A level poster's note runs in columns of about equal height (ending within two lines of
/// each other), each of four lines at least: level 1's long note across the poster in
/// three, level 4's short one in one (in three, each held two lines, a sentence broken
/// from one to the next).
#[test]
fn a_level_posters_explanatory_note_is_set_in_columns_of_three_lines_or_more_ending_within_two_lines_of_each_other()
 {
    let dir = tempfile::tempdir().unwrap();
    for (level, count) in [("1", 3), ("4", 2)] {
        let bytes = common::rendered(dir.path(), "poster.pdf", &["poster", "--level", level]);
        let placed = common::placed_text(&bytes);
        let y_of = |text: &str| placed.iter().find(|r| r.text.starts_with(text)).unwrap().y;
        // The note lies between the level strip (its step for level 2 or 3, not this
        // poster's) and the table's caption.
        let strip = y_of(if level == "1" { "Level 2:" } else { "Level 3:" });
        let caption = y_of("Defines the person");
        // (Its heading, beside it at the left, is not one of its columns.)
        let note: Vec<_> = placed
            .iter()
            .filter(|r| r.y < strip && r.y > caption && !r.text.starts_with("About this"))
            .collect();
        assert!(note.len() >= 3, "level {level}: {note:?}");
        // Columns: runs of text whose starts are more than 100 pt apart across the page;
        // each column's leftmost start, lowest baseline and baselines.
        let mut starts: Vec<f32> = note.iter().map(|r| r.x).collect();
        starts.sort_by(f32::total_cmp);
        let mut columns: Vec<(f32, f32, Vec<i32>)> = vec![];
        for x in starts {
            if columns.last().is_none_or(|(left, _, _)| x - left > 100.0) {
                columns.push((x, f32::MAX, vec![]));
            }
        }
        for r in &note {
            let column = (columns.iter_mut().rev())
                .find(|(left, _, _)| r.x >= *left - 1.0)
                .unwrap();
            column.1 = column.1.min(r.y);
            column.2.push(r.y.round() as i32);
        }
        let size = note[0].size;
        assert_eq!(columns.len(), count, "level {level}: {columns:?}");
        let first = columns[0].1;
        for (left, lowest, baselines) in &mut columns {
            baselines.sort();
            baselines.dedup();
            assert!(
                baselines.len() >= 3,
                "level {level}: the column at {left} holds {} lines",
                baselines.len()
            );
            assert!(
                (*lowest - first).abs() <= 2.5 * size,
                "level {level}: the column at {left} ends at {lowest}, the first at {first}"
            );
        }
    }
}

#[test]
fn an_a1_level_posters_column_heads_are_at_least_20_pt_and_larger_than_its_body() {
    for practices in [false, true] {
        let (doc, typeset) = level_poster(practices);
        let heads: Vec<String> = (doc.context["columns"].as_array().unwrap().iter())
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(heads.len(), 9);
        // The heads' first lines stand on one baseline.
        let firsts: Vec<&str> = heads.iter().map(|h| h.split(' ').next().unwrap()).collect();
        let lines = common::lines(&typeset.pages);
        let row = (lines.iter())
            .find(|l| firsts.iter().all(|w| l.text.contains(w)))
            .unwrap_or_else(|| panic!("{}: no line holds {firsts:?}", doc.name));
        assert!(
            row.size >= 20.0 && row.size > typeset.size,
            "{}: the column heads at {:.1} pt, the body at {:.1} pt",
            doc.name,
            row.size,
            typeset.size
        );
    }
}

/// In large print, a group heading (of a level sheet's first section, followed by its
/// statements) stands at least nine tenths as far from its first statement, baseline to
/// baseline, as two one-line statements stand from each other: it heads what follows
/// instead of hugging it.
#[test]
fn large_print_group_headings_stand_off_their_first_statement_about_as_far_as_statements_stand_apart()
 {
    let mut request = common::level_request(Kind::LevelSheet, 2);
    request.print.large_print = true;
    let (doc, typeset) =
        common::typeset(&common::built_in(), &request, &common::settings()).unwrap();
    let label = doc.context["sections"][0]["groups"][0]["label"]
        .as_str()
        .unwrap();
    let lines = common::lines(&typeset.pages);
    let at = (lines.iter())
        .position(|l| l.text.starts_with(label) && l.size >= 20.0)
        .unwrap_or_else(|| panic!("no heading {label:?}"));
    let (heading, first) = (&lines[at], &lines[at + 1]);
    assert!(
        first.text.starts_with('•'),
        "a statement follows: {first:?}"
    );
    let to_first = first.y - heading.y;
    // Two statements of one line each, one after the other on a page.
    let apart = (lines.windows(2))
        .find(|w| {
            w[0].page == w[1].page && w.iter().all(|l| l.text.starts_with('•') && l.size < 17.0)
        })
        .map(|w| w[1].y - w[0].y)
        .expect("two one-line statements in a row");
    assert!(
        to_first >= 0.9 * apart,
        "heading to statement {to_first:.1} pt, statement to statement {apart:.1} pt"
    );
}

#[test]
fn large_print_sets_section_bands_at_1_6_times_the_16_pt_body() {
    let request = common::large_print_role_sheet("community");
    let (doc, typeset) =
        common::typeset(&common::built_in(), &request, &common::settings()).unwrap();
    let title = doc.context["sections"][0]["title"]
        .as_str()
        .unwrap()
        .to_string();
    let lines = common::lines(&typeset.pages);
    let size = sizes_of(&lines, &[title])[0].1;
    assert!((size - 25.6).abs() < 0.05, "section band {size} pt");
}

#[test]
fn large_print_sets_group_headings_at_20_pt_and_part_labels_above_the_16_pt_body() {
    let request = common::large_print_role_sheet("community");
    let (doc, typeset) =
        common::typeset(&common::built_in(), &request, &common::settings()).unwrap();
    let group = &doc.context["sections"][0]["groups"][0];
    let texts = [
        group["label"].as_str().unwrap().to_string(),
        group["parts"][0]["label"].as_str().unwrap().to_string(),
    ];
    let lines = common::lines(&typeset.pages);
    let sizes = sizes_of(&lines, &texts);
    assert!(sizes[0].1 >= 20.0, "group heading {:?}", sizes[0]);
    assert!(sizes[1].1 >= 18.0, "part label {:?}", sizes[1]);
    assert!(typeset.size == 16.0, "body {}", typeset.size);
}

#[test]
fn the_collaborative_partnerships_self_assessment_is_a_one_page_form_labelling_its_scale_once() {
    let (doc, typeset) = common::built_in_typeset(Kind::CollaborativePartnerships);
    let statements = doc.context["key_capabilities"].as_array().unwrap();
    assert!(statements.len() >= 15, "{}", statements.len());
    let lines = common::lines(&typeset.pages);
    // The page of each statement's first line: "… " and the statement's first words.
    let page_of = |statement: &str| {
        let start: String = statement.chars().take(20).collect();
        (lines.iter())
            .find(|l| l.text.contains(&format!("… {start}")))
            .map(|l| l.page)
    };
    let pages: Vec<Option<usize>> = statements
        .iter()
        .map(|s| page_of(s.as_str().unwrap()))
        .collect();
    assert!(
        pages.iter().all(Option::is_some),
        "every statement found: {pages:?}"
    );
    assert!(
        pages.windows(2).all(|w| w[0] == w[1]),
        "all on one page: {pages:?}"
    );
    let labels = lines.iter().filter(|l| l.text.contains("Not yet")).count();
    assert_eq!(labels, 1, "the scale's low end labelled once");
}

#[test]
fn the_self_inventory_leaves_the_instruction_to_the_facilitator_to_the_facilitator_guide() {
    let instruction = "It is suggested that the discussion facilitator duplicate";
    let text = |kind| {
        let (_, typeset) = common::built_in_typeset(kind);
        common::pdf_text(&common::pdf(&typeset, "doc", PdfStandard::None).unwrap())
    };
    let handout = text(Kind::SelfInventory);
    assert!(
        !handout.contains(instruction) && handout.contains("Do I believe that my patients"),
        "{handout}"
    );
    assert!(text(Kind::FacilitatorGuide).contains(instruction));
}

#[test]
fn a_large_print_running_head_stands_at_least_10_mm_below_the_top_edge() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = common::rendered(
        dir.path(),
        "lp.pdf",
        &["sheet", "--level", "2", "--large-print"],
    );
    let height = 297.0 * 72.0 / 25.4;
    let head = (common::placed_text(&bytes).into_iter())
        .find(|r| r.page == 2)
        .expect("page 2 has text");
    // The baseline, less the head's cap height (about 0.72 of its size), from the top.
    let top_mm = (height - head.y - 0.72 * head.size) * 25.4 / 72.0;
    assert!(top_mm >= 10.0, "{top_mm:.1} mm: {head:?}");
}

#[test]
fn the_collaborative_partnerships_self_assessment_has_lines_for_name_and_date_under_its_instructions()
 {
    let (_, typeset) = common::built_in_typeset(Kind::CollaborativePartnerships);
    let text = common::pdf_text(&common::pdf(&typeset, "doc", PdfStandard::None).unwrap());
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("Circle one number for each capability. Name Date"),
        "{text}"
    );
}

/// The statements of the self-assessment are at the body size where the form fits a page
/// at it (A4), and the form's page holds nothing of the handout after it: a photocopy of it
/// is the form alone.
#[test]
fn the_collaborative_partnerships_self_assessment_is_at_body_size_alone_on_its_page() {
    let (doc, typeset) = common::built_in_typeset(Kind::CollaborativePartnerships);
    let lines = common::lines(&typeset.pages);
    let first = doc.context["key_capabilities"][0].as_str().unwrap();
    let start: String = first.chars().take(20).collect();
    let statement = (lines.iter())
        .find(|l| l.text.contains(&format!("… {start}")))
        .expect("the first statement");
    assert!(
        (statement.size - typeset.size).abs() < 0.05,
        "statement {} pt, body {} pt",
        statement.size,
        typeset.size
    );
    let after = doc.context["sections"]["good_practice"].as_str().unwrap();
    let heading = (lines.iter())
        .find(|l| l.text == after)
        .expect("the heading after the form");
    let above: Vec<&str> = (lines.iter())
        .filter(|l| l.page == heading.page && l.y < heading.y)
        .map(|l| l.text.as_str())
        .collect();
    assert!(
        above.len() <= 1,
        "only the running head above {after:?}: {above:?}"
    );
    assert!(heading.page > statement.page);
}

/// Where no box for notes fits under the self-assessment (A4 and Letter), its rows spread
/// apart to fill the page: its last line ends within two and a half lines of the footer's
/// space, not some 75 pt above the footer as with the rows' least air.
#[test]
fn the_self_assessments_rows_spread_to_fill_its_page_when_no_notes_box_fits() {
    for edition in ["nimhe-uk", "ohio-us"] {
        let request = common::request(Kind::CollaborativePartnerships);
        let (doc, typeset) = edition_document(&common::built_in(), edition, &request);
        let lines = common::lines(&typeset.pages);
        let last = (doc.context["key_capabilities"].as_array().unwrap().last())
            .and_then(|s| s.as_str())
            .unwrap();
        let end: String = last
            .chars()
            .rev()
            .take(12)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let statement = (lines.iter())
            .find(|l| l.text.ends_with(&end))
            .expect("the last statement's last line");
        let footer = (lines.iter()).rfind(|l| l.page == statement.page).unwrap();
        assert!(
            !lines
                .iter()
                .any(|l| l.page == statement.page && l.text == "Notes")
        );
        let gap = footer.y - statement.y;
        let most = footer.size * 3.0 + typeset.size * 2.5;
        assert!(
            gap < most,
            "{edition}: {gap} pt from the last line to the footer, over {most}"
        );
    }
}

/// The contact block stands above the credits' rule, a line for each of the edition's
/// contact lines (an address reads as one), and no label or sign is parted from what it
/// labels ("Email:" from its address, "©" from its holder).
#[test]
fn the_contact_block_gives_each_contact_line_a_line_and_keeps_labels_with_their_values() {
    let request = common::request(Kind::CollaborativePartnerships);
    let (doc, typeset) = edition_document(&common::built_in(), "nimhe-uk", &request);
    let lines: Vec<common::Line> = (common::lines(&typeset.pages).into_iter())
        .map(|l| common::Line {
            text: l.text.replace('\u{a0}', " "),
            ..l
        })
        .collect();
    let contact: Vec<&str> = (doc.context["edition"]["contact"].as_array().unwrap().iter())
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(contact.len() >= 3, "{contact:?}");
    let label = doc.context["labels"]["contact"].as_str().unwrap();
    let first = (lines
        .iter()
        .position(|l| l.text.starts_with(&format!("{label}:"))))
    .expect("the contact block");
    assert_eq!(lines[first].text, format!("{label}: {}", contact[0]));
    for (i, line) in contact.iter().enumerate().skip(1) {
        assert_eq!(lines[first + i].text, *line, "contact line {i}");
    }
    let credits: String = (lines[first + contact.len()..].iter())
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(credits.contains("© State of Victoria"), "{credits}");
}

/// The built-in collaborative-partnerships handout in large print, typeset.
fn large_print_collaborative_partnerships() -> (Document, render::Typeset) {
    let mut request = common::request(Kind::CollaborativePartnerships);
    request.print.large_print = true;
    common::typeset(&common::built_in(), &request, &common::settings())
        .expect("large print typesets")
}

/// On a poster, whose width holds them, the contact lines stand on one line above the
/// credits (a line each would take room from the table).
#[test]
fn a_posters_contact_lines_stand_on_one_line() {
    let request = common::level_request(Kind::LevelPoster, 1);
    let (doc, typeset) = edition_document(&common::built_in(), "nimhe-uk", &request);
    let label = doc.context["labels"]["contact"].as_str().unwrap();
    let line = (common::lines(&typeset.pages).into_iter())
        .map(|l| l.text.replace('\u{a0}', " "))
        .find(|t| t.starts_with(&format!("{label}:")))
        .expect("the contact line");
    for contact in doc.context["edition"]["contact"].as_array().unwrap() {
        let contact = contact.as_str().unwrap();
        assert!(line.contains(contact), "{contact:?} not in {line:?}");
    }
}

/// A title that wraps keeps its lines close (under 1.4 times its size apart), so it reads
/// as one title: in large print its text's leading, in em, had set them 1.7 times apart.
#[test]
fn a_large_print_titles_two_lines_stand_less_than_1_4_times_its_size_apart() {
    let (_, typeset) = large_print_collaborative_partnerships();
    let lines = common::lines(&typeset.pages);
    let size = (lines.iter().filter(|l| l.page == 1))
        .map(|l| l.size)
        .fold(0.0, f64::max);
    let title: Vec<&common::Line> = (lines.iter())
        .filter(|l| l.page == 1 && (l.size - size).abs() < 0.1)
        .collect();
    assert_eq!(title.len(), 2, "{title:?}");
    let pitch = title[1].y - title[0].y;
    assert!(pitch < 1.4 * size, "{pitch} pt apart at {size} pt");
}

/// In large print the self-assessment runs over pages and leaves room on its last: a box
/// for notes, on the page of the last statement, before the handout goes on.
#[test]
fn the_large_print_self_assessment_has_a_notes_box_on_the_page_of_its_last_statement() {
    let (doc, typeset) = large_print_collaborative_partnerships();
    let lines = common::lines(&typeset.pages);
    let last = doc.context["key_capabilities"]
        .as_array()
        .unwrap()
        .last()
        .unwrap();
    let start: String = last.as_str().unwrap().chars().take(20).collect();
    let statement = (lines.iter())
        .find(|l| l.text.contains(&format!("… {start}")))
        .expect("the last statement");
    let notes = (lines.iter())
        .find(|l| l.text == "Notes")
        .expect("a notes caption");
    assert_eq!(notes.page, statement.page);
    assert!(notes.y > statement.y, "{} above {}", notes.y, statement.y);
}

/// A subtitle too long for one line breaks between its items, not inside the title it
/// names: "… Creating Successful Practitioner-Consumer Alliances" stays on one line, and
/// "Participant handout" begins the next.
#[test]
fn the_self_inventorys_subtitle_breaks_between_its_items_not_inside_its_title() {
    let (_, typeset) = common::built_in_typeset(Kind::SelfInventory);
    let lines = common::lines(&typeset.pages);
    let title = (lines.iter())
        .position(|l| {
            l.text
                .ends_with("Creating Successful Practitioner-Consumer Alliances")
        })
        .unwrap_or_else(|| {
            panic!(
                "{:?}",
                lines.iter().take(4).map(|l| &l.text).collect::<Vec<_>>()
            )
        });
    assert_eq!(lines[title + 1].text, "Participant handout");
}

/// A level poster's note is told apart from the table under it by a heading of its own,
/// below the level strip, beside the note at its left, level with its first line.
#[test]
fn a_level_posters_explanatory_note_is_headed_about_this_level_at_its_left_below_the_strip() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = common::rendered(dir.path(), "poster.pdf", &["poster", "--level", "1"]);
    let placed = common::placed_text(&bytes);
    let at = |text: &str| {
        (placed.iter())
            .find(|r| r.text.starts_with(text))
            .unwrap_or_else(|| panic!("{text}"))
    };
    // PDF y grows upwards: the strip above the heading and the note's first line.
    let (strip, heading, first) = (
        at("Level 2:"),
        at("About this level"),
        at("The concept of dependent"),
    );
    assert!(
        strip.y > heading.y && (heading.y - first.y).abs() < 1.0 && heading.x < first.x,
        "strip {strip:?}, heading {heading:?}, first line {first:?}"
    );
}

/// Where the run of text that begins with `start` stands on a page: (x, y) in points.
fn run_at(frame: &Frame, at: typst::layout::Point, start: &str) -> Option<(f64, f64)> {
    frame.items().find_map(|(pos, item)| {
        let here = at + *pos;
        match item {
            FrameItem::Group(g) => run_at(&g.frame, here, start),
            FrameItem::Text(t) if t.text.starts_with(start) => {
                Some((here.x.to_pt(), here.y.to_pt()))
            }
            _ => None,
        }
    })
}

/// The model's credits name the original authors in two lines, the second untitled: the
/// credits' columns keep them together (the second once began the next column).
#[test]
fn a_sheets_credits_keep_the_original_authors_second_line_in_the_column_of_the_first() {
    let request = common::with_fields(SpecFields {
        component: Some("peer-support".into()),
        ..SpecFields::of(Kind::ComponentSheet)
    });
    let (_, typeset) = common::typeset(&common::built_in(), &request, &common::settings()).unwrap();
    let last = typeset.pages.pages().last().unwrap();
    let origin = typst::layout::Point::zero();
    let find = |start| run_at(&last.frame, origin, start).unwrap_or_else(|| panic!("{start}"));
    let (first, second) = (
        find("Original principal authors"),
        find("Partricia Larkins"),
    );
    assert!(
        (first.0 - second.0).abs() < 1.0 && second.1 > first.1,
        "the first line at {first:?}, the second at {second:?}"
    );
}

/// Where each run of text at `size` or larger begins that starts with one of `starts`:
/// (the start, its x in points), in the frame's order.
fn large_runs_at(
    frame: &Frame,
    at: typst::layout::Point,
    size: f64,
    starts: &[&str],
    out: &mut Vec<(String, f64)>,
) {
    for (pos, item) in frame.items() {
        let here = at + *pos;
        match item {
            FrameItem::Group(g) => large_runs_at(&g.frame, here, size, starts, out),
            FrameItem::Text(t) if t.size.to_pt() >= size => {
                if let Some(s) = starts.iter().find(|s| t.text.starts_with(**s)) {
                    out.push((s.to_string(), here.x.to_pt()));
                }
            }
            _ => {}
        }
    }
}

/// The first word of the `field` of every item of the document's context's `list`.
fn first_words(doc: &Document, list: &str, field: &str) -> Vec<String> {
    (doc.context[list].as_array().unwrap().iter())
        .map(|item| {
            item[field]
                .as_str()
                .unwrap()
                .split(' ')
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// A poster typeset: its name, the first words of its context's `list`'s `field` (the
/// columns' names, the rows' labels), and where a run of 20 pt or more begins with one of
/// them, in the frame's order (`large_runs_at`).
fn large_first_words(
    request: &Request,
    list: &str,
    field: &str,
) -> (String, Vec<String>, Vec<(String, f64)>) {
    let (doc, typeset) =
        common::typeset(&common::built_in(), request, &common::settings()).unwrap();
    let firsts = first_words(&doc, list, field);
    let starts: Vec<&str> = firsts.iter().map(String::as_str).collect();
    let mut found = vec![];
    let frame = &typeset.pages.pages()[0].frame;
    large_runs_at(
        frame,
        typst::layout::Point::zero(),
        20.0,
        &starts,
        &mut found,
    );
    (doc.name, firsts, found)
}

/// A level's process and best-practices posters share one grid, so that pinned side by
/// side their columns line up: each column head begins at the same place on both (level
/// 4's Education column was 43 mm wide on one and 69 mm on the other).
#[test]
fn a_levels_process_and_best_practices_posters_begin_each_column_at_the_same_place() {
    let heads = |practices| {
        let request = common::with_fields(SpecFields {
            level: Some(NameOrNumber::Number(4)),
            practices,
            ..SpecFields::of(Kind::LevelPoster)
        });
        let (name, _, mut found) = large_first_words(&request, "columns", "name");
        // (A row label, as large, may begin with a head's word: "Community"; the heads
        // come first.)
        let mut seen = std::collections::HashSet::new();
        found.retain(|(name, _)| seen.insert(name.clone()));
        assert_eq!(found.len(), 9, "{name}: the heads found: {found:?}");
        found
    };
    let (process, practices) = (heads(false), heads(true));
    for ((name, a), (_, b)) in process.iter().zip(&practices) {
        assert!(
            (a - b).abs() < 1.0,
            "{name}: at x {a:.1} pt on the process poster, {b:.1} pt on the best-practices poster"
        );
    }
}

/// A filled shape's box, (left, top, right, bottom) in points.
type Box4 = (f64, f64, f64, f64);

/// Every filled shape's box, and every run of text as (x, baseline, cap height, text).
fn shapes_and_runs(
    frame: &Frame,
    at: typst::layout::Point,
    shapes: &mut Vec<Box4>,
    texts: &mut Vec<(f64, f64, f64, String)>,
) {
    for (pos, item) in frame.items() {
        let here = at + *pos;
        match item {
            FrameItem::Group(g) => shapes_and_runs(&g.frame, here, shapes, texts),
            FrameItem::Shape(s, _) if s.fill.is_some() => {
                let b = s.bbox(false);
                shapes.push((
                    (here.x + b.min.x).to_pt(),
                    (here.y + b.min.y).to_pt(),
                    (here.x + b.max.x).to_pt(),
                    (here.y + b.max.y).to_pt(),
                ));
            }
            FrameItem::Text(t) => {
                let cap = t.font.metrics().cap_height.at(t.size).to_pt();
                texts.push((here.x.to_pt(), here.y.to_pt(), cap, t.text.to_string()));
            }
            _ => {}
        }
    }
}

/// A sheet's section band holds its title in the middle to the eye: as much colour above
/// the capitals as below the baseline (measured to the descenders, the title sat high:
/// 1.9 mm above, 3.6 mm below), in normal print and large print.
#[test]
fn a_sheets_section_band_has_as_much_colour_above_its_titles_capitals_as_below_its_baseline() {
    for large_print in [false, true] {
        let mut request = common::with_fields(SpecFields {
            level: Some(NameOrNumber::Number(1)),
            ..SpecFields::of(Kind::LevelSheet)
        });
        request.print.large_print = large_print;
        let (doc, typeset) =
            common::typeset(&common::built_in(), &request, &common::settings()).unwrap();
        let title = doc.context["sections"][0]["title"]
            .as_str()
            .unwrap()
            .to_string();
        let (mut shapes, mut texts) = (vec![], vec![]);
        let page = (typeset.pages.pages().iter())
            .position(|p| {
                let mut found = vec![];
                runs(&p.frame, &mut found);
                found.iter().any(|r| r.starts_with(&title))
            })
            .unwrap();
        let frame = &typeset.pages.pages()[page].frame;
        shapes_and_runs(frame, typst::layout::Point::zero(), &mut shapes, &mut texts);
        // The title's run that stands in a filled box: the band.
        let (band, (_, baseline, cap, _)) = (texts.iter())
            .filter(|t| t.3.starts_with(&title))
            .find_map(|t| {
                let inside = |b: &&Box4| b.0 < t.0 && t.0 < b.2 && b.1 < t.1 && t.1 < b.3;
                shapes.iter().find(inside).map(|b| (*b, t.clone()))
            })
            .unwrap_or_else(|| panic!("large print {large_print}: no band holds {title:?}"));
        let (above, below) = (baseline - cap - band.1, band.3 - baseline);
        assert!(
            (above - below).abs() <= 0.1 * (above + below) / 2.0,
            "large print {large_print}: {above:.1} pt above the capitals, {below:.1} pt below the baseline"
        );
    }
}

/// Large-print credits are set with air between their lines, as the text is: baseline to
/// baseline at least 1.3 times their size (they were 1.2 times, set nearly solid).
#[test]
fn large_print_credits_lines_stand_at_least_1_3_times_their_size_apart() {
    let mut request = common::level_request(Kind::LevelSheet, 2);
    request.print.large_print = true;
    let (doc, typeset) =
        common::typeset(&common::built_in(), &request, &common::settings()).unwrap();
    let attribution = common::squash(doc.context["doc"]["attribution"].as_str().unwrap());
    let lines: Vec<common::Line> = (common::body_lines(&doc, &typeset).into_iter())
        .skip_while(|l| !attribution.starts_with(&common::squash(&l.text)))
        .collect();
    assert!(lines.len() > 10, "the credits: {} lines", lines.len());
    let step = (lines.windows(2))
        .filter(|p| p[0].page == p[1].page && p[0].size == p[1].size)
        .map(|p| (p[1].y - p[0].y) / p[0].size)
        .fold(f64::MAX, f64::min);
    assert!(
        step >= 1.3,
        "credits lines {step:.2} times their size apart"
    );
}

/// A best-practices poster's title panel stands clear of the strip of levels under it, as
/// the process poster's title does (it stood 3.8 mm above it on A1, reading as one band).
#[test]
fn a_best_practices_posters_title_panel_stands_at_least_8_mm_above_the_level_strip() {
    let (_, typeset) = level_poster(true);
    let (mut shapes, mut texts) = (vec![], vec![]);
    let frame = &typeset.pages.pages()[0].frame;
    shapes_and_runs(frame, typst::layout::Point::zero(), &mut shapes, &mut texts);
    let (_, title_y, _, _) = (texts.iter())
        .find(|t| t.3.starts_with("Level 1"))
        .expect("the title");
    // The panel: the filled box around the title; the strip: the boxes next below it.
    let panel = (shapes.iter())
        .filter(|b| b.1 < *title_y && *title_y < b.3)
        .max_by(|a, b| (a.3 - a.1).total_cmp(&(b.3 - b.1)))
        .expect("the title's panel");
    let strip = (shapes.iter())
        .filter(|b| b.1 > panel.3)
        .map(|b| b.1)
        .fold(f64::MAX, f64::min);
    let gap_mm = (strip - panel.3) / 72.0 * 25.4;
    assert!(
        gap_mm >= 8.0,
        "{gap_mm:.1} mm between the panel and the strip"
    );
}

/// A self-assessment's rows read as one statement each: in large print, the lines of a
/// statement stand closer than the last line of one statement to the first of the next
/// (the lines stood 0.76 em apart, the rows 0.6 em).
#[test]
fn a_large_print_self_assessments_statements_lines_stand_closer_than_its_rows() {
    let mut request = common::request(Kind::CollaborativePartnerships);
    request.print.large_print = true;
    let (doc, typeset) =
        common::typeset(&common::built_in(), &request, &common::settings()).unwrap();
    let count = doc.context["key_capabilities"].as_array().unwrap().len();
    let numbered =
        |l: &common::Line| (1..=count).any(|n| l.text.trim_start().starts_with(&format!("{n}.")));
    // The statements' lines, from the first row's to the notes: between the margins (no
    // running header or footer), the head the table repeats on each page left out, and
    // the circled numbers where they stand between two lines of a statement.
    let stem = common::squash(doc.context["stem"].as_str().unwrap());
    let low = doc.context["labels"]["rating_low"]
        .as_str()
        .unwrap()
        .to_string();
    let lines: Vec<common::Line> = (common::body_lines(&doc, &typeset).into_iter())
        .filter(|l| !common::squash(&l.text).starts_with(&stem) && !l.text.starts_with(&low))
        .skip_while(|l| !l.text.trim_start().starts_with("1."))
        .take_while(|l| !l.text.starts_with("Notes"))
        .filter(|l| !l.text.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let (mut inside, mut between) = (f64::MAX, f64::MAX);
    for pair in lines.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.page != b.page {
            continue;
        }
        if numbered(b) {
            between = between.min(b.y - a.y);
        } else {
            inside = inside.min(b.y - a.y);
        }
    }
    assert!(
        between < f64::MAX && between >= 1.25 * inside,
        "{between:.1} pt from a statement to the next, {inside:.1} pt between its lines"
    );
}

/// Every horizontal rule of a frame at least `least` points long (its y), and every run of
/// text at `size` (the top of its capitals and the foot of its descenders).
fn rules_and_text(
    frame: &Frame,
    at: typst::layout::Point,
    (least, size): (f64, f64),
    rules: &mut Vec<f64>,
    texts: &mut Vec<(f64, f64)>,
) {
    use typst::visualize::Geometry;
    for (pos, item) in frame.items() {
        let here = at + *pos;
        match item {
            FrameItem::Group(g) => rules_and_text(&g.frame, here, (least, size), rules, texts),
            FrameItem::Shape(s, _) => {
                if let Geometry::Line(to) = s.geometry
                    && to.y.to_pt().abs() < 0.01
                    && to.x.to_pt().abs() >= least
                {
                    rules.push(here.y.to_pt());
                }
            }
            FrameItem::Text(t) if (t.size.to_pt() - size).abs() < 0.01 => {
                let m = t.font.metrics();
                let y = here.y.to_pt();
                texts.push((
                    y - m.cap_height.at(t.size).to_pt(),
                    y - m.descender.at(t.size).to_pt(),
                ));
            }
            _ => {}
        }
    }
}

/// A poster's row holds its text as far from the rule below as from the rule above,
/// capitals to descenders (its descenders came closer to the rule below than its
/// capitals to the rule above).
#[test]
fn a_level_posters_rows_hold_their_text_as_far_from_the_rule_below_as_from_the_rule_above() {
    let (_, typeset) = level_poster(false);
    let (mut rules, mut texts) = (vec![], vec![]);
    let frame = &typeset.pages.pages()[0].frame;
    let key = (200.0, typeset.size);
    rules_and_text(
        frame,
        typst::layout::Point::zero(),
        key,
        &mut rules,
        &mut texts,
    );
    rules.sort_by(f64::total_cmp);
    rules.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    let mut rows = 0;
    // (The first row with text is the head: its corner's label, beside the column heads.)
    for pair in rules.windows(2) {
        let inside: Vec<_> = (texts.iter())
            .filter(|t| t.0 > pair[0] && t.1 < pair[1])
            .collect();
        if inside.is_empty() {
            continue;
        }
        rows += 1;
        if rows == 1 {
            continue;
        }
        let above = inside.iter().map(|t| t.0).fold(f64::MAX, f64::min) - pair[0];
        let below = pair[1] - inside.iter().map(|t| t.1).fold(f64::MIN, f64::max);
        assert!(
            (above - below).abs() <= 0.25 * above.max(below),
            "the row from {:.0} pt: {above:.1} pt above its text, {below:.1} pt below",
            pair[0]
        );
    }
    assert!(rows >= 4, "{rows} rows of text between rules");
}

/// A level's two posters set their mastheads alike in height, so that hung side by side
/// their strips of levels run level (the process poster's stood higher).
#[test]
fn a_levels_two_posters_set_their_strips_of_levels_at_the_same_height() {
    let strip = |practices| {
        let (_, typeset) = level_poster(practices);
        let origin = typst::layout::Point::zero();
        run_at(&typeset.pages.pages()[0].frame, origin, "Level 2:")
            .expect("the strip")
            .1
    };
    let (process, practices) = (strip(false), strip(true));
    assert!(
        (process - practices).abs() < 0.5,
        "the strip at {process:.1} pt on the process poster, {practices:.1} pt on the other"
    );
}

/// A level poster's row labels are read from as far as its column heads: set at 20 pt or
/// more on A1, as the heads are (they were at the body's size, 13 pt).
#[test]
fn an_a1_level_posters_row_labels_are_at_least_20_pt() {
    for practices in [false, true] {
        let request = poster(Kind::LevelPoster, practices);
        let (name, starts, found) = large_first_words(&request, "rows", "label");
        for first in &starts {
            assert!(
                found.iter().any(|(s, _)| s == first),
                "{name}: no run of 20 pt or more begins a row label with {first:?}"
            );
        }
    }
}

#[test]
fn a_sheets_statements_run_to_at_most_70_characters_a_line() {
    let request = common::level_request(Kind::LevelSheet, 2);
    let (doc, typeset) =
        common::typeset(&common::built_in(), &request, &common::settings()).unwrap();
    // A statement's first line, where no label stands beside it, begins with its bullet.
    let longest = (common::body_lines(&doc, &typeset).into_iter())
        .filter(|l| l.text.starts_with('•'))
        .map(|l| l.text.chars().count() - 1)
        .max()
        .unwrap();
    assert!(longest <= 70, "a statement's line of {longest} characters");
}

#[test]
fn every_group_label_of_a_sheet_stands_on_its_first_statements_line_one_statement_groups_too() {
    // Level 4 holds seven groups of one statement.
    let request = common::level_request(Kind::LevelSheet, 4);
    let (doc, typeset) =
        common::typeset(&common::built_in(), &request, &common::settings()).unwrap();
    let lines = common::body_lines(&doc, &typeset);
    for section in doc.context["sections"].as_array().unwrap() {
        for group in section["groups"].as_array().unwrap() {
            let label = group["label"].as_str().unwrap();
            // (A label's first two words stand on its first line, in the labels' column.)
            let head = label
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ");
            let mut on_it = lines.iter().filter(|l| l.text.starts_with(&head));
            // (A label and the statement beside it share a baseline: one line.)
            assert!(
                on_it.clone().next().is_some() && on_it.all(|l| l.text.contains('•')),
                "“{label}” stands on a line of its own, not beside a statement"
            );
        }
    }
}

#[test]
fn a_sheet_page_begins_with_a_statements_first_line_never_inside_a_statement() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["sheet", "--component", "peer-support"][..],
        &["sheet", "--role", "clinicians"][..],
        &["sheet", "--level", "1", "--edition", "ohio-us"][..],
    ] {
        let placed = common::placed_text(&common::rendered(dir.path(), "sheet.pdf", args));
        // The statements' column begins at their bullets; the running header and the
        // labels stand left of it. (PDF heights grow up the page.)
        let bullets = (placed.iter()).filter(|r| r.text.starts_with('•'));
        let column = bullets.map(|r| r.x).fold(f32::MAX, f32::min) - 1.0;
        let pages = placed.iter().map(|r| r.page).max().unwrap();
        for page in 2..=pages {
            // (A page of credits alone holds no statement.)
            let in_column = (placed.iter()).filter(|r| r.page == page && r.x >= column);
            if !in_column.clone().any(|r| r.text.starts_with('•')) {
                continue;
            }
            let top = in_column.clone().map(|r| r.y).fold(f32::MIN, f32::max);
            let first = (in_column.filter(|r| r.y > top - 1.0))
                .min_by(|a, b| a.x.total_cmp(&b.x))
                .unwrap();
            assert!(
                first.text.starts_with('•'),
                "{args:?}: page {page} begins inside a statement: “{}”",
                first.text
            );
        }
    }
}

/// A statement whose wording was supplied from another source ends with a mark, "†": it
/// stays on the line of the statement's last word (peer support's page 4 printed it
/// alone on a line).
#[test]
fn a_supplied_wordings_mark_never_stands_alone_on_a_line() {
    let request = common::with_fields(SpecFields {
        component: Some("peer-support".into()),
        ..SpecFields::of(Kind::ComponentSheet)
    });
    let (doc, typeset) =
        common::typeset(&common::built_in(), &request, &common::settings()).unwrap();
    let lines = common::body_lines(&doc, &typeset);
    let marked = (lines.iter()).filter(|l| l.text.contains('†')).count();
    assert!(marked > 3, "only {marked} lines hold the mark");
    for line in &lines {
        assert!(
            line.text.trim() != "†",
            "page {}: the mark stands alone on a line",
            line.page
        );
    }
}
