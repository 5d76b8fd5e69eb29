//! Fuzzes the Typst escaper: any text, escaped for markup, must parse as Typst markup
//! with no errors and nothing but text in it (plain text, escapes, spaces and the
//! `#linebreak()` that stands for a newline), reading back as the input.
#![no_main]

use hopeprint::layout::escape_markup;
use libfuzzer_sys::fuzz_target;
use typst_syntax::{SyntaxKind, SyntaxNode};

/// What the escaper promises to keep: the text, with tabs as spaces, newlines (and the
/// Unicode line and paragraph separators) as line breaks, and other control characters
/// dropped.
fn expected(input: &str) -> String {
    input
        .chars()
        .filter_map(|c| match c {
            '\n' | '\u{2028}' | '\u{2029}' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// The text a markup tree shows, or the kind of the first node that is not plain text.
fn shown(markup: &SyntaxNode) -> Result<String, SyntaxKind> {
    let mut out = String::new();
    for node in markup.children() {
        match node.kind() {
            SyntaxKind::Text | SyntaxKind::Space => out.push_str(node.leaf_text()),
            SyntaxKind::Escape => out.push_str(&node.leaf_text()[1..]),
            SyntaxKind::Hash => {}
            SyntaxKind::FuncCall if node.full_text() == "linebreak()" => out.push('\n'),
            other => return Err(other),
        }
    }
    Ok(out)
}

fuzz_target!(|input: &str| {
    let escaped = escape_markup(input);
    let tree = typst_syntax::parse(&escaped);
    assert!(
        !tree.diagnosis().errors,
        "{input:?} escaped as {escaped:?} does not parse"
    );
    match shown(&tree) {
        Ok(text) => assert_eq!(text, expected(input), "{input:?} escaped as {escaped:?}"),
        Err(kind) => panic!("{input:?} escaped as {escaped:?} holds a {kind:?}"),
    }
});
