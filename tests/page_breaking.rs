//! Where sheets and handouts break their pages, measured on the typeset pages: the last
//! page (or the page where the credits begin) holds a good share of text above the
//! credits, the page before the last is filled before the end moves on, no heading ends a
//! page above less than two lines of what it heads, a page
//! after the first says in its running header what it belongs to, and write-in pages are
//! ruled down to their credits.

use crate::common::{self, Line, body_lines, page_of};
use hopeprint::content::Library;
use hopeprint::document::page::Fit;
use hopeprint::document::{Document, Kind, resolve_request};
use hopeprint::{layout, render};
use typst::foundations::{Element, Label, Selector};
use typst::introspection::Introspector;
use typst::model::HeadingElem;
use typst::utils::PicoStr;

/// Every flowing (not one-page) document of the built-in editions, typeset, with the
/// large-print level 2 sheet (whose credits run onto a second page), glossary (whose
/// credits do not) and facilitator guide.
fn flowing_documents() -> Vec<(Document, render::Typeset)> {
    let env = layout::environment(&common::built_in());
    let mut out = vec![];
    for (ts, settings, library, request) in common::every_built_in_document() {
        let doc = resolve_request(&library, &request, &settings).unwrap();
        if matches!(doc.fit, Fit::Flow { .. }) {
            let typeset = render::typeset(&ts, &env, &doc, common::date()).unwrap();
            out.push((doc, typeset));
        }
    }
    let library = Library::load_checked(&common::built_in()).unwrap();
    let ts = hopeprint::typeset::Typesetter::new(&common::built_in(), false).unwrap();
    for mut request in [
        common::level_request(Kind::LevelSheet, 2),
        common::request(Kind::Glossary),
        common::request(Kind::FacilitatorGuide),
    ] {
        request.print.large_print = true;
        let doc = resolve_request(&library, &request, &common::settings()).unwrap();
        let typeset = render::typeset(&ts, &env, &doc, common::date()).unwrap();
        out.push((doc, typeset));
    }
    out
}

fn squashed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The height the text of `page` spans, first baseline to last.
fn extent<'a>(lines: impl Iterator<Item = &'a Line>, page: usize) -> f64 {
    let ys: Vec<f64> = lines.filter(|l| l.page == page).map(|l| l.y).collect();
    ys.iter().cloned().fold(f64::MIN, f64::max) - ys.iter().cloned().fold(f64::MAX, f64::min)
}

/// The index of the credits' first line: the first below the `<hp-credits>` mark the
/// layouts set where the credits begin (the large-print heading, the contact block, or the
/// attribution).
fn credits_at(doc: &Document, typeset: &render::Typeset, lines: &[Line]) -> usize {
    let introspector = typeset.pages.introspector();
    let label = Label::new(PicoStr::intern("hp-credits")).unwrap();
    let (page, y) = (introspector.query(&Selector::Label(label)).iter())
        .filter_map(|m| introspector.position(m.location()?))
        .map(|at| (at.page.get(), at.point.y.to_pt()))
        .min_by(|a, b| a.partial_cmp(b).unwrap())
        .unwrap_or_else(|| panic!("{}: its credits", doc.name));
    (lines.iter())
        .position(|l| l.page > page || (l.page == page && l.y > y))
        .unwrap_or_else(|| panic!("{}: a line after its credits' mark", doc.name))
}

/// Whether the credits (their first line) open their page: a colophon.
fn credits_open_their_page(lines: &[Line], credits: &Line) -> bool {
    lines
        .iter()
        .all(|l| l.page != credits.page || l.y >= credits.y)
}

