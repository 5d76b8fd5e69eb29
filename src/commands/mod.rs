//! One module per command; each returns an exit code or the diagnostics to print.

use std::path::Path;
use std::process::ExitCode;

use crate::diag::Diagnostics;
use crate::project::Project;

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

/// The project directory: `-C DIR` or the current directory.
pub fn project(dir: Option<&Path>) -> Project {
    Project::new(dir.map_or_else(
        || std::env::current_dir().unwrap_or_default(),
        Path::to_path_buf,
    ))
}
