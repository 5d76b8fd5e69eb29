//! `hopeprint pack`: a session pack in one PDF (and, with --split, each document alone).

use std::process::ExitCode;

use minijinja::Environment;
use serde_json::json;

use super::Outcome;
use super::{output_options, print_overrides, print_run};
use crate::catalog::Catalog;
use crate::cli::PackArgs;
use crate::content::Library;
use crate::diag::{Diagnostic, Diagnostics};
use crate::document::page::PageContext;
use crate::document::{Document, Fit, resolve_request};
use crate::layout;
use crate::output::{create_dir, write_output};
use crate::pack;
use crate::prepare::{Prepared, prepare};
use crate::project::{Project, display_path};
use crate::render;
use crate::typeset::Typesetter;

pub fn run(project: &Project, args: &PackArgs) -> Outcome {
    // A pack is one PDF to print: `-o pack.png` would otherwise get PDF bytes.
    if super::output_format(&args.print, args.output.as_deref()).map_err(|d| vec![d])?
        != render::Format::Pdf
    {
        return Err(vec![
            Diagnostic::error("a pack is made as one PDF, not PNG pages")
                .hint("end the -o file name with .pdf and leave out --format png"),
        ]);
    }
    let loaded = pack::load(project, &args.pack).map_err(|d| vec![d])?;
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| project.root().join(format!("{}.pdf", loaded.id)));
    // --split writes into a folder named after the pack's file without its extension:
    // checked before anything is written.
    if args.split && path.with_extension("") == path {
        return Err(vec![
            Diagnostic::error(format!(
                "--split needs an output file name with an extension, not {}",
                display_path(&path)
            ))
            .hint("the documents go into a folder named after the pack: give `-o NAME.pdf`"),
        ]);
    }
    let base = Library::load_checked(project)?;
    let catalog = Catalog::load(project).map_err(|d| vec![d])?;
    let fonts = Typesetter::new(project, args.print.system_fonts).map_err(|d| vec![d])?;
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
    let env = layout::environment(project);
    let p = &loaded.pack;
    let participants = args.participants.unwrap_or(p.participants);

    let Parts {
        files: parts,
        items,
        documents,
    } = parts(&loaded, &prepared, &env, args, participants)?;

    let context = pack_context(&loaded, &prepared, args, participants, &documents, items);
    let source = layout::render(&env, "pack.typ.j2", &context).map_err(|d| vec![d])?;
    let compiled = prepared
        .typesetter
        .compile_with(
            &format!("{}.typ", loaded.id),
            &source,
            &parts,
            prepared.date,
        )
        .map_err(|d| vec![d])?;
    let bytes = crate::typeset::pdf(
        &compiled.document,
        args.print.pdf_standard,
        prepared.typesetter.cmyk(),
        prepared.date,
        &loaded.id,
    )
    .map_err(|d| vec![d])?;
    write_output(project, &path, &bytes).map_err(|d| vec![d])?;
    outln!(
        "wrote {} ({} pages for {participants} participants)",
        display_path(&path),
        compiled.document.pages().len()
    );

    if args.split {
        split(project, args, &path, &prepared, &env, &documents)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The documents of a pack, each rendered as a part the pack's own source includes.
struct Parts {
    /// The parts' Typst sources, by file name.
    files: Vec<(String, String)>,
    /// What the pack layout lists: each part's file, title and copies.
    items: Vec<serde_json::Value>,
    documents: Vec<Document>,
}

/// Resolves each document of the pack, fits it on its own if it is a poster, and renders
/// it as a part.
fn parts(
    loaded: &pack::LoadedPack,
    prepared: &Prepared,
    env: &Environment<'_>,
    args: &PackArgs,
    participants: u32,
) -> Result<Parts, Diagnostics> {
    let p = &loaded.pack;
    let overrides = print_overrides(&args.print);
    let facilitators = u32::try_from(p.facilitators.len()).unwrap_or(u32::MAX);
    let mut out = Parts {
        files: vec![],
        items: vec![],
        documents: vec![],
    };
    for (index, entry) in loaded.documents.iter().enumerate() {
        let mut request = entry.request();
        request.print = request.print.overridden_by(&overrides);
        let mut doc =
            resolve_request(&prepared.library, &request, &prepared.settings).map_err(|d| {
                vec![Diagnostic {
                    message: format!("{} (document {} of the pack)", d.message, index + 1),
                    ..d
                }]
            })?;
        let size = match doc.fit {
            Fit::Flow { size } => size,
            Fit::OnePage { .. } => {
                render::typeset(&prepared.typesetter, env, &doc, prepared.date)
                    .map_err(|d| vec![d])?
                    .size
            }
        };
        if let Some(d) = doc.context.get_mut("doc").and_then(|d| d.as_object_mut()) {
            d.insert("size".into(), json!((size * 100.0).round() / 100.0));
            d.insert("part".into(), json!(true));
        }
        let file = format!("part-{:02}-{}.typ", index + 1, doc.name);
        let source = layout::render(env, &doc.layout, &doc.context).map_err(|d| vec![d])?;
        out.files.push((file.clone(), source));
        let copies = entry.total_copies(participants, facilitators);
        out.items
            .push(json!({"file": file, "title": doc.title, "copies": copies, "per": entry.per}));
        out.documents.push(doc);
    }
    Ok(out)
}

/// `--split`: each document of the pack as its own PDF, in a folder named after the pack.
fn split(
    project: &Project,
    args: &PackArgs,
    path: &std::path::Path,
    prepared: &Prepared,
    env: &Environment<'_>,
    documents: &[Document],
) -> Result<(), Diagnostics> {
    let dir = path.with_extension("");
    create_dir(&dir).map_err(|d| vec![d])?;
    let options = output_options(&args.print);
    for (index, doc) in documents.iter().enumerate() {
        let typeset =
            render::typeset(&prepared.typesetter, env, doc, prepared.date).map_err(|d| vec![d])?;
        let file = dir.join(format!("{:02}-{}.pdf", index + 1, doc.name));
        render::write(project, doc, &typeset, &file, &options, prepared.date)
            .map_err(|d| vec![d])?;
        outln!("wrote {}", display_path(&file));
    }
    Ok(())
}

/// The pack layout's context: the pack's own page (the handouts' paper), its agenda, the
/// parts it lists and the version and attribution of its first document.
fn pack_context(
    loaded: &pack::LoadedPack,
    prepared: &Prepared,
    args: &PackArgs,
    participants: u32,
    documents: &[Document],
    items: Vec<serde_json::Value>,
) -> serde_json::Value {
    let p = &loaded.pack;
    let (agenda, total, over) = loaded.agenda();
    if over > 0 {
        eprintln!(
            "warning: {}: the agenda takes {total} minutes, {over} more than the {}-minute slot",
            loaded.display, p.slot_minutes
        );
    }
    let labels = &prepared.library.labels;
    let template_doc = documents.first().map(|d| &d.context["doc"]);
    let from_first = |key: &str| {
        (template_doc
            .and_then(|d| d.get(key))
            .and_then(|v| v.as_str()))
        .unwrap_or_default()
        .to_string()
    };
    let (width_mm, height_mm) = (prepared.settings.edition.as_ref())
        .and_then(|e| e.edition.papers.handouts)
        .map_or((210.0, 297.0), |p| p.size_mm(false));
    let doc = PageContext {
        name: &loaded.id,
        title: &p.title,
        kind: "pack",
        lang: Some(from_first("lang"))
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| labels.lang.clone()),
        region: Some(from_first("region")).filter(|r| !r.is_empty()),
        width_mm,
        height_mm,
        margin_mm: 18.0,
        bleed_mm: prepared.settings.bleed_mm,
        marks: prepared.settings.crop_marks,
        large_print: false,
        version: from_first("version"),
        logo: template_doc.and_then(|d| d.get("logo")).cloned(),
        logo_mm: 9.0,
        attribution: from_first("attribution"),
        footer: from_first("footer"),
        min_size: 9.0,
        size: 12.0,
        fit_floor: None,
        fit_first: None,
        part: false,
    };
    json!({
        "doc": doc,
        "labels": labels,
        "edition": prepared.settings.edition.as_ref().map(|e| e.context()),
        "credits": [],
        "pack": {"title": p.title, "date": p.date, "start": p.start, "slot_minutes": p.slot_minutes, "venue": p.venue,
                 "facilitators": p.facilitators, "participants": participants, "agenda": agenda, "total": total,
                 "over": over, "notes": p.notes, "evaluation": p.evaluation},
        "items": items,
        "duplex": args.duplex,
    })
}