#[test]
fn no_page_of_a_sheet_or_handout_holds_its_credits_with_less_than_an_eighth_of_a_page_of_text() {
    for (doc, typeset) in flowing_documents() {
        let (last, name) = (typeset.pages.pages().len(), &doc.name);
        if last == 1 {
            continue;
        }
        let lines = body_lines(&doc, &typeset);
        let at = credits_at(&doc, &typeset, &lines);
        let credits = &lines[at];
        let (height, margin) = page_of(&doc);
        let third = (height - 2.0 * margin) / 3.0;
        // The last page holds a third of a page, of text or of credits that run on.
        let on_last = extent(lines.iter(), last);
        assert!(
            on_last >= third,
            "{name}: its last page holds {on_last:.0} pt"
        );
        if !credits_open_their_page(&lines, credits) {
            let first = lines.iter().find(|l| l.page == credits.page).unwrap();
            // Under text: an eighth of a page of it, some lines.
            let above = credits.y - first.y;
            assert!(
                above >= 3.0 * third / 8.0,
                "{name}: page {} of {last} holds {above:.0} pt of text above the credits, under an eighth of {:.0} pt",
                credits.page,
                3.0 * third
            );
        } else {
            // Opening a page: a colophon of over half a page (large print), after a page
            // that holds a third of a page of the document's end.
            let colophon = extent(lines[at..].iter(), credits.page);
            assert!(
                colophon > 1.5 * third || last > credits.page,
                "{name}: page {} holds {colophon:.0} pt of credits alone",
                credits.page
            );
            let before = extent(lines.iter(), credits.page - 1);
            assert!(
                before >= third,
                "{name}: page {} holds {before:.0} pt",
                credits.page - 1
            );
        }
    }
}

/// Every sheet and handout of more than one page ends on two pages that are each at
/// least a third full (first line to last, credits included): the end is shared
/// between them, not left as a few lines above a page of credits, nor kept whole on the
/// last page under a page left mostly empty.
#[test]
fn the_last_two_pages_of_every_sheet_and_handout_are_each_at_least_a_third_full() {
    for (doc, typeset) in flowing_documents() {
        let (last, name) = (typeset.pages.pages().len(), &doc.name);
        if last == 1 {
            continue;
        }
        let (height, margin) = page_of(&doc);
        let room = height - 2.0 * margin;
        let lines = body_lines(&doc, &typeset);
        for page in [last - 1, last] {
            let full = extent(lines.iter(), page);
            assert!(
                full >= room / 3.0,
                "{name}: page {page} of {last} is {:.0}% full",
                100.0 * full / room
            );
        }
    }
}

/// Sheets and handouts fill the page before their last as far as they can, and move to
/// the last page only what it needs to be a good page (about half full, credits
/// included): on average the page before the last of the built-in sheets and handouts is
/// at least three quarters full (80% now; balancing the last two pages instead left it
/// 71% full on average, and two pages each half full read as two half-empty pages).
/// Write-in handouts, whose lines and boxes grow to fill their pages, are left out; a
/// colophon's pages are not the text's.
#[test]
fn the_pages_before_the_last_of_the_sheets_and_handouts_are_on_average_at_least_three_quarters_full()
 {
    let writes_in = [
        Kind::Capabilities,
        Kind::SelfInventory,
        Kind::DiscussionQuestions,
    ];
    let mut fills = vec![];
    for (doc, typeset) in flowing_documents() {
        let lines = body_lines(&doc, &typeset);
        // The text's last page: the last, or the one before a colophon.
        let credits = &lines[credits_at(&doc, &typeset, &lines)];
        let colophon = credits_open_their_page(&lines, credits);
        let last = credits.page - usize::from(colophon);
        if last == 1 || writes_in.contains(&doc.kind) {
            continue;
        }
        let (height, margin) = page_of(&doc);
        fills.push(extent(lines.iter(), last - 1) / (height - 2.0 * margin));
    }
    let mean = fills.iter().sum::<f64>() / fills.len() as f64;
    assert!(fills.len() >= 15, "{} documents", fills.len());
    assert!(mean >= 0.75, "{:.1}% full on average", 100.0 * mean);
}

