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

use std::sync::Arc;

use crate::content::model::Course;
use crate::index::{IndexData, SiteIndex};
use bodies::Bodies;
use graph::Graph;

/// A course rendered and checked: what `build` writes and `serve` serves.
pub struct Site {
    pub course: Course,
    /// The index, shared by the live preview's builds while every page keeps its place.
    pub data: Arc<IndexData>,
    pub bodies: Bodies,
    pub graph: Graph,
}

impl Site {
    /// The course with its index, as the stages after the model read it.
    pub fn index(&self) -> SiteIndex<'_> {
        SiteIndex::view(&self.course, &self.data)
    }
}
