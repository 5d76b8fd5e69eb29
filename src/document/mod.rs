//! Resolving a request into a document: its name, title, layout, page and the typed data
//! (the template context) its layout renders. One builder per family of kinds (`matrix`,
//! `handouts`, `reference`); the facts of each kind in one table (`kinds`); the page
//! set-up every kind shares (`page`).

mod columns;
mod context;
mod handouts;
pub mod kinds;
mod matrix;
pub mod page;
mod reference;
pub mod spec;

use std::borrow::Cow;

use serde::Serialize;
use serde_json::Value;

use crate::content::{Labels, Library, Witness};
use crate::diag::Diagnostic;
use crate::edition::{BilingualLayout, LoadedEdition};
use crate::paper::Paper;
use context::ItemContext;
use handouts::Handout;
pub use kinds::{KindFacts, facts};
pub use page::{Fit, PageSetup};
pub use spec::{DocumentSpec, Kind, NameOrNumber, PrintOptions, Request, RequestEntry};

/// Print settings that apply to every document of a run.
#[derive(Debug, Clone)]
pub struct Settings {
    pub version: String,
    /// `YYYY-MM-DD`, printed on the documents.
    pub date: String,
    pub bleed_mm: f64,
    pub crop_marks: bool,
    /// The edition the documents are made for (its identity, papers, credits).
    pub edition: Option<LoadedEdition>,
}

/// A document ready to lay out.
#[derive(Debug, Clone)]
pub struct Document {
    /// File name without extension, e.g. `level-2-dependent-aware-poster`.
    pub name: String,
    pub title: String,
    pub kind: Kind,
    /// What was asked for (the level or component as the user named it).
    pub spec: DocumentSpec,
    /// The layout template, e.g. `level-poster.typ.j2`.
    pub layout: String,
    pub paper: Paper,
    pub landscape: bool,
    pub fit: Fit,
    /// The press bleed around the trimmed page, in mm (0: none).
    pub bleed_mm: f64,
    /// The template context; `doc.size` is filled in by the fit.
    pub context: Value,
    /// When `context` is a bilingual edition's parallel layout: the same document stacked,
    /// for its web page (see `web_context`).
    pub stacked_context: Option<Value>,
    /// Prefixes of the references of the statements the document prints.
    pub scope: Vec<String>,
}

impl Document {
    /// The context of the document's web page: a page reflows, so it prints a bilingual
    /// edition stacked even where its PDF sets the languages in parallel columns.
    pub fn web_context(&self) -> &Value {
        self.stacked_context.as_ref().unwrap_or(&self.context)
    }

    /// Whether the document prints the statement `reference`.
    pub fn prints(&self, reference: &str) -> bool {
        self.scope
            .iter()
            .any(|prefix| reference.starts_with(prefix.as_str()))
    }
}

/// What a family's builder makes of one document: its name, title, the reference
/// prefixes it prints (`Document::scope`) and its typed context.
pub struct Body<C> {
    pub name: String,
    pub title: String,
    pub scope: Vec<String>,
    pub context: C,
}

/// Resolves `request` against the content.
pub fn resolve_request(
    library: &Library,
    request: &Request,
    settings: &Settings,
) -> Result<Document, Diagnostic> {
    let layout = bilingual_layout(settings, request.spec.kind());
    let (body, source) = body_of(library, &request.spec, layout)?;
    // A web page reflows: it prints a bilingual edition stacked (`Document::web_context`).
    let stacked = match layout {
        BilingualLayout::Parallel => {
            Some(body_of(library, &request.spec, BilingualLayout::Stacked)?.0)
        }
        BilingualLayout::Stacked => None,
    };
    finish(library, request, settings, body, stacked, source)
}

