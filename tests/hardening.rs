//! Hostile projects: ids that are paths, links that lead out of the project, and inputs
//! that would take all memory or never end. Each case asserts the exit code, a message
//! naming the file, and that nothing is written outside the output folder; the resource
//! cases run under a memory cap (`prlimit --as`) and a time bound.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{self, write};

/// The seconds one document may take to typeset in these tests (`HOPEPRINT_TIME_LIMIT`).
const TIME_LIMIT: u64 = 15;

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
fn tree(root: &Path) -> Vec<PathBuf> {
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
struct Nest {
    temp: tempfile::TempDir,
}

const EARLIER: &[u8] = b"%PDF earlier good file";

impl Nest {
    fn new() -> Nest {
        let temp = common::temp_project();
        let nest = Nest { temp };
        std::fs::create_dir_all(nest.project().join("out/nimhe-uk")).unwrap();
        std::fs::write(nest.earlier(), EARLIER).unwrap();
        nest
    }

    fn root(&self) -> &Path {
        self.temp.path()
    }

    fn project(&self) -> PathBuf {
        self.root().join("a/b/project")
    }

    fn out(&self) -> PathBuf {
        self.project().join("out")
    }

    fn earlier(&self) -> PathBuf {
        self.out().join("nimhe-uk/key-terms.pdf")
    }

    /// Runs `args` with `-C` the project, capped; asserts it fails naming `names`, writes
    /// nothing anywhere and leaves the earlier PDF as it was.
    fn fails_writing_nothing(&self, args: &[&str], names: &str) -> String {
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

#[test]
fn an_edition_argument_that_is_a_path_is_refused_and_nothing_is_written() {
    let nest = Nest::new();
    let out = nest.out();
    let out = out.to_str().unwrap();
    let stderr = nest.fails_writing_nothing(
        &[
            "build",
            "--quiet",
            "--edition",
            "../../escaped",
            "--out",
            out,
        ],
        "`../../escaped` is not an edition id",
    );
    assert!(stderr.contains("hint:"), "{stderr}");
    let target = nest.out().join("g.pdf");
    nest.fails_writing_nothing(
        &[
            "render",
            "handout",
            "glossary",
            "--edition",
            "../../x",
            "-o",
            target.to_str().unwrap(),
        ],
        "`../../x` is not an edition id",
    );
}

#[test]
fn a_catalogue_edition_that_is_a_path_is_refused_and_nothing_is_written() {
    let nest = Nest::new();
    let catalogue = std::fs::read_to_string(common::manifest_dir().join("content/catalog.yaml"))
        .unwrap()
        + "editions: [\"../../../../escaped\"]\n";
    write(&nest.project(), "content/catalog.yaml", &catalogue);
    let out = nest.out();
    nest.fails_writing_nothing(
        &["build", "--quiet", "--out", out.to_str().unwrap()],
        "content/catalog.yaml:",
    );
}

/// An SVG logo whose `<image href>` leads to a linked file outside the project.
#[test]
fn an_svg_logo_linking_an_image_outside_the_project_is_refused() {
    let nest = Nest::new();
    let outside = nest.root().join("secret.png");
    std::fs::copy(
        common::manifest_dir().join("tests/gallery/png/nimhe-uk/key-terms.png"),
        &outside,
    )
    .unwrap();
    let project = nest.project();
    std::fs::create_dir_all(project.join("layouts")).unwrap();
    std::os::unix::fs::symlink(&outside, project.join("layouts/leak.png")).unwrap();
    write(
        &project,
        "assets/logo.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="../leak.png" width="10" height="10"/></svg>"#,
    );
    let edition =
        std::fs::read_to_string(common::manifest_dir().join("content/editions/nimhe-uk.yaml"))
            .unwrap()
            + "logo: {path: assets/logo.svg, alt: \"Trust\"}\n";
    write(&project, "content/editions/trust.yaml", &edition);
    let target = nest.out().join("g.pdf");
    nest.fails_writing_nothing(
        &[
            "render",
            "handout",
            "glossary",
            "--edition",
            "trust",
            "-o",
            target.to_str().unwrap(),
        ],
        "layouts/leak.png leads outside the project directory",
    );
}

/// A 1 MB anchor used 10,000 times stands for 10 GB: refused before it is expanded.
#[test]
fn aliases_that_expand_past_the_size_bound_are_refused_within_a_memory_cap() {
    let nest = Nest::new();
    let big = "x".repeat(1024 * 1024);
    let uses = vec!["*big"; 10_000].join(", ");
    let edition = format!("name: &big \"{big}\"\ntitle: t\ncontact: [{uses}]\n");
    write(&nest.project(), "content/editions/bomb.yaml", &edition);
    let stderr = nest.fails_writing_nothing(
        &[
            "render",
            "handout",
            "glossary",
            "--edition",
            "bomb",
            "-o",
            "/nonexistent/g.pdf",
        ],
        "content/editions/bomb.yaml:3:",
    );
    assert!(
        stderr.contains("aliases (`*name`) expand to more than"),
        "{stderr}"
    );
}

/// `terms: {"": x}` matched everywhere without moving on, forever.
#[test]
fn an_empty_term_is_refused_in_time_naming_its_line() {
    let nest = Nest::new();
    let edition =
        std::fs::read_to_string(common::manifest_dir().join("content/editions/nimhe-uk.yaml"))
            .unwrap()
            + "terms: {\"\": x}\n";
    write(&nest.project(), "content/editions/blank.yaml", &edition);
    let target = nest.out().join("g.pdf");
    let stderr = nest.fails_writing_nothing(
        &[
            "render",
            "handout",
            "glossary",
            "--edition",
            "blank",
            "-o",
            target.to_str().unwrap(),
        ],
        "content/editions/blank.yaml:",
    );
    assert!(stderr.contains("the term `` is empty"), "{stderr}");
}

/// 40,000 bad ids: each diagnostic shares the file's text, and only the first are shown.
#[test]
fn forty_thousand_bad_ids_are_reported_briefly_within_a_memory_cap() {
    let nest = Nest::new();
    let mut file = String::from(
        "source: nimhe-2004\ntitle: \"Key Terms\"\nintro: {id: intro, text: \"x\"}\nterms:\n",
    );
    for n in 0..40_000 {
        file.push_str(&format!("  - {{id: Bad_{n}, title: \"T\", text: \"x\"}}\n"));
    }
    write(&nest.project(), "content/model/key-terms.yaml", &file);
    let project = nest.project();
    let output = hopeprint_capped(
        nest.root(),
        &["-C", project.to_str().unwrap(), "check", "--quiet"],
        1024,
        120,
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("content/model/key-terms.yaml:5:"),
        "{stderr:.2000}"
    );
    let more = stderr
        .lines()
        .find_map(|l| l.strip_prefix("… and ")?.strip_suffix(" more"))
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or_else(|| panic!("no `… and N more` line:\n{stderr:.2000}"));
    assert!(more >= 39_950, "{more}");
    assert!(
        stderr.lines().count() < 2_000,
        "{} lines",
        stderr.lines().count()
    );
}

/// An A0 poster at 1200 dpi would need a 9 GB pixmap: refused before drawing, with the
/// resolution that fits.
#[test]
fn a_png_too_large_to_draw_is_refused_with_a_lower_dpi_within_a_memory_cap() {
    let nest = Nest::new();
    let target = nest.out().join("poster.png");
    let stderr = nest.fails_writing_nothing(
        &[
            "render",
            "poster",
            "--level",
            "1",
            "--paper",
            "a0",
            "--format",
            "png",
            "--dpi",
            "1200",
            "-o",
            target.to_str().unwrap(),
        ],
        "more than the limit of 150 million",
    );
    assert!(stderr.contains("hint: lower --dpi to"), "{stderr}");
}

#[test]
fn an_output_onto_a_fifo_is_refused_and_the_fifo_stays() {
    let nest = Nest::new();
    let fifo = nest.out().join("pipe.pdf");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    nest.fails_writing_nothing(
        &[
            "render",
            "handout",
            "glossary",
            "-o",
            fifo.to_str().unwrap(),
        ],
        "is a special file (a device, pipe or socket), not a file",
    );
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

#[test]
fn an_output_into_the_projects_sources_is_refused_and_the_source_stays() {
    let nest = Nest::new();
    let kept = std::fs::read_to_string(common::manifest_dir().join("content/model/key-terms.yaml"))
        .unwrap();
    let source = write(&nest.project(), "content/model/key-terms.yaml", &kept);
    let layouts = nest.project().join("layouts");
    std::fs::create_dir_all(&layouts).unwrap();
    for target in [source.clone(), layouts.join("x.pdf")] {
        nest.fails_writing_nothing(
            &[
                "render",
                "handout",
                "glossary",
                "-o",
                target.to_str().unwrap(),
            ],
            "which holds its sources",
        );
    }
    assert_eq!(std::fs::read_to_string(&source).unwrap(), kept);
}

#[test]
fn pack_split_to_a_name_without_extension_is_refused_before_anything_is_written() {
    let nest = Nest::new();
    let target = nest.out().join("session");
    nest.fails_writing_nothing(
        &[
            "pack",
            "partners-in-recovery",
            "--split",
            "-o",
            target.to_str().unwrap(),
        ],
        "--split needs an output file name with an extension",
    );
}

#[test]
fn stale_temporary_files_of_a_killed_run_are_removed_and_fresh_ones_kept() {
    let nest = Nest::new();
    let dir = nest.out().join("nimhe-uk");
    let stale = dir.join(".hopeprint-killed.part");
    let fresh = dir.join(".hopeprint-running.part");
    std::fs::write(&stale, b"half").unwrap();
    std::fs::write(&fresh, b"half").unwrap();
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    let file = std::fs::File::options().write(true).open(&stale).unwrap();
    file.set_modified(hour_ago).unwrap();
    let target = dir.join("glossary.pdf");
    let output = common::hopeprint(&[
        "render",
        "handout",
        "glossary",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!stale.exists(), "the stale temporary file is still there");
    assert!(
        fresh.exists(),
        "a temporary file another run may be writing was removed"
    );
}

/// A layout that loops ten billion times is stopped at the time limit, naming the document.
#[test]
fn a_layout_that_loops_without_end_is_stopped_at_the_time_limit() {
    let nest = Nest::new();
    write(
        &nest.project(),
        "layouts/glossary.typ.j2",
        "#for i in range(100000) { for j in range(100000) { } }\n",
    );
    let target = nest.earlier();
    let started = Instant::now();
    let stderr = nest.fails_writing_nothing(
        &[
            "render",
            "handout",
            "glossary",
            "-o",
            target.to_str().unwrap(),
        ],
        "typesetting key-terms.typ took longer than 15 s, so it was stopped",
    );
    assert!(stderr.contains("HOPEPRINT_TIME_LIMIT"), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(TIME_LIMIT + 30));
}

/// A layout that makes thousands of pages is refused before export.
#[test]
fn a_layout_that_makes_more_pages_than_the_limit_is_refused() {
    let nest = Nest::new();
    write(
        &nest.project(),
        "layouts/glossary.typ.j2",
        "#for i in range(5001) { [#i #pagebreak()] }\n",
    );
    let target = nest.earlier();
    nest.fails_writing_nothing(
        &[
            "render",
            "handout",
            "glossary",
            "-o",
            target.to_str().unwrap(),
        ],
        "key-terms.typ has 5002 pages, more than the limit of 5000",
    );
}

/// A bilingual edition whose translation covers `n` added statements of one cell.
fn bilingual_project(n: usize) -> tempfile::TempDir {
    let dir = common::temp_project();
    let sample = common::manifest_dir().join("tests/fixtures/editions/welsh-sample/content");
    for file in ["editions/cy-sample.yaml", "labels/cy.yaml"] {
        let text = std::fs::read_to_string(sample.join(file)).unwrap();
        write(dir.path(), &format!("content/{file}"), &text);
    }
    let level = "content/model/levels/1-dependent-unaware.yaml";
    let mut added = String::new();
    let mut translated = std::fs::read_to_string(sample.join("translations/cy.yaml")).unwrap();
    for i in 0..n {
        added.push_str(&format!(
            "      - id: extra-{i}\n        text: \"Extra {i}\"\n"
        ));
        translated.push_str(&format!(
            "  - ref: dependent-unaware/clinical-care/status/extra-{i}\n    source: \"Extra {i}\"\n    text: \"Ychwanegol {i}\"\n"
        ));
    }
    let text = std::fs::read_to_string(common::manifest_dir().join(level)).unwrap();
    write(
        dir.path(),
        level,
        &text.replacen("    status:\n", &format!("    status:\n{added}"), 1),
    );
    write(dir.path(), "content/translations/cy.yaml", &translated);
    dir
}

/// Seconds `check` takes on `project`.
fn check_seconds(project: &Path) -> f64 {
    let started = Instant::now();
    let output = hopeprint_capped(project, &["-C", ".", "check", "--quiet"], 4096, 120);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cy-sample"), "{stderr}");
    started.elapsed().as_secs_f64()
}

/// Eight times the statements take about eight times as long (a quadratic check took
/// sixty-four times as long): 40,000 against 5,000, with room for a busy machine.
#[test]
fn the_bilingual_check_takes_time_linear_in_the_statements() {
    let (small, large) = (bilingual_project(5_000), bilingual_project(40_000));
    let small = check_seconds(small.path());
    let large = check_seconds(large.path());
    eprintln!("5,000: {small:.2} s, 40,000: {large:.2} s");
    assert!(
        large < small * 16.0,
        "5,000: {small:.2} s, 40,000: {large:.2} s"
    );
}

#[test]
fn an_existing_file_of_another_kind_is_not_overwritten() {
    let nest = Nest::new();
    let notes = write(&nest.out(), "notes.txt", "my notes");
    nest.fails_writing_nothing(
        &[
            "render",
            "handout",
            "glossary",
            "-o",
            notes.to_str().unwrap(),
        ],
        "a file is there that hopeprint does not make",
    );
    assert_eq!(std::fs::read_to_string(notes).unwrap(), "my notes");
}

#[test]
fn a_pack_id_that_is_a_path_is_refused() {
    let nest = Nest::new();
    let target = nest.out().join("pack.pdf");
    nest.fails_writing_nothing(
        &["pack", "../../escaped", "-o", target.to_str().unwrap()],
        "`../../escaped` is not a pack id",
    );
}

/// A project beside a secret file, with links to it under layouts/ (directly and through
/// a linked folder), for the path property below.
fn project_beside_a_secret() -> (tempfile::TempDir, hopeprint::project::Project) {
    let temp = common::temp_project();
    let secret = write(temp.path(), "secret.txt", "SECRET");
    let project = temp.path().join("p");
    write(&project, "layouts/inside.typ", "inside");
    write(&project, "assets/logo.svg", "<svg/>");
    std::os::unix::fs::symlink(&secret, project.join("layouts/leak.typ")).unwrap();
    std::os::unix::fs::symlink(temp.path(), project.join("layouts/up")).unwrap();
    (temp, hopeprint::project::Project::new(project))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]

    /// Whatever path a layout names (`..`, `/`, `\`, links, encoded dots), neither the
    /// project's reader nor the layouts' loader ever gives the file outside the project.
    #[test]
    fn no_path_a_layout_names_reads_outside_the_project(
        path in "((\\.\\.|\\.|/|\\\\|%2e|up|leak\\.typ|inside\\.typ|secret\\.txt|assets|layouts|builtin)/?){1,8}"
    ) {
        let (_temp, project) = project_beside_a_secret();
        if let Ok(Some(file)) = project.read(&format!("layouts/{path}")) {
            proptest::prop_assert_ne!(&file.bytes[..], b"SECRET", "layouts/{}", path);
        }
        let env = hopeprint::layout::environment(&project);
        if let Ok(template) = env.get_template(&path) {
            proptest::prop_assert_ne!(template.source(), "SECRET", "{}", path);
        }
    }
}

/// Text no font can print (here Chinese, with only Noto Sans) is warned about, naming
/// the character, the text around it and fonts/.
#[test]
fn a_character_no_font_has_is_warned_about_with_its_text() {
    let nest = Nest::new();
    let edition =
        std::fs::read_to_string(common::manifest_dir().join("content/editions/nimhe-uk.yaml"))
            .unwrap()
            .replace(
                "title: \"Emerging Best Practices in Mental Health Recovery\"",
                "title: \"Recovery 康复\"",
            );
    assert!(edition.contains("康复"));
    write(&nest.project(), "content/editions/zh.yaml", &edition);
    let target = nest.out().join("g.pdf");
    let project = nest.project();
    let output = common::hopeprint(&[
        "-C",
        project.to_str().unwrap(),
        "render",
        "handout",
        "glossary",
        "--edition",
        "zh",
        // PDF/A (the default) refuses such text at export; without it, it prints as boxes.
        "--pdf-standard",
        "none",
        "-o",
        target.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("no font has a glyph for “康” (U+5EB7)") && stderr.contains("fonts/"),
        "{stderr}"
    );
}

/// A cell of 100,000 statements took gigabytes to typeset: it is refused at its line.
#[test]
fn a_cell_of_a_hundred_thousand_statements_is_refused_within_a_memory_cap() {
    let nest = Nest::new();
    let level = "content/model/levels/1-dependent-unaware.yaml";
    let text = std::fs::read_to_string(common::manifest_dir().join(level)).unwrap();
    let added: String = (0..100_000)
        .map(|i| format!("      - {{id: x{i}, text: \"x\"}}\n"))
        .collect();
    let text = text.replacen("    status:\n", &format!("    status:\n{added}"), 1);
    write(&nest.project(), level, &text);
    let target = nest.earlier();
    let stderr = nest.fails_writing_nothing(
        &[
            "render",
            "poster",
            "--level",
            "1",
            "-o",
            target.to_str().unwrap(),
        ],
        "1-dependent-unaware.yaml:10:5",
    );
    assert!(
        stderr.contains("has 100007 statements, more than the limit of 500"),
        "{stderr:.2000}"
    );
}

/// Patches can add statements to a cell: their number is bounded, at the first one over.
#[test]
fn an_edition_with_more_patches_than_the_limit_is_refused_at_the_first_over_it() {
    let nest = Nest::new();
    let mut edition =
        std::fs::read_to_string(common::manifest_dir().join("content/editions/nimhe-uk.yaml"))
            .unwrap()
            + "patches:\n";
    for i in 0..5_001 {
        edition.push_str(&format!(
            "  - {{add: dependent-aware/stigma/status, id: added-{i}, text: \"x\"}}\n"
        ));
    }
    let lines_before = edition.lines().count() - 5_001;
    write(&nest.project(), "content/editions/many.yaml", &edition);
    let target = nest.earlier();
    nest.fails_writing_nothing(
        &[
            "render",
            "handout",
            "glossary",
            "--edition",
            "many",
            "-o",
            target.to_str().unwrap(),
        ],
        &format!("content/editions/many.yaml:{}:", lines_before + 5_001),
    );
}

/// A layout that asks Typst for gigabytes at once (an array of a billion numbers) ends
/// with an error at the memory limit, not an abort.
#[test]
fn a_layout_that_asks_for_gigabytes_ends_with_an_error_not_an_abort() {
    let nest = Nest::new();
    write(
        &nest.project(),
        "layouts/glossary.typ.j2",
        "#for i in range(1000000000) { }\n",
    );
    let target = nest.earlier();
    nest.fails_writing_nothing(
        &[
            "render",
            "handout",
            "glossary",
            "-o",
            target.to_str().unwrap(),
        ],
        "hopeprint needs more memory than its limit for this, and stops",
    );
}

#[test]
fn a_build_into_the_projects_sources_is_refused_before_anything_is_written() {
    let nest = Nest::new();
    let out = nest.project().join("content/out");
    std::fs::create_dir_all(nest.project().join("content")).unwrap();
    nest.fails_writing_nothing(
        &["build", "--quiet", "--out", out.to_str().unwrap()],
        "inside the project's content/ folder",
    );
}
