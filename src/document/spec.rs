//! What a document is: its kind with exactly the fields that kind needs (`DocumentSpec`),
//! the print options every kind shares, and their YAML form in catalogues and packs.

use serde::{Deserialize, Serialize};

use crate::paper::Paper;

/// A level, given by number (`2`) or id (`dependent-aware`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum NameOrNumber {
    Number(u32),
    Name(String),
}

impl std::fmt::Display for NameOrNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NameOrNumber::Number(n) => write!(f, "{n}"),
            NameOrNumber::Name(s) => f.write_str(s),
        }
    }
}

impl NameOrNumber {
    /// A level as typed on the command line: a number if it is one, else a name.
    pub fn parse(text: &str) -> NameOrNumber {
        text.parse::<u32>().map_or_else(
            |_| NameOrNumber::Name(text.to_string()),
            NameOrNumber::Number,
        )
    }
}

/// One document, by kind, with exactly the fields its kind needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum DocumentSpec {
    /// One level: the 3 roles × 9 components table; `practices` picks the
    /// "Emerging Best Practices" table instead of the "Recovery Process".
    LevelPoster {
        level: NameOrNumber,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        practices: bool,
    },
    /// One component across the four levels, as in the original Ohio booklet.
    ComponentPoster {
        component: String,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        practices: bool,
    },
    /// Everything for one level, component by component.
    LevelSheet {
        level: NameOrNumber,
    },
    /// One role across the four levels.
    RoleSheet {
        role: String,
    },
    /// One component across the four levels, all six rows.
    ComponentSheet {
        component: String,
    },
    Principles,
    Glossary,
    Capabilities,
    CollaborativePartnerships,
    FurtherReading,
    FacilitatorGuide,
    SelfInventory,
    DiscussionQuestions,
}

/// Every kind of document hopeprint makes, as named in catalogues, packs and `--help`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// One level: the 3 roles × 9 components table (A1 landscape).
    LevelPoster,
    /// One component across the four levels, as in the original Ohio booklet.
    ComponentPoster,
    /// Everything for one level, component by component (A4, several pages).
    LevelSheet,
    /// One role (person, clinicians, community) across the four levels.
    RoleSheet,
    /// One component across the four levels, all six rows.
    ComponentSheet,
    /// The guiding principles I–XII (poster).
    Principles,
    /// The key terms.
    Glossary,
    /// The Ten Essential Shared Capabilities as a reflective checklist.
    Capabilities,
    /// The Victorian domain "Collaborative partnerships", with a self-assessment.
    CollaborativePartnerships,
    /// The references of Roberts & Boardman (2014) as further reading.
    FurtherReading,
    /// The "Partners in Recovery" facilitator guide.
    FacilitatorGuide,
    /// The "Partners in Recovery" self-inventory, with space to write.
    SelfInventory,
    /// The "Partners in Recovery" discussion questions.
    DiscussionQuestions,
    /// In a catalogue only: every poster of the edition's orientation, both tables — one
    /// per level (NIMHE) or one per component (the original Ohio booklet).
    Posters,
}

impl DocumentSpec {
    pub fn kind(&self) -> Kind {
        match self {
            DocumentSpec::LevelPoster { .. } => Kind::LevelPoster,
            DocumentSpec::ComponentPoster { .. } => Kind::ComponentPoster,
            DocumentSpec::LevelSheet { .. } => Kind::LevelSheet,
            DocumentSpec::RoleSheet { .. } => Kind::RoleSheet,
            DocumentSpec::ComponentSheet { .. } => Kind::ComponentSheet,
            DocumentSpec::Principles => Kind::Principles,
            DocumentSpec::Glossary => Kind::Glossary,
            DocumentSpec::Capabilities => Kind::Capabilities,
            DocumentSpec::CollaborativePartnerships => Kind::CollaborativePartnerships,
            DocumentSpec::FurtherReading => Kind::FurtherReading,
            DocumentSpec::FacilitatorGuide => Kind::FacilitatorGuide,
            DocumentSpec::SelfInventory => Kind::SelfInventory,
            DocumentSpec::DiscussionQuestions => Kind::DiscussionQuestions,
        }
    }

