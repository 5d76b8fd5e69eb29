//! Where each node of a YAML file is, from the parser itself: libyaml's event parser
//! (`unsafe-libyaml`, the very parser serde_yaml reads the file with) behind one small
//! safe wrapper, building a path → line:column index once per file. Diagnostics ask it
//! for a path such as `cells/peer-support/status/2/id` instead of searching the text, so
//! flow style (`{id: x, text: y}`), quoted keys and values, and comments all locate
//! correctly.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use crate::diag::Diagnostic;

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// libyaml's account of a syntax error: what it found where, and what it was reading
/// (e.g. "while scanning a quoted scalar", at the opening quote).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub problem: String,
    pub at: Position,
    pub context: Option<(String, Position)>,
    /// The quoted text read last before the error, where it opens and where it ends:
    /// an unclosed quote swallows text up to the next quote mark, and the error comes
    /// just after.
    pub quoted_before: Option<(Position, Position)>,
}

/// The positions of the nodes of one YAML document (the file's first).
#[derive(Debug, Clone, Default)]
pub struct Positions {
    nodes: Vec<Node>,
    /// (mapping node, key) → its value's node, for the first time the key appears.
    keys: HashMap<(usize, String), usize>,
    /// Keys that appear again in one mapping: (mapping node, key, where it appears again).
    duplicates: Vec<(usize, String, Position)>,
    error: Option<SyntaxError>,
}

#[derive(Debug, Clone)]
struct Node {
    start: Position,
    /// Where its key is, for the value of a mapping entry.
    key: Option<Position>,
    /// The item nodes of a sequence.
    items: Vec<usize>,
}

/// What the index is in the middle of.
enum Frame {
    Sequence(usize),
    /// A mapping, and the key just read (awaiting its value), if any.
    Mapping(usize, Option<(String, Position)>),
    /// A sequence or mapping used as a key (rare): skipped to its end.
    ComplexKey(usize, Position),
}

impl Positions {
    /// Indexes `text`. A syntax error stops the index where it occurs and is kept.
    pub fn of(text: &str) -> Positions {
        let mut index = Positions::default();
        let mut parser = libyaml::Parser::new(text.as_bytes());
        let mut stack: Vec<Frame> = vec![];
        let mut quoted = None;
        loop {
            let (event, at) = match parser.next() {
                Ok(next) => next,
                Err(error) => {
                    index.error = Some(SyntaxError {
                        quoted_before: quoted,
                        ..error
                    });
                    break;
                }
            };
            quoted = match &event {
                libyaml::Event::Scalar(_, Some(end)) => Some((at, *end)),
                _ => None,
            };
            match event {
                libyaml::Event::StreamEnd | libyaml::Event::DocumentEnd => break,
                libyaml::Event::Other => {}
                libyaml::Event::Scalar(value, _) => index.node(&mut stack, at, Some(value), None),
                libyaml::Event::Alias(_) => index.node(&mut stack, at, Some("*".into()), None),
                libyaml::Event::SequenceStart => index.node(&mut stack, at, None, Some(false)),
                libyaml::Event::MappingStart => index.node(&mut stack, at, None, Some(true)),
                libyaml::Event::End => match stack.pop() {
                    Some(Frame::ComplexKey(depth, start)) if depth > 0 => {
                        stack.push(Frame::ComplexKey(depth - 1, start));
                    }
                    Some(Frame::ComplexKey(_, start)) => {
                        if let Some(Frame::Mapping(_, key)) = stack.last_mut() {
                            *key = Some((String::new(), start));
                        }
                    }
                    _ => {}
                },
            }
        }
        index
    }

