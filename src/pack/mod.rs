//! Session packs: one training session's documents in one print-ready PDF — cover with
//! contents, agenda with times, facilitator notes, the handouts with their copies, a
//! sign-in sheet, evaluation forms and certificates of attendance.

mod attendees;
pub mod check;
pub mod plan;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::content::{LoadedFile, yaml};
use crate::diag::{Diagnostic, Diagnostics};
use crate::document::spec::{DocumentSpec, Kind, NameOrNumber, PrintOptions, Request, SpecFields};
use crate::paper::Paper;
use crate::project::{Project, display_path};

pub use attendees::read_attendees;
pub use check::{MAX_COPIES, MAX_FACILITATORS, MAX_MINUTES, MAX_PARTICIPANTS};

/// `content/packs/<id>.yaml`, or any pack file given by path.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`, 24-hour clock.
    pub start: String,
    /// The length of the session's slot, in minutes (1 to 1440).
    pub slot_minutes: i64,
    pub venue: String,
    pub facilitators: Vec<Facilitator>,
    /// How many participants are expected, 1 to 500 (`--participants` or `--attendees`
    /// overrides it).
    pub participants: i64,
    /// The one paper every page of the pack prints on (default: the edition's handout
    /// paper). Posters print in their handout form on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paper: Option<Paper>,
    pub agenda: Vec<AgendaItem>,
    /// Notes for the facilitators, printed after the agenda.
    #[serde(default)]
    pub notes: Vec<String>,
    /// What participants learn, printed on the certificates of attendance (a CPD record).
    #[serde(default)]
    pub outcomes: Vec<String>,
    /// The documents of the pack, in order, as written (`LoadedPack::documents` holds
    /// them checked).
    pub documents: Vec<PackDocumentEntry>,
    /// Whether the pack has a sign-in sheet (default: yes).
    #[serde(default = "yes")]
    pub sign_in: bool,
    /// Questions of the evaluation form; `[]` leaves the form out.
    pub evaluation: Vec<Question>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Facilitator {
    pub name: String,
    /// E.g. "Facilitator", "Co-facilitator with lived experience".
    pub role: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    pub item: String,
    /// 1 to 1440.
    pub minutes: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A question of the evaluation form: a text answered in writing, or one with a rating
/// scale (and room to say why).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Question {
    Rated(RatedQuestion),
    Written(String),
}

impl Question {
    /// The question as printed, and its scale if it has one.
    pub fn parts(&self) -> (&str, Option<Scale>) {
        match self {
            Question::Rated(q) => (&q.question, Some(q.scale)),
            Question::Written(text) => (text, None),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RatedQuestion {
    pub question: String,
    pub scale: Scale,
}

/// The rating scale of a question: five boxes, labelled at the ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Scale {
    /// 1 (poor) to 5 (excellent).
    #[serde(rename = "1-5")]
    OneToFive,
    /// Strongly disagree to strongly agree.
    #[serde(rename = "agree")]
    Agree,
}

/// Who a document's copies are for.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Per {
    Participant,
    Facilitator,
    #[default]
    Room,
}

/// A document of a pack as written: its kind, the fields of that kind, large print, its
/// paper and its copies. (The catalogue's fields are repeated rather than flattened in:
/// serde does not support `flatten` together with `deny_unknown_fields`.)
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackDocumentEntry {
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<NameOrNumber>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub practices: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub large_print: bool,
    /// The document's paper: it must be the pack's (a pack prints on one paper).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paper: Option<Paper>,
    /// One copy for each participant, each facilitator, or one for the room.
    #[serde(default)]
    pub per: Per,
    /// Copies for each of those, 1 to 10 (default 1).
    #[serde(default = "one")]
    pub copies: i64,
}

fn one() -> i64 {
    1
}

/// A document of a pack, checked against its kind, and its copies. A poster is held in
/// its handout form (a level or component sheet; the principles flowing over pages).
#[derive(Debug, Clone)]
pub struct PackDocument {
    pub spec: DocumentSpec,
    pub large_print: bool,
    pub per: Per,
    pub copies: u32,
}

impl PackDocument {
    /// The document printed on the pack's paper.
    pub fn request(&self, paper: Option<Paper>) -> Request {
        Request {
            spec: self.spec.clone(),
            print: PrintOptions {
                large_print: self.large_print,
                paper,
                landscape: Some(false),
                ..PrintOptions::default()
            },
        }
    }

