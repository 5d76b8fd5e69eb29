//! Editions: one YAML file (`content/editions/<id>.yaml`) that makes a trust's, country's or
//! language's own version of every document — identity, look, terminology and patches —
//! laid over the base content without changing it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::parse_date;
use crate::content::{Item, Library, yaml};
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::paper::Paper;
use crate::project::Project;
use crate::translation;

pub const EDITIONS_DIR: &str = "content/editions";
/// The edition used when none is named.
pub const DEFAULT_EDITION: &str = "nimhe-uk";

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

/// An edition as loaded: its id, file and text (for diagnostics) and its settings.
#[derive(Debug, Clone)]
pub struct LoadedEdition {
    pub id: String,
    pub path: String,
    pub display: String,
    pub text: String,
    pub edition: Edition,
}

impl LoadedEdition {
    fn error_at(&self, needle: &str, nth: usize, message: String) -> Diagnostic {
        Diagnostic::error(message).at_text(&self.display, &self.text, needle, nth)
    }
}

impl LoadedEdition {
    /// The values layouts and the theme read through `sys.inputs`: colours and font.
    pub fn typst_inputs(&self) -> Vec<(String, String)> {
        let look = &self.edition.look;
        let mut inputs = vec![];
        if let Some(accent) = look.accent.as_deref().and_then(parse_color) {
            inputs.push(("hp-accent".into(), accent));
        }
        let levels: Vec<String> = look.levels.iter().filter_map(|c| parse_color(c)).collect();
        if !levels.is_empty() {
            inputs.push(("hp-levels".into(), levels.join(";")));
        }
        if let Some(font) = &look.font {
            inputs.push(("hp-font".into(), font.clone()));
        }
        inputs
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
    project
        .list(EDITIONS_DIR, ".yaml")
        .iter()
        .filter_map(|p| {
            p.rsplit('/')
                .next()?
                .strip_suffix(".yaml")
                .map(str::to_string)
        })
        .collect()
}

/// Loads the edition `id`; an unknown id is an error listing the editions there are.
pub fn load(project: &Project, id: &str) -> Result<LoadedEdition, Diagnostic> {
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
    let edition: Edition = yaml::parse(&file.display, &text)?;
    let loaded = LoadedEdition {
        id: id.to_string(),
        path,
        display: file.display,
        text,
        edition,
    };
    if let Some(date) = &loaded.edition.date
        && let Err(hint) = parse_date(date)
    {
        return Err(loaded
            .error_at("date:", 0, format!("`{date}` is not a date"))
            .hint(hint));
    }
    Ok(loaded)
}

/// The base content as this edition prints it: terms replaced, Ohio wording if asked for,
/// patches applied, labels of the edition's language. Every problem is reported.
pub fn apply(
    project: &Project,
    library: &Library,
    loaded: &LoadedEdition,
) -> Result<Library, Diagnostics> {
    let edition = &loaded.edition;
    let mut out = library.clone();
    let mut errors = vec![];

    // Labels in the edition's language.
    if edition.language != "en" {
        let path = format!("content/labels/{}.yaml", edition.language);
        match project.read(&path) {
            Ok(Some(file)) => match file
                .text()
                .and_then(|t| yaml::parse::<BTreeMap<String, String>>(&file.display, t))
            {
                Ok(labels) => out.labels = labels,
                Err(d) => errors.push(d),
            },
            Ok(None) => errors.push(
                loaded
                    .error_at(
                        "language:",
                        0,
                        format!(
                            "there are no labels for the language `{}`",
                            edition.language
                        ),
                    )
                    .hint(format!(
                        "add {path} with the phrases of content/labels/en.yaml translated"
                    )),
            ),
            Err(d) => errors.push(d),
        }
    }

    // Terminology first, so that the Ohio wording and patches stay exactly as written.
    if !edition.terms.is_empty() {
        let terms = Terms::new(&edition.terms);
        for level in &mut out.levels {
            for rows in level.cells.values_mut() {
                for items in rows.values_mut() {
                    terms.apply_items(items);
                }
            }
        }
        for row in &mut out.model.rows {
            row.label = terms.replace(&row.label);
        }
        let m = &mut out.model;
        terms.apply_items(&mut m.overview);
        terms.apply_item(&mut m.tables.process.caption);
        terms.apply_item(&mut m.tables.practices.caption);
        for level in &mut m.levels {
            terms.apply_items(&mut level.explanation);
        }
        terms.apply_items(&mut out.principles.principles);
        terms.apply_items(&mut out.key_terms.terms);
        terms.apply_items(&mut out.capabilities.capabilities);
    }

    if edition.ohio_wording {
        let component = out.ohio.component.clone();
        for (level_id, rows) in &library.ohio.cells {
            if let Some(level) = out.levels.iter_mut().find(|l| &l.level == level_id) {
                let cells = level.cells.entry(component.clone()).or_default();
                for (row, items) in rows {
                    cells.insert(row.clone(), items.clone());
                }
            }
        }
    }

    for (index, patch) in edition.patches.iter().enumerate() {
        if let Err(d) = apply_patch(&mut out, loaded, index, patch) {
            errors.push(d);
        }
    }

    if let Err(mut problems) = translate(project, &mut out, loaded) {
        errors.append(&mut problems);
    }

    if let Some(logo) = &edition.logo
        && let Err(d) = check_logo(project, loaded, logo)
    {
        errors.push(d);
    }
    for (key, value) in edition
        .look
        .accent
        .iter()
        .map(|v| ("accent:", v))
        .chain(edition.look.levels.iter().map(|v| ("levels:", v)))
    {
        if parse_color(value).is_none() {
            errors.push(
                loaded
                    .error_at(value, 0, format!("`{value}` is not a colour"))
                    .hint(format!(
                        "write colours as #1d4e89 or cmyk(90%, 45%, 0%, 45%) (under `{key}`)"
                    )),
            );
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Puts the statements into the edition's language (and, for a bilingual edition, its
/// second language after each), recording what is untranslated or stale.
fn translate(
    project: &Project,
    library: &mut Library,
    loaded: &LoadedEdition,
) -> Result<(), Diagnostics> {
    let edition = &loaded.edition;
    let second = edition.second_language.as_deref();
    if edition.language == "en" && second.is_none_or(|s| s == "en") {
        return Ok(());
    }
    // The texts of one language, by reference: the content itself for English.
    let texts_of = |language: &str,
                    library: &Library|
     -> Result<(BTreeMap<String, String>, translation::Report), Diagnostics> {
        if language == "en" {
            let texts = library
                .statements()
                .iter()
                .filter_map(|s| Some((s.reference.clone(), s.item.text.clone()?)))
                .collect();
            return Ok((texts, translation::Report::default()));
        }
        match translation::load(project, language).map_err(|d| vec![d])? {
            Some(t) => {
                let problems = t.check_references(library);
                if !problems.is_empty() {
                    return Err(problems);
                }
                Ok(t.texts(library))
            }
            None => {
                let missing = library
                    .statements()
                    .iter()
                    .filter(|s| s.item.text.is_some())
                    .map(|s| s.reference.clone())
                    .collect();
                Ok((
                    BTreeMap::new(),
                    translation::Report {
                        missing,
                        stale: vec![],
                    },
                ))
            }
        }
    };
    let (first, report) = texts_of(&edition.language, library)?;
    let (second_texts, second_report) = match second {
        Some(language) => texts_of(language, library)?,
        None => (BTreeMap::new(), translation::Report::default()),
    };
    let originals: Vec<(String, String)> = library
        .statements()
        .iter()
        .filter_map(|s| Some((s.reference.clone(), s.item.text.clone()?)))
        .collect();
    for (reference, original) in originals {
        let primary = first.get(&reference).unwrap_or(&original);
        let text = match second {
            Some(_) => format!(
                "{primary}\n{}",
                second_texts.get(&reference).unwrap_or(&original)
            ),
            None => primary.clone(),
        };
        if text != original {
            replace_text(library, &reference, text);
        }
    }
    library.untranslated = report
        .missing
        .into_iter()
        .chain(second_report.missing)
        .collect();
    library.untranslated.sort();
    library.untranslated.dedup();
    library.stale_translations = report
        .stale
        .into_iter()
        .chain(second_report.stale)
        .collect();

    // Bilingual labels: "Lefel / Level".
    if let Some(language) = second.filter(|l| *l != edition.language) {
        let other = if language == "en" {
            project.read("content/labels/en.yaml").ok().flatten()
        } else {
            project
                .read(&format!("content/labels/{language}.yaml"))
                .ok()
                .flatten()
        };
        if let Some(file) = other
            && let Ok(text) = file.text()
            && let Ok(second_labels) = yaml::parse::<BTreeMap<String, String>>(&file.display, text)
        {
            for (key, value) in library.labels.iter_mut() {
                if let Some(other) = second_labels
                    .get(key)
                    .filter(|o| *o != value && key != "lang")
                {
                    *value = format!("{value} / {other}");
                }
            }
        }
    }
    Ok(())
}

fn apply_patch(
    library: &mut Library,
    loaded: &LoadedEdition,
    index: usize,
    patch: &Patch,
) -> Result<(), Diagnostic> {
    let refs: Vec<String> = library
        .statements()
        .iter()
        .map(|s| s.reference.clone())
        .collect();
    let missing = |reference: &str| {
        let mut diag =
            loaded.error_at(reference, 0, format!("there is no statement `{reference}`"));
        if let Some(best) = did_you_mean(reference, refs.iter().map(String::as_str)) {
            diag = diag.hint(format!("did you mean `{best}`?"));
        }
        diag.hint("`hopeprint list statements` shows every reference")
    };
    let chosen = [&patch.replace, &patch.remove, &patch.add]
        .iter()
        .filter(|x| x.is_some())
        .count();
    if chosen != 1 {
        return Err(loaded
            .error_at(
                "patches:",
                0,
                format!(
                    "patch {} needs exactly one of `replace`, `remove` and `add`",
                    index + 1
                ),
            )
            .hint("e.g. `- replace: <reference>` with `text: \"…\"`"));
    }
    if let Some(reference) = &patch.replace {
        let text = patch.text.clone().ok_or_else(|| {
            loaded
                .error_at(
                    reference,
                    0,
                    format!("the patch of `{reference}` has no `text`"),
                )
                .hint("add `text: \"…\"`")
        })?;
        if !replace_text(library, reference, text) {
            return Err(missing(reference));
        }
        return Ok(());
    }
    if let Some(reference) = &patch.remove {
        let (cell, id) = reference
            .rsplit_once('/')
            .ok_or_else(|| missing(reference))?;
        let items = cell_mut(library, cell).ok_or_else(|| missing(reference))?;
        let before = items.len();
        items.retain(|i| i.id != id);
        if items.len() == before {
            return Err(missing(reference));
        }
        return Ok(());
    }
    let cell = patch.add.as_deref().unwrap_or_default();
    let (Some(id), Some(text)) = (&patch.id, &patch.text) else {
        return Err(loaded
            .error_at(
                cell,
                0,
                format!("the statement added to `{cell}` needs an `id` and a `text`"),
            )
            .hint("e.g. `id: offers-peer-mentoring` and `text: \"…\"`"));
    };
    if !crate::content::is_valid_id(id) {
        return Err(loaded
            .error_at(id, 0, format!("`{id}` is not a valid id"))
            .hint("ids are lowercase words joined by `-`"));
    }
    let items = cell_mut(library, cell).ok_or_else(|| {
        loaded.error_at(cell, 0, format!("there is no cell `{cell}`")).hint("a cell is written `<level>/<component>/<row>`, e.g. `dependent-aware/stigma/status`")
    })?;
    if items.iter().any(|i| &i.id == id) {
        return Err(loaded
            .error_at(
                id,
                0,
                format!("the cell `{cell}` already has a statement `{id}`"),
            )
            .hint("choose another id"));
    }
    let position = match &patch.after {
        Some(after) => items
            .iter()
            .position(|i| &i.id == after)
            .map(|p| p + 1)
            .ok_or_else(|| missing(&format!("{cell}/{after}")))?,
        None => items.len(),
    };
    let item = Item {
        id: id.clone(),
        title: None,
        text: Some(text.clone()),
        list: vec![],
        numbered: false,
        seed: None,
        seed_title: None,
        from: None,
        why: None,
        supplied: None,
    };
    items.insert(position, item);
    Ok(())
}

/// The statements of a matrix cell `level/component/row`.
fn cell_mut<'a>(library: &'a mut Library, cell: &str) -> Option<&'a mut Vec<Item>> {
    let mut parts = cell.split('/');
    let (level, component, row) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    library
        .levels
        .iter_mut()
        .find(|l| l.level == level)?
        .cells
        .get_mut(component)?
        .get_mut(row)
}

/// Replaces the text of the statement with this reference; false if there is none.
fn replace_text(library: &mut Library, reference: &str, text: String) -> bool {
    // The statement is found by reference, then changed where it lives: the walk below
    // meets the very same item (same address) among all the lists of items.
    let Some(target) = library
        .statements()
        .into_iter()
        .find(|s| s.reference == reference)
        .map(|s| s.item as *const Item)
    else {
        return false;
    };
    let mut done = false;
    let mut text = Some(text);
    visit_items_mut(library, &mut |item| {
        if std::ptr::eq(item as *const Item, target) {
            item.text = text.take();
            done = true;
        }
    });
    done
}

fn visit_items_mut(library: &mut Library, f: &mut dyn FnMut(&mut Item)) {
    fn walk(items: &mut [Item], f: &mut dyn FnMut(&mut Item)) {
        for item in items {
            f(item);
            walk(&mut item.list, f);
        }
    }
    for level in &mut library.levels {
        for rows in level.cells.values_mut() {
            for items in rows.values_mut() {
                walk(items, f);
            }
        }
    }
    let m = &mut library.model;
    walk(&mut m.overview, f);
    walk(&mut m.introduction.items, f);
    walk(&mut m.credits, f);
    for level in &mut m.levels {
        walk(&mut level.explanation, f);
    }
    walk(&mut library.principles.principles, f);
    walk(&mut library.key_terms.terms, f);
    walk(&mut library.capabilities.capabilities, f);
    walk(&mut library.capabilities.intro, f);
    let v = &mut library.victoria;
    walk(&mut v.core_principles, f);
    walk(&mut v.key_capabilities.items, f);
    walk(&mut v.good_practice, f);
    walk(&mut v.good_leadership, f);
    let p = &mut library.partners;
    walk(&mut p.introduction, f);
    walk(&mut p.description, f);
    walk(&mut p.audiences, f);
    walk(&mut p.purposes.items, f);
    walk(&mut p.self_inventory.items, f);
    walk(&mut p.discussion.items, f);
}

fn check_logo(project: &Project, loaded: &LoadedEdition, logo: &Logo) -> Result<(), Diagnostic> {
    let path = logo.path.trim_start_matches('/');
    let bad = |message: String| loaded.error_at("path:", 0, message);
    if !path.starts_with("assets/") || path.contains("..") {
        return Err(bad(format!(
            "the logo `{}` must be in the project's assets/ folder",
            logo.path
        ))
        .hint("put the file in assets/ and write `path: assets/<file>`"));
    }
    let full = project.root().join(path);
    let bytes = std::fs::read(&full).map_err(|e| {
        bad(format!(
            "cannot read the logo {} ({e})",
            crate::project::display_path(&full)
        ))
        .hint("check the file name, or remove `logo:` to print without one")
    })?;
    let is_image = bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).contains("<svg");
    if !is_image {
        return Err(bad(format!(
            "the logo `{}` is not an SVG, PNG or JPEG image",
            logo.path
        ))
        .hint("export the logo as SVG or PNG"));
    }
    if logo.alt.trim().is_empty() {
        return Err(loaded
            .error_at("alt:", 0, "the logo needs alt text".into())
            .hint("say what the logo shows, e.g. the organisation's name"));
    }
    Ok(())
}

/// A colour as theme.typ reads it from `sys.inputs`: `rgb:#rrggbb` or `cmyk:c,m,y,k` (0-1).
pub fn parse_color(text: &str) -> Option<String> {
    let text = text.trim();
    if let Some(hex) = text.strip_prefix('#') {
        let ok = (hex.len() == 6 || hex.len() == 3) && hex.chars().all(|c| c.is_ascii_hexdigit());
        return ok.then(|| format!("rgb:#{hex}"));
    }
    let inner = text.strip_prefix("cmyk(")?.strip_suffix(')')?;
    let parts: Option<Vec<f64>> = inner
        .split(',')
        .map(|p| {
            p.trim()
                .strip_suffix('%')?
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|v| (0.0..=100.0).contains(v))
        })
        .collect();
    let parts = parts.filter(|p| p.len() == 4)?;
    Some(format!(
        "cmyk:{}",
        parts
            .iter()
            .map(|p| format!("{}", p / 100.0))
            .collect::<Vec<_>>()
            .join(",")
    ))
}