    /// Records a node starting `at`: a scalar (`value`) or the start of a sequence or
    /// mapping (`opens`: true for a mapping).
    fn node(
        &mut self,
        stack: &mut Vec<Frame>,
        at: Position,
        value: Option<String>,
        opens: Option<bool>,
    ) {
        let key = match stack.last_mut() {
            Some(Frame::ComplexKey(depth, _)) => {
                if opens.is_some() {
                    *depth += 1;
                }
                return;
            }
            Some(Frame::Mapping(_, pending @ None)) => {
                match value {
                    Some(key) => *pending = Some((key, at)),
                    None => stack.push(Frame::ComplexKey(0, at)),
                }
                return;
            }
            Some(Frame::Mapping(_, pending)) => pending.take(),
            _ => None,
        };
        let id = self.nodes.len();
        self.nodes.push(Node {
            start: at,
            key: key.as_ref().map(|(_, position)| *position),
            items: vec![],
        });
        match stack.last() {
            Some(Frame::Sequence(parent)) => self.nodes[*parent].items.push(id),
            Some(Frame::Mapping(parent, _)) => {
                let (key, position) = key.unwrap_or_else(|| (String::new(), at));
                if self.keys.contains_key(&(*parent, key.clone())) {
                    self.duplicates.push((*parent, key, position));
                } else {
                    self.keys.insert((*parent, key), id);
                }
            }
            _ => {}
        }
        match opens {
            Some(true) => stack.push(Frame::Mapping(id, None)),
            Some(false) => stack.push(Frame::Sequence(id)),
            None => {}
        }
    }

    /// The node at `path`: keys and sequence indexes joined by `/`, e.g.
    /// `levels/0/components/peer-support/status/2/id`; a segment `items|questions` is the
    /// first of those keys present. The empty path is the document.
    fn lookup(&self, path: &str) -> (Option<usize>, usize) {
        if self.nodes.is_empty() {
            return (None, 0);
        }
        let mut node = 0;
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        for (depth, segment) in segments.iter().enumerate() {
            let next = segment.split('|').find_map(|name| {
                self.keys
                    .get(&(node, name.to_string()))
                    .copied()
                    .or_else(|| {
                        let index: usize = name.parse().ok()?;
                        self.nodes[node].items.get(index).copied()
                    })
            });
            match next {
                Some(next) => node = next,
                None => return (Some(node), depth),
            }
        }
        (Some(node), segments.len())
    }

    fn position_of(&self, node: usize) -> Position {
        let node = &self.nodes[node];
        node.key.unwrap_or(node.start)
    }

    /// Where the node at `path` is (its key, for the value of a mapping entry).
    pub fn find(&self, path: &str) -> Option<Position> {
        let (node, found) = self.lookup(path);
        let whole = path.split('/').filter(|s| !s.is_empty()).count();
        node.filter(|_| found == whole).map(|n| self.position_of(n))
    }

    /// Where the node at `path` is, or else the deepest node on its way that is there.
    pub fn nearest(&self, path: &str) -> Option<Position> {
        self.lookup(path).0.map(|n| self.position_of(n))
    }

    /// Where the value of the node at `path` starts (after its key), or else where the
    /// deepest node on its way that is there is: for a diagnostic about the value itself.
    pub fn value(&self, path: &str) -> Option<Position> {
        match self.lookup(path) {
            (Some(node), found) if found == path.split('/').filter(|s| !s.is_empty()).count() => {
                Some(self.nodes[node].start)
            }
            (node, _) => node.map(|n| self.position_of(n)),
        }
    }

    /// Where `key` appears a second time in the mapping at `path`.
    pub fn duplicate(&self, path: &str, key: &str) -> Option<Position> {
        let (Some(node), _) = self.lookup(path) else {
            return None;
        };
        self.duplicates
            .iter()
            .find(|(parent, k, _)| *parent == node && k == key)
            .map(|(_, _, position)| *position)
    }

    /// Where `key` appears a second time in any mapping, at or after `line`.
    pub fn any_duplicate(&self, key: &str, line: usize) -> Option<Position> {
        self.duplicates
            .iter()
            .filter(|(_, k, position)| k == key && position.line >= line)
            .map(|(_, _, position)| *position)
            .min_by_key(|p| (p.line, p.column))
    }

    /// The syntax error that stopped the parser, if any.
    pub fn syntax_error(&self) -> Option<&SyntaxError> {
        self.error.as_ref()
    }
}

/// A YAML file as loaded: the name shown to users, its text, and the positions of its
/// nodes, indexed on first use (only diagnostics need them).
#[derive(Debug, Clone)]
pub struct LoadedFile {
    pub display: String,
    /// Shared with every diagnostic about the file.
    pub text: Arc<str>,
    positions: OnceLock<Positions>,
}

