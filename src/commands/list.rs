//! `hopeprint list`: readable tables of what the content holds, with references.

use std::process::ExitCode;

use super::Outcome;
use crate::catalog::{Catalog, expand};
use crate::cli::{ListArgs, ListWhat};
use crate::content::{Library, Statement};
use crate::diag::{Diagnostic, Diagnostics};
use crate::document::resolve_request;
use crate::edition::PosterOrientation;
use crate::project::{Origin, Project};

pub fn run(project: &Project, args: &ListArgs) -> Outcome {
    if args.what == ListWhat::Files {
        out!("{}", files(project));
        return Ok(ExitCode::SUCCESS);
    }
    if args.what == ListWhat::Packs {
        out!("{}", packs(project)?);
        return Ok(ExitCode::SUCCESS);
    }
    let base = Library::load(project)?;
    if args.what == ListWhat::Documents {
        out!("{}", documents(project, &base, args.edition.as_deref())?);
        return Ok(ExitCode::SUCCESS);
    }
    let library = match &args.edition {
        Some(id) => {
            let loaded = crate::edition::load(project, id).map_err(|d| vec![d])?;
            crate::edition::apply(project, &base, &loaded)?
        }
        None => base,
    };
    let text = render(&library, args).map_err(|d| vec![d])?;
    out!("{text}");
    Ok(ExitCode::SUCCESS)
}

/// The listing as text (separate from printing so tests can call it).
pub fn render(library: &Library, args: &ListArgs) -> Result<String, Diagnostic> {
    match args.what {
        ListWhat::Repairs => repairs(library, args),
        ListWhat::Statements => {
            let mut rows = vec![vec!["reference".into(), "text".into()]];
            for s in selected(library, args)? {
                rows.push(vec![s.reference.clone(), statement_text(&s)]);
            }
            Ok(table(&rows))
        }
        what => Ok(table(&structure(library, what))),
    }
}

/// The levels, components, roles, rows or sources as a table with a header row.
fn structure(library: &Library, what: ListWhat) -> Vec<Vec<String>> {
    let m = &library.model;
    let mut rows: Vec<Vec<String>> = vec![];
    match what {
        ListWhat::Levels => {
            rows.push(vec![
                "#".into(),
                "id".into(),
                "name".into(),
                "statements".into(),
            ]);
            for level in &m.levels {
                let n = library
                    .statements()
                    .iter()
                    .filter(|s| s.cell.is_some_and(|c| c.0 == level.id))
                    .count();
                rows.push(vec![
                    level.number.to_string(),
                    level.id.clone(),
                    level.name.clone(),
                    n.to_string(),
                ]);
            }
        }
        ListWhat::Components => {
            rows.push(vec![
                "#".into(),
                "id".into(),
                "name".into(),
                "key term".into(),
            ]);
            for (index, c) in m.components.iter().enumerate() {
                rows.push(vec![
                    (index + 1).to_string(),
                    c.id.clone(),
                    c.long_name.clone(),
                    c.key_term.clone().unwrap_or_default(),
                ]);
            }
        }
        ListWhat::Roles => {
            rows.push(vec!["id".into(), "name".into()]);
            rows.extend(m.roles.iter().map(|r| vec![r.id.clone(), r.name.clone()]));
        }
        ListWhat::Rows => {
            rows.push(vec![
                "id".into(),
                "role".into(),
                "table".into(),
                "label".into(),
            ]);
            for r in &m.rows {
                rows.push(vec![
                    r.id.clone(),
                    r.role.clone(),
                    format!("{:?}", r.table).to_lowercase(),
                    r.label.clone(),
                ]);
            }
        }
        ListWhat::Sources => {
            rows.push(vec![
                "id".into(),
                "year".into(),
                "publisher".into(),
                "terms".into(),
            ]);
            for s in &library.sources {
                rows.push(vec![
                    s.id.clone(),
                    s.year.clone(),
                    s.publisher.clone(),
                    s.terms.clone(),
                ]);
            }
        }
        // Listed elsewhere: files, documents and packs in `run`, statements and repairs above.
        ListWhat::Files
        | ListWhat::Documents
        | ListWhat::Packs
        | ListWhat::Statements
        | ListWhat::Repairs => {}
    }
    rows
}

/// The session packs of content/packs/, each as `hopeprint pack ID` would make it; a pack
/// that does not load is reported with its problems.
fn packs(project: &Project) -> Result<String, crate::diag::Diagnostics> {
    let mut rows = vec![vec![
        "id".into(),
        "title".into(),
        "minutes".into(),
        "participants".into(),
        "documents".into(),
    ]];
    let mut problems = vec![];
    for id in project.yaml_ids("content/packs") {
        match crate::pack::load(project, &id) {
            Ok(loaded) => rows.push(vec![
                id,
                loaded.pack.title.clone(),
                loaded.pack.slot_minutes.to_string(),
                loaded.participants.to_string(),
                loaded.documents.len().to_string(),
            ]),
            Err(d) => problems.extend(d),
        }
    }
    if problems.is_empty() {
        Ok(table(&rows))
    } else {
        Err(problems)
    }
}

