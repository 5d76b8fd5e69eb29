//! The built-in theme's colours keep body text and white-on-colour text at a contrast of
//! at least 4.5:1 (WCAG 2.1 AA).

fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

fn contrast_with_white(hex: &str) -> f64 {
    1.05 / (luminance(hex) + 0.05)
}

#[test]
fn write_in_lines_and_rating_boxes_have_3_to_1_contrast_against_white() {
    let theme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/layouts/theme.typ")).unwrap();
    let line = (theme.lines())
        .find(|l| l.starts_with("#let rule-color"))
        .expect("the theme defines rule-color");
    let start = line.find("rgb(\"#").expect("an rgb colour");
    let ratio = contrast_with_white(&line[start + 6..start + 12]);
    assert!(ratio >= 3.0, "rule-color: {ratio:.2}:1");
}

#[test]
fn every_theme_colour_has_enough_contrast_against_white() {
    let theme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/layouts/theme.typ")).unwrap();
    let mut checked = 0;
    for line in theme.lines() {
        let name = line.split('=').next().unwrap_or("");
        let decorative = name.contains("rule-color") || name.contains("paper-color");
        let Some(start) = line.find("rgb(\"#") else {
            continue;
        };
        if decorative {
            continue;
        }
        let hex = &line[start + 6..start + 12];
        let ratio = contrast_with_white(hex);
        assert!(
            ratio >= 4.5,
            "#{hex} has a contrast of {ratio:.2}:1 against white: `{}`",
            line.trim()
        );
        checked += 1;
    }
    assert!(
        checked >= 7,
        "the four level colours, ink, muted and accent are checked ({checked})"
    );
}

/// The house colour (`accent`: handouts, the principles, a pack's cover) is none of the
/// four level colours, so nothing in it reads as belonging to one level.
#[test]
fn the_default_accent_colour_is_none_of_the_four_level_colours() {
    let theme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/layouts/theme.typ")).unwrap();
    let hex = |line: &str| {
        let start = line.find("rgb(\"#").expect("an rgb colour") + 6;
        line[start..start + 6].to_lowercase()
    };
    // The level colours' lines end with a comment naming the level: `// 1 Dependent …`.
    let levels: Vec<String> = (theme.lines())
        .filter(|l| {
            l.contains("rgb(\"#")
                && l.split("// ")
                    .nth(1)
                    .is_some_and(|c| c.starts_with(|ch: char| ch.is_ascii_digit()))
        })
        .map(hex)
        .collect();
    assert_eq!(levels.len(), 4, "{levels:?}");
    let accent = hex((theme.lines())
        .find(|l| l.starts_with("#let accent"))
        .expect("the theme defines accent"));
    assert!(
        !levels.contains(&accent),
        "accent #{accent} is a level's colour"
    );
}
