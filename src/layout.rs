//! Layouts: minijinja templates that turn a document's data into Typst source
//! (`layouts/*.typ.j2`) or an HTML page (`layouts/*.html.j2`). Every value printed into a
//! template is escaped for Typst markup or for HTML, so content is always text, never code.

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State, UndefinedBehavior};

use crate::diag::Diagnostic;
use crate::project::{Project, built_in_file, is_inner_path};

/// Templates whose name ends with this are Typst layouts and get Typst auto-escaping.
pub const TEMPLATE_SUFFIX: &str = ".typ.j2";
/// Templates whose name ends with this are HTML layouts and get HTML auto-escaping.
pub const HTML_SUFFIX: &str = ".html.j2";
/// Prefix that names a built-in layout even when the project overrides it.
pub const BUILTIN_PREFIX: &str = "builtin/";
/// Bound on template work, so a runaway user layout stops with an error instead of hanging.
const FUEL: u64 = 50_000_000;

/// Escapes `text` so that Typst markup shows it exactly as written: a backslash before
/// every ASCII punctuation character (each is then literal), newlines as line breaks.
/// Typst also reads the Unicode line and paragraph separators as newlines (two make a
/// paragraph break), so they too become line breaks.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for c in text.chars() {
        match c {
            '\n' | '\u{2028}' | '\u{2029}' => out.push_str("#linebreak()"),
            '\r' => {}
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// `text` as a Typst string literal, for code positions such as `set document(title: …)`.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Prints a value into a layout: escaped for Typst markup in a Typst layout, for HTML in an
/// HTML layout. In both, nothing (`none`) prints as nothing, and a list or a map is an
/// error rather than its debug form.
fn formatter(out: &mut minijinja::Output, state: &mut State, value: &Value) -> Result<(), Error> {
    let typst = matches!(state.auto_escape(), AutoEscape::Custom(name) if name == "typst");
    if value.is_safe() || matches!(state.auto_escape(), AutoEscape::None) {
        return minijinja::escape_formatter(out, state, value);
    }
    let text = match value.kind() {
        minijinja::value::ValueKind::String if typst => {
            escape_markup(value.as_str().unwrap_or_default())
        }
        minijinja::value::ValueKind::Number if typst => value.to_string(),
        minijinja::value::ValueKind::String | minijinja::value::ValueKind::Number => {
            return minijinja::escape_formatter(out, state, value);
        }
        // Typst spells booleans in lower case.
        minijinja::value::ValueKind::Bool => value.is_true().to_string(),
        minijinja::value::ValueKind::None | minijinja::value::ValueKind::Undefined => String::new(),
        kind => {
            let format = if typst { "Typst" } else { "HTML" };
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("cannot print a {kind} into {format}; print its items one by one"),
            ));
        }
    };
    out.write_str(&text).map_err(Error::from)
}

/// The template environment of a project: its `layouts/` first, then the built-in ones.
pub fn environment(project: &Project) -> Environment<'static> {
    let mut env = Environment::new();
    let project = project.clone();
    env.set_loader(move |name| {
        // A layout names another by its path inside layouts/: never `..` or an absolute
        // path, and never through a link that leads out of the project (`Project::read`).
        if !is_inner_path(name) {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("`{name}` is not a layout inside layouts/ (no `..`, no absolute path)"),
            ));
        }
        let bytes = match name.strip_prefix(BUILTIN_PREFIX) {
            Some(rest) => built_in_file(&format!("layouts/{rest}")).map(<[u8]>::to_vec),
            None => match project.read(&format!("layouts/{name}")) {
                Ok(file) => file.map(|f| f.bytes.into_owned()),
                Err(d) => return Err(Error::new(ErrorKind::InvalidOperation, d.message)),
            },
        };
        bytes
            .map(|b| {
                String::from_utf8(b).map_err(|_| {
                    Error::new(ErrorKind::InvalidOperation, "the layout is not UTF-8 text")
                })
            })
            .transpose()
    });
    env.set_auto_escape_callback(|name| {
        if name.ends_with(TEMPLATE_SUFFIX) {
            AutoEscape::Custom("typst".into())
        } else if name.ends_with(HTML_SUFFIX) {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(formatter);
    // A value a layout uses but the document does not have is an error that names it, never
    // silently empty text; `debug` keeps the template source for the error's line.
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_debug(true);
    env.set_fuel(Some(FUEL));
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .expect("the default delimiters are valid");
    env.set_syntax(syntax);
    env.add_filter("str", |s: String| {
        Value::from_safe_string(string_literal(&s))
    });
    env.add_filter("markup", |s: String| {
        Value::from_safe_string(escape_markup(&s))
    });
    env.add_filter("linked", |s: String| {
        Value::from_safe_string(linked_html(&s))
    });
    env
}

/// `text` escaped for HTML, with its web and email addresses and telephone numbers as
/// links, as the PDFs link them (theme.typ's `linked`, with the same patterns). The
/// address is the link's text, so the link says where it goes.
pub fn linked_html(text: &str) -> String {
    static ADDRESS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(concat!(
            r"(?<mail>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})",
            r"|(?<web>(https?://|www\.)[^\s]*[^\s.,;:)])",
            r"|(?<tel>(\+44 ?|\b0)\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}\b|\(\d{3}\) ?\d{3}-\d{4}\b|\b1-\d{3}-\d{3}-\d{4}\b)",
        ))
        .expect("the address patterns are valid")
    });
    let mut out = String::with_capacity(text.len() + 32);
    let mut done = 0;
    for found in ADDRESS.captures_iter(text) {
        let whole = found.get(0).expect("a match has its text");
        let shown = whole.as_str();
        let href = if found.name("mail").is_some() {
            format!("mailto:{shown}")
        } else if found.name("tel").is_some() {
            let digits: String = shown
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect();
            format!("tel:{digits}")
        } else if shown.starts_with("www.") {
            format!("https://{shown}")
        } else {
            shown.to_string()
        };
        out.push_str(&escape_html(&text[done..whole.start()]));
        out.push_str(&format!(
            "<a href=\"{}\">{}</a>",
            escape_html(&href),
            escape_html(shown)
        ));
        done = whole.end();
    }
    out.push_str(&escape_html(&text[done..]));
    out
}

