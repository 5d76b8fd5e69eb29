//! Typed pieces of the template context that several document families share.

use std::borrow::Cow;

use serde::Serialize;

use crate::content::{Item, Level, Library};

/// An item as layouts see it: `{id, title, text, numbered, list}`.
#[derive(Debug, Clone, Serialize)]
pub struct ItemContext<'a> {
    pub id: &'a str,
    pub title: Option<&'a str>,
    pub text: Option<&'a str>,
    pub numbered: bool,
    pub list: Vec<ItemContext<'a>>,
}

impl<'a> ItemContext<'a> {
    pub fn of(item: &'a Item) -> ItemContext<'a> {
        ItemContext {
            id: &item.id,
            title: item.title.as_deref(),
            text: item.text.as_deref(),
            numbered: item.numbered,
            list: ItemContext::all(&item.list),
        }
    }

    pub fn all(items: &'a [Item]) -> Vec<ItemContext<'a>> {
        items.iter().map(ItemContext::of).collect()
    }
}

/// The texts of a list of statements, in order.
pub fn texts(items: &[Item]) -> Vec<&str> {
    items.iter().map(Item::text).collect()
}

/// The mark after a statement whose wording was supplied from another source.
pub const SUPPLIED_MARK: &str = "\u{2020}";

/// The texts of a cell's statements, each with the mark when its wording was supplied
/// from another source (the document then explains the mark once).
pub fn statements(items: &[Item]) -> Vec<Cow<'_, str>> {
    (items.iter())
        .map(|item| match item.supplied {
            Some(_) => Cow::Owned(format!("{} {SUPPLIED_MARK}", item.text())),
            None => Cow::Borrowed(item.text()),
        })
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
        LevelContext {
            number: level.number,
            id: &level.id,
            name: &level.name,
            explanation: ItemContext::all(&level.explanation),
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
        let component = &library.model.components[index];
        ComponentContext {
            id: &component.id,
            name: &component.name,
            long_name: &component.long_name,
            key_term: key_term(library, index),
        }
    }
}

/// The key term that explains component `index`, if it has one.
pub fn key_term(library: &Library, index: usize) -> Option<ItemContext<'_>> {
    library.model.components[index]
        .key_term
        .as_ref()
        .and_then(|t| library.key_terms.terms.iter().find(|k| &k.id == t))
        .map(ItemContext::of)
}

/// A labelled list of statements: one row of one cell.
#[derive(Debug, Clone, Serialize)]
pub struct Group<'a> {
    pub label: &'a str,
    pub items: Vec<Cow<'a, str>>,
}
