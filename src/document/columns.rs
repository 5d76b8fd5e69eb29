//! Column widths for a poster's table: the widths that make the table shortest, found by
//! estimating each cell's height from its words wrapped at each width.
//!
//! A row is as tall as its fullest cell, so the best widths give room to the columns that
//! set the rows' heights and take it from the columns whose cells would stand half empty.
//! The estimate counts lines as a greedy line breaker would, with Noto Sans's average
//! widths; the poster's layout then fits the type to the page with these widths.

/// An average letter of Noto Sans, in em (measured on the posters: 0.50).
const LETTER_EM: f64 = 0.5;
/// A word space, in em.
const SPACE_EM: f64 = 0.26;
/// From one line to the next in a cell: the cap height and the posters' 0.45 em leading.
const LINE_EM: f64 = 1.16;
/// What a list item adds between items, beyond a line (the list's spacing over the leading).
const ITEM_GAP_EM: f64 = 0.23;
/// A cell's padding and a bullet's indent, across.
const CELL_ACROSS_EM: f64 = 2.25;
/// A head cell's padding across.
const HEAD_ACROSS_EM: f64 = 1.2;
/// A cell's padding, down.
const CELL_DOWN_EM: f64 = 1.1;
/// The widths are searched in steps of this many em.
const STEP_EM: f64 = 0.5;
/// The row labels' column, as a share of an average column (its `fr` in the layout).
pub const LABEL_SHARE: f64 = 0.6;

/// What the estimate needs to know about a poster's table besides its text.
#[derive(Debug, Clone, Copy)]
pub struct TableShape {
    /// The table's height over its width on the poster, about.
    pub aspect: f64,
    /// The column heads' type over the body's.
    pub head_scale: f64,
}

impl TableShape {
    /// A level poster: nine columns under a masthead and the level's note; heads at 20 pt
    /// over a body of about 14.
    pub const LEVEL: TableShape = TableShape {
        aspect: 0.5,
        head_scale: 1.45,
    };
    /// A component poster: four columns under the masthead; heads 1.15 times the body.
    pub const COMPONENT: TableShape = TableShape {
        aspect: 0.6,
        head_scale: 1.15,
    };

    /// The shape of a poster's table and its sibling's (process and best practices) taken
    /// as one: their rows one under the other, twice as tall.
    pub fn both_tables(self) -> TableShape {
        TableShape {
            aspect: 2.0 * self.aspect,
            ..self
        }
    }
}

/// A word longer than this many letters may break anywhere (the layouts' `long-word`).
const LONGEST_UNBROKEN: usize = 30;

/// A piece of text a line may break after: its width in em, and whether a word space
/// comes before it (a piece that begins a word) or not (the rest of a word).
#[derive(Debug, Clone, Copy)]
struct Piece {
    width: f64,
    spaced: bool,
}

/// The pieces of `text` a line may break between: its words, themselves broken after a
/// hyphen or a slash ("family/significant"), and anywhere in a word too long for any column.
fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let letters = word.chars().count();
        let widths: Vec<usize> = if letters > LONGEST_UNBROKEN {
            let chunk = LONGEST_UNBROKEN / 2;
            (0..letters.div_ceil(chunk))
                .map(|i| chunk.min(letters - i * chunk))
                .collect()
        } else {
            (word.split_inclusive(['-', '/']))
                .map(|p| p.chars().count())
                .collect()
        };
        for (i, n) in widths.into_iter().enumerate() {
            out.push(Piece {
                width: n as f64 * LETTER_EM,
                spaced: i == 0,
            });
        }
    }
    out
}

/// How many lines the `pieces` of a text take at `width` em, broken greedily.
fn lines(pieces: &[Piece], width: f64) -> usize {
    let mut count = 0;
    let mut line = 0.0;
    for p in pieces {
        let space = if p.spaced { SPACE_EM } else { 0.0 };
        if count > 0 && line + space + p.width <= width {
            line += space + p.width;
        } else {
            count += 1;
            line = p.width;
        }
    }
    count
}

