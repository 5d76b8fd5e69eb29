//! Fidelity: the content says what the source documents say, statement for statement,
//! except where a repair is recorded (`seed` / `from` / `dropped`). The seeds are parsed
//! here independently of the content loader, so an edit that drops, duplicates or moves a
//! statement without recording it fails.

use std::collections::BTreeMap;
use std::path::PathBuf;

use hopeprint::content::{Item, Library};
use hopeprint::project::Project;

// The source documents, in tests/sources (see its README.md); "seed 000" … "seed 004" in
// the content's comments.
const PARTNERS: &str = "samhsa-partners-in-recovery.txt";
const VICTORIA: &str = "victoria-collaborative-partnerships.txt";
const OHIO: &str = "ohio-peer-support.txt";
const NIMHE: &str = "nimhe-emerging-best-practices.txt";
const ROBERTS_BOARDMAN: &str = "roberts-boardman-2014-references.txt";

fn seed(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/sources")
        .join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the source documents must be at {}: {e}", path.display()))
}

fn library() -> Library {
    Library::load(&Project::built_in())
        .unwrap_or_else(|e| panic!("built-in content must load: {e:?}"))
}

/// Whitespace collapsed, ends trimmed of spaces and a final "." or ";".
fn norm(s: &str) -> String {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_end_matches(['.', ';', ' '])
        .trim()
        .to_string()
}

/// Whitespace collapsed only (for finding sentences in running text).
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const COMPONENTS: [&str; 9] = [
    "clinical-care",
    "peer-support",
    "family-support",
    "work",
    "power-control",
    "stigma",
    "community-involvement",
    "access-to-resources",
    "education",
];
const LEVELS: [&str; 4] = [
    "dependent-unaware",
    "dependent-aware",
    "independent-aware",
    "interdependent-aware",
];

type Cells = BTreeMap<(String, String, String), Vec<String>>;

/// The 4 levels × 9 components × 6 rows of seed 003, split on ";".
fn seed_matrix() -> Cells {
    let text = seed(NIMHE);
    let process_labels = [
        ("Person's Status", "status"),
        ("Clinicians' Roles", "clinician-roles"),
        ("Community Supports' Roles", "community-roles"),
    ];
    let practice_labels = [
        ("Person's Best Practices", "person-practices"),
        ("Clinicians' Best Practices", "clinician-practices"),
        ("Community Supports' Best Practices", "community-practices"),
    ];
    let mut process_seen = BTreeMap::<&str, usize>::new();
    let mut practice_seen = BTreeMap::<&str, usize>::new();
    let mut cells = Cells::new();
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 10 {
            continue;
        }
        let (row, level, values) =
            if let Some((_, row)) = process_labels.iter().find(|(l, _)| fields[0] == *l) {
                let n = process_seen.entry(row).or_default();
                *n += 1;
                (*row, *n, &fields[1..10])
            } else if let Some((_, row)) = practice_labels.iter().find(|(l, _)| fields[9] == *l) {
                let n = practice_seen.entry(row).or_default();
                *n += 1;
                (*row, *n, &fields[0..9])
            } else {
                continue;
            };
        for (component, value) in COMPONENTS.iter().zip(values) {
            let fragments = value
                .split(';')
                .map(norm)
                .filter(|f| !f.is_empty())
                .collect();
            cells.insert(
                (
                    LEVELS[level - 1].to_string(),
                    component.to_string(),
                    row.to_string(),
                ),
                fragments,
            );
        }
    }
    assert_eq!(
        cells.len(),
        4 * 9 * 6,
        "the seed's tables must give 216 cells"
    );
    cells
}

/// The source fragments an item stands for: its recorded `seed`, or its own text.
fn fragments(item: &Item) -> Vec<String> {
    let raw: Vec<String> = match &item.seed {
        Some(seed) => seed.fragments().into_iter().map(str::to_string).collect(),
        None => vec![item.text().to_string()],
    };
    raw.iter()
        .flat_map(|s| s.split(';'))
        .map(norm)
        .filter(|f| !f.is_empty())
        .collect()
}

