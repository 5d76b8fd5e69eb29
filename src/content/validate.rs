//! `check`: every rule the content must keep, each broken rule a diagnostic with file and line.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::load::*;
use super::model::*;
use super::refs::is_valid_id;
use crate::diag::{Diagnostic, Diagnostics, did_you_mean, find_line};

/// The labels (content/labels/*.yaml) documents print; `check` requires every one.
const REQUIRED_LABELS: &[&str] = &[
    "lang",
    "level",
    "page",
    "of",
    "key_term",
    "level_sheet_intro",
    "role_sheet_title",
    "component_sheet_intro",
    "facilitator_guide",
    "further_reading",
    "further_reading_intro",
    "core_principles",
    "key_capabilities",
    "good_practice",
    "good_leadership",
];

/// Counts of what the content holds, for `hopeprint check`.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    pub statements: usize,
    pub matrix_statements: usize,
    pub per_level: Vec<(String, usize)>,
    pub per_component: Vec<(String, usize)>,
    pub per_role: Vec<(String, usize)>,
    pub per_table: Vec<(String, usize)>,
    pub principles: usize,
    pub key_terms: usize,
    pub capabilities: usize,
    pub collaborative_partnerships: usize,
    pub partners_questions: usize,
    pub ohio_statements: usize,
    pub references: usize,
    pub repairs: usize,
    pub dropped: usize,
}

impl Summary {
    pub fn of(library: &Library) -> Summary {
        let statements = library.statements();
        let mut per_level = BTreeMap::<&str, usize>::new();
        let mut per_component = BTreeMap::<&str, usize>::new();
        let mut per_role = BTreeMap::<&str, usize>::new();
        let mut per_table = BTreeMap::<&str, usize>::new();
        let row_role: HashMap<&str, (&str, Table)> = library
            .model
            .rows
            .iter()
            .map(|r| (r.id.as_str(), (r.role.as_str(), r.table)))
            .collect();
        let mut matrix = 0;
        for s in &statements {
            if let Some((level, component, row)) = s.cell {
                matrix += 1;
                *per_level.entry(level).or_default() += 1;
                *per_component.entry(component).or_default() += 1;
                if let Some((role, table)) = row_role.get(row) {
                    *per_role.entry(role).or_default() += 1;
                    *per_table
                        .entry(if *table == Table::Process {
                            "process"
                        } else {
                            "practices"
                        })
                        .or_default() += 1;
                }
            }
        }
        let m = &library.model;
        let ordered = |ids: Vec<&str>, counts: &BTreeMap<&str, usize>| {
            ids.into_iter()
                .map(|id| (id.to_string(), counts.get(id).copied().unwrap_or(0)))
                .collect()
        };
        let ohio_statements = statements.iter().filter(|s| s.file == OHIO).count();
        let dropped = m.dropped.len()
            + library
                .levels
                .iter()
                .map(|l| l.dropped.len())
                .sum::<usize>()
            + library.ohio.dropped.len()
            + library.victoria.dropped.len()
            + library.partners.dropped.len();
        Summary {
            statements: statements.len() + library.reading.references.len(),
            matrix_statements: matrix,
            per_level: ordered(m.levels.iter().map(|l| l.id.as_str()).collect(), &per_level),
            per_component: ordered(
                m.components.iter().map(|c| c.id.as_str()).collect(),
                &per_component,
            ),
            per_role: ordered(m.roles.iter().map(|r| r.id.as_str()).collect(), &per_role),
            per_table: ordered(vec!["process", "practices"], &per_table),
            principles: library.principles.principles.len(),
            key_terms: library.key_terms.terms.len(),
            capabilities: library.capabilities.capabilities.len(),
            collaborative_partnerships: statements.iter().filter(|s| s.file == VICTORIA).count(),
            partners_questions: library.partners.self_inventory.items.len()
                + library.partners.discussion.items.len(),
            ohio_statements,
            references: library.reading.references.len(),
            repairs: statements.iter().filter(|s| s.item.is_repaired()).count()
                + library
                    .reading
                    .references
                    .iter()
                    .filter(|r| r.seed.is_some())
                    .count(),
            dropped,
        }
    }
}

struct Checker<'a> {
    library: &'a Library,
    problems: Diagnostics,
}

