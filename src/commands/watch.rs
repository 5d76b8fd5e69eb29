//! `hopeprint watch`: run a render, build or pack, then again after every change to the
//! project's files (debounced), until interrupted. Errors are printed, never fatal.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use notify_debouncer_mini::notify::event::{EventKind, ModifyKind};
use notify_debouncer_mini::notify::{self, RecursiveMode, Watcher};

use super::Outcome;
use crate::cli::WatchWhat;
use crate::diag::Diagnostic;
use crate::project::{Project, display_path};

/// Changes closer together than this are one change (an editor saving several files).
const DEBOUNCE: Duration = Duration::from_millis(300);
/// The folders of a project whose changes mean the output is out of date.
const WATCHED: [&str; 4] = ["content", "layouts", "fonts", "assets"];

pub fn run(project: &Project, what: &WatchWhat) -> Outcome {
    let root = std::path::absolute(project.root()).unwrap_or_else(|_| PathBuf::from("."));
    let (sender, receiver) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(sender)
        .map_err(|e| vec![Diagnostic::error(format!("cannot watch for changes ({e})"))])?;
    let mut watched = vec![];
    for dir in WATCHED {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
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
        let shown = match display_path(&root) {
            shown if shown.is_empty() => format!("the current folder ({})", root.display()),
            shown => shown,
        };
        return Err(vec![Diagnostic::error(format!(
            "{shown} has none of content/, layouts/, fonts/ or assets/ to watch"
        ))
        .hint("the built-in files never change: make your own copies first (e.g. `hopeprint init` or `hopeprint layouts eject`)")]);
    }
    let output = output_of(what);
    eprintln!("watching {} (press Ctrl-C to stop)", watched.join(", "));
    once(project, what);
    while wait_for_change(&receiver, output.as_deref()) {
        eprintln!("change seen; rendering again");
        once(project, what);
    }
    Ok(ExitCode::SUCCESS)
}

/// Waits for a change that matters, then for the burst it begins to end. False when the
/// watcher has gone.
fn wait_for_change(
    receiver: &Receiver<notify::Result<notify::Event>>,
    output: Option<&Path>,
) -> bool {
    loop {
        match receiver.recv() {
            Ok(event) if matters(&event, output) => break,
            Ok(_) => continue,
            Err(_) => return false,
        }
    }
    loop {
        match receiver.recv_timeout(DEBOUNCE) {
            Ok(_) => continue,
            Err(RecvTimeoutError::Timeout) => return true,
            Err(RecvTimeoutError::Disconnected) => return false,
        }
    }
}

/// A write, creation, removal or rename of a file that is not the output nor one of
/// hopeprint's temporary files. Reads (hopeprint's own, an editor's) and metadata changes
/// are not changes.
fn matters(event: &notify::Result<notify::Event>, output: Option<&Path>) -> bool {
    let Ok(event) = event else {
        return true; // The watcher lost track: render again rather than miss a change.
    };
    let kind = matches!(
        event.kind,
        EventKind::Create(_)
            | EventKind::Remove(_)
            | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any)
    );
    kind && event.paths.iter().any(|path| {
        let temporary =
            (path.file_name()).is_some_and(|n| n.to_string_lossy().starts_with(".hopeprint-"));
        let ours = output.is_some_and(|out| path.starts_with(out));
        !temporary && !ours
    })
}

/// Where the watched command writes (a build's folder, a render's or pack's file), so that
/// its own output inside a watched folder never sets off another run. The paths are already
/// inside `-C DIR` (`resolve_in`); without `-o`, a render or pack writes beside the watched
/// folders.
fn output_of(what: &WatchWhat) -> Option<PathBuf> {
    let path = match what {
        WatchWhat::Build(args) => Some(&args.out),
        WatchWhat::Render(args) => args.output.as_ref(),
        WatchWhat::Pack(args) => args.output.as_ref(),
    }?;
    std::path::absolute(path).ok()
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
            for d in &diagnostics {
                d.emit();
            }
            eprintln!("failed; fix the problem and save again");
        }
    }
}
