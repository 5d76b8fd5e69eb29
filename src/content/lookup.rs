//! Finding a level, component or role by the name a user gives: its id, or its number.

use super::model::ModelFile;
use crate::diag::{Diagnostic, did_you_mean};

/// The index of the entry whose id or alias (a number) is `name`; an unknown name is an
/// error listing the valid ones, with the closest as a suggestion.
fn find(what: &str, name: &str, known: &[(&str, String)]) -> Result<usize, Diagnostic> {
    if let Some(index) = known
        .iter()
        .position(|(id, alias)| *id == name || alias == name)
    {
        return Ok(index);
    }
    let ids: Vec<&str> = known.iter().map(|(id, _)| *id).collect();
    let mut diag = Diagnostic::error(format!("there is no {what} `{name}`"));
    if let Some(best) = did_you_mean(name, ids.iter().copied()) {
        diag = diag.hint(format!("did you mean `{best}`?"));
    }
    Err(diag.hint(format!("the {what}s are: {}", ids.join(", "))))
}

impl ModelFile {
    /// A level by id (`dependent-aware`) or number (`2`).
    pub fn level_index(&self, name: &str) -> Result<usize, Diagnostic> {
        let known: Vec<_> = (self.levels.iter())
            .map(|l| (l.id.as_str(), l.number.to_string()))
            .collect();
        find("level", name, &known)
    }

    /// A component by id (`peer-support`) or number.
    pub fn component_index(&self, name: &str) -> Result<usize, Diagnostic> {
        let known: Vec<_> = (self.components.iter())
            .map(|c| (c.id.as_str(), c.number.to_string()))
            .collect();
        find("component", name, &known)
    }

    /// A role by id (`clinicians`).
    pub fn role_index(&self, name: &str) -> Result<usize, Diagnostic> {
        let known: Vec<_> = (self.roles.iter())
            .map(|r| (r.id.as_str(), r.id.clone()))
            .collect();
        find("role", name, &known)
    }
}
