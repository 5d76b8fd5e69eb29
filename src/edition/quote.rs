//! Colours lost to YAML comments: in `accent: #005EB8` the `#` begins a comment, so the key
//! has no value and the default colour would print without a word. Found in the text,
//! before parsing, because the parser has already dropped the comment (and a flow list such
//! as `levels: [#005EB8, …]` fails with a message about something else).

use crate::diag::Diagnostic;

/// The keys of an edition's `look:` that hold colours.
const COLOUR_KEYS: [&str; 2] = ["accent", "levels"];

/// An error at the first colour whose value YAML reads as a comment, if any: `accent:` or
/// `levels:` followed by `#…` or `[#…`, or an item `- #…` of a block `levels:` list.
pub(super) fn unquoted_colour(display: &str, text: &str) -> Option<Diagnostic> {
    let mut in_levels_list = false;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if in_levels_list && let Some(item) = trimmed.strip_prefix('-') {
            let value = item.trim_start();
            if value.starts_with('#') {
                let column = indent + 1 + (item.len() - value.len()) + 1;
                let colour = first_word(value);
                return Some(
                    lost(display, text, index + 1, column, &colour)
                        .hint(format!("quote the colour: `- \"{colour}\"`")),
                );
            }
            continue;
        }
        in_levels_list = false;
        if trimmed.starts_with('#') {
            continue;
        }
        for (key, at) in colour_keys(line) {
            let rest = &line[at + key.len() + 1..];
            let value = rest.trim_start();
            let column = line[..at + key.len() + 1 + (rest.len() - value.len())]
                .chars()
                .count()
                + 1;
            let list = value.strip_prefix('[').map(str::trim_start);
            let hint = match (value, list) {
                ("", _) => {
                    in_levels_list = key == "levels";
                    continue;
                }
                (_, Some(items)) if items.starts_with('#') => {
                    format!("quote the colour: `{key}: {}`", quote_items(value))
                }
                _ if value.starts_with('#') => {
                    format!("quote the colour: `{key}: \"{}\"`", first_word(value))
                }
                _ => continue,
            };
            let colour = first_word(value.trim_start_matches(['[', ' ']));
            return Some(lost(display, text, index + 1, column, &colour).hint(hint));
        }
    }
    None
}

/// Each colour key written in `line` (`accent:` or `levels:`, at the start, after a space,
/// a `{` or a `,`), with its byte offset.
fn colour_keys(line: &str) -> Vec<(&'static str, usize)> {
    let mut found = vec![];
    for key in COLOUR_KEYS {
        let pattern = format!("{key}:");
        for (at, _) in line.match_indices(&pattern) {
            let before = line[..at].chars().next_back();
            if before.is_none_or(|c| c.is_whitespace() || c == '{' || c == ',') {
                found.push((key, at));
            }
        }
    }
    found.sort_by_key(|(_, at)| *at);
    found
}

fn lost(display: &str, text: &str, line: usize, column: usize, colour: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "the colour `{colour}` is not quoted, so YAML reads it as a comment and the colour is lost"
    ))
    .at(display, text, line, column)
}

/// The colour at the start of `text`: up to a space, comma or bracket.
fn first_word(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == ',' || c == ']')
        .next()
        .unwrap_or("")
        .to_string()
}

/// A flow list `[#a, #b]` with each item quoted: `["#a", "#b"]`.
fn quote_items(list: &str) -> String {
    let inner = list.trim().trim_start_matches('[');
    let inner = inner.split(']').next().unwrap_or(inner);
    let items: Vec<String> = inner
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| match item.starts_with('"') {
            true => item.to_string(),
            false => format!("\"{item}\""),
        })
        .collect();
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::unquoted_colour;

    fn found(text: &str) -> Option<String> {
        unquoted_colour("e.yaml", text).map(|d| d.render())
    }

    #[test]
    fn an_unquoted_accent_is_found_with_the_quoted_form() {
        let message = found("look:\n  accent: #005EB8\n").unwrap();
        assert!(
            message.contains("quote the colour: `accent: \"#005EB8\"`"),
            "{message}"
        );
        assert!(message.contains("e.yaml:2:11"), "{message}");
    }

    #[test]
    fn an_unquoted_flow_list_of_levels_is_found_with_every_item_quoted() {
        let message = found("look: \n  levels: [#005EB8, \"#8a1538\"]\n").unwrap();
        assert!(
            message.contains("quote the colour: `levels: [\"#005EB8\", \"#8a1538\"]`"),
            "{message}"
        );
    }

    #[test]
    fn an_unquoted_item_of_a_block_list_of_levels_is_found() {
        let message = found("look:\n  levels:\n    - \"#8a1538\"\n    - #005EB8\n").unwrap();
        assert!(message.contains("e.yaml:4:7"), "{message}");
    }

    #[test]
    fn an_unquoted_colour_in_a_flow_mapping_is_found() {
        let message = found("look: {accent: #005EB8, font: \"Noto Sans\"}\n").unwrap();
        assert!(
            message.contains("quote the colour: `accent: \"#005EB8\"`"),
            "{message}"
        );
        assert!(message.contains("e.yaml:1:16"), "{message}");
    }

    #[test]
    fn quoted_colours_and_comments_after_them_are_left_alone() {
        let text =
            "look:\n  accent: \"#005eb8\" # our blue\n  levels: [\"#8a1538\"]\n# accent: x\n";
        assert!(found(text).is_none());
    }
}