/// The body of the document `spec` asks for, with `layout`, and its source's id.
fn body_of<'a>(
    library: &'a Library,
    spec: &DocumentSpec,
    layout: BilingualLayout,
) -> Result<(Body<Value>, &'a str), Diagnostic> {
    let labels = &library.labels;
    let m = &library.model;
    let done = |body, source: &'a str| Ok((body, source));
    let model = m.source.as_str();
    let partners = |which| {
        done(
            json(handouts::partners(library, labels, which, layout))?,
            &library.partners.source,
        )
    };
    match spec {
        DocumentSpec::LevelPoster { level, practices } => {
            let level = m.level_index(&level.to_string())?;
            done(
                json(matrix::level_poster(library, labels, level, *practices))?,
                model,
            )
        }
        DocumentSpec::ComponentPoster {
            component,
            practices,
        } => {
            let c = m.component_index(component)?;
            done(
                json(matrix::component_poster(library, labels, c, *practices))?,
                model,
            )
        }
        DocumentSpec::LevelSheet { level } => {
            let level = m.level_index(&level.to_string())?;
            done(
                json(matrix::level_sheet(library, labels, level, layout))?,
                model,
            )
        }
        DocumentSpec::RoleSheet { role } => {
            let role = m.role_index(role)?;
            done(
                json(matrix::role_sheet(library, labels, role, layout))?,
                model,
            )
        }
        DocumentSpec::ComponentSheet { component } => {
            let c = m.component_index(component)?;
            done(
                json(matrix::component_sheet(library, labels, c, layout))?,
                model,
            )
        }
        DocumentSpec::Principles => done(
            json(reference::principles(library, layout))?,
            &library.principles.source,
        ),
        DocumentSpec::Glossary => done(
            json(reference::glossary(library, layout))?,
            &library.key_terms.source,
        ),
        DocumentSpec::Capabilities => done(
            json(reference::capabilities(library, layout))?,
            &library.capabilities.source,
        ),
        DocumentSpec::CollaborativePartnerships => done(
            json(reference::collaborative_partnerships(
                library, labels, layout,
            ))?,
            &library.victoria.source,
        ),
        DocumentSpec::FurtherReading => done(
            json(reference::further_reading(library, labels, layout))?,
            &library.reading.source,
        ),
        DocumentSpec::FacilitatorGuide => partners(Handout::FacilitatorGuide),
        DocumentSpec::SelfInventory => partners(Handout::SelfInventory),
        DocumentSpec::DiscussionQuestions => partners(Handout::DiscussionQuestions),
    }
}

/// How the document sets a bilingual edition's two languages: in parallel columns when
/// the edition asks for them and the kind has room (sheets and handouts), else stacked.
fn bilingual_layout(settings: &Settings, kind: Kind) -> BilingualLayout {
    let edition = settings.edition.as_ref().map(|e| &e.edition);
    match edition {
        Some(e) if e.second().is_some() && kinds::facts(kind).parallel_columns() => {
            e.bilingual_layout
        }
        _ => BilingualLayout::Stacked,
    }
}

/// What the parallel layout needs besides the statements: each column's language, and
/// each language's labels (when the edition has the second's; else the edition's own).
#[derive(Debug, Serialize)]
struct BilingualContext<'a> {
    first: String,
    second: &'a str,
    labels: [&'a Labels; 2],
}

impl<'a> BilingualContext<'a> {
    fn of(library: &'a Library, edition: &'a LoadedEdition) -> Option<BilingualContext<'a>> {
        let labels = match library.labels.languages.as_deref() {
            Some([first, second]) => [first, second],
            None => [&library.labels, &library.labels],
        };
        Some(BilingualContext {
            first: edition.edition.language(),
            second: edition.edition.second()?,
            labels,
        })
    }
}

/// A body with its typed context turned into the JSON the layouts and the build read.
fn json<C: Serialize>(body: Body<C>) -> Result<Body<Value>, Diagnostic> {
    let context = serde_json::to_value(&body.context).map_err(|e| {
        Diagnostic::error(format!(
            "the data of {} could not be prepared: {e}",
            body.name
        ))
    })?;
    Ok(Body {
        name: body.name,
        title: body.title,
        scope: body.scope,
        context,
    })
}

/// A credit line as layouts see it: the model's credits are items, an edition's own are
/// plain lines. `continues`: it goes on from the entry before it, as a paragraph of the
/// same entry (a column of credits does not break between them).
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Credit<'a> {
    Model {
        #[serde(flatten)]
        item: ItemContext<'a>,
        continues: bool,
    },
    Edition {
        title: Option<&'a str>,
        text: Cow<'a, str>,
        continues: bool,
    },
}

