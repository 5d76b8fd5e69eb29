//! Fuzzes the paths a project file or a layout names: whatever the bytes (`..`, `/`, `\`,
//! links, encoded dots), neither the project's reader nor the layouts' loader gives a file
//! outside the project, and neither panics. (`tests/hardening.rs` runs the same property
//! as a proptest in `cargo test`.)
#![no_main]

use std::sync::OnceLock;

use hopeprint::project::Project;
use libfuzzer_sys::fuzz_target;

const SECRET: &[u8] = b"SECRET outside the project";

/// A project beside a secret file, with links to it under layouts/ and assets/ (directly
/// and through a linked folder), made once per run.
fn project() -> &'static Project {
    static PROJECT: OnceLock<Project> = OnceLock::new();
    PROJECT.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("hopeprint-fuzz-paths-{}", std::process::id()));
        let project = root.join("p");
        for dir in ["layouts", "assets", "content", "fonts"] {
            std::fs::create_dir_all(project.join(dir)).unwrap();
        }
        let secret = root.join("secret.txt");
        std::fs::write(&secret, SECRET).unwrap();
        std::fs::write(project.join("layouts/inside.typ"), "inside").unwrap();
        let _ = std::os::unix::fs::symlink(&secret, project.join("layouts/leak.typ"));
        let _ = std::os::unix::fs::symlink(&secret, project.join("assets/leak.svg"));
        let _ = std::os::unix::fs::symlink(&root, project.join("layouts/up"));
        Project::new(project)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(path) = std::str::from_utf8(data) else {
        return;
    };
    let project = project();
    for under in ["layouts", "assets", "content", "fonts"] {
        if let Ok(Some(file)) = project.read(&format!("{under}/{path}")) {
            assert_ne!(&file.bytes[..], SECRET, "{under}/{path}");
        }
    }
    let env = hopeprint::layout::environment(project);
    if let Ok(template) = env.get_template(path) {
        assert_ne!(template.source().as_bytes(), SECRET, "{path}");
    }
});