/// Whole-word, case-preserving term replacement.
pub struct Terms {
    /// (from in lower case, to), longest first so that "Wellness Recovery Action Plan"
    /// wins over a shorter term inside it.
    pairs: Vec<(Vec<char>, String)>,
}

impl Terms {
    pub fn new(map: &BTreeMap<String, String>) -> Terms {
        let mut pairs: Vec<(Vec<char>, String)> = map
            .iter()
            .map(|(from, to)| (from.to_lowercase().chars().collect(), to.clone()))
            .collect();
        pairs.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
        Terms { pairs }
    }

    /// `text` with every term replaced where it stands as a whole word (letters and digits
    /// on neither side), keeping the case pattern of what it replaces.
    pub fn replace(&self, text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let lower: Vec<char> = chars
            .iter()
            .map(|c| c.to_lowercase().next().unwrap_or(*c))
            .collect();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        'scan: while i < chars.len() {
            let boundary_before = i == 0 || !chars[i - 1].is_alphanumeric();
            if boundary_before {
                for (from, to) in &self.pairs {
                    let end = i + from.len();
                    if end <= chars.len()
                        && lower[i..end] == from[..]
                        && (end == chars.len() || !chars[end].is_alphanumeric())
                    {
                        out.push_str(&match_case(&chars[i..end], to));
                        i = end;
                        continue 'scan;
                    }
                }
            }
            out.push(chars[i]);
            i += 1;
        }
        out
    }

    fn apply_item(&self, item: &mut Item) {
        if let Some(text) = &item.text {
            item.text = Some(self.replace(text));
        }
        if let Some(title) = &item.title {
            item.title = Some(self.replace(title));
        }
        self.apply_items(&mut item.list);
    }

    fn apply_items(&self, items: &mut [Item]) {
        for item in items {
            self.apply_item(item);
        }
    }
}

