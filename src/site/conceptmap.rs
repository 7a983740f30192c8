//! The concept map: every concept and its `related` links drawn as an SVG at build time,
//! concepts in columns by the module that introduces them (teaching order, left to right),
//! drawn mirrored in a right-to-left language.

use std::fmt::Write;

use crate::common::Kind;
use crate::common::PageKey;
use crate::content::model::targets;
use crate::i18n::Dir;
use crate::index::SiteIndex;
use crate::site::graph::Graph;
use crate::util::html::escape;

/// A map is drawn at this width (a phone's, so it is read at its own size there) and
/// several stand side by side on a wider screen.
const WIDTH: f64 = 360.0;
/// Boxes in a column on the left; the lines between related concepts arc in the space on
/// their right, so no line crosses a box.
const BOX_W: f64 = 230.0;
const LINE_H: f64 = 17.0;
const PAD: f64 = 9.0;
const GAP: f64 = 10.0;
const MARGIN: f64 = 4.0;
/// Characters of a term on one line of its box (13 px text in 212 px); longer terms wrap.
const LINE_CHARS: usize = 27;

struct Node {
    concept: usize,
    y: f64,
    h: f64,
}

/// One module's concepts, under its title.
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
    let rest_title = course.config.strings.get("not_introduced").to_string();
    let mut rest = Group { title: rest_title, concepts: Vec::new() };
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

/// A term in lines of at most `LINE_CHARS` characters, broken between words (a word
/// longer than a line is cut).
fn wrap(term: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in term.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= LINE_CHARS => {
                line.push(' ');
                line.push_str(word);
            }
            _ => {
                let chars: Vec<char> = word.chars().collect();
                lines.extend(chars.chunks(LINE_CHARS).map(|c| c.iter().collect::<String>()));
            }
        }
    }
    lines
}

/// The concept map: for each module (and the concepts no lesson introduces), its concepts
/// in teaching order with arcs joining related ones, each box a link to its concept; then
/// the same relations as a list, the map's text alternative. Empty for a course without
/// concepts.
pub fn svg(index: &SiteIndex, graph: &Graph) -> String {
    let course = index.course;
    if course.concepts.is_empty() {
        return String::new();
    }
    let groups = groups(index, graph);
    let mut module_of = vec![0usize; course.concepts.len()];
    for (g, group) in groups.iter().enumerate() {
        for &c in &group.concepts {
            module_of[c] = g;
        }
    }
    let mut out = String::with_capacity(course.concepts.len() * 600);
    out.push_str("<div class=\"concept-maps\">");
    for (g, group) in groups.iter().enumerate() {
        module_map(index, group, g, &module_of, &mut out);
    }
    out.push_str("</div>");
    text_alternative(index, &groups, &mut out);
    out
}

/// One module's map: a heading and an SVG of its concepts and the arcs between them.
fn module_map(index: &SiteIndex, group: &Group, g: usize, module_of: &[usize], out: &mut String) {
    let course = index.course;
    let mut nodes = Vec::with_capacity(group.concepts.len());
    let mut y = MARGIN;
    for &c in &group.concepts {
        let h = PAD * 2.0 + wrap(&course.concepts[c].term).len().max(1) as f64 * LINE_H;
        nodes.push(Node { concept: c, y, h });
        y += h + GAP;
    }
    let height = y - GAP + MARGIN;
    let mirror = course.config.strings.dir == Dir::Rtl;
    // An x from the left, or from the right in a mirrored map.
    let x = |v: f64| if mirror { WIDTH - v } else { v };
    let _ = write!(
        out,
        "<figure class=\"map-module\"><figcaption class=\"map-column\" id=\"map-{g}\">{}</figcaption>\
         <svg class=\"concept-map\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height:.0}\" \
         viewBox=\"0 0 {WIDTH} {height:.0}\" role=\"group\" aria-labelledby=\"map-{g}\">",
        escape(&group.title)
    );
    let at = |c: usize| nodes.iter().find(|n| n.concept == c);
    out.push_str("<g aria-hidden=\"true\">");
    for node in &nodes {
        let a = node.concept;
        for b in targets(&course.concepts[a].related) {
            let mutual = targets(&course.concepts[b].related).any(|x| x == a);
            if a == b || (mutual && b < a) || module_of[b] != module_of[a] {
                continue;
            }
            if let Some(other) = at(b) {
                out.push_str(&arc(node.y + node.h / 2.0, other.y + other.h / 2.0, &x));
            }
        }
    }
    out.push_str("</g>");
    for node in &nodes {
        let c = &course.concepts[node.concept];
        let href = escape(index.href(PageKey::new(Kind::Concept, node.concept)));
        let _ = write!(
            out,
            "<a class=\"map-node\" href=\"{href}\" data-concept=\"{id}\"><title>{term}</title>\
             <rect x=\"{left:.0}\" y=\"{y:.0}\" width=\"{BOX_W}\" height=\"{h:.0}\" rx=\"6\"/><text>",
            left = x(MARGIN).min(x(MARGIN + BOX_W)),
            id = escape(&c.id),
            term = escape(&c.term),
            y = node.y,
            h = node.h,
        );
        for (i, line) in wrap(&c.term).iter().enumerate() {
            let ty = node.y + PAD + LINE_H * (i as f64 + 0.75);
            let _ = write!(out, "<tspan x=\"{:.0}\" y=\"{ty:.0}\">{}</tspan>", x(MARGIN + 10.0), escape(line));
        }
        out.push_str("</text></a>");
    }
    out.push_str("</svg></figure>");
}

