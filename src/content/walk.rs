//! The one walk over the content: every addressable item (matrix statements, principles
//! and their sub-items, key terms, capabilities, values, Ohio, Victoria, partners, …) with
//! its reference, file and YAML node. References, terms, patches, translations, `edition
//! diff` and `check` all go through it, so they always agree on what there is.

use super::load::*;
use super::model::*;

/// Which part of the content a statement belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The model's introduction and its signature.
    Introduction,
    Overview,
    /// A level's explanation in the model.
    Explanation,
    /// The caption of one of the model's two tables.
    Caption,
    Credits,
    /// The model's contact paragraphs and photograph credits.
    Contact,
    /// A statement of the matrix (`level/component/row/id`).
    Cell,
    PrinciplesIntro,
    Principle,
    KeyTermsIntro,
    KeyTerm,
    CapabilitiesIntro,
    Capability,
    CapabilitiesContact,
    Values,
    /// Ohio's US wording of one component (`ohio-us/…`).
    Ohio,
    Victoria,
    Partners,
}

impl Part {
    /// Whether an edition's terms are replaced in this part: the model's own statements
    /// and explanations, its principles, key terms and capabilities. Introductions,
    /// credits and the other publications keep their source's wording, and Ohio's
    /// statements are US wording already.
    pub fn takes_terms(self) -> bool {
        matches!(
            self,
            Part::Overview
                | Part::Explanation
                | Part::Caption
                | Part::Cell
                | Part::Principle
                | Part::KeyTerm
                | Part::Capability
        )
    }
}

/// The ids of a matrix cell: level, component, row.
pub type CellIds<'a> = (&'a str, &'a str, &'a str);

/// One addressable item and where it lives; `I` is `&Item` or `&mut Item`.
#[derive(Debug, Clone)]
pub struct Entry<'a, I> {
    /// The path of ids that addresses it, e.g. `principles/iii/hope-is-encouraged`.
    pub reference: String,
    pub item: I,
    /// Project path of the file that holds it.
    pub file: &'a str,
    /// For matrix statements: level, component and row ids.
    pub cell: Option<CellIds<'a>>,
    pub part: Part,
    /// Its node in the file, e.g. `principles/2/list/0`, for diagnostics (see
    /// `positions::Positions::find`).
    pub node: String,
}

/// One addressable statement, to read.
pub type Statement<'a> = Entry<'a, &'a Item>;

/// A place that holds items: its file, the reference and node its items hang under, and
/// its part of the content.
#[derive(Debug, Clone)]
pub struct Place<'a> {
    pub file: &'a str,
    /// An item here is `<reference>/<id>`.
    pub reference: String,
    /// A single item's node, or the node of a list whose items are `<node>/<index>`.
    pub node: String,
    pub part: Part,
    pub cell: Option<CellIds<'a>>,
}

impl<'a> Place<'a> {
    fn new(
        file: &'a str,
        reference: impl Into<String>,
        node: impl Into<String>,
        part: Part,
    ) -> Self {
        Place {
            file,
            reference: reference.into(),
            node: node.into(),
            part,
            cell: None,
        }
    }

    /// The place of the sub-items (`list`) of `item`, found at `reference` and `node`.
    fn under(&self, reference: String, node: &str) -> Place<'a> {
        Place {
            reference,
            node: format!("{node}/list"),
            ..self.clone()
        }
    }

    fn entry<I>(&self, item_id: &str, node: String, item: I) -> Entry<'a, I> {
        Entry {
            reference: format!("{}/{item_id}", self.reference),
            item,
            file: self.file,
            cell: self.cell,
            part: self.part,
            node,
        }
    }
}

