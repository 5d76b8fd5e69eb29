//! Checks of a pack file, every problem at once: keys that are missing (before the file is
//! read into its types, which would stop at the first), then dates, times, counts and
//! documents, each with its line and a hint that fits.

use serde_yaml::Value;

use super::{PackDocument, PackFile, spec_of};
use crate::content::{LoadedFile, yaml};
use crate::diag::{Diagnostic, Diagnostics};
use crate::document::spec::SpecError;
use crate::paper::Paper;

/// At most this many participants: a pack's pages, forms and certificates stay printable.
pub const MAX_PARTICIPANTS: u32 = 500;
/// At most this many facilitators.
pub const MAX_FACILITATORS: u32 = 20;
/// At most this many copies of a document for each participant, facilitator or room.
pub const MAX_COPIES: u32 = 10;
/// A slot or an agenda item lasts at most a day.
pub const MAX_MINUTES: u32 = 24 * 60;

/// The keys a pack must have, and those each item of its lists must have.
const REQUIRED: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "title",
            "date",
            "start",
            "slot_minutes",
            "venue",
            "facilitators",
            "participants",
            "agenda",
            "documents",
            "evaluation",
        ],
    ),
    ("facilitators", &["name", "role"]),
    ("agenda", &["item", "minutes"]),
    ("documents", &["kind"]),
];

/// The keys that hold whole numbers, in the pack or in each item of a list, with an example.
const NUMBERS: &[(&str, &str, &str)] = &[
    ("", "slot_minutes", "slot_minutes: 60"),
    ("", "participants", "participants: 12"),
    ("agenda", "minutes", "minutes: 10"),
    ("documents", "copies", "copies: 1"),
];

/// The scales an evaluation question may ask for.
const SCALES: &[&str] = &["1-5", "agree"];

/// The mappings of the pack (`""`) or of the items of `list`, each with its path.
fn maps<'a>(root: &'a Value, list: &str) -> Vec<(String, &'a serde_yaml::Mapping)> {
    if list.is_empty() {
        return root
            .as_mapping()
            .map(|m| vec![(String::new(), m)])
            .unwrap_or_default();
    }
    (root
        .get(list)
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
        .enumerate())
    .filter_map(|(i, item)| Some((format!("{list}/{i}"), item.as_mapping()?)))
    .collect()
}

/// Where a problem is, in words: "the pack" or "agenda item 3".
fn place(list: &str, path: &str) -> String {
    let index = path
        .rsplit('/')
        .next()
        .and_then(|i| i.parse::<usize>().ok());
    match index {
        Some(i) if !list.is_empty() => format!("{} {}", item_name(list).0, i + 1),
        _ => "the pack".into(),
    }
}

