//! Reading the course: the files on disk (the only input I/O) turned into a typed,
//! settled `Course`, with every problem of every file reported at once.

pub mod assets;
pub mod config;
pub mod entity;
pub mod fields;
pub mod frontmatter;
pub mod ids;
pub mod load;
pub mod model;
pub mod patch;
pub mod quiz;
pub mod settle;
pub mod source;
pub mod walk;
pub mod yaml;
