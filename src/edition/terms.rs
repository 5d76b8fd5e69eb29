//! An edition's terms: whole-word, case-preserving replacement in the statements.

use std::collections::BTreeMap;

use crate::content::Library;

/// Whole-word, case-preserving term replacement.
pub struct Terms {
    /// (from in lower case, to), longest first so that "Wellness Recovery Action Plan"
    /// wins over a shorter term inside it.
    pairs: Vec<(Vec<char>, String)>,
}

impl Terms {
    /// The terms of `map`, each also in the plural (`persons` → `service users`), unless
    /// the map gives the plural itself.
    pub fn new(map: &BTreeMap<String, String>) -> Terms {
        let lower: Vec<String> = map.keys().map(|k| k.to_lowercase()).collect();
        let plurals = (map.iter())
            .map(|(from, to)| (plural(from), plural(to)))
            .filter(|(from, _)| !lower.contains(&from.to_lowercase()));
        let mut pairs: Vec<(Vec<char>, String)> = (map.iter())
            .map(|(from, to)| (from.clone(), to.clone()))
            .chain(plurals)
            .map(|(from, to)| (from.to_lowercase().chars().collect(), to))
            .collect();
        pairs.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
        Terms { pairs }
    }

    /// `text` with every term replaced where it stands as a whole word (letters and digits
    /// on neither side), keeping the case pattern of what it replaces.
    pub fn replace(&self, text: &str) -> String {
        self.replace_as(text, false)
    }

    /// As `replace`, for a heading: in a heading written in title case ("Person's Status"),
    /// a term of several words takes capitals on each ("Service User's Status").
    pub fn replace_heading(&self, text: &str) -> String {
        self.replace_as(text, is_title_case(text))
    }

    fn replace_as(&self, text: &str, title_case: bool) -> String {
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
                        let to = match title_case {
                            true => title_cased(to),
                            false => to.clone(),
                        };
                        out.push_str(&match_case(&chars[i..end], &to));
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
                item.title = Some(self.replace_heading(title));
            }
        });
        for row in &mut library.model.rows {
            row.label = self.replace_heading(&row.label);
        }
    }
}

/// Small words a title leaves in lower case.
const SMALL_WORDS: [&str; 9] = ["a", "an", "and", "as", "for", "in", "of", "the", "to"];

/// Whether every word of `text` but the small ones begins with a capital (and there are two
/// or more words), as in "Person's Status" or "Clinicians' Roles".
fn is_title_case(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() > 1
        && (words.iter())
            .filter(|w| !SMALL_WORDS.contains(&w.to_lowercase().as_str()))
            .all(|w| {
                w.chars()
                    .find(|c| c.is_alphabetic())
                    .is_none_or(char::is_uppercase)
            })
}

/// `text` with a capital on each word but the small ones (the first word always).
fn title_cased(text: &str) -> String {
    let words = text.split(' ').enumerate().map(|(i, word)| {
        if i > 0 && SMALL_WORDS.contains(&word) {
            return word.to_string();
        }
        let mut chars = word.chars();
        (chars.next())
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    });
    words.collect::<Vec<String>>().join(" ")
}

/// The plural of a term: its last word's English plural (`service user` → `service users`,
/// `policy` → `policies`, `class` → `classes`).
fn plural(term: &str) -> String {
    let vowel = |c: char| "aeiou".contains(c.to_ascii_lowercase());
    let mut chars = term.chars().rev();
    let (last, before) = (chars.next(), chars.next());
    let sibilant = ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|end| term.to_lowercase().ends_with(end));
    match (last, before) {
        _ if sibilant => format!("{term}es"),
        (Some('y'), Some(b)) if !vowel(b) => format!("{}ies", &term[..term.len() - 1]),
        _ => format!("{term}s"),
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
            ("persons choice", "consumers choice"),
            ("the persons' rights", "the consumers' rights"),
            ("the PERSON", "the CONSUMER"),
            (
                "his/her Wellness Recovery Action Plan and Advance Agreements",
                "his/her Relapse Prevention Plan and Mental Health Directives",
            ),
            ("wellness recovery action plan", "relapse prevention plan"),
            ("expert patient programme", "expert patient program"),
            ("programmes", "programs"),
            ("person-centred", "consumer-centred"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(t.replace(input), expected, "{input}");
        }
    }
}

#[cfg(test)]
mod heading_tests {
    use super::*;

    fn service_user() -> Terms {
        Terms::new(&[("person".to_string(), "service user".to_string())].into())
    }

    #[test]
    fn a_term_in_a_title_case_heading_takes_capitals_on_each_word() {
        let t = service_user();
        assert_eq!(
            t.replace_heading("Person's Status"),
            "Service User's Status"
        );
        assert_eq!(t.replace_heading("Persons' Roles"), "Service Users' Roles");
        assert_eq!(
            t.replace_heading("Supports the person"),
            "Supports the service user"
        );
    }

    #[test]
    fn plurals_and_possessives_of_a_term_are_replaced() {
        let t = service_user();
        assert_eq!(t.replace("persons"), "service users");
        assert_eq!(t.replace("Persons' choices"), "Service users' choices");
        assert_eq!(t.replace("the person's plan"), "the service user's plan");
        let policy = Terms::new(&[("plan".to_string(), "policy".to_string())].into());
        assert_eq!(policy.replace("plans"), "policies");
    }
}
