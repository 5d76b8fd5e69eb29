//! The reference family: guiding principles, key terms, shared capabilities, the
//! collaborative-partnerships domain and further reading — one source file each.

use serde::Serialize;

use super::Body;
use super::context::{ItemContext, texts};
use crate::content::Labels;
use crate::content::{Item, Library, Reference};

#[derive(Debug, Serialize)]
pub struct Principles<'a> {
    intro: &'a str,
    principles: Vec<ItemContext<'a>>,
}

pub fn principles(library: &Library) -> Body<Principles<'_>> {
    let p = &library.principles;
    Body {
        name: "guiding-principles".into(),
        title: p.title.clone(),
        scope: vec!["principles/".into()],
        context: Principles {
            intro: p.intro.text(),
            principles: ItemContext::all(&p.principles),
        },
    }
}

#[derive(Debug, Serialize)]
pub struct Glossary<'a> {
    intro: &'a str,
    terms: Vec<ItemContext<'a>>,
}

pub fn glossary(library: &Library) -> Body<Glossary<'_>> {
    let k = &library.key_terms;
    Body {
        name: "key-terms".into(),
        title: k.title.clone(),
        scope: vec!["key-terms/".into()],
        context: Glossary {
            intro: k.intro.text(),
            terms: ItemContext::all(&k.terms),
        },
    }
}

#[derive(Debug, Serialize)]
pub struct ContactContext<'a> {
    intro: Option<&'a str>,
    lines: &'a [String],
}

#[derive(Debug, Serialize)]
pub struct Capabilities<'a> {
    subtitle: &'a str,
    intro: Vec<ItemContext<'a>>,
    capabilities: Vec<ItemContext<'a>>,
    contact: ContactContext<'a>,
}

pub fn capabilities(library: &Library) -> Body<Capabilities<'_>> {
    let c = &library.capabilities;
    Body {
        name: "ten-essential-shared-capabilities".into(),
        title: c.title.clone(),
        scope: vec!["capabilities/".into()],
        context: Capabilities {
            subtitle: &c.subtitle,
            intro: ItemContext::all(&c.intro),
            capabilities: ItemContext::all(&c.capabilities),
            contact: ContactContext {
                intro: c.contact.intro.as_ref().map(Item::text),
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
    description: &'a str,
    core_principles: Vec<&'a str>,
    stem: &'a str,
    key_capabilities: Vec<&'a str>,
    good_practice: Vec<&'a str>,
    good_leadership: Vec<&'a str>,
    sections: PartnershipSections,
}

pub fn collaborative_partnerships<'a>(
    library: &'a Library,
    labels: &Labels,
) -> Body<CollaborativePartnerships<'a>> {
    let v = &library.victoria;
    Body {
        name: "collaborative-partnerships".into(),
        title: v.title.clone(),
        scope: vec!["collaborative-partnerships/".into()],
        context: CollaborativePartnerships {
            description: v.description.text(),
            core_principles: texts(&v.core_principles),
            stem: &v.key_capabilities.stem,
            key_capabilities: texts(&v.key_capabilities.items),
            good_practice: texts(&v.good_practice),
            good_leadership: texts(&v.good_leadership),
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
    intro: String,
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

pub fn further_reading<'a>(library: &'a Library, labels: &Labels) -> Body<FurtherReading<'a>> {
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
            intro: labels.further_reading_intro.clone(),
            references: r.references.iter().map(ReferenceContext::of).collect(),
        },
    }
}
