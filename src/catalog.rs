//! Which documents exist: the document kinds, a request for one (from the command line
//! or `content/catalog.yaml`), and the default catalogue that `build` writes.

use serde::{Deserialize, Serialize};

use crate::content::model::ModelFile;
use crate::content::{LoadedFile, yaml};
use crate::diag::Diagnostic;
use crate::paper::Paper;
use crate::project::Project;

pub const CATALOG: &str = "content/catalog.yaml";

/// Every kind of document hopeprint makes.
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
    /// In a catalogue: every poster of the edition's orientation, both tables — one per
    /// level (NIMHE) or one per component (the original Ohio booklet).
    Posters,
}

impl Kind {
    pub fn id(self) -> &'static str {
        match self {
            Kind::LevelPoster => "level-poster",
            Kind::ComponentPoster => "component-poster",
            Kind::LevelSheet => "level-sheet",
            Kind::RoleSheet => "role-sheet",
            Kind::ComponentSheet => "component-sheet",
            Kind::Principles => "principles",
            Kind::Glossary => "glossary",
            Kind::Capabilities => "capabilities",
            Kind::CollaborativePartnerships => "collaborative-partnerships",
            Kind::FurtherReading => "further-reading",
            Kind::FacilitatorGuide => "facilitator-guide",
            Kind::SelfInventory => "self-inventory",
            Kind::DiscussionQuestions => "discussion-questions",
            Kind::Posters => "posters",
        }
    }

    /// Posters must fit one page; everything else flows over as many pages as it needs.
    pub fn is_poster(self) -> bool {
        matches!(
            self,
            Kind::LevelPoster | Kind::ComponentPoster | Kind::Principles
        )
    }

    /// The paper and orientation used when none is asked for.
    pub fn default_paper(self) -> (Paper, bool) {
        match self {
            Kind::LevelPoster | Kind::ComponentPoster | Kind::Posters => (Paper::A1, true),
            Kind::Principles => (Paper::A2, false),
            _ => (Paper::A4, false),
        }
    }
}

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

/// One document asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<NameOrNumber>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
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
    /// The output file's name without extension (default: made from the request).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Request {
    pub fn new(kind: Kind) -> Request {
        Request {
            kind,
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
}

/// `content/catalog.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Printed on every document, e.g. "Trust edition 2".
    pub version: String,
    /// `YYYY-MM-DD`: printed, and the PDFs' creation date (unless SOURCE_DATE_EPOCH is set).
    pub date: String,
    pub documents: Vec<Request>,
    /// The editions `build` prints (default: every edition in content/editions/).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editions: Vec<String>,
    /// Where the catalogue came from, to point errors at its entries.
    #[serde(skip)]
    pub origin: Option<LoadedFile>,
}

impl Catalog {
    /// Points `diag` at the `index`-th document entry of the catalogue file.
    pub fn locate(&self, index: usize, diag: Diagnostic) -> Diagnostic {
        match &self.origin {
            Some(file) => file.at(&format!("documents/{index}"), diag),
            None => diag,
        }
    }

    pub fn load(project: &Project) -> Result<Catalog, Diagnostic> {
        let file = project
            .read(CATALOG)?
            .ok_or_else(|| Diagnostic::error(format!("the catalogue `{CATALOG}` is missing")))?;
        let mut catalog: Catalog = yaml::parse(&file.display, file.text()?)?;
        let origin = LoadedFile::new(file.display.clone(), file.text()?);
        if parse_date(&catalog.date).is_none() {
            return Err(origin
                .error("date", format!("`{}` is not a date", catalog.date))
                .hint("write the date as YYYY-MM-DD, e.g. 2026-11-01"));
        }
        catalog.origin = Some(origin);
        Ok(catalog)
    }
}

/// The catalogue's requests with each `kind: posters` entry expanded into the posters of
/// the edition's orientation (both tables of every level, or of every component), each
/// with the entry's print settings, from the levels and components of `model`. Returns
/// (index of the catalogue entry, request).
pub fn expand(
    documents: &[Request],
    by_component: bool,
    model: &ModelFile,
) -> Vec<(usize, Request)> {
    let mut out = vec![];
    for (index, request) in documents.iter().enumerate() {
        if request.kind != Kind::Posters {
            out.push((index, request.clone()));
            continue;
        }
        for practices in [false, true] {
            if by_component {
                for component in &model.components {
                    let kind = Kind::ComponentPoster;
                    out.push((
                        index,
                        Request {
                            kind,
                            component: Some(component.id.clone()),
                            practices,
                            ..request.clone()
                        },
                    ));
                }
            } else {
                for level in &model.levels {
                    let level = Some(NameOrNumber::Number(u32::from(level.number)));
                    out.push((
                        index,
                        Request {
                            kind: Kind::LevelPoster,
                            level,
                            practices,
                            ..request.clone()
                        },
                    ));
                }
            }
        }
    }
    out
}

/// `YYYY-MM-DD` → (year, month, day).
pub fn parse_date(text: &str) -> Option<(i32, u8, u8)> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month, day))
}