/// The facilitator guide's self-inventory and its discussion questions, each a heading,
/// an introduction and a few numbered questions, are each printed on one page (normal and
/// large print, both editions): a facilitator copies them as they stand.
#[test]
fn the_facilitator_guides_question_lists_each_stay_on_one_page_with_their_heading() {
    let guides: Vec<_> = flowing_documents()
        .into_iter()
        .filter(|(doc, _)| doc.name.contains("facilitator-guide"))
        .collect();
    assert!(guides.len() >= 3, "both editions and large print");
    for (doc, typeset) in guides {
        let lines = body_lines(&doc, &typeset);
        let at = |start: &str| {
            (lines.iter())
                .position(|l| l.text.starts_with(start))
                .unwrap_or_else(|| panic!("{}: no line starting {start:?}", doc.name))
        };
        let (inventory, discussion, contact) = (
            at("Self-Inventory"),
            at("Discussion Questions Following"),
            at("For more information"),
        );
        for (name, part) in [
            ("self-inventory", &lines[inventory..discussion]),
            ("discussion questions", &lines[discussion..contact]),
        ] {
            let pages: Vec<usize> = part.iter().map(|l| l.page).collect();
            assert!(
                pages.iter().all(|&p| p == pages[0]),
                "{}: its {name} runs over pages {pages:?}",
                doc.name
            );
        }
    }
}

/// Every heading of the document: its page, the top of its block, its text.
fn headings(typeset: &render::Typeset) -> Vec<(usize, f64, String)> {
    (leveled_headings(typeset).into_iter())
        .map(|(page, y, _, text)| (page, y, text))
        .collect()
}

/// Every heading of the document: its page, the top of its block, its level, its text.
fn leveled_headings(typeset: &render::Typeset) -> Vec<(usize, f64, usize, String)> {
    let introspector = typeset.pages.introspector();
    let selector = Selector::Elem(Element::of::<HeadingElem>(), None);
    (introspector.query(&selector).iter())
        .filter_map(|h| {
            let at = introspector.position(h.location()?)?;
            let heading = h.to_packed::<HeadingElem>()?;
            let level = heading.resolve_level(typst::foundations::StyleChain::default());
            let body = heading.body.plain_text();
            Some((
                at.page.get(),
                at.point.y.to_pt(),
                level.get(),
                body.to_string(),
            ))
        })
        .collect()
}

#[test]
fn no_heading_of_a_sheet_or_handout_ends_a_page_above_less_than_two_lines_of_what_it_heads() {
    for (doc, typeset) in flowing_documents() {
        let lines = body_lines(&doc, &typeset);
        let headings = headings(&typeset);
        for (i, (page, top, text)) in headings.iter().enumerate() {
            // What the heading heads continues on the next page, unless the next heading
            // begins that page (or this one).
            let continues = match headings.get(i + 1) {
                Some((next_page, next_top, _)) if *next_page == *page => false,
                Some((next_page, next_top, _)) if *next_page == page + 1 => {
                    (lines.iter()).any(|l| l.page == *next_page && l.y < *next_top)
                }
                _ => lines.iter().any(|l| l.page > *page),
            };
            if !continues {
                continue;
            }
            // The lines below the heading's top on its page, less the heading's own: a
            // label hung beside its statements shares their lines, which count.
            let below = (lines.iter()).filter(|l| l.page == *page && l.y > *top);
            let (mut own, mut after) = (String::new(), 0);
            let wanted = squashed(text);
            for line in below {
                let joined = own.clone() + &squashed(&line.text);
                match own.len() < wanted.len() && wanted.starts_with(&joined) {
                    true => own = joined,
                    false => after += 1,
                }
            }
            assert!(
                after >= 2,
                "{}: page {page} ends with the heading “{text}” above {after} line(s) of what it heads",
                doc.name
            );
        }
    }
}

