//! An edition's patches: single statements replaced, removed or added, by reference.

use crate::content::{Item, Library, Part, is_valid_id};
use crate::diag::{Diagnostic, did_you_mean};

use super::{LoadedEdition, Patch};

/// Applies the `index`-th patch of the edition to `library`.
pub(super) fn apply(
    library: &mut Library,
    loaded: &LoadedEdition,
    index: usize,
    patch: &Patch,
) -> Result<(), Diagnostic> {
    let at = format!("patches/{index}");
    let missing = |library: &Library, reference: &str| {
        if let Some(diag) = removed_above(loaded, index, reference) {
            return diag;
        }
        library.unknown_reference(
            reference,
            loaded.error_at_value(
                &format!("{at}/replace|remove"),
                format!("there is no statement `{reference}`"),
            ),
        )
    };
    let chosen = [&patch.replace, &patch.remove, &patch.add]
        .iter()
        .filter(|x| x.is_some())
        .count();
    if chosen != 1 {
        return Err(loaded
            .error_at(
                &at,
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
                .error_at_value(
                    &format!("{at}/replace"),
                    format!("the patch of `{reference}` has no `text`"),
                )
                .hint("add `text: \"…\"`")
        })?;
        if !replace(library, reference, text) {
            return Err(missing(library, reference));
        }
        return Ok(());
    }
    if let Some(reference) = &patch.remove {
        if remove(library, reference) {
            return Ok(());
        }
        if library.statement(reference).is_some() {
            return Err(loaded
                .error_at_value(
                    &format!("{at}/remove"),
                    format!("`{reference}` stands alone, not in a list, so it cannot be removed"),
                )
                .hint("replace its text instead (`replace:` with `text:`)"));
        }
        return Err(missing(library, reference));
    }
    add(library, loaded, &at, patch)
}

/// Adds the patch's statement to the cell `add` names.
fn add(
    library: &mut Library,
    loaded: &LoadedEdition,
    at: &str,
    patch: &Patch,
) -> Result<(), Diagnostic> {
    let cell = patch.add.as_deref().unwrap_or_default();
    let (Some(id), Some(text)) = (&patch.id, &patch.text) else {
        return Err(loaded
            .error_at_value(
                &format!("{at}/add"),
                format!("the statement added to `{cell}` needs an `id` and a `text`"),
            )
            .hint("e.g. `id: offers-peer-mentoring` and `text: \"…\"`"));
    };
    if !is_valid_id(id) {
        return Err(loaded
            .error_at_value(&format!("{at}/id"), format!("`{id}` is not a valid id"))
            .hint("ids are lowercase words joined by `-`"));
    }
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
        bilingual: None,
    };
    let mut outcome = None;
    let mut item = Some(item);
    library.lists_mut(&mut |place, items| {
        if outcome.is_some() || place.part != Part::Cell || place.reference != cell {
            return;
        }
        outcome = Some(if items.iter().any(|i| &i.id == id) {
            Added::Taken
        } else {
            let position = match &patch.after {
                Some(after) => items.iter().position(|i| &i.id == after).map(|p| p + 1),
                None => Some(items.len()),
            };
            match (position, item.take()) {
                (Some(position), Some(item)) => {
                    items.insert(position, item);
                    Added::Done
                }
                _ => Added::NoSuchAfter,
            }
        });
    });
    match outcome {
        Some(Added::Done) => Ok(()),
        Some(Added::Taken) => Err(loaded
            .error_at_value(
                &format!("{at}/id"),
                format!("the cell `{cell}` already has a statement `{id}`"),
            )
            .hint("choose another id")),
        Some(Added::NoSuchAfter) => {
            let after = patch.after.as_deref().unwrap_or_default();
            let reference = format!("{cell}/{after}");
            Err(library.unknown_reference(
                &reference,
                loaded.error_at_value(
                    &format!("{at}/after"),
                    format!("there is no statement `{reference}`"),
                ),
            ))
        }
        None => Err(no_such_cell(
            library,
            loaded.error_at_value(&format!("{at}/add"), format!("there is no cell `{cell}`")),
            cell,
        )),
    }
}

/// The error for a patch of `reference` that an earlier patch removed: which one, and where.
fn removed_above(loaded: &LoadedEdition, index: usize, reference: &str) -> Option<Diagnostic> {
    let earlier = (loaded.edition.patches[..index].iter())
        .rposition(|p| p.remove.as_deref() == Some(reference))?;
    let line = (loaded.positions())
        .value(&format!("patches/{earlier}/remove"))
        .map_or(String::new(), |p| format!(" (line {})", p.line));
    let path = format!("patches/{index}");
    let position = (loaded.positions().value(&format!("{path}/replace")))
        .or_else(|| loaded.positions().value(&format!("{path}/remove")));
    let diag = crate::content::positions::point(
        Diagnostic::error(format!(
            "`{reference}` was removed above, by patch {}{line}",
            earlier + 1
        )),
        &loaded.display,
        &loaded.text,
        position,
    );
    Some(
        diag.hint(
            "a removed statement cannot be changed: keep the `remove` or this patch, not both",
        ),
    )
}

/// What a cell is made of, with the row, component or level that is not one.
fn no_such_cell(library: &Library, diag: Diagnostic, cell: &str) -> Diagnostic {
    let model = &library.model;
    let parts: Vec<&str> = cell.split('/').collect();
    let choices: [(&str, Vec<&str>); 3] = [
        (
            "levels",
            model.levels.iter().map(|l| l.id.as_str()).collect(),
        ),
        (
            "components",
            model.components.iter().map(|c| c.id.as_str()).collect(),
        ),
        ("rows", model.rows.iter().map(|r| r.id.as_str()).collect()),
    ];
    let mut diag = diag;
    for (part, (what, ids)) in parts.iter().zip(&choices) {
        if ids.contains(part) {
            continue;
        }
        if let Some(best) = did_you_mean(part, ids.iter().copied()) {
            diag = diag.hint(format!("did you mean `{best}`?"));
        }
        diag = diag.hint(format!("the {what} are: {}", ids.join(", ")));
    }
    diag.hint("a cell is written `<level>/<component>/<row>`, e.g. `dependent-aware/stigma/status`")
}

/// What became of a statement to add to a cell.
enum Added {
    Done,
    /// The cell already has a statement with its id.
    Taken,
    /// The statement it should follow is not in the cell.
    NoSuchAfter,
}

/// Replaces the text of the statement with this reference; false if there is none.
fn replace(library: &mut Library, reference: &str, text: String) -> bool {
    let mut text = Some(text);
    library.walk_mut(&mut |entry| {
        if entry.reference == reference && text.is_some() {
            entry.item.text = text.take();
            // The edition's own wording: no longer wording supplied from another source.
            entry.item.supplied = None;
        }
    });
    text.is_none()
}

/// Leaves out the statement with this reference from the list that holds it; false if
/// no list holds it.
fn remove(library: &mut Library, reference: &str) -> bool {
    let Some((parent, id)) = reference.rsplit_once('/') else {
        return false;
    };
    let mut done = false;
    library.lists_mut(&mut |place, items| {
        if !done && place.reference == parent {
            let before = items.len();
            items.retain(|i| i.id != id);
            done = items.len() != before;
        }
    });
    done
}