/// `text` escaped for HTML text and attribute values.
pub fn escape_html(text: &str) -> String {
    minijinja::HtmlEscape(text).to_string()
}

/// Renders the layout `name` with `context` into Typst source.
pub fn render(
    env: &Environment<'_>,
    name: &str,
    context: &serde_json::Value,
) -> Result<String, Diagnostic> {
    let template = env
        .get_template(name)
        .map_err(|e| template_error(name, &e))?;
    template
        .render(minijinja::value::Serde(context))
        .map_err(|e| template_error(name, &e))
}

/// A minijinja error as a diagnostic naming the layout file, line and the offending text.
/// An error inside an included or parent layout is reported where it happened.
fn template_error(name: &str, error: &Error) -> Diagnostic {
    let mut error = error;
    while let Some(inner) = std::error::Error::source(error).and_then(|e| e.downcast_ref::<Error>())
    {
        error = inner;
    }
    let file = error.name().unwrap_or(name);
    let shown = format!(
        "layouts/{}",
        file.strip_prefix(BUILTIN_PREFIX).unwrap_or(file)
    );
    // The text of the template the error is about, e.g. `labels.participant_handout`.
    let culprit = (error.range())
        .zip(error.template_source())
        .and_then(|(range, source)| source.get(range))
        .map(str::trim)
        .filter(|text| !text.is_empty() && text.len() <= 80);
    let message = match (error.kind(), culprit) {
        (ErrorKind::TemplateNotFound, _) => {
            format!("there is no layout `{}`", missing(error, name))
        }
        (ErrorKind::UndefinedError, Some(text)) => {
            format!("the layout uses `{text}`, which this document does not have")
        }
        (kind, Some(text)) if kind != ErrorKind::SyntaxError => format!(
            "the layout failed at `{text}`: {}",
            error.detail().unwrap_or(&error.kind().to_string())
        ),
        _ => format!(
            "the layout failed: {}",
            error.detail().unwrap_or(&error.kind().to_string())
        ),
    };
    let mut diag = Diagnostic::error(message);
    match (error.line(), error.template_source()) {
        (Some(line), Some(source)) => {
            // The column of the offending text, when minijinja knows where it is.
            let column = (error.range())
                .and_then(|range| {
                    let start = source.get(..range.start)?;
                    Some(start.len() - start.rfind('\n').map_or(0, |n| n + 1) + 1)
                })
                .unwrap_or(1);
            diag = diag.at(&shown, source, line, column);
        }
        _ => diag = diag.in_file(&shown),
    }
    if error.kind() == ErrorKind::TemplateNotFound {
        let missing = missing(error, name);
        let (prefix, rest) = match missing.strip_prefix(BUILTIN_PREFIX) {
            Some(rest) => (BUILTIN_PREFIX, rest),
            None => ("", missing.as_str()),
        };
        let layouts = crate::project::Project::built_in().list("layouts", ".j2");
        let names = layouts.iter().filter_map(|l| l.strip_prefix("layouts/"));
        if let Some(best) = crate::diag::did_you_mean(rest, names) {
            diag = diag.hint(format!("did you mean `{prefix}{best}`?"));
        }
        diag = diag.hint("`hopeprint layouts list` shows the layouts there are");
    } else if error.kind() == ErrorKind::UndefinedError {
        diag = diag
            .hint("check the name for typos; a label must be in content/labels/<language>.yaml")
            .hint("to print something only when it is there, wrap it in {% if … is defined %}");
    } else {
        diag = diag
            .hint("layouts are minijinja templates: check the {% … %} and {{ … }} tags here")
            .hint("`hopeprint layouts eject <name>` gives you the built-in layout to compare with");
    }
    diag
}

/// The name of the layout that was not found: the one an `extends` or `include` names
/// (minijinja's detail quotes it, in double or single quotes: `tried to include
/// non-existing template 'x'`), else the document's own.
fn missing(error: &Error, name: &str) -> String {
    (error.detail())
        .and_then(|d| d.split_once(['"', '\'']))
        .and_then(|(_, rest)| rest.split_once(['"', '\'']))
        .map_or(name, |(missing, _)| missing)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_escape_backslashes_every_ascii_punctuation() {
        assert_eq!(escape_markup("#read(\"/x\")"), "\\#read\\(\\\"\\/x\\\"\\)");
        assert_eq!(escape_markup("a\nb"), "a#linebreak()b");
        assert_eq!(escape_markup("Wŵ ŷ"), "Wŵ ŷ");
    }

    #[test]
    fn string_literal_escapes_quotes_and_backslashes() {
        assert_eq!(string_literal("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
    }
}
