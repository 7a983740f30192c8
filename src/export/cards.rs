//! Concept cards for flashcard programs (`syllabus export cards`): each concept's term and
//! definition, as Anki's text import reads them (tab-separated, with the `#` header lines
//! its manual describes, so the file imports as it is: note type "Basic (and reversed
//! card)", a deck named after the course, a stable guid per concept so that importing a
//! newer export updates the cards, the module as a tag) or as CSV (RFC 4180, a header
//! row). A concept with `review: false` is left out.

use std::path::Path;

use crate::common::diag::{self, Diagnostic};
use crate::common::{Kind, PageKey};
use crate::site::Site;

/// The two formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Anki,
    Csv,
}

/// What an export made: the text when the course has no error, and every diagnostic.
pub struct Export {
    pub text: Option<String>,
    pub diags: Vec<Diagnostic>,
    pub cards: usize,
}

/// One concept's card.
struct Card {
    id: String,
    term: String,
    /// The definition as HTML without links (they lead nowhere outside the site).
    html: String,
    plain: String,
    /// The concept page's absolute URL when base_url has a host, else its site path.
    url: String,
    module: String,
}

/// Reads and checks the course at `root` as `syllabus check` does, then writes its cards.
pub fn export(root: &Path, format: Format) -> Export {
    let (site, mut diags, failed) = super::checked(root);
    let cards = cards(&site);
    let count = cards.len();
    let text = (!failed).then(|| match format {
        Format::Anki => anki(&site.course.config.title, &cards),
        Format::Csv => csv(&cards),
    });
    diag::sort(&mut diags);
    Export { text, diags, cards: count }
}

fn cards(site: &Site) -> Vec<Card> {
    let (index, course) = (site.index(), &site.course);
    course
        .concepts
        .iter()
        .enumerate()
        .filter(|(_, c)| c.review)
        .map(|(i, c)| {
            let definition = &site.bodies.definitions[i];
            let path = index.href(PageKey::new(Kind::Concept, i));
            let module = site.graph.introduced_by[i].map(|l| course.modules[course.lessons[l].module].id.clone());
            Card {
                id: c.id.clone(),
                term: c.term.clone(),
                html: crate::util::html::unlinked(&definition.html),
                plain: definition.plain.clone(),
                url: course.config.base_url.origin.as_ref().map_or_else(|| path.to_string(), |o| format!("{o}{path}")),
                module: module.unwrap_or_default(),
            }
        })
        .collect()
}

/// Anki's text format: header lines, then one tab-separated note per concept.
fn anki(title: &str, cards: &[Card]) -> String {
    let deck = one_line(title);
    let mut out = format!(
        "#separator:tab\n#html:true\n#notetype:Basic (and reversed card)\n#deck:{deck}\n#guid column:1\n#tags column:5\n#columns:GUID\tFront\tBack\tURL\tTags\n"
    );
    for c in cards {
        let guid = format!("syllabus/{deck}/{}", c.id);
        let fields = [guid.as_str(), &c.term, &c.html, &c.url, &c.module];
        let row: Vec<String> = fields.iter().map(|f| anki_field(f)).collect();
        out.push_str(&row.join("\t"));
        out.push('\n');
    }
    out
}

/// A field of Anki's format: on one line, in double quotes (doubled inside) when it holds one.
fn anki_field(value: &str) -> String {
    let value = one_line(value);
    if value.contains('"') { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

/// CSV with a header row: id, term, definition (plain text), url, module.
fn csv(cards: &[Card]) -> String {
    let mut out = String::from("id,term,definition,url,module\r\n");
    for c in cards {
        let row: Vec<String> = [&c.id, &c.term, &c.plain, &c.url, &c.module].iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A CSV field (RFC 4180): quoted, quotes doubled, when it holds a comma, quote or line end.
fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\r', '\n']) || value.starts_with(' ') || value.ends_with(' ') {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// Tabs and line ends as spaces.
fn one_line(value: &str) -> String {
    value.replace(['\t', '\r', '\n'], " ").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_lose_their_tags_and_keep_their_text() {
        let html = "A <a href=\"/concepts/x/\" data-concept=\"x\">state</a> of <abbr>UN</abbr> <a>b</a>";
        assert_eq!(crate::util::html::unlinked(html), "A state of <abbr>UN</abbr> b");
    }

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(anki_field("tab\there"), "tab here");
        assert_eq!(anki_field("<b class=\"x\">"), "\"<b class=\"\"x\"\">\"");
    }
}
