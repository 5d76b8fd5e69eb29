//! The `hopeprint` binary: parse arguments, dispatch to a command, report, exit.

use std::process::ExitCode;

use clap::Parser;
use hopeprint::cli::{Cli, Command};
use hopeprint::commands;

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    if let Some(dir) = &cli.project {
        commands::resolve_in(dir, &mut cli.command);
    }
    let project = match commands::project(cli.project.as_deref()) {
        Ok(project) => project.with_max_file_bytes(cli.max_file_size * 1024 * 1024),
        Err(diagnostic) => {
            diagnostic.emit();
            return ExitCode::FAILURE;
        }
    };
    let result = match &cli.command {
        Command::Check(args) => commands::check::run(&project, args),
        Command::List(args) => commands::list::run(&project, args),
        Command::Render(args) => commands::render::run(&project, args),
        Command::Build(args) => commands::build::run(&project, args),
        Command::Edition { action } => commands::edition::run(&project, action),
        Command::Pack(args) => commands::pack::run(&project, args),
        Command::Watch { what } => commands::watch::run(&project, what),
        Command::Init { dir, edition, from } => commands::init::run(&project, dir, edition, from),
        Command::Schema { out } => commands::schema::run(&project, out),
        Command::Layouts { action } => commands::layouts::run(&project, action),
        Command::Eject { path, force } => commands::layouts::eject_file(&project, path, *force)
            .map(|()| std::process::ExitCode::SUCCESS)
            .map_err(|d| vec![d]),
        Command::Translation { action } => commands::translation::run(&project, action),
    };
    match result {
        Ok(code) => code,
        Err(diagnostics) => {
            for diagnostic in &diagnostics {
                diagnostic.emit();
            }
            ExitCode::FAILURE
        }
    }
}
