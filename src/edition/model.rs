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
    /// The edition's locale, a BCP 47 tag such as `en-GB`, `en-US` or `cy`: the PDF's
    /// language (`/Lang`), and by its language part the labels file
    /// (`content/labels/<language>.yaml`) and translation. `language:` is read as the same.
    #[serde(default = "default_locale", alias = "language")]
    pub locale: String,
    /// A second language printed with the first on every statement and label, at equal
    /// size, the edition's `language` first (e.g. Welsh first, then English).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_language: Option<String>,
    /// How a bilingual edition sets its two languages on sheets and handouts: `stacked`
    /// (each statement in the first language, then in the second) or `parallel` (the two
    /// side by side, the first on the left, as the Welsh Language Commissioner's bilingual
    /// design guide lays out sheets). Posters stay stacked. Needs `second_language`.
    #[serde(default, skip_serializing_if = "BilingualLayout::is_stacked")]
    pub bilingual_layout: BilingualLayout,
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

fn default_locale() -> String {
    "en".into()
}

impl Edition {
    /// The language part of the locale, lower case: `en` of `en-GB`, `cy` of `cy`.
    pub fn language(&self) -> String {
        locale_parts(&self.locale).0
    }

    /// The second language of a bilingual edition: `second_language`, when it is not the
    /// edition's own.
    pub fn second(&self) -> Option<&str> {
        (self.second_language.as_deref()).filter(|second| *second != self.language())
    }

    /// The region part of the locale, if it has one: `GB` of `en-GB`.
    pub fn region(&self) -> Option<String> {
        locale_parts(&self.locale).1
    }
}

/// A BCP 47 tag's language (lower case) and region (upper case), e.g. (`en`, `GB`); the
/// tag is checked when the edition is loaded (`locale_error`).
fn locale_parts(tag: &str) -> (String, Option<String>) {
    let mut parts = tag.split(['-', '_']);
    let language = parts.next().unwrap_or_default().to_ascii_lowercase();
    let region = parts
        .find(|p| {
            (p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
                || (p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
        })
        .map(|p| p.to_ascii_uppercase());
    (language, region)
}

/// Why `tag` is not a locale this tool can use, if it is not: a language of two or three
/// letters, then optional subtags of letters and digits (`en-GB`, `cy`, `es-419`).
pub fn locale_error(tag: &str) -> Option<String> {
    if tag.trim().is_empty() {
        return Some("the locale is empty".into());
    }
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or_default();
    if !(2..=3).contains(&language.len()) || !language.chars().all(|c| c.is_ascii_alphabetic()) {
        return Some(format!(
            "`{tag}` does not begin with a language code of two or three letters"
        ));
    }
    if let Some(bad) =
        parts.find(|p| p.is_empty() || p.len() > 8 || !p.chars().all(|c| c.is_ascii_alphanumeric()))
    {
        return Some(format!(
            "`{tag}` has a part `{bad}` that is not letters or digits (at most 8)"
        ));
    }
    None
}

/// The smallest and largest `logo.scale` an edition may set (`check` refuses others).
pub const LOGO_SCALE: (f64, f64) = (0.5, 3.0);

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Logo {
    /// An SVG, PNG or JPEG file in the project's `assets/` folder, e.g. `assets/logo.svg`.
    pub path: String,
    /// What the logo says or shows, for screen readers.
    pub alt: String,
    /// How much larger or smaller than usual to print it, from 0.5 to 3 (default 1: 25 mm
    /// tall on A1 posters, in proportion on other paper, at least 9 mm on sheets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<f64>,
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

/// How a bilingual edition sets its two languages on a page.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum BilingualLayout {
    /// Each statement and label in the first language, then in the second, at equal size
    /// ("Welsh first, then English").
    #[default]
    Stacked,
    /// Sheets and handouts in two columns, the first language on the left and the second
    /// on the right, at the same size and weight; each statement's two versions start on
    /// the same line. Posters stay stacked.
    Parallel,
}

impl BilingualLayout {
    pub fn is_stacked(&self) -> bool {
        *self == BilingualLayout::Stacked
    }

    pub fn is_parallel(&self) -> bool {
        *self == BilingualLayout::Parallel
    }
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
