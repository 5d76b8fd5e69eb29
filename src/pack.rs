//! Session packs: one training session's documents in one print-ready PDF — cover, agenda
//! with times, facilitator notes, the handouts with their copies, a sign-in sheet and an
//! evaluation form.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::content::{LoadedFile, yaml};
use crate::diag::Diagnostic;
use crate::document::spec::{
    DocumentSpec, Kind, NameOrNumber, PrintOptions, Request, SpecError, SpecFields,
};
use crate::project::{Project, display_path};

/// `content/packs/<id>.yaml`, or any pack file given by path.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`, 24-hour clock.
    pub start: String,
    /// The length of the session's slot, in minutes.
    pub slot_minutes: u32,
    pub venue: String,
    pub facilitators: Vec<Facilitator>,
    /// How many participants are expected (`--participants` overrides it).
    pub participants: u32,
    pub agenda: Vec<AgendaItem>,
    /// Notes for the facilitators, printed after the agenda.
    #[serde(default)]
    pub notes: Vec<String>,
    /// The documents of the pack, in order, as written (`LoadedPack::documents` holds
    /// them checked).
    pub documents: Vec<PackDocumentEntry>,
    /// Questions of the evaluation form.
    pub evaluation: Vec<String>,
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
    pub minutes: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
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

/// A document of a pack as written: its kind, the fields of that kind, large print, and
/// its copies. (The catalogue's fields are repeated rather than flattened in: serde does
/// not support `flatten` together with `deny_unknown_fields`.)
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
    /// One copy for each participant, each facilitator, or one for the room.
    #[serde(default)]
    pub per: Per,
    /// Copies for each of those (default 1).
    #[serde(default = "one")]
    pub copies: u32,
}

fn one() -> u32 {
    1
}

/// A document of a pack, checked against its kind, and its copies.
#[derive(Debug, Clone)]
pub struct PackDocument {
    pub spec: DocumentSpec,
    pub large_print: bool,
    pub per: Per,
    pub copies: u32,
}

impl TryFrom<&PackDocumentEntry> for PackDocument {
    type Error = SpecError;

    fn try_from(entry: &PackDocumentEntry) -> Result<PackDocument, SpecError> {
        let spec = DocumentSpec::from_fields(SpecFields {
            kind: entry.kind,
            level: entry.level.clone(),
            component: entry.component.clone(),
            role: entry.role.clone(),
            practices: entry.practices,
        })?;
        Ok(PackDocument {
            spec,
            large_print: entry.large_print,
            per: entry.per,
            copies: entry.copies,
        })
    }
}

impl PackDocument {
    pub fn request(&self) -> Request {
        Request {
            spec: self.spec.clone(),
            print: PrintOptions {
                large_print: self.large_print,
                ..PrintOptions::default()
            },
        }
    }

    /// How many copies go into the pack.
    pub fn total_copies(&self, participants: u32, facilitators: u32) -> u32 {
        self.copies
            * match self.per {
                Per::Participant => participants,
                Per::Facilitator => facilitators.max(1),
                Per::Room => 1,
            }
    }
}

/// A pack file as loaded, with its text for diagnostics.
pub struct LoadedPack {
    pub display: String,
    pub text: String,
    pub pack: PackFile,
    /// The pack's documents, each checked against its kind.
    pub documents: Vec<PackDocument>,
    /// File name without extension, e.g. `partners-in-recovery`.
    pub id: String,
}

/// Loads a pack: a path to a file, or the id of one in content/packs/.
pub fn load(project: &Project, name: &str) -> Result<LoadedPack, Diagnostic> {
    let path = std::path::Path::new(name);
    let (display, text, id) = if path.is_file() {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Diagnostic::error(format!("cannot read the pack ({e})")).in_file(&display_path(path))
        })?;
        let id = path
            .file_stem()
            .map_or_else(|| "pack".to_string(), |s| s.to_string_lossy().into_owned());
        (display_path(path), text, id)
    } else {
        let id = name.trim_end_matches(".yaml");
        crate::ids::check_id(crate::ids::IdKind::Pack, id).map_err(|message| {
            Diagnostic::error(message)
                .hint("give a pack's id (its file's name in content/packs/) or the path of a pack file that exists")
        })?;
        let rel = format!("content/packs/{id}.yaml");
        let file = project.read(&rel)?.ok_or_else(|| {
            let packs = project.yaml_ids("content/packs");
            Diagnostic::error(format!("there is no pack `{name}`")).hint(format!(
                "give a pack file's path, or one of: {}",
                packs.join(", ")
            ))
        })?;
        (
            file.display.clone(),
            file.text()?.to_string(),
            id.to_string(),
        )
    };
    let pack: PackFile = yaml::parse(&display, &text)?;
    let mut loaded = LoadedPack {
        display,
        text,
        pack,
        documents: vec![],
        id,
    };
    loaded.validate()?;
    for (index, entry) in loaded.pack.documents.iter().enumerate() {
        let document = PackDocument::try_from(entry).map_err(|e| {
            let message = match e {
                SpecError::PostersIsASet => {
                    "a pack lists single documents; `posters` is a set".into()
                }
                ref e => e.to_string(),
            };
            loaded
                .error_at(&format!("documents/{index}"), message)
                .hint(e.hint())
        })?;
        loaded.documents.push(document);
    }
    Ok(loaded)
}

impl LoadedPack {
    /// An error at the node `path` of the pack file (found when an error needs it).
    fn error_at(&self, path: &str, message: String) -> Diagnostic {
        LoadedFile::new(self.display.as_str(), self.text.as_str()).error(path, message)
    }

    fn validate(&self) -> Result<(), Diagnostic> {
        let p = &self.pack;
        if let Err(hint) = crate::date::parse_date(&p.date) {
            return Err(self
                .error_at("date", format!("`{}` is not a date", p.date))
                .hint(hint));
        }
        if parse_time(&p.start).is_none() {
            return Err(self
                .error_at("start", format!("`{}` is not a time", p.start))
                .hint("write it as HH:MM, e.g. 10:00"));
        }
        Ok(())
    }

    /// The agenda with start and end times, the total minutes, and how far it runs past
    /// the slot (0 when it fits).
    pub fn agenda(&self) -> (Vec<Value>, u32, u32) {
        let p = &self.pack;
        let mut clock = parse_time(&p.start).unwrap_or(0);
        let mut rows = vec![];
        for item in &p.agenda {
            let end = clock + item.minutes;
            rows.push(
                json!({"start": format_time(clock), "end": format_time(end), "item": item.item,
                             "minutes": item.minutes, "notes": item.notes}),
            );
            clock = end;
        }
        let total: u32 = p.agenda.iter().map(|i| i.minutes).sum();
        (rows, total, total.saturating_sub(p.slot_minutes))
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
}
