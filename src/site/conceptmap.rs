//! The concept map: every concept and its `related` links drawn as an SVG at build time,
//! concepts in columns by the module that introduces them (teaching order, left to right).

use std::fmt::Write;

use crate::common::Kind;
use crate::common::PageKey;
use crate::content::model::targets;
use crate::index::SiteIndex;
use crate::site::graph::Graph;
use crate::util::html::escape;

const NODE_W: f64 = 180.0;
const NODE_H: f64 = 30.0;
const ROW_GAP: f64 = 12.0;
const COL_GAP: f64 = 50.0;
/// Room above a band of columns for the module titles.
const TOP: f64 = 44.0;
/// Columns side by side before the map wraps into another band below (680 px, the
/// width of the page text, so the map is read at its own size without side scrolling).
const BAND: usize = 3;
const MARGIN: f64 = 20.0;
/// Concepts per column before a module's concepts wrap into another column.
const MAX_ROWS: usize = 14;
/// Characters of a term shown in its box (the full term is its accessible name).
const MAX_CHARS: usize = 21;

struct Node {
    concept: usize,
    x: f64,
    y: f64,
}

/// One column group: a heading and the concepts under it.
struct Group {
    title: String,
    concepts: Vec<usize>,
}

/// Groups concepts by the module of the lesson that introduces them, in course order;
/// concepts no lesson introduces come last.
fn groups(index: &SiteIndex, graph: &Graph) -> Vec<Group> {
    let course = index.course;
    let mut groups: Vec<Group> =
        course.modules.iter().map(|m| Group { title: m.title.clone(), concepts: Vec::new() }).collect();
    let mut rest = Group { title: "Not introduced by a lesson".into(), concepts: Vec::new() };
    let mut order: Vec<usize> = (0..course.concepts.len()).collect();
    order.sort_by_key(|&c| (graph.introduced_by[c].unwrap_or(usize::MAX), c));
    for c in order {
        match graph.introduced_by[c] {
            Some(lesson) => groups[course.lessons[lesson].module].concepts.push(c),
            None => rest.concepts.push(c),
        }
    }
    groups.push(rest);
    groups.retain(|g| !g.concepts.is_empty());
    groups
}

