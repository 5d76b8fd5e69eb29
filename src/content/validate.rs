//! `check`: every rule the content must keep, each broken rule a diagnostic with file and line.

use std::collections::{HashMap, HashSet};

use super::load::*;
use super::model::*;
use super::refs::is_valid_id;
use crate::diag::{Diagnostic, Diagnostics, did_you_mean, find_line};

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

/// The ids the model defines, which the other files must use.
struct Ids<'a> {
    levels: Vec<&'a str>,
    components: Vec<&'a str>,
    rows: Vec<&'a str>,
    roles: Vec<&'a str>,
    terms: Vec<&'a str>,
}

impl<'a> Ids<'a> {
    fn of(library: &'a Library) -> Ids<'a> {
        let m = &library.model;
        Ids {
            levels: m.levels.iter().map(|l| l.id.as_str()).collect(),
            components: m.components.iter().map(|c| c.id.as_str()).collect(),
            rows: m.rows.iter().map(|r| r.id.as_str()).collect(),
            roles: m.roles.iter().map(|r| r.id.as_str()).collect(),
            terms: library
                .key_terms
                .terms
                .iter()
                .map(|t| t.id.as_str())
                .collect(),
        }
    }
}

/// Checks the whole library; returns every problem (errors and warnings).
pub fn check(library: &Library) -> Diagnostics {
    let mut c = Checker {
        library,
        problems: vec![],
    };
    let ids = Ids::of(library);
    c.sources();
    c.model(&ids);
    c.matrix(&ids);
    c.ohio(&ids);
    c.statements();
    c.reading();
    c.problems
}

impl Checker<'_> {
    /// Sources defined once, and every file's `source` one of them.
    fn sources(&mut self) {
        let library = self.library;
        let m = &library.model;
        let mut seen = HashSet::new();
        for s in &library.sources {
            if !seen.insert(s.id.as_str()) {
                self.error_at(
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
            self.source_known(file, source);
        }
        for (path, level) in library.level_paths.iter().zip(&library.levels) {
            self.source_known(path, &level.source);
        }
    }

    /// The model's structure: unique, valid ids; levels numbered in order; known key
    /// terms and roles.
    fn model(&mut self, ids: &Ids<'_>) {
        let m = &self.library.model;
        for (kind, list) in [
            ("level", &ids.levels),
            ("component", &ids.components),
            ("row", &ids.rows),
            ("role", &ids.roles),
        ] {
            let mut seen = HashSet::new();
            for id in list.iter() {
                if !seen.insert(*id) {
                    self.error_at(
                        MODEL,
                        &[format!("id: {id}")],
                        1,
                        format!("the {kind} `{id}` is defined twice"),
                    );
                }
                if !is_valid_id(id) {
                    self.error_at(
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
                self.error_at(
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
                && !ids.terms.contains(&term.as_str())
            {
                let hint = suggestion(term, &ids.terms);
                self.error_at(
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
            if !ids.roles.contains(&row.role.as_str()) {
                let hint = suggestion(&row.role, &ids.roles);
                self.error_at(
                    MODEL,
                    &[format!("id: {}", row.id)],
                    0,
                    format!("unknown role `{}`", row.role),
                )
                .hints
                .push(hint);
            }
        }
    }

    /// The matrix: one file per level, every cell present and filled.
    fn matrix(&mut self, ids: &Ids<'_>) {
        let library = self.library;
        let mut files_of_level: HashMap<&str, &str> = HashMap::new();
        for (path, level) in library.level_paths.iter().zip(&library.levels) {
            if !ids.levels.contains(&level.level.as_str()) {
                let hint = suggestion(&level.level, &ids.levels);
                self.error_at(
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
                self.error_at(
                    path,
                    &[format!("level: {}", level.level)],
                    0,
                    format!("level `{}` is already given by {other}", level.level),
                )
                .hints
                .push("each level has exactly one file; merge the two".into());
            }
            let misnamed = self.cells(ids, path, level);
            // A misspelt component key would also report its cells as empty: one error is enough.
            if !misnamed {
                self.empty_cells(ids, path, level);
            }
        }
        for level in &ids.levels {
            if !files_of_level.contains_key(level) {
                self.problems.push(
                    Diagnostic::error(format!("level `{level}` has no file in {LEVELS_DIR}/"))
                        .hint(
                            "every level of content/model/model.yaml needs its table of statements",
                        ),
                );
            }
        }
    }

    /// The cells of one level file: known components and rows, and `from` naming a cell.
    /// True if a component key is unknown.
    fn cells(&mut self, ids: &Ids<'_>, path: &str, level: &LevelFile) -> bool {
        let mut misnamed = false;
        for (component, rows) in &level.cells {
            if !ids.components.contains(&component.as_str()) {
                misnamed = true;
                let hint = suggestion(component, &ids.components);
                self.error_at(
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
                if !ids.rows.contains(&row.as_str()) {
                    let hint = suggestion(row, &ids.rows);
                    self.error_at(
                        path,
                        &[format!("{component}:"), format!("{row}:")],
                        0,
                        format!("unknown row `{row}`"),
                    )
                    .hints
                    .push(hint);
                }
                for item in items {
                    let Some(from) = &item.from else { continue };
                    let known = from
                        .split_once('/')
                        .is_some_and(|(c, r)| ids.components.contains(&c) && ids.rows.contains(&r));
                    if !known {
                        self.error_at(
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
                        .push("write it as `<component>/<row>`, e.g. `peer-support/status`".into());
                    }
                }
            }
        }
        misnamed
    }

    fn empty_cells(&mut self, ids: &Ids<'_>, path: &str, level: &LevelFile) {
        for component in &ids.components {
            for row in &ids.rows {
                let empty = level
                    .cells
                    .get(*component)
                    .and_then(|r| r.get(*row))
                    .is_none_or(|items| items.is_empty());
                if empty {
                    self.error_at(
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

    /// The Ohio US wording: a known component, levels and rows.
    fn ohio(&mut self, ids: &Ids<'_>) {
        let ohio = &self.library.ohio;
        if !ids.components.contains(&ohio.component.as_str()) {
            let hint = suggestion(&ohio.component, &ids.components);
            self.error_at(
                OHIO,
                &["component:".into()],
                0,
                format!("unknown component `{}`", ohio.component),
            )
            .hints
            .push(hint);
        }
        for (level, rows) in &ohio.cells {
            if !ids.levels.contains(&level.as_str()) {
                let hint = suggestion(level, &ids.levels);
                self.error_at(
                    OHIO,
                    &[format!("{level}:")],
                    0,
                    format!("unknown level `{level}`"),
                )
                .hints
                .push(hint);
            }
            for row in rows.keys() {
                if !ids.rows.contains(&row.as_str()) {
                    let hint = suggestion(row, &ids.rows);
                    self.error_at(
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
    }

    /// Every statement: a valid id, some text, a unique reference, repairs explained.
    fn statements(&mut self) {
        let statements = self.library.statements();
        let mut seen_refs: HashMap<&str, usize> = HashMap::new();
        for s in &statements {
            let needles = needles_for(s);
            let item = s.item;
            if !is_valid_id(&item.id) {
                self.error_at(
                    s.file,
                    &needles,
                    0,
                    format!("`{}` is not a valid id", item.id),
                )
                .hints
                .push(
                    "ids are lowercase letters and digits joined by `-`, e.g. `offers-hope`".into(),
                );
            }
            if item.text().trim().is_empty() && item.list.is_empty() && item.title.is_none() {
                self.error_at(
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
                self.error_at(s.file, &needles, *count, format!("the reference `{}` is used twice", s.reference))
                    .hints
                    .push("ids must be unique within their list: rename this one (never rename one that editions already use)".into());
            }
            *count += 1;
            self.repair(s, &needles);
        }
    }

    /// A repaired statement says why; only a repaired one has a `why`.
    fn repair(&mut self, s: &super::walk::Statement<'_>, needles: &[String]) {
        let item = s.item;
        if item.is_repaired() && item.why.as_deref().is_none_or(|w| w.trim().is_empty()) {
            self.error_at(
                s.file,
                needles,
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
            self.error_at(s.file, needles, 0, format!("`{}` has a `why` but no `seed` or `from`", s.reference))
                .hints
                .push("a `why` explains a repair: add the source's text as `seed: \"…\"`, or remove the `why`".into());
        }
    }

    /// Further reading: unique, valid ids; `seed` and `why` together.
    fn reading(&mut self) {
        let mut seen = HashSet::new();
        for r in &self.library.reading.references {
            if !seen.insert(r.id.as_str()) {
                self.error_at(
                    READING,
                    &[format!("id: {}", r.id)],
                    1,
                    format!("the reference `{}` is used twice", r.id),
                );
            }
            if !is_valid_id(&r.id) {
                self.error_at(
                    READING,
                    &[format!("id: {}", r.id)],
                    0,
                    format!("`{}` is not a valid id", r.id),
                );
            }
            if r.seed.is_some() != r.why.is_some() {
                self.error_at(
                    READING,
                    &[format!("id: {}", r.id)],
                    0,
                    format!("`{}` needs both `seed` and `why`, or neither", r.id),
                );
            }
        }
    }
}

/// Search keys that lead to a statement's line: its cell keys, then the ids on its path.
fn needles_for(s: &super::walk::Statement<'_>) -> Vec<String> {
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
