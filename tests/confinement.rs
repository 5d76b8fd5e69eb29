//! Confinement: ids that are paths, links and `..` that lead out of the project, and
//! outputs that would replace what is not theirs. Each case asserts the exit code, a
//! message naming the file, that nothing at all is written and that the earlier output
//! stays (`common::hostile::Nest`).

use std::process::Command;
use std::time::Duration;

use crate::common::hostile::Nest;
use crate::common::{self, write};

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
    std::fs::write(&outside, tiny_png()).unwrap();
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

/// As root, `-o /dev/null` replaced the device with a regular file.
#[test]
fn an_output_onto_a_device_is_refused_and_the_device_stays() {
    let nest = Nest::new();
    for extra in [None, Some("--overwrite")] {
        let mut args = vec!["render", "handout", "glossary", "-o", "/dev/null"];
        args.extend(extra);
        nest.fails_writing_nothing(
            &args,
            "is a special file (a device, pipe or socket), not a file",
        );
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn an_output_over_a_projects_source_is_refused_and_the_source_stays() {
    let nest = Nest::new();
    let sources = [
        "content/model/key-terms.yaml",
        "layouts/glossary.typ.j2",
        "assets/logo.png",
    ];
    let mut kept = vec![];
    for source in sources {
        // The built-in file (a PNG for the logo), so that the project works.
        let bytes = match source {
            "assets/logo.png" => tiny_png(),
            _ => std::fs::read(common::manifest_dir().join(source)).unwrap(),
        };
        let path = nest.project().join(source);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &bytes).unwrap();
        kept.push((path, bytes));
    }
    for (path, _) in &kept {
        // One page, so that a PNG goes to exactly the path given.
        nest.fails_writing_nothing(
            &[
                "render",
                "handout",
                "glossary",
                "--page",
                "1",
                "-o",
                path.to_str().unwrap(),
            ],
            "which holds its sources",
        );
    }
    for (path, bytes) in kept {
        assert_eq!(std::fs::read(path).unwrap(), bytes);
    }
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

#[test]
fn an_existing_file_of_another_kind_is_not_overwritten_and_the_hint_names_overwrite() {
    let nest = Nest::new();
    let notes = write(&nest.out(), "notes.txt", "my notes");
    let stderr = nest.fails_writing_nothing(
        &[
            "render",
            "handout",
            "glossary",
            "-o",
            notes.to_str().unwrap(),
        ],
        "a file is there that hopeprint does not make",
    );
    assert!(stderr.contains("add --overwrite"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my notes");
    let target = nest.out().join("session.txt");
    std::fs::write(&target, "agenda").unwrap();
    nest.fails_writing_nothing(
        &[
            "pack",
            "partners-in-recovery",
            "-o",
            target.to_str().unwrap(),
        ],
        "a file is there that hopeprint does not make",
    );
}

#[test]
fn with_overwrite_an_existing_file_of_another_kind_is_replaced_by_the_document() {
    let nest = Nest::new();
    let project = nest.project();
    for (name, theirs, ours) in [
        ("notes.txt", "my notes", "%PDF-"),
        ("page.html", "<p>a trust's own page</p>", "<!DOCTYPE html>"),
    ] {
        let target = write(&nest.out(), name, theirs);
        let args = [
            "render",
            "handout",
            "glossary",
            "-o",
            target.to_str().unwrap(),
        ];
        nest.fails_writing_nothing(&args, "add --overwrite");
        let mut all = vec!["-C", project.to_str().unwrap()];
        all.extend(args);
        all.push("--overwrite");
        let output = common::hopeprint(&all);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{name}: {stderr}");
        let now = std::fs::read(&target).unwrap();
        assert!(now.starts_with(ours.as_bytes()), "{name}");
    }
}

#[test]
fn overwrite_still_never_replaces_a_projects_source_a_link_or_a_fifo() {
    let nest = Nest::new();
    let source = "content/model/key-terms.yaml";
    let bytes = std::fs::read(common::manifest_dir().join(source)).unwrap();
    let source = nest.project().join(source);
    std::fs::create_dir_all(source.parent().unwrap()).unwrap();
    std::fs::write(&source, &bytes).unwrap();
    let link = nest.out().join("link.txt");
    std::os::unix::fs::symlink(nest.root().join("elsewhere.txt"), &link).unwrap();
    let fifo = nest.out().join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for (target, says) in [
        (&source, "which holds its sources"),
        (&link, "it is a symbolic link, not a file"),
        (
            &fifo,
            "is a special file (a device, pipe or socket), not a file",
        ),
    ] {
        nest.fails_writing_nothing(
            &[
                "render",
                "handout",
                "glossary",
                "--overwrite",
                "-o",
                target.to_str().unwrap(),
            ],
            says,
        );
    }
    assert_eq!(std::fs::read(&source).unwrap(), bytes);
}

/// `-o handout` writes a PDF named without an extension; the same command again replaces
/// it (it is a PDF by its first bytes), while a text file of that name stays.
#[test]
fn a_document_written_without_an_extension_is_replaced_by_the_same_command_again() {
    let nest = Nest::new();
    let target = nest.out().join("handout");
    let project = nest.project();
    let args = [
        "-C",
        project.to_str().unwrap(),
        "render",
        "handout",
        "glossary",
        "-o",
        target.to_str().unwrap(),
    ];
    for run in ["first", "second"] {
        let output = common::hopeprint(&args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{run} run: {stderr}");
    }
    assert!(std::fs::read(&target).unwrap().starts_with(b"%PDF-"));
    std::fs::write(&target, "not a PDF").unwrap();
    nest.fails_writing_nothing(&args[2..], "a file is there that hopeprint does not make");
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

/// A 2 × 2 grey PNG.
fn tiny_png() -> Vec<u8> {
    let mut bytes = vec![];
    let mut encoder = png::Encoder::new(&mut bytes, 2, 2);
    encoder.set_color(png::ColorType::Grayscale);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&[128; 4]).unwrap();
    writer.finish().unwrap();
    bytes
}

/// An edition's logo is an image of the project's assets/: a path into content/ or
/// layouts/, `..`, a link (or a linked folder) leading out of the project and a FIFO are
/// each refused at the edition's `logo:` line, before anything is read or written.
#[test]
fn an_edition_logo_outside_assets_or_leading_out_of_the_project_is_refused_at_its_line() {
    let nest = Nest::new();
    let project = nest.project();
    std::fs::write(nest.root().join("secret.png"), tiny_png()).unwrap();
    std::fs::create_dir_all(project.join("assets")).unwrap();
    std::os::unix::fs::symlink(
        nest.root().join("secret.png"),
        project.join("assets/out.png"),
    )
    .unwrap();
    std::os::unix::fs::symlink(nest.root(), project.join("assets/up")).unwrap();
    let fifo = project.join("assets/pipe.png");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let base =
        std::fs::read_to_string(common::manifest_dir().join("content/editions/nimhe-uk.yaml"))
            .unwrap();
    let target = nest.out().join("g.pdf");
    for (logo, says) in [
        (
            "content/model/key-terms.yaml",
            "must be in the project's assets/ folder",
        ),
        (
            "layouts/theme.typ",
            "must be in the project's assets/ folder",
        ),
        ("/etc/passwd", "must be in the project's assets/ folder"),
        (
            "assets/../content/catalog.yaml",
            "must be in the project's assets/ folder",
        ),
        ("assets/out.png", "leads outside the project directory"),
        (
            "assets/up/secret.png",
            "leads outside the project directory",
        ),
        (
            "assets/pipe.png",
            "is a device, pipe or socket, not a regular file",
        ),
    ] {
        let edition = format!("{base}logo: {{path: \"{logo}\", alt: \"Trust\"}}\n");
        let line = edition.lines().count();
        write(&project, "content/editions/trust.yaml", &edition);
        let stderr = nest.fails_writing_nothing(
            &[
                "render",
                "handout",
                "glossary",
                "--edition",
                "trust",
                "-o",
                target.to_str().unwrap(),
            ],
            says,
        );
        assert!(
            stderr.contains(&format!("content/editions/trust.yaml:{line}:")),
            "{logo}: {stderr}"
        );
    }
}

/// A FIFO where the project has a file (an image a layout shows, a content file) is
/// refused at once, never opened: opening it would wait for a writer until the time limit.
#[test]
fn a_fifo_among_the_projects_files_is_refused_at_once_never_opened() {
    let nest = Nest::new();
    let project = nest.project();
    std::fs::create_dir_all(project.join("assets")).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(project.join("assets/pipe.png"))
            .status()
            .unwrap()
            .success()
    );
    write(
        &project,
        "layouts/glossary.typ.j2",
        "#image(\"/assets/pipe.png\")\n",
    );
    let target = nest.earlier();
    let started = std::time::Instant::now();
    nest.fails_writing_nothing(
        &[
            "render",
            "handout",
            "glossary",
            "-o",
            target.to_str().unwrap(),
        ],
        "assets/pipe.png is a device, pipe or socket, not a regular file",
    );
    std::fs::remove_file(project.join("layouts/glossary.typ.j2")).unwrap();
    std::fs::create_dir_all(project.join("content")).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(project.join("content/catalog.yaml"))
            .status()
            .unwrap()
            .success()
    );
    nest.fails_writing_nothing(
        &["check", "--quiet"],
        "content/catalog.yaml is a device, pipe or socket, not a regular file",
    );
    let limit = Duration::from_secs(crate::common::hostile::TIME_LIMIT);
    assert!(started.elapsed() < limit, "{:?}", started.elapsed());
}

/// `layouts eject`, `eject` and `translation init` write into the project's folders: one
/// that is a link leading out of the project is refused (with --force too), before any
/// folder is made, and nothing is written where it leads.
#[test]
fn ejecting_into_a_folder_linked_outside_the_project_is_refused_and_nothing_is_written() {
    let nest = Nest::new();
    let project = nest.project();
    let elsewhere = nest.root().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::create_dir_all(project.join("content")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, project.join("layouts")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, project.join("content/labels")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, project.join("content/translations")).unwrap();
    let cases: [&[&str]; 6] = [
        &["layouts", "eject", "theme.typ"],
        &["layouts", "eject", "level-poster.typ.j2", "--force"],
        &["eject", "layouts/theme.typ"],
        &["eject", "content/labels/en.yaml", "--force"],
        &["translation", "init", "cy"],
        &["translation", "init", "cy", "--force"],
    ];
    for args in cases {
        let stderr = nest.fails_writing_nothing(args, "leads outside the project directory");
        assert!(
            stderr.contains("error: cannot write "),
            "{args:?}: {stderr}"
        );
    }
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
}

/// A build's lock file and manifest are its own: a link there (whose target opening it
/// would create, outside the output folder) or a FIFO (which reading would wait on for
/// ever) is refused before anything is rendered.
#[test]
fn a_build_whose_lock_or_manifest_is_a_link_or_a_fifo_is_refused_before_rendering() {
    for (name, fifo) in [
        (".hopeprint-lock", false),
        (".hopeprint-lock", true),
        (".hopeprint-manifest.json", false),
        (".hopeprint-manifest.json", true),
    ] {
        let nest = Nest::new();
        let own = nest.out().join(name);
        if fifo {
            assert!(Command::new("mkfifo").arg(&own).status().unwrap().success());
        } else {
            std::os::unix::fs::symlink(nest.root().join("created"), &own).unwrap();
        }
        let out = nest.out();
        nest.fails_writing_nothing(
            &[
                "build",
                "--quiet",
                "--edition",
                "nimhe-uk",
                "--out",
                out.to_str().unwrap(),
            ],
            &format!("{name} is not a regular file"),
        );
        assert!(!nest.root().join("created").exists(), "{name}");
    }
}
