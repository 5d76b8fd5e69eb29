//! `hopeprint schema`: JSON Schemas of every kind of YAML file, for editors.

use std::path::Path;
use std::process::ExitCode;

use schemars::schema_for;

use super::Outcome;
use crate::catalog::Catalog;
use crate::content::*;
use crate::diag::Diagnostic;
use crate::edition::Edition;
use crate::output::write_atomically;
use crate::project::{Project, display_path};

/// (file name, schema) for every kind of file a project can hold.
pub fn schemas() -> Vec<(&'static str, serde_json::Value)> {
    let json = |schema: schemars::Schema| schema.to_value();
    vec![
        ("edition.schema.json", json(schema_for!(Edition))),
        ("catalog.schema.json", json(schema_for!(Catalog))),
        ("sources.schema.json", json(schema_for!(SourcesFile))),
        ("model.schema.json", json(schema_for!(ModelFile))),
        ("level.schema.json", json(schema_for!(LevelFile))),
        ("principles.schema.json", json(schema_for!(PrinciplesFile))),
        ("key-terms.schema.json", json(schema_for!(KeyTermsFile))),
        (
            "capabilities.schema.json",
            json(schema_for!(CapabilitiesFile)),
        ),
        ("values.schema.json", json(schema_for!(ValuesFile))),
        ("ohio.schema.json", json(schema_for!(OhioFile))),
        ("victoria.schema.json", json(schema_for!(VictoriaFile))),
        ("partners.schema.json", json(schema_for!(PartnersFile))),
        ("reading.schema.json", json(schema_for!(ReadingFile))),
        (
            "labels.schema.json",
            json(schema_for!(crate::content::Labels)),
        ),
        ("pack.schema.json", json(schema_for!(crate::pack::PackFile))),
        (
            "translation.schema.json",
            json(schema_for!(crate::translation::TranslationFile)),
        ),
    ]
}

/// Writes every schema into `out`; returns the files written.
pub fn write_schemas(out: &Path) -> Result<Vec<std::path::PathBuf>, Diagnostic> {
    crate::output::create_dir(out)?;
    let mut written = vec![];
    for (name, schema) in schemas() {
        let path = out.join(name);
        let text = serde_json::to_string_pretty(&schema).expect("a schema is JSON");
        write_atomically(&path, format!("{text}\n").as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

pub fn run(project: &Project, out: &Path) -> Outcome {
    let out = if out.is_absolute() || project.root().as_os_str().is_empty() {
        out.to_path_buf()
    } else {
        project.root().join(out)
    };
    let written = write_schemas(&out).map_err(|d| vec![d])?;
    outln!(
        "wrote {} schemas into {}",
        written.len(),
        display_path(&out)
    );
    outln!(
        "start a YAML file with `# yaml-language-server: $schema=<path to the schema>` to have editors check it"
    );
    Ok(ExitCode::SUCCESS)
}
