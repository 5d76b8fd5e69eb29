//! The handout family: the "Partners in Recovery" facilitator guide, self-inventory and
//! discussion questions, which share one context from the discussion guide.

use serde::Serialize;

use super::Body;
use super::context::texts;
use crate::content::Labels;
use crate::content::{Item, Library, Video};

/// Which of the guide's handouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handout {
    FacilitatorGuide,
    SelfInventory,
    DiscussionQuestions,
}

#[derive(Debug, Serialize)]
pub struct SectionContext<'a> {
    title: &'a str,
    intro: Option<&'a str>,
    items: Vec<&'a str>,
}

impl<'a> SectionContext<'a> {
    fn of(section: &'a crate::content::Section) -> SectionContext<'a> {
        SectionContext {
            title: &section.title,
            intro: section.intro.as_ref().map(Item::text),
            items: texts(&section.items),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Partners<'a> {
    title: &'a str,
    subtitle: &'a str,
    video: &'a Video,
    introduction: Vec<&'a str>,
    description: Vec<&'a str>,
    audiences: Vec<&'a str>,
    purposes: SectionContext<'a>,
    self_inventory: SectionContext<'a>,
    discussion: SectionContext<'a>,
    contact: &'a str,
}

pub fn partners<'a>(library: &'a Library, labels: &Labels, which: Handout) -> Body<Partners<'a>> {
    let p = &library.partners;
    let (name, title) = match which {
        Handout::FacilitatorGuide => (
            "partners-in-recovery-facilitator-guide",
            format!("{} — {}", p.title, labels.facilitator_guide),
        ),
        Handout::SelfInventory => (
            "partners-in-recovery-self-inventory",
            format!("{} — {}", p.title, p.self_inventory.title),
        ),
        Handout::DiscussionQuestions => (
            "partners-in-recovery-discussion-questions",
            format!("{} — {}", p.title, p.discussion.title),
        ),
    };
    Body {
        name: name.into(),
        title,
        scope: vec!["partners-in-recovery/".into()],
        context: Partners {
            title: &p.title,
            subtitle: &p.subtitle,
            video: &p.video,
            introduction: texts(&p.introduction),
            description: texts(&p.description),
            audiences: texts(&p.audiences),
            purposes: SectionContext::of(&p.purposes),
            self_inventory: SectionContext::of(&p.self_inventory),
            discussion: SectionContext::of(&p.discussion),
            contact: p.contact.text(),
        },
    }
}
