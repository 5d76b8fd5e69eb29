//! Running hopeprint on a hostile project: under a memory cap (`prlimit --as`) and a
//! time bound, in a nest of folders where `../..` stays inside a temporary folder, with an
//! earlier PDF that must stay as it was and a check that nothing at all was written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::temp_project;

/// The seconds one document may take to typeset in these tests (`HOPEPRINT_TIME_LIMIT`).
pub const TIME_LIMIT: u64 = 15;

/// Runs hopeprint in `dir` with its address space capped at `memory_mb` and killed after
/// `seconds`: a run that takes longer fails the test (a hang), and one that needs more
/// memory ends (an abort), which the test then sees.
pub fn hopeprint_capped(dir: &Path, args: &[&str], memory_mb: u64, seconds: u64) -> Output {
    let mut child = Command::new("prlimit")
        .arg(format!("--as={}", memory_mb * 1024 * 1024))
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_hopeprint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("HOPEPRINT_TIME_LIMIT", TIME_LIMIT.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("prlimit (util-linux) runs hopeprint");
    // Drained while it runs: a full pipe would stop the child before it exits.
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = vec![];
            if let Some(mut pipe) = pipe {
                std::io::Read::read_to_end(&mut pipe, &mut bytes).ok();
            }
            bytes
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(seconds) {
            child.kill().unwrap();
            child.wait().unwrap();
            let stderr = stderr.join().unwrap();
            panic!(
                "hopeprint {args:?} did not finish in {seconds} s:\n{}",
                String::from_utf8_lossy(&stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

/// Every file and folder under `root`, relative to it, sorted.
pub fn tree(root: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            out.push(path.strip_prefix(root).unwrap().to_path_buf());
            if path.is_dir() && !path.is_symlink() {
                stack.push(path);
            }
        }
    }
    out.sort();
    out
}

/// A project at `<temp>/a/b/project` with an earlier PDF at `out/nimhe-uk/key-terms.pdf`,
/// so that `../../x` from the project or the output folder stays inside `<temp>`.
pub struct Nest {
    temp: tempfile::TempDir,
}

pub const EARLIER: &[u8] = b"%PDF earlier good file";

impl Nest {
    pub fn new() -> Nest {
        let temp = temp_project();
        let nest = Nest { temp };
        std::fs::create_dir_all(nest.project().join("out/nimhe-uk")).unwrap();
        std::fs::write(nest.earlier(), EARLIER).unwrap();
        nest
    }

    pub fn root(&self) -> &Path {
        self.temp.path()
    }

    pub fn project(&self) -> PathBuf {
        self.root().join("a/b/project")
    }

    pub fn out(&self) -> PathBuf {
        self.project().join("out")
    }

    pub fn earlier(&self) -> PathBuf {
        self.out().join("nimhe-uk/key-terms.pdf")
    }

    /// Runs `args` with `-C` the project, capped; asserts it fails naming `names`, writes
    /// nothing anywhere and leaves the earlier PDF as it was.
    pub fn fails_writing_nothing(&self, args: &[&str], names: &str) -> String {
        let before = tree(self.root());
        let project = self.project();
        let mut all = vec!["-C", project.to_str().unwrap()];
        all.extend_from_slice(args);
        let output = hopeprint_capped(self.root(), &all, 4096, 120);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(output.status.code(), Some(1), "{args:?}:\n{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(
            stderr.contains(names),
            "the message names no `{names}`:\n{stderr}"
        );
        assert_eq!(tree(self.root()), before, "{args:?} wrote files");
        assert_eq!(std::fs::read(self.earlier()).unwrap(), EARLIER);
        stderr
    }
}
