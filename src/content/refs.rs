//! Stable references: every statement is addressed as a path of ids, e.g.
//! `dependent-unaware/peer-support/status/may-have-lost-contact` or `principles/iii`.
//! The statements and their references come from the one walk (`walk.rs`).

use super::load::Library;
use super::walk::Statement;
use crate::diag::{Diagnostic, did_you_mean};

/// Ids are lowercase words of letters and digits joined by `-`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

impl Library {
    /// Every statement of the content with its reference, in reading order.
    pub fn statements(&self) -> Vec<Statement<'_>> {
        let mut out = Vec::new();
        self.walk(&mut |s| out.push(s));
        out
    }

    /// The statement with this reference.
    pub fn statement(&self, reference: &str) -> Option<Statement<'_>> {
        let mut found = None;
        self.walk(&mut |s| {
            if found.is_none() && s.reference == reference {
                found = Some(s);
            }
        });
        found
    }

    /// Every reference, in reading order.
    pub fn references(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.walk(&mut |s| out.push(s.reference));
        out
    }

    /// `diag` about a reference that names no statement, with the closest one as a hint.
    pub fn unknown_reference(&self, reference: &str, mut diag: Diagnostic) -> Diagnostic {
        let references = self.references();
        if let Some(best) = did_you_mean(reference, references.iter().map(String::as_str)) {
            diag = diag.hint(format!("did you mean `{best}`?"));
        }
        diag.hint("`hopeprint list statements` shows every reference")
    }
}
