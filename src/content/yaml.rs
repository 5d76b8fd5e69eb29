//! The one place hopeprint parses YAML: serde_yaml errors become diagnostics that name the
//! file, line and column and say what to do. (serde_yaml 0.9 is archived upstream; keeping
//! it behind this module makes a switch to a maintained fork a change here and in
//! `positions.rs`, which finds where nodes are.)

use serde::de::DeserializeOwned;

use super::positions::{Position, Positions, SyntaxError};
use crate::diag::{Diagnostic, did_you_mean};

/// Parses `text` (the contents of the file shown to users as `file`) into `T`.
pub fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, Diagnostic> {
    // Old Mac line endings (CR alone) are line breaks to YAML: make them plain ones, so
    // that lines are counted alike everywhere.
    let normalized;
    let text = if text.contains('\r') {
        normalized = text.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        text
    };
    if text
        .trim()
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(Diagnostic::error("the file is empty")
            .in_file(file)
            .hint("a content file needs at least its top-level keys; compare it with the built-in one (`hopeprint list files`)"));
    }
    // Aliases can make a small file stand for gigabytes: bound what they expand to
    // before serde expands them.
    if text.contains('*')
        && let Some(at) = super::aliases::alias_passing(text, MAX_EXPANDED_BYTES)
    {
        return Err(Diagnostic::error(format!(
            "the file's aliases (`*name`) expand to more than {} MB of text",
            MAX_EXPANDED_BYTES / (1024 * 1024)
        ))
        .at(file, text, at.line, at.column)
        .hint("write the content out instead of repeating it through aliases"));
    }
    serde_yaml::from_str(text).map_err(|e| to_diagnostic(file, text, &e))
}

/// The most text a file may stand for with its aliases expanded: several times the
/// largest file hopeprint reads, far more than any real content file repeats.
const MAX_EXPANDED_BYTES: u64 = 64 * 1024 * 1024;

fn to_diagnostic(file: &str, text: &str, error: &serde_yaml::Error) -> Diagnostic {
    let raw = error.to_string();
    let message = raw
        .find(" at line ")
        .map_or(raw.as_str(), |i| &raw[..i])
        .trim()
        .to_string();
    let (line, column) = error.location().map_or((0, 0), |l| (l.line(), l.column()));
    if message.starts_with("control characters are not allowed")
        && let Some((line, column, c)) = control_character(text)
    {
        return Diagnostic::error(format!(
            "the file contains a control character (U+{:04X}), which YAML does not allow",
            u32::from(c)
        ))
        .at(file, text, line, column)
        .hint("delete it: it is invisible in most editors, so delete the text around it and type it again");
    }
    let positions = Positions::of(text);
    if let Some(open) = positions.syntax_error().and_then(unclosed_quote) {
        return Diagnostic::error("a quoted text is not closed")
            .at(file, text, open.line, open.column)
            .hint("add the closing quote mark (\") at the end of the text");
    }
    let (mut message, mut hints) = explain(&message, text, line);
    let mut line = line;
    if let Some((field, parent)) = outdented(&message, text, line) {
        message = format!(
            "`{field}` is not indented under `{parent}:`, so it is read as a key of its own"
        );
        hints = vec![format!(
            "indent `{field}:` further than `{parent}:` (two spaces more)"
        )];
    }
    if raw.contains("could not find expected ':'")
        && let Some(previous) = previous_line(text, line)
    {
        line = previous;
        let words = text
            .lines()
            .nth(line - 1)
            .unwrap_or("")
            .trim_start_matches([' ', '-']);
        let key = words.split_whitespace().next().unwrap_or_default();
        message = format!("the `:` after the key `{key}` is missing");
        hints = vec!["write `key: value`, with a colon and a space after the key".into()];
    }
    // serde reports a duplicate key at the start of its entry: point at the second one.
    let (line, column) =
        duplicate(&message, &positions, line).map_or((line, column), |p| (p.line, p.column));
    let mut diag = Diagnostic::error(message);
    diag = if line > 0 {
        diag.at(file, text, line, column)
    } else {
        diag.in_file(file)
    };
    for hint in hints {
        diag = diag.hint(hint);
    }
    diag
}

