//! `hopeprint pack`: a session pack in one PDF (and, with --split, each document alone).

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use super::Outcome;
use super::render::{apply_print, output_options, prepare};
use crate::catalog::Catalog;
use crate::cli::PackArgs;
use crate::content::Library;
use crate::diag::Diagnostic;
use crate::document::{Fit, resolve_request};
use crate::edition::DEFAULT_EDITION;
use crate::layout;
use crate::pack;
use crate::project::{Project, display_path};
use crate::render;
use crate::typeset::Typesetter;

pub fn run(project: &Project, args: &PackArgs) -> Outcome {
    let loaded = pack::load(project, &args.pack).map_err(|d| vec![d])?;
    let base = Library::load_checked(project)?;
    let catalog = Catalog::load(project).map_err(|d| vec![d])?;
    let fonts = Typesetter::new(project, args.print.system_fonts).map_err(|d| vec![d])?;
    let edition_id = args.print.edition.as_deref().unwrap_or(DEFAULT_EDITION);
    let prepared = prepare(project, &args.print, edition_id, &base, &catalog, &fonts)?;
    let env = layout::environment(project);
    let p = &loaded.pack;
    let participants = args.participants.unwrap_or(p.participants);
    let facilitators = u32::try_from(p.facilitators.len()).unwrap_or(u32::MAX);

    // Each document of the pack: resolved, fitted on its own if it is a poster, then
    // rendered as a part the pack includes.
    let mut parts = vec![];
    let mut items = vec![];
    let mut documents = vec![];
    for (index, entry) in p.documents.iter().enumerate() {
        let mut request = entry.request();
        apply_print(&mut request, &args.print);
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
                render::typeset(&prepared.typesetter, &env, &doc, prepared.date)
                    .map_err(|d| vec![d])?
                    .size
            }
        };
        if let Some(d) = doc.context.get_mut("doc").and_then(|d| d.as_object_mut()) {
            d.insert("size".into(), json!((size * 100.0).round() / 100.0));
            d.insert("part".into(), json!(true));
        }
        let file = format!("part-{:02}-{}.typ", index + 1, doc.name);
        parts.push((
            file.clone(),
            layout::render(&env, &doc.layout, &doc.context).map_err(|d| vec![d])?,
        ));
        let copies = entry.total_copies(participants, facilitators);
        items.push(json!({"file": file, "title": doc.title, "copies": copies, "per": entry.per}));
        documents.push(doc);
    }

    let (agenda, total, over) = loaded.agenda();
    if over > 0 {
        eprintln!(
            "warning: {}: the agenda takes {total} minutes, {over} more than the {}-minute slot",
            loaded.display, p.slot_minutes
        );
    }
    let labels = &prepared.library.labels;
    let template_doc = documents
        .first()
        .map(|d| d.context["doc"].clone())
        .unwrap_or_default();
    let mut doc = json!({
        "name": loaded.id, "title": p.title, "lang": labels.get("lang"),
        "width_mm": 210.0, "height_mm": 297.0, "margin_mm": 18.0, "size": 12.0, "large_print": false,
        "bleed_mm": prepared.settings.bleed_mm, "marks": prepared.settings.crop_marks,
        "version": template_doc.get("version"), "attribution": template_doc.get("attribution"),
        "logo": template_doc.get("logo"),
    });
    if let Some((w, h)) = prepared
        .settings
        .edition
        .as_ref()
        .and_then(|e| e.edition.papers.handouts)
        .map(|p| p.size_mm(false))
    {
        doc["width_mm"] = json!(w);
        doc["height_mm"] = json!(h);
    }
    let context = json!({
        "doc": doc,
        "labels": labels,
        "edition": prepared.settings.edition.as_ref().map(|e| e.context()),
        "credits": [],
        "pack": {"title": p.title, "date": p.date, "start": p.start, "slot_minutes": p.slot_minutes, "venue": p.venue,
                 "facilitators": p.facilitators, "participants": participants, "agenda": agenda, "total": total,
                 "over": over, "notes": p.notes, "evaluation": p.evaluation},
        "items": items,
        "duplex": args.duplex,
    });
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
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}.pdf", loaded.id)));
    let bytes = crate::typeset::pdf(
        &compiled.document,
        args.print.pdf_standard,
        prepared.date,
        &loaded.id,
    )
    .map_err(|d| vec![d])?;
    render::write_atomically(&path, &bytes).map_err(|d| vec![d])?;
    println!(
        "wrote {} ({} pages for {participants} participants)",
        display_path(&path),
        compiled.document.pages().len()
    );

    if args.split {
        let dir = path.with_extension("");
        std::fs::create_dir_all(&dir).map_err(|e| {
            vec![Diagnostic::error(format!(
                "cannot create the folder {} ({e})",
                display_path(&dir)
            ))]
        })?;
        let options = output_options(&args.print);
        for (index, doc) in documents.iter().enumerate() {
            let typeset = render::typeset(&prepared.typesetter, &env, doc, prepared.date)
                .map_err(|d| vec![d])?;
            let file = dir.join(format!("{:02}-{}.pdf", index + 1, doc.name));
            render::write(project, doc, &typeset, &file, &options, prepared.date)
                .map_err(|d| vec![d])?;
            println!("wrote {}", display_path(&file));
        }
    }
    Ok(ExitCode::SUCCESS)
}