/// Every repair of the source text among the selected statements, and of the references.
fn repairs(library: &Library, args: &ListArgs) -> Result<String, Diagnostic> {
    let mut out = String::new();
    for s in selected(library, args)?
        .iter()
        .filter(|s| s.item.is_repaired())
    {
        out.push_str(&format!("{}\n", s.reference));
        if let Some(seed) = &s.item.seed {
            out.push_str(&format!("  source:  {}\n", seed.fragments().join(" | ")));
        }
        if let Some(title) = &s.item.seed_title {
            out.push_str(&format!("  source title: {title}\n"));
        }
        if let Some(from) = &s.item.from {
            out.push_str(&format!("  moved from: {from}\n"));
        }
        if s.item.supplied == Some(crate::content::Witness::Ohio) {
            out.push_str(
                "  supplied: wording from the Ohio original, where the source's text is damaged\n",
            );
        }
        out.push_str(&format!(
            "  content: {}\n  why:     {}\n\n",
            statement_text(s),
            s.item.why.as_deref().unwrap_or("")
        ));
    }
    for r in library
        .reading
        .references
        .iter()
        .filter(|r| r.seed.is_some())
    {
        out.push_str(&format!(
            "further-reading/{}\n  source:  {}\n  content: {} ({}) {}. {}\n  why:     {}\n\n",
            r.id,
            r.seed.as_deref().unwrap_or(""),
            r.authors,
            r.year,
            r.title,
            r.published,
            r.why.as_deref().unwrap_or("")
        ));
    }
    Ok(out)
}

fn statement_text(s: &Statement<'_>) -> String {
    match (&s.item.title, &s.item.text) {
        (Some(title), Some(text)) => format!("{title}: {text}"),
        (Some(title), None) => title.clone(),
        (None, text) => text.clone().unwrap_or_default(),
    }
}

/// The statements the filters pick; an unknown level, component or role is an error.
fn selected<'a>(library: &'a Library, args: &ListArgs) -> Result<Vec<Statement<'a>>, Diagnostic> {
    let m = &library.model;
    let level = (args.level.as_deref())
        .map(|l| m.level_index(l).map(|i| m.levels[i].id.as_str()))
        .transpose()?;
    let component = (args.component.as_deref())
        .map(|c| m.component_index(c).map(|i| m.components[i].id.as_str()))
        .transpose()?;
    let role = (args.role.as_deref())
        .map(|r| m.role_index(r).map(|i| m.roles[i].id.as_str()))
        .transpose()?;
    let row_role = |row: &str| m.rows.iter().find(|r| r.id == row).map(|r| r.role.as_str());
    Ok(library
        .statements()
        .into_iter()
        .filter(|s| {
            args.prefix
                .as_deref()
                .is_none_or(|p| s.reference.starts_with(p))
        })
        .filter(|s| {
            let needs_cell = level.is_some() || component.is_some() || role.is_some();
            match s.cell {
                None => !needs_cell,
                Some((l, c, r)) => {
                    level.is_none_or(|x| x == l)
                        && component.is_none_or(|x| x == c)
                        && role.is_none_or(|x| row_role(r) == Some(x))
                }
            }
        })
        .collect())
}

/// The catalogue's documents as the edition (`--edition`, else the project's own) builds
/// them; a document that does not resolve is an error at its catalogue entry.
fn documents(
    project: &Project,
    base: &Library,
    named: Option<&str>,
) -> Result<String, Diagnostics> {
    let catalog = Catalog::load(project).map_err(|d| vec![d])?;
    let choice = catalog.choose_edition(project, named);
    super::announce(&choice);
    let loaded = crate::edition::load(project, &choice.id).map_err(|d| vec![d])?;
    let library = crate::edition::apply(project, base, &loaded)?;
    let by_component = loaded.edition.poster_orientation == PosterOrientation::Component;
    let settings = catalog.settings_for(loaded, 0.0, false);
    let mut rows = vec![vec!["document".to_string(), "paper".into(), "title".into()]];
    let mut problems = vec![];
    for (index, request) in expand(&catalog.entries, by_component, &library.model) {
        match resolve_request(&library, &request, &settings) {
            Ok(doc) => rows.push(vec![
                doc.name,
                format!(
                    "{} {}",
                    doc.paper.name(),
                    if doc.landscape {
                        "landscape"
                    } else {
                        "portrait"
                    }
                ),
                doc.title,
            ]),
            Err(d) => problems.push(catalog.locate(index, d)),
        }
    }
    match problems.is_empty() {
        true => Ok(table(&rows)),
        false => Err(problems),
    }
}

fn files(project: &Project) -> String {
    let mut rows = vec![vec!["file".to_string(), "from".to_string()]];
    for dir in ["content", "layouts", "fonts"] {
        for path in project.list(dir, "") {
            let origin = match project.read(&path) {
                Ok(Some(f)) if f.origin == Origin::Project => "project",
                Ok(Some(_)) => "built in",
                _ => "unreadable",
            };
            rows.push(vec![path, origin.to_string()]);
        }
    }
    table(&rows)
}

/// Left-aligned columns; the last column is not padded.
fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let last = row.len().saturating_sub(1);
        for (c, cell) in row.iter().enumerate() {
            if c == last {
                out.push_str(cell);
            } else {
                out.push_str(&format!("{cell:<width$}  ", width = widths[c]));
            }
        }
        out.push('\n');
    }
    out
}
