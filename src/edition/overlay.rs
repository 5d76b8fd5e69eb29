//! Laying an edition over the content: labels of its language, terms, Ohio wording,
//! patches and translations.

use std::collections::BTreeMap;

use crate::content::{Item, Library, yaml};
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::project::Project;
use crate::translation;

use super::{LoadedEdition, Patch, look};

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
        match labels_of(project, loaded) {
            Ok(labels) => out.labels = labels,
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
    errors.append(&mut look::check(project, loaded));
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The labels of the edition's language (`content/labels/<language>.yaml`).
fn labels_of(
    project: &Project,
    loaded: &LoadedEdition,
) -> Result<BTreeMap<String, String>, Diagnostic> {
    let language = &loaded.edition.language;
    let path = format!("content/labels/{language}.yaml");
    match project.read(&path)? {
        Some(file) => yaml::parse(&file.display, file.text()?),
        None => Err(loaded
            .error_at(
                "language:",
                0,
                format!("there are no labels for the language `{language}`"),
            )
            .hint(format!(
                "add {path} with the phrases of content/labels/en.yaml translated"
            ))),
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
}
