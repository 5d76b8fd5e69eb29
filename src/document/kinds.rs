//! The facts of each kind of document, in one table: its id, layout, paper group, default
//! paper, how it meets the page, and whether it prints the model's credits.

use super::spec::Kind;
use crate::paper::Paper;

/// Which of an edition's default papers (`papers:` in the edition file) a kind uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaperGroup {
    Posters,
    Sheets,
    Handouts,
}

/// How a kind of document meets its page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PageRule {
    /// One page; the type starts at this multiple of the poster start size and shrinks.
    OnePage { start_factor: f64 },
    /// As many pages as needed, at the handout size.
    Flow,
}

/// Everything hopeprint knows about a kind apart from its content. (Which labels a kind
/// prints needs no column: `content::Labels` requires every label of every layout.)
#[derive(Debug, Clone, Copy)]
pub struct KindFacts {
    pub kind: Kind,
    /// As written in catalogues and packs, and the layout's name before `.typ.j2`.
    pub id: &'static str,
    pub group: PaperGroup,
    pub paper: Paper,
    pub landscape: bool,
    pub page: PageRule,
    /// Prints the model's credits (or the edition's own).
    pub model_credits: bool,
}

const POSTER: PageRule = PageRule::OnePage { start_factor: 1.0 };
/// A component poster has four columns where a level poster has nine: when its statements
/// fit at the level poster's start size they may grow further, to fill the page.
const COMPONENT_POSTER: PageRule = PageRule::OnePage { start_factor: 1.4 };
const PRINCIPLES: PageRule = PageRule::OnePage { start_factor: 1.5 };

const fn facts_row(
    kind: Kind,
    id: &'static str,
    group: PaperGroup,
    paper: Paper,
    landscape: bool,
    page: PageRule,
    model_credits: bool,
) -> KindFacts {
    KindFacts {
        kind,
        id,
        group,
        paper,
        landscape,
        page,
        model_credits,
    }
}

use PageRule::Flow;
use PaperGroup::{Handouts, Posters, Sheets};

/// One row per kind: kind, id, paper group, default paper, landscape, page, model credits.
#[rustfmt::skip]
pub const KINDS: &[KindFacts] = &[
    facts_row(Kind::LevelPoster, "level-poster", Posters, Paper::A1, true, POSTER, true),
    facts_row(Kind::ComponentPoster, "component-poster", Posters, Paper::A1, true, COMPONENT_POSTER, true),
    facts_row(Kind::LevelSheet, "level-sheet", Sheets, Paper::A4, false, Flow, true),
    facts_row(Kind::RoleSheet, "role-sheet", Sheets, Paper::A4, false, Flow, true),
    facts_row(Kind::ComponentSheet, "component-sheet", Sheets, Paper::A4, false, Flow, true),
    // The principles are few: they start larger and shrink only if they must.
    facts_row(Kind::Principles, "principles", Posters, Paper::A2, false, PRINCIPLES, true),
    facts_row(Kind::Glossary, "glossary", Handouts, Paper::A4, false, Flow, false),
    facts_row(Kind::Capabilities, "capabilities", Handouts, Paper::A4, false, Flow, false),
    facts_row(Kind::CollaborativePartnerships, "collaborative-partnerships", Handouts, Paper::A4, false, Flow, false),
    facts_row(Kind::FurtherReading, "further-reading", Handouts, Paper::A4, false, Flow, false),
    facts_row(Kind::FacilitatorGuide, "facilitator-guide", Handouts, Paper::A4, false, Flow, false),
    facts_row(Kind::SelfInventory, "self-inventory", Handouts, Paper::A4, false, Flow, false),
    facts_row(Kind::DiscussionQuestions, "discussion-questions", Handouts, Paper::A4, false, Flow, false),
    // Not a document: a catalogue entry that `catalog::expand` turns into posters. Its row
    // gives the kind its id and the paper its posters default to; it has no layout.
    facts_row(Kind::Posters, "posters", Posters, Paper::A1, true, POSTER, true),
];

/// The facts of `kind`.
pub fn facts(kind: Kind) -> &'static KindFacts {
    KINDS
        .iter()
        .find(|f| f.kind == kind)
        .expect("every kind has a row in KINDS")
}

impl KindFacts {
    /// The layout template, e.g. `level-poster.typ.j2`.
    pub fn layout(&self) -> String {
        format!("{}.typ.j2", self.id)
    }

    /// Whether a bilingual edition's parallel layout applies: to sheets and handouts (the
    /// principles too), not to the matrix posters, whose cells have no room for two
    /// columns each; those stay stacked.
    pub fn parallel_columns(&self) -> bool {
        !matches!(
            self.kind,
            Kind::LevelPoster | Kind::ComponentPoster | Kind::Posters
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn every_kind_has_exactly_one_row_whose_id_is_its_serde_name() {
        for kind in Kind::value_variants() {
            let rows: Vec<_> = KINDS.iter().filter(|f| f.kind == *kind).collect();
            assert_eq!(rows.len(), 1, "{kind:?}");
            let serde_name = serde_json::to_value(kind).unwrap();
            assert_eq!(serde_name.as_str(), Some(rows[0].id));
        }
    }
}
