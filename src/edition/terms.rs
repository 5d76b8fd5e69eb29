//! An edition's terms: whole-word, case-preserving replacement in the statements.

use std::collections::BTreeMap;

use super::LoadedEdition;
use crate::content::Library;
use crate::diag::Diagnostic;

/// Whole-word, case-preserving term replacement.
pub struct Terms {
    /// (from in lower case, to), longest first so that "Wellness Recovery Action Plan"
    /// wins over a shorter term inside it.
    pairs: Vec<(Vec<char>, String)>,
}

impl Terms {
    pub fn new(map: &BTreeMap<String, String>) -> Terms {
        let mut pairs: Vec<(Vec<char>, String)> = map
            .iter()
            // An empty term matches everywhere without moving on (`check` refuses it).
            .filter(|(from, _)| !from.trim().is_empty())
            .map(|(from, to)| (from.to_lowercase().chars().collect(), to.clone()))
            .collect();
        pairs.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
        Terms { pairs }
    }

    /// `text` with every term replaced where it stands as a whole word (letters and digits
    /// on neither side), keeping the case pattern of what it replaces.
    pub fn replace(&self, text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let lower: Vec<char> = chars
            .iter()
            .map(|c| c.to_lowercase().next().unwrap_or(*c))
            .collect();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        'scan: while i < chars.len() {
            let boundary_before = i == 0 || !chars[i - 1].is_alphanumeric();
            if boundary_before {
                for (from, to) in &self.pairs {
                    let end = i + from.len();
                    if end <= chars.len()
                        && lower[i..end] == from[..]
                        && (end == chars.len() || !chars[end].is_alphanumeric())
                    {
                        out.push_str(&match_case(&chars[i..end], to));
                        i = end;
                        continue 'scan;
                    }
                }
            }
            out.push(chars[i]);
            i += 1;
        }
        out
    }

    /// Replaces the terms in the text and title of every statement of the parts that
    /// take terms (`Part::takes_terms`), and in the model's row labels.
    pub(super) fn apply(&self, library: &mut Library) {
        library.walk_mut(&mut |entry| {
            if !entry.part.takes_terms() {
                return;
            }
            let item = entry.item;
            if let Some(text) = &item.text {
                item.text = Some(self.replace(text));
            }
            if let Some(title) = &item.title {
                item.title = Some(self.replace(title));
            }
        });
        for row in &mut library.model.rows {
            row.label = self.replace(&row.label);
        }
    }
}

/// Every term replaces a word: an empty or blank one is refused, naming its line.
pub(super) fn check(loaded: &LoadedEdition) -> Result<(), Diagnostic> {
    match loaded.edition.terms.keys().find(|from| from.trim().is_empty()) {
        Some(from) => Err(loaded
            .error_at(
                &format!("terms/{from}"),
                format!("the term `{from}` is empty: a term replaces a word or phrase"),
            )
            .hint("write the word to replace before the `:`, e.g. `person: consumer`, or remove the entry")),
        None => Ok(()),
    }
}

/// `to` in the case pattern of `found`: all capitals, all lower case, or a capital first
/// letter (the rest as the edition writes it).
fn match_case(found: &[char], to: &str) -> String {
    let letters: Vec<&char> = found.iter().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return to.to_uppercase();
    }
    if letters.iter().all(|c| c.is_lowercase()) {
        return to.to_lowercase();
    }
    if found.first().is_some_and(|c| c.is_uppercase()) {
        let mut chars = to.chars();
        return chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
    }
    to.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(pairs: &[(&str, &str)]) -> Terms {
        Terms::new(
            &pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        )
    }

    #[test]
    fn terms_are_replaced_whole_word_and_case_preserving() {
        let t = terms(&[
            ("person", "consumer"),
            ("Wellness Recovery Action Plan", "Relapse Prevention Plan"),
            ("Advance Agreements", "Mental Health Directives"),
            ("programme", "program"),
        ]);
        let cases = [
            ("Person's Status", "Consumer's Status"),
            ("Supports the person in", "Supports the consumer in"),
            ("personal goals", "personal goals"),
            ("persons choice", "persons choice"),
            ("the PERSON", "the CONSUMER"),
            (
                "his/her Wellness Recovery Action Plan and Advance Agreements",
                "his/her Relapse Prevention Plan and Mental Health Directives",
            ),
            ("wellness recovery action plan", "relapse prevention plan"),
            ("expert patient programme", "expert patient program"),
            ("programmes", "programmes"),
            ("person-centred", "consumer-centred"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(t.replace(input), expected, "{input}");
        }
    }
}