#[test]
fn a_sheets_running_header_names_its_subject_and_the_section_the_page_is_in_and_a_role_sheets_its_component()
 {
    let library = Library::load_checked(&common::built_in()).unwrap();
    for request in [
        common::level_request(Kind::LevelSheet, 2),
        common::with_fields(hopeprint::document::spec::SpecFields {
            role: Some("clinicians".into()),
            ..hopeprint::document::spec::SpecFields::of(Kind::RoleSheet)
        }),
    ] {
        let doc = resolve_request(&library, &request, &common::settings()).unwrap();
        let (_, typeset) =
            common::typeset(&common::built_in(), &request, &common::settings()).unwrap();
        let sections: Vec<&str> = (doc.context["sections"].as_array().unwrap().iter())
            .map(|s| s["title"].as_str().unwrap())
            .collect();
        let is_role = doc.context["role"].is_object();
        let groups: Vec<&str> = (doc.context["sections"].as_array().unwrap().iter())
            .flat_map(|s| s["groups"].as_array().unwrap().iter())
            .map(|g| g["label"].as_str().unwrap())
            .collect();
        let headings: Vec<&str> = sections.iter().chain(&groups).copied().collect();
        let (_, margin) = page_of(&doc);
        let all = common::lines(&typeset.pages);
        let body = body_lines(&doc, &typeset);
        let (mut current, mut group) = (None, None);
        for page in 1..=typeset.pages.pages().len() {
            // The section the page is in: one that begins it, else the last one before it.
            let first = body.iter().find(|l| l.page == page);
            if let Some(s) = first.and_then(|l| sections.iter().find(|s| l.text == **s)) {
                current = Some(*s);
            }
            if page > 1 {
                let header = (all.iter())
                    .find(|l| l.page == page && l.y < margin)
                    .unwrap_or_else(|| panic!("{}: page {page} has a header", doc.name));
                // A role sheet's is its role, as its title begins; others', their title.
                let subject = doc.context["role"]["name"].as_str().unwrap_or(&doc.title);
                assert!(doc.title.starts_with(subject), "{}", doc.title);
                // A role sheet's sections are levels, and its groups components: its
                // header names both, by the level's label alone, on a page that goes on
                // with a group.
                let level = current.unwrap().split(':').next().unwrap();
                let expected = match (is_role, group) {
                    (true, Some(g))
                        if first.is_some_and(|l| !headings.contains(&l.text.as_str())) =>
                    {
                        format!("{subject} · {level} · {g}")
                    }
                    _ => format!("{subject} · {}", current.unwrap()),
                };
                if !is_role || expected.matches(" · ").count() == 2 {
                    assert_eq!(header.text, expected, "{}: page {page}", doc.name);
                }
            }
            if let Some(g) = (body.iter().filter(|l| l.page == page))
                .filter_map(|l| groups.iter().find(|g| l.text == **g))
                .next_back()
            {
                group = Some(*g);
            }
            let on_page = body.iter().filter(|l| l.page == page);
            if let Some(s) = on_page
                .filter_map(|l| sections.iter().find(|s| l.text == **s))
                .next_back()
            {
                current = Some(*s);
            }
        }
    }
}

#[test]
fn a_write_in_handout_is_ruled_down_to_its_credits_on_its_last_page() {
    for kind in [Kind::SelfInventory, Kind::DiscussionQuestions] {
        let (doc, typeset) = common::built_in_typeset(kind);
        let lines = body_lines(&doc, &typeset);
        let attribution = squashed(doc.context["doc"]["attribution"].as_str().unwrap());
        let start: String = attribution.chars().take(20).collect();
        let credits = (lines.iter())
            .find(|l| squashed(&l.text).starts_with(&start))
            .unwrap();
        let (height, margin) = page_of(&doc);
        let low = height - margin - (height - 2.0 * margin) / 3.0;
        assert!(
            credits.y > low,
            "{}: the credits begin {:.0} pt from the page's top, above its last third",
            doc.name,
            credits.y
        );
    }
}

#[test]
fn every_sheet_and_handout_settles_its_page_breaks_without_a_typst_convergence_warning() {
    for (doc, typeset) in flowing_documents() {
        let unsettled: Vec<_> = (typeset.warnings.iter())
            .filter(|w| w.contains("converge") || w.contains("did not stabilize"))
            .collect();
        assert!(unsettled.is_empty(), "{}: {unsettled:?}", doc.name);
    }
}