/// What is added to every family's context: the page, credits, edition and labels.
#[derive(Debug, Serialize)]
struct Shared<'a> {
    credits: Vec<Credit<'a>>,
    edition: Value,
    doc: page::PageContext<'a>,
    labels: &'a Labels,
    /// Only in the parallel layout of a bilingual edition.
    #[serde(skip_serializing_if = "Option::is_none")]
    bilingual: Option<BilingualContext<'a>>,
}

/// Completes a family's body into a document: page set-up, attribution, credits; with
/// `stacked`, the same body in the stacked layout, for its web page.
fn finish(
    library: &Library,
    request: &Request,
    settings: &Settings,
    body: Body<Value>,
    stacked: Option<Body<Value>>,
    source: &str,
) -> Result<Document, Diagnostic> {
    let kind = request.spec.kind();
    let facts = kinds::facts(kind);
    if request.print.large_print && matches!(facts.page, kinds::PageRule::OnePage { .. }) {
        return Err(Diagnostic::error(format!(
            "a {} is not made in large print: its type is already set as large as its page allows",
            facts.id
        ))
        .hint("large print is for sheets and handouts: the matching sheet holds the same statements at 16 pt or more (`hopeprint render --large-print sheet …`)"));
    }
    let edition = settings.edition.as_ref();
    let page = PageSetup::new(facts, &request.print, edition);
    let name = request
        .print
        .name
        .clone()
        .unwrap_or_else(|| match request.print.large_print {
            true => format!("{}-large-print", body.name),
            false => body.name.clone(),
        });
    let mut credits = credits(library, facts, edition);
    if let Some(note) = supplied_note(library, &body.scope).filter(|_| facts.model_credits) {
        credits.push(Credit::Edition {
            title: None,
            text: Cow::Owned(note),
            continues: false,
        });
    }
    let shared = Shared {
        credits,
        edition: edition.map_or(Value::Null, LoadedEdition::context),
        doc: page::PageContext {
            name: &name,
            title: &body.title,
            kind: facts.id,
            lang: edition.map_or_else(|| library.labels.lang.clone(), |e| e.edition.language()),
            region: edition.and_then(|e| e.edition.region()),
            width_mm: page.width_mm,
            height_mm: page.height_mm,
            margin_mm: page.margin_mm,
            bleed_mm: settings.bleed_mm,
            marks: settings.crop_marks,
            large_print: request.print.large_print,
            version: version_line(settings),
            logo: edition.and_then(|e| e.context().get("logo").cloned()),
            logo_mm: page.logo_mm,
            attribution: attribution(library, settings, source),
            footer: footer_line(library, settings, source, request.print.large_print),
            min_size: page.min_size(request.print.large_print),
            size: page.size(),
            fit_floor: page.fit_floor(),
            fit_first: None,
            masthead_size: page.masthead_size(),
            part: false,
        },
        labels: &library.labels,
        bilingual: (edition.filter(|_| bilingual_layout(settings, kind).is_parallel()))
            .and_then(|e| BilingualContext::of(library, e)),
    };
    let mut context = body.context;
    let shared = serde_json::to_value(&shared)
        .map_err(|e| Diagnostic::error(format!("the page of {name} could not be prepared: {e}")))?;
    let stacked_context = stacked.map(|stacked| {
        let mut context = stacked.context;
        if let (Value::Object(map), Value::Object(more)) = (&mut context, shared.clone()) {
            map.extend(more.into_iter().filter(|(key, _)| key != "bilingual"));
        }
        context
    });
    if let (Value::Object(map), Value::Object(more)) = (&mut context, shared) {
        map.extend(more);
    }
    Ok(Document {
        title: body.title,
        kind,
        spec: request.spec.clone(),
        layout: facts.layout(),
        paper: page.paper,
        landscape: page.landscape,
        fit: page.fit,
        bleed_mm: settings.bleed_mm,
        context,
        stacked_context,
        scope: body.scope,
        name,
    })
}

