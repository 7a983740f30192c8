//! Writing the site (the only output I/O): only the files whose bytes changed, through
//! temporary files renamed into place, and the build cache that lets an unchanged rebuild
//! stop early.

pub mod cache;
pub mod folder;
pub mod write;
