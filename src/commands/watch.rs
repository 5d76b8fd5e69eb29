//! `hopeprint watch`: run a render, build or pack, then again after every change to the
//! project's files (debounced), until interrupted. Errors are printed, never fatal.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_mini::{DebounceEventResult, new_debouncer, notify::RecursiveMode};

use super::Outcome;
use crate::cli::WatchWhat;
use crate::diag::Diagnostic;
use crate::project::{Project, display_path};

/// Changes closer together than this are one change (an editor saving several files).
const DEBOUNCE: Duration = Duration::from_millis(300);
/// The folders of a project whose changes mean the output is out of date.
const WATCHED: [&str; 4] = ["content", "layouts", "fonts", "assets"];

pub fn run(project: &Project, what: &WatchWhat) -> Outcome {
    let root = if project.root().as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        project.root().to_path_buf()
    };
    let (sender, receiver) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, sender)
        .map_err(|e| vec![Diagnostic::error(format!("cannot watch for changes ({e})"))])?;
    let mut watched = vec![];
    for dir in WATCHED {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer
                .watcher()
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| {
                    vec![Diagnostic::error(format!(
                        "cannot watch {} ({e})",
                        display_path(&path)
                    ))]
                })?;
            watched.push(display_path(&path));
        }
    }
    if watched.is_empty() {
        return Err(vec![Diagnostic::error(format!(
            "{} has none of content/, layouts/, fonts/ or assets/ to watch",
            display_path(&root)
        ))
        .hint("the built-in files never change: make your own copies first (e.g. `hopeprint init` or `hopeprint layouts eject`)")]);
    }
    eprintln!("watching {} (press Ctrl-C to stop)", watched.join(", "));
    once(project, what);
    // Outputs written into a watched folder would trigger another run: ignore changes
    // that are only hopeprint's own temporary files and manifest.
    for result in receiver {
        let relevant = match &result {
            Ok(events) => events.iter().any(|e| {
                let name = e
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                !name.starts_with(".hopeprint-")
            }),
            Err(_) => true,
        };
        if relevant {
            eprintln!("change seen; rendering again");
            once(project, what);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One run; problems are printed and the watch goes on.
fn once(project: &Project, what: &WatchWhat) {
    // Keep typst's memo cache for the next run, but not forever.
    typst::comemo::evict(10);
    let outcome = match what {
        WatchWhat::Render(args) => super::render::run(project, args),
        WatchWhat::Build(args) => super::build::run(project, args),
        WatchWhat::Pack(args) => super::pack::run(project, args),
    };
    match outcome {
        Ok(_) => eprintln!("done; waiting for changes"),
        Err(diagnostics) => {
            crate::diag::emit_all(&diagnostics);
            eprintln!("failed; fix the problem and save again");
        }
    }
}
