//! The matrix family: level and component posters (one table each) and level, role and
//! component sheets (every row), from the levels × components × rows of the model.

use std::borrow::Cow;

use serde::Serialize;

use super::Body;
use super::columns::{self, TableShape};
use super::context::{
    ComponentContext, Group, ItemContext, LevelContext, Wording, key_term, statements,
    statements_in,
};
use crate::content::Labels;
use crate::content::{Item, Library, Row, Table, TableInfo};
use crate::edition::BilingualLayout;

/// A poster table's heading: which table, its title and caption.
#[derive(Debug, Serialize)]
struct TableContext<'a> {
    kind: Table,
    title: &'a str,
    caption: &'a str,
}

/// A poster's column: a component (level posters) or a level (component posters).
#[derive(Debug, Serialize)]
struct Column<'a> {
    id: &'a str,
    name: String,
    level: u8,
    /// Its share of the table's width (`fr`), from the text it holds (`weigh`).
    width: f64,
}

/// Gives each column the width that makes the tables shortest (`columns::widths`): both
/// tables of the poster's level or component (`cell(row, column)` gives a row's statements
/// in a column), so that a level's two posters, or a component's, share one grid and line
/// up side by side on a wall.
fn weigh<'a>(
    columns: &mut [Column<'a>],
    library: &'a Library,
    cell: impl Fn(&Row, &Column<'a>) -> &'a [Item],
    shape: TableShape,
) {
    let texts: Vec<Vec<Vec<Cow<'a, str>>>> = (library.model.rows.iter())
        .map(|r| columns.iter().map(|c| statements(cell(r, c))).collect())
        .collect();
    let heads: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
    let cells: Vec<Vec<Vec<&str>>> = (texts.iter())
        .map(|r| {
            (r.iter())
                .map(|c| c.iter().map(|s| s.as_ref()).collect())
                .collect()
        })
        .collect();
    let widths = columns::widths(&heads, &cells, shape.both_tables());
    for (column, width) in columns.iter_mut().zip(widths) {
        column.width = width;
    }
}

/// A poster's body row: its label and, per column, its statements.
#[derive(Debug, Serialize)]
struct PosterRow<'a> {
    id: &'a str,
    label: &'a str,
    cells: Vec<Vec<Cow<'a, str>>>,
}

#[derive(Debug, Serialize)]
pub struct LevelPoster<'a> {
    level: LevelContext<'a>,
    /// Every level, for the strip that shows where this one sits.
    levels: Vec<LevelStep<'a>>,
    theme_level: u8,
    table: TableContext<'a>,
    columns: Vec<Column<'a>>,
    rows: Vec<PosterRow<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ComponentPoster<'a> {
    component: ComponentContext<'a>,
    /// Component posters span the levels, so no one level colours them.
    theme_level: Option<u8>,
    table: TableContext<'a>,
    columns: Vec<Column<'a>>,
    rows: Vec<PosterRow<'a>>,
}

/// One level in a poster's strip of the four levels.
#[derive(Debug, Serialize)]
struct LevelStep<'a> {
    number: u8,
    name: &'a str,
}

/// The table a poster prints, its rows, and the suffix of its file name.
struct PosterTable<'a> {
    kind: Table,
    info: &'a TableInfo,
    rows: Vec<&'a Row>,
    suffix: &'static str,
}

impl<'a> PosterTable<'a> {
    fn new(library: &'a Library, practices: bool) -> PosterTable<'a> {
        let m = &library.model;
        let (table, info, suffix) = match practices {
            true => (
                Table::Practices,
                &m.tables.practices,
                "best-practices-poster",
            ),
            false => (Table::Process, &m.tables.process, "poster"),
        };
        PosterTable {
            kind: table,
            info,
            rows: m.rows.iter().filter(|r| r.table == table).collect(),
            suffix,
        }
    }

    fn context(&self) -> TableContext<'a> {
        TableContext {
            kind: self.kind,
            title: &self.info.title,
            caption: self.info.caption.text(),
        }
    }
}

/// Every `level/component/row/` prefix of the cells given.
fn cells(levels: &[&str], components: &[&str], rows: &[&Row]) -> Vec<String> {
    let mut out = vec![];
    for level in levels {
        for component in components {
            for row in rows {
                out.push(format!("{level}/{component}/{}/", row.id));
            }
        }
    }
    out
}

