//! `hopeprint pack`: a session pack in one PDF (and, with --split, each part alone).
//! Every part — each document, the sign-in sheet, the evaluation form, the certificates —
//! is typeset once, on the pack's one paper, numbered on its own; the pack repeats its
//! pages for the copies.

use std::path::Path;
use std::process::ExitCode;

use minijinja::Environment;
use serde_json::{Value, json};
use typst_layout::PagedDocument;

use super::Outcome;
use super::{print_overrides, print_run};
use crate::catalog::Catalog;
use crate::cli::PackArgs;
use crate::content::Library;
use crate::diag::{Diagnostic, Diagnostics};
use crate::document::kinds::{self, PageRule};
use crate::document::page::{Fit, PageContext, PageSetup};
use crate::document::{Document, resolve_request};
use crate::layout;
use crate::output::{create_dir, write_output, write_output_replacing};
use crate::pack::plan::{self, Item, Slot};
use crate::pack::{self, LoadedPack, check};
use crate::paper::Paper;
use crate::prepare::{Prepared, prepare};
use crate::project::{Project, display_path};
use crate::typeset::{self, Compiled};

/// Spare rows on the sign-in sheet, for people who come without having booked.
const SPARE_ROWS: usize = 4;

/// One part of the pack, typeset once.
struct Part {
    /// For the contents, the footer and --split's file name.
    title: String,
    name: String,
    pages: PagedDocument,
    copies: u32,
    /// Printed on one side only (certificates).
    one_sided: bool,
}

impl Part {
    /// How many the contents lists: the certificates are one part of one page for each
    /// attendee, which a reader counts as that many certificates.
    fn listed_copies(&self) -> usize {
        match self.name.as_str() {
            "certificates" => self.pages.pages().len(),
            _ => self.copies as usize,
        }
    }
}

/// Everything the parts of one pack share.
struct Run<'a> {
    loaded: &'a LoadedPack,
    prepared: &'a Prepared,
    env: Environment<'static>,
    paper: Paper,
    participants: u32,
    attendees: Option<Vec<String>>,
    duplex: bool,
    /// The `doc` context of the pack's first document: its language, version, attribution
    /// and footer serve the pack's own pages.
    first: Value,
}

