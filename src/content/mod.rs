//! The framework content: typed model, loading with file:line errors, references, checks.

mod aliases;
mod labels;
mod load;
mod lookup;
pub mod model;
pub mod positions;
mod refs;
mod summary;
mod validate;
mod walk;
pub mod yaml;

pub use labels::Labels;
pub use load::{Library, LoadedFile};
pub use model::*;
pub use refs::is_valid_id;
pub use summary::Summary;
pub use validate::check;
pub use walk::{CellIds, Entry, Items, ItemsMut, Part, Place, Statement};