impl Checker<'_> {
    /// An error at the line of `file` found by searching `needles` in order.
    fn error_at(
        &mut self,
        file: &str,
        needles: &[String],
        skip: usize,
        message: String,
    ) -> &mut Diagnostic {
        let diag = match self.library.files.get(file) {
            Some(loaded) => match locate(&loaded.text, needles, skip) {
                Some((line, col)) => {
                    Diagnostic::error(message).at(&loaded.display, &loaded.text, line, col)
                }
                None => Diagnostic::error(message).in_file(&loaded.display),
            },
            None => Diagnostic::error(message).in_file(file),
        };
        self.problems.push(diag);
        self.problems.last_mut().expect("just pushed")
    }

    fn source_known(&mut self, file: &str, source: &str) {
        if self.library.source(source).is_none() {
            let ids: Vec<&str> = self.library.sources.iter().map(|s| s.id.as_str()).collect();
            let hint = suggestion(source, &ids);
            self.error_at(
                file,
                &[format!("source: {source}")],
                0,
                format!("unknown source `{source}`"),
            )
            .hints
            .push(hint);
        }
    }
}

fn suggestion(word: &str, valid: &[&str]) -> String {
    match did_you_mean(word, valid.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? (known: {})", valid.join(", ")),
        None => format!("known: {}", valid.join(", ")),
    }
}

/// The line and column of the `skip`-th match of the last needle, after each earlier needle
/// has matched in turn (e.g. a component key, then a row key, then an `id:` line).
fn locate(text: &str, needles: &[String], skip: usize) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut from = 0;
    let mut found = None;
    for (index, needle) in needles.iter().enumerate() {
        let mut remaining = if index + 1 == needles.len() { skip } else { 0 };
        let mut hit = None;
        for (n, line) in lines.iter().enumerate().skip(from) {
            if let Some(col) = line.find(needle.as_str()) {
                let after = &line[col + needle.len()..];
                // Whole value only: `id: foo` must not match `id: foo-bar`.
                if after.is_empty()
                    || after.starts_with([' ', ':', '"', '#'])
                    || needle.ends_with(':')
                {
                    if remaining == 0 {
                        hit = Some((n, col));
                        break;
                    }
                    remaining -= 1;
                }
            }
        }
        let (n, col) = hit?;
        from = n + 1;
        found = Some((n + 1, line_col(lines[n], col)));
    }
    found.or_else(|| find_line(text, needles.last()?, skip))
}

fn line_col(line: &str, byte: usize) -> usize {
    line[..byte].chars().count() + 1
}