pub fn run(project: &Project, args: &PackArgs) -> Outcome {
    let loaded = pack::load(project, &args.pack)?;
    let attendees = match &args.attendees {
        Some(path) => Some(pack::read_attendees(path).map_err(|d| vec![d])?),
        None => None,
    };
    check_options(args)?;
    // --split writes into a folder named after the pack's file without its extension:
    // checked before anything is written.
    if let Some(path) = args
        .output
        .as_ref()
        .filter(|p| args.split && p.with_extension("") == **p)
    {
        return Err(vec![
            Diagnostic::error(format!(
                "--split needs an output file name with an extension, not {}",
                display_path(path)
            ))
            .hint("the documents go into a folder named after the pack: give `-o NAME.pdf`"),
        ]);
    }
    let base = Library::load_checked(project)?;
    let catalog = Catalog::load(project).map_err(|d| vec![d])?;
    let fonts = typeset::Typesetter::new(project, args.print.system_fonts).map_err(|d| vec![d])?;
    let edition = catalog.choose_edition(project, args.print.edition.as_deref());
    super::announce(&edition);
    let prepared = prepare(
        project,
        print_run(&args.print),
        &edition.id,
        &base,
        &catalog,
        &fonts,
    )?;
    super::report_untranslated(&prepared, None);
    let participants = match &attendees {
        // At most MAX_PARTICIPANTS names are read.
        Some(names) => u32::try_from(names.len()).unwrap_or(pack::MAX_PARTICIPANTS),
        None => args.participants.unwrap_or(loaded.participants),
    };
    let run = Run {
        first: first_doc(&loaded, &prepared),
        paper: pack_paper(&loaded, args.print.paper, &prepared)?,
        loaded: &loaded,
        prepared: &prepared,
        env: layout::environment(project),
        participants,
        attendees,
        duplex: !args.one_sided,
    };
    let labels = &prepared.library.labels;
    let mut parts = vec![run.section("agenda", &labels.agenda, "agenda", json!({}), 1)?];
    parts.extend(run.documents(args.print.large_print)?);
    parts.extend(run.forms(args.certificates)?);
    let (front, plan) = run.front(&parts)?;
    parts.insert(0, front);

    let path = args
        .output
        .clone()
        .unwrap_or_else(|| project.root().join(format!("{}.pdf", loaded.id)));
    let pages = write_pack(
        project,
        args,
        &path,
        &prepared,
        &parts,
        &plan.slots,
        &loaded.id,
    )?;
    let sides = if args.one_sided {
        "one-sided"
    } else {
        "to print double-sided"
    };
    outln!(
        "wrote {} ({pages} pages for {participants} participants, {sides})",
        display_path(&path),
    );
    if args.split {
        split(project, args, &path, &prepared, &parts)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Options of the command line a pack cannot honour.
fn check_options(args: &PackArgs) -> Result<(), Diagnostics> {
    // A pack is one PDF to print: `-o pack.png` would otherwise get PDF bytes.
    let format = super::output_format(&args.print, args.output.as_deref()).map_err(|d| vec![d])?;
    if format != crate::render::Format::Pdf || args.print.emit_typst {
        return Err(vec![
            Diagnostic::error("a pack is made as one PDF to print, not PNG pages, a web page or Typst")
                .hint("end the -o file name with .pdf and leave out --format and --emit-typst; `hopeprint build --format html` makes the web edition of the documents"),
        ]);
    }
    if print_overrides(&args.print).landscape == Some(true) {
        return Err(vec![
            Diagnostic::error("a pack prints upright (portrait)").hint(
                "leave out --landscape; certificates are printed landscape on the pack's paper",
            ),
        ]);
    }
    Ok(())
}

/// The `doc` context of the pack's first document (`null` for a pack without documents).
fn first_doc(loaded: &LoadedPack, prepared: &Prepared) -> Value {
    (loaded.documents.first())
        .and_then(|e| resolve_request(&prepared.library, &e.request(None), &prepared.settings).ok())
        .map_or(Value::Null, |d| d.context["doc"].clone())
}

/// The pack's pages, each part's pages repeated as `slots` says, written as one PDF;
/// returns the number of pages.
fn write_pack(
    project: &Project,
    args: &PackArgs,
    path: &Path,
    prepared: &Prepared,
    parts: &[Part],
    slots: &[Slot],
    ident: &str,
) -> Result<usize, Diagnostics> {
    let docs: Vec<&PagedDocument> = parts.iter().map(|p| &p.pages).collect();
    let pages = slots.iter().map(|slot| match *slot {
        Slot::Page { item, page } => Some((item, page)),
        Slot::Blank => None,
    });
    let document = typeset::assemble(&docs, pages).map_err(|d| vec![d])?;
    let bytes = typeset::pdf(
        &document,
        args.print.pdf_standard,
        prepared.typesetter.cmyk(),
        prepared.date,
        ident,
    )
    .map_err(|d| vec![d])?;
    let replace = super::output_options(&args.print).replace;
    write_output_replacing(project, path, &bytes, replace).map_err(|d| vec![d])?;
    Ok(document.pages().len())
}

/// The pack's one paper: the command line's, else the pack's `paper:`, else the edition's
/// handout paper, else A4. A document that asks for another is refused.
fn pack_paper(
    loaded: &LoadedPack,
    cli: Option<Paper>,
    prepared: &Prepared,
) -> Result<Paper, Diagnostics> {
    let edition = (prepared.settings.edition.as_ref()).and_then(|e| e.edition.papers.handouts);
    let paper = cli.or(loaded.pack.paper).or(edition).unwrap_or(Paper::A4);
    let problems = check::paper_conflicts(&loaded.file, &loaded.pack, paper);
    if problems.is_empty() {
        Ok(paper)
    } else {
        Err(problems)
    }
}

impl Run<'_> {
    /// A line of the first document's `doc` context, e.g. its `version`.
    fn first_line(&self, key: &str) -> String {
        self.first[key].as_str().unwrap_or_default().to_string()
    }

    fn facilitators(&self) -> u32 {
        // At most MAX_FACILITATORS, checked when loading.
        u32::try_from(self.loaded.pack.facilitators.len()).unwrap_or(pack::MAX_FACILITATORS)
    }

    /// Each document of the pack, in its handout form on the pack's paper, typeset once.
    fn documents(&self, large_print: bool) -> Result<Vec<Part>, Diagnostics> {
        let prepared = self.prepared;
        let mut parts = vec![];
        for (index, entry) in self.loaded.documents.iter().enumerate() {
            let mut request = entry.request(Some(self.paper));
            request.print.large_print |= large_print;
            let mut doc = resolve_request(&prepared.library, &request, &prepared.settings)
                .map_err(|d| vec![self.loaded.file.at(&format!("documents/{index}"), d)])?;
            if matches!(doc.fit, Fit::OnePage { .. }) {
                self.flow(&mut doc, &request.print);
            }
            let source =
                layout::render(&self.env, &doc.layout, &doc.context).map_err(|d| vec![d])?;
            // The footer names the part; a title "<source> — <handout>" by its handout alone,
            // so the footer stays short beside the attribution.
            let short = doc.title.rsplit(" — ").next().unwrap_or(&doc.title);
            let pages = self.compile(&doc.name, &source, short)?;
            parts.push(Part {
                title: doc.title.clone(),
                name: doc.name.clone(),
                pages,
                copies: entry.total_copies(self.participants, self.facilitators()),
                one_sided: false,
            });
        }
        Ok(parts)
    }

    /// A one-page kind (the principles) in its handout form: flowing over pages at the
    /// handout size, so its type is as large as a handout's.
    fn flow(&self, doc: &mut Document, print: &crate::document::spec::PrintOptions) {
        let facts = kinds::KindFacts {
            page: PageRule::Flow,
            landscape: false,
            ..*kinds::facts(doc.kind)
        };
        let edition = self.prepared.settings.edition.as_ref();
        let page = PageSetup::new(&facts, print, edition);
        doc.fit = page.fit;
        if let Some(d) = doc.context.get_mut("doc").and_then(Value::as_object_mut) {
            d.insert("width_mm".into(), json!(page.width_mm));
            d.insert("height_mm".into(), json!(page.height_mm));
            d.insert("margin_mm".into(), json!(page.margin_mm));
            d.insert("size".into(), json!(page.size()));
            d.insert("fit_floor".into(), Value::Null);
            d.insert("masthead_size".into(), Value::Null);
            d.insert("min_size".into(), json!(page.min_size(print.large_print)));
            d.insert("logo_mm".into(), json!(page.logo_mm));
        }
    }

    /// Compiles one part; its footer numbers its pages on their own, under its title.
    /// A page of another size than the pack's is refused.
    fn compile(&self, name: &str, source: &str, title: &str) -> Result<PagedDocument, Diagnostics> {
        let source = format!(
            "{source}\n#import \"theme.typ\": pack-part\n#pack-part.update({})\n",
            layout::string_literal(title)
        );
        let Compiled { document, .. } = (self.prepared.typesetter)
            .compile(&format!("{name}.typ"), &source, self.prepared.date)
            .map_err(|d| vec![d])?;
        let (w, h) = self.paper.size_mm(false);
        let fits = |size: typst::layout::Size| {
            let (a, b) = (size.x.to_mm(), size.y.to_mm());
            let same = |x: f64, y: f64| (x - y).abs() < 0.5;
            (same(a, w) && same(b, h)) || (same(a, h) && same(b, w))
        };
        if let Some(page) = document.pages().iter().find(|p| !fits(p.frame.size())) {
            let size = page.frame.size();
            return Err(vec![Diagnostic::error(format!(
                "{title} prints on a {:.0} × {:.0} mm page, but the pack prints on {}",
                size.x.to_mm(),
                size.y.to_mm(),
                self.paper.name()
            ))
            .hint("a pack prints on one paper: check the layout's page size (`set page`) in layouts/")]);
        }
        Ok(document)
    }

    /// The sign-in sheet, the evaluation form and the certificates, as the pack asks.
    fn forms(&self, certificates: bool) -> Result<Vec<Part>, Diagnostics> {
        let labels = &self.prepared.library.labels;
        let names = self.attendees.clone().unwrap_or_default();
        let mut parts = vec![];
        if self.loaded.pack.sign_in {
            let rows = json!({"names": names,
                "blank": (self.participants as usize).saturating_sub(names.len()) + SPARE_ROWS});
            parts.push(self.section(
                "sign_in",
                &labels.sign_in,
                "sign-in",
                json!({"sign_in": rows}),
                1,
            )?);
        }
        if !self.loaded.pack.evaluation.is_empty() {
            parts.push(self.section(
                "evaluation",
                &labels.evaluation,
                "evaluation",
                json!({}),
                self.participants,
            )?);
        }
        if certificates && !names.is_empty() {
            let organisation = (self.prepared.settings.edition.as_ref())
                .map(|e| e.edition.organisation.clone())
                .unwrap_or_default();
            let more = json!({"certificates": {"names": names, "organisation": organisation}});
            parts.push(self.section(
                "certificates",
                &labels.certificate,
                "certificates",
                more,
                1,
            )?);
        }
        Ok(parts)
    }

    /// One section of the pack layout, compiled.
    fn section(
        &self,
        section: &str,
        title: &str,
        name: &str,
        more: Value,
        copies: u32,
    ) -> Result<Part, Diagnostics> {
        let mut context = self.context(section, &[], section == "certificates");
        if let (Value::Object(map), Value::Object(more)) = (&mut context, more) {
            map.extend(more);
        }
        let source = layout::render(&self.env, "pack.typ.j2", &context).map_err(|d| vec![d])?;
        let pages = self.compile(&format!("{}-{name}", self.loaded.id), &source, title)?;
        Ok(Part {
            title: title.to_string(),
            name: name.to_string(),
            pages,
            copies,
            one_sided: section == "certificates",
        })
    }

    /// The cover, with the contents and their pages. The contents' page numbers depend on
    /// the cover's own length: typeset again until it is stable.
    fn front(&self, parts: &[Part]) -> Result<(Part, plan::Plan), Diagnostics> {
        let mut front_pages = 1;
        for _ in 0..3 {
            let items: Vec<Item> = std::iter::once(Item::new(front_pages, 1))
                .chain(parts.iter().map(|p| Item {
                    pages: p.pages.pages().len(),
                    copies: p.copies,
                    one_sided: p.one_sided,
                }))
                .collect();
            let plan = plan::plan(&items, self.duplex).map_err(|message| {
                vec![
                    Diagnostic::error(message)
                        .in_file(self.loaded.display())
                        .hint("make fewer copies (`copies:`, `per:`) or packs for smaller groups"),
                ]
            })?;
            let listed: Vec<Value> = parts.iter().zip(&plan.ranges[1..]).map(|(part, (first, last))| {
                json!({"title": part.title, "copies": part.listed_copies(), "first": first, "last": last})
            }).collect();
            let context = self.context("cover", &listed, false);
            let source = layout::render(&self.env, "pack.typ.j2", &context).map_err(|d| vec![d])?;
            let title = &self.prepared.library.labels.session_pack;
            let pages = self.compile(&self.loaded.id, &source, title)?;
            let stable = pages.pages().len() == front_pages;
            front_pages = pages.pages().len();
            if stable {
                let part = Part {
                    title: title.clone(),
                    name: "cover".into(),
                    pages,
                    copies: 1,
                    one_sided: false,
                };
                return Ok((part, plan));
            }
        }
        Err(vec![
            Diagnostic::error("the contents' page numbers do not settle")
                .in_file(self.loaded.display())
                .hint("shorten the facilitator notes or the agenda"),
        ])
    }

    /// The pack layout's context for one section.
    fn context(&self, section: &str, items: &[Value], landscape: bool) -> Value {
        let loaded = self.loaded;
        let p = &loaded.pack;
        let (agenda, total, over) = loaded.agenda();
        if over > 0 && section == "agenda" {
            eprintln!(
                "warning: {}: the agenda takes {total} minutes, {over} more than the {}-minute slot",
                loaded.display(),
                p.slot_minutes
            );
        }
        let settings = &self.prepared.settings;
        let labels = &self.prepared.library.labels;
        let edition = settings.edition.as_ref().map(|e| e.context());
        let (width_mm, height_mm) = self.paper.size_mm(landscape);
        let evaluation: Vec<Value> = (p.evaluation.iter().map(|q| q.parts()))
            .map(|(question, scale)| json!({"question": question, "scale": scale}))
            .collect();
        let doc = PageContext {
            name: &loaded.id,
            title: &p.title,
            kind: "pack",
            lang: Some(self.first_line("lang"))
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| labels.lang.clone()),
            region: Some(self.first_line("region")).filter(|r| !r.is_empty()),
            width_mm,
            height_mm,
            margin_mm: 18.0,
            bleed_mm: settings.bleed_mm,
            marks: settings.crop_marks,
            large_print: false,
            version: self.first_line("version"),
            logo: edition.as_ref().and_then(|e| e.get("logo")).cloned(),
            // The pack's own pages print nothing from the sources, so their footer is the
            // part and page alone (the footer repeats credits, and these pages have none).
            attribution: String::new(),
            footer: String::new(),
            logo_mm: 9.0,
            min_size: 9.0,
            size: 12.0,
            fit_floor: None,
            fit_first: None,
            masthead_size: None,
            part: false,
        };
        json!({
            "section": section,
            "doc": doc,
            "labels": labels,
            "edition": edition,
            "credits": [],
            "pack": {"title": p.title, "date": crate::date::long_date(&p.date, &labels.months), "start": p.start, "slot_minutes": p.slot_minutes, "venue": p.venue,
                     "facilitators": p.facilitators, "participants": self.participants, "agenda": agenda, "total": total,
                     "over": over, "notes": p.notes, "evaluation": evaluation, "outcomes": p.outcomes},
            "items": items,
            "duplex": self.duplex,
        })
    }
}

/// `--split`: every part of the pack, once, as its own PDF, in a folder named after the pack.
fn split(
    project: &Project,
    args: &PackArgs,
    path: &Path,
    prepared: &Prepared,
    parts: &[Part],
) -> Result<(), Diagnostics> {
    let dir = path.with_extension("");
    create_dir(&dir).map_err(|d| vec![d])?;
    for (index, part) in parts.iter().enumerate() {
        let file = dir.join(format!("{index:02}-{}.pdf", part.name));
        let bytes = typeset::pdf(
            &part.pages,
            args.print.pdf_standard,
            prepared.typesetter.cmyk(),
            prepared.date,
            &part.name,
        )
        .map_err(|d| vec![d])?;
        write_output(project, &file, &bytes).map_err(|d| vec![d])?;
        outln!("wrote {}", display_path(&file));
    }
    Ok(())
}
