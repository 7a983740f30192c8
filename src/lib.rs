//! syllabus: a static teaching-site generator. The stages of a build, one module each:
//! load, model, index, render, check, write (see `build::run`).

pub mod build;
pub mod cache;
pub mod check;
pub mod cite;
pub mod conceptmap;
pub mod concepts;
pub mod config;
pub mod diag;
pub mod external;
pub mod frontmatter;
pub mod gift;
pub mod graph;
pub mod init;
pub mod links;
pub mod live;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pages;
pub mod quiz;
pub mod quizkey;
pub mod render;
pub mod search;
pub mod serve;
pub mod templates;
pub mod tokenize;
pub mod watch;