fn level_ids(library: &Library) -> Vec<&str> {
    library.model.levels.iter().map(|l| l.id.as_str()).collect()
}

fn component_ids(library: &Library) -> Vec<&str> {
    library
        .model
        .components
        .iter()
        .map(|c| c.id.as_str())
        .collect()
}

pub fn level_poster<'a>(
    library: &'a Library,
    labels: &Labels,
    level: usize,
    practices: bool,
) -> Body<LevelPoster<'a>> {
    let m = &library.model;
    let l = &m.levels[level];
    let table = PosterTable::new(library, practices);
    let columns = m
        .components
        .iter()
        .map(|c| Column {
            id: &c.id,
            name: c.name.clone(),
            level: l.number,
            width: 1.0,
        })
        .collect::<Vec<_>>();
    let rows: Vec<PosterRow> = table
        .rows
        .iter()
        .map(|r| PosterRow {
            id: &r.id,
            label: &r.label,
            cells: (m.components.iter())
                .map(|c| statements(library.cell(&l.id, &c.id, &r.id)))
                .collect(),
        })
        .collect();
    let mut columns = columns;
    weigh(
        &mut columns,
        library,
        |r, c| library.cell(&l.id, c.id, &r.id),
        TableShape::LEVEL,
    );
    Body {
        name: format!("level-{}-{}-{}", l.number, l.id, table.suffix),
        title: format!(
            "{} — {} {}: {}",
            table.info.title, labels.level, l.number, l.name
        ),
        scope: cells(&[&l.id], &component_ids(library), &table.rows),
        context: LevelPoster {
            level: LevelContext::of(l),
            levels: (m.levels.iter())
                .map(|l| LevelStep {
                    number: l.number,
                    name: &l.name,
                })
                .collect(),
            theme_level: l.number,
            table: table.context(),
            columns,
            rows,
        },
    }
}

pub fn component_poster<'a>(
    library: &'a Library,
    labels: &Labels,
    component: usize,
    practices: bool,
) -> Body<ComponentPoster<'a>> {
    let m = &library.model;
    let c = &m.components[component];
    let table = PosterTable::new(library, practices);
    let columns = m
        .levels
        .iter()
        .map(|l| Column {
            id: &l.id,
            name: format!("{} {}: {}", labels.level, l.number, l.name),
            level: l.number,
            width: 1.0,
        })
        .collect::<Vec<_>>();
    let rows: Vec<PosterRow> = table
        .rows
        .iter()
        .map(|r| PosterRow {
            id: &r.id,
            label: &r.label,
            cells: (m.levels.iter())
                .map(|l| statements(library.cell(&l.id, &c.id, &r.id)))
                .collect(),
        })
        .collect();
    let mut columns = columns;
    weigh(
        &mut columns,
        library,
        |r, l| library.cell(l.id, &c.id, &r.id),
        TableShape::COMPONENT,
    );
    Body {
        name: format!("component-{}-{}", c.id, table.suffix),
        title: format!("{} — {}", table.info.title, c.long_name),
        scope: cells(&level_ids(library), &[&c.id], &table.rows),
        context: ComponentPoster {
            component: ComponentContext::of(library, component),
            theme_level: None,
            table: table.context(),
            columns,
            rows,
        },
    }
}

#[derive(Debug, Serialize)]
pub struct LevelSheet<'a> {
    level: LevelContext<'a>,
    intro: Wording<'a>,
    sections: Vec<Section<'a>>,
}

pub fn level_sheet<'a>(
    library: &'a Library,
    labels: &'a Labels,
    level: usize,
    layout: BilingualLayout,
) -> Body<LevelSheet<'a>> {
    let m = &library.model;
    let l = &m.levels[level];
    let cell = |c: &str, r: &str| statements_in(library.cell(&l.id, c, r), layout);
    let sections = (m.components.iter().enumerate())
        .map(|(ci, c)| Section {
            title: c.long_name.clone(),
            level: l.number,
            note: key_term(library, ci, layout),
            groups: (m.rows.iter())
                .map(|r| SheetGroup::items(&r.label, cell(&c.id, &r.id)))
                .collect(),
        })
        .collect();
    Body {
        name: format!("level-{}-{}-sheet", l.number, l.id),
        title: format!("{} {}: {}", labels.level, l.number, l.name),
        scope: vec![format!("{}/", l.id)],
        context: LevelSheet {
            level: LevelContext::in_layout(l, layout),
            intro: Wording::label(labels, layout, |l| &l.level_sheet_intro),
            sections,
        },
    }
}