#[test]
fn no_page_of_a_sheet_begins_with_a_lists_lone_last_item_above_a_heading() {
    for (doc, typeset) in flowing_documents() {
        let Some(sections) = doc.context["sections"].as_array() else {
            continue;
        };
        // The sheet's headings: its sections', groups' and parts' names.
        let mut headings = std::collections::HashSet::new();
        for section in sections {
            headings.extend(section["title"].as_str());
            for group in section["groups"].as_array().into_iter().flatten() {
                headings.extend(group["label"].as_str());
                for part in group["parts"].as_array().into_iter().flatten() {
                    headings.extend(part["label"].as_str());
                }
            }
        }
        let body = body_lines(&doc, &typeset);
        for page in 2..=typeset.pages.pages().len() {
            let lines: Vec<&Line> = body.iter().filter(|l| l.page == page).collect();
            if !lines.first().is_some_and(|l| l.text.starts_with('•')) {
                continue;
            }
            // The items above the page's first heading, if one follows on the page.
            let Some(heading) = lines
                .iter()
                .position(|l| headings.contains(l.text.as_str()))
            else {
                continue;
            };
            let items = lines[..heading]
                .iter()
                .filter(|l| l.text.starts_with('•'))
                .count();
            assert!(
                items >= 2,
                "{}: page {page} begins with one item: {}",
                doc.name,
                lines[0].text
            );
        }
    }
}

/// Large-print credits that fill most of a page (a colophon) run on from under the text
/// onto a page of their own: its running header names the sheet and no section (the
/// last section ended on the page before), which does name its section.
#[test]
fn a_page_holding_only_large_print_credits_names_no_section_in_its_running_header() {
    let mut request = common::level_request(Kind::LevelSheet, 2);
    request.print.large_print = true;
    let (doc, typeset) =
        common::typeset(&common::built_in(), &request, &common::settings()).unwrap();
    let lines = body_lines(&doc, &typeset);
    let credits = &lines[credits_at(&doc, &typeset, &lines)];
    let last = typeset.pages.pages().len();
    assert!(
        last > credits.page && !credits_open_their_page(&lines, credits),
        "the credits begin under the text of page {} and run on to page {last}",
        credits.page
    );
    let (_, margin) = page_of(&doc);
    let header = |page: usize| {
        (common::lines(&typeset.pages).into_iter())
            .find(|l| l.page == page && l.y < margin)
            .unwrap_or_else(|| panic!("page {page} has a running header"))
            .text
    };
    assert!(
        header(credits.page).contains('·'),
        "the page the credits begin on names its section"
    );
    let head = header(last);
    assert!(!head.contains('·'), "page {last}: {head:?}");
}

/// The built-in edition's credits fill most of a large-print page: they are a colophon,
/// headed "Credits" just above its first line (under the text's end, as a section).
#[test]
fn a_large_print_colophon_is_headed_credits_just_above_its_first_line() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = common::rendered(
        dir.path(),
        "sheet.pdf",
        &["sheet", "--level", "2", "--large-print"],
    );
    let runs = common::placed_text(&bytes);
    let start = (runs.iter())
        .position(|r| r.text.starts_with("From “Emerging Best Practices"))
        .expect("the credits");
    let page = runs[start].page;
    // The nearest run of heading size above the credits' first line (the running header
    // and the credits are smaller; y grows up the page).
    let heading = (runs.iter())
        .filter(|r| r.page == page && r.size > 20.0 && r.y > runs[start].y)
        .min_by(|a, b| a.y.total_cmp(&b.y))
        .expect("a heading above the credits");
    assert_eq!(heading.text.trim(), "Credits");
}

/// The built-in large-print sheet of `role`, typeset.
fn large_print_role_sheet(role: &str) -> (Document, render::Typeset) {
    let request = common::large_print_role_sheet(role);
    common::typeset(&common::built_in(), &request, &common::settings()).unwrap()
}

/// The large-print community role sheet once left a group heading and a part label alone
/// at the top of a page, above a kept end that went on to the next.
#[test]
fn no_page_of_the_large_print_community_role_sheet_holds_headings_alone() {
    let (doc, typeset) = large_print_role_sheet("community");
    let lines = body_lines(&doc, &typeset);
    for page in 1..=typeset.pages.pages().len() {
        let body: Vec<_> = lines.iter().filter(|l| l.page == page).collect();
        assert!(
            body.iter().any(|l| l.size < 17.0),
            "page {page} holds only headings: {body:?}"
        );
    }
}

