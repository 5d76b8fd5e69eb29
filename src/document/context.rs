//! Typed pieces of the template context that several document families share.

use std::borrow::Cow;

use serde::Serialize;

use crate::content::{Item, Labels, Level, Library};
use crate::edition::BilingualLayout;

/// An item as layouts see it: `{id, title, text, numbered, list}`, and in the parallel
/// layout of a bilingual edition `text` in the first language and `second` in the second.
#[derive(Debug, Clone, Serialize)]
pub struct ItemContext<'a> {
    pub id: &'a str,
    pub title: Option<&'a str>,
    pub text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub second: Option<&'a str>,
    pub numbered: bool,
    pub list: Vec<ItemContext<'a>>,
}

impl<'a> ItemContext<'a> {
    /// The item with its text as the stacked layout prints it.
    pub fn of(item: &'a Item) -> ItemContext<'a> {
        ItemContext::in_layout(item, BilingualLayout::Stacked)
    }

    /// The item as `layout` prints it: in the parallel layout each language's text apart.
    pub fn in_layout(item: &'a Item, layout: BilingualLayout) -> ItemContext<'a> {
        let (text, second) = match (layout, item.bilingual.as_deref()) {
            (BilingualLayout::Parallel, Some(both)) => {
                (Some(both.first.as_str()), Some(both.second.as_str()))
            }
            _ => (item.text.as_deref(), None),
        };
        ItemContext {
            id: &item.id,
            title: item.title.as_deref(),
            text,
            second,
            numbered: item.numbered,
            list: ItemContext::all_in(&item.list, layout),
        }
    }

    pub fn all_in(items: &'a [Item], layout: BilingualLayout) -> Vec<ItemContext<'a>> {
        (items.iter())
            .map(|item| ItemContext::in_layout(item, layout))
            .collect()
    }
}

/// A statement's text as a layout prints it: one string (in one language, or a bilingual
/// edition's two one after the other), or in the parallel layout `{text, second}`, the
/// first language's and the second's, for the layout to set side by side.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Wording<'a> {
    One(Cow<'a, str>),
    Parallel {
        text: Cow<'a, str>,
        second: Cow<'a, str>,
    },
}

impl<'a> Wording<'a> {
    /// `item`'s text as `layout` prints it, each language's followed by `mark` if given.
    fn of(item: &'a Item, layout: BilingualLayout, mark: Option<&str>) -> Wording<'a> {
        let marked = |text: &'a str| match mark {
            Some(mark) => Cow::Owned(format!("{text}{MARK_SPACE}{mark}")),
            None => Cow::Borrowed(text),
        };
        match (layout, item.bilingual.as_deref()) {
            (BilingualLayout::Parallel, Some(both)) => Wording::Parallel {
                text: marked(&both.first),
                second: marked(&both.second),
            },
            _ => Wording::One(marked(item.text())),
        }
    }

    /// `item`'s text as `layout` prints it.
    pub fn item(item: &'a Item, layout: BilingualLayout) -> Wording<'a> {
        Wording::of(item, layout, None)
    }

    /// A label as `layout` prints it: in the parallel layout each language's own wording
    /// (when the edition has the second language's labels), else as `labels` has it.
    pub fn label(
        labels: &'a Labels,
        layout: BilingualLayout,
        pick: fn(&Labels) -> &String,
    ) -> Wording<'a> {
        match (layout, labels.languages.as_deref()) {
            (BilingualLayout::Parallel, Some([first, second])) => Wording::Parallel {
                text: Cow::Owned(pick(first).clone()),
                second: Cow::Owned(pick(second).clone()),
            },
            _ => Wording::One(Cow::Borrowed(pick(labels))),
        }
    }
}

/// The texts of a list of statements, in order, as `layout` prints them.
pub fn wordings(items: &[Item], layout: BilingualLayout) -> Vec<Wording<'_>> {
    (items.iter())
        .map(|item| Wording::of(item, layout, None))
        .collect()
}

/// The mark after a statement whose wording was supplied from another source.
pub const SUPPLIED_MARK: &str = "\u{2020}";
/// The space before that mark: a no-break space, so the mark never begins a line alone.
const MARK_SPACE: char = '\u{a0}';

/// The texts of a cell's statements, each with the mark when its wording was supplied
/// from another source (the document then explains the mark once).
pub fn statements(items: &[Item]) -> Vec<Cow<'_, str>> {
    (items.iter())
        .map(|item| match item.supplied {
            Some(_) => Cow::Owned(format!("{}{MARK_SPACE}{SUPPLIED_MARK}", item.text())),
            None => Cow::Borrowed(item.text()),
        })
        .collect()
}

/// The texts of a cell's statements as `layout` prints them, each with the mark when its
/// wording was supplied from another source (after each language's, in parallel).
pub fn statements_in(items: &[Item], layout: BilingualLayout) -> Vec<Wording<'_>> {
    (items.iter())
        .map(|item| Wording::of(item, layout, item.supplied.map(|_| SUPPLIED_MARK)))
        .collect()
}

/// A level as its documents name and explain it.
#[derive(Debug, Clone, Serialize)]
pub struct LevelContext<'a> {
    pub number: u8,
    pub id: &'a str,
    pub name: &'a str,
    pub explanation: Vec<ItemContext<'a>>,
}

impl<'a> LevelContext<'a> {
    pub fn of(level: &'a Level) -> LevelContext<'a> {
        LevelContext::in_layout(level, BilingualLayout::Stacked)
    }

    pub fn in_layout(level: &'a Level, layout: BilingualLayout) -> LevelContext<'a> {
        LevelContext {
            number: level.number,
            id: &level.id,
            name: &level.name,
            explanation: ItemContext::all_in(&level.explanation, layout),
        }
    }
}

/// A component as its documents name it, with its key term.
#[derive(Debug, Clone, Serialize)]
pub struct ComponentContext<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub long_name: &'a str,
    pub key_term: Option<ItemContext<'a>>,
}

impl<'a> ComponentContext<'a> {
    pub fn of(library: &'a Library, index: usize) -> ComponentContext<'a> {
        ComponentContext::in_layout(library, index, BilingualLayout::Stacked)
    }

    pub fn in_layout(
        library: &'a Library,
        index: usize,
        layout: BilingualLayout,
    ) -> ComponentContext<'a> {
        let component = &library.model.components[index];
        ComponentContext {
            id: &component.id,
            name: &component.name,
            long_name: &component.long_name,
            key_term: key_term(library, index, layout),
        }
    }
}

/// The key term that explains component `index`, if it has one.
pub fn key_term(
    library: &Library,
    index: usize,
    layout: BilingualLayout,
) -> Option<ItemContext<'_>> {
    library.model.components[index]
        .key_term
        .as_ref()
        .and_then(|t| library.key_terms.terms.iter().find(|k| &k.id == t))
        .map(|item| ItemContext::in_layout(item, layout))
}

/// A labelled list of statements: one row of one cell.
#[derive(Debug, Clone, Serialize)]
pub struct Group<'a> {
    pub label: &'a str,
    pub items: Vec<Wording<'a>>,
}