/// A section of a sheet: one component of a level (level sheets, with its key term as a
/// note) or one level (role and component sheets).
#[derive(Debug, Serialize)]
pub struct Section<'a> {
    title: String,
    level: u8,
    note: Option<ItemContext<'a>>,
    groups: Vec<SheetGroup<'a>>,
}

/// A labelled group of a sheet's section: its statements, or (role sheets: one component)
/// parts, one per row of the role.
#[derive(Debug, Serialize)]
pub struct SheetGroup<'a> {
    label: &'a str,
    items: Vec<Wording<'a>>,
    parts: Vec<Group<'a>>,
}

impl<'a> SheetGroup<'a> {
    fn items(label: &'a str, items: Vec<Wording<'a>>) -> SheetGroup<'a> {
        SheetGroup {
            label,
            items,
            parts: vec![],
        }
    }
}

#[derive(Debug, Serialize)]
struct RoleContext<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Debug, Serialize)]
pub struct RoleSheet<'a> {
    role: RoleContext<'a>,
    intro: Wording<'a>,
    sections: Vec<Section<'a>>,
}

pub fn role_sheet<'a>(
    library: &'a Library,
    labels: &'a Labels,
    role: usize,
    layout: BilingualLayout,
) -> Body<RoleSheet<'a>> {
    let m = &library.model;
    let ro = &m.roles[role];
    let rows: Vec<&Row> = m.rows.iter().filter(|row| row.role == ro.id).collect();
    let sections = (m.levels.iter())
        .map(|l| Section {
            title: format!("{} {}: {}", labels.level, l.number, l.name),
            level: l.number,
            note: None,
            groups: (m.components.iter())
                .map(|c| SheetGroup {
                    label: &c.long_name,
                    items: vec![],
                    parts: (rows.iter())
                        .map(|row| Group {
                            label: &row.label,
                            items: statements_in(library.cell(&l.id, &c.id, &row.id), layout),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    Body {
        name: format!("role-{}-sheet", ro.id),
        title: format!("{} {}", ro.name, labels.role_sheet_title),
        scope: cells(&level_ids(library), &component_ids(library), &rows),
        context: RoleSheet {
            role: RoleContext {
                id: &ro.id,
                name: &ro.name,
            },
            intro: Wording::label(labels, layout, |l| &l.role_sheet_intro),
            sections,
        },
    }
}

#[derive(Debug, Serialize)]
pub struct ComponentSheet<'a> {
    component: ComponentContext<'a>,
    intro: Wording<'a>,
    sections: Vec<Section<'a>>,
}

pub fn component_sheet<'a>(
    library: &'a Library,
    labels: &'a Labels,
    component: usize,
    layout: BilingualLayout,
) -> Body<ComponentSheet<'a>> {
    let m = &library.model;
    let c = &m.components[component];
    let sections = (m.levels.iter())
        .map(|l| Section {
            title: format!("{} {}: {}", labels.level, l.number, l.name),
            level: l.number,
            note: None,
            groups: (m.rows.iter())
                .map(|r| {
                    let items = statements_in(library.cell(&l.id, &c.id, &r.id), layout);
                    SheetGroup::items(&r.label, items)
                })
                .collect(),
        })
        .collect();
    let rows: Vec<&Row> = m.rows.iter().collect();
    Body {
        name: format!("component-{}-sheet", c.id),
        title: c.long_name.clone(),
        scope: cells(&level_ids(library), &[&c.id], &rows),
        context: ComponentSheet {
            component: ComponentContext::in_layout(library, component, layout),
            intro: Wording::label(labels, layout, |l| &l.component_sheet_intro),
            sections,
        },
    }
}
