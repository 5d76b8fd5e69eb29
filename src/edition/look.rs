//! The look of an edition: its colours and font as Typst inputs, and the checks of its
//! logo and colours.

use crate::diag::Diagnostic;
use crate::project::Project;

use super::{LoadedEdition, Logo};

/// A colour of an edition's look, as checked: the theme gets it as a Typst colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum EditionColor {
    Rgb([u8; 3]),
    /// Cyan, magenta, yellow and key, each from 0 to 1.
    Cmyk([f32; 4]),
}

/// What the theme reads through `sys.inputs`: the edition's colours and font, typed (the
/// typesetter turns them into Typst colours, so the theme never parses text).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThemeInputs {
    pub accent: Option<EditionColor>,
    /// One per level; empty for the theme's own.
    pub levels: Vec<EditionColor>,
    pub font: Option<String>,
}

impl LoadedEdition {
    /// The values layouts and the theme read through `sys.inputs`: colours and font.
    pub fn typst_inputs(&self) -> ThemeInputs {
        let look = &self.edition.look;
        ThemeInputs {
            accent: look.accent.as_deref().and_then(parse_color),
            levels: look.levels.iter().filter_map(|c| parse_color(c)).collect(),
            font: look.font.clone(),
        }
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
    let (low, high) = super::model::LOGO_SCALE;
    if let Some(scale) = edition.logo.as_ref().and_then(|l| l.scale)
        && !(low..=high).contains(&scale)
    {
        errors.push(
            loaded
                .error_at_value("logo/scale", format!("a logo scale of {scale} is out of range"))
                .hint(format!("give a number from {low} to {high}: 1 is the usual size, 1.5 half as large again")),
        );
    }
    let accent = edition
        .look
        .accent
        .iter()
        .map(|v| ("accent:", "look/accent".to_string(), v));
    let levels = (edition.look.levels.iter().enumerate())
        .map(|(i, v)| ("levels:", format!("look/levels/{i}"), v));
    for (key, path, value) in accent.chain(levels) {
        match parse_color(value) {
            None => errors.push(
                loaded
                    .error_at_value(&path, format!("`{value}` is not a colour"))
                    .hint(format!(
                        "write colours as #1d4e89 or cmyk(90%, 45%, 0%, 45%) (under `{key}`)"
                    )),
            ),
            Some(colour) => errors.extend(check_contrast(loaded, &path, value, colour)),
        }
    }
    errors
}

/// The contrast WCAG 1.4.3 asks of text: the layouts print white text on the level colours
/// and the accent (bands, badges, column heads) and those colours as text on white.
const TEXT_CONTRAST: f64 = 4.5;

/// An error when white text on `colour` (and `colour` as text on white) would be below
/// 4.5:1, with the nearest darker shade that passes.
fn check_contrast(
    loaded: &LoadedEdition,
    path: &str,
    value: &str,
    colour: EditionColor,
) -> Option<Diagnostic> {
    let rgb = colour.to_rgb();
    let ratio = contrast_with_white(rgb);
    if ratio >= TEXT_CONTRAST {
        return None;
    }
    let shade = passing_shade(rgb);
    Some(
        loaded
            .error_at_value(
                path,
                format!(
                    "`{value}` is too light: white text on it, and it as text on white, has a contrast of {ratio:.2}:1, below the 4.5:1 that WCAG 2.2 AA asks of text"
                ),
            )
            .hint(format!(
                "the nearest darker shade that passes is `\"#{:02x}{:02x}{:02x}\"` ({:.2}:1)",
                shade[0],
                shade[1],
                shade[2],
                contrast_with_white(shade)
            )),
    )
}

/// WCAG's contrast ratio of an sRGB colour against white.
pub fn contrast_with_white(rgb: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
    1.05 / (l + 0.05)
}

/// The lightest shade of `rgb` (the same hue, each channel scaled down alike) that reaches
/// the text contrast.
fn passing_shade(rgb: [u8; 3]) -> [u8; 3] {
    (0..=100)
        .rev()
        .map(|percent| rgb.map(|c| (f64::from(c) * f64::from(percent) / 100.0).floor() as u8))
        .find(|shade| contrast_with_white(*shade) >= TEXT_CONTRAST)
        .unwrap_or([0, 0, 0])
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
    // Read through the project, which refuses a link that leads outside it.
    let full = project.root().join(path);
    let file = project.read(path).and_then(|file| {
        file.ok_or_else(|| Diagnostic::error("there is no such file".to_string()))
    });
    let bytes = file
        .map_err(|e| {
            bad(format!(
                "cannot read the logo {} ({})",
                crate::project::display_path(&full),
                e.message
            ))
            .hint("check the file name, or remove `logo:` to print without one")
        })?
        .bytes;
    let is_svg = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).contains("<svg");
    if !is_svg {
        check_raster(&bytes).map_err(|why| {
            bad(format!("the logo `{}` {why}", logo.path))
                .hint("export the logo as SVG, or as PNG at the size it prints")
        })?;
    }
    if logo.alt.trim().is_empty() {
        return Err(loaded
            .error_at("logo/alt", "the logo needs alt text")
            .hint("say what the logo shows, e.g. the organisation's name"));
    }
    Ok(())
}