/// The version line: the version and the date (the credits print the edition's title and
/// organisation before it, as a sentence of a citation).
fn version_line(settings: &Settings) -> String {
    format!("{}, {}", settings.version, settings.date)
}

/// The footer's one line: the source's short name, the version and the date.
/// In large print only the short name: at 16 pt the whole line would wrap (the credits
/// still give the version and date).
fn footer_line(library: &Library, settings: &Settings, source: &str, large_print: bool) -> String {
    let short = (library.source(source).iter())
        .map(|s| s.short.as_deref().unwrap_or(&s.title))
        .next()
        .unwrap_or_default();
    match large_print {
        true => short.to_string(),
        false => format!("{short} · {} · {}", settings.version, settings.date),
    }
}

/// The attribution line of the document's source, Ohio's when the edition prints its
/// wording, the edition's own, and what the mark of supplied wording means when the
/// document (its `scope`) prints such a statement.
fn attribution(library: &Library, settings: &Settings, source: &str) -> String {
    let mut lines: Vec<&str> = (library.source(source).iter())
        .map(|s| s.attribution.as_str())
        .collect();
    let edition = settings.edition.as_ref();
    let ohio = edition.is_some_and(|e| e.edition.ohio_wording) && source == library.model.source;
    if let Some(source) = library.source(&library.ohio.source).filter(|_| ohio) {
        lines.push(&source.attribution);
    }
    if let Some(extra) = edition.and_then(|e| e.edition.attribution.as_deref()) {
        lines.push(extra);
    }
    lines.join(" ")
}

/// What the mark of supplied wording means, when the document (its `scope`) prints such
/// wording. It goes with the credits, once, as content a screen reader reads: the footer,
/// repeated on every page, is an artifact.
fn supplied_note(library: &Library, scope: &[String]) -> Option<String> {
    let witness = (scope.iter()).find_map(|prefix| supplied_in_cells(library, prefix))?;
    let source = match witness {
        Witness::Ohio => library.source(&library.ohio.source)?,
    };
    let note = source.supplied_note.as_deref()?;
    Some(format!("{} {note}", context::SUPPLIED_MARK))
}

/// Where the matrix cells under a scope prefix (`level/` or `level/component/row/`) print
/// wording supplied from another source, its witness. Only matrix cells carry the mark
/// (see `context::statements`); other prefixes have none. Reads the cells directly: a walk
/// over every statement for each document would be most of a warm build's time.
fn supplied_in_cells(library: &Library, prefix: &str) -> Option<Witness> {
    let m = &library.model;
    let parts: Vec<&str> = prefix.split('/').filter(|p| !p.is_empty()).collect();
    let witness = |level: &str, component: &str, row: &str| {
        (library.cell(level, component, row).iter()).find_map(|item| item.supplied)
    };
    match parts.as_slice() {
        [level, component, row] => witness(level, component, row),
        [level] if m.levels.iter().any(|l| l.id == *level) => (m.components.iter())
            .flat_map(|c| m.rows.iter().map(move |r| (c, r)))
            .find_map(|(c, r)| witness(level, &c.id, &r.id)),
        _ => None,
    }
}

/// The credits a kind prints: an edition's own replace the model's. An edition's lines are
/// one entry; a model's untitled credit goes on from the one before it (its authors' second
/// line), except the first.
fn credits<'a>(
    library: &'a Library,
    facts: &KindFacts,
    edition: Option<&'a LoadedEdition>,
) -> Vec<Credit<'a>> {
    if !facts.model_credits {
        return vec![];
    }
    let own: Vec<Credit> = (edition.iter())
        .flat_map(|e| e.edition.credits.iter())
        .enumerate()
        .map(|(i, text)| Credit::Edition {
            title: None,
            text: Cow::Borrowed(text),
            continues: i > 0,
        })
        .collect();
    match own.is_empty() {
        true => library
            .model
            .credits
            .iter()
            .enumerate()
            .map(|(i, c)| Credit::Model {
                item: ItemContext::of(c),
                continues: i > 0 && c.title.is_none(),
            })
            .collect(),
        false => own,
    }
}