/// The items of one place, to read.
pub enum Items<'a> {
    One(&'a Item),
    Many(&'a [Item]),
}

/// The items of one place, to change: a list can gain and lose items.
pub enum ItemsMut<'a> {
    One(&'a mut Item),
    Many(&'a mut Vec<Item>),
}

/// Every place of the content that holds items, in reading order: the one list of them.
/// Written once for both `&Library` and `&mut Library` (`$($mut)?` is `mut` or nothing);
/// `$visit(place, items)` is called for each, with `$one`/`$many` wrapping the items.
macro_rules! places {
    ($library:expr, $visit:expr, $one:path, $many:path $(, $mut:ident)?) => {{
        let Library {
            model: m,
            levels,
            level_paths,
            principles: p,
            key_terms: k,
            capabilities: c,
            values: v,
            ohio,
            victoria: vic,
            partners: pa,
            ..
        } = $library;
        let mut visit = $visit;
        visit(Place::new(MODEL, "model/introduction", "introduction/items", Part::Introduction), $many(&$($mut)? m.introduction.items));
        visit(Place::new(MODEL, "model/introduction", "introduction/signed", Part::Introduction), $one(&$($mut)? m.introduction.signed));
        visit(Place::new(MODEL, "model/overview", "overview", Part::Overview), $many(&$($mut)? m.overview));
        for (index, level) in (&$($mut)? m.levels).into_iter().enumerate() {
            let place = Place::new(MODEL, format!("model/levels/{}", level.id), format!("levels/{index}/explanation"), Part::Explanation);
            visit(place, $many(&$($mut)? level.explanation));
        }
        visit(Place::new(MODEL, "model/tables/process", "tables/process/caption", Part::Caption), $one(&$($mut)? m.tables.process.caption));
        visit(Place::new(MODEL, "model/tables/practices", "tables/practices/caption", Part::Caption), $one(&$($mut)? m.tables.practices.caption));
        visit(Place::new(MODEL, "model/credits", "credits", Part::Credits), $many(&$($mut)? m.credits));
        if let Some(item) = &$($mut)? m.contact.intro {
            visit(Place::new(MODEL, "model/contact", "contact/intro", Part::Contact), $one(item));
        }
        if let Some(item) = &$($mut)? m.contact.further {
            visit(Place::new(MODEL, "model/contact", "contact/further", Part::Contact), $one(item));
        }
        if let Some(item) = &$($mut)? m.photographs {
            visit(Place::new(MODEL, "model/contact", "photographs", Part::Contact), $one(item));
        }

        for (path, level) in level_paths.iter().zip(levels) {
            let LevelFile { level: level_id, cells, .. } = level;
            let level_id: &str = level_id;
            for (component, rows) in cells {
                for (row, items) in rows {
                    let mut place = Place::new(path, format!("{level_id}/{component}/{row}"), format!("cells/{component}/{row}"), Part::Cell);
                    place.cell = Some((level_id, component.as_str(), row.as_str()));
                    visit(place, $many(items));
                }
            }
        }

        visit(Place::new(PRINCIPLES, "principles/intro", "intro", Part::PrinciplesIntro), $one(&$($mut)? p.intro));
        visit(Place::new(PRINCIPLES, "principles", "principles", Part::Principle), $many(&$($mut)? p.principles));
        visit(Place::new(KEY_TERMS, "key-terms/intro", "intro", Part::KeyTermsIntro), $one(&$($mut)? k.intro));
        visit(Place::new(KEY_TERMS, "key-terms", "terms", Part::KeyTerm), $many(&$($mut)? k.terms));
        visit(Place::new(CAPABILITIES, "capabilities/intro", "intro", Part::CapabilitiesIntro), $many(&$($mut)? c.intro));
        visit(Place::new(CAPABILITIES, "capabilities", "capabilities", Part::Capability), $many(&$($mut)? c.capabilities));
        if let Some(item) = &$($mut)? c.contact.intro {
            visit(Place::new(CAPABILITIES, "capabilities/contact", "contact/intro", Part::CapabilitiesContact), $one(item));
        }
        if let Some(item) = &$($mut)? c.contact.further {
            visit(Place::new(CAPABILITIES, "capabilities/contact", "contact/further", Part::CapabilitiesContact), $one(item));
        }

        visit(Place::new(VALUES, "values/intro", "intro", Part::Values), $one(&$($mut)? v.intro));
        visit(Place::new(VALUES, "values/principles", "principles", Part::Values), $many(&$($mut)? v.principles));
        visit(Place::new(VALUES, "values/diversity", "diversity", Part::Values), $one(&$($mut)? v.diversity));
        visit(Place::new(VALUES, "values/properties", "properties_intro", Part::Values), $one(&$($mut)? v.properties_intro));
        visit(Place::new(VALUES, "values/properties", "properties", Part::Values), $many(&$($mut)? v.properties));
        visit(Place::new(VALUES, "values/closing", "closing", Part::Values), $one(&$($mut)? v.closing));

        let OhioFile { component, cells, .. } = ohio;
        for (level, rows) in cells {
            for (row, items) in rows {
                let place = Place::new(OHIO, format!("ohio-us/{component}/{level}/{row}"), format!("cells/{level}/{row}"), Part::Ohio);
                visit(place, $many(items));
            }
        }

        let pre = "collaborative-partnerships";
        visit(Place::new(VICTORIA, format!("{pre}/description"), "description", Part::Victoria), $one(&$($mut)? vic.description));
        visit(Place::new(VICTORIA, format!("{pre}/core-principles"), "core_principles", Part::Victoria), $many(&$($mut)? vic.core_principles));
        visit(Place::new(VICTORIA, format!("{pre}/key-capabilities"), "key_capabilities/items", Part::Victoria), $many(&$($mut)? vic.key_capabilities.items));
        visit(Place::new(VICTORIA, format!("{pre}/good-practice"), "good_practice", Part::Victoria), $many(&$($mut)? vic.good_practice));
        visit(Place::new(VICTORIA, format!("{pre}/good-leadership"), "good_leadership", Part::Victoria), $many(&$($mut)? vic.good_leadership));

        let pre = "partners-in-recovery";
        visit(Place::new(PARTNERS, format!("{pre}/introduction"), "introduction", Part::Partners), $many(&$($mut)? pa.introduction));
        visit(Place::new(PARTNERS, format!("{pre}/description"), "description", Part::Partners), $many(&$($mut)? pa.description));
        visit(Place::new(PARTNERS, format!("{pre}/audiences"), "audiences", Part::Partners), $many(&$($mut)? pa.audiences));
        for (name, key, section) in [
            ("purposes", "purposes", &$($mut)? pa.purposes),
            ("self-inventory", "self_inventory", &$($mut)? pa.self_inventory),
            ("discussion", "discussion", &$($mut)? pa.discussion),
        ] {
            if let Some(intro) = &$($mut)? section.intro {
                visit(Place::new(PARTNERS, format!("{pre}/{name}/intro"), format!("{key}/intro"), Part::Partners), $one(intro));
            }
            // `items` may be written `questions` (a serde alias): the node names both.
            visit(Place::new(PARTNERS, format!("{pre}/{name}"), format!("{key}/items|questions"), Part::Partners), $many(&$($mut)? section.items));
        }
        visit(Place::new(PARTNERS, pre, "contact", Part::Partners), $one(&$($mut)? pa.contact));
    }};
}

impl Library {
    /// Calls `f` with every place that holds items, in reading order.
    pub fn places<'a>(&'a self, f: &mut dyn FnMut(Place<'a>, Items<'a>)) {
        places!(
            self,
            |place: Place<'a>, items: Items<'a>| f(place, items),
            Items::One,
            Items::Many
        );
    }

    /// Calls `f` with every place that holds items, to change them.
    pub fn places_mut(&mut self, f: &mut dyn FnMut(Place<'_>, ItemsMut<'_>)) {
        places!(
            self,
            |place: Place<'_>, items: ItemsMut<'_>| f(place, items),
            ItemsMut::One,
            ItemsMut::Many,
            mut
        );
    }

    /// Calls `f` with every addressable item and its sub-items, in reading order.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(Statement<'a>)) {
        self.places(&mut |place, items| match items {
            Items::One(item) => visit(&place, item, place.node.clone(), f),
            Items::Many(items) => visit_all(&place, items, f),
        });
    }

    /// Calls `f` with every addressable item and its sub-items, to change them.
    pub fn walk_mut(&mut self, f: &mut dyn FnMut(Entry<'_, &mut Item>)) {
        self.places_mut(&mut |place, items| match items {
            ItemsMut::One(item) => visit_mut(&place, item, place.node.clone(), f),
            ItemsMut::Many(items) => {
                for (index, item) in items.iter_mut().enumerate() {
                    visit_mut(&place, item, format!("{}/{index}", place.node), f);
                }
            }
        });
    }

    /// Calls `f` with every list of items (top-level and sub-lists), each with its place,
    /// to add or remove items.
    pub fn lists_mut(&mut self, f: &mut dyn FnMut(&Place<'_>, &mut Vec<Item>)) {
        fn sub_lists(
            place: &Place<'_>,
            items: &mut [Item],
            f: &mut dyn FnMut(&Place<'_>, &mut Vec<Item>),
        ) {
            for (index, item) in items.iter_mut().enumerate() {
                let node = format!("{}/{index}", place.node);
                lists_of(
                    &place.under(format!("{}/{}", place.reference, item.id), &node),
                    item,
                    f,
                );
            }
        }
        fn lists_of(
            place: &Place<'_>,
            item: &mut Item,
            f: &mut dyn FnMut(&Place<'_>, &mut Vec<Item>),
        ) {
            f(place, &mut item.list);
            sub_lists(place, &mut item.list, f);
        }
        self.places_mut(&mut |place, items| match items {
            ItemsMut::One(item) => {
                let under = place.under(format!("{}/{}", place.reference, item.id), &place.node);
                lists_of(&under, item, f);
            }
            ItemsMut::Many(items) => {
                f(&place, items);
                sub_lists(&place, items, f);
            }
        });
    }
}

fn visit<'a>(place: &Place<'a>, item: &'a Item, node: String, f: &mut dyn FnMut(Statement<'a>)) {
    let entry = place.entry(&item.id, node, item);
    let under = place.under(entry.reference.clone(), &entry.node);
    f(entry);
    visit_all(&under, &item.list, f);
}

fn visit_all<'a>(place: &Place<'a>, items: &'a [Item], f: &mut dyn FnMut(Statement<'a>)) {
    for (index, item) in items.iter().enumerate() {
        visit(place, item, format!("{}/{index}", place.node), f);
    }
}

