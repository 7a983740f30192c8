//! Small helpers that know nothing about courses: escaping text for HTML and for JSON in a
//! page, site paths, and short content hashes.

pub mod hash;
pub mod html;
pub mod path;