    /// How many copies go into the pack (each factor is checked against its limit, so
    /// the product fits easily).
    pub fn total_copies(&self, participants: u32, facilitators: u32) -> u32 {
        self.copies
            * match self.per {
                Per::Participant => participants,
                Per::Facilitator => facilitators.max(1),
                Per::Room => 1,
            }
    }
}

/// The handout form of a document: posters are for walls, a pack is handed out. A level
/// or component poster becomes that level's or component's sheet; other kinds stay.
pub fn handout_form(spec: DocumentSpec) -> DocumentSpec {
    match spec {
        DocumentSpec::LevelPoster { level, .. } => DocumentSpec::LevelSheet { level },
        DocumentSpec::ComponentPoster { component, .. } => {
            DocumentSpec::ComponentSheet { component }
        }
        other => other,
    }
}

/// A pack file as loaded, with its text for diagnostics.
pub struct LoadedPack {
    pub file: LoadedFile,
    pub pack: PackFile,
    /// The pack's documents, each checked against its kind.
    pub documents: Vec<PackDocument>,
    /// `participants`, checked.
    pub participants: u32,
    /// File name without extension, e.g. `partners-in-recovery`.
    pub id: String,
}

/// Loads a pack: a path to a file, or the id of one in content/packs/. Every problem of
/// the file is reported at once.
pub fn load(project: &Project, name: &str) -> Result<LoadedPack, Diagnostics> {
    let path = std::path::Path::new(name);
    let (display, text, id) = if path.is_file() {
        let text = std::fs::read_to_string(path).map_err(|e| {
            vec![
                Diagnostic::error(format!("cannot read the pack ({e})"))
                    .in_file(&display_path(path)),
            ]
        })?;
        let id = path
            .file_stem()
            .map_or_else(|| "pack".to_string(), |s| s.to_string_lossy().into_owned());
        (display_path(path), text, id)
    } else {
        let id = name.trim_end_matches(".yaml");
        crate::ids::check_id(crate::ids::IdKind::Pack, id).map_err(|message| {
            vec![Diagnostic::error(message).hint(
                "give a pack's id (its file's name in content/packs/) or the path of a pack file that exists",
            )]
        })?;
        let rel = format!("content/packs/{id}.yaml");
        let file = project.read(&rel).map_err(|d| vec![d])?.ok_or_else(|| {
            let packs = project.yaml_ids("content/packs");
            vec![
                Diagnostic::error(format!("there is no pack `{name}`")).hint(format!(
                    "give a pack file's path, or one of: {}",
                    packs.join(", ")
                )),
            ]
        })?;
        let text = file.text().map_err(|d| vec![d])?.to_string();
        (file.display.clone(), text, id.to_string())
    };
    let file = LoadedFile::new(display, text);
    check::shape(&file)?;
    let pack: PackFile = yaml::parse(&file.display, &file.text).map_err(|d| vec![d])?;
    let (documents, participants) = check::check(&file, &pack)?;
    Ok(LoadedPack {
        file,
        pack,
        documents,
        participants,
        id,
    })
}

impl LoadedPack {
    /// The file's name as shown to users.
    pub fn display(&self) -> &str {
        &self.file.display
    }

    /// The agenda with start and end times, the total minutes, and how far it runs past
    /// the slot (0 when it fits). The times were checked to fit in a day when loading.
    pub fn agenda(&self) -> (Vec<Value>, u32, u32) {
        let p = &self.pack;
        let minutes = |m: i64| u32::try_from(m).unwrap_or(0);
        let mut clock = parse_time(&p.start).unwrap_or(0);
        let mut rows = vec![];
        for item in &p.agenda {
            let end = clock.saturating_add(minutes(item.minutes));
            rows.push(
                json!({"start": format_time(clock), "end": format_time(end), "item": item.item,
                             "minutes": item.minutes, "notes": item.notes}),
            );
            clock = end;
        }
        let total = p
            .agenda
            .iter()
            .fold(0u32, |sum, i| sum.saturating_add(minutes(i.minutes)));
        (rows, total, total.saturating_sub(minutes(p.slot_minutes)))
    }
}

/// `HH:MM` → minutes after midnight.
pub fn parse_time(text: &str) -> Option<u32> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 && text.trim().len() == 5).then_some(h * 60 + m)
}

pub fn format_time(minutes: u32) -> String {
    format!("{:02}:{:02}", (minutes / 60) % 24, minutes % 60)
}

/// Builds a checked document from a pack entry (used by `check`).
fn spec_of(entry: &PackDocumentEntry) -> Result<DocumentSpec, crate::document::spec::SpecError> {
    DocumentSpec::from_fields(SpecFields {
        kind: entry.kind,
        level: entry.level.clone(),
        component: entry.component.clone(),
        role: entry.role.clone(),
        practices: entry.practices,
    })
    .map(handout_form)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_parse_and_format_on_the_24_hour_clock() {
        assert_eq!(parse_time("09:30"), Some(570));
        assert_eq!(parse_time("9:30"), None);
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(format_time(570 + 65), "10:35");
    }

    #[test]
    fn a_poster_in_a_pack_becomes_its_sheet() {
        let poster = DocumentSpec::LevelPoster {
            level: NameOrNumber::Number(2),
            practices: true,
        };
        assert!(matches!(
            handout_form(poster),
            DocumentSpec::LevelSheet { .. }
        ));
    }
}
