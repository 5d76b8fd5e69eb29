//! Resolving a request into a document: its name, title, layout, paper, type size and
//! the data (the template context) its layout renders.

use serde_json::{Value, json};

use crate::catalog::{Kind, NameOrNumber, Request};
use crate::commands::list::resolve;
use crate::content::{Item, Library, Table};
use crate::diag::Diagnostic;
use crate::paper::Paper;

/// How a document meets its page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fit {
    /// One page: start at `start` pt and shrink the type, never below `floor` pt, until
    /// everything fits.
    OnePage { start: f64, floor: f64 },
    /// As many pages as needed, body at `size` pt.
    Flow { size: f64 },
}

/// Print settings that apply to every document of a run.
#[derive(Debug, Clone)]
pub struct Settings {
    pub version: String,
    /// `YYYY-MM-DD`, printed on the documents.
    pub date: String,
    pub bleed_mm: f64,
    pub crop_marks: bool,
    /// The edition the documents are made for (its identity, papers, credits).
    pub edition: Option<crate::edition::LoadedEdition>,
}

impl Settings {
    /// The settings of an edition: its version and date, else the catalogue's.
    pub fn for_edition(
        loaded: crate::edition::LoadedEdition,
        catalog: &crate::catalog::Catalog,
        bleed_mm: f64,
        crop_marks: bool,
    ) -> Settings {
        Settings {
            version: loaded
                .edition
                .version
                .clone()
                .unwrap_or_else(|| catalog.version.clone()),
            date: loaded
                .edition
                .date
                .clone()
                .unwrap_or_else(|| catalog.date.clone()),
            bleed_mm,
            crop_marks,
            edition: Some(loaded),
        }
    }
}

/// A document ready to lay out.
#[derive(Debug, Clone)]
pub struct Document {
    /// File name without extension, e.g. `level-2-dependent-aware-poster`.
    pub name: String,
    pub title: String,
    pub kind: Kind,
    /// The layout template, e.g. `level-poster.typ.j2`.
    pub layout: String,
    pub paper: Paper,
    pub landscape: bool,
    pub fit: Fit,
    /// The template context; `doc.size` is filled in by the fit.
    pub context: Value,
    /// Prefixes of the references of the statements the document prints.
    pub scope: Vec<String>,
}

impl Document {
    /// Whether the document prints the statement `reference`.
    pub fn prints(&self, reference: &str) -> bool {
        self.scope
            .iter()
            .any(|prefix| reference.starts_with(prefix.as_str()))
    }
}

/// The labels (content/labels/*.yaml) documents print; `check` requires every one.
pub const REQUIRED_LABELS: &[&str] = &[
    "lang",
    "level",
    "page",
    "of",
    "key_term",
    "level_sheet_intro",
    "role_sheet_title",
    "component_sheet_intro",
    "facilitator_guide",
    "further_reading",
    "further_reading_intro",
    "core_principles",
    "key_capabilities",
    "good_practice",
    "good_leadership",
];

/// Poster body size at A1 before fitting, and the floor it may shrink to.
const POSTER_START_PT: f64 = 24.0;
const POSTER_FLOOR_PT: f64 = 14.0;
/// Handout body size on A4 / Letter, and with `--large-print`.
const HANDOUT_PT: f64 = 12.0;
const LARGE_PRINT_PT: f64 = 16.0;

fn texts(items: &[Item]) -> Vec<&str> {
    items.iter().map(Item::text).collect()
}

/// An item as `{title, text, list}` for layouts.
fn item_json(item: &Item) -> Value {
    json!({
        "id": item.id,
        "title": item.title,
        "text": item.text,
        "numbered": item.numbered,
        "list": item.list.iter().map(item_json).collect::<Vec<_>>(),
    })
}

fn items_json(items: &[Item]) -> Vec<Value> {
    items.iter().map(item_json).collect()
}

/// The body rows of a matrix poster: each row's label and, per column, its statements.
fn poster_rows<'a>(
    rows: &[&crate::content::Row],
    cells: impl Fn(&crate::content::Row) -> Vec<Vec<&'a str>>,
) -> Vec<Value> {
    rows.iter()
        .map(|r| json!({"id": r.id, "label": r.label, "cells": cells(r)}))
        .collect()
}

