//! Aliases bounded: how much text a YAML file stands for once its aliases are expanded,
//! counted on libyaml's events before serde expands anything.

use super::positions::Position;
use super::positions::libyaml;

/// How many bytes of scalar text `text` stands for once every alias (`*name`) is replaced
/// by what its anchor (`&name`) holds, counted until it passes `limit`. Returns where the
/// alias that passes it is, or `None` when the whole file stays within it (or does not
/// parse: the parser that reads it reports that). Linear in the file: each anchor's size
/// is summed once, then each use adds it.
pub fn alias_passing(text: &str, limit: u64) -> Option<Position> {
    // Deeper than serde's recursion limit the file is refused anyway.
    const DEPTH: usize = 1_000;
    let mut parser = libyaml::Parser::new(text.as_bytes());
    let mut sizes: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    // Collections still open: their anchor, if any, and the total when they opened.
    let mut open: Vec<(Option<String>, u64)> = vec![];
    let mut total: u64 = 0;
    loop {
        let (event, at) = parser.next().ok()?;
        match &event {
            libyaml::Event::StreamEnd => return None,
            libyaml::Event::Scalar(value, _) => {
                let bytes = value.len() as u64 + 1;
                if let Some(name) = parser.anchor() {
                    sizes.insert(name.to_string(), bytes);
                }
                total = total.saturating_add(bytes);
            }
            libyaml::Event::Alias(name) => {
                let bytes = sizes.get(name).copied().unwrap_or(0).max(1);
                total = total.saturating_add(bytes);
            }
            libyaml::Event::SequenceStart | libyaml::Event::MappingStart => {
                if open.len() >= DEPTH {
                    return None;
                }
                open.push((parser.anchor().map(str::to_string), total));
            }
            libyaml::Event::End => {
                if let Some((Some(name), start)) = open.pop() {
                    sizes.insert(name, total - start);
                }
            }
            libyaml::Event::DocumentEnd | libyaml::Event::Other => {}
        }
        if total > limit {
            return Some(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_aliases_count_what_they_stand_for_and_plain_files_pass() {
        // a: 10 bytes; b: 3 × a; c: 3 × b = 90 bytes of text.
        let text = "a: &a \"123456789\"\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n";
        assert_eq!(alias_passing(text, 1_000), None);
        assert_eq!(alias_passing(text, 100).map(|p| p.line), Some(3));
        assert_eq!(alias_passing("title: x\nitems: [a, b]\n", 100), None);
    }
}
