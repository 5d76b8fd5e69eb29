//! `check`: every rule the content must keep, each broken rule a diagnostic with file and line.

use std::collections::{HashMap, HashSet};

use super::load::*;
use super::model::*;
use super::refs::is_valid_id;
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};

/// A cell may hold at most this many statements (the built-in ones hold a dozen or two):
/// typesetting a cell of a hundred thousand takes gigabytes.
const MAX_CELL_STATEMENTS: usize = 500;

struct Checker<'a> {
    library: &'a Library,
    problems: Diagnostics,
}

impl Checker<'_> {
    /// An error at the node `path` of `file` (e.g. `cells/stigma/status/2/id`), or at the
    /// nearest node on its way that is there.
    fn error_at(&mut self, file: &str, path: &str, message: String) -> &mut Diagnostic {
        let diag = match self.library.files.get(file) {
            Some(loaded) => loaded.error(path, message),
            None => Diagnostic::error(message).in_file(file),
        };
        self.problems.push(diag);
        self.problems.last_mut().expect("just pushed")
    }

    fn source_known(&mut self, file: &str, source: &str) {
        if self.library.source(source).is_none() {
            let ids: Vec<&str> = self.library.sources.iter().map(|s| s.id.as_str()).collect();
            let hint = suggestion(source, &ids);
            self.error_at(file, "source", format!("unknown source `{source}`"))
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
        for (index, s) in library.sources.iter().enumerate() {
            if !seen.insert(s.id.as_str()) {
                self.error_at(
                    SOURCES,
                    &format!("sources/{index}/id"),
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
        for (kind, key, list) in [
            ("level", "levels", &ids.levels),
            ("component", "components", &ids.components),
            ("row", "rows", &ids.rows),
            ("role", "roles", &ids.roles),
        ] {
            let mut seen = HashSet::new();
            for (index, id) in list.iter().enumerate() {
                let path = format!("{key}/{index}/id");
                if !seen.insert(*id) {
                    self.error_at(MODEL, &path, format!("the {kind} `{id}` is defined twice"));
                }
                if !is_valid_id(id) {
                    self.error_at(MODEL, &path, format!("`{id}` is not a valid id"))
                        .hints
                        .push("ids are lowercase letters and digits joined by `-`".into());
                }
            }
        }
        for (index, level) in m.levels.iter().enumerate() {
            if usize::from(level.number) != index + 1 {
                self.error_at(
                    MODEL,
                    &format!("levels/{index}/number"),
                    format!(
                        "level `{}` has number {}, but it is level {} in the list",
                        level.id,
                        level.number,
                        index + 1
                    ),
                );
            }
        }
        for (index, component) in m.components.iter().enumerate() {
            if let Some(term) = &component.key_term
                && !ids.terms.contains(&term.as_str())
            {
                let hint = suggestion(term, &ids.terms);
                self.error_at(
                    MODEL,
                    &format!("components/{index}/key_term"),
                    format!("unknown key term `{term}`"),
                )
                .hints
                .push(hint);
            }
        }
        for (index, row) in m.rows.iter().enumerate() {
            if !ids.roles.contains(&row.role.as_str()) {
                let hint = suggestion(&row.role, &ids.roles);
                self.error_at(
                    MODEL,
                    &format!("rows/{index}/role"),
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
                self.error_at(path, "level", format!("unknown level `{}`", level.level))
                    .hints
                    .push(hint);
                continue;
            }
            if let Some(other) = files_of_level.insert(&level.level, path) {
                self.error_at(
                    path,
                    "level",
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
                    &format!("cells/{component}"),
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
                        &format!("cells/{component}/{row}"),
                        format!("unknown row `{row}`"),
                    )
                    .hints
                    .push(hint);
                }
                if items.len() > MAX_CELL_STATEMENTS {
                    self.error_at(
                        path,
                        &format!("cells/{component}/{row}"),
                        format!(
                            "the cell {component} / {row} has {} statements, more than the limit of {MAX_CELL_STATEMENTS}",
                            items.len()
                        ),
                    )
                    .hints
                    .push("a cell of a poster holds a few short statements: split or shorten them".into());
                }
                for (index, item) in items.iter().enumerate() {
                    let Some(from) = &item.from else { continue };
                    let known = from
                        .split_once('/')
                        .is_some_and(|(c, r)| ids.components.contains(&c) && ids.rows.contains(&r));
                    if !known {
                        self.error_at(
                            path,
                            &format!("cells/{component}/{row}/{index}/from"),
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
                        &format!("cells/{component}/{row}"),
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
                "component",
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
                    &format!("cells/{level}"),
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
                        &format!("cells/{level}/{row}"),
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
        let mut seen_refs: HashSet<&str> = HashSet::new();
        for s in &statements {
            let id = format!("{}/id", s.node);
            let item = s.item;
            if !is_valid_id(&item.id) {
                self.error_at(s.file, &id, format!("`{}` is not a valid id", item.id))
                    .hints
                    .push(
                        "ids are lowercase letters and digits joined by `-`, e.g. `offers-hope`"
                            .into(),
                    );
            }
            if item.text().trim().is_empty() && item.list.is_empty() && item.title.is_none() {
                self.error_at(
                    s.file,
                    &s.node,
                    format!("the statement `{}` has no text", s.reference),
                )
                .hints
                .push("add `text: \"…\"`, or remove the entry".into());
            }
            if !seen_refs.insert(&s.reference) {
                self.error_at(s.file, &id, format!("the reference `{}` is used twice", s.reference))
                    .hints
                    .push("ids must be unique within their list: rename this one (never rename one that editions already use)".into());
            }
            self.repair(s);
            self.long_word(s);
        }
    }

    /// A word too long for a poster's column: typst breaks lines only between words (and
    /// after hyphens); the theme breaks such a word in a list of statements between any
    /// two letters where it is wider than its column, as a last resort. A warning, naming it.
    fn long_word(&mut self, s: &super::walk::Statement<'_>) {
        const LONGEST: usize = 30;
        let text = s.item.text();
        let Some(word) = (text.split(|c: char| c.is_whitespace() || c == '-' || c == '/'))
            .find(|w| w.chars().count() > LONGEST)
        else {
            return;
        };
        let shown: String = word.chars().take(LONGEST).collect();
        let diag = self.error_at(
            s.file,
            &format!("{}/text", s.node),
            format!(
                "`{}` has a word of {} letters (`{shown}…`), with nowhere to break a line: in a list of statements it is broken between two letters where it is wider than its column; elsewhere it may run out of its column",
                s.reference,
                word.chars().count()
            ),
        );
        diag.warning = true;
        diag.hints
            .push("break it with spaces or hyphens, or shorten it".into());
    }

    /// A repaired statement says why; only a repaired one has a `why`.
    fn repair(&mut self, s: &super::walk::Statement<'_>) {
        let item = s.item;
        if item.is_repaired() && item.why.as_deref().is_none_or(|w| w.trim().is_empty()) {
            self.error_at(
                s.file,
                &s.node,
                format!("the repair of `{}` does not say why", s.reference),
            )
            .hints
            .push(
                "add `why: \"…\"` saying what the source had wrong and how the repair was decided"
                    .into(),
            );
        }
        if !item.is_repaired() && item.why.is_some() {
            self.error_at(s.file, &format!("{}/why", s.node), format!("`{}` has a `why` but no `seed` or `from`", s.reference))
                .hints
                .push("a `why` explains a repair: add the source's text as `seed: \"…\"`, or remove the `why`".into());
        }
    }

    /// Further reading: unique, valid ids; `seed` and `why` together.
    fn reading(&mut self) {
        let mut seen = HashSet::new();
        for (index, r) in self.library.reading.references.iter().enumerate() {
            let path = format!("references/{index}/id");
            if !seen.insert(r.id.as_str()) {
                self.error_at(
                    READING,
                    &path,
                    format!("the reference `{}` is used twice", r.id),
                );
            }
            if !is_valid_id(&r.id) {
                self.error_at(READING, &path, format!("`{}` is not a valid id", r.id));
            }
            if r.seed.is_some() != r.why.is_some() {
                self.error_at(
                    READING,
                    &path,
                    format!("`{}` needs both `seed` and `why`, or neither", r.id),
                );
            }
        }
    }
}