/// Resolves `request` against the content.
pub fn resolve_request(
    library: &Library,
    request: &Request,
    settings: &Settings,
) -> Result<Document, Diagnostic> {
    let m = &library.model;
    let level = |name: &NameOrNumber| -> Result<usize, Diagnostic> {
        let id = resolve(
            "level",
            &name.to_string(),
            m.levels
                .iter()
                .map(|l| (l.id.as_str(), l.number.to_string())),
        )?;
        Ok(m.levels.iter().position(|l| l.id == id).unwrap_or(0))
    };
    let component = |name: &str| -> Result<usize, Diagnostic> {
        let id = resolve(
            "component",
            name,
            m.components
                .iter()
                .map(|c| (c.id.as_str(), c.number.to_string())),
        )?;
        Ok(m.components.iter().position(|c| c.id == id).unwrap_or(0))
    };
    let role = |name: &str| -> Result<usize, Diagnostic> {
        let id = resolve(
            "role",
            name,
            m.roles.iter().map(|r| (r.id.as_str(), r.id.clone())),
        )?;
        Ok(m.roles.iter().position(|r| r.id == id).unwrap_or(0))
    };
    let need = |what: &str| {
        Diagnostic::error(format!("a {} needs a {what}", request.kind.id()))
            .hint(format!("add --{what} <{}>", what.to_uppercase()))
    };
    let table = if request.practices {
        Table::Practices
    } else {
        Table::Process
    };
    let suffix = if request.practices {
        "best-practices-poster"
    } else {
        "poster"
    };
    let table_info = if request.practices {
        &m.tables.practices
    } else {
        &m.tables.process
    };
    let rows: Vec<_> = m.rows.iter().filter(|r| r.table == table).collect();
    let labels = &library.labels;
    let label = |key: &str| labels.get(key).cloned().unwrap_or_else(|| key.to_string());
    let level_json = |i: usize| {
        let l = &m.levels[i];
        json!({"number": l.number, "id": l.id, "name": l.name, "explanation": items_json(&l.explanation)})
    };
    let key_term = |component: usize| {
        m.components[component]
            .key_term
            .as_ref()
            .and_then(|t| library.key_terms.terms.iter().find(|k| &k.id == t))
            .map(item_json)
    };
    let mut sources = vec![m.source.as_str()];

    let (name, title, data): (String, String, Value) = match request.kind {
        Kind::Posters => {
            return Err(Diagnostic::error(
                "`kind: posters` stands for a set of posters and is expanded by the catalogue",
            )
            .hint("to render one poster, use `level-poster` or `component-poster`"));
        }
        Kind::LevelPoster => {
            let i = level(request.level.as_ref().ok_or_else(|| need("level"))?)?;
            let l = &m.levels[i];
            let columns: Vec<Value> = m
                .components
                .iter()
                .map(|c| json!({"id": c.id, "name": c.name, "level": l.number}))
                .collect();
            let body = poster_rows(&rows, |r| {
                m.components
                    .iter()
                    .map(|c| texts(library.cell(&l.id, &c.id, &r.id)))
                    .collect()
            });
            (
                format!("level-{}-{}-{suffix}", l.number, l.id),
                format!(
                    "{} — {} {}: {}",
                    table_info.title,
                    label("level"),
                    l.number,
                    l.name
                ),
                json!({"level": level_json(i), "theme_level": l.number,
                       "table": {"title": table_info.title, "caption": table_info.caption.text()},
                       "columns": columns, "rows": body}),
            )
        }
        Kind::ComponentPoster => {
            let c = component(
                request
                    .component
                    .as_deref()
                    .ok_or_else(|| need("component"))?,
            )?;
            let comp = &m.components[c];
            let columns: Vec<Value> = m
                .levels
                .iter()
                .map(|l| json!({"id": l.id, "level": l.number, "name": format!("{} {}: {}", label("level"), l.number, l.name)}))
                .collect();
            let body = poster_rows(&rows, |r| {
                m.levels
                    .iter()
                    .map(|l| texts(library.cell(&l.id, &comp.id, &r.id)))
                    .collect()
            });
            (
                format!("component-{}-{suffix}", comp.id),
                format!("{} — {}", table_info.title, comp.long_name),
                json!({"component": {"id": comp.id, "name": comp.name, "long_name": comp.long_name, "key_term": key_term(c)},
                       "theme_level": null,
                       "table": {"title": table_info.title, "caption": table_info.caption.text()},
                       "columns": columns, "rows": body}),
            )
        }
        Kind::LevelSheet => {
            let i = level(request.level.as_ref().ok_or_else(|| need("level"))?)?;
            let l = &m.levels[i];
            let sections: Vec<Value> = m
                .components
                .iter()
                .enumerate()
                .map(|(ci, c)| {
                    let groups: Vec<Value> = m
                        .rows
                        .iter()
                        .map(|r| json!({"label": r.label, "items": texts(library.cell(&l.id, &c.id, &r.id))}))
                        .collect();
                    json!({"title": c.long_name, "level": l.number, "note": key_term(ci), "groups": groups})
                })
                .collect();
            (
                format!("level-{}-{}-sheet", l.number, l.id),
                format!("{} {}: {}", label("level"), l.number, l.name),
                json!({"level": level_json(i), "intro": label("level_sheet_intro"), "sections": sections}),
            )
        }
        Kind::RoleSheet => {
            let r = role(request.role.as_deref().ok_or_else(|| need("role"))?)?;
            let ro = &m.roles[r];
            let role_rows: Vec<_> = m.rows.iter().filter(|row| row.role == ro.id).collect();
            let sections: Vec<Value> = m
                .levels
                .iter()
                .map(|l| {
                    let groups: Vec<Value> = m
                        .components
                        .iter()
                        .map(|c| {
                            let parts: Vec<Value> = role_rows
                                .iter()
                                .map(|row| json!({"label": row.label, "items": texts(library.cell(&l.id, &c.id, &row.id))}))
                                .collect();
                            json!({"label": c.long_name, "parts": parts})
                        })
                        .collect();
                    json!({"title": format!("{} {}: {}", label("level"), l.number, l.name), "level": l.number, "groups": groups})
                })
                .collect();
            (
                format!("role-{}-sheet", ro.id),
                format!("{} {}", ro.name, label("role_sheet_title")),
                json!({"role": {"id": ro.id, "name": ro.name}, "intro": label("role_sheet_intro"), "sections": sections}),
            )
        }
        Kind::ComponentSheet => {
            let c = component(
                request
                    .component
                    .as_deref()
                    .ok_or_else(|| need("component"))?,
            )?;
            let comp = &m.components[c];
            let sections: Vec<Value> = m
                .levels
                .iter()
                .map(|l| {
                    let groups: Vec<Value> = m
                        .rows
                        .iter()
                        .map(|r| json!({"label": r.label, "items": texts(library.cell(&l.id, &comp.id, &r.id))}))
                        .collect();
                    json!({"title": format!("{} {}: {}", label("level"), l.number, l.name), "level": l.number, "groups": groups})
                })
                .collect();
            (
                format!("component-{}-sheet", comp.id),
                comp.long_name.clone(),
                json!({"component": {"id": comp.id, "name": comp.name, "long_name": comp.long_name, "key_term": key_term(c)},
                       "intro": label("component_sheet_intro"), "sections": sections}),
            )
        }
        Kind::Principles => {
            let p = &library.principles;
            sources = vec![p.source.as_str()];
            (
                "guiding-principles".into(),
                p.title.clone(),
                json!({"intro": p.intro.text(), "principles": items_json(&p.principles)}),
            )
        }
        Kind::Glossary => {
            let k = &library.key_terms;
            sources = vec![k.source.as_str()];
            (
                "key-terms".into(),
                k.title.clone(),
                json!({"intro": k.intro.text(), "terms": items_json(&k.terms)}),
            )
        }
        Kind::Capabilities => {
            let c = &library.capabilities;
            sources = vec![c.source.as_str()];
            (
                "ten-essential-shared-capabilities".into(),
                c.title.clone(),
                json!({"subtitle": c.subtitle, "intro": items_json(&c.intro), "capabilities": items_json(&c.capabilities),
                       "contact": {"intro": c.contact.intro.as_ref().map(Item::text), "lines": c.contact.lines}}),
            )
        }
        Kind::CollaborativePartnerships => {
            let v = &library.victoria;
            sources = vec![v.source.as_str()];
            (
                "collaborative-partnerships".into(),
                v.title.clone(),
                json!({"description": v.description.text(), "core_principles": texts(&v.core_principles),
                       "stem": v.key_capabilities.stem, "key_capabilities": texts(&v.key_capabilities.items),
                       "good_practice": texts(&v.good_practice), "good_leadership": texts(&v.good_leadership),
                       "sections": {"core_principles": label("core_principles"), "key_capabilities": label("key_capabilities"),
                                    "good_practice": label("good_practice"), "good_leadership": label("good_leadership")}}),
            )
        }
        Kind::FurtherReading => {
            let r = &library.reading;
            sources = vec![r.source.as_str()];
            let c = &r.citation;
            (
                "further-reading".into(),
                label("further_reading"),
                json!({"citation": {"authors": c.authors.join(" and "), "year": c.year, "title": c.title, "journal": c.journal,
                                    "volume": c.volume, "pages": c.pages},
                       "intro": label("further_reading_intro"), "references": r.references}),
            )
        }
        Kind::FacilitatorGuide | Kind::SelfInventory | Kind::DiscussionQuestions => {
            let p = &library.partners;
            sources = vec![p.source.as_str()];
            let section = |s: &crate::content::Section| json!({"title": s.title, "intro": s.intro.as_ref().map(Item::text), "items": texts(&s.items)});
            let data = json!({"title": p.title, "subtitle": p.subtitle, "video": p.video,
                "introduction": texts(&p.introduction), "description": texts(&p.description), "audiences": texts(&p.audiences),
                "purposes": section(&p.purposes), "self_inventory": section(&p.self_inventory), "discussion": section(&p.discussion),
                "contact": p.contact.text()});
            let (name, title) = match request.kind {
                Kind::FacilitatorGuide => (
                    "partners-in-recovery-facilitator-guide",
                    format!("{} — {}", p.title, label("facilitator_guide")),
                ),
                Kind::SelfInventory => (
                    "partners-in-recovery-self-inventory",
                    format!("{} — {}", p.title, p.self_inventory.title),
                ),
                _ => (
                    "partners-in-recovery-discussion-questions",
                    format!("{} — {}", p.title, p.discussion.title),
                ),
            };
            (name.into(), title, data)
        }
    };

    let (kind_paper, default_landscape) = request.kind.default_paper();
    let default_paper = settings
        .edition
        .as_ref()
        .and_then(|e| e.paper_for(request.kind))
        .unwrap_or(kind_paper);
    let paper = request.paper.unwrap_or(default_paper);
    let landscape = request.landscape.unwrap_or(if request.paper.is_some() {
        default_landscape && paper.scale_to_a1() > 0.6
    } else {
        default_landscape
    });
    let (width, height) = paper.size_mm(landscape);
    let short = width.min(height);
    let fit = if request.kind.is_poster() {
        let k = paper.scale_to_a1();
        // The principles are few: they start larger and shrink only if they must.
        let start = if request.kind == Kind::Principles {
            POSTER_START_PT * 1.5
        } else {
            POSTER_START_PT
        };
        Fit::OnePage {
            start: start * k,
            floor: POSTER_FLOOR_PT * k,
        }
    } else {
        let base = if request.large_print {
            LARGE_PRINT_PT
        } else {
            HANDOUT_PT
        };
        Fit::Flow {
            size: base * (short / 210.0).max(1.0),
        }
    };
    let margin_mm = if request.kind.is_poster() {
        (short * 0.03).max(8.0)
    } else {
        18.0_f64.max(short * 0.06).min(30.0)
    };
    let mut attribution: Vec<&str> = sources
        .iter()
        .filter_map(|s| library.source(s))
        .map(|s| s.attribution.as_str())
        .collect();
    let edition = settings.edition.as_ref();
    let ohio =
        edition.is_some_and(|e| e.edition.ohio_wording) && sources.contains(&m.source.as_str());
    if let Some(source) = library.source(&library.ohio.source).filter(|_| ohio) {
        attribution.push(&source.attribution);
    }
    if let Some(extra) = edition.and_then(|e| e.edition.attribution.as_deref()) {
        attribution.push(extra);
    }
    let name = request.name.clone().unwrap_or_else(|| {
        if request.large_print {
            format!("{name}-large-print")
        } else {
            name
        }
    });
    let mut context = data;
    let doc = json!({
        "name": name,
        "title": title,
        "kind": request.kind.id(),
        "lang": label("lang"),
        "width_mm": width,
        "height_mm": height,
        "margin_mm": margin_mm,
        "bleed_mm": settings.bleed_mm,
        "marks": settings.crop_marks,
        "large_print": request.large_print,
        "version": match edition {
            Some(e) => format!("{} · {} · {} · {}", e.edition.title, e.edition.organisation, settings.version, settings.date),
            None => format!("{} · {}", settings.version, settings.date),
        },
        "logo": edition.and_then(|e| e.context().get("logo").cloned()),
        "attribution": attribution.join(" "),
        "size": match fit { Fit::OnePage { start, .. } => start, Fit::Flow { size } => size },
        // A one-page poster's layout shrinks its type from `size` down to this, to fit.
        "fit_floor": match fit { Fit::OnePage { floor, .. } => Some((floor * 100.0).round() / 100.0), Fit::Flow { .. } => None },
    });
    let model_kinds = [
        Kind::LevelPoster,
        Kind::ComponentPoster,
        Kind::LevelSheet,
        Kind::RoleSheet,
        Kind::ComponentSheet,
        Kind::Principles,
    ];
    // An edition's own credits replace the source's.
    let edition_credits: Vec<Value> = edition
        .map(|e| {
            e.edition
                .credits
                .iter()
                .map(|c| json!({"title": null, "text": c}))
                .collect()
        })
        .unwrap_or_default();
    let credits: Vec<Value> = match model_kinds.contains(&request.kind) {
        false => vec![],
        true if !edition_credits.is_empty() => edition_credits,
        true => items_json(&m.credits),
    };
    if let Value::Object(map) = &mut context {
        map.insert("credits".into(), json!(credits));
        map.insert(
            "edition".into(),
            edition.map_or(Value::Null, |e| e.context()),
        );
        map.insert("doc".into(), doc);
        map.insert("labels".into(), json!(labels));
    }
    let scope = scope(library, request, &context);
    Ok(Document {
        name,
        title,
        kind: request.kind,
        layout: format!("{}.typ.j2", request.kind.id()),
        paper,
        landscape,
        fit,
        context,
        scope,
    })
}

