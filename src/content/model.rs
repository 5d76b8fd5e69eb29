//! The serde model of the content files: one struct per file kind, sharing `Item`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A statement, paragraph or bullet: the unit every reference points at.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Permanent, human-readable id, unique within its list.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub list: Vec<Item>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub numbered: bool,
    /// What the source document said, when the text was repaired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<SeedText>,
    /// What the source document said, when the title was repaired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed_title: Option<String>,
    /// The cell (`component/row`) where the source had this statement, when it slipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Why the repair was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    /// The other source some of this statement's wording was taken from, where this
    /// source's own text is damaged or missing; printed with a mark and a note so a reader
    /// can tell supplied wording from the source's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplied: Option<Witness>,
    /// For a bilingual edition, the text in each of its two languages (`text` holds both,
    /// one after the other, as the stacked layout prints them). Set by the edition, never
    /// read from a file.
    #[serde(skip)]
    pub bilingual: Option<Box<Bilingual>>,
}

/// A statement of a bilingual edition in its first language and its second.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bilingual {
    pub first: String,
    pub second: String,
}

/// A second source that wording missing from a damaged statement is supplied from.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Witness {
    /// The Ohio Department of Mental Health's original page (`content/ohio/`, seed 002),
    /// the US original the NIMHE edition was adapted from.
    Ohio,
}

impl Item {
    pub fn text(&self) -> &str {
        self.text.as_deref().unwrap_or("")
    }

    pub fn is_repaired(&self) -> bool {
        self.seed.is_some() || self.seed_title.is_some() || self.from.is_some()
    }
}

/// The source's own text of a repaired item: one string, or the fragments it was joined from.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
#[serde(untagged)]
pub enum SeedText {
    One(String),
    Many(Vec<String>),
}

impl SeedText {
    pub fn fragments(&self) -> Vec<&str> {
        match self {
            SeedText::One(s) => vec![s.as_str()],
            SeedText::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// Source text left out of the content on purpose (page furniture, navigation).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dropped {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    pub seed: String,
    pub why: String,
}

/// `content/sources.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourcesFile {
    pub sources: Vec<Source>,
}

/// Provenance of one publication.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub year: String,
    pub edition: String,
    pub terms: String,
    /// The line every printed document using this source carries.
    pub attribution: String,
    /// A short name for the footer of every page, e.g. "NIMHE (2004)" (default: the title).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    /// Printed once on a document that prints wording supplied from this source (a
    /// statement with `supplied:`), after the mark that flags such wording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplied_note: Option<String>,
    /// The file name of the source document in `tests/sources`, for fidelity checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<String>,
}

/// `content/model/model.yaml`: the Recovery Process Model's front matter and structure.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelFile {
    pub source: String,
    pub title: String,
    pub publisher: String,
    pub introduction: Introduction,
    pub overview: Vec<Item>,
    pub levels: Vec<Level>,
    pub components: Vec<Component>,
    pub roles: Vec<Role>,
    pub rows: Vec<Row>,
    pub tables: Tables,
    pub credits: Vec<Item>,
    pub contact: Contact,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photographs: Option<Item>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<Dropped>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Introduction {
    pub items: Vec<Item>,
    pub signed: Item,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub number: u8,
    pub name: String,
    #[serde(default)]
    pub explanation: Vec<Item>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Component {
    pub id: String,
    pub number: u8,
    pub name: String,
    pub long_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_term: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: String,
    pub name: String,
}

/// The two tables of the model: the "Recovery Process" and the "Emerging Best Practices".
#[derive(
    Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Table {
    Process,
    Practices,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Row {
    pub id: String,
    pub role: String,
    pub table: Table,
    pub label: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tables {
    pub process: TableInfo,
    pub practices: TableInfo,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableInfo {
    pub title: String,
    pub caption: Item,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Item>,
    pub lines: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub further: Option<Item>,
}

/// Statements of one cell row: row id → statements.
pub type CellRows = BTreeMap<String, Vec<Item>>;

/// `content/model/levels/*.yaml`: the matrix of one level.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelFile {
    pub source: String,
    pub level: String,
    /// component id → row id → statements.
    pub cells: BTreeMap<String, CellRows>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<Dropped>,
}

/// `content/model/principles.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrinciplesFile {
    pub source: String,
    pub title: String,
    pub intro: Item,
    pub principles: Vec<Item>,
}

/// `content/model/key-terms.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyTermsFile {
    pub source: String,
    pub title: String,
    pub intro: Item,
    pub terms: Vec<Item>,
}

/// `content/model/capabilities.yaml`: the Ten Essential Shared Capabilities.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CapabilitiesFile {
    pub source: String,
    pub title: String,
    pub subtitle: String,
    pub intro: Vec<Item>,
    pub capabilities: Vec<Item>,
    pub contact: Contact,
}

/// `content/model/values.yaml`: the framework of values.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValuesFile {
    pub source: String,
    pub title: String,
    pub intro: Item,
    pub principles: Vec<Item>,
    pub diversity: Item,
    pub properties_intro: Item,
    pub properties: Vec<Item>,
    pub closing: Item,
}

/// `content/ohio/peer-support-us.yaml`: Ohio's US wording of one component.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OhioFile {
    pub source: String,
    pub component: String,
    pub terms: Vec<TermPair>,
    /// level id → row id → statements.
    pub cells: BTreeMap<String, CellRows>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<Dropped>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TermPair {
    pub us: String,
    pub uk: String,
}

/// `content/victoria/collaborative-partnerships.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VictoriaFile {
    pub source: String,
    pub title: String,
    pub description: Item,
    pub core_principles: Vec<Item>,
    pub key_capabilities: Stemmed,
    pub good_practice: Vec<Item>,
    pub good_leadership: Vec<Item>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<Dropped>,
}

/// A list whose items each complete a shared stem ("Mental health professionals …").
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stemmed {
    pub stem: String,
    pub items: Vec<Item>,
}

/// `content/partners/partners-in-recovery.yaml`: the video discussion guide.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnersFile {
    pub source: String,
    pub title: String,
    pub subtitle: String,
    pub video: Video,
    pub introduction: Vec<Item>,
    pub description: Vec<Item>,
    pub audiences: Vec<Item>,
    pub purposes: Section,
    pub self_inventory: Section,
    pub discussion: Section,
    pub contact: Item,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<Dropped>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Video {
    pub format: String,
    pub minutes: u32,
    pub allow_minutes: String,
}

/// A titled section: an optional introduction and its items (purposes, questions).
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Item>,
    #[serde(alias = "questions")]
    pub items: Vec<Item>,
}

/// `content/reading/further-reading.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadingFile {
    pub source: String,
    pub citation: Citation,
    pub references: Vec<Reference>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub authors: Vec<String>,
    pub year: u16,
    pub title: String,
    pub journal: String,
    pub volume: String,
    pub pages: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub id: String,
    pub authors: String,
    pub year: String,
    pub title: String,
    pub published: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}