fn truncate(term: &str) -> String {
    if term.chars().count() <= MAX_CHARS {
        term.to_string()
    } else {
        let cut: String = term.chars().take(MAX_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The map as an inline SVG element, or an empty string for a course without concepts.
pub fn svg(index: &SiteIndex, graph: &Graph) -> String {
    let course = index.course;
    if course.concepts.is_empty() {
        return String::new();
    }
    let mut nodes: Vec<Option<Node>> = (0..course.concepts.len()).map(|_| None).collect();
    let mut headings = Vec::new();
    let (mut column, mut band_top, mut band_rows, mut used_columns) = (0usize, 0.0f64, 0usize, 0usize);
    for group in groups(index, graph) {
        let needed = group.concepts.len().div_ceil(MAX_ROWS);
        // A module starts a new band when its columns do not fit in what is left of this one.
        if column > 0 && column + needed.min(BAND) > BAND {
            band_top += TOP + band_rows as f64 * (NODE_H + ROW_GAP);
            (column, band_rows) = (0, 0);
        }
        headings.push((column_x(column), band_top + 24.0, group.title.clone()));
        for (i, c) in group.concepts.iter().enumerate() {
            if i > 0 && i % MAX_ROWS == 0 {
                column += 1;
                if column == BAND {
                    band_top += TOP + band_rows as f64 * (NODE_H + ROW_GAP);
                    (column, band_rows) = (0, 0);
                }
            }
            let row = i % MAX_ROWS;
            band_rows = band_rows.max(row + 1);
            used_columns = used_columns.max(column + 1);
            let y = band_top + TOP + row as f64 * (NODE_H + ROW_GAP);
            nodes[*c] = Some(Node { concept: *c, x: column_x(column), y });
        }
        column += 1;
    }
    let width = MARGIN * 2.0 + used_columns as f64 * (NODE_W + COL_GAP) - COL_GAP;
    let height = band_top + TOP + band_rows as f64 * (NODE_H + ROW_GAP) + MARGIN;
    let mut out = String::with_capacity(course.concepts.len() * 400);
    let _ = write!(
        out,
        "<svg class=\"concept-map\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" \
         viewBox=\"0 0 {width:.0} {height:.0}\" role=\"group\" aria-label=\"Concept map: concepts by the module that introduces them, lines join related concepts\">"
    );
    for (x, y, title) in headings {
        let _ =
            write!(out, "<text class=\"map-column\" x=\"{x:.0}\" y=\"{y:.0}\">{}</text>", escape(&truncate(&title)));
    }
    out.push_str("<g aria-hidden=\"true\">");
    for (a, concept) in course.concepts.iter().enumerate() {
        for b in targets(&concept.related) {
            // Each pair once; a one-way `related` still draws its line.
            let mutual = targets(&course.concepts[b].related).any(|x| x == a);
            if a == b || (mutual && b < a) {
                continue;
            }
            if let (Some(na), Some(nb)) = (&nodes[a], &nodes[b]) {
                out.push_str(&edge(na, nb));
            }
        }
    }
    out.push_str("</g>");
    for node in nodes.iter().flatten() {
        let c = &course.concepts[node.concept];
        let href = escape(index.href(PageKey::new(Kind::Concept, node.concept)));
        let _ = write!(
            out,
            "<a class=\"map-node\" href=\"{href}\" data-concept=\"{id}\"><title>{term}</title>\
             <rect x=\"{x:.0}\" y=\"{y:.0}\" width=\"{NODE_W}\" height=\"{NODE_H}\" rx=\"6\"/>\
             <text x=\"{tx:.0}\" y=\"{ty:.0}\">{label}</text></a>",
            id = escape(&c.id),
            term = escape(&c.term),
            x = node.x,
            y = node.y,
            tx = node.x + 10.0,
            ty = node.y + NODE_H / 2.0 + 4.5,
            label = escape(&truncate(&c.term)),
        );
    }
    out.push_str("</svg>");
    out
}

fn column_x(column: usize) -> f64 {
    MARGIN + column as f64 * (NODE_W + COL_GAP)
}

/// A curve between two boxes: side to side across columns, a loop beside a column.
fn edge(a: &Node, b: &Node) -> String {
    let (a, b) = if a.x <= b.x { (a, b) } else { (b, a) };
    let (ay, by) = (a.y + NODE_H / 2.0, b.y + NODE_H / 2.0);
    if (a.x - b.x).abs() < 1.0 {
        let x = a.x + NODE_W;
        let bulge = x + 20.0 + (ay - by).abs().min(200.0) / 6.0;
        return format!(
            "<path class=\"map-edge\" d=\"M{x:.0} {ay:.0} C{bulge:.0} {ay:.0} {bulge:.0} {by:.0} {x:.0} {by:.0}\"/>"
        );
    }
    let (x1, x2) = (a.x + NODE_W, b.x);
    let mid = (x1 + x2) / 2.0;
    format!("<path class=\"map-edge\" d=\"M{x1:.0} {ay:.0} C{mid:.0} {ay:.0} {mid:.0} {by:.0} {x2:.0} {by:.0}\"/>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_terms_are_shortened_for_their_box() {
        assert_eq!(truncate("Short"), "Short");
        let long = truncate("A very long concept term that overflows");
        assert!(long.ends_with('…') && long.chars().count() <= MAX_CHARS, "{long}");
    }

    #[test]
    fn edges_join_box_sides() {
        let a = Node { concept: 0, x: 20.0, y: 44.0 };
        let b = Node { concept: 1, x: 270.0, y: 86.0 };
        assert_eq!(edge(&a, &b), "<path class=\"map-edge\" d=\"M200 59 C235 59 235 101 270 101\"/>");
        assert_eq!(edge(&b, &a), edge(&a, &b));
    }
}
