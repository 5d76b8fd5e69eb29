//! Dates: the `YYYY-MM-DD` dates of catalogues, editions and packs, checked to exist, and
//! the PDF's creation date (`SOURCE_DATE_EPOCH`, else the document's date).

use typst::foundations::Datetime;

use crate::diag::Diagnostic;

/// `YYYY-MM-DD` → the calendar date, which must exist (`2026-02-30` does not). On failure
/// the error is a hint for the user: how to write a date, or how many days the month has.
pub fn parse_date(text: &str) -> Result<time::Date, String> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let text = text.trim();
    time::Date::parse(text, format).map_err(|_| {
        // The right shape but a day the month does not have: say how long the month is.
        let first = text.rsplit_once('-').and_then(|(month, day)| {
            let first = time::Date::parse(&format!("{month}-01"), format).ok()?;
            let day: u8 = day.parse().ok()?;
            (day > first.month().length(first.year())).then_some(first)
        });
        match first {
            Some(first) => {
                let days = first.month().length(first.year());
                format!(
                    "{} {} has {days} days: write a day from 01 to {days}",
                    first.month(),
                    first.year()
                )
            }
            None => "write the date as YYYY-MM-DD, e.g. 2026-11-01".to_string(),
        }
    })
}

/// A `YYYY-MM-DD` date as a reader writes it, in the labels' language: "3 December 2026",
/// with no-break spaces, so a line never breaks inside it. A text that is no date is
/// returned as it is (the pack's check has reported it).
pub fn long_date(text: &str, months: &[String; 12]) -> String {
    match parse_date(text) {
        Ok(date) => format!(
            "{}\u{a0}{}\u{a0}{}",
            date.day(),
            months[usize::from(u8::from(date.month())) - 1],
            date.year()
        ),
        Err(_) => text.to_string(),
    }
}

/// The date printed in PDFs: SOURCE_DATE_EPOCH if set, else `fallback` (`YYYY-MM-DD`).
pub fn pdf_date(fallback: &str) -> Result<Datetime, Diagnostic> {
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let seconds: i64 = epoch.trim().parse().map_err(|_| {
            Diagnostic::error(format!(
                "SOURCE_DATE_EPOCH is `{epoch}`, not a number of seconds"
            ))
        })?;
        let moment = time::UtcDateTime::from_unix_timestamp(seconds)
            .map_err(|_| Diagnostic::error("SOURCE_DATE_EPOCH is out of range"))?;
        return Ok(Datetime::Datetime(time::PrimitiveDateTime::new(
            moment.date(),
            moment.time(),
        )));
    }
    let date = parse_date(fallback)
        .map_err(|hint| Diagnostic::error(format!("`{fallback}` is not a date")).hint(hint))?;
    Ok(Datetime::Datetime(date.midnight()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pack_date_prints_as_day_month_name_and_year_unbroken_and_a_non_date_as_written() {
        let months = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ]
        .map(String::from);
        assert_eq!(
            long_date("2026-12-03", &months),
            "3\u{a0}December\u{a0}2026"
        );
        assert_eq!(
            long_date("2027-01-31", &months),
            "31\u{a0}January\u{a0}2027"
        );
        assert_eq!(long_date("next week", &months), "next week");
    }
}