/// Logos larger than this many pixels are refused: decoding one would take gigabytes.
const MAX_LOGO_PIXELS: u64 = 50_000_000;

/// A raster logo must be a PNG, JPEG, GIF or WebP image (the formats typst prints) of at
/// most `MAX_LOGO_PIXELS`; the reason why not, in words.
fn check_raster(bytes: &[u8]) -> Result<(), String> {
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot be read ({e})"))?;
    // The formats typst prints; the image crate knows more.
    let printable = [
        image::ImageFormat::Png,
        image::ImageFormat::Jpeg,
        image::ImageFormat::Gif,
        image::ImageFormat::WebP,
    ];
    if !reader.format().is_some_and(|f| printable.contains(&f)) {
        return Err("is not an SVG, PNG, JPEG, GIF or WebP image".into());
    }
    let (width, height) = reader
        .into_dimensions()
        .map_err(|e| format!("is not a readable image ({e})"))?;
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_LOGO_PIXELS {
        return Err(format!(
            "is {width} × {height} pixels, more than the limit of {} million",
            MAX_LOGO_PIXELS / 1_000_000
        ));
    }
    Ok(())
}

impl EditionColor {
    /// The colour in sRGB; CMYK by the naive conversion (enough to judge contrast).
    pub fn to_rgb(self) -> [u8; 3] {
        match self {
            EditionColor::Rgb(rgb) => rgb,
            EditionColor::Cmyk([c, m, y, k]) => {
                [c, m, y].map(|v| (255.0 * (1.0 - v) * (1.0 - k)).round().clamp(0.0, 255.0) as u8)
            }
        }
    }
}

/// An edition's colour: `#rrggbb`, `#rgb`, or `cmyk(c%, m%, y%, k%)`.
pub fn parse_color(text: &str) -> Option<EditionColor> {
    let text = text.trim();
    if let Some(hex) = text.strip_prefix('#') {
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let hex = match hex.len() {
            6 => hex.to_string(),
            3 => hex.chars().flat_map(|c| [c, c]).collect(),
            _ => return None,
        };
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        return Some(EditionColor::Rgb([byte(0)?, byte(2)?, byte(4)?]));
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
    let part = |i: usize| (parts[i] / 100.0) as f32;
    Some(EditionColor::Cmyk([part(0), part(1), part(2), part(3)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_rgb_hex_or_cmyk_percentages() {
        assert_eq!(
            parse_color("#1d4e89"),
            Some(EditionColor::Rgb([0x1d, 0x4e, 0x89]))
        );
        assert_eq!(
            parse_color("#abc"),
            Some(EditionColor::Rgb([0xaa, 0xbb, 0xcc]))
        );
        assert_eq!(
            parse_color("cmyk(90%, 45%, 0%, 45%)"),
            Some(EditionColor::Cmyk([0.9, 0.45, 0.0, 0.45]))
        );
        assert_eq!(parse_color("red"), None);
        assert_eq!(parse_color("cmyk(90%, 45%, 0%)"), None);
        assert_eq!(parse_color("#12345g"), None);
        assert_eq!(parse_color("cmyk(1%, 2%, 3%, 400%)"), None);
    }

    /// A PNG's signature, header and empty data: enough to read its size.
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        fn crc32(bytes: &[u8]) -> u32 {
            let mut crc = 0xFFFF_FFFFu32;
            for &b in bytes {
                crc ^= u32::from(b);
                for _ in 0..8 {
                    crc = if crc & 1 == 1 {
                        (crc >> 1) ^ 0xEDB8_8320
                    } else {
                        crc >> 1
                    };
                }
            }
            !crc
        }
        let chunk = |name: &[u8], data: &[u8]| {
            let mut body = name.to_vec();
            body.extend(data);
            let mut out = (data.len() as u32).to_be_bytes().to_vec();
            out.extend(&body);
            out.extend(crc32(&body).to_be_bytes());
            out
        };
        let mut header = width.to_be_bytes().to_vec();
        header.extend(height.to_be_bytes());
        header.extend([8, 2, 0, 0, 0]);
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        out.extend(chunk(b"IHDR", &header));
        out.extend(chunk(b"IDAT", &[]));
        out.extend(chunk(b"IEND", &[]));
        out
    }

    #[test]
    fn a_logo_of_46000_square_pixels_is_refused_naming_its_size() {
        let why = check_raster(&png_header(46_000, 46_000)).unwrap_err();
        assert!(why.contains("46000 × 46000 pixels"), "{why}");
    }

    #[test]
    fn a_logo_of_ordinary_size_is_accepted_and_text_is_not_an_image() {
        assert_eq!(check_raster(&png_header(600, 200)), Ok(()));
        assert!(check_raster(b"just text, not a picture").is_err());
    }
}