#[test]
fn every_matrix_statement_is_in_its_cell_once() {
    let library = library();
    let expected = seed_matrix();
    let mut actual = Cells::new();
    for level in &library.levels {
        for (component, rows) in &level.cells {
            for (row, items) in rows {
                for item in items {
                    let origin = match &item.from {
                        Some(from) => {
                            let (c, r) = from.split_once('/').expect("from is component/row");
                            (level.level.clone(), c.to_string(), r.to_string())
                        }
                        None => (level.level.clone(), component.clone(), row.clone()),
                    };
                    actual.entry(origin).or_default().extend(fragments(item));
                }
            }
        }
        for dropped in &level.dropped {
            let (c, r) = dropped
                .from
                .as_deref()
                .and_then(|f| f.split_once('/'))
                .expect("dropped matrix text names its cell");
            actual
                .entry((level.level.clone(), c.to_string(), r.to_string()))
                .or_default()
                .extend(dropped.seed.split(';').map(norm).filter(|f| !f.is_empty()));
        }
    }
    let mut problems = vec![];
    for (cell, seed_fragments) in &expected {
        let mut want = seed_fragments.clone();
        let mut got = actual.get(cell).cloned().unwrap_or_default();
        want.sort();
        got.sort();
        if want != got {
            let missing: Vec<_> = want.iter().filter(|w| !got.contains(w)).collect();
            let extra: Vec<_> = got.iter().filter(|g| !want.contains(g)).collect();
            problems.push(format!("{cell:?}\n  in the seed, not accounted for: {missing:?}\n  in the content, not in the seed: {extra:?}"));
        }
    }
    for cell in actual.keys().filter(|c| !expected.contains_key(*c)) {
        problems.push(format!(
            "{cell:?}: content names a cell the seed does not have"
        ));
    }
    assert!(
        problems.is_empty(),
        "{} cells differ from seed 003:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn matrix_has_about_a_thousand_statements() {
    let library = library();
    let n = library
        .statements()
        .iter()
        .filter(|s| s.cell.is_some())
        .count();
    assert!((900..=1000).contains(&n), "{n} matrix statements");
}

/// Every item's source text (its `seed`, or else its text and title) occurs in the seed.
fn assert_found_in(seed_name: &str, statements: &[(String, &Item)]) {
    let haystack = squash(&seed(seed_name));
    let mut missing = vec![];
    for (reference, item) in statements {
        let texts: Vec<String> = match &item.seed {
            Some(seed) => seed.fragments().into_iter().map(str::to_string).collect(),
            None => item.text.iter().cloned().collect(),
        };
        let titles: Vec<String> = item
            .seed_title
            .clone()
            .or_else(|| item.title.clone())
            .into_iter()
            .collect();
        for text in texts.iter().chain(&titles) {
            let needle = squash(text);
            if !needle.is_empty()
                && !haystack.contains(&needle)
                && !haystack.contains(needle.trim_end_matches(['.', ';']))
            {
                missing.push(format!("{reference}: {needle}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{} texts are not in {seed_name} (a repair needs `seed`):\n{}",
        missing.len(),
        missing.join("\n")
    );
}

fn statements_of(library: &Library, file: &str) -> Vec<(String, Item)> {
    library
        .statements()
        .into_iter()
        .filter(|s| s.file == file)
        .map(|s| (s.reference, s.item.clone()))
        .collect()
}

fn check_file(file: &str, seed_name: &str) {
    let library = library();
    let owned = statements_of(&library, file);
    assert!(!owned.is_empty(), "{file} has no statements");
    let borrowed: Vec<(String, &Item)> = owned.iter().map(|(r, i)| (r.clone(), i)).collect();
    assert_found_in(seed_name, &borrowed);
}

#[test]
fn model_front_matter_is_in_seed_003() {
    check_file("content/model/model.yaml", NIMHE);
}

#[test]
fn principles_key_terms_capabilities_values_are_in_seed_003() {
    for file in ["principles", "key-terms", "capabilities", "values"] {
        check_file(&format!("content/model/{file}.yaml"), NIMHE);
    }
}

#[test]
fn partners_in_recovery_is_in_seed_000() {
    check_file("content/partners/partners-in-recovery.yaml", PARTNERS);
}

#[test]
fn collaborative_partnerships_is_in_seed_001() {
    check_file("content/victoria/collaborative-partnerships.yaml", VICTORIA);
}

#[test]
fn ohio_peer_support_is_in_seed_002() {
    check_file("content/ohio/peer-support-us.yaml", OHIO);
}

/// Ohio witnesses only the Peer Support column, so wording supplied from it can only be
/// there, and only in a statement whose repair is recorded.
#[test]
fn wording_supplied_from_ohio_is_only_in_repaired_peer_support_statements() {
    let library = library();
    let supplied: Vec<_> = library
        .statements()
        .into_iter()
        .filter(|s| s.item.supplied.is_some())
        .collect();
    assert!(!supplied.is_empty(), "no statement is marked `supplied`");
    for s in supplied {
        assert!(
            s.cell.is_some_and(|c| c.1 == "peer-support"),
            "{} is not in the Peer Support column",
            s.reference
        );
        assert!(
            s.item.seed.is_some() && s.item.why.is_some(),
            "{} has no recorded repair",
            s.reference
        );
    }
}

/// `#### Principle IV` headings, counted in the seed.
#[test]
fn every_guiding_principle_is_there_in_order() {
    let text = seed(NIMHE);
    let headings: Vec<String> = text
        .lines()
        .filter(|l| l.starts_with("####") && l.contains("Principle "))
        .map(|l| {
            l.trim_start_matches('#')
                .replace("**", "")
                .trim()
                .to_string()
        })
        .collect();
    let library = library();
    let titles: Vec<String> = library
        .principles
        .principles
        .iter()
        .filter_map(|p| p.title.clone())
        .collect();
    assert_eq!(headings.len(), 12);
    assert_eq!(titles, headings);
    let third = &library.principles.principles[2];
    assert_eq!(
        third.list.len(),
        7,
        "Principle III keeps its seven bullet points"
    );
}

/// The key terms are the `####` headings between "Key Terms" and the credits.
#[test]
fn every_key_term_is_there_in_order() {
    let text = seed(NIMHE);
    let start = text.find("Key Terms").expect("Key Terms heading");
    let end = text
        .find("This Poster and companion pdf")
        .expect("credits paragraph");
    let headings: Vec<String> = text[start..end]
        .lines()
        .skip(1)
        .filter(|l| l.starts_with("####"))
        .map(|l| {
            l.trim_start_matches('#')
                .replace("**", "")
                .trim()
                .to_string()
        })
        .collect();
    let library = library();
    let terms: Vec<String> = library
        .key_terms
        .terms
        .iter()
        .map(|t| t.seed_title.clone().or(t.title.clone()).unwrap_or_default())
        .collect();
    assert_eq!(terms, headings);
}

/// The ten capabilities are the list items after "Shared Capabilities".
#[test]
fn every_shared_capability_is_there_in_order() {
    let text = seed(NIMHE);
    let start = text
        .find("Shared Capabilities for all")
        .expect("capabilities heading");
    let end = text
        .find("For further information")
        .expect("end of capabilities");
    let items: Vec<String> = text[start..end]
        .lines()
        .filter(|l| l.starts_with("- "))
        .map(squash)
        .collect();
    assert_eq!(items.len(), 10);
    let library = library();
    let capabilities = &library.capabilities.capabilities;
    assert_eq!(capabilities.len(), 10);
    for (seed_line, item) in items.iter().zip(capabilities) {
        let title = item.title.as_deref().unwrap_or_default();
        assert!(seed_line.contains(title), "{seed_line} / {title}");
        let description = squash(item.text());
        assert!(
            seed_line.contains(&description),
            "{seed_line} / {description}"
        );
    }
}

/// Seed 001 is clean: its four lists match the content exactly.
#[test]
fn collaborative_partnerships_lists_match_seed_001() {
    let text = seed(VICTORIA);
    let mut sections: Vec<(String, Vec<String>)> = vec![];
    for line in text.lines() {
        if let Some(title) = line.strip_prefix("  • ") {
            sections.push((title.trim().to_string(), vec![]));
        } else if let Some(item) = line.trim_start().strip_prefix("• ")
            && line.starts_with("    ")
            && let Some(last) = sections.last_mut()
        {
            last.1.push(squash(item));
        }
    }
    let library = library();
    let v = &library.victoria;
    let content = [
        ("Core principles", &v.core_principles),
        ("Key capabilities", &v.key_capabilities.items),
        ("Good practice", &v.good_practice),
        ("Good leadership", &v.good_leadership),
    ];
    assert_eq!(sections.len(), 4);
    for ((seed_title, seed_items), (title, items)) in sections.iter().zip(content) {
        assert_eq!(seed_title, title);
        let texts: Vec<String> = items.iter().map(|i| squash(i.text())).collect();
        assert_eq!(&texts, seed_items, "{title}");
    }
}

#[test]
fn partners_in_recovery_has_five_inventory_and_four_discussion_questions() {
    let library = library();
    let p = &library.partners;
    assert_eq!(p.self_inventory.items.len(), 5);
    assert_eq!(p.discussion.items.len(), 4);
    assert_eq!(p.purposes.items.len(), 4);
    assert_eq!(p.video.minutes, 18);
    let inventory: Vec<&str> = p.self_inventory.items.iter().map(Item::text).collect();
    assert!(
        inventory
            .iter()
            .any(|q| q.starts_with("Do I include patients in the treatment planning process?")),
        "{inventory:?}"
    );
    assert!(
        inventory
            .iter()
            .any(|q| q.starts_with("Do I show patients respect?")),
        "{inventory:?}"
    );
    let discussion: Vec<&str> = p.discussion.items.iter().map(Item::text).collect();
    assert!(
        discussion.contains(
            &"What types of communication helped or hindered your relationships with patients?"
        ),
        "{discussion:?}"
    );
}

/// Every entry of the article's reference list, and nothing of the article's own text.
#[test]
fn further_reading_lists_every_reference_and_no_article_text() {
    let text = seed(ROBERTS_BOARDMAN);
    let start = text.find("\nReferences\n").expect("References heading");
    let list: Vec<&str> = text[start..]
        .lines()
        .skip_while(|l| !l.starts_with("Hide All"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .collect();
    let library = library();
    let references = &library.reading.references;
    assert_eq!(
        references.len(),
        list.len(),
        "one entry per reference of the seed"
    );
    for (line, r) in list.iter().zip(references) {
        let line = r.seed.as_deref().unwrap_or(line);
        for part in [&r.authors, &r.year, &r.title] {
            assert!(
                line.contains(part.as_str()),
                "{}: `{part}` not in `{line}`",
                r.id
            );
        }
    }
    let summary = "Professional practice explicitly focused on supporting the recovery";
    for file in library.files.values() {
        assert!(
            !file.text.contains(summary),
            "{} reproduces the article's summary",
            file.display
        );
    }
}

#[test]
fn every_content_file_names_a_known_source() {
    let library = library();
    for file in library.files.values() {
        if file.display.contains("sources.yaml") || file.display.contains("labels/") {
            continue;
        }
        let line = file
            .text
            .lines()
            .find(|l| l.starts_with("source:"))
            .unwrap_or_else(|| panic!("{} has no source", file.display));
        let id = line.trim_start_matches("source:").trim();
        assert!(
            library.source(id).is_some(),
            "{}: unknown source {id}",
            file.display
        );
    }
}
