//! `hopeprint layouts`: list the layouts, or eject a built-in one into the project.

use std::process::ExitCode;

use super::Outcome;
use crate::cli::LayoutsAction;
use crate::diag::{Diagnostic, did_you_mean};
use crate::project::{Origin, Project, built_in_file, display_path};

pub fn run(project: &Project, action: &LayoutsAction) -> Outcome {
    match action {
        LayoutsAction::List => {
            for path in project.list("layouts", "") {
                let origin = match project.read(&path) {
                    Ok(Some(f)) if f.origin == Origin::Project => {
                        "project (overrides the built-in one)"
                    }
                    Ok(Some(_)) => "built in",
                    _ => "unreadable",
                };
                let name = path.trim_start_matches("layouts/");
                let own = built_in_file(&path).is_none() && origin.starts_with("project");
                outln!(
                    "{name:<36} {}",
                    if own { "project (its own)" } else { origin }
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        LayoutsAction::Eject { name, force } => {
            eject(project, name, *force).map_err(|d| vec![d])?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn eject(project: &Project, name: &str, force: bool) -> Result<(), Diagnostic> {
    let name = name
        .trim_start_matches("layouts/")
        .trim_start_matches("builtin/");
    let path = format!("layouts/{name}");
    let Some(bytes) = built_in_file(&path) else {
        let names: Vec<String> = Project::built_in()
            .list("layouts", "")
            .iter()
            .map(|p| p.trim_start_matches("layouts/").to_string())
            .collect();
        let mut diag = Diagnostic::error(format!("there is no built-in layout `{name}`"));
        if let Some(best) = did_you_mean(name, names.iter().map(String::as_str)) {
            diag = diag.hint(format!("did you mean `{best}`?"));
        }
        return Err(diag.hint(format!("the built-in layouts are: {}", names.join(", "))));
    };
    let target = project.root().join(&path);
    if target.exists() && !force {
        return Err(
            Diagnostic::error(format!("{} already exists", display_path(&target)))
                .hint("add --force to replace it with the built-in layout"),
        );
    }
    if let Some(parent) = target.parent() {
        crate::output::create_dir(parent)?;
    }
    crate::output::write_atomically(&target, bytes)?;
    outln!(
        "wrote {}: edit it there; hopeprint now uses it instead of the built-in one",
        display_path(&target)
    );
    if name.ends_with(".typ.j2") {
        outln!(
            "tip: to change one part only, replace its contents with {{% extends \"builtin/{name}\" %}} and the block you change"
        );
    }
    Ok(())
}
