//! The one place hopeprint parses YAML: serde_yaml errors become diagnostics that name the
//! file, line and column and say what to do. (serde_yaml 0.9 is archived upstream; keeping
//! it behind this module makes a switch to a maintained fork a one-file change.)

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, did_you_mean};

/// Parses `text` (the contents of the file shown to users as `file`) into `T`.
pub fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, Diagnostic> {
    if text
        .trim()
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(Diagnostic::error("the file is empty")
            .in_file(file)
            .hint("a content file needs at least its top-level keys; compare it with the built-in one (`hopeprint list files`)"));
    }
    serde_yaml::from_str(text).map_err(|e| to_diagnostic(file, text, &e))
}

fn to_diagnostic(file: &str, text: &str, error: &serde_yaml::Error) -> Diagnostic {
    let raw = error.to_string();
    let message = raw
        .find(" at line ")
        .map_or(raw.as_str(), |i| &raw[..i])
        .trim()
        .to_string();
    let (line, column) = error.location().map_or((0, 0), |l| (l.line(), l.column()));
    // libyaml notices an unclosed quote only where the text stops making sense, often
    // lines later: point at the line that opened it instead.
    let syntax_error = ![
        "invalid type",
        "unknown field",
        "missing field",
        "duplicate",
    ]
    .iter()
    .any(|p| message.contains(p));
    if syntax_error && let Some(open) = unclosed_quote(text, line) {
        let column = text
            .lines()
            .nth(open - 1)
            .and_then(|l| l.find('"'))
            .map_or(1, |c| c + 1);
        return Diagnostic::error("a quoted text is not closed")
            .at(file, text, open, column)
            .hint("add the closing quote mark (\") at the end of the text");
    }
    let (message, hints) = explain(&message, text, line);
    // serde reports a duplicate key at the start of its entry: point at the second one.
    let (line, column) = match message
        .split('`')
        .nth(1)
        .filter(|_| message.contains("appears twice"))
    {
        Some(key) => text
            .lines()
            .enumerate()
            .skip(line.saturating_sub(1))
            .filter(|(_, l)| {
                l.trim_start()
                    .trim_start_matches("- ")
                    .starts_with(&format!("{key}:"))
            })
            .nth(1)
            .map_or((line, column), |(n, l)| {
                (n + 1, l.len() - l.trim_start().len() + 1)
            }),
        None => (line, column),
    };
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
        return (at(format!("unknown key `{field}`")), hints);
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
        return (
            at(format!("`{value}` is not one of the allowed values")),
            hints,
        );
    }
    if let Some(rest) = bare.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (
            at(format!("missing key `{field}`")),
            vec![format!("add `{field}:` to this entry")],
        );
    }
    if let Some(rest) = bare.strip_prefix("duplicate field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (
            at(format!("the key `{field}` appears twice")),
            vec!["keep one of them".into()],
        );
    }
    if bare.starts_with("duplicate entry") {
        return (
            at(bare.replace("duplicate entry with key", "the key appears twice:")),
            vec!["keep one of them".into()],
        );
    }
    if let Some(rest) = bare.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "something else"));
        return (at(format!("expected {}, found {}", plain(expected), plain(found))), vec![
            "check the indentation and the `-` list markers of this entry against a built-in file".into(),
        ]);
    }
    if bare.starts_with("data did not match any variant") {
        return (at("expected text or a list of texts here".into()), vec![]);
    }
    if bare.contains("tab character")
        || bare.contains("found character that cannot start any token") && line_text.contains('\t')
    {
        return (
            "a tab character is used for indentation".into(),
            vec!["YAML indents with spaces only: replace the tab with spaces".into()],
        );
    }
    if bare.contains("mapping values are not allowed") {
        return (
            "a `:` here starts a new key, which YAML does not allow in this place".into(),
            vec![
                "if this is text containing \": \", put the whole text in double quotes".into(),
                "otherwise check the indentation of this line".into(),
            ],
        );
    }
    if bare.contains("did not find expected key")
        || bare.contains("did not find expected '-' indicator")
    {
        return (
            "the indentation of this line does not match the lines around it".into(),
            vec!["entries of one list or mapping must start in the same column".into()],
        );
    }
    if bare.contains("found unexpected end of stream")
        || bare.contains("end of stream") && bare.contains("quoted")
    {
        return (
            "a quoted text is not closed".into(),
            vec!["add the closing quote mark".into()],
        );
    }
    if bare.contains("recursion limit exceeded") {
        return (
            "the file is nested too deeply".into(),
            vec!["content files need only a few levels of nesting".into()],
        );
    }
    if bare.contains("repetition limit exceeded") {
        return (
            "the file's aliases (`*name`) expand to too much content".into(),
            vec!["write the content out instead of repeating it through aliases".into()],
        );
    }
    if bare.contains("unknown anchor") {
        return (
            "an alias (`*name`) refers to an anchor (`&name`) that is not defined".into(),
            vec![],
        );
    }
    (at(bare.to_string()), vec![])
}

/// The line (1-based, at or before `line`) that opens a double quote it never closes:
/// libyaml reports an unclosed quote where the text finally stops making sense, often
/// several lines later.
fn unclosed_quote(text: &str, line: usize) -> Option<usize> {
    let lines: Vec<&str> = text.lines().take(line.max(1)).collect();
    for (index, l) in lines.iter().enumerate().rev() {
        let trimmed = l.trim_start();
        if trimmed.starts_with('#') {
            continue;
        }
        let mut quotes = 0;
        let mut escaped = false;
        for c in l.chars() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => quotes += 1,
                _ => escaped = false,
            }
            if c != '\\' {
                escaped = false;
            }
        }
        // A line with an odd number of quote marks after a `key:` opens a text it does not close.
        if quotes % 2 == 1 && (trimmed.contains(": \"") || trimmed.starts_with("- \"")) {
            return Some(index + 1);
        }
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
    fn empty_file_is_an_error() {
        let err = parse::<Doc>("x.yaml", "# only a comment\n\n").unwrap_err();
        assert!(err.message.contains("empty"), "{err}");
    }
}
