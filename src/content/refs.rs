//! Stable references: every statement is addressed as a path of ids, e.g.
//! `dependent-unaware/peer-support/status/may-have-lost-contact` or `principles/iii`.

use super::load::*;
use super::model::*;

/// One addressable statement and where it lives.
#[derive(Debug, Clone)]
pub struct Statement<'a> {
    pub reference: String,
    pub item: &'a Item,
    /// Project path of the file that holds it.
    pub file: &'a str,
    /// For matrix statements: level, component and row ids.
    pub cell: Option<(&'a str, &'a str, &'a str)>,
}

/// Ids are lowercase words of letters and digits joined by `-`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

struct Walker<'a> {
    out: Vec<Statement<'a>>,
}

impl<'a> Walker<'a> {
    fn items(
        &mut self,
        file: &'a str,
        prefix: &str,
        items: &'a [Item],
        cell: Option<(&'a str, &'a str, &'a str)>,
    ) {
        for item in items {
            self.item(file, prefix, item, cell);
        }
    }

    fn item(
        &mut self,
        file: &'a str,
        prefix: &str,
        item: &'a Item,
        cell: Option<(&'a str, &'a str, &'a str)>,
    ) {
        let reference = format!("{prefix}/{}", item.id);
        self.out.push(Statement {
            reference: reference.clone(),
            item,
            file,
            cell,
        });
        self.items(file, &reference, &item.list, cell);
    }
}

impl Library {
    /// Every statement of the content with its reference, in reading order.
    pub fn statements(&self) -> Vec<Statement<'_>> {
        let mut w = Walker { out: Vec::new() };

        let m = &self.model;
        w.items(MODEL, "model/introduction", &m.introduction.items, None);
        w.item(MODEL, "model/introduction", &m.introduction.signed, None);
        w.items(MODEL, "model/overview", &m.overview, None);
        for level in &m.levels {
            w.items(
                MODEL,
                &format!("model/levels/{}", level.id),
                &level.explanation,
                None,
            );
        }
        w.item(
            MODEL,
            "model/tables/process",
            &m.tables.process.caption,
            None,
        );
        w.item(
            MODEL,
            "model/tables/practices",
            &m.tables.practices.caption,
            None,
        );
        w.items(MODEL, "model/credits", &m.credits, None);
        for item in m
            .contact
            .intro
            .iter()
            .chain(&m.contact.further)
            .chain(&m.photographs)
        {
            w.item(MODEL, "model/contact", item, None);
        }

        for (path, level) in self.level_paths.iter().zip(&self.levels) {
            for (component, rows) in &level.cells {
                for (row, items) in rows {
                    let prefix = format!("{}/{component}/{row}", level.level);
                    w.items(path, &prefix, items, Some((&level.level, component, row)));
                }
            }
        }

        let p = &self.principles;
        w.item(PRINCIPLES, "principles/intro", &p.intro, None);
        w.items(PRINCIPLES, "principles", &p.principles, None);

        let k = &self.key_terms;
        w.item(KEY_TERMS, "key-terms/intro", &k.intro, None);
        w.items(KEY_TERMS, "key-terms", &k.terms, None);

        let c = &self.capabilities;
        w.items(CAPABILITIES, "capabilities/intro", &c.intro, None);
        w.items(CAPABILITIES, "capabilities", &c.capabilities, None);
        for item in c.contact.intro.iter().chain(&c.contact.further) {
            w.item(CAPABILITIES, "capabilities/contact", item, None);
        }

        let v = &self.values;
        w.item(VALUES, "values/intro", &v.intro, None);
        w.items(VALUES, "values/principles", &v.principles, None);
        w.item(VALUES, "values/diversity", &v.diversity, None);
        w.item(VALUES, "values/properties", &v.properties_intro, None);
        w.items(VALUES, "values/properties", &v.properties, None);
        w.item(VALUES, "values/closing", &v.closing, None);

        for (level, rows) in &self.ohio.cells {
            for (row, items) in rows {
                w.items(
                    OHIO,
                    &format!("ohio-us/{}/{level}/{row}", self.ohio.component),
                    items,
                    None,
                );
            }
        }

        let vic = &self.victoria;
        w.item(
            VICTORIA,
            "collaborative-partnerships/description",
            &vic.description,
            None,
        );
        w.items(
            VICTORIA,
            "collaborative-partnerships/core-principles",
            &vic.core_principles,
            None,
        );
        w.items(
            VICTORIA,
            "collaborative-partnerships/key-capabilities",
            &vic.key_capabilities.items,
            None,
        );
        w.items(
            VICTORIA,
            "collaborative-partnerships/good-practice",
            &vic.good_practice,
            None,
        );
        w.items(
            VICTORIA,
            "collaborative-partnerships/good-leadership",
            &vic.good_leadership,
            None,
        );

        let pa = &self.partners;
        let pre = "partners-in-recovery";
        w.items(
            PARTNERS,
            &format!("{pre}/introduction"),
            &pa.introduction,
            None,
        );
        w.items(
            PARTNERS,
            &format!("{pre}/description"),
            &pa.description,
            None,
        );
        w.items(PARTNERS, &format!("{pre}/audiences"), &pa.audiences, None);
        for (name, section) in [
            ("purposes", &pa.purposes),
            ("self-inventory", &pa.self_inventory),
            ("discussion", &pa.discussion),
        ] {
            if let Some(intro) = &section.intro {
                w.item(PARTNERS, &format!("{pre}/{name}/intro"), intro, None);
            }
            w.items(PARTNERS, &format!("{pre}/{name}"), &section.items, None);
        }
        w.item(PARTNERS, pre, &pa.contact, None);

        w.out
    }

    /// The statement with this reference.
    pub fn statement(&self, reference: &str) -> Option<Statement<'_>> {
        self.statements()
            .into_iter()
            .find(|s| s.reference == reference)
    }
}
