//! Content is text, never code: any string from YAML comes out of the PDF exactly as
//! written, whatever Typst or template syntax it contains.

use crate::common::*;
use hopeprint::layout;
use hopeprint::project::Project;
use hopeprint::typeset::PdfStandard;
use hopeprint::typeset::Typesetter;
use proptest::prelude::*;

const PROBE: &str = "#import \"theme.typ\": *\n#set document(title: {{ title|str }})\n#set text(font: font-family)\n#set page(width: 400mm, height: auto, margin: 5mm)\n{{ text }}\n";

struct Probe {
    _dir: tempfile::TempDir,
    project: Project,
    typesetter: Typesetter,
}

fn probe() -> Probe {
    let dir = temp_project();
    write(dir.path(), "layouts/probe.typ.j2", PROBE);
    let project = Project::new(dir.path());
    let typesetter = Typesetter::new(&project, false).unwrap();
    Probe {
        _dir: dir,
        project,
        typesetter,
    }
}

/// Renders `text` (and `title`) through the Typst auto-escaping, returns the PDF text and title.
fn round_trip(probe: &Probe, text: &str, title: &str) -> (String, Option<String>) {
    let env = layout::environment(&probe.project);
    let source = layout::render(
        &env,
        "probe.typ.j2",
        &serde_json::json!({"text": text, "title": title}),
    )
    .unwrap();
    let compiled = probe
        .typesetter
        .compile("probe.typ", &source, date())
        .unwrap_or_else(|e| panic!("{text:?} broke the document: {e}"));
    let bytes = hopeprint::typeset::pdf(
        &compiled.document,
        PdfStandard::None,
        false,
        date(),
        "probe",
    )
    .unwrap();
    (pdf_text(&bytes), facts(&bytes).title)
}

const NASTY: &[&str] = &[
    "#read(\"/etc/passwd\")",
    "#import \"/etc/passwd\"",
    "$x$",
    "]",
    "[",
    "<label>",
    "@ref",
    "// comment",
    "/* block",
    "= Heading",
    "- item",
    "+ 1",
    "\\",
    "\"",
    "'quoted' \"double\"",
    "{{ x }}",
    "{% include \"a\" %}",
    "#let x = 1",
    "a * b _c_ `raw` ~ -- --- ...",
    "1. not a list",
    "#linebreak()",
    "https://example.org/x?y=z",
    "Welsh: ŵ ŷ Ŵ Ŷ — “quotes” ’",
];

#[test]
fn typst_and_template_syntax_comes_out_as_written() {
    let probe = probe();
    for nasty in NASTY {
        let (text, title) = round_trip(&probe, nasty, nasty);
        assert_eq!(text, squash(nasty), "body text of {nasty:?}");
        assert_eq!(title.as_deref(), Some(*nasty), "title of {nasty:?}");
    }
}

#[test]
fn unicode_line_and_paragraph_separators_are_line_breaks_not_paragraph_breaks() {
    // Typst reads these separators as newlines (tests/fuzz/corpus/escaper/line-separators).
    for text in ["a\u{2028}\u{2028}b", "a\u{2029}\u{2029}b", "a\n\nb"] {
        let escaped = layout::escape_markup(text);
        let tree = typst::syntax::parse(&escaped);
        assert!(!tree.diagnosis().errors, "{escaped:?}");
        let kinds: Vec<_> = tree.children().map(|n| n.kind()).collect();
        assert!(
            !kinds.contains(&typst::syntax::SyntaxKind::Parbreak),
            "{text:?} escaped as {escaped:?} makes a paragraph break: {kinds:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_string_comes_out_exactly(text in "[ -~ŵŷéü£€—“”’]{1,40}") {
        prop_assume!(!text.trim().is_empty());
        let probe = probe();
        let (got, title) = round_trip(&probe, &text, &text);
        prop_assert_eq!(got, squash(&text));
        prop_assert_eq!(title.as_deref(), Some(text.as_str()));
    }
}
