//! Editions: one YAML file (`content/editions/<id>.yaml`) that makes a trust's, country's or
//! language's own version of every document — identity, look, terminology and patches —
//! laid over the base content without changing it.

mod diff;
mod look;
mod model;
mod overlay;
mod patch;
mod quote;
mod terms;
mod translate;

pub use diff::diff;
pub use look::{EditionColor, ThemeInputs, parse_color};
pub use model::*;
pub use overlay::apply;
pub use terms::Terms;

use std::sync::OnceLock;

use crate::content::positions::{self, Positions};
use crate::content::yaml;
use crate::date::parse_date;
use crate::diag::{Diagnostic, did_you_mean};
use crate::ids::{IdKind, check_id};
use crate::project::Project;

pub const EDITIONS_DIR: &str = "content/editions";
/// An edition has at most this many patches (each can add a statement to a cell, whose
/// size is bounded too).
const MAX_PATCHES: usize = 5_000;
/// The edition used when none is named.
pub const DEFAULT_EDITION: &str = "nimhe-uk";

/// An edition as loaded: its id, file and text (for diagnostics) and its settings.
#[derive(Debug, Clone)]
pub struct LoadedEdition {
    pub id: String,
    pub path: String,
    pub display: String,
    pub text: String,
    pub edition: Edition,
    /// Where the file's nodes are, found when a diagnostic first needs them.
    positions: OnceLock<Positions>,
}

impl LoadedEdition {
    /// An error at the node `path` of the edition file (e.g. `patches/2/replace`), or at
    /// the nearest node on its way that is there.
    fn error_at(&self, path: &str, message: impl Into<String>) -> Diagnostic {
        let position = self.positions().nearest(path);
        positions::point(
            Diagnostic::error(message),
            &self.display,
            &self.text,
            position,
        )
    }

    /// An error at the value of the node `path` (e.g. a colour that is not one).
    pub fn error_at_value(&self, path: &str, message: impl Into<String>) -> Diagnostic {
        let position = self.positions().value(path);
        positions::point(
            Diagnostic::error(message),
            &self.display,
            &self.text,
            position,
        )
    }

    fn positions(&self) -> &Positions {
        self.positions.get_or_init(|| Positions::of(&self.text))
    }

    /// The edition as layouts see it.
    pub fn context(&self) -> serde_json::Value {
        let e = &self.edition;
        serde_json::json!({
            "id": self.id, "name": e.name, "title": e.title, "subtitle": e.subtitle,
            "organisation": e.organisation, "contact": e.contact, "credits": e.credits,
            "logo": e.logo.as_ref().map(|l| serde_json::json!({"path": format!("/{}", l.path.trim_start_matches('/')), "alt": l.alt})),
        })
    }
}

/// The ids of the editions there are (built in and the project's).
pub fn edition_ids(project: &Project) -> Vec<String> {
    project.yaml_ids(EDITIONS_DIR)
}

/// Loads the edition `id`; an unknown id is an error listing the editions there are.
pub fn load(project: &Project, id: &str) -> Result<LoadedEdition, Diagnostic> {
    check_id(IdKind::Edition, id).map_err(|message| {
        Diagnostic::error(message).hint(format!(
            "an edition is named by its file's name in {EDITIONS_DIR}/, e.g. `{DEFAULT_EDITION}`"
        ))
    })?;
    let path = format!("{EDITIONS_DIR}/{id}.yaml");
    let Some(file) = project.read(&path)? else {
        let ids = edition_ids(project);
        let mut diag = Diagnostic::error(format!("there is no edition `{id}`"));
        if let Some(best) = did_you_mean(id, ids.iter().map(String::as_str)) {
            diag = diag.hint(format!("did you mean `{best}`?"));
        }
        return Err(diag.hint(format!(
            "the editions are: {} (files in {EDITIONS_DIR}/)",
            ids.join(", ")
        )));
    };
    let text = file.text()?.to_string();
    if let Some(lost) = quote::unquoted_colour(&file.display, &text) {
        return Err(lost);
    }
    let edition: Edition = yaml::parse(&file.display, &text)?;
    let loaded = LoadedEdition {
        id: id.to_string(),
        path,
        display: file.display,
        text,
        edition,
        positions: OnceLock::new(),
    };
    check_languages(&loaded)?;
    terms::check(&loaded)?;
    if loaded.edition.patches.len() > MAX_PATCHES {
        return Err(loaded
            .error_at(
                &format!("patches/{MAX_PATCHES}"),
                format!(
                    "the edition has {} patches, more than the limit of {MAX_PATCHES}",
                    loaded.edition.patches.len()
                ),
            )
            .hint("an edition changes some statements; to reword most of them, change the content files instead"));
    }
    if let Some(date) = &loaded.edition.date
        && let Err(hint) = parse_date(date)
    {
        return Err(loaded
            .error_at("date", format!("`{date}` is not a date"))
            .hint(hint));
    }
    if let Some(problem) = model::locale_error(&loaded.edition.locale) {
        // `language:` is read as `locale:`; the error points at whichever the file has.
        let key = match loaded.positions().find("locale") {
            Some(_) => "locale",
            None => "language",
        };
        return Err(loaded
            .error_at_value(key, problem)
            .hint("write a BCP 47 tag: `locale: en-GB` (UK English), `en-US`, `cy` (Welsh)"));
    }
    Ok(loaded)
}

/// The edition's `second_language:` is a code (it names files in content/labels/ and
/// content/translations/), never a path (`locale:` is checked as a BCP 47 tag); the
/// parallel layout needs one.
fn check_languages(loaded: &LoadedEdition) -> Result<(), Diagnostic> {
    if let Some(language) = &loaded.edition.second_language {
        check_id(IdKind::Language, language).map_err(|message| {
            loaded
                .error_at_value("second_language", message)
                .hint("write a language code such as `en` or `cy`; its labels are content/labels/<code>.yaml")
        })?;
    }
    let edition = &loaded.edition;
    if edition.bilingual_layout == BilingualLayout::Parallel && edition.second().is_none() {
        let language = edition.language();
        return Err(loaded
            .error_at_value(
                "bilingual_layout",
                format!("the parallel layout sets two languages side by side, but this edition prints only `{language}`"),
            )
            .hint(format!("add a second language, e.g. `second_language: {}`, or remove `bilingual_layout`", match language.as_str() { "en" => "cy", _ => "en" })));
    }
    Ok(())
}
