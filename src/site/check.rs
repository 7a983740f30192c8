//! Check: every link's `#anchor` against the page it points at, and the teaching order of
//! concepts (used before introduced, never introduced, never used), all reported at once.

use crate::common::Kind;
use crate::common::PageKey;
use crate::common::diag::Diagnostic;
use crate::index::SiteIndex;
use crate::site::bodies::{Bodies, template_ids};
use crate::site::graph::Graph;

/// Runs every check over the rendered course.
pub fn run(index: &SiteIndex, bodies: &Bodies, graph: &Graph, diags: &mut Vec<Diagnostic>) {
    anchors(index, bodies, diags);
    teaching_order(index, bodies, graph, diags);
    unused_files(index, bodies, diags);
}

/// Files beside pages that no text links to or shows.
fn unused_files(index: &SiteIndex, bodies: &Bodies, diags: &mut Vec<Diagnostic>) {
    let assets = &index.course.assets;
    if assets.page_files.is_empty() || index.course.incomplete {
        return;
    }
    let used = bodies.all().flat_map(|(_, r)| r.files.iter().cloned()).collect();
    diags.extend(crate::content::assets::unused(assets, &used));
}

fn anchors(index: &SiteIndex, bodies: &Bodies, diags: &mut Vec<Diagnostic>) {
    let on_page = |key: PageKey, id: &str| bodies.of(key).any(|r| r.anchors.iter().any(|a| a == id));
    let home_path = index.course.home.origin.as_ref().map_or("content/_index.md", |o| o.path());
    for (from, rendered) in bodies.all() {
        let path = from.map_or(home_path, |k| index.source_path(k));
        for link in &rendered.links {
            let Some(anchor) = &link.anchor else { continue };
            let id = anchor.id.as_str();
            if !on_page(link.target, id) && !template_ids(Some(link.target.kind)).contains(&id) {
                let msg = format!(
                    "broken anchor in {}: {} has no heading or element with id '{id}'",
                    anchor.written,
                    index.name(link.target)
                );
                diags.push(Diagnostic::error(path, Some(link.at.pos(index.source(from))), msg));
            }
        }
    }
}

fn teaching_order(index: &SiteIndex, bodies: &Bodies, graph: &Graph, diags: &mut Vec<Diagnostic>) {
    let course = index.course;
    // A file with an error may hold the `concepts:` that would answer every warning here:
    // they wait until it loads.
    if course.incomplete {
        return;
    }
    for (i, rendered) in bodies.lessons.iter().enumerate() {
        let path = course.lessons[i].origin.path();
        let concept_links =
            rendered.links.iter().filter(|l| l.target.kind == Kind::Concept).map(|l| (l.target.idx, l.at));
        let mut reported: Vec<usize> = Vec::new();
        for (c, pos) in concept_links.chain(rendered.mentions.iter().copied()) {
            let Some(intro) = graph.introduced_by[c] else {
                continue;
            };
            if intro > i && !reported.contains(&c) {
                reported.push(c);
                let later = &course.lessons[intro];
                let msg = format!(
                    "lesson '{}' uses concept '{}' before it is introduced, in lesson '{}' ({})",
                    course.lessons[i].id,
                    course.concepts[c].id,
                    later.id,
                    later.origin.path()
                );
                let pos = pos.pos(index.source(Some(PageKey::new(Kind::Lesson, i))));
                diags.push(Diagnostic::warning(path, Some(pos), msg));
            }
        }
    }
    // Concepts other concepts list as related, or the home page links to: glossary terms
    // they lean on.
    let mut related = vec![false; course.concepts.len()];
    for link in bodies.home.iter().flat_map(|home| &home.links) {
        if link.target.kind == Kind::Concept {
            related[link.target.idx] = true;
        }
    }
    for concept in &course.concepts {
        for r in &concept.related {
            if let Some(c) = course.ids.get(Kind::Concept, &r.id.value) {
                related[c] = true;
            }
        }
    }
    for (c, concept) in course.concepts.iter().enumerate() {
        let key = PageKey::new(Kind::Concept, c);
        let referred =
            !graph.concept_uses[c].is_empty() || graph.backlinks(key).iter().any(|from| *from != key) || related[c];
        // Introduced by a lesson, or a glossary term something else relies on: fine.
        if graph.introduced_by[c].is_some() || referred {
            continue;
        }
        let msg = format!(
            "concept '{}' is not used: no lesson introduces it, and no page, quiz or other concept links to it, mentions it, asks about it or lists it as related",
            concept.id
        );
        diags.push(Diagnostic::warning(concept.origin.path(), None, msg));
    }
}
