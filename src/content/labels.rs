//! The fixed phrases of the layouts (`content/labels/<language>.yaml`), typed: a labels
//! file must give every one, and only these, so a missing or misspelt key is an error at
//! `check` that names the file and the key, never a blank in a printed document.

use serde::{Deserialize, Serialize};

/// Every phrase the layouts print. The English wording is in `content/labels/en.yaml`;
/// an edition in another language gives a file with the same keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    /// The language of the phrases, a BCP 47 tag (`en`, `cy`): the PDF's language.
    pub lang: String,
    /// E.g. "Level".
    pub level: String,
    /// E.g. "About this level": the heading of a level poster's explanatory note.
    pub about_level: String,
    /// E.g. "Levels" (not printed by the built-in layouts; for a project's own).
    pub levels: String,
    /// E.g. "Page".
    pub page: String,
    /// E.g. "of".
    pub of: String,
    /// E.g. "Version" (not printed by the built-in layouts; for a project's own).
    pub version: String,
    /// E.g. "Components" (not printed by the built-in layouts; for a project's own).
    pub components: String,
    /// E.g. "Component" (not printed by the built-in layouts; for a project's own).
    pub component: String,
    /// E.g. "Role" (not printed by the built-in layouts; for a project's own).
    pub role: String,
    /// E.g. "statements" (not printed by the built-in layouts; for a project's own).
    pub statement_count: String,
    /// E.g. "Everything the Recovery Process Model says about this level:…".
    pub level_sheet_intro: String,
    /// E.g. "across the four levels".
    pub role_sheet_title: String,
    /// E.g. "What this role looks like at each level of the recovery proc…".
    pub role_sheet_intro: String,
    /// E.g. "This component at each of the four levels of the recovery process.".
    pub component_sheet_intro: String,
    /// E.g. "Key term".
    pub key_term: String,
    /// E.g. "continued": after a group's label at the top of a page it runs on to.
    pub continued: String,
    /// E.g. "What I do now".
    pub what_i_do_now: String,
    /// E.g. "What I will try".
    pub what_i_will_try: String,
    /// E.g. "How often do I do this? Mark one box for each capability.".
    pub rating_intro: String,
    /// E.g. "Not yet".
    pub rating_low: String,
    /// E.g. "Every time".
    pub rating_high: String,
    /// E.g. "Self-assessment".
    pub self_assessment: String,
    /// E.g. "Notes" (not printed by the built-in layouts; for a project's own).
    pub notes: String,
    /// E.g. "Name".
    pub name: String,
    /// E.g. "Date".
    pub date: String,
    /// E.g. "Facilitator guide".
    pub facilitator_guide: String,
    /// E.g. "Running time".
    pub running_time: String,
    /// E.g. "minutes".
    pub minutes: String,
    /// E.g. "Allow for viewing and discussion".
    pub allow_time: String,
    /// E.g. "Participant handout".
    pub participant_handout: String,
    /// E.g. "Further reading".
    pub further_reading: String,
    /// E.g. "The references of this article, as further reading on recove…".
    pub further_reading_intro: String,
    /// E.g. "Guiding Principles" (not printed by the built-in layouts; for a project's own).
    pub principles_poster_title: String,
    /// E.g. "Key Terms" (not printed by the built-in layouts; for a project's own).
    pub glossary_title: String,
    /// E.g. "Contact".
    pub contact: String,
    /// E.g. "Credits" (not printed by the built-in layouts; for a project's own).
    pub credits: String,
    /// E.g. "Core principles".
    pub core_principles: String,
    /// E.g. "Key capabilities".
    pub key_capabilities: String,
    /// E.g. "Good practice".
    pub good_practice: String,
    /// E.g. "Good leadership".
    pub good_leadership: String,
    /// E.g. "Session pack".
    pub session_pack: String,
    /// E.g. "Agenda".
    pub agenda: String,
    /// E.g. "Time".
    pub time: String,
    /// E.g. "Item".
    pub item: String,
    /// E.g. "Total".
    pub total: String,
    /// E.g. "The agenda runs over the slot by".
    pub over_slot: String,
    /// E.g. "Venue".
    pub venue: String,
    /// E.g. "Facilitators".
    pub facilitators: String,
    /// E.g. "Participants".
    pub participants: String,
    /// E.g. "Facilitator notes".
    pub facilitator_notes: String,
    /// E.g. "Contents".
    pub contents: String,
    /// E.g. "copies".
    pub copies: String,
    /// E.g. "Sign-in sheet".
    pub sign_in: String,
    /// E.g. "Signature".
    pub signature: String,
    /// E.g. "Organisation".
    pub organisation: String,
    /// E.g. "Evaluation".
    pub evaluation: String,
    /// E.g. "Please tell us what you thought of this session. You do not …".
    pub evaluation_intro: String,
    /// E.g. "pages" (the web edition's index: "3 pages").
    pub pages: String,
    /// E.g. "Pack pages": the pages column of a pack's contents, which counts the pack's
    /// own pages (each handout in it numbers its own).
    pub pack_pages: String,
    /// E.g. "Pack pages count the pages of this pack; each handout numbers its own.".
    pub contents_note: String,
    /// The twelve months' names, January first: a pack's date is printed "3 December 2026".
    pub months: [String; 12],
    /// E.g. "Poor": the low end of an evaluation's 1–5 scale.
    pub rating_poor: String,
    /// E.g. "Excellent": the high end of an evaluation's 1–5 scale.
    pub rating_excellent: String,
    /// E.g. "Strongly disagree": the low end of an agreement scale.
    pub agree_low: String,
    /// E.g. "Strongly agree": the high end of an agreement scale.
    pub agree_high: String,
    /// E.g. "Why?": the prompt above the lines under an evaluation's rated question.
    pub rating_why: String,
    /// E.g. "Certificate of attendance".
    pub certificate: String,
    /// E.g. "This is to certify that".
    pub certificate_intro: String,
    /// E.g. "took part in the session".
    pub certificate_attended: String,
    /// E.g. "Duration".
    pub duration: String,
    /// E.g. "Learning outcomes".
    pub learning_outcomes: String,
    /// E.g. "Skip to the content": the first link of a web page, for keyboard users.
    pub skip_to_content: String,
    /// E.g. "Print version (PDF)": a web page's link to its PDF.
    pub print_version: String,
    /// E.g. "Posters": a heading of the web edition's index.
    pub posters: String,
    /// E.g. "Sheets": a heading of the web edition's index.
    pub sheets: String,
    /// E.g. "Handouts": a heading of the web edition's index.
    pub handouts: String,
    /// E.g. "1 page" (the web edition's index gives each PDF's pages: "3 pages" with `pages`).
    pub one_page: String,
    /// Of a bilingual edition's labels ("Lefel / Level"): the labels of its first language
    /// and of its second, for layouts that set them side by side. Never read from a file.
    #[serde(skip)]
    pub languages: Option<Box<[Labels; 2]>>,
}

impl Labels {
    /// Each phrase followed by its wording in `second`, where that differs: "Lefel / Level".
    /// The language stays the first's; both languages' own labels are kept (`languages`).
    pub fn bilingual(&self, second: &Labels) -> Labels {
        let languages = Some(Box::new([self.clone(), second.clone()]));
        Labels {
            languages,
            ..self.joined(second)
        }
    }

    /// Each phrase followed by its wording in `second`, where that differs.
    fn joined(&self, second: &Labels) -> Labels {
        let (Ok(serde_json::Value::Object(mut first)), Ok(serde_json::Value::Object(other))) =
            (serde_json::to_value(self), serde_json::to_value(second))
        else {
            return self.clone();
        };
        for (key, value) in first.iter_mut() {
            let (Some(mine), Some(theirs)) =
                (value.as_str(), other.get(key).and_then(|v| v.as_str()))
            else {
                continue;
            };
            if key != "lang" && mine != theirs {
                *value = serde_json::Value::String(format!("{mine} / {theirs}"));
            }
        }
        serde_json::from_value(serde_json::Value::Object(first)).unwrap_or_else(|_| self.clone())
    }
}
