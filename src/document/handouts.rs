//! The handout family: the "Partners in Recovery" facilitator guide, self-inventory and
//! discussion questions, which share one context from the discussion guide.

use serde::Serialize;

use super::Body;
use super::context::{Wording, wordings};
use crate::content::Labels;
use crate::content::{Library, Video};
use crate::edition::BilingualLayout;

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
    intro: Option<Wording<'a>>,
    items: Vec<Wording<'a>>,
}

impl<'a> SectionContext<'a> {
    fn of(section: &'a crate::content::Section, layout: BilingualLayout) -> SectionContext<'a> {
        SectionContext {
            title: &section.title,
            intro: (section.intro.as_ref()).map(|i| Wording::item(i, layout)),
            items: wordings(&section.items, layout),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Partners<'a> {
    title: &'a str,
    subtitle: &'a str,
    video: &'a Video,
    introduction: Vec<Wording<'a>>,
    description: Vec<Wording<'a>>,
    audiences: Vec<Wording<'a>>,
    purposes: SectionContext<'a>,
    self_inventory: SectionContext<'a>,
    discussion: SectionContext<'a>,
    contact: Wording<'a>,
}

pub fn partners<'a>(
    library: &'a Library,
    labels: &Labels,
    which: Handout,
    layout: BilingualLayout,
) -> Body<Partners<'a>> {
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
            introduction: wordings(&p.introduction, layout),
            description: wordings(&p.description, layout),
            audiences: wordings(&p.audiences, layout),
            purposes: SectionContext::of(&p.purposes, layout),
            self_inventory: SectionContext::of(&p.self_inventory, layout),
            discussion: SectionContext::of(&p.discussion, layout),
            contact: Wording::item(&p.contact, layout),
        },
    }
}