    /// The spec of a kind from the fields a catalogue entry, pack entry or command line
    /// gives; an error when the kind needs a field that is missing or is given one it does
    /// not use.
    pub fn from_fields(fields: SpecFields) -> Result<DocumentSpec, SpecError> {
        let SpecFields {
            kind,
            level,
            component,
            role,
            practices,
        } = fields;
        let unused = |field: Field, present: bool| match present {
            true => Err(SpecError::Unused { kind, field }),
            false => Ok(()),
        };
        let missing = |field: Field| SpecError::Missing { kind, field };
        let spec = match kind {
            Kind::LevelPoster | Kind::LevelSheet => {
                unused(Field::Component, component.is_some())?;
                unused(Field::Role, role.is_some())?;
                let level = level.ok_or_else(|| missing(Field::Level))?;
                if kind == Kind::LevelPoster {
                    DocumentSpec::LevelPoster { level, practices }
                } else {
                    unused(Field::Practices, practices)?;
                    DocumentSpec::LevelSheet { level }
                }
            }
            Kind::ComponentPoster | Kind::ComponentSheet => {
                unused(Field::Level, level.is_some())?;
                unused(Field::Role, role.is_some())?;
                let component = component.ok_or_else(|| missing(Field::Component))?;
                if kind == Kind::ComponentPoster {
                    DocumentSpec::ComponentPoster {
                        component,
                        practices,
                    }
                } else {
                    unused(Field::Practices, practices)?;
                    DocumentSpec::ComponentSheet { component }
                }
            }
            Kind::RoleSheet => {
                unused(Field::Level, level.is_some())?;
                unused(Field::Component, component.is_some())?;
                unused(Field::Practices, practices)?;
                let role = role.ok_or_else(|| missing(Field::Role))?;
                DocumentSpec::RoleSheet { role }
            }
            Kind::Posters => return Err(SpecError::PostersIsASet),
            other => {
                unused(Field::Level, level.is_some())?;
                unused(Field::Component, component.is_some())?;
                unused(Field::Role, role.is_some())?;
                unused(Field::Practices, practices)?;
                DocumentSpec::unit(other)
            }
        };
        Ok(spec)
    }

    /// The spec of a kind that takes no fields.
    fn unit(kind: Kind) -> DocumentSpec {
        match kind {
            Kind::Principles => DocumentSpec::Principles,
            Kind::Glossary => DocumentSpec::Glossary,
            Kind::Capabilities => DocumentSpec::Capabilities,
            Kind::CollaborativePartnerships => DocumentSpec::CollaborativePartnerships,
            Kind::FurtherReading => DocumentSpec::FurtherReading,
            Kind::FacilitatorGuide => DocumentSpec::FacilitatorGuide,
            Kind::SelfInventory => DocumentSpec::SelfInventory,
            Kind::DiscussionQuestions => DocumentSpec::DiscussionQuestions,
            Kind::LevelPoster
            | Kind::ComponentPoster
            | Kind::LevelSheet
            | Kind::RoleSheet
            | Kind::ComponentSheet
            | Kind::Posters => unreachable!("`from_fields` handles the kinds with fields"),
        }
    }
}

impl Kind {
    /// The kind's id as catalogues write it (`level-poster`).
    pub fn id(self) -> &'static str {
        super::kinds::facts(self).id
    }
}

/// A field of a document's description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Level,
    Component,
    Role,
    Practices,
}

impl Field {
    fn key(self) -> &'static str {
        match self {
            Field::Level => "level",
            Field::Component => "component",
            Field::Role => "role",
            Field::Practices => "practices",
        }
    }

    fn example(self) -> &'static str {
        match self {
            Field::Level => "a level's number or id, e.g. 2 or dependent-aware",
            Field::Component => "a component's id, e.g. peer-support",
            Field::Role => "a role's id, e.g. clinicians",
            Field::Practices => "the best-practices table",
        }
    }
}

/// Why fields do not describe a document of their kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpecError {
    Missing {
        kind: Kind,
        field: Field,
    },
    Unused {
        kind: Kind,
        field: Field,
    },
    /// `kind: posters` stands for a set of posters, not one document.
    PostersIsASet,
    /// A `name:` that is not a plain file name (empty, a path, hidden, too long).
    BadName(String),
}

impl SpecError {
    /// What to do about the error in a catalogue or pack entry.
    pub fn hint(&self) -> String {
        match self {
            SpecError::Missing { field, .. } => format!("add `{}:` to this entry", field.key()),
            SpecError::Unused { .. } => {
                "`hopeprint render --help` lists the kinds and what each one takes".into()
            }
            SpecError::PostersIsASet => {
                "list the posters one by one, e.g. `{kind: level-poster, level: 1}`".into()
            }
            SpecError::BadName(_) => {
                "the document is written as <name>.pdf inside the output folder".into()
            }
        }
    }

    /// The error in the words of the command line (`--level`) rather than of a YAML file.
    pub fn for_command_line(&self) -> String {
        match self {
            SpecError::Missing { kind, field } => format!(
                "a {} needs --{} ({})",
                kind.id(),
                field.key(),
                field.example()
            ),
            SpecError::Unused { kind, field } => {
                format!("a {} takes no --{}", kind.id(), field.key())
            }
            SpecError::PostersIsASet | SpecError::BadName(_) => self.to_string(),
        }
    }
}

impl std::fmt::Display for SpecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SpecError::Missing { kind, field } => write!(
                f,
                "a {} needs `{}:` ({})",
                kind.id(),
                field.key(),
                field.example()
            ),
            SpecError::Unused { kind, field } => write!(
                f,
                "a {} has no `{}:`; remove it, or choose another kind",
                kind.id(),
                field.key()
            ),
            SpecError::PostersIsASet => f.write_str(
                "`kind: posters` stands for a set of posters and is only allowed in a catalogue",
            ),
            SpecError::BadName(name) => write!(
                f,
                "`name: {name:?}` is not a plain file name: give a name without `/`, `\\` or a \
                 leading `.`, of at most {MAX_NAME} characters"
            ),
        }
    }
}

