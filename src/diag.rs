//! One diagnostic type for everything hopeprint reports to a user, rendered with a snippet.

use std::fmt;
use std::io::IsTerminal;
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor};

/// A place in a file: the name shown to the user and the 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

/// A problem to show a user: what is wrong, where, and what to do about it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub message: String,
    pub location: Option<Location>,
    /// The text of the file, for the snippet under the message; shared by every
    /// diagnostic about one file, so a thousand problems do not copy it a thousand times.
    pub source: Option<Arc<str>>,
    pub hints: Vec<String>,
    pub warning: bool,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            location: None,
            source: None,
            hints: vec![],
            warning: false,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            warning: true,
            ..Diagnostic::error(message)
        }
    }

    /// Points the diagnostic at `line`/`column` (1-based) of `file`, whose text is `source`.
    pub fn at(self, file: &str, source: &str, line: usize, column: usize) -> Self {
        self.at_shared(file, &Arc::from(source), line, column)
    }

    /// As `at`, sharing the file's text with other diagnostics instead of copying it.
    pub fn at_shared(mut self, file: &str, source: &Arc<str>, line: usize, column: usize) -> Self {
        self.location = Some(Location {
            file: file.to_string(),
            line: line.max(1),
            column: column.max(1),
        });
        self.source = Some(Arc::clone(source));
        self
    }

    /// Names a file without a position in it (for example, a file that cannot be read).
    pub fn in_file(mut self, file: &str) -> Self {
        self.location = Some(Location {
            file: file.to_string(),
            line: 0,
            column: 0,
        });
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Writes the diagnostic to standard error, in colour when that is a terminal and
    /// `NO_COLOR` is not set.
    pub fn emit(&self) {
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let choice = if color {
            termcolor::ColorChoice::Auto
        } else {
            termcolor::ColorChoice::Never
        };
        let mut stream = termcolor::StandardStream::stderr(choice);
        if self.write_to(&mut stream).is_err() {
            eprintln!("{self}");
        }
    }

    /// Renders the diagnostic as plain text (what `emit` prints without colour).
    pub fn render(&self) -> String {
        let mut buffer = termcolor::Buffer::no_color();
        if self.write_to(&mut buffer).is_err() {
            return self.to_string();
        }
        String::from_utf8_lossy(buffer.as_slice()).into_owned()
    }

    fn write_to(
        &self,
        out: &mut dyn termcolor::WriteColor,
    ) -> Result<(), codespan_reporting::files::Error> {
        let config = term::Config::default();
        let base = if self.warning {
            CsDiagnostic::warning()
        } else {
            CsDiagnostic::error()
        };
        let notes = self.hints.iter().map(|h| format!("hint: {h}")).collect();
        match (&self.location, &self.source) {
            (Some(loc), Some(source)) if loc.line > 0 => {
                let file = SimpleFile::new(loc.file.clone(), &**source);
                let start = offset_of(source, loc.line, loc.column);
                let end = line_end(source, start);
                let diag = base
                    .with_message(&self.message)
                    .with_labels(vec![Label::primary((), start..end)])
                    .with_notes(notes);
                term::emit(out, &config, &file, &diag)
            }
            _ => {
                let message = match &self.location {
                    Some(loc) => format!("{}: {}", loc.file, self.message),
                    None => self.message.clone(),
                };
                let file = SimpleFile::new(String::new(), String::new());
                term::emit(
                    out,
                    &config,
                    &file,
                    &base.with_message(message).with_notes(notes),
                )
            }
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.warning { "warning" } else { "error" };
        match &self.location {
            Some(loc) if loc.line > 0 => write!(
                f,
                "{kind}: {}:{}:{}: {}",
                loc.file, loc.line, loc.column, self.message
            )?,
            Some(loc) => write!(f, "{kind}: {}: {}", loc.file, self.message)?,
            None => write!(f, "{kind}: {}", self.message)?,
        }
        for hint in &self.hints {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// Several diagnostics, as when `check` finds more than one problem.
pub type Diagnostics = Vec<Diagnostic>;

/// At most this many diagnostics are shown; the rest are counted.
pub const MAX_SHOWN: usize = 50;

/// Writes `diagnostics` to standard error: the first `MAX_SHOWN`, then how many more
/// there are (a file with forty thousand bad ids needs its first few fixed, not a
/// gigabyte of messages).
pub fn emit_all(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics.iter().take(MAX_SHOWN) {
        diagnostic.emit();
    }
    if let Some(more) = diagnostics.len().checked_sub(MAX_SHOWN).filter(|&n| n > 0) {
        eprintln!("… and {more} more");
    }
}

/// Byte offset of a 1-based line and column (column counted in characters).
pub fn offset_of(source: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (index, text) in source.split_inclusive('\n').enumerate() {
        if index + 1 == line {
            let within: usize = text
                .chars()
                .take(column.saturating_sub(1))
                .map(char::len_utf8)
                .sum();
            return (offset + within).min(source.len());
        }
        offset += text.len();
    }
    source.len()
}

fn line_end(source: &str, start: usize) -> usize {
    let rest = &source[start..];
    let end = start + rest.find('\n').unwrap_or(rest.len());
    if end == start {
        (start + rest.chars().next().map_or(0, char::len_utf8)).min(source.len())
    } else {
        end
    }
}

/// The closest of `candidates` to `word`, if close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