/// The height of a cell, a bulleted list of statements (each as its `pieces`), `width`
/// em wide, in em.
fn cell_height(statements: &[Vec<Piece>], width: f64) -> f64 {
    if statements.is_empty() {
        return CELL_DOWN_EM;
    }
    let inner = width - CELL_ACROSS_EM;
    let n: usize = statements.iter().map(|s| lines(s, inner)).sum();
    n as f64 * LINE_EM + (statements.len() - 1) as f64 * ITEM_GAP_EM + CELL_DOWN_EM
}

/// The widest of `pieces`, in em.
fn widest(pieces: &[Piece]) -> f64 {
    pieces.iter().map(|p| p.width).fold(0.0, f64::max)
}

/// One column's heights at each width it may take, from `least` em up in steps.
struct ColumnHeights {
    least: f64,
    /// `[k][r]`: with `least + k` steps, the head's height (`r` 0) and then each row's.
    heights: Vec<Vec<f64>>,
}

impl ColumnHeights {
    fn new(head: &str, cells: &[Vec<&str>], shape: TableShape, most: f64) -> ColumnHeights {
        let head = pieces(head);
        let cells: Vec<Vec<Vec<Piece>>> = (cells.iter())
            .map(|c| c.iter().map(|s| pieces(s)).collect())
            .collect();
        let body_word = (cells.iter().flatten())
            .map(|s| widest(s))
            .fold(0.0, f64::max);
        let least = (body_word + CELL_ACROSS_EM)
            .max(widest(&head) * shape.head_scale + HEAD_ACROSS_EM)
            .max(STEP_EM);
        let steps = ((most - least) / STEP_EM).ceil().max(0.0) as usize + 1;
        let heights = (0..steps)
            .map(|k| {
                let width = least + k as f64 * STEP_EM;
                let head = lines(&head, (width - HEAD_ACROSS_EM) / shape.head_scale) as f64
                    * LINE_EM
                    * shape.head_scale
                    + CELL_DOWN_EM;
                std::iter::once(head)
                    .chain(cells.iter().map(|c| cell_height(c, width)))
                    .collect()
            })
            .collect();
        ColumnHeights { least, heights }
    }
}

/// The table's height with `steps[j]` steps above each column's least width: each row
/// (the heads' row first) as tall as its tallest cell.
fn table_height(columns: &[ColumnHeights], steps: &[usize]) -> f64 {
    let rows = columns.first().map_or(0, |c| c.heights[0].len());
    (0..rows)
        .map(|r| {
            (columns.iter().zip(steps))
                .map(|(c, &k)| c.heights[k][r])
                .fold(0.0, f64::max)
        })
        .sum()
}

/// The steps above each column's least width, `total` steps in all, that make the table
/// shortest, by moving width from one column to another while that makes it shorter (the
/// height is a sum of rows' maxima, so moves of several steps get past a line that one
/// step does not save). `None` when the columns' least widths exceed `total`.
fn shortest(columns: &[ColumnHeights], total: usize) -> Option<Vec<usize>> {
    let n = columns.len();
    let limit = |j: usize| columns[j].heights.len() - 1;
    let mut steps = vec![0; n];
    // Start even: share `total` out one step at a time to the narrowest column.
    for _ in 0..total {
        let j = (0..n).filter(|&j| steps[j] < limit(j)).min_by(|&a, &b| {
            let width = |j: usize| columns[j].least + steps[j] as f64 * STEP_EM;
            width(a).total_cmp(&width(b))
        })?;
        steps[j] += 1;
    }
    let mut best = table_height(columns, &steps);
    loop {
        let mut found: Option<(f64, usize, usize, usize)> = None;
        for from in 0..n {
            for to in (0..n).filter(|&to| to != from) {
                for moved in [1, 2, 4, 8] {
                    if steps[from] < moved || steps[to] + moved > limit(to) {
                        continue;
                    }
                    steps[from] -= moved;
                    steps[to] += moved;
                    let height = table_height(columns, &steps);
                    steps[from] += moved;
                    steps[to] -= moved;
                    if height < found.map_or(best, |f| f.0) - 1e-9 {
                        found = Some((height, from, to, moved));
                    }
                }
            }
        }
        let Some((height, from, to, moved)) = found else {
            return Some(steps);
        };
        steps[from] -= moved;
        steps[to] += moved;
        best = height;
    }
}

