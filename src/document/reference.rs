//! The reference family: guiding principles, key terms, shared capabilities, the
//! collaborative-partnerships domain and further reading — one source file each.

use serde::Serialize;

use super::Body;
use super::context::{ItemContext, Wording, wordings};
use crate::content::Labels;
use crate::content::{Library, Reference};
use crate::edition::BilingualLayout;

#[derive(Debug, Serialize)]
pub struct Principles<'a> {
    intro: Wording<'a>,
    principles: Vec<ItemContext<'a>>,
}

pub fn principles(library: &Library, layout: BilingualLayout) -> Body<Principles<'_>> {
    let p = &library.principles;
    Body {
        name: "guiding-principles".into(),
        title: p.title.clone(),
        scope: vec!["principles/".into()],
        context: Principles {
            intro: Wording::item(&p.intro, layout),
            principles: ItemContext::all_in(&p.principles, layout),
        },
    }
}

#[derive(Debug, Serialize)]
pub struct Glossary<'a> {
    intro: Wording<'a>,
    terms: Vec<ItemContext<'a>>,
}

/// The key terms, A to Z by title (case aside), whatever order their file keeps.
pub fn glossary(library: &Library, layout: BilingualLayout) -> Body<Glossary<'_>> {
    let k = &library.key_terms;
    let mut terms = ItemContext::all_in(&k.terms, layout);
    terms.sort_by_cached_key(|t| t.title.unwrap_or_default().to_lowercase());
    Body {
        name: "key-terms".into(),
        title: k.title.clone(),
        scope: vec!["key-terms/".into()],
        context: Glossary {
            intro: Wording::item(&k.intro, layout),
            terms,
        },
    }
}

#[derive(Debug, Serialize)]
pub struct ContactContext<'a> {
    intro: Option<Wording<'a>>,
    lines: &'a [String],
}

#[derive(Debug, Serialize)]
pub struct Capabilities<'a> {
    subtitle: &'a str,
    intro: Vec<ItemContext<'a>>,
    capabilities: Vec<ItemContext<'a>>,
    contact: ContactContext<'a>,
}

pub fn capabilities(library: &Library, layout: BilingualLayout) -> Body<Capabilities<'_>> {
    let c = &library.capabilities;
    Body {
        name: "ten-essential-shared-capabilities".into(),
        title: c.title.clone(),
        scope: vec!["capabilities/".into()],
        context: Capabilities {
            subtitle: &c.subtitle,
            intro: ItemContext::all_in(&c.intro, layout),
            capabilities: ItemContext::all_in(&c.capabilities, layout),
            contact: ContactContext {
                intro: (c.contact.intro.as_ref()).map(|i| Wording::item(i, layout)),
                lines: &c.contact.lines,
            },
        },
    }
}

/// The section headings of the collaborative-partnerships handout.
#[derive(Debug, Serialize)]
pub struct PartnershipSections {
    core_principles: String,
    key_capabilities: String,
    good_practice: String,
    good_leadership: String,
}

#[derive(Debug, Serialize)]
pub struct CollaborativePartnerships<'a> {
    description: Wording<'a>,
    core_principles: Vec<Wording<'a>>,
    stem: &'a str,
    key_capabilities: Vec<Wording<'a>>,
    good_practice: Vec<Wording<'a>>,
    good_leadership: Vec<Wording<'a>>,
    sections: PartnershipSections,
}

pub fn collaborative_partnerships<'a>(
    library: &'a Library,
    labels: &Labels,
    layout: BilingualLayout,
) -> Body<CollaborativePartnerships<'a>> {
    let v = &library.victoria;
    Body {
        name: "collaborative-partnerships".into(),
        title: v.title.clone(),
        scope: vec!["collaborative-partnerships/".into()],
        context: CollaborativePartnerships {
            description: Wording::item(&v.description, layout),
            core_principles: wordings(&v.core_principles, layout),
            stem: &v.key_capabilities.stem,
            key_capabilities: wordings(&v.key_capabilities.items, layout),
            good_practice: wordings(&v.good_practice, layout),
            good_leadership: wordings(&v.good_leadership, layout),
            sections: PartnershipSections {
                core_principles: labels.core_principles.clone(),
                key_capabilities: labels.key_capabilities.clone(),
                good_practice: labels.good_practice.clone(),
                good_leadership: labels.good_leadership.clone(),
            },
        },
    }
}

/// The article whose references are printed.
#[derive(Debug, Serialize)]
pub struct CitationContext<'a> {
    authors: String,
    year: u16,
    title: &'a str,
    journal: &'a str,
    volume: &'a str,
    pages: &'a str,
}

#[derive(Debug, Serialize)]
pub struct FurtherReading<'a> {
    citation: CitationContext<'a>,
    intro: Wording<'a>,
    references: Vec<ReferenceContext<'a>>,
}

/// One reference as printed (without the repair notes the content keeps beside it).
#[derive(Debug, Serialize)]
pub struct ReferenceContext<'a> {
    id: &'a str,
    authors: &'a str,
    year: &'a str,
    title: &'a str,
    published: &'a str,
    url: Option<&'a str>,
}

impl<'a> ReferenceContext<'a> {
    fn of(r: &'a Reference) -> ReferenceContext<'a> {
        ReferenceContext {
            id: &r.id,
            authors: &r.authors,
            year: &r.year,
            title: &r.title,
            published: &r.published,
            url: r.url.as_deref(),
        }
    }
}

pub fn further_reading<'a>(
    library: &'a Library,
    labels: &'a Labels,
    layout: BilingualLayout,
) -> Body<FurtherReading<'a>> {
    let r = &library.reading;
    let c = &r.citation;
    Body {
        name: "further-reading".into(),
        title: labels.further_reading.clone(),
        // References are not statements: an edition neither patches nor translates them.
        scope: vec![],
        context: FurtherReading {
            citation: CitationContext {
                authors: c.authors.join(" and "),
                year: c.year,
                title: &c.title,
                journal: &c.journal,
                volume: &c.volume,
                pages: &c.pages,
            },
            intro: Wording::label(labels, layout, |l| &l.further_reading_intro),
            references: r.references.iter().map(ReferenceContext::of).collect(),
        },
    }
}