fn visit_mut(
    place: &Place<'_>,
    item: &mut Item,
    node: String,
    f: &mut dyn FnMut(Entry<'_, &mut Item>),
) {
    let reference = format!("{}/{}", place.reference, item.id);
    let under = place.under(reference.clone(), &node);
    f(Entry {
        reference,
        item: &mut *item,
        file: place.file,
        cell: place.cell,
        part: place.part,
        node,
    });
    for (index, sub) in item.list.iter_mut().enumerate() {
        visit_mut(&under, sub, format!("{}/{index}", under.node), f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Project;

    fn library() -> Library {
        Library::load(&Project::built_in()).expect("the built-in content loads")
    }

    #[test]
    fn the_walk_to_read_and_the_walk_to_change_meet_the_same_items_in_the_same_order() {
        let mut library = library();
        let read: Vec<(String, String, String)> = library
            .statements()
            .into_iter()
            .map(|s| (s.reference, s.node, s.item.id.clone()))
            .collect();
        let mut changed = vec![];
        library.walk_mut(&mut |e| changed.push((e.reference, e.node, e.item.id.clone())));
        assert_eq!(read, changed);
        assert!(read.len() > 1000, "{} statements", read.len());
    }

    #[test]
    fn every_item_in_a_list_is_in_one_of_the_lists_the_walk_gives_to_change() {
        let mut library = library();
        let singles: Vec<String> = {
            let mut out = vec![];
            library.places(&mut |place, items| {
                if let Items::One(item) = items {
                    out.push(format!("{}/{}", place.reference, item.id));
                }
            });
            out
        };
        let every: Vec<String> = library.references();
        let mut in_lists = vec![];
        library.lists_mut(&mut |place, items| {
            in_lists.extend(
                items
                    .iter()
                    .map(|i| format!("{}/{}", place.reference, i.id)),
            );
        });
        for reference in &every {
            assert!(
                in_lists.contains(reference) != singles.contains(reference),
                "{reference} is in a list or stands alone, not both or neither"
            );
        }
    }

    #[test]
    fn references_name_the_non_matrix_items_and_their_sub_items() {
        let library = library();
        let principles = library
            .statement("principles/intro/basis-for-development")
            .expect("the principles' introduction");
        assert_eq!(principles.file, PRINCIPLES);
        assert_eq!(principles.node, "intro");
        assert_eq!(principles.part, Part::PrinciplesIntro);
        let sub = library
            .statement("principles/iii/hope-is-encouraged")
            .expect("a sub-item of principle iii");
        assert_eq!(sub.node, "principles/2/list/0");
        let question = library
            .statement("partners-in-recovery/self-inventory/believe-patients-can-recover")
            .expect("a self-inventory question");
        assert_eq!(question.node, "self_inventory/items|questions/0");
    }

    #[test]
    fn matrix_statements_carry_their_cell_and_node() {
        let library = library();
        let s = library
            .statements()
            .into_iter()
            .find(|s| s.cell.is_some())
            .expect("a matrix statement");
        let (level, component, row) = s.cell.unwrap();
        assert_eq!(
            s.reference,
            format!("{level}/{component}/{row}/{}", s.item.id)
        );
        assert_eq!(s.node, format!("cells/{component}/{row}/0"));
        assert_eq!(s.part, Part::Cell);
    }
}