/// `to` in the case pattern of `found`: all capitals, all lower case, or a capital first
/// letter (the rest as the edition writes it).
fn match_case(found: &[char], to: &str) -> String {
    let letters: Vec<&char> = found.iter().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return to.to_uppercase();
    }
    if letters.iter().all(|c| c.is_lowercase()) {
        return to.to_lowercase();
    }
    if found.first().is_some_and(|c| c.is_uppercase()) {
        let mut chars = to.chars();
        return chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
    }
    to.to_string()
}

/// Every statement the edition changes: (reference, before, after); `None` where a
/// statement is added or removed.
pub fn diff(base: &Library, edited: &Library) -> Vec<(String, Option<String>, Option<String>)> {
    let text = |s: &crate::content::Statement<'_>| match (&s.item.title, &s.item.text) {
        (Some(t), Some(x)) => format!("{t}: {x}"),
        (Some(t), None) => t.clone(),
        (None, x) => x.clone().unwrap_or_default(),
    };
    let before: BTreeMap<String, String> = base
        .statements()
        .iter()
        .map(|s| (s.reference.clone(), text(s)))
        .collect();
    let after: Vec<(String, String)> = edited
        .statements()
        .iter()
        .map(|s| (s.reference.clone(), text(s)))
        .collect();
    let after_map: BTreeMap<&str, &str> = after
        .iter()
        .map(|(r, t)| (r.as_str(), t.as_str()))
        .collect();
    let mut changes = vec![];
    for (reference, new) in &after {
        match before.get(reference) {
            Some(old) if old != new => {
                changes.push((reference.clone(), Some(old.clone()), Some(new.clone())))
            }
            None => changes.push((reference.clone(), None, Some(new.clone()))),
            _ => {}
        }
    }
    for (reference, old) in &before {
        if !after_map.contains_key(reference.as_str()) {
            changes.push((reference.clone(), Some(old.clone()), None));
        }
    }
    let mut row_changes: Vec<_> = base
        .model
        .rows
        .iter()
        .zip(&edited.model.rows)
        .filter(|(a, b)| a.label != b.label)
        .map(|(a, b)| {
            (
                format!("model/rows/{}", a.id),
                Some(a.label.clone()),
                Some(b.label.clone()),
            )
        })
        .collect();
    row_changes.append(&mut changes);
    row_changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(pairs: &[(&str, &str)]) -> Terms {
        Terms::new(
            &pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        )
    }

    #[test]
    fn terms_are_replaced_whole_word_and_case_preserving() {
        let t = terms(&[
            ("person", "consumer"),
            ("Wellness Recovery Action Plan", "Relapse Prevention Plan"),
            ("Advance Agreements", "Mental Health Directives"),
            ("programme", "program"),
        ]);
        let cases = [
            ("Person's Status", "Consumer's Status"),
            ("Supports the person in", "Supports the consumer in"),
            ("personal goals", "personal goals"),
            ("persons choice", "persons choice"),
            ("the PERSON", "the CONSUMER"),
            (
                "his/her Wellness Recovery Action Plan and Advance Agreements",
                "his/her Relapse Prevention Plan and Mental Health Directives",
            ),
            ("wellness recovery action plan", "relapse prevention plan"),
            ("expert patient programme", "expert patient program"),
            ("programmes", "programmes"),
            ("person-centred", "consumer-centred"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(t.replace(input), expected, "{input}");
        }
    }

    #[test]
    fn colours_are_rgb_hex_or_cmyk_percentages() {
        assert_eq!(parse_color("#1d4e89").as_deref(), Some("rgb:#1d4e89"));
        assert_eq!(
            parse_color("cmyk(90%, 45%, 0%, 45%)").as_deref(),
            Some("cmyk:0.9,0.45,0,0.45")
        );
        assert_eq!(parse_color("red"), None);
        assert_eq!(parse_color("cmyk(90%, 45%, 0%)"), None);
        assert_eq!(parse_color("#12345g"), None);
        assert_eq!(parse_color("cmyk(1%, 2%, 3%, 400%)"), None);
    }
}
