//! The stages of a build as functions that `build`, `check`, `export` and `serve` all call,
//! each taking what the stage before it made: `read` (load and model), then `analyse`
//! (index, Markdown, graph and checks). `serve` runs them again after an edit and passes
//! what its last build can give ([`Reuse`]): that is its only difference from a build.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use super::clock::Clock;
use crate::common::Diagnostic;
use crate::content::config::{self, BaseUrl, Config};
use crate::content::entity::{self, Entities};
use crate::content::model::Course;
use crate::content::{load, settle};
use crate::index::{IndexData, SiteIndex};
use crate::site::bodies::{self, Bodies, Keep};
use crate::site::graph::{self, Graph};
use crate::site::{Site, check};

/// Above this many pages rendered again, the link graph is built anew rather than updated.
const GRAPH_UPDATE_LIMIT: usize = 64;

/// What the last build of a live preview can give the next one.
pub struct Reuse<'a> {
    pub old: &'a Site,
    /// Course paths of the files whose texts must be rendered again.
    pub stale: &'a HashSet<String>,
    /// Every page kept its kind, id, file and place, and every concept its terms: the
    /// index, and every text not stale, still hold.
    pub same_shape: bool,
}

/// What the command line says of the course, over what `course.yaml` says.
#[derive(Clone, Debug, Default)]
pub struct Given {
    /// Include pages marked `draft: true`.
    pub drafts: bool,
    pub base_url: Option<BaseUrl>,
    /// Show instructors' notes.
    pub instructor: bool,
    /// Links by relative path (`--relative`).
    pub relative: bool,
    /// A SCORM package's site: pages report to the platform (`export course`).
    pub scorm: bool,
}

/// Load and model: the course at `root` read, every file's entity built, and settled.
pub fn read(root: &Path, given: &Given, clock: &mut Clock, diags: &mut Vec<Diagnostic>) -> Course {
    let (config, entities) = load(root, given, clock, diags);
    let course = settle::settle_owned(entities, config, diags);
    clock.lap("model");
    course
}

/// Load: every file read and parsed (the settings with `base_url` in their place), then
/// each content file's entity.
pub fn load(root: &Path, given: &Given, clock: &mut Clock, diags: &mut Vec<Diagnostic>) -> (Config, Entities) {
    let loaded = load::load(root, diags);
    let mut config = config::read(loaded.config.as_ref(), diags);
    if let Some(base) = &given.base_url {
        config.base_url = base.clone();
    }
    config.instructor = given.instructor;
    config.relative = given.relative || given.scorm;
    config.scorm = given.scorm;
    clock.lap("load");
    (config, entity::entities(loaded, given.drafts, diags))
}

/// Index, Markdown, graph and checks: a settled course to a site with every diagnostic of
/// its texts and checks found.
pub fn analyse(course: Course, reuse: Option<&Reuse>, clock: &mut Clock, diags: &mut Vec<Diagnostic>) -> Site {
    let data = index(&course, reuse);
    clock.lap("index");
    let index = SiteIndex::view(&course, &data);
    let same = reuse.filter(|r| r.same_shape);
    let keep = same.map(|r| Keep { old: &r.old.bodies, stale: r.stale });
    let bodies = bodies::render(&index, keep.as_ref());
    diags.extend(bodies.diags());
    clock.lap("markdown");
    let graph = links(&course, &bodies, same);
    check::run(&index, &bodies, &graph, diags);
    clock.lap("check");
    Site { course, data, bodies, graph }
}

/// The index: the last one while every page keeps its place, else a new one (with the
/// last concept automaton while the terms are the same).
fn index(course: &Course, reuse: Option<&Reuse>) -> Arc<IndexData> {
    match reuse {
        Some(r) if r.same_shape => r.old.data.clone(),
        Some(r) if same_terms(&r.old.course, course) => Arc::new(IndexData::new(course, r.old.data.matcher.clone())),
        _ => Arc::new(IndexData::for_course(course)),
    }
}

/// The link graph: the last one updated for the pages rendered again, when they are few
/// and every page kept its place; else built from every text.
fn links(course: &Course, bodies: &Bodies, same: Option<&Reuse>) -> Graph {
    if let Some(r) = same {
        let changed = bodies.changed_from(&r.old.bodies);
        if changed.len() <= GRAPH_UPDATE_LIMIT {
            let mut graph = r.old.graph.clone();
            for key in changed {
                let (old, new): (Vec<_>, Vec<_>) = (r.old.bodies.of(key).collect(), bodies.of(key).collect());
                graph.replace(key, &old, &new);
            }
            graph.recount(course);
            return graph;
        }
    }
    graph::build(course, bodies)
}

/// Whether two courses have the same concept terms (so the automaton can be kept).
pub fn same_terms(a: &Course, b: &Course) -> bool {
    a.concepts.len() == b.concepts.len()
        && a.concepts.iter().zip(&b.concepts).all(|(x, y)| x.id == y.id && x.term == y.term && x.aliases == y.aliases)
}