/// The line, column and character of the first control character YAML refuses (all but
/// tab, line feed, carriage return and next line).
fn control_character(text: &str) -> Option<(usize, usize, char)> {
    let refused = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}');
    text.lines().enumerate().find_map(|(index, line)| {
        let (column, c) = line.chars().enumerate().find(|(_, c)| refused(*c))?;
        Some((index + 1, column + 1, c))
    })
}

/// The number (1-based) of the last line before `line` with something other than a comment.
fn previous_line(text: &str, line: usize) -> Option<usize> {
    let lines: Vec<&str> = text.lines().take(line.saturating_sub(1)).collect();
    (lines.iter())
        .rposition(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|i| i + 1)
}

/// For an unknown key at `line` that directly follows a key with no value at the same or a
/// deeper indentation (`terms:` then `person: …` not indented): the key and that parent.
fn outdented(message: &str, text: &str, line: usize) -> Option<(String, String)> {
    let field = message.strip_prefix("unknown key `")?.split('`').next()?;
    let lines: Vec<&str> = text.lines().collect();
    let here = lines.get(line.checked_sub(1)?)?;
    let above = lines.get(previous_line(text, line)?.checked_sub(1)?)?;
    let indent = |l: &str| l.len() - l.trim_start().len();
    let parent = above.trim().strip_suffix(':')?;
    (indent(above) >= indent(here) && !parent.contains([' ', ':']))
        .then(|| (field.to_string(), parent.to_string()))
}

/// Where a quoted text opens that is not closed, from the parser's account of the error:
/// either it was still reading the quoted text when the file ended, or the text ran on to
/// the next quote mark, a line or more later, and the error came straight after it.
fn unclosed_quote(error: &SyntaxError) -> Option<Position> {
    if let Some((context, at)) = &error.context
        && context.contains("quoted scalar")
    {
        return Some(*at);
    }
    error
        .quoted_before
        .filter(|(opens, ends)| ends.line > opens.line && ends.line == error.at.line)
        .map(|(opens, _)| opens)
}

/// Where the key that `message` says appears twice appears the second time: in the
/// mapping at serde's path (e.g. `sources[0]`), or else the first repeat at or after `line`.
fn duplicate(message: &str, positions: &Positions, line: usize) -> Option<Position> {
    if !message.contains("appears twice") {
        return None;
    }
    let key = message.split(['`', '"']).nth(1)?;
    let path = message
        .rsplit_once("(in `")
        .map(|(_, rest)| rest.trim_end_matches(')').trim_end_matches('`'))
        .map(|p| p.replace('[', ".").replace(']', "").replace('.', "/"));
    path.and_then(|p| positions.duplicate(&p, key))
        .or_else(|| positions.any_duplicate(key, line))
}

/// Rewrites serde_yaml's message in a content editor's words, with hints.
fn explain(message: &str, text: &str, line: usize) -> (String, Vec<String>) {
    // serde prefixes the path of the failing value: "cells.clinical-care: invalid type …".
    let (path, bare) = match message.split_once(": ") {
        Some((p, rest)) if !p.contains(' ') && !p.is_empty() => (Some(p), rest),
        _ => (None, message),
    };
    let at = |m: String| match path {
        Some(p) => format!("{m} (in `{p}`)"),
        None => m,
    };
    let line_text = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    explain_data(bare, &at)
        .or_else(|| explain_syntax(bare, line_text))
        .unwrap_or_else(|| (at(bare.to_string()), vec![]))
}

