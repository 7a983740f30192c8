//! The rendered course and what is learned from it: every page's text as HTML, the link
//! graph, the checks, the search index, citations, the concept map and quiz answer keys.

pub mod bodies;
pub mod check;
pub mod cite;
pub mod conceptmap;
pub mod external;
pub mod graph;
pub mod quizkey;
pub mod search;
