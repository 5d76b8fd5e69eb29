//! Fuzzes the YAML loader: any bytes, read as each kind of hopeprint file, must give a
//! value or a diagnostic that renders (with its file, line and source snippet), never a
//! panic or a hang.
#![no_main]

use hopeprint::catalog::Catalog;
use hopeprint::content::model::{LevelFile, ModelFile};
use hopeprint::content::yaml;
use hopeprint::diag::Diagnostic;
use hopeprint::edition::Edition;
use hopeprint::pack::PackFile;
use hopeprint::translation::TranslationFile;
use libfuzzer_sys::fuzz_target;

fn check<T: serde::de::DeserializeOwned>(file: &str, text: &str) {
    if let Err(diagnostic) = yaml::parse::<T>(file, text) {
        render(&diagnostic);
    }
}

fn render(diagnostic: &Diagnostic) {
    let shown = diagnostic.render();
    assert!(!shown.is_empty());
}

fuzz_target!(|data: &[u8]| {
    // The loader reads files as UTF-8 (invalid UTF-8 is its own error, before parsing).
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    check::<LevelFile>("content/model/levels/1-dependent-unaware.yaml", text);
    check::<ModelFile>("content/model/model.yaml", text);
    check::<Edition>("content/editions/fuzz.yaml", text);
    check::<PackFile>("content/packs/fuzz.yaml", text);
    check::<Catalog>("content/catalog.yaml", text);
    check::<TranslationFile>("content/translations/cy.yaml", text);
});
