//! hopeprint's integration tests, one module per file beside this one, built as one test
//! crate: one binary linking typst instead of one per file (Cargo.toml sets
//! `autotests = false`). A new test file must be declared here;
//! `every_test_file_is_a_module_of_this_crate` fails until it is.

mod common;

mod accessibility;
mod bilingual;
mod build;
mod cli;
mod cli_errors;
mod confinement;
mod contexts;
mod dates;
mod defaults;
mod design;
mod editions;
mod escaping;
mod fidelity;
mod hardening;
mod init;
mod layouts;
mod long_words;
mod manifest;
mod pack_forms;
mod packs;
mod page_breaking;
mod render;
mod theme;
mod translations;
mod watch;
mod web;

#[test]
fn every_test_file_is_a_module_of_this_crate() {
    let tests = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let main = std::fs::read_to_string(tests.join("main.rs")).unwrap();
    let declared: Vec<&str> = main
        .lines()
        .filter_map(|l| l.strip_prefix("mod ")?.strip_suffix(';'))
        .collect();
    for entry in std::fs::read_dir(&tests).unwrap() {
        let path = entry.unwrap().path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let is_module =
            path.extension().is_some_and(|e| e == "rs") || path.join("mod.rs").is_file();
        if is_module && stem != "main" {
            assert!(
                declared.contains(&stem),
                "tests/{stem} is not declared in tests/main.rs, so its tests never run"
            );
        }
    }
}
