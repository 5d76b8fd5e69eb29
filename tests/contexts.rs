//! The template context of every built-in document of both editions, as insta snapshots:
//! what each layout is given to print. A change to how documents are resolved shows here
//! first, statement by statement.

use crate::common::every_built_in_document;
use hopeprint::document::resolve_request;

#[test]
fn every_built_in_documents_template_context_matches_its_snapshot() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/contexts");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (_, settings, library, request) in every_built_in_document() {
            let edition = settings.edition.as_ref().map_or("base", |e| e.id.as_str());
            let doc = resolve_request(&library, &request, &settings).expect("resolves");
            insta::assert_yaml_snapshot!(format!("{edition}__{}", doc.name), doc.context);
        }
    });
}
