//! Plain ids (of editions, languages, packs, layouts) that become parts of file paths:
//! checked in one place, so an id can never be a path (`../x`, `/etc`, `a/b`).

/// What an id names, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Edition,
    Language,
    Pack,
    Layout,
}

impl IdKind {
    fn noun(self) -> &'static str {
        match self {
            IdKind::Edition => "an edition id",
            IdKind::Language => "a language code",
            IdKind::Pack => "a pack id",
            IdKind::Layout => "a layout name",
        }
    }
}

/// Ids are at most this long: they are file names.
const MAX_LEN: usize = 100;

/// `Ok` when `id` is a plain id: letters, digits, `-` and `_` (and, for a layout name,
/// `.` inside it, as in `glossary.typ.j2`), starting with a letter or digit. Otherwise the
/// reason, in words, as a message ready to show.
pub fn check_id(kind: IdKind, id: &str) -> Result<(), String> {
    let allowed = |c: char| {
        c.is_ascii_alphanumeric() || c == '-' || c == '_' || (kind == IdKind::Layout && c == '.')
    };
    let starts_well = id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    if starts_well && id.len() <= MAX_LEN && id.chars().all(allowed) && !id.contains("..") {
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
        assert_eq!(check_id(IdKind::Layout, "glossary.typ.j2"), Ok(()));
        for bad in ["../x.typ.j2", "a..b", "sub/x.typ.j2", ".x"] {
            assert!(check_id(IdKind::Layout, bad).is_err(), "{bad:?}");
        }
    }
}