/// The reference prefixes of what a document prints (see `Document::prints`).
fn scope(library: &Library, request: &Request, context: &Value) -> Vec<String> {
    let m = &library.model;
    let id = |key: &str| {
        context
            .get(key)
            .and_then(|v| v.get("id"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let table = if request.practices {
        Table::Practices
    } else {
        Table::Process
    };
    let rows = |filter: &dyn Fn(&crate::content::Row) -> bool| -> Vec<String> {
        m.rows
            .iter()
            .filter(|r| filter(r))
            .map(|r| r.id.clone())
            .collect()
    };
    let cells = |levels: Vec<String>, components: Vec<String>, rows: Vec<String>| -> Vec<String> {
        let mut out = vec![];
        for l in &levels {
            for c in &components {
                for r in &rows {
                    out.push(format!("{l}/{c}/{r}/"));
                }
            }
        }
        out
    };
    let all_levels = || m.levels.iter().map(|l| l.id.clone()).collect::<Vec<_>>();
    let all_components = || {
        m.components
            .iter()
            .map(|c| c.id.clone())
            .collect::<Vec<_>>()
    };
    match request.kind {
        Kind::LevelPoster => cells(
            vec![id("level")],
            all_components(),
            rows(&|r| r.table == table),
        ),
        Kind::ComponentPoster => cells(
            all_levels(),
            vec![id("component")],
            rows(&|r| r.table == table),
        ),
        Kind::LevelSheet => vec![format!("{}/", id("level"))],
        Kind::RoleSheet => cells(
            all_levels(),
            all_components(),
            rows(&|r| r.role == id("role")),
        ),
        Kind::ComponentSheet => cells(all_levels(), vec![id("component")], rows(&|_| true)),
        Kind::Principles => vec!["principles/".into()],
        Kind::Glossary => vec!["key-terms/".into()],
        Kind::Capabilities => vec!["capabilities/".into()],
        Kind::CollaborativePartnerships => vec!["collaborative-partnerships/".into()],
        Kind::FacilitatorGuide | Kind::SelfInventory | Kind::DiscussionQuestions => {
            vec!["partners-in-recovery/".into()]
        }
        Kind::FurtherReading | Kind::Posters => vec![],
    }
}