/// Checks the whole library; returns every problem (errors and warnings).
pub fn check(library: &Library) -> Diagnostics {
    let mut c = Checker {
        library,
        problems: vec![],
    };
    let m = &library.model;

    // Sources and provenance.
    let mut seen = HashSet::new();
    for s in &library.sources {
        if !seen.insert(s.id.as_str()) {
            c.error_at(
                SOURCES,
                &[format!("id: {}", s.id)],
                1,
                format!("the source `{}` is defined twice", s.id),
            );
        }
    }
    let sourced = [
        (MODEL, &m.source),
        (PRINCIPLES, &library.principles.source),
        (KEY_TERMS, &library.key_terms.source),
        (CAPABILITIES, &library.capabilities.source),
        (VALUES, &library.values.source),
        (OHIO, &library.ohio.source),
        (VICTORIA, &library.victoria.source),
        (PARTNERS, &library.partners.source),
        (READING, &library.reading.source),
    ];
    for (file, source) in sourced {
        c.source_known(file, source);
    }
    for (path, level) in library.level_paths.iter().zip(&library.levels) {
        c.source_known(path, &level.source);
    }

    // The model's structure.
    let level_ids: Vec<&str> = m.levels.iter().map(|l| l.id.as_str()).collect();
    let component_ids: Vec<&str> = m.components.iter().map(|l| l.id.as_str()).collect();
    let row_ids: Vec<&str> = m.rows.iter().map(|l| l.id.as_str()).collect();
    let role_ids: Vec<&str> = m.roles.iter().map(|l| l.id.as_str()).collect();
    let term_ids: Vec<&str> = library
        .key_terms
        .terms
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    for (kind, ids) in [
        ("level", &level_ids),
        ("component", &component_ids),
        ("row", &row_ids),
        ("role", &role_ids),
    ] {
        let mut seen = HashSet::new();
        for id in ids.iter() {
            if !seen.insert(*id) {
                c.error_at(
                    MODEL,
                    &[format!("id: {id}")],
                    1,
                    format!("the {kind} `{id}` is defined twice"),
                );
            }
            if !is_valid_id(id) {
                c.error_at(
                    MODEL,
                    &[format!("id: {id}")],
                    0,
                    format!("`{id}` is not a valid id"),
                )
                .hints
                .push("ids are lowercase letters and digits joined by `-`".into());
            }
        }
    }
    for (index, level) in m.levels.iter().enumerate() {
        if usize::from(level.number) != index + 1 {
            c.error_at(
                MODEL,
                &[format!("id: {}", level.id), "number:".into()],
                0,
                format!(
                    "level `{}` has number {}, but it is level {} in the list",
                    level.id,
                    level.number,
                    index + 1
                ),
            );
        }
    }
    for component in &m.components {
        if let Some(term) = &component.key_term
            && !term_ids.contains(&term.as_str())
        {
            let hint = suggestion(term, &term_ids);
            c.error_at(
                MODEL,
                &[format!("key_term: {term}")],
                0,
                format!("unknown key term `{term}`"),
            )
            .hints
            .push(hint);
        }
    }
    for row in &m.rows {
        if !role_ids.contains(&row.role.as_str()) {
            let hint = suggestion(&row.role, &role_ids);
            c.error_at(
                MODEL,
                &[format!("id: {}", row.id)],
                0,
                format!("unknown role `{}`", row.role),
            )
            .hints
            .push(hint);
        }
    }

    // The matrix: one file per level, every cell present and filled.
    let mut files_of_level: HashMap<&str, &str> = HashMap::new();
    for (path, level) in library.level_paths.iter().zip(&library.levels) {
        if !level_ids.contains(&level.level.as_str()) {
            let hint = suggestion(&level.level, &level_ids);
            c.error_at(
                path,
                &[format!("level: {}", level.level)],
                0,
                format!("unknown level `{}`", level.level),
            )
            .hints
            .push(hint);
            continue;
        }
        if let Some(other) = files_of_level.insert(&level.level, path) {
            c.error_at(
                path,
                &[format!("level: {}", level.level)],
                0,
                format!("level `{}` is already given by {other}", level.level),
            )
            .hints
            .push("each level has exactly one file; merge the two".into());
        }
        let mut misnamed = false;
        for (component, rows) in &level.cells {
            if !component_ids.contains(&component.as_str()) {
                misnamed = true;
                let hint = suggestion(component, &component_ids);
                c.error_at(
                    path,
                    &[format!("{component}:")],
                    0,
                    format!("unknown component `{component}`"),
                )
                .hints
                .push(hint);
                continue;
            }
            for (row, items) in rows {
                if !row_ids.contains(&row.as_str()) {
                    let hint = suggestion(row, &row_ids);
                    c.error_at(
                        path,
                        &[format!("{component}:"), format!("{row}:")],
                        0,
                        format!("unknown row `{row}`"),
                    )
                    .hints
                    .push(hint);
                }
                for item in items {
                    if let Some(from) = &item.from {
                        let known = from.split_once('/').is_some_and(|(c, r)| {
                            component_ids.contains(&c) && row_ids.contains(&r)
                        });
                        if !known {
                            c.error_at(
                                path,
                                &[
                                    format!("{component}:"),
                                    format!("{row}:"),
                                    format!("id: {}", item.id),
                                ],
                                0,
                                format!("`from: {from}` does not name a cell"),
                            )
                            .hints
                            .push(
                                "write it as `<component>/<row>`, e.g. `peer-support/status`"
                                    .into(),
                            );
                        }
                    }
                }
            }
        }
        // A misspelt component key would also report its cells as empty: one error is enough.
        for component in component_ids.iter().filter(|_| !misnamed) {
            for row in &row_ids {
                let empty = level
                    .cells
                    .get(*component)
                    .and_then(|r| r.get(*row))
                    .is_none_or(|items| items.is_empty());
                if empty {
                    c.error_at(
                        path,
                        &[format!("{component}:")],
                        0,
                        format!(
                            "the cell {component} / {row} of level `{}` is empty",
                            level.level
                        ),
                    )
                    .hints
                    .push(format!(
                        "add the statements of this cell under `{component}:` → `{row}:`"
                    ));
                }
            }
        }
    }
    for level in &level_ids {
        if !files_of_level.contains_key(level) {
            c.problems.push(
                Diagnostic::error(format!("level `{level}` has no file in {LEVELS_DIR}/"))
                    .hint("every level of content/model/model.yaml needs its table of statements"),
            );
        }
    }

    // The Ohio US wording: known levels and rows.
    if !component_ids.contains(&library.ohio.component.as_str()) {
        let hint = suggestion(&library.ohio.component, &component_ids);
        c.error_at(
            OHIO,
            &["component:".into()],
            0,
            format!("unknown component `{}`", library.ohio.component),
        )
        .hints
        .push(hint);
    }
    for (level, rows) in &library.ohio.cells {
        if !level_ids.contains(&level.as_str()) {
            let hint = suggestion(level, &level_ids);
            c.error_at(
                OHIO,
                &[format!("{level}:")],
                0,
                format!("unknown level `{level}`"),
            )
            .hints
            .push(hint);
        }
        for row in rows.keys() {
            if !row_ids.contains(&row.as_str()) {
                let hint = suggestion(row, &row_ids);
                c.error_at(
                    OHIO,
                    &[format!("{level}:"), format!("{row}:")],
                    0,
                    format!("unknown row `{row}`"),
                )
                .hints
                .push(hint);
            }
        }
    }

    // Every statement: a valid id, some text, a unique reference, repairs explained.
    let statements = library.statements();
    let mut seen_refs: HashMap<&str, usize> = HashMap::new();
    for s in &statements {
        let needles = needles_for(s);
        let item = s.item;
        if !is_valid_id(&item.id) {
            c.error_at(
                s.file,
                &needles,
                0,
                format!("`{}` is not a valid id", item.id),
            )
            .hints
            .push("ids are lowercase letters and digits joined by `-`, e.g. `offers-hope`".into());
        }
        if item.text().trim().is_empty() && item.list.is_empty() && item.title.is_none() {
            c.error_at(
                s.file,
                &needles,
                0,
                format!("the statement `{}` has no text", s.reference),
            )
            .hints
            .push("add `text: \"…\"`, or remove the entry".into());
        }
        let count = seen_refs.entry(&s.reference).or_default();
        if *count > 0 {
            c.error_at(s.file, &needles, *count, format!("the reference `{}` is used twice", s.reference))
                .hints
                .push("ids must be unique within their list: rename this one (never rename one that editions already use)".into());
        }
        *count += 1;
        if item.is_repaired() && item.why.as_deref().is_none_or(|w| w.trim().is_empty()) {
            c.error_at(
                s.file,
                &needles,
                0,
                format!("the repair of `{}` does not say why", s.reference),
            )
            .hints
            .push(
                "add `why: \"…\"` saying what the source had wrong and how the repair was decided"
                    .into(),
            );
        }
        if !item.is_repaired() && item.why.is_some() {
            c.error_at(s.file, &needles, 0, format!("`{}` has a `why` but no `seed` or `from`", s.reference))
                .hints
                .push("a `why` explains a repair: add the source's text as `seed: \"…\"`, or remove the `why`".into());
        }
    }

    // Labels that documents print.
    for key in REQUIRED_LABELS {
        if !library.labels.contains_key(*key) {
            c.error_at(
                LABELS,
                &["lang:".into()],
                0,
                format!("the label `{key}` is missing"),
            )
            .hints
            .push(format!(
                "add `{key}: \"…\"` with the phrase in this language"
            ));
        }
    }

    // Further reading.
    let mut seen = HashSet::new();
    for r in &library.reading.references {
        if !seen.insert(r.id.as_str()) {
            c.error_at(
                READING,
                &[format!("id: {}", r.id)],
                1,
                format!("the reference `{}` is used twice", r.id),
            );
        }
        if !is_valid_id(&r.id) {
            c.error_at(
                READING,
                &[format!("id: {}", r.id)],
                0,
                format!("`{}` is not a valid id", r.id),
            );
        }
        if r.seed.is_some() != r.why.is_some() {
            c.error_at(
                READING,
                &[format!("id: {}", r.id)],
                0,
                format!("`{}` needs both `seed` and `why`, or neither", r.id),
            );
        }
    }
    c.problems
}

/// Search keys that lead to a statement's line: its cell keys, then the ids on its path.
fn needles_for(s: &super::refs::Statement<'_>) -> Vec<String> {
    let mut needles = vec![];
    if let Some((_, component, row)) = s.cell {
        needles.push(format!("{component}:"));
        needles.push(format!("{row}:"));
        let ids: Vec<&str> = s.reference.split('/').skip(3).collect();
        needles.extend(ids.iter().map(|id| format!("id: {id}")));
    } else {
        needles.push(format!("id: {}", s.item.id));
    }
    needles
}
