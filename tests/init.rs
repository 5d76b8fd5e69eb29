//! `init` then `build`: a new trust's project makes its full set at once, with its
//! organisation and logo in the PDFs, and schemas for editors.

use crate::common::{self, hopeprint};

/// The share of pixels in the top-right corner of page 1 that are the placeholder logo's
/// blue (#1d4e89), from hopeprint's own PNG export.
fn logo_blue_in_corner(dir: &str, edition: &str) -> f64 {
    let png_path = std::path::Path::new(dir).join(format!("{edition}-page1.png"));
    let output = hopeprint(&[
        "-C",
        dir,
        "render",
        "handout",
        "glossary",
        "--edition",
        edition,
        "--format",
        "png",
        "--dpi",
        "30",
        "--page",
        "1",
        "-o",
        png_path.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&png_path).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    let channels = info.line_size / info.width as usize;
    let (w, h) = (info.width as usize, info.height as usize);
    let (mut blue, mut all) = (0, 0);
    for y in 0..h / 10 {
        for x in w * 3 / 4..w {
            let p = &buffer[y * info.line_size + x * channels..][..3];
            all += 1;
            if p[0].abs_diff(0x1d) < 12 && p[1].abs_diff(0x4e) < 12 && p[2].abs_diff(0x89) < 12 {
                blue += 1;
            }
        }
    }
    f64::from(blue) / f64::from(all)
}

#[test]
fn init_then_build_makes_the_trusts_full_set() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("trust");
    let dir_s = dir.to_str().unwrap();
    let output = hopeprint(&["init", dir_s, "--edition", "test-trust-2027"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let edition =
        std::fs::read_to_string(dir.join("content/editions/test-trust-2027.yaml")).unwrap();
    assert!(
        edition.starts_with("# yaml-language-server: $schema=../../schemas/edition.schema.json")
    );
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("schemas/edition.schema.json")).unwrap(),
    )
    .unwrap();
    assert!(
        schema["properties"]["terms"].is_object(),
        "the edition schema describes `terms`"
    );

    let out = dir.join("out");
    let output = hopeprint(&[
        "-C",
        dir_s,
        "build",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let pdfs: Vec<_> = std::fs::read_dir(out.join("test-trust-2027"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(
        pdfs.len(),
        34,
        "the whole catalogue, for the new edition only"
    );
    assert!(
        !out.join("nimhe-uk").exists(),
        "the catalogue names only the new edition"
    );
    let bytes = std::fs::read(out.join("test-trust-2027/key-terms.pdf")).unwrap();
    assert!(
        common::pdf_text(&bytes).contains("Your organisation"),
        "the organisation is printed"
    );
    let with_logo = logo_blue_in_corner(dir_s, "test-trust-2027");
    let without = logo_blue_in_corner(dir_s, "nimhe-uk");
    assert!(
        with_logo > 0.05 && without < 0.01,
        "the logo is drawn at the top right: {with_logo} vs {without}"
    );

    let again = hopeprint(&["init", dir_s, "--edition", "test-trust-2027"]);
    assert_eq!(
        again.status.code(),
        Some(1),
        "init never overwrites a project"
    );
}

#[test]
fn build_warns_by_name_about_placeholders_left_by_init_until_they_are_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("trust");
    let dir_s = dir.to_str().unwrap();
    assert!(
        hopeprint(&["init", dir_s, "--edition", "anytown"])
            .status
            .success()
    );
    let build = || {
        let output = hopeprint(&["-C", dir_s, "build", "--quiet", "--shard", "1/40"]);
        assert!(output.status.success());
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let stderr = build();
    assert!(
        stderr.contains("edition `anytown` still prints what `hopeprint init` put there"),
        "{stderr}"
    );
    for named in [
        "organisation: \"Your organisation\"",
        "contact: the nimhe-uk edition's (\"Piers Allott",
        "logo: assets/logo.svg is the placeholder",
    ] {
        assert!(stderr.contains(named), "`{named}` not named: {stderr}");
    }
    let path = dir.join("content/editions/anytown.yaml");
    let edition = std::fs::read_to_string(&path).unwrap();
    let edition = edition
        .replace("Your organisation\"", "Anytown NHS Foundation Trust\"")
        .replace(
            "Piers Allott, NIMHE Fellow for Recovery",
            "Recovery College, Anytown",
        );
    std::fs::write(&path, edition).unwrap();
    std::fs::write(
        dir.join("assets/logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>\n",
    )
    .unwrap();
    let stderr = build();
    assert!(!stderr.contains("still prints"), "{stderr}");
}
