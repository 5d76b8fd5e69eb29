//! One module per command; each returns an exit code or the diagnostics to print.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::catalog::{EditionChoice, Why};
use crate::cli::{Command, PrintArgs, WatchWhat};
use crate::diag::{Diagnostic, Diagnostics};
use crate::document::Document;
use crate::document::PrintOptions;
use crate::output::Replace;
use crate::prepare::{Prepared, PrintRun};
use crate::project::{Project, display_path};
use crate::render::{Format, OutputOptions};

/// `print!` to standard output, except that a closed pipe (`hopeprint list statements |
/// head`) ends the program quietly, as other command-line tools do, instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::commands::write_stdout(&format!($($arg)*))
    };
}

/// `println!` with `out!`'s handling of a closed pipe.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::commands::write_stdout(&format!("{}\n", format!($($arg)*)))
    };
}

pub mod build;
pub mod check;
pub mod edition;
pub mod init;
pub mod layouts;
pub mod list;
pub mod pack;
pub mod render;
pub mod schema;
pub mod translation;
pub mod watch;

/// What a command returns: its exit code, or problems for `main` to print (exit 1).
pub type Outcome = Result<ExitCode, Diagnostics>;

/// The project directory: `-C DIR` or the current directory. Like `git -C`, a `-C` that
/// is not a folder is an error, never a silent fall-back to the built-in content.
pub fn project(dir: Option<&Path>) -> Result<Project, Diagnostic> {
    let Some(dir) = dir else {
        return Ok(Project::new(std::env::current_dir().unwrap_or_default()));
    };
    let shown = crate::project::display_path(dir);
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => Ok(Project::new(dir.to_path_buf())),
        Ok(_) => Err(Diagnostic::error(format!("-C {shown}: not a folder"))
            .hint("give the project's folder, the one that holds content/, layouts/ or fonts/")),
        Err(e) => Err(
            Diagnostic::error(format!("-C {shown}: cannot open the folder ({e})"))
                .hint("check the path; `hopeprint init <dir>` makes a new project"),
        ),
    }
}

/// Makes the command line's relative paths (`-o`, `--out`, the default `out/`, a pack file,
/// `init`'s folder; `schema` joins its own) relative to the `-C` folder, as `git -C` and `make -C` do.
pub fn resolve_in(dir: &Path, command: &mut Command) {
    let join = |path: &mut PathBuf| {
        if path.is_relative() {
            *path = dir.join(&*path);
        }
    };
    match command {
        Command::Render(args)
        | Command::Watch {
            what: WatchWhat::Render(args),
        } => {
            args.output.as_mut().map(join);
        }
        Command::Build(args)
        | Command::Watch {
            what: WatchWhat::Build(args),
        } => join(&mut args.out),
        Command::Pack(args)
        | Command::Watch {
            what: WatchWhat::Pack(args),
        } => {
            args.output.as_mut().map(join);
            let file = dir.join(&args.pack);
            if Path::new(&args.pack).is_relative() && file.is_file() {
                args.pack = file.to_string_lossy().into_owned();
            }
        }
        Command::Init { dir: target, .. } => join(target),
        _ => {}
    }
}

/// The paper, orientation and large print the command line sets over every document.
pub fn print_overrides(print: &PrintArgs) -> PrintOptions {
    PrintOptions {
        paper: print.paper,
        landscape: match (print.landscape, print.portrait) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        large_print: print.large_print,
        name: None,
    }
}

/// The press and language options of the command line.
pub fn print_run(print: &PrintArgs) -> PrintRun {
    PrintRun {
        bleed_mm: print.bleed.unwrap_or(0.0),
        crop_marks: print.crop_marks,
        allow_untranslated: print.allow_untranslated,
    }
}

pub fn output_options(print: &PrintArgs) -> OutputOptions {
    OutputOptions {
        format: print.format.unwrap_or(Format::Pdf),
        dpi: print.dpi,
        page: print.page,
        standard: print.pdf_standard,
        emit_typst: print.emit_typst,
        replace: match print.overwrite {
            true => Replace::AnyFile,
            false => Replace::OnlyOurs,
        },
    }
}

/// The format of a file written to `output`: `--format`, else the file's extension (`.png`,
/// `.pdf` or `.html`), else PDF; a `--format` the extension contradicts is an error.
pub fn output_format(print: &PrintArgs, output: Option<&Path>) -> Result<Format, Diagnostic> {
    let extension = output
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let implied = match extension.as_deref() {
        Some("png") => Some(Format::Png),
        Some("pdf") => Some(Format::Pdf),
        Some("html" | "htm") => Some(Format::Html),
        _ => None,
    };
    if extension.as_deref() == Some("typ") {
        // The PDF would be written under a Typst file's name (and, with --emit-typst,
        // overwritten by the Typst).
        let shown = output.map(display_path).unwrap_or_default();
        return Err(Diagnostic::error(format!(
            "-o {shown} names a Typst file, but hopeprint writes a PDF, PNG or web page there"
        ))
        .hint(
            "end the file name with .pdf; add --emit-typst to write the generated Typst beside it",
        ));
    }
    match (print.format, implied) {
        (Some(given), Some(implied)) if given != implied => {
            let shown = output.map(display_path).unwrap_or_default();
            Err(Diagnostic::error(format!(
                "-o {shown} names a .{} file, but --format is {}",
                extension.unwrap_or_default(),
                format_name(given)
            ))
            .hint(format!(
                "end the file name with .{}, or leave out --format",
                format_name(given)
            )))
        }
        (Some(given), _) => Ok(given),
        (None, implied) => Ok(implied.unwrap_or(Format::Pdf)),
    }
}

/// A format as it is written on the command line and in file names.
pub fn format_name(format: Format) -> &'static str {
    match format {
        Format::Pdf => "pdf",
        Format::Png => "png",
        Format::Html => "html",
    }
}

/// With `--allow-untranslated`: each statement `document` prints (or, for a whole build,
/// their number) that goes out in the source language.
pub fn report_untranslated(prepared: &Prepared, document: Option<&Document>) {
    let untranslated = &prepared.library.untranslated;
    let id = (prepared.settings.edition.as_ref()).map_or("", |e| e.id.as_str());
    match document {
        Some(document) => {
            for reference in untranslated.iter().filter(|r| document.prints(r)) {
                eprintln!("untranslated ({id}): {reference}");
            }
        }
        None if untranslated.is_empty() => {}
        None => eprintln!(
            "edition `{id}`: {} statements print untranslated (--allow-untranslated)",
            untranslated.len()
        ),
    }
}

/// Says on standard error which edition is printed and why, when the project chose it
/// (the command's last line names the edition in any case).
pub fn announce(choice: &EditionChoice) {
    let why = match &choice.why {
        Why::Named | Why::BuiltInDefault => return,
        Why::Catalogue => "the first of the catalogue's `editions:`".to_string(),
        Why::OnlyProjectEdition => {
            "the only edition in the project's content/editions/".to_string()
        }
        Why::SeveralInProject(ids) => format!(
            "the built-in default: the project has several editions ({ids}); choose one with --edition, or name it in the catalogue's `editions:`"
        ),
    };
    eprintln!("edition: {} ({why})", choice.id);
}

/// Writes `text` to standard output; when the reader has gone (a closed pipe), exits at once
/// with success: there is no one left to tell.
pub fn write_stdout(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush())
        && e.kind() == std::io::ErrorKind::BrokenPipe
    {
        std::process::exit(0);
    }
}
