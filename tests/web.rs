//! The web edition: every page valid HTML with the statements of its PDF, accessible
//! structure (language, headings, table headers, alt text, link text), content as text,
//! the index of an edition, incremental builds, and a page a browser draws.

use std::path::{Path, PathBuf};

use crate::common::*;
use hopeprint::document::resolve_request;
use hopeprint::layout;
use hopeprint::render;
use hopeprint::typeset::PdfStandard;
use hopeprint::web::{self, Site};
use proptest::prelude::*;
use scraper::{ElementRef, Html, Selector};

/// Whether a tool the web tests drive (tidy, chromium) is here; without it the test says
/// so and passes, except in CI (`HOPEPRINT_REQUIRE_TOOLS=1`), which installs them.
fn tool(name: &str) -> bool {
    let found = std::process::Command::new(name)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("HOPEPRINT_REQUIRE_TOOLS").is_none(),
            "`{name}` is needed by this test (HOPEPRINT_REQUIRE_TOOLS is set)"
        );
        eprintln!("skipped: `{name}` is not installed");
    }
    found
}

fn select(selector: &str) -> Selector {
    Selector::parse(selector).expect("a valid selector")
}

/// The text of an element, white space collapsed.
fn text_of(element: ElementRef<'_>) -> String {
    squash(&element.text().collect::<String>())
}

/// The web page of every document of every built-in edition, made from the same
/// context as its PDF: (document name, edition, page, the text of its PDF when `with_pdf`,
/// the statements its content prints there).
fn every_built_in_page(with_pdf: bool) -> Vec<(String, String, String, String, Vec<String>)> {
    let project = built_in();
    let env = layout::environment(&project);
    let mut pages = vec![];
    for (ts, settings, library, request) in every_built_in_document() {
        let doc = resolve_request(&library, &request, &settings).unwrap();
        let edition = settings.edition.as_ref().unwrap();
        let site = Site::new(&project, Some(edition), true).unwrap();
        let page = web::page(&env, &site, &doc, &format!("{}.pdf", doc.name))
            .unwrap_or_else(|d| panic!("{}: {d}", doc.name));
        let pdf = match with_pdf {
            true => {
                let typeset = render::typeset(&ts, &env, &doc, date()).unwrap();
                pdf_text(&pdf(&typeset, &doc.name, PdfStandard::None).unwrap())
            }
            false => String::new(),
        };
        let mut statements = vec![];
        library.walk(&mut |s| {
            if doc.prints(&s.reference)
                && let Some(text) = s.item.text.as_deref()
            {
                statements.push(squash(text));
            }
        });
        pages.push((doc.name, edition.id.clone(), page, pdf, statements));
    }
    pages
}

#[test]
fn every_statement_a_documents_pdf_prints_is_in_its_web_page() {
    let pages = every_built_in_page(true);
    assert!(pages.len() > 60, "both editions' catalogues");
    let mut checked = 0;
    for (name, edition, page, pdf, statements) in pages {
        let text = squash(
            &Html::parse_document(&page)
                .root_element()
                .text()
                .collect::<String>(),
        );
        // A handout prints some of the statements its source holds (the self-inventory
        // only its questions): those its PDF prints.
        for statement in statements.iter().filter(|s| pdf.contains(s.as_str())) {
            assert!(
                text.contains(statement.as_str()),
                "{edition}/{name}: “{statement}” is in its PDF but not in its web page"
            );
            checked += 1;
        }
    }
    assert!(checked > 2000, "only {checked} statements were checked");
}