/// The shape of the pack before it is read into its types (which stop at the first
/// problem): every missing key, every count that is not a whole number and every
/// evaluation question that is neither a text nor a question with a known scale.
pub fn shape(file: &LoadedFile) -> Result<(), Diagnostics> {
    let root: Value = yaml::parse(&file.display, &file.text).map_err(|d| vec![d])?;
    let mut problems = vec![];
    for (list, keys) in REQUIRED {
        for (path, map) in maps(&root, list) {
            for key in keys.iter().filter(|k| !map.contains_key(**k)) {
                let each = if list.is_empty() {
                    "a pack"
                } else {
                    item_name(list).1
                };
                let all: Vec<String> = keys.iter().map(|k| format!("`{k}:`")).collect();
                problems.push(
                    file.error(
                        &path,
                        format!("`{key}:` is missing from {}", place(list, &path)),
                    )
                    .hint(format!("{each} needs {}", all.join(", "))),
                );
            }
        }
    }
    for (list, key, example) in NUMBERS {
        for (path, map) in maps(&root, list) {
            let Some(value) = map.get(*key).filter(|v| v.as_i64().is_none()) else {
                continue;
            };
            let shown = serde_yaml::to_string(value).unwrap_or_default();
            let at = if path.is_empty() {
                key.to_string()
            } else {
                format!("{path}/{key}")
            };
            problems.push(
                file.error_at_value(&at, format!("`{}` is not a whole number", shown.trim()))
                    .hint(format!(
                        "write `{key}:` as a number without quotes, e.g. `{example}`"
                    )),
            );
        }
    }
    problems.extend(questions(file, &root));
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Each evaluation question: a text, or `{question: …, scale: 1-5 | agree}`.
fn questions(file: &LoadedFile, root: &Value) -> Diagnostics {
    let mut problems = vec![];
    let items = root
        .get("evaluation")
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten();
    let hint = "write a question as a text, or as `{question: \"…\", scale: 1-5}` (or `scale: agree`) for one with a rating scale";
    for (i, item) in items.enumerate() {
        let path = format!("evaluation/{i}");
        let scale = item.get("scale").and_then(Value::as_str);
        let problem = match item {
            Value::String(_) => None,
            Value::Mapping(m) if !m.contains_key("question") => Some(format!(
                "`question:` is missing from evaluation question {}",
                i + 1
            )),
            Value::Mapping(_) if scale.is_none_or(|s| !SCALES.contains(&s)) => Some(format!(
                "evaluation question {} has no scale hopeprint knows",
                i + 1
            )),
            Value::Mapping(_) => None,
            _ => Some(format!(
                "evaluation question {} is neither a text nor a question",
                i + 1
            )),
        };
        if let Some(message) = problem {
            problems.push(file.error(&path, message).hint(hint));
        }
    }
    problems
}

/// How an item of `list` is named: one, counted ("agenda item 3"), and all of them.
fn item_name(list: &str) -> (&'static str, &'static str) {
    match list {
        "facilitators" => ("facilitator", "each facilitator"),
        "agenda" => ("agenda item", "each agenda item"),
        _ => ("document", "each document"),
    }
}

/// A count or a length in minutes within `1..=max`, or an error at `path`.
fn within(
    file: &LoadedFile,
    path: &str,
    value: i64,
    max: u32,
    hint: &str,
) -> Result<u32, Diagnostic> {
    match u32::try_from(value) {
        Ok(v) if (1..=max).contains(&v) => Ok(v),
        _ => Err(file
            .error_at_value(path, format!("`{value}` is not between 1 and {max}"))
            .hint(hint.to_string())),
    }
}

/// Checks dates, times, counts and documents; returns the documents checked against
/// their kinds and the number of participants.
pub fn check(file: &LoadedFile, p: &PackFile) -> Result<(Vec<PackDocument>, u32), Diagnostics> {
    let mut problems = vec![];
    if let Err(hint) = crate::date::parse_date(&p.date) {
        problems.push(
            file.error_at_value("date", format!("`{}` is not a date", p.date))
                .hint(hint),
        );
    }
    let start = super::parse_time(&p.start);
    if start.is_none() {
        problems.push(
            file.error_at_value("start", format!("`{}` is not a time", p.start))
                .hint("write it as HH:MM, e.g. 10:00"),
        );
    }
    let minutes_hint = |what: &str| {
        format!("{what} is a whole number of minutes, from 1 to {MAX_MINUTES} (a day)")
    };
    if let Err(d) = within(
        file,
        "slot_minutes",
        p.slot_minutes,
        MAX_MINUTES,
        &minutes_hint("the slot"),
    ) {
        problems.push(d);
    }
    let participants = within(
        file,
        "participants",
        p.participants,
        MAX_PARTICIPANTS,
        &format!("a pack is for 1 to {MAX_PARTICIPANTS} participants; for more, make a pack for each group"),
    )
    .map_err(|d| problems.push(d))
    .unwrap_or(1);
    if p.facilitators.len() > MAX_FACILITATORS as usize {
        problems.push(
            file.error(
                "facilitators",
                format!("{} facilitators are too many", p.facilitators.len()),
            )
            .hint(format!(
                "a pack has at most {MAX_FACILITATORS} facilitators"
            )),
        );
    }
    let mut total: u32 = 0;
    for (i, item) in p.agenda.iter().enumerate() {
        match within(
            file,
            &format!("agenda/{i}/minutes"),
            item.minutes,
            MAX_MINUTES,
            &minutes_hint("an agenda item's length"),
        ) {
            Ok(m) => total = total.saturating_add(m),
            Err(d) => problems.push(d),
        }
    }
    if let Some(start) = start
        && start.saturating_add(total) > MAX_MINUTES
    {
        problems.push(
            file.error(
                "agenda",
                format!(
                    "the agenda runs past midnight ({total} minutes from {})",
                    p.start
                ),
            )
            .hint("a pack is for one session on one day: shorten the agenda or start earlier"),
        );
    }
    if let Some(paper) = p.paper {
        problems.extend(paper_conflicts(file, p, paper));
    }
    let documents = documents(file, p, &mut problems);
    if problems.is_empty() {
        Ok((documents, participants))
    } else {
        Err(problems)
    }
}

/// A document's `paper:` that is not `paper`, the pack's one paper, at its line.
pub fn paper_conflicts(file: &LoadedFile, p: &PackFile, paper: Paper) -> Diagnostics {
    let id = |paper: Paper| {
        clap::ValueEnum::to_possible_value(&paper)
            .map_or_else(|| paper.name().to_string(), |v| v.get_name().to_string())
    };
    (p.documents.iter().enumerate())
        .filter_map(|(i, entry)| {
            let asked = entry.paper.filter(|p| *p != paper)?;
            let message = format!(
                "this document asks for {} paper, but the pack prints on {}",
                asked.name(),
                paper.name()
            );
            Some(
                file.error_at_value(&format!("documents/{i}/paper"), message)
                    .hint(format!(
                        "a pack prints on one paper, so a copier neither scales nor jams: remove this `paper:`, or set the pack's `paper: {}`",
                        id(asked)
                    )),
            )
        })
        .collect()
}

/// Each document checked against its kind, with its copies.
fn documents(file: &LoadedFile, p: &PackFile, problems: &mut Diagnostics) -> Vec<PackDocument> {
    let mut out = vec![];
    for (index, entry) in p.documents.iter().enumerate() {
        let copies = within(
            file,
            &format!("documents/{index}/copies"),
            entry.copies,
            MAX_COPIES,
            &format!("copies are for each participant, facilitator or room: 1 to {MAX_COPIES}"),
        )
        .map_err(|d| problems.push(d));
        match spec_of(entry) {
            Ok(spec) => {
                if let Ok(copies) = copies {
                    out.push(PackDocument {
                        spec,
                        large_print: entry.large_print,
                        per: entry.per,
                        copies,
                    });
                }
            }
            Err(e) => {
                let message = match e {
                    SpecError::PostersIsASet => {
                        "a pack lists single documents; `posters` is a set".into()
                    }
                    ref e => e.to_string(),
                };
                problems.push(
                    file.error(&format!("documents/{index}"), message)
                        .hint(e.hint()),
                );
            }
        }
    }
    out
}