impl LoadedFile {
    pub fn new(display: impl Into<String>, text: impl Into<String>) -> LoadedFile {
        LoadedFile {
            display: display.into(),
            text: Arc::from(text.into()),
            positions: OnceLock::new(),
        }
    }

    pub fn positions(&self) -> &Positions {
        self.positions.get_or_init(|| Positions::of(&self.text))
    }

    /// `diag` pointed at `position`, or at the file when there is none.
    pub fn point(&self, diag: Diagnostic, position: Option<Position>) -> Diagnostic {
        let diag = Diagnostic {
            location: None,
            source: None,
            ..diag
        };
        match position {
            Some(p) => diag.at_shared(&self.display, &self.text, p.line, p.column),
            None => diag.in_file(&self.display),
        }
    }

    /// `diag` pointed at the node at `path` (or the nearest node on its way).
    pub fn at(&self, path: &str, diag: Diagnostic) -> Diagnostic {
        self.point(diag, self.positions().nearest(path))
    }

    /// An error at the value of the node at `path` (or the nearest node on its way).
    pub fn error_at_value(&self, path: &str, message: impl Into<String>) -> Diagnostic {
        self.point(Diagnostic::error(message), self.positions().value(path))
    }

    /// An error at the node at `path` (or the nearest node on its way).
    pub fn error(&self, path: &str, message: impl Into<String>) -> Diagnostic {
        self.at(path, Diagnostic::error(message))
    }
}

/// `diag` pointed at `position` of the file shown as `display` with `text`, or at the
/// file when there is no position.
pub fn point(
    diag: Diagnostic,
    display: &str,
    text: &str,
    position: Option<Position>,
) -> Diagnostic {
    let diag = Diagnostic {
        location: None,
        source: None,
        ..diag
    };
    match position {
        Some(p) => diag.at(display, text, p.line, p.column),
        None => diag.in_file(display),
    }
}

/// The one place with `unsafe` code: libyaml's event parser, as a safe iterator of events
/// with their start positions.
pub(super) mod libyaml {
    use std::ffi::CStr;
    use std::marker::PhantomData;
    use std::mem::MaybeUninit;

    use unsafe_libyaml as unsafe_sys;

    use super::{Position, SyntaxError};

    /// An event, with only what the index needs.
    pub enum Event {
        /// A scalar's value, and where it ends if it is quoted.
        Scalar(String, Option<Position>),
        /// An alias, with the name of the anchor it repeats.
        Alias(String),
        SequenceStart,
        MappingStart,
        /// The end of a sequence or mapping.
        End,
        DocumentEnd,
        StreamEnd,
        /// The start of the stream or of a document.
        Other,
    }