/// A message and hints for an error in the data (a key or value serde did not expect),
/// with `at` adding the path of the failing value.
fn explain_data(bare: &str, at: &dyn Fn(String) -> String) -> Option<(String, Vec<String>)> {
    if let Some(rest) = bare.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let valid: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let mut hints = vec![];
        if let Some(best) = did_you_mean(field, valid.iter().copied()) {
            hints.push(format!("did you mean `{best}`?"));
        }
        if !valid.is_empty() {
            hints.push(format!("the keys allowed here are: {}", valid.join(", ")));
        }
        return Some((at(format!("unknown key `{field}`")), hints));
    }
    if let Some(rest) = bare.strip_prefix("unknown variant `") {
        let (value, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let valid: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let mut hints = vec![];
        if let Some(best) = did_you_mean(value, valid.iter().copied()) {
            hints.push(format!("did you mean `{best}`?"));
        }
        if !valid.is_empty() {
            hints.push(format!("the values allowed here are: {}", valid.join(", ")));
        }
        return Some((
            at(format!("`{value}` is not one of the allowed values")),
            hints,
        ));
    }
    if let Some(rest) = bare.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return Some((
            at(format!("missing key `{field}`")),
            vec![format!("add `{field}:` to this entry")],
        ));
    }
    if let Some(rest) = bare.strip_prefix("duplicate field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return Some((
            at(format!("the key `{field}` appears twice")),
            vec!["keep one of them".into()],
        ));
    }
    if bare.starts_with("duplicate entry") {
        return Some((
            at(bare.replace("duplicate entry with key", "the key appears twice:")),
            vec!["keep one of them".into()],
        ));
    }
    if let Some(rest) =
        (bare.strip_prefix("invalid type: ")).or_else(|| bare.strip_prefix("invalid value: "))
    {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "something else"));
        let message = at(format!(
            "expected {}, found {}",
            plain(expected),
            plain(found)
        ));
        return Some((
            message,
            vec![wrong_value_hint(&at(String::new()), found, expected)],
        ));
    }
    if let Some(rest) = bare.strip_prefix("invalid length ") {
        // E.g. "invalid length 11, expected an array of length 12" (the twelve months).
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let needed = (expected.rsplit(' ').next())
            .filter(|n| n.parse::<usize>().is_ok())
            .map_or_else(|| plain(expected), str::to_string);
        return Some((
            at(format!("this list has {found} entries, not {needed}")),
            vec![format!(
                "give exactly {needed} entries, in the order of the built-in file"
            )],
        ));
    }
    if bare.starts_with("data did not match any variant") {
        return Some((at("expected text or a list of texts here".into()), vec![]));
    }
    None
}

/// What to do about a value of the wrong type: for a list or mapping where another was
/// expected, the indentation; for a single value, what to write instead. `path` is the
/// ` (in `agenda[0].minutes`)` that names the value, if serde gave one.
fn wrong_value_hint(path: &str, found: &str, expected: &str) -> String {
    let structural = |s: &str| ["sequence", "map", "struct"].iter().any(|w| s.contains(w));
    if structural(found) || structural(expected) {
        return "check the indentation and the `-` list markers of this entry against a built-in file".into();
    }
    let key = (path
        .rsplit(['.', '`'])
        .find(|k| !k.is_empty() && !k.starts_with(')')))
    .map(|k| k.split('[').next().unwrap_or(k))
    .filter(|k| !k.contains(' '))
    .unwrap_or("the value");
    let number = [
        "u8", "u16", "u32", "u64", "usize", "i32", "i64", "f32", "f64", "integer",
    ]
    .iter()
    .any(|t| expected.trim() == *t);
    match () {
        _ if number && found.starts_with("integer `-") => {
            format!("`{key}` cannot be negative: write a whole number, 0 or more")
        }
        _ if number && found.starts_with("string") => format!(
            "write `{key}` as a number alone, without quotes or units (e.g. `{key}: 60` for an hour of minutes)"
        ),
        _ if number => format!("write `{key}` as a whole number, e.g. `{key}: 10`"),
        _ => format!("write {} for `{key}`", plain(expected)),
    }
}

