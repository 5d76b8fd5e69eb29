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
    eject_file(project, &format!("layouts/{name}"), force)
}

/// `hopeprint eject PATH`: copies the built-in file at `path` (`content/…`, `layouts/…`,
/// `fonts/…`) into the project, where it then wins over the built-in one.
pub fn eject_file(project: &Project, path: &str, force: bool) -> Result<(), Diagnostic> {
    let path = path.trim_start_matches("./").replace('\\', "/");
    let Some(bytes) = built_in_file(&path) else {
        return Err(no_such_file(&path));
    };
    let target = project.root().join(&path);
    crate::output::refuse_outside_project(project, &target)?;
    if target.exists() && !force {
        return Err(
            Diagnostic::error(format!("{} already exists", display_path(&target)))
                .hint("add --force to replace it with the built-in file"),
        );
    }
    crate::output::write_into_project(project, &target, bytes)?;
    outln!(
        "wrote {}: edit it there; hopeprint now uses it instead of the built-in one",
        display_path(&target)
    );
    if let Some(name) = path
        .strip_prefix("layouts/")
        .filter(|n| n.ends_with(".typ.j2"))
    {
        outln!(
            "tip: to change one part only, replace its contents with {{% extends \"builtin/{name}\" %}} and the block you change"
        );
    }
    Ok(())
}

/// No built-in file at `path`: the closest, and where to find the others.
fn no_such_file(path: &str) -> Diagnostic {
    let built_in = Project::built_in();
    let top = path.split('/').next().unwrap_or_default();
    let files: Vec<String> = ["content", "layouts", "fonts"]
        .iter()
        .flat_map(|dir| built_in.list(dir, ""))
        .collect();
    let mut diag = Diagnostic::error(format!("there is no built-in file `{path}`"));
    if let Some(best) = did_you_mean(path, files.iter().map(String::as_str)) {
        diag = diag.hint(format!("did you mean `{best}`?"));
    }
    let hint = match top {
        "layouts" => {
            let names: Vec<&str> = (files.iter())
                .filter_map(|f| f.strip_prefix("layouts/"))
                .collect();
            format!("the built-in layouts are: {}", names.join(", "))
        }
        "content" | "fonts" => format!(
            "`hopeprint list files` lists the {top} files ({} built in)",
            files.iter().filter(|f| f.starts_with(top)).count()
        ),
        _ => {
            "give a path that begins with content/, layouts/ or fonts/, e.g. content/labels/en.yaml"
                .to_string()
        }
    };
    diag.hint(hint)
}

/// A warning for each `{% block NAME %}` of a project layout that extends a built-in one
/// without a block of that name: minijinja silently ignores it, so it would never print.
pub fn unknown_blocks(project: &Project) -> Vec<Diagnostic> {
    let mut warnings = vec![];
    // Typst and HTML layouts alike (`.typ.j2`, `.html.j2`).
    for path in project.list("layouts", ".j2") {
        let Ok(Some(file)) = project.read(&path) else {
            continue;
        };
        let Ok(text) = file.text() else { continue };
        if file.origin != Origin::Project {
            continue;
        }
        let Some(parent) = extended_built_in(text) else {
            continue;
        };
        let known = built_in_blocks(&parent);
        for (name, line, column) in tags(text, "block") {
            if known.contains(&name) {
                continue;
            }
            let mut warning = Diagnostic::warning(format!(
                "the built-in layout `{parent}` has no block `{name}`, so this block is never printed"
            ))
            .at(&file.display, text, line, column);
            if let Some(best) = did_you_mean(&name, known.iter().map(String::as_str)) {
                warning = warning.hint(format!("did you mean `{best}`?"));
            }
            warnings.push(warning.hint(format!("its blocks are: {}", known.join(", "))));
        }
    }
    warnings
}

/// The built-in layout a layout extends (`{% extends "builtin/…" %}`), by file name.
fn extended_built_in(text: &str) -> Option<String> {
    let (name, ..) = tags(text, "extends").into_iter().next()?;
    let name = name.trim_matches(['"', '\'']);
    Some(
        name.strip_prefix(crate::layout::BUILTIN_PREFIX)?
            .to_string(),
    )
}

/// The blocks of the built-in layout `name` and of the built-in layouts it extends.
fn built_in_blocks(name: &str) -> Vec<String> {
    let mut blocks = vec![];
    let mut next = Some(name.to_string());
    // A chain of extends is short; the bound only guards against a cycle.
    for _ in 0..8 {
        let Some(name) = next.take() else { break };
        let Some(text) =
            built_in_file(&format!("layouts/{name}")).and_then(|b| std::str::from_utf8(b).ok())
        else {
            break;
        };
        blocks.extend(tags(text, "block").into_iter().map(|(b, ..)| b));
        // A built-in layout extends another by its plain name (`handout.typ.j2`).
        next = tags(text, "extends").into_iter().next().map(|(name, ..)| {
            let name = name.trim_matches(['"', '\'']);
            let name = name
                .strip_prefix(crate::layout::BUILTIN_PREFIX)
                .unwrap_or(name);
            name.to_string()
        });
    }
    blocks
}

/// The argument, line and column (1-based, of the argument) of every `{% TAG ARGUMENT %}`.
fn tags(text: &str, tag: &str) -> Vec<(String, usize, usize)> {
    let mut found = vec![];
    for (index, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(open) = rest.find("{%") {
            let after = rest[open + 2..].trim_start_matches(['-', '+']);
            let body = after.trim_start();
            if let Some(argument) = body.strip_prefix(tag).filter(|a| a.starts_with(' ')) {
                let argument = argument.trim_start();
                let word: String = (argument.chars())
                    .take_while(|c| !c.is_whitespace() && *c != '%')
                    .collect();
                let column = line.len() - argument.len() + 1;
                found.push((word, index + 1, column));
            }
            rest = &rest[open + 2..];
        }
    }
    found
}