/// Every problem the accessibility checks find in one page.
fn accessibility_problems(page: &str, lang: &str) -> Vec<String> {
    let html = Html::parse_document(page);
    let mut problems = vec![];
    let root = html.root_element();
    if root.value().attr("lang") != Some(lang) {
        problems.push(format!(
            "lang is {:?}, not {lang}",
            root.value().attr("lang")
        ));
    }
    let title = html.select(&select("head > title")).next().map(text_of);
    if title.is_none_or(|t| t.is_empty()) {
        problems.push("no title".into());
    }
    let headings: Vec<(usize, String)> = html
        .select(&select("h1, h2, h3, h4, h5, h6"))
        .map(|h| (h.value().name()[1..].parse().unwrap(), text_of(h)))
        .collect();
    if headings.iter().filter(|(level, _)| *level == 1).count() != 1 || headings[0].0 != 1 {
        problems.push("the first heading is not the page's one h1".into());
    }
    for pair in headings.windows(2) {
        if pair[1].0 > pair[0].0 + 1 {
            problems.push(format!(
                "h{} “{}” after h{}",
                pair[1].0, pair[1].1, pair[0].0
            ));
        }
    }
    if headings.iter().any(|(_, text)| text.is_empty()) {
        problems.push("an empty heading".into());
    }
    for th in html.select(&select("th")) {
        if !matches!(th.value().attr("scope"), Some("col" | "row")) {
            problems.push(format!("th “{}” without scope", text_of(th)));
        }
    }
    for img in html.select(&select("img")) {
        if img.value().attr("alt").is_none() {
            problems.push("an image without alt".into());
        }
    }
    for a in html.select(&select("a")) {
        let text = text_of(a);
        if text.is_empty() || ["click here", "here", "link", "more"].contains(&text.as_str()) {
            problems.push(format!("a link whose text says nothing: “{text}”"));
        }
    }
    let skip = html.select(&select("body a")).next();
    let skip_target = skip.and_then(|a| a.value().attr("href"));
    if skip_target != Some("#main") || html.select(&select("main#main")).next().is_none() {
        problems.push("the first link is not a skip link to <main id=main>".into());
    }
    problems
}

#[test]
fn every_web_page_passes_the_accessibility_checks() {
    for (name, edition, page, ..) in every_built_in_page(false) {
        let lang = match edition.as_str() {
            "ohio-us" => "en-US",
            _ => "en-GB",
        };
        let problems = accessibility_problems(&page, lang);
        assert!(problems.is_empty(), "{edition}/{name}: {problems:#?}");
    }
}

#[test]
fn a_posters_web_page_has_its_matrix_as_a_table_with_column_and_row_headers() {
    let page = every_built_in_page(false)
        .into_iter()
        .find(|(name, edition, ..)| {
            edition == "nimhe-uk" && name == "level-2-dependent-aware-poster"
        })
        .expect("level 2's poster")
        .2;
    let html = Html::parse_document(&page);
    let table = html
        .select(&select("table.matrix"))
        .next()
        .expect("a table");
    let columns: Vec<String> = table
        .select(&select("thead th[scope=col]"))
        .map(text_of)
        .collect();
    let rows: Vec<String> = table
        .select(&select("tbody th[scope=row]"))
        .map(text_of)
        .collect();
    assert_eq!(
        columns.len(),
        10,
        "the corner and nine components: {columns:?}"
    );
    assert!(columns.contains(&"Peer Support & Relationships".to_string()));
    assert_eq!(rows.len(), 3, "three roles: {rows:?}");
    // On a phone each cell says which column it is in (the stylesheet shows `data-label`).
    let labels: Vec<&str> = table
        .select(&select("tbody tr:first-child td"))
        .filter_map(|td| td.value().attr("data-label"))
        .collect();
    assert_eq!(labels.len(), 9);
    assert_eq!(labels[0], columns[1]);
    let pdf = html
        .select(&select(".print-version a"))
        .next()
        .expect("a PDF link");
    assert_eq!(
        pdf.value().attr("href"),
        Some("level-2-dependent-aware-poster.pdf")
    );
}

const PROBE: &str = "<!DOCTYPE html><html lang=\"en\"><head><title>{{ text }}</title></head><body><p id=\"plain\">{{ text }}</p><p id=\"linked\">{{ text|linked }}</p><a id=\"attr\" title=\"{{ text }}\" href=\"#\">x</a></body></html>\n";

