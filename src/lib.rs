//! hopeprint: recovery-oriented practice frameworks from YAML to print-ready, accessible PDF.
//!
//! Data flows one way: `project` (files) → `content` (typed library) → `catalog` and
//! `document` (what to make) → `layout` (Typst source) → `typeset` (PDF) → `render`
//! (files on disk), and `web` (the HTML edition). `commands` holds one module per subcommand.

pub mod catalog;
pub mod cli;
pub mod commands;
pub mod content;
pub mod date;
pub mod diag;
pub mod document;
pub mod edition;
pub mod ids;
pub mod layout;
pub mod manifest;
pub mod memory;
pub mod output;
pub mod pack;
pub mod paper;
pub mod prepare;
pub mod project;
pub mod render;
pub mod translation;
pub mod typeset;
pub mod web;
