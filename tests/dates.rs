//! Dates: content dates are real calendar dates (`2026-02-30` is refused, with the length
//! of its month), and a PDF's creation date is SOURCE_DATE_EPOCH if set, else the
//! edition's date.

use crate::common;
use hopeprint::date::parse_date;

#[test]
fn a_day_its_month_does_not_have_is_refused_with_the_months_length() {
    assert_eq!(
        parse_date("2026-02-30"),
        Err("February 2026 has 28 days: write a day from 01 to 28".to_string())
    );
    assert_eq!(
        parse_date("2026-04-31"),
        Err("April 2026 has 30 days: write a day from 01 to 30".to_string())
    );
    assert_eq!(
        parse_date("2026-01-32"),
        Err("January 2026 has 31 days: write a day from 01 to 31".to_string())
    );
}

#[test]
fn february_29_is_a_date_only_in_a_leap_year() {
    assert!(parse_date("2028-02-29").is_ok());
    assert_eq!(
        parse_date("2027-02-29"),
        Err("February 2027 has 28 days: write a day from 01 to 28".to_string())
    );
}

#[test]
fn a_date_in_another_shape_is_refused_with_how_to_write_one() {
    for text in [
        "1 November 2026",
        "2026-13-01",
        "2026-00-10",
        "2026-2-3",
        "2026-02-xx",
        "",
    ] {
        assert_eq!(
            parse_date(text),
            Err("write the date as YYYY-MM-DD, e.g. 2026-11-01".to_string()),
            "{text:?}"
        );
    }
}

#[test]
fn a_date_is_read_as_year_month_day() {
    let date = parse_date(" 2026-11-01 ").unwrap();
    assert_eq!(
        (date.year(), u8::from(date.month()), date.day()),
        (2026, 11, 1)
    );
}

/// The `CreationDate` of the glossary rendered with `SOURCE_DATE_EPOCH` set to `epoch`, or
/// unset.
fn creation_date(epoch: Option<&str>) -> String {
    let dir = common::temp_project();
    let pdf = dir.path().join("glossary.pdf");
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_hopeprint"));
    command
        .args(["render", "handout", "glossary", "-o"])
        .arg(&pdf)
        .current_dir(dir.path())
        .env_remove("SOURCE_DATE_EPOCH");
    if let Some(epoch) = epoch {
        command.env("SOURCE_DATE_EPOCH", epoch);
    }
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let doc = lopdf::Document::load_mem(&std::fs::read(&pdf).unwrap()).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let date = doc
        .get_dictionary(info)
        .unwrap()
        .get(b"CreationDate")
        .unwrap()
        .as_str()
        .unwrap();
    String::from_utf8_lossy(date).into_owned()
}

#[test]
fn source_date_epoch_sets_the_pdfs_creation_date_to_the_second() {
    // 1 700 000 000 s after 1970-01-01 is 2023-11-14 22:13:20 UTC; -1 s is 1969-12-31.
    assert!(
        creation_date(Some("1700000000")).starts_with("D:20231114221320"),
        "{}",
        creation_date(Some("1700000000"))
    );
    assert!(
        creation_date(Some("-1")).starts_with("D:19691231235959"),
        "{}",
        creation_date(Some("-1"))
    );
}

#[test]
fn without_source_date_epoch_the_pdfs_creation_date_is_the_editions_date() {
    // The built-in nimhe-uk edition is dated 2026-11-01.
    let date = creation_date(None);
    assert!(date.starts_with("D:20261101000000"), "{date}");
}
