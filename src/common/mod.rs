//! What every stage shares: the kinds of page and their keys, diagnostics, and the site's
//! URLs (where each page lives, and the one list of pages syllabus makes itself).

pub mod diag;
pub mod kind;
pub mod routes;

pub use diag::{Diagnostic, Pos, Severity};
pub use kind::{Kind, PageKey};
