//! syllabus: a static teaching-site generator. A course folder goes through the stages of
//! a build in order, one folder each (see `build`):
//!
//! - `content`: read the files and settle them into a typed course;
//! - `index`: where every page lives and what each link points at;
//! - `markdown`: Markdown to HTML, with links, heading ids and concept autolinks;
//! - `site`: every page's text rendered, the link graph, the checks, the search index;
//! - `pages`: the data each template receives, rendered through the theme;
//! - `output`: only changed files written, and the build cache.
//!
//! `serve` runs the same stages for the live preview, `export` writes quizzes for other
//! systems, `init` starts a course; `common` and `util` hold what they all share.

pub mod build;
pub mod common;
pub mod content;
pub mod export;
pub mod i18n;
pub mod index;
pub mod init;
pub mod markdown;
pub mod output;
pub mod pages;
pub mod serve;
pub mod site;
pub mod util;
