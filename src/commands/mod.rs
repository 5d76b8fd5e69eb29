//! One module per command; each returns an exit code or the diagnostics to print.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::PrintArgs;
use crate::diag::{Diagnostic, Diagnostics};
use crate::document::PrintOptions;
use crate::prepare::PrintRun;
use crate::project::Project;
use crate::render::OutputOptions;

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
        format: print.format,
        dpi: print.dpi,
        page: print.page,
        standard: print.pdf_standard,
        emit_typst: print.emit_typst,
    }
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