/// The large-print clinicians' sheet ends in a colophon: every page after the first is at
/// least a third full, credits included. Its end once kept a list's last two statements,
/// and all that followed, on the text's last page, and the page before held two
/// statements above a page of white; and its colophon, a page of its own, ran on to a
/// last page of a few lines.
#[test]
fn the_large_print_clinicians_sheets_pages_are_each_a_third_full() {
    let (doc, typeset) = large_print_role_sheet("clinicians");
    let (height, margin) = page_of(&doc);
    let lines = body_lines(&doc, &typeset);
    for page in 2..=typeset.pages.pages().len() {
        let full = extent(lines.iter(), page) / (height - 2.0 * margin);
        assert!(
            full >= 1.0 / 3.0,
            "page {page} is {:.0}% full",
            100.0 * full
        );
    }
}

/// A group heading keeps with it its list's first two statements where the first is one
/// line, and the first alone where it is longer (two lines are what a heading needs under
/// it): on the large-print clinicians' sheet, a heading over a seven-line statement and
/// the next once went to page 4 together and left page 3 half empty.
#[test]
fn a_heading_over_a_long_first_statement_keeps_only_that_statement_with_it() {
    let (doc, typeset) = large_print_role_sheet("clinicians");
    let (height, margin) = page_of(&doc);
    let lines = body_lines(&doc, &typeset);
    let full = extent(lines.iter(), 3) / (height - 2.0 * margin);
    assert!(full >= 0.75, "page 3 is {:.0}% full", 100.0 * full);
}

/// A normal-print sheet's pages, each with the group it goes on with from the page before
/// (none where a band or a group's label begins it), as the headings' places say.
fn groups_running_on(doc: &Document, typeset: &render::Typeset) -> Vec<(usize, Option<String>)> {
    let (_, margin) = page_of(doc);
    let heads = leveled_headings(typeset);
    let pages = typeset.pages.pages().len();
    (2..=pages)
        .map(|page| {
            let begins = (heads.iter())
                .any(|(p, y, level, _)| *p == page && *level <= 3 && *y < margin + 20.0);
            let last =
                (heads.iter()).rfind(|(p, _, level, _)| *p < page && (2..=3).contains(level));
            let group = match last {
                Some((_, _, 3, text)) if !begins => Some(text.clone()),
                _ => None,
            };
            (page, group)
        })
        .collect()
}

#[test]
fn a_sheet_page_that_goes_on_with_a_group_names_it_continued_at_its_top_and_no_other_does() {
    let role = common::with_fields(hopeprint::document::spec::SpecFields {
        role: Some("person".into()),
        ..hopeprint::document::spec::SpecFields::of(Kind::RoleSheet)
    });
    let mut named = 0;
    for request in [common::level_request(Kind::LevelSheet, 2), role] {
        let (doc, typeset) =
            common::typeset(&common::built_in(), &request, &common::settings()).unwrap();
        let lines = body_lines(&doc, &typeset);
        // A page the credits open, or run onto, goes on with no group.
        let credits = credits_at(&doc, &typeset, &lines);
        let credits_before = |page: usize| {
            lines[credits].page < page || (lines[..credits].iter()).all(|l| l.page != page)
        };
        for (page, group) in groups_running_on(&doc, &typeset) {
            let top: String = (lines.iter())
                .filter(|l| l.page == page)
                .take(4)
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let marked = top.contains("(continued)");
            match group {
                Some(group) if !credits_before(page) => {
                    let first = group.split_whitespace().next().unwrap();
                    assert!(
                        marked && top.starts_with(first),
                        "{}: page {page} goes on with “{group}” but begins “{top}”",
                        doc.name
                    );
                    named += 1;
                }
                _ => assert!(!marked, "{}: page {page} begins “{top}”", doc.name),
            }
        }
    }
    assert!(named >= 2, "{named} pages name a group going on");
}
