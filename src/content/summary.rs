//! The counts `hopeprint check` prints: statements per level, component, role and table.

use std::collections::{BTreeMap, HashMap};

use super::load::*;
use super::model::*;

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
