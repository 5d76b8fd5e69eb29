//! Page set-up shared by every kind: paper and orientation, how the type meets the page,
//! margins, and the `doc` part of the template context (title, version, attribution).

use serde::Serialize;

use super::kinds::{KindFacts, PageRule, PaperGroup};
use super::spec::PrintOptions;
use crate::edition::LOGO_SCALE;
use crate::edition::LoadedEdition;
use crate::paper::Paper;

/// Poster body size at A1 before fitting, and the floor it may shrink to (scaled with the
/// paper, but never below `POSTER_SMALLEST_PT`: a poster is read from a distance).
const POSTER_START_PT: f64 = 24.0;
const POSTER_FLOOR_PT: f64 = 12.0;
/// The base size of a poster's masthead (label, title, level strip) at A1, scaled with the
/// paper alone: every poster of a paper, whatever its fitted body, heads alike.
const POSTER_MASTHEAD_PT: f64 = 14.4;
/// Handout body size on A4 / Letter, and with `--large-print`.
const HANDOUT_PT: f64 = 12.0;
const LARGE_PRINT_PT: f64 = 16.0;

/// How a document meets its page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fit {
    /// One page: start at `start` pt and shrink the type, never below `floor` pt, until
    /// everything fits.
    OnePage { start: f64, floor: f64 },
    /// As many pages as needed, body at `size` pt.
    Flow { size: f64 },
}

/// Where a document's type and content sit on its paper.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSetup {
    pub paper: Paper,
    pub landscape: bool,
    pub width_mm: f64,
    pub height_mm: f64,
    pub margin_mm: f64,
    pub fit: Fit,
    /// The logo's height: 25 mm on A1 posters, in proportion on other paper, never less
    /// than 9 mm (A4 sheets), times the edition's `logo.scale`.
    pub logo_mm: f64,
}

/// The edition's default paper for a group of kinds, if it sets one.
fn edition_paper(edition: Option<&LoadedEdition>, group: PaperGroup) -> Option<Paper> {
    let papers = &edition?.edition.papers;
    match group {
        PaperGroup::Posters => papers.posters,
        PaperGroup::Sheets => papers.sheets,
        PaperGroup::Handouts => papers.handouts,
    }
}

impl PageSetup {
    /// The page of a document of kind `facts`, printed with `print` in `edition`.
    pub fn new(
        facts: &KindFacts,
        print: &PrintOptions,
        edition: Option<&LoadedEdition>,
    ) -> PageSetup {
        let default_paper = edition_paper(edition, facts.group).unwrap_or(facts.paper);
        let paper = print.paper.unwrap_or(default_paper);
        // A landscape kind printed on small paper asked for by name turns upright.
        let landscape = print.landscape.unwrap_or(match print.paper {
            Some(_) => facts.landscape && paper.scale_to_a1() > 0.6,
            None => facts.landscape,
        });
        let (width_mm, height_mm) = paper.size_mm(landscape);
        let short = width_mm.min(height_mm);
        let (fit, margin_mm) = match facts.page {
            PageRule::OnePage { start_factor } => {
                let k = paper.scale_to_a1();
                let fit = Fit::OnePage {
                    start: POSTER_START_PT * start_factor * k,
                    floor: (POSTER_FLOOR_PT * k).max(POSTER_SMALLEST_PT),
                };
                (fit, (short * 0.03).max(8.0))
            }
            PageRule::Flow => {
                let base = match print.large_print {
                    true => LARGE_PRINT_PT,
                    false => HANDOUT_PT,
                };
                let fit = Fit::Flow {
                    size: base * (short / 210.0).max(1.0),
                };
                (fit, 18.0_f64.max(short * 0.06).min(30.0))
            }
        };
        let scale = (edition.and_then(|e| e.edition.logo.as_ref()))
            .and_then(|logo| logo.scale)
            .unwrap_or(1.0)
            .clamp(LOGO_SCALE.0, LOGO_SCALE.1);
        PageSetup {
            paper,
            landscape,
            width_mm,
            height_mm,
            margin_mm,
            fit,
            logo_mm: (short * 0.042).max(9.0) * scale,
        }
    }
}

/// The `doc` part of the template context: what every layout needs about its page.
#[derive(Debug, Serialize)]
pub struct PageContext<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub kind: &'static str,
    /// The language and region of the text (`/Lang`), e.g. `en` and `GB`.
    pub lang: String,
    pub region: Option<String>,
    pub width_mm: f64,
    pub height_mm: f64,
    pub margin_mm: f64,
    pub bleed_mm: f64,
    pub marks: bool,
    pub large_print: bool,
    /// The version and date, printed once with the credits.
    pub version: String,
    pub logo: Option<serde_json::Value>,
    /// The logo's height on this paper.
    pub logo_mm: f64,
    /// The source's full attribution, printed once with the credits.
    pub attribution: String,
    /// The one line at the foot of every page: short attribution, version, date.
    pub footer: String,
    /// The smallest type the document prints (footer, credits, captions).
    pub min_size: f64,
    /// The body size; a one-page poster's layout starts from it and fits itself.
    pub size: f64,
    /// A one-page poster's layout shrinks its type from `size` down to this, to fit.
    pub fit_floor: Option<f64>,
    /// A one-page poster's first guess at its fitted size, from the amount of its text
    /// (filled in when it is typeset).
    pub fit_first: Option<f64>,
    /// A one-page poster's masthead size (see `POSTER_MASTHEAD_PT`).
    pub masthead_size: Option<f64>,
    /// Whether the document is printed as a part of a session pack.
    pub part: bool,
}

/// The smallest type on a poster (read from a distance) and, with `--large-print`, on
/// anything; on sheets and handouts (A4, Letter) the smallest is `SMALLEST_PT`.
const POSTER_SMALLEST_PT: f64 = 12.0;
const SMALLEST_PT: f64 = 9.0;

impl PageSetup {
    /// The smallest type the document may print.
    pub fn min_size(&self, large_print: bool) -> f64 {
        match (self.fit, large_print) {
            (_, true) => LARGE_PRINT_PT,
            (Fit::OnePage { .. }, false) => POSTER_SMALLEST_PT,
            (Fit::Flow { .. }, false) => SMALLEST_PT,
        }
    }

    pub fn size(&self) -> f64 {
        match self.fit {
            Fit::OnePage { start, .. } => start,
            Fit::Flow { size } => size,
        }
    }

    pub fn masthead_size(&self) -> Option<f64> {
        match self.fit {
            Fit::OnePage { .. } => {
                let size = POSTER_MASTHEAD_PT * self.paper.scale_to_a1();
                Some((size * 100.0).round() / 100.0)
            }
            Fit::Flow { .. } => None,
        }
    }

    pub fn fit_floor(&self) -> Option<f64> {
        match self.fit {
            Fit::OnePage { floor, .. } => Some((floor * 100.0).round() / 100.0),
            Fit::Flow { .. } => None,
        }
    }
}
