//! The serde types of an edition file (`content/editions/<id>.yaml`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::paper::Paper;

/// `content/editions/<id>.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    /// What the edition is called in listings, e.g. "NIMHE (England) edition".
    pub name: String,
    /// The title printed on the edition's documents.
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// The organisation that publishes this edition.
    pub organisation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<Logo>,
    /// Contact lines printed on handouts and posters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contact: Vec<String>,
    /// Credits of this edition; when given, they replace the source's credits.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credits: Vec<String>,
    /// Printed on every document, e.g. "Trust edition 2" (default: the catalogue's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// `YYYY-MM-DD`: printed, and the PDFs' creation date unless SOURCE_DATE_EPOCH is set
    /// (default: the catalogue's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Added to the attribution line of every document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
    /// Language code: the labels file (`content/labels/<language>.yaml`) and the PDF's language.
    #[serde(default = "default_language")]
    pub language: String,
    /// A second language printed with the first on every statement and label, at equal
    /// size, the edition's `language` first (e.g. Welsh first, then English).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_language: Option<String>,
    #[serde(default)]
    pub look: Look,
    #[serde(default)]
    pub papers: Papers,
    /// Which posters `kind: posters` in the catalogue stands for: one per level (the NIMHE
    /// poster) or one per component (the original Ohio booklet).
    #[serde(default)]
    pub poster_orientation: PosterOrientation,
    /// Terms replaced in every statement, whole words only, keeping capitals:
    /// `person: consumer` makes "Person's" "Consumer's" and leaves "personal" alone.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub terms: BTreeMap<String, String>,
    /// Print the component of content/ohio/ in Ohio's original US wording.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ohio_wording: bool,
    /// Single statements replaced, removed or added, by reference.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patches: Vec<Patch>,
}

fn default_language() -> String {
    "en".into()
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Logo {
    /// An SVG, PNG or JPEG file in the project's `assets/` folder, e.g. `assets/logo.svg`.
    pub path: String,
    /// What the logo says or shows, for screen readers.
    pub alt: String,
}

/// Colours: `#rrggbb`, or `cmyk(c%, m%, y%, k%)` for press work.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Look {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accent: Option<String>,
    /// One colour per level, level 1 first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<String>,
    /// A font family among the fonts in fonts/.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font: Option<String>,
}

/// Default paper sizes by kind of document.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Papers {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posters: Option<Paper>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheets: Option<Paper>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handouts: Option<Paper>,
}

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum PosterOrientation {
    #[default]
    Level,
    Component,
}

/// One change to one statement. Exactly one of `replace`, `remove` and `add`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Patch {
    /// Reference of a statement whose text is replaced by `text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replace: Option<String>,
    /// Reference of a statement that is left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remove: Option<String>,
    /// A cell (`level/component/row`) that gets a new statement `id` with `text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// With `add`: the id of the statement the new one follows (default: at the end).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}