/// The loose fields a document is described by in YAML, before they are checked against
/// its kind.
#[derive(Debug, Clone, PartialEq)]
pub struct SpecFields {
    pub kind: Kind,
    pub level: Option<NameOrNumber>,
    pub component: Option<String>,
    pub role: Option<String>,
    pub practices: bool,
}

impl SpecFields {
    pub fn of(kind: Kind) -> SpecFields {
        SpecFields {
            kind,
            level: None,
            component: None,
            role: None,
            practices: false,
        }
    }
}

/// How a document is printed, whatever its kind; `None` means the edition's or the kind's
/// default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PrintOptions {
    pub paper: Option<Paper>,
    pub landscape: Option<bool>,
    pub large_print: bool,
    /// The output file's name without extension (default: made from the spec).
    pub name: Option<String>,
}

impl PrintOptions {
    /// These options with the command line's paper, orientation and large print over them.
    pub fn overridden_by(&self, overrides: &PrintOptions) -> PrintOptions {
        PrintOptions {
            paper: overrides.paper.or(self.paper),
            landscape: overrides.landscape.or(self.landscape),
            large_print: self.large_print || overrides.large_print,
            name: overrides.name.clone().or_else(|| self.name.clone()),
        }
    }
}

/// One document asked for: what it is and how it is printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub spec: DocumentSpec,
    pub print: PrintOptions,
}

impl Request {
    pub fn new(spec: DocumentSpec) -> Request {
        Request {
            spec,
            print: PrintOptions::default(),
        }
    }
}

/// A document as written in a catalogue: its kind, the fields of that kind, and how it
/// is printed. Read loosely, then checked against its kind (`Request::try_from`), so an
/// error names the entry it is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestEntry {
    pub kind: Kind,
    /// Level posters and level sheets: the level's number or id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<NameOrNumber>,
    /// Component posters and component sheets: the component's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
    /// Role sheets: the role's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// For posters: the "Emerging Best Practices" table instead of the "Recovery Process".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub practices: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paper: Option<Paper>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub landscape: Option<bool>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub large_print: bool,
    /// The output file's name without extension (default: made from the document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl RequestEntry {
    pub fn spec_fields(&self) -> SpecFields {
        SpecFields {
            kind: self.kind,
            level: self.level.clone(),
            component: self.component.clone(),
            role: self.role.clone(),
            practices: self.practices,
        }
    }

    pub fn print(&self) -> PrintOptions {
        PrintOptions {
            paper: self.paper,
            landscape: self.landscape,
            large_print: self.large_print,
            name: self.name.clone(),
        }
    }
}

/// The longest output name a catalogue entry may give.
const MAX_NAME: usize = 120;

/// Whether `name` can only name a file in the output folder: not empty, no path
/// separators, not hidden or `..`, no control characters.
fn is_plain_file_name(name: &str) -> bool {
    !name.trim().is_empty()
        && name.chars().count() <= MAX_NAME
        && !name.starts_with('.')
        && !name
            .chars()
            .any(|c| c == '/' || c == '\\' || c.is_control())
}

impl TryFrom<RequestEntry> for Request {
    type Error = SpecError;

    fn try_from(entry: RequestEntry) -> Result<Request, SpecError> {
        if let Some(name) = entry.name.as_deref().filter(|n| !is_plain_file_name(n)) {
            return Err(SpecError::BadName(name.to_string()));
        }
        Ok(Request {
            spec: DocumentSpec::from_fields(entry.spec_fields())?,
            print: entry.print(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(kind: Kind) -> SpecFields {
        SpecFields::of(kind)
    }

    #[test]
    fn a_level_poster_without_a_level_is_refused_naming_the_field() {
        let error = DocumentSpec::from_fields(fields(Kind::LevelPoster)).unwrap_err();
        assert!(error.to_string().contains("needs `level:`"), "{error}");
    }

    #[test]
    fn a_glossary_given_a_level_is_refused_naming_the_field() {
        let error = DocumentSpec::from_fields(SpecFields {
            level: Some(NameOrNumber::Number(2)),
            ..fields(Kind::Glossary)
        })
        .unwrap_err();
        assert!(error.to_string().contains("has no `level:`"), "{error}");
    }

    /// A catalogue entry for the glossary, printed the default way.
    fn glossary_entry() -> RequestEntry {
        RequestEntry {
            kind: Kind::Glossary,
            level: None,
            component: None,
            role: None,
            practices: false,
            paper: None,
            landscape: None,
            large_print: false,
            name: None,
        }
    }

    #[test]
    fn an_output_name_that_is_a_path_or_hidden_or_empty_is_refused() {
        for name in [
            "../../escaped",
            "a/b",
            "a\\b",
            ".hidden",
            "",
            "  ",
            "tab\tname",
        ] {
            let entry = RequestEntry {
                name: Some(name.into()),
                ..glossary_entry()
            };
            assert!(
                matches!(Request::try_from(entry), Err(SpecError::BadName(_))),
                "{name:?}"
            );
        }
        let plain = RequestEntry {
            name: Some("Level 2 poster (A3)".into()),
            ..glossary_entry()
        };
        assert!(Request::try_from(plain).is_ok());
    }
}
