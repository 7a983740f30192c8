//! Reading the course: the files on disk (the only input I/O) turned into a typed,
//! settled `Course`, with every problem of every file reported at once.

pub mod config;
pub mod frontmatter;
pub mod load;
pub mod model;
pub mod quiz;
