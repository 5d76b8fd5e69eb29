//! Paper sizes, and the scale of type that goes with them.

use serde::{Deserialize, Serialize};

/// A paper size hopeprint can print on.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    A0,
    A1,
    A2,
    A3,
    A4,
    A5,
    /// US Letter, 8.5 × 11 in.
    Letter,
    /// US Legal, 8.5 × 14 in.
    Legal,
    /// US Tabloid, 11 × 17 in.
    Tabloid,
    /// ARCH C, 18 × 24 in.
    #[value(name = "arch-c")]
    ArchC,
    /// ARCH D, 24 × 36 in.
    #[value(name = "arch-d")]
    ArchD,
    /// ARCH E, 36 × 48 in.
    #[value(name = "arch-e")]
    ArchE,
}

impl Paper {
    /// Width and height in millimetres, portrait.
    pub fn portrait_mm(self) -> (f64, f64) {
        const IN: f64 = 25.4;
        match self {
            Paper::A0 => (841.0, 1189.0),
            Paper::A1 => (594.0, 841.0),
            Paper::A2 => (420.0, 594.0),
            Paper::A3 => (297.0, 420.0),
            Paper::A4 => (210.0, 297.0),
            Paper::A5 => (148.0, 210.0),
            Paper::Letter => (8.5 * IN, 11.0 * IN),
            Paper::Legal => (8.5 * IN, 14.0 * IN),
            Paper::Tabloid => (11.0 * IN, 17.0 * IN),
            Paper::ArchC => (18.0 * IN, 24.0 * IN),
            Paper::ArchD => (24.0 * IN, 36.0 * IN),
            Paper::ArchE => (36.0 * IN, 48.0 * IN),
        }
    }

    /// Width and height in millimetres in the given orientation.
    pub fn size_mm(self, landscape: bool) -> (f64, f64) {
        let (w, h) = self.portrait_mm();
        if landscape { (h, w) } else { (w, h) }
    }

    /// How large this paper is next to A1, by its short side: posters scale their type by it.
    pub fn scale_to_a1(self) -> f64 {
        self.portrait_mm().0 / Paper::A1.portrait_mm().0
    }

    pub fn name(self) -> &'static str {
        match self {
            Paper::A0 => "A0",
            Paper::A1 => "A1",
            Paper::A2 => "A2",
            Paper::A3 => "A3",
            Paper::A4 => "A4",
            Paper::A5 => "A5",
            Paper::Letter => "US Letter",
            Paper::Legal => "US Legal",
            Paper::Tabloid => "US Tabloid",
            Paper::ArchC => "ARCH C",
            Paper::ArchD => "ARCH D",
            Paper::ArchE => "ARCH E",
        }
    }
}

/// A length given as `3mm`, `0.125in`, `0.3cm` or `9pt`, in millimetres.
pub fn parse_length_mm(text: &str) -> Result<f64, String> {
    let text = text.trim();
    let units = [("mm", 1.0), ("cm", 10.0), ("in", 25.4), ("pt", 25.4 / 72.0)];
    for (unit, factor) in units {
        if let Some(number) = text.strip_suffix(unit) {
            let value: f64 = number
                .trim()
                .parse()
                .map_err(|_| format!("`{text}` is not a length"))?;
            if !(0.0..=50.0).contains(&(value * factor)) {
                return Err(format!("`{text}` is out of range (0 to 50 mm)"));
            }
            return Ok(value * factor);
        }
    }
    Err(format!(
        "`{text}` needs a unit: mm, cm, in or pt (for example 3mm or 0.125in)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_accept_uk_and_us_bleeds() {
        assert_eq!(parse_length_mm("3mm"), Ok(3.0));
        assert!((parse_length_mm("0.125in").unwrap() - 3.175).abs() < 1e-9);
        assert!(parse_length_mm("3").unwrap_err().contains("needs a unit"));
        assert!(parse_length_mm("-1mm").is_err());
    }

    #[test]
    fn landscape_swaps_sides() {
        assert_eq!(Paper::A1.size_mm(true), (841.0, 594.0));
        assert_eq!(Paper::A4.scale_to_a1(), 210.0 / 594.0);
    }
}