    pub struct Parser<'input> {
        /// Boxed: libyaml keeps a pointer to the parser in the parser, so it must not move.
        sys: Box<MaybeUninit<unsafe_sys::yaml_parser_t>>,
        /// libyaml reads the input through a pointer: it must outlive the parser.
        input: PhantomData<&'input [u8]>,
        failed: bool,
        /// The anchor (`&name`) of the last scalar, sequence or mapping, if it has one.
        anchor: Option<String>,
    }

    impl<'input> Parser<'input> {
        pub fn new(input: &'input [u8]) -> Parser<'input> {
            let mut parser = Box::new(MaybeUninit::<unsafe_sys::yaml_parser_t>::uninit());
            let raw = parser.as_mut_ptr();
            // SAFETY: `raw` points to memory owned by the box, which initialize fills
            // in; the input is borrowed for 'input, which the parser cannot outlive.
            unsafe {
                // Initialising only allocates; the Rust port cannot fail here.
                let _ = unsafe_sys::yaml_parser_initialize(raw);
                unsafe_sys::yaml_parser_set_encoding(raw, unsafe_sys::YAML_UTF8_ENCODING);
                unsafe_sys::yaml_parser_set_input_string(raw, input.as_ptr(), input.len() as u64);
            }
            Parser {
                sys: parser,
                input: PhantomData,
                failed: false,
                anchor: None,
            }
        }

        /// The anchor (`&name`) of the node the last event started, if it has one.
        pub fn anchor(&self) -> Option<&str> {
            self.anchor.as_deref()
        }

        /// The next event and where it starts, or the syntax error that stops the parser.
        pub fn next(&mut self) -> Result<(Event, Position), SyntaxError> {
            let raw = self.sys.as_mut_ptr();
            let mut event = MaybeUninit::<unsafe_sys::yaml_event_t>::uninit();
            // SAFETY: the parser was initialised in `new`; after a failure it is not asked
            // again; a successfully parsed event is read, then deleted exactly once.
            unsafe {
                let error = (&*raw).error;
                if self.failed || error != unsafe_sys::YAML_NO_ERROR {
                    self.failed = true;
                    return Err(error_of(raw));
                }
                if unsafe_sys::yaml_parser_parse(raw, event.as_mut_ptr()).fail {
                    self.failed = true;
                    return Err(error_of(raw));
                }
                let event = event.as_mut_ptr();
                let at = position((*event).start_mark);
                self.anchor = match (*event).type_ {
                    unsafe_sys::YAML_SCALAR_EVENT => c_text((*event).data.scalar.anchor),
                    unsafe_sys::YAML_SEQUENCE_START_EVENT => {
                        c_text((*event).data.sequence_start.anchor)
                    }
                    unsafe_sys::YAML_MAPPING_START_EVENT => {
                        c_text((*event).data.mapping_start.anchor)
                    }
                    _ => None,
                };
                let converted = match (*event).type_ {
                    unsafe_sys::YAML_SCALAR_EVENT => {
                        let scalar = (*event).data.scalar;
                        let value = if scalar.value.is_null() || scalar.length == 0 {
                            String::new()
                        } else {
                            let bytes =
                                std::slice::from_raw_parts(scalar.value, scalar.length as usize);
                            String::from_utf8_lossy(bytes).into_owned()
                        };
                        let quoted = matches!(
                            scalar.style,
                            unsafe_sys::YAML_SINGLE_QUOTED_SCALAR_STYLE
                                | unsafe_sys::YAML_DOUBLE_QUOTED_SCALAR_STYLE
                        );
                        Event::Scalar(value, quoted.then(|| position((*event).end_mark)))
                    }
                    unsafe_sys::YAML_ALIAS_EVENT => {
                        Event::Alias(c_text((*event).data.alias.anchor).unwrap_or_default())
                    }
                    unsafe_sys::YAML_SEQUENCE_START_EVENT => Event::SequenceStart,
                    unsafe_sys::YAML_MAPPING_START_EVENT => Event::MappingStart,
                    unsafe_sys::YAML_SEQUENCE_END_EVENT | unsafe_sys::YAML_MAPPING_END_EVENT => {
                        Event::End
                    }
                    unsafe_sys::YAML_DOCUMENT_END_EVENT => Event::DocumentEnd,
                    unsafe_sys::YAML_STREAM_END_EVENT => Event::StreamEnd,
                    _ => Event::Other,
                };
                unsafe_sys::yaml_event_delete(event);
                Ok((converted, at))
            }
        }
    }

    impl Drop for Parser<'_> {
        fn drop(&mut self) {
            // SAFETY: initialised in `new`, deleted once here.
            unsafe { unsafe_sys::yaml_parser_delete(self.sys.as_mut_ptr()) }
        }
    }

    /// A NUL-terminated string of libyaml's, or `None` for a null pointer.
    ///
    /// # Safety
    /// `ptr` is null or points to a NUL-terminated string that outlives the call.
    unsafe fn c_text(ptr: *const u8) -> Option<String> {
        // SAFETY: as the caller promises.
        (!ptr.is_null()).then(|| {
            unsafe { CStr::from_ptr(ptr.cast()) }
                .to_string_lossy()
                .into_owned()
        })
    }

    fn position(mark: unsafe_sys::yaml_mark_t) -> Position {
        Position {
            line: mark.line as usize + 1,
            column: mark.column as usize + 1,
        }
    }

    /// # Safety
    /// `raw` is an initialised parser.
    unsafe fn error_of(raw: *const unsafe_sys::yaml_parser_t) -> SyntaxError {
        // SAFETY: libyaml's problem and context are null or static C strings.
        let text = |ptr: *const std::ffi::c_char| {
            (!ptr.is_null()).then(|| {
                unsafe { CStr::from_ptr(ptr) }
                    .to_string_lossy()
                    .into_owned()
            })
        };
        // SAFETY: the caller passes an initialised parser.
        let parser = unsafe { &*raw };
        SyntaxError {
            problem: text(parser.problem).unwrap_or_else(|| "the YAML cannot be read".into()),
            at: position(parser.problem_mark),
            context: text(parser.context).map(|c| (c, position(parser.context_mark))),
            quoted_before: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLOCK: &str = "\
# a comment
levels:
  - id: one
    components:
      peer-support:
        status:
          - id: first
            text: \"x\"
          - {id: second, text: y}
          - \"id\": 'third'
            text: z
";

    fn at(line: usize, column: usize) -> Option<Position> {
        Some(Position { line, column })
    }

    #[test]
    fn block_flow_and_quoted_nodes_are_found_at_their_keys() {
        let p = Positions::of(BLOCK);
        assert_eq!(p.find("levels"), at(2, 1));
        assert_eq!(p.find("levels/0"), at(3, 5));
        assert_eq!(
            p.find("levels/0/components/peer-support/status/0/id"),
            at(7, 13)
        );
        assert_eq!(
            p.find("levels/0/components/peer-support/status/1"),
            at(9, 13)
        );
        assert_eq!(
            p.find("levels/0/components/peer-support/status/1/id"),
            at(9, 14)
        );
        assert_eq!(
            p.find("levels/0/components/peer-support/status/1/text"),
            at(9, 26)
        );
        assert_eq!(
            p.find("levels/0/components/peer-support/status/2/id"),
            at(10, 13)
        );
        assert_eq!(
            p.value("levels/0/components/peer-support/status/2/id"),
            at(10, 19)
        );
        assert_eq!(
            p.value("levels/0/components/peer-support/status/1/text"),
            at(9, 32)
        );
    }

    #[test]
    fn a_missing_node_is_not_found_but_its_nearest_ancestor_is() {
        let p = Positions::of(BLOCK);
        assert_eq!(p.find("levels/0/components/stigma"), None);
        assert_eq!(p.nearest("levels/0/components/stigma/status"), at(4, 5));
        assert_eq!(p.find("levels/7"), None);
        assert_eq!(p.find(""), at(2, 1));
    }

    #[test]
    fn alternative_keys_find_whichever_the_file_uses() {
        let p = Positions::of("section:\n  questions:\n    - id: a\n");
        assert_eq!(p.find("section/items|questions/0/id"), at(3, 7));
    }

    #[test]
    fn a_key_given_twice_is_found_where_it_appears_again() {
        let p = Positions::of("sources:\n  - id: a\n    year: 1\n    year: 2\n");
        assert_eq!(p.find("sources/0/year"), at(3, 5));
        assert_eq!(p.duplicate("sources/0", "year"), at(4, 5));
        assert_eq!(p.any_duplicate("year", 1), at(4, 5));
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opens() {
        let p = Positions::of("a: \"open\nb: c\nd: e\n");
        let error = p.syntax_error().expect("a syntax error");
        assert_eq!(error.context.as_ref().map(|(_, at)| *at), at(1, 4));
    }

    #[test]
    fn a_quote_closed_by_the_next_quote_mark_is_the_quoted_text_before_the_error() {
        let p = Positions::of("a: \"open\nb: \"two words\"\n");
        let error = p.syntax_error().expect("a syntax error");
        let (opens, ends) = error.quoted_before.expect("a quoted text before the error");
        assert_eq!(opens, at(1, 4).unwrap());
        assert_eq!(ends.line, 2);
        assert_eq!(error.at.line, 2);
    }

    #[test]
    fn deep_nesting_and_aliases_are_indexed_without_expanding() {
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(Positions::of(&deep).find("0/0/0").is_some());
        let bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n";
        let p = Positions::of(bomb);
        assert_eq!(p.find("c/1"), at(3, 9));
    }

    #[test]
    fn non_ascii_text_counts_columns_in_characters() {
        let p = Positions::of("ŵŷ: {é: 1, f: 2}\n");
        assert_eq!(p.find("ŵŷ/f"), at(1, 12));
    }
}