/// `text` through an HTML layout, as plain text, as linked text and in an attribute; the
/// page read back.
fn html_round_trip(project: &hopeprint::project::Project, text: &str) -> Html {
    let env = layout::environment(project);
    let page = layout::render(&env, "probe.html.j2", &serde_json::json!({ "text": text }))
        .unwrap_or_else(|d| panic!("{text:?}: {d}"));
    Html::parse_document(&page)
}

const NASTY: &[&str] = &[
    "<script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "' onmouseover='alert(1)",
    "&amp; &lt; &#60; &",
    "<!-- comment -->",
    "<![CDATA[ x ]]>",
    "{{ x }} {% raw %}",
    "javascript:alert(1)",
    "https://example.org/?a=1&b=\"2\"<x>",
    "mail me@example.org, or see www.example.org.",
    "Welsh: ŵ ŷ Ŵ Ŷ — “quotes” ’",
];

#[test]
fn hostile_strings_are_text_in_a_web_page_and_make_no_element() {
    let dir = temp_project();
    write(dir.path(), "layouts/probe.html.j2", PROBE);
    let project = hopeprint::project::Project::new(dir.path());
    for text in NASTY {
        let html = html_round_trip(&project, text);
        for id in ["#plain", "#linked"] {
            let p = html.select(&select(id)).next().unwrap();
            assert_eq!(p.text().collect::<String>(), *text, "{id}");
        }
        let attr = html.select(&select("#attr")).next().unwrap();
        assert_eq!(attr.value().attr("title"), Some(*text));
        let title = html.select(&select("title")).next().unwrap();
        assert_eq!(title.text().collect::<String>(), *text);
        assert_eq!(
            html.select(&select("script, img, p *:not(a)")).count(),
            0,
            "{text}"
        );
        for link in html.select(&select("a[href]")) {
            let href = link.value().attr("href").unwrap();
            assert!(
                ["#", "https://", "http://", "mailto:", "tel:"]
                    .iter()
                    .any(|s| href.starts_with(s)),
                "{text}: a link to {href}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_string_comes_out_of_a_web_page_exactly(text in "[ -~ŵŷéü£€—“”’\n]{1,40}") {
        let dir = temp_project();
        write(dir.path(), "layouts/probe.html.j2", PROBE);
        let project = hopeprint::project::Project::new(dir.path());
        let html = html_round_trip(&project, &text);
        for id in ["#plain", "#linked"] {
            let p = html.select(&select(id)).next().unwrap();
            prop_assert_eq!(p.text().collect::<String>(), text.clone());
        }
        prop_assert_eq!(html.select(&select("p *:not(a)")).count(), 0);
    }
}

/// A trust's edition with a logo, its own colours and contact, and a statement that is
/// markup.
const TRUST: &str = r##"name: "Test trust edition"
title: "Recovery at Test Trust"
organisation: "Test NHS Foundation Trust"
logo: {path: "assets/logo.svg", alt: "Test Trust logo"}
version: "Trust edition 2"
date: "2026-03-04"
contact:
  - "recovery@test-trust.nhs.uk"
  - "www.test-trust.nhs.uk/recovery"
look:
  accent: "#005eb8"
  levels: ["#8a1538", "#9a3a06", "#00703c", "#003087"]
patches:
  - replace: dependent-aware/stigma/status/feels-misunderstood
    text: "<script>alert(1)</script> & <b>not bold</b>"
"##;

const LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#005eb8"/></svg>"##;

/// A project with the trust's edition, built as the web edition into `out/`.
fn trust_web_build() -> (tempfile::TempDir, PathBuf) {
    let dir = temp_project();
    write(dir.path(), "content/editions/test-trust.yaml", TRUST);
    write(dir.path(), "assets/logo.svg", LOGO);
    write(
        dir.path(),
        "content/catalog.yaml",
        "version: \"1\"\ndate: \"2026-03-04\"\neditions: [test-trust]\ndocuments:\n  - kind: level-sheet\n    level: 2\n  - kind: level-poster\n    level: 2\n  - kind: glossary\n",
    );
    let out = hopeprint_in(dir.path(), &["build", "--format", "html"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let folder = dir.path().join("out/test-trust");
    (dir, folder)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_web_build_makes_an_index_linking_each_page_pdf_and_thumbnail_with_size_and_pages() {
    let (_dir, folder) = trust_web_build();
    let index = Html::parse_document(&read(&folder.join("index.html")));
    assert_eq!(
        index.select(&select("h1")).next().map(text_of).as_deref(),
        Some("Recovery at Test Trust")
    );
    let logo = index.select(&select("img.logo")).next().expect("the logo");
    assert_eq!(logo.value().attr("alt"), Some("Test Trust logo"));
    assert!(
        logo.value()
            .attr("src")
            .unwrap()
            .starts_with("data:image/svg+xml;base64,")
    );
    let entries: Vec<ElementRef> = index.select(&select(".documents > li")).collect();
    assert_eq!(entries.len(), 3, "three documents");
    for entry in entries {
        let links: Vec<&str> = entry
            .select(&select("a[href], img[src]"))
            .filter_map(|e| e.value().attr("href").or(e.value().attr("src")))
            .collect();
        assert_eq!(links.len(), 3, "thumbnail, page, PDF: {links:?}");
        for link in &links {
            assert!(
                folder.join(link).is_file(),
                "{link} is linked but not there"
            );
        }
        let pdf = links.iter().find(|l| l.ends_with(".pdf")).unwrap();
        let pages = facts(&std::fs::read(folder.join(pdf)).unwrap()).pages;
        let said = text_of(entry);
        let expected = match pages {
            1 => "1 page".to_string(),
            n => format!("{n} pages"),
        };
        assert!(said.contains(&expected), "{said} should say {expected}");
        assert!(
            said.contains(" kB") || said.contains(" MB"),
            "{said}: the PDF's size"
        );
    }
}

#[test]
fn a_statement_that_is_markup_shows_as_text_in_the_trusts_web_page() {
    let (_dir, folder) = trust_web_build();
    let page = read(&folder.join("level-2-dependent-aware-sheet.html"));
    let html = Html::parse_document(&page);
    assert_eq!(html.select(&select("script, b")).count(), 0);
    let text = text_of(html.root_element());
    assert!(
        text.contains("<script>alert(1)</script> & <b>not bold</b>"),
        "{text}"
    );
    let contact: Vec<&str> = html
        .select(&select("footer a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        contact.contains(&"mailto:recovery@test-trust.nhs.uk"),
        "{contact:?}"
    );
    assert!(
        contact.contains(&"https://www.test-trust.nhs.uk/recovery"),
        "{contact:?}"
    );
    assert!(page.contains("--accent: #005eb8;"), "the edition's accent");
    assert!(
        page.contains("--level-2: #9a3a06;"),
        "the edition's level colours"
    );
}

#[test]
fn a_second_web_build_renders_nothing_and_rewrites_nothing() {
    let (dir, folder) = trust_web_build();
    let index = folder.join("index.html");
    let before = std::fs::metadata(&index).unwrap().modified().unwrap();
    let again = hopeprint_in(dir.path(), &["build", "--format", "html"]);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("0 rendered, 3 up to date"), "{stderr}");
    assert_eq!(
        std::fs::metadata(&index).unwrap().modified().unwrap(),
        before
    );
    // A page changed by hand is made again.
    let page = folder.join("key-terms.html");
    std::fs::write(&page, read(&page).replace("Key Terms", "Changed")).unwrap();
    let third = hopeprint_in(dir.path(), &["build", "--format", "html"]);
    let stderr = String::from_utf8_lossy(&third.stderr);
    assert!(stderr.contains("1 rendered, 2 up to date"), "{stderr}");
}

#[test]
fn every_web_page_of_a_trusts_build_and_both_built_in_editions_is_valid_html_by_tidy() {
    if !tool("tidy") {
        return;
    }
    let (dir, folder) = trust_web_build();
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    assert_eq!(pages.len(), 4, "three pages and the index");
    // And every page of both built-in editions.
    for (name, edition, page, ..) in every_built_in_page(false) {
        pages.push(write(
            dir.path(),
            &format!("built-in/{edition}/{name}.html"),
            &page,
        ));
    }
    for page in pages {
        let out = std::process::Command::new("tidy")
            .args(["-e", "-q", "--show-warnings", "no"])
            .arg(&page)
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.code() != Some(2) && !report.contains("Error:"),
            "{}: {report}",
            page.display()
        );
    }
}

#[test]
fn render_format_html_writes_the_page_and_its_pdf_beside_it() {
    let dir = temp_project();
    let out = hopeprint_in(
        dir.path(),
        &[
            "render",
            "sheet",
            "--level",
            "2",
            "--format",
            "html",
            "-o",
            "level-2.html",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("level-2.html and level-2.pdf"), "{stdout}");
    let page = read(&dir.path().join("level-2.html"));
    assert!(
        page.contains("<a href=\"level-2.pdf\">"),
        "the page links to its PDF"
    );
    assert!(
        !page.contains("index.html"),
        "a single page has no index to go back to"
    );
    let pdf = std::fs::read(dir.path().join("level-2.pdf")).unwrap();
    assert!(facts(&pdf).pages > 5);
}

#[test]
fn a_web_page_hopeprint_did_not_make_is_never_replaced() {
    let dir = temp_project();
    let theirs = "<!DOCTYPE html><title>Our own page</title>";
    write(dir.path(), "level-2.html", theirs);
    let out = hopeprint_in(
        dir.path(),
        &["render", "sheet", "--level", "2", "-o", "level-2.html"],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("a file is there that hopeprint does not make"),
        "{stderr}"
    );
    assert_eq!(read(&dir.path().join("level-2.html")), theirs);
    assert!(!dir.path().join("level-2.pdf").exists(), "nothing written");
}

#[test]
fn a_level_sheets_web_page_drawn_by_chromium_is_not_blank() {
    if !tool("chromium") {
        return;
    }
    let dir = temp_project();
    let out = hopeprint_in(
        dir.path(),
        &["render", "sheet", "--level", "2", "-o", "level-2.html"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shot = dir.path().join("shot.png");
    let status = std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
        ])
        .arg("--window-size=1000,1200")
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!(
            "file://{}",
            dir.path().join("level-2.html").display()
        ))
        .output()
        .unwrap();
    assert!(
        shot.is_file(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let channels = info.color_type.samples();
    let colours: Vec<&[u8]> = pixels[..info.buffer_size()].chunks(channels).collect();
    let ink = colours
        .iter()
        .filter(|c| c[..3].iter().all(|v| *v < 80))
        .count();
    // Level 2's colour (#9c3a00) in the heading and the section bands.
    let level = (colours.iter())
        .filter(|c| c[0].abs_diff(0x9c) < 12 && c[1].abs_diff(0x3a) < 12 && c[2] < 24)
        .count();
    assert!(
        ink > colours.len() / 200,
        "too little text drawn: {ink} dark pixels"
    );
    assert!(
        level > 2000,
        "the level's colour is missing: {level} pixels"
    );
}

#[test]
fn a_document_named_index_is_refused_in_a_web_build_at_its_catalogue_line() {
    let dir = temp_project();
    write(
        dir.path(),
        "content/catalog.yaml",
        "version: \"1\"\ndate: \"2026-01-01\"\ndocuments:\n  - {kind: principles}\n  - {kind: glossary, name: index}\n",
    );
    let out = hopeprint_in(dir.path(), &["build", "--format", "html"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("a document named `index` would replace the web edition's index.html")
            && stderr.contains("content/catalog.yaml:5"),
        "{stderr}"
    );
    let index = read(&dir.path().join("out/nimhe-uk/index.html"));
    assert!(
        index.contains("guiding-principles.html"),
        "the index lists the others"
    );
}
