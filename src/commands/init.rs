//! `hopeprint init`: a project directory for a trust's own edition, ready to build.

use std::path::Path;
use std::process::ExitCode;

use super::Outcome;
use crate::content::is_valid_id;
use crate::diag::Diagnostic;
use crate::edition;
use crate::output::{create_dir, write_atomically};
use crate::project::{Origin, Project, display_path};

const LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80" viewBox="0 0 240 80">
  <rect width="240" height="80" rx="8" fill="#1d4e89"/>
  <text x="120" y="50" font-family="sans-serif" font-size="28" fill="#ffffff" text-anchor="middle">Your logo</text>
</svg>
"##;

/// The organisation `init` writes, for the trust to replace.
const ORGANISATION: &str = "Your organisation";

/// A warning naming each value `init` left in a project's own edition that is still there:
/// the placeholder organisation and logo, and a built-in edition's contact lines.
pub fn placeholders(project: &Project, loaded: &edition::LoadedEdition) -> Option<Diagnostic> {
    let path = format!("{}/{}.yaml", edition::EDITIONS_DIR, loaded.id);
    let own = matches!(project.read(&path), Ok(Some(f)) if f.origin == Origin::Project);
    if !own {
        return None;
    }
    let e = &loaded.edition;
    let mut left = vec![];
    if e.organisation == ORGANISATION {
        left.push(format!("organisation: \"{ORGANISATION}\""));
    }
    // A built-in edition's own contact lines are its own, not placeholders.
    let others = edition::edition_ids(&Project::built_in());
    for id in others.into_iter().filter(|id| *id != loaded.id) {
        let Ok(built_in) = edition::load(&Project::built_in(), &id) else {
            continue;
        };
        if !e.contact.is_empty() && e.contact == built_in.edition.contact {
            left.push(format!(
                "contact: the {id} edition's (\"{}\" …)",
                e.contact[0]
            ));
        }
    }
    if let Some(logo) = &e.logo {
        // Read as every project file is: never through a link out of the project.
        let file = project.read(logo.path.trim_start_matches('/'));
        if matches!(file, Ok(Some(f)) if *f.bytes == *LOGO.as_bytes()) {
            left.push(format!("logo: {} is the placeholder", logo.path));
        }
    }
    if left.is_empty() {
        return None;
    }
    let mut diag = Diagnostic::warning(format!(
        "edition `{}` still prints what `hopeprint init` put there to replace",
        loaded.id
    ))
    .in_file(&loaded.display);
    for what in left {
        diag = diag.hint(what);
    }
    Some(diag.hint("put your own in its place before sending the PDFs to print"))
}

pub fn run(project: &Project, dir: &Path, id: &str, from: &str) -> Outcome {
    init(project, dir, id, from).map_err(|d| vec![d])?;
    Ok(ExitCode::SUCCESS)
}

fn init(project: &Project, dir: &Path, id: &str, from: &str) -> Result<(), Diagnostic> {
    if !is_valid_id(id) {
        return Err(
            Diagnostic::error(format!("`{id}` is not a valid edition id"))
                .hint("use lowercase words joined by `-`, e.g. `derbyshire-2027`"),
        );
    }
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(Diagnostic::error(format!(
            "{} already exists and is not empty",
            display_path(dir)
        ))
        .hint("choose a new directory; init never overwrites files"));
    }
    let base = edition::load(project, from)?;
    let shown = display_path(dir);
    create_dir(&dir.join("content/editions"))?;
    create_dir(&dir.join("assets"))?;
    crate::commands::schema::write_schemas(&dir.join("schemas"))?;

    let from_text = base
        .text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let edition_text = format!(
        "# yaml-language-server: $schema=../../schemas/edition.schema.json
# Your edition of every hopeprint document, started from `{from}`. Change what you need;
# `hopeprint edition diff {id}` shows every statement your edition changes, and
# `hopeprint build` makes the whole set into out/{id}/.
#
# Also possible (see the README's Editions section):
#   terms: {{person: \"service user\"}}      # whole words, keeping capitals
#   patches:                                # replace, remove or add single statements
#     - replace: dependent-aware/stigma/status/feels-misunderstood
#       text: \"…\"
#   look: {{accent: \"#005eb8\", levels: [\"#8a1538\", \"#9c3a00\", \"#00703c\", \"#003087\"]}}
{from_text}
logo:
  path: assets/logo.svg
  alt: \"Your organisation's logo\"
"
    );
    let edition_text = edition_text
        .replace(
            &format!("name: \"{}\"", base.edition.name),
            &format!("name: \"{id} edition\""),
        )
        .replace(
            &format!("organisation: \"{}\"", base.edition.organisation),
            &format!("organisation: \"{ORGANISATION}\""),
        );
    write_atomically(
        &dir.join(format!("content/editions/{id}.yaml")),
        edition_text.as_bytes(),
    )?;
    write_atomically(&dir.join("assets/logo.svg"), LOGO.as_bytes())?;

    let catalog = project
        .read(crate::catalog::CATALOG)?
        .ok_or_else(|| Diagnostic::error("the catalogue is missing"))?;
    let catalog_text = catalog.text()?;
    let catalog_text = format!(
        "# yaml-language-server: $schema=../schemas/catalog.schema.json\n{}\n# Only your edition is built; list more ids to build others too.\neditions: [{id}]\n",
        catalog_text.trim_end()
    );
    write_atomically(&dir.join(crate::catalog::CATALOG), catalog_text.as_bytes())?;

    // A session pack to start from, checked by its schema as it is edited.
    let pack = project
        .read("content/packs/partners-in-recovery.yaml")?
        .ok_or_else(|| Diagnostic::error("the built-in pack is missing"))?;
    let pack_text = format!(
        "# yaml-language-server: $schema=../../schemas/pack.schema.json\n{}",
        pack.text()?
    );
    create_dir(&dir.join("content/packs"))?;
    write_atomically(
        &dir.join("content/packs/session.yaml"),
        pack_text.as_bytes(),
    )?;

    outln!("created {shown}:");
    outln!("  content/editions/{id}.yaml   your edition: name, organisation, logo, terms, patches");
    outln!("  content/catalog.yaml         the documents to build");
    outln!("  content/packs/session.yaml   a session pack to start from: hopeprint pack session");
    outln!("  assets/logo.svg              a placeholder logo: replace it with yours");
    outln!("  schemas/                     JSON Schemas, so editors check the YAML as you type");
    outln!("next: hopeprint -C {shown} build");
    Ok(())
}
