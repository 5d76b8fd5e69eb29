//! `hopeprint watch` renders again after a change to a content file, and keeps going after
//! an error. The test is bounded: it gives up after 60 s and always stops the process.

use crate::common;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn watch_renders_again_when_content_changes() {
    let dir = common::temp_project();
    let terms = common::built_in()
        .read("content/model/key-terms.yaml")
        .unwrap()
        .unwrap()
        .text()
        .unwrap()
        .to_string();
    let path = common::write(dir.path(), "content/model/key-terms.yaml", &terms);
    let pdf = dir.path().join("glossary.pdf");
    let child = Command::new(env!("CARGO_BIN_EXE_hopeprint"))
        .args([
            "-C",
            dir.path().to_str().unwrap(),
            "watch",
            "render",
            "handout",
            "glossary",
            "-o",
            pdf.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _guard = Killed(child);
    let text = || {
        std::fs::read(&pdf)
            .ok()
            .map(|b| common::pdf_text(&b))
            .unwrap_or_default()
    };
    wait_for("the first render", || {
        text().contains("Stereotypes associated with mental illness")
    });

    // A broken file: the watch reports it and goes on.
    std::fs::write(&path, "title: [\n").unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    // Fixed, with a changed definition: rendered again.
    std::fs::write(
        &path,
        terms.replace(
            "Stereotypes associated with mental illness",
            "Stereotypes (changed while watching)",
        ),
    )
    .unwrap();
    wait_for("the second render", || {
        text().contains("Stereotypes (changed while watching)")
    });
}

#[test]
fn an_idle_watch_renders_nothing_more_after_the_first_render() {
    let dir = common::temp_project();
    let terms = common::built_in()
        .read("content/model/key-terms.yaml")
        .unwrap()
        .unwrap()
        .text()
        .unwrap()
        .to_string();
    common::write(dir.path(), "content/model/key-terms.yaml", &terms);
    // The output goes into a watched folder: writing it must not count as a change either.
    // `-C` and `-o` are relative, as a user types them.
    let log = dir.path().join("watch.log");
    let name = dir.path().file_name().unwrap().to_str().unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_hopeprint"))
        .current_dir(dir.path().parent().unwrap())
        .args(["-C", name, "watch", "render"])
        .args(["handout", "glossary", "-o", "content/glossary.pdf"])
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let _guard = Killed(child);
    let runs = || {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        text.matches("done; waiting for changes").count()
            + text.matches("failed; fix the problem").count()
    };
    wait_for("the first render", || runs() >= 1);
    assert!(dir.path().join("content/glossary.pdf").is_file());
    // Reading the files (as a render does) is not a change.
    std::thread::sleep(Duration::from_millis(500));
    let _ = std::fs::read_to_string(dir.path().join("content/model/key-terms.yaml"));
    std::thread::sleep(Duration::from_millis(2500));
    let text = std::fs::read_to_string(&log).unwrap();
    assert_eq!(runs(), 1, "rendered again with nothing changed:\n{text}");
    assert!(!text.contains("change seen"), "{text}");
}

#[test]
fn watch_with_nothing_to_watch_names_the_folder() {
    let dir = common::temp_project();
    let output = common::hopeprint_in(dir.path(), &["watch", "build"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error: the current folder (") && stderr.contains("has none of content/"),
        "{stderr}"
    );
}
