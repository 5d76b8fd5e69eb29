//! `hopeprint check`: validate all content and print what it holds.

use std::process::ExitCode;

use super::Outcome;
use crate::cli::CheckArgs;
use crate::content::{Library, Summary, check};
use crate::project::Project;

pub fn run(project: &Project, args: &CheckArgs) -> Outcome {
    let library = Library::load(project)?;
    let problems = check(&library);
    let errors = problems.iter().filter(|d| !d.warning).count();
    for problem in &problems {
        problem.emit();
    }
    if !args.quiet {
        print!("{}", render_summary(&Summary::of(&library)));
    }
    if errors > 0 {
        eprintln!(
            "{errors} problem{} found",
            if errors == 1 { "" } else { "s" }
        );
        return Ok(ExitCode::FAILURE);
    }
    if !args.quiet {
        println!("content is sound: no problems found");
    }
    Ok(ExitCode::SUCCESS)
}

/// The summary as aligned text.
pub fn render_summary(s: &Summary) -> String {
    let mut out = String::new();
    let mut line = |label: &str, n: usize| out.push_str(&format!("  {label:<32} {n:>5}\n"));
    line("statements in all", s.statements);
    line("matrix statements", s.matrix_statements);
    let mut groups = String::new();
    for (title, rows) in [
        ("per level", &s.per_level),
        ("per component", &s.per_component),
        ("per role", &s.per_role),
        ("per table", &s.per_table),
    ] {
        groups.push_str(&format!("{title}:\n"));
        for (id, n) in rows {
            groups.push_str(&format!("  {id:<32} {n:>5}\n"));
        }
    }
    line("guiding principles", s.principles);
    line("key terms", s.key_terms);
    line("shared capabilities", s.capabilities);
    line("collaborative partnerships", s.collaborative_partnerships);
    line("partners in recovery questions", s.partners_questions);
    line("ohio peer support (US)", s.ohio_statements);
    line("further reading references", s.references);
    line("repairs of the source text", s.repairs);
    line("source text left out", s.dropped);
    format!("content:\n{out}{groups}")
}