/// The widths (as shares of the average, for the layout's `fr`) of a table whose column
/// `j` has the head `heads[j]` and, in row `r`, the statements `cells[r][j]`.
///
/// The table's width in em is unknown until the poster's type is fitted; it is taken as
/// the width at which the shortest table is `shape.aspect` times as tall as wide, which is
/// what fitting the type to the page comes to.
pub fn widths(heads: &[&str], cells: &[Vec<Vec<&str>>], shape: TableShape) -> Vec<f64> {
    let n = heads.len();
    if n == 0 {
        return Vec::new();
    }
    // Each column may take up to three times an even share of the widest table tried
    // (300 em: a level poster at A1 is about 160 em wide, a component poster about 90).
    let (mut narrow, mut wide) = (20.0_f64, 300.0_f64);
    let columns: Vec<ColumnHeights> = (0..n)
        .map(|j| {
            let cells: Vec<Vec<&str>> = cells.iter().map(|row| row[j].clone()).collect();
            ColumnHeights::new(heads[j], &cells, shape, 3.0 * wide / n as f64)
        })
        .collect();
    let least: f64 = columns.iter().map(|c| c.least).sum();
    let solve = |table: f64| {
        let cells_width = table * n as f64 / (n as f64 + LABEL_SHARE);
        let total = ((cells_width - least) / STEP_EM).floor();
        if total < 0.0 {
            return None;
        }
        let steps = shortest(&columns, total as usize)?;
        Some((table_height(&columns, &steps), steps))
    };
    let mut found = None;
    for _ in 0..24 {
        let table = (narrow + wide) / 2.0;
        match solve(table) {
            Some((height, steps)) => {
                found = Some(steps);
                if height > shape.aspect * table {
                    narrow = table;
                } else {
                    wide = table;
                }
            }
            None => narrow = table,
        }
        if wide - narrow < 1.0 {
            break;
        }
    }
    let Some(steps) = found else {
        return vec![1.0; n];
    };
    let em: Vec<f64> = (columns.iter().zip(&steps))
        .map(|(c, &k)| c.least + k as f64 * STEP_EM)
        .collect();
    let mean = em.iter().sum::<f64>() / n as f64;
    em.iter()
        .map(|w| (w / mean * 100.0).round() / 100.0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_breaks_before_the_word_that_would_overrun_it() {
        // "aaaa bbbb": 2 + 0.26 + 2 em.
        assert_eq!(lines(&pieces("aaaa bbbb"), 4.26), 1);
        assert_eq!(lines(&pieces("aaaa bbbb"), 4.2), 2);
        assert_eq!(lines(&pieces(""), 10.0), 0);
    }

    #[test]
    fn a_line_may_break_after_a_slash_or_hyphen_and_anywhere_in_a_very_long_word() {
        // "family/" 3.5 em, "significant" 5.5 em.
        assert_eq!(lines(&pieces("family/significant"), 6.0), 2);
        assert_eq!(lines(&pieces("family/significant"), 9.0), 1);
        assert_eq!(lines(&pieces(&"a".repeat(120)), 8.0), 8);
    }

    #[test]
    fn the_column_with_the_most_text_in_every_row_is_given_the_most_width() {
        let long = "word ".repeat(80);
        let cells = vec![
            vec![vec!["short"], vec![long.as_str()], vec!["short"]],
            vec![vec!["short"], vec![long.as_str()], vec!["short"]],
        ];
        let w = widths(&["A", "B", "C"], &cells, TableShape::LEVEL);
        assert!(w[1] > 1.5 * w[0] && w[1] > 1.5 * w[2], "{w:?}");
    }
}
