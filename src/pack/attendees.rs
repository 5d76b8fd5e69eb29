//! `--attendees FILE`: the names of a session's attendees, from a CSV file with a `name`
//! column or from plain text with one name a line, in UTF-8.

use std::path::Path;

use super::MAX_PARTICIPANTS;
use crate::diag::Diagnostic;
use crate::project::display_path;

/// The attendees' names, in the file's order; blank lines are skipped.
pub fn read_attendees(path: &Path) -> Result<Vec<String>, Diagnostic> {
    let shown = display_path(path);
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(format!("cannot read the attendees ({e})")).in_file(&shown)
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        Diagnostic::error(format!("line {line} is not UTF-8 text"))
            .in_file(&shown)
            .hint("save the file as UTF-8 (in a spreadsheet: CSV UTF-8), so names such as Siân print as written")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let first = text.lines().next().unwrap_or_default();
    let names = if is_csv_header(first) {
        from_csv(text, &shown)?
    } else {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    };
    if names.is_empty() {
        return Err(Diagnostic::error("the attendees file has no names")
            .in_file(&shown)
            .hint("write one name a line, or give a CSV file with a `name` column"));
    }
    if names.len() > MAX_PARTICIPANTS as usize {
        return Err(Diagnostic::error(format!(
            "{} attendees are more than a pack is for",
            names.len()
        ))
        .in_file(&shown)
        .hint(format!(
            "a pack is for at most {MAX_PARTICIPANTS} participants; split the list into groups"
        )));
    }
    Ok(names)
}

/// A CSV file starts with a header line naming a `name` column, alone or among others
/// (a spreadsheet's one-column export is the word `name` and then a name a line: that
/// word is the header, not an attendee).
fn is_csv_header(line: &str) -> bool {
    line.split(',')
        .any(|c| c.trim().trim_matches('"').eq_ignore_ascii_case("name"))
}

fn from_csv(text: &str, shown: &str) -> Result<Vec<String>, Diagnostic> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| {
            Diagnostic::error(format!("the CSV header cannot be read ({e})")).in_file(shown)
        })?
        .clone();
    let column = headers
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case("name"))
        .ok_or_else(|| Diagnostic::error("the CSV file has no `name` column").in_file(shown))?;
    let mut names = vec![];
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            Diagnostic::error(format!("row {} cannot be read ({e})", row + 2))
                .in_file(shown)
                .hint("quote a name that holds a comma: \"Rhys, Siân\"")
        })?;
        if let Some(name) = record.get(column).map(str::trim).filter(|n| !n.is_empty()) {
            names.push(name.to_string());
        }
        if names.len() > MAX_PARTICIPANTS as usize {
            break;
        }
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_header_needs_a_name_column() {
        assert!(is_csv_header("id,Name,email"));
        assert!(!is_csv_header("Siân Ffion ap Rhys"));
        assert!(!is_csv_header("Rhys, Siân"));
    }

    #[test]
    fn a_one_column_csv_headed_name_gives_the_names_under_the_header_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("names.csv");
        std::fs::write(&path, "Name\nAmina Khan\nBen Jones\n").unwrap();
        assert_eq!(read_attendees(&path).unwrap(), ["Amina Khan", "Ben Jones"]);
    }
}
