//! Plain ids (of editions, languages, packs) that become parts of file paths:
//! checked in one place, so an id can never be a path (`../x`, `/etc`, `a/b`).

/// What an id names, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Edition,
    Language,
    Pack,
}

impl IdKind {
    fn noun(self) -> &'static str {
        match self {
            IdKind::Edition => "an edition id",
            IdKind::Language => "a language code",
            IdKind::Pack => "a pack id",
        }
    }
}

/// Ids are at most this long: they are file names.
const MAX_LEN: usize = 100;

/// `Ok` when `id` is a plain id: letters, digits, `-` and `_`, starting with a letter or
/// digit. Otherwise the reason, in words, as a message ready to show. (Layouts name each
/// other by paths inside layouts/, checked by `project::is_inner_path`.)
pub fn check_id(kind: IdKind, id: &str) -> Result<(), String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let starts_well = id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    if starts_well && id.len() <= MAX_LEN && id.chars().all(allowed) {
        return Ok(());
    }
    let shown: String = id.chars().take(MAX_LEN).collect();
    Err(format!(
        "`{shown}` is not {}: use letters, digits and `-` only, never a path",
        kind.noun()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ids_pass_and_paths_are_refused() {
        for good in ["nimhe-uk", "ohio-us", "cy", "pt-BR", "x_1"] {
            assert_eq!(check_id(IdKind::Edition, good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "../../x",
            "/etc/passwd",
            "a/b",
            "a\\b",
            ".hidden",
            "-x",
            "a.b",
            "a b",
            "é",
        ] {
            assert!(check_id(IdKind::Edition, bad).is_err(), "{bad:?}");
        }
    }
}
