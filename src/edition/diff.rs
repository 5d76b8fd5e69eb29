//! Every statement an edition changes, for `hopeprint edition diff`.

use std::collections::BTreeMap;

use crate::content::Library;

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
