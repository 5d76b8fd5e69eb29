//! `hopeprint edition`: list the editions, or show what one changes.

use std::process::ExitCode;

use super::Outcome;
use crate::cli::EditionAction;
use crate::content::Library;
use crate::edition;
use crate::project::Project;

pub fn run(project: &Project, action: &EditionAction) -> Outcome {
    match action {
        EditionAction::List => {
            for id in edition::edition_ids(project) {
                match edition::load(project, &id) {
                    Ok(loaded) => outln!("{id:<16} {} ({})", loaded.edition.name, loaded.display),
                    Err(d) => outln!("{id:<16} cannot be read: {}", d.message),
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        EditionAction::Diff { id } => {
            let base = Library::load_checked(project)?;
            let loaded = edition::load(project, id).map_err(|d| vec![d])?;
            let edited = edition::apply(project, &base, &loaded)?;
            out!("{}", render_diff(&edition::diff(&base, &edited)));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The changes as text: one block per statement, then a count.
pub fn render_diff(changes: &[(String, Option<String>, Option<String>)]) -> String {
    let mut out = String::new();
    for (reference, before, after) in changes {
        out.push_str(reference);
        out.push('\n');
        match (before, after) {
            (Some(b), Some(a)) => out.push_str(&format!("  - {b}\n  + {a}\n")),
            (None, Some(a)) => out.push_str(&format!("  + {a}   (added)\n")),
            (Some(b), None) => out.push_str(&format!("  - {b}   (removed)\n")),
            (None, None) => {}
        }
    }
    out.push_str(&format!(
        "{} statement{} changed\n",
        changes.len(),
        if changes.len() == 1 { "" } else { "s" }
    ));
    out
}