/// A message and hints for a YAML syntax error found on `line_text`.
fn explain_syntax(bare: &str, line_text: &str) -> Option<(String, Vec<String>)> {
    if bare.contains("tab character")
        || bare.contains("found character that cannot start any token") && line_text.contains('\t')
    {
        return Some((
            "a tab character is used for indentation".into(),
            vec!["YAML indents with spaces only: replace the tab with spaces".into()],
        ));
    }
    if bare.contains("mapping values are not allowed") {
        return Some((
            "a `:` here starts a new key, which YAML does not allow in this place".into(),
            vec![
                "if this is text containing \": \", put the whole text in double quotes".into(),
                "otherwise check the indentation of this line".into(),
            ],
        ));
    }
    if bare.contains("did not find expected key")
        || bare.contains("did not find expected '-' indicator")
    {
        return Some((
            "the indentation of this line does not match the lines around it".into(),
            vec!["entries of one list or mapping must start in the same column".into()],
        ));
    }
    if bare.contains("found unexpected end of stream")
        || bare.contains("end of stream") && bare.contains("quoted")
    {
        return Some((
            "a quoted text is not closed".into(),
            vec!["add the closing quote mark".into()],
        ));
    }
    if bare.contains("recursion limit exceeded") {
        return Some((
            "the file is nested too deeply".into(),
            vec!["content files need only a few levels of nesting".into()],
        ));
    }
    if bare.contains("repetition limit exceeded") {
        return Some((
            "the file's aliases (`*name`) expand to too much content".into(),
            vec!["write the content out instead of repeating it through aliases".into()],
        ));
    }
    if bare.contains("unknown anchor") {
        return Some((
            "an alias (`*name`) refers to an anchor (`&name`) that is not defined".into(),
            vec![],
        ));
    }
    None
}

/// serde's type names in plain words.
fn plain(what: &str) -> String {
    let what = what.trim();
    let words = [
        ("a string", "text"),
        ("string ", "the text "),
        ("sequence", "a list"),
        ("a sequence", "a list"),
        ("map", "a mapping of keys"),
        ("a map", "a mapping of keys"),
        ("unit value", "nothing"),
        ("struct ", "an entry of keys, "),
        ("u8", "a small whole number"),
        ("u16", "a whole number"),
        ("u32", "a whole number"),
        ("integer ", "the number "),
        ("boolean ", "the value "),
        ("a boolean", "true or false"),
    ];
    for (from, to) in words {
        if what == from || what.starts_with(from) {
            return what.replacen(from, to, 1);
        }
    }
    what.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        items: Vec<String>,
    }

    #[test]
    fn unknown_key_suggests_the_closest() {
        let err = parse::<Doc>("x.yaml", "title: a\nitemz: [b]\n").unwrap_err();
        assert!(err.message.contains("unknown key `itemz`"), "{err}");
        assert!(
            err.hints.iter().any(|h| h.contains("did you mean `items`")),
            "{err}"
        );
        assert_eq!(err.location.as_ref().unwrap().line, 2);
    }

    #[test]
    fn wrong_type_says_what_was_expected() {
        let err = parse::<Doc>("x.yaml", "title: [a, b]\nitems: []\n").unwrap_err();
        assert!(err.message.contains("expected text, found a list"), "{err}");
        assert_eq!(err.location.as_ref().unwrap().line, 1);
    }

    #[test]
    fn tab_indentation_is_explained() {
        let err = parse::<Doc>("x.yaml", "title: a\nitems:\n\t- b\n").unwrap_err();
        assert!(err.message.contains("tab"), "{err}");
        assert_eq!(err.location.as_ref().unwrap().line, 3);
    }

    #[test]
    fn a_control_character_is_reported_where_it_is() {
        let err = parse::<Doc>("x.yaml", "title: a\nitems: [b\u{1}c]\n").unwrap_err();
        assert!(err.message.contains("control character (U+0001)"), "{err}");
        let at = err.location.as_ref().unwrap();
        assert_eq!((at.line, at.column), (2, 10));
    }

    #[test]
    fn a_file_with_carriage_returns_only_is_read_line_by_line() {
        let doc = parse::<Doc>("x.yaml", "# c\rtitle: a\ritems: [b]\r").unwrap();
        assert_eq!(doc.items, ["b"]);
        let err = parse::<Doc>("x.yaml", "title: a\ritemz: [b]\r").unwrap_err();
        assert_eq!(err.location.as_ref().unwrap().line, 2);
    }

    #[test]
    fn empty_file_is_an_error() {
        let err = parse::<Doc>("x.yaml", "# only a comment\n\n").unwrap_err();
        assert!(err.message.contains("empty"), "{err}");
    }
}
