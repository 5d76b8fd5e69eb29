//! The look of an edition: its colours and font as Typst inputs, and the checks of its
//! logo and colours.

use crate::diag::Diagnostic;
use crate::project::Project;

use super::{LoadedEdition, Logo};

impl LoadedEdition {
    /// The values layouts and the theme read through `sys.inputs`: colours and font.
    pub fn typst_inputs(&self) -> Vec<(String, String)> {
        let look = &self.edition.look;
        let mut inputs = vec![];
        if let Some(accent) = look.accent.as_deref().and_then(parse_color) {
            inputs.push(("hp-accent".into(), accent));
        }
        let levels: Vec<String> = look.levels.iter().filter_map(|c| parse_color(c)).collect();
        if !levels.is_empty() {
            inputs.push(("hp-levels".into(), levels.join(";")));
        }
        if let Some(font) = &look.font {
            inputs.push(("hp-font".into(), font.clone()));
        }
        inputs
    }
}

/// The edition's logo and colours, each problem a diagnostic.
pub(super) fn check(project: &Project, loaded: &LoadedEdition) -> Vec<Diagnostic> {
    let edition = &loaded.edition;
    let mut errors = vec![];
    if let Some(logo) = &edition.logo
        && let Err(d) = check_logo(project, loaded, logo)
    {
        errors.push(d);
    }
    let accent = edition
        .look
        .accent
        .iter()
        .map(|v| ("accent:", "look/accent".to_string(), v));
    let levels = (edition.look.levels.iter().enumerate())
        .map(|(i, v)| ("levels:", format!("look/levels/{i}"), v));
    for (key, path, value) in accent.chain(levels) {
        if parse_color(value).is_none() {
            errors.push(
                loaded
                    .error_at_value(&path, format!("`{value}` is not a colour"))
                    .hint(format!(
                        "write colours as #1d4e89 or cmyk(90%, 45%, 0%, 45%) (under `{key}`)"
                    )),
            );
        }
    }
    errors
}

fn check_logo(project: &Project, loaded: &LoadedEdition, logo: &Logo) -> Result<(), Diagnostic> {
    let path = logo.path.trim_start_matches('/');
    let bad = |message: String| loaded.error_at("logo/path", message);
    if !path.starts_with("assets/") || path.contains("..") {
        return Err(bad(format!(
            "the logo `{}` must be in the project's assets/ folder",
            logo.path
        ))
        .hint("put the file in assets/ and write `path: assets/<file>`"));
    }
    let full = project.root().join(path);
    let bytes = std::fs::read(&full).map_err(|e| {
        bad(format!(
            "cannot read the logo {} ({e})",
            crate::project::display_path(&full)
        ))
        .hint("check the file name, or remove `logo:` to print without one")
    })?;
    let is_image = bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).contains("<svg");
    if !is_image {
        return Err(bad(format!(
            "the logo `{}` is not an SVG, PNG or JPEG image",
            logo.path
        ))
        .hint("export the logo as SVG or PNG"));
    }
    if logo.alt.trim().is_empty() {
        return Err(loaded
            .error_at("logo/alt", "the logo needs alt text")
            .hint("say what the logo shows, e.g. the organisation's name"));
    }
    Ok(())
}

/// A colour as theme.typ reads it from `sys.inputs`: `rgb:#rrggbb` or `cmyk:c,m,y,k` (0-1).
pub fn parse_color(text: &str) -> Option<String> {
    let text = text.trim();
    if let Some(hex) = text.strip_prefix('#') {
        let ok = (hex.len() == 6 || hex.len() == 3) && hex.chars().all(|c| c.is_ascii_hexdigit());
        return ok.then(|| format!("rgb:#{hex}"));
    }
    let inner = text.strip_prefix("cmyk(")?.strip_suffix(')')?;
    let parts: Option<Vec<f64>> = inner
        .split(',')
        .map(|p| {
            p.trim()
                .strip_suffix('%')?
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|v| (0.0..=100.0).contains(v))
        })
        .collect();
    let parts = parts.filter(|p| p.len() == 4)?;
    Some(format!(
        "cmyk:{}",
        parts
            .iter()
            .map(|p| format!("{}", p / 100.0))
            .collect::<Vec<_>>()
            .join(",")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_rgb_hex_or_cmyk_percentages() {
        assert_eq!(parse_color("#1d4e89").as_deref(), Some("rgb:#1d4e89"));
        assert_eq!(
            parse_color("cmyk(90%, 45%, 0%, 45%)").as_deref(),
            Some("cmyk:0.9,0.45,0,0.45")
        );
        assert_eq!(parse_color("red"), None);
        assert_eq!(parse_color("cmyk(90%, 45%, 0%)"), None);
        assert_eq!(parse_color("#12345g"), None);
        assert_eq!(parse_color("cmyk(1%, 2%, 3%, 400%)"), None);
    }
}