/// An arc from one box's right side to another's, bulging right as far as they are apart
/// (`mirror` maps an x measured from the left to where it is drawn).
fn arc(ya: f64, yb: f64, mirror: &impl Fn(f64) -> f64) -> String {
    let from = MARGIN + BOX_W;
    let (x, bulge) = (mirror(from), mirror(from + 12.0 + ((ya - yb).abs() / 3.0).min(WIDTH - from - 16.0)));
    format!("<path class=\"map-edge\" d=\"M{x:.0} {ya:.0} C{bulge:.0} {ya:.0} {bulge:.0} {yb:.0} {x:.0} {yb:.0}\"/>")
}

/// The map as a list: each module's concepts with the concepts each is related to (those
/// of other modules too, which the maps leave out).
fn text_alternative(index: &SiteIndex, groups: &[Group], out: &mut String) {
    let course = index.course;
    let strings = &course.config.strings;
    let _ = write!(out, "<details class=\"map-text\"><summary>{}</summary>", escape(strings.get("map_as_list")));
    for group in groups {
        let _ = write!(out, "<h3>{}</h3><ul>", escape(&group.title));
        for &c in &group.concepts {
            let concept = &course.concepts[c];
            let link = |k: usize| {
                let href = escape(index.href(PageKey::new(Kind::Concept, k)));
                format!("<a href=\"{href}\">{}</a>", escape(&course.concepts[k].term))
            };
            let related: Vec<String> = targets(&concept.related).filter(|&r| r != c).map(link).collect();
            let _ = write!(out, "<li>{}", link(c));
            if !related.is_empty() {
                let sep = escape(strings.get("list_separator"));
                let text = strings.html("related_to", None, &[("concepts", &related.join(&sep))], &[]);
                let _ = write!(out, "{}{text}", escape(strings.get("related_separator")));
            }
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    out.push_str("</details>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_terms_wrap_whole() {
        assert_eq!(wrap("Short"), ["Short"]);
        assert_eq!(
            wrap("Geopolitical justification of a state's code"),
            ["Geopolitical justification", "of a state's code"]
        );
        assert_eq!(wrap(&"x".repeat(30)), ["x".repeat(27), "x".repeat(3)]);
        assert!(wrap("command-line interface for the world").iter().all(|l| l.chars().count() <= LINE_CHARS));
    }

    #[test]
    fn arcs_stay_right_of_the_boxes_and_inside_the_map() {
        let ltr = |x: f64| x;
        assert_eq!(arc(20.0, 80.0, &ltr), "<path class=\"map-edge\" d=\"M234 20 C266 20 266 80 234 80\"/>");
        let far = arc(0.0, 5000.0, &ltr);
        assert!(far.contains("C356 0 356 5000"), "{far}");
        // Mirrored, for a right-to-left language: the same arc, measured from the right.
        let rtl = |x: f64| WIDTH - x;
        assert_eq!(arc(20.0, 80.0, &rtl), "<path class=\"map-edge\" d=\"M126 20 C94 20 94 80 126 80\"/>");
    }
}
