//! The site's HTML as the XHTML that QTI 2.1's item bodies hold: well-formed XML (void
//! elements closed, attribute values quoted, entities XML knows), only the elements and
//! attributes QTI 2.1's content model has (the site's `figure`, `section` and the like as
//! `div`; `data-*`, `style`, ids and the copy buttons of code blocks left out), MathML
//! kept whole in its namespace. Elements of the course's text that QTI cannot hold (a task
//! list's boxes, pictures drawn in SVG, video) are named, for a warning.

use super::xml::escape;

/// Elements QTI 2.1 has, written as they are.
const KEPT: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "b",
    "big",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "tt",
    "ul",
    "var",
];

/// Elements of the site written as a `div` (blocks) or a `span` (inline).
const AS_DIV: &[&str] =
    &["figure", "figcaption", "section", "article", "aside", "header", "footer", "nav", "main", "details", "summary"];
const AS_SPAN: &[&str] = &["mark", "u", "s", "del", "ins", "time", "label", "bdi", "bdo"];

/// Elements left out with everything inside them (controls of the page, media).
const DROPPED_WITH_CONTENT: &[&str] = &["button", "script", "style", "template", "svg", "video", "audio", "iframe"];

/// Elements left out without a word: the page's own controls, not the course's text.
const SILENT: &[&str] = &["button", "script", "style", "template"];

const VOID: &[&str] =
    &["br", "hr", "img", "col", "wbr", "input", "source", "meta", "link", "area", "base", "embed", "param", "track"];

/// Attributes kept, by element (`*` for every element).
fn kept_attribute(tag: &str, name: &str) -> bool {
    matches!(
        (tag, name),
        (_, "class")
            | ("a", "href")
            | ("img", "src" | "alt" | "width" | "height")
            | ("td" | "th", "colspan" | "rowspan")
            | ("col" | "colgroup", "span")
    )
}

/// The XHTML of `html`, and the names of what had to be left out.
pub fn xhtml(html: &str) -> (String, Vec<String>) {
    let mut w = Writer { out: String::with_capacity(html.len() + 64), stack: Vec::new(), dropped: Vec::new(), skip: 0 };
    w.run(html);
    w.dropped.sort();
    w.dropped.dedup();
    (w.out, w.dropped)
}

struct Writer {
    out: String,
    /// The names written for each open element (`None` for one left out).
    stack: Vec<(String, Option<String>)>,
    dropped: Vec<String>,
    /// Depth inside an element left out with its content (0: writing).
    skip: usize,
}

impl Writer {
    fn run(&mut self, html: &str) {
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            self.text(&rest[..at]);
            rest = &rest[at..];
            if let Some(end) = rest.strip_prefix("<!--").and_then(|r| r.find("-->")) {
                rest = &rest[4 + end + 3..];
                continue;
            }
            match tag_end(rest) {
                Some(end) => {
                    self.tag(&rest[1..end]);
                    rest = &rest[end + 1..];
                }
                None => {
                    self.text("<");
                    rest = &rest[1..];
                }
            }
        }
        self.text(rest);
        while let Some((name, written)) = self.stack.pop() {
            self.close(&name, written);
        }
    }

    fn in_math(&self) -> bool {
        self.stack.iter().any(|(n, _)| n == "math")
    }

    /// Text, its entities made ones XML knows.
    fn text(&mut self, text: &str) {
        if self.skip > 0 || text.is_empty() {
            return;
        }
        let mut rest = text;
        while let Some(at) = rest.find('&') {
            self.out.push_str(&escape(&rest[..at]));
            rest = &rest[at..];
            let entity = rest[1..].find(';').map(|e| &rest[1..e + 1]).filter(|e| e.len() <= 32);
            match entity.and_then(decode) {
                Some(c) => {
                    self.out.push_str(&escape(&c.to_string()));
                    rest = &rest[entity.unwrap().len() + 2..];
                }
                None => {
                    self.out.push_str("&amp;");
                    rest = &rest[1..];
                }
            }
        }
        self.out.push_str(&escape(rest));
    }

    fn tag(&mut self, inner: &str) {
        if let Some(name) = inner.strip_prefix('/') {
            let name = name.trim().to_ascii_lowercase();
            if let Some(i) = self.stack.iter().rposition(|(n, _)| *n == name) {
                while self.stack.len() > i {
                    let (n, written) = self.stack.pop().unwrap();
                    self.close(&n, written);
                }
            }
            return;
        }
        if inner.starts_with('!') || inner.starts_with('?') {
            return;
        }
        let self_closing = inner.ends_with('/');
        let inner = inner.trim_end_matches('/');
        let (name, attrs) = split_name(inner);
        let name = name.to_ascii_lowercase();
        if self.skip > 0 {
            if !VOID.contains(&name.as_str()) && !self_closing {
                self.skip += 1;
                self.stack.push((name, None));
            }
            return;
        }
        let math = name == "math" || self.in_math();
        let written = if math || KEPT.contains(&name.as_str()) {
            Some(name.clone())
        } else if AS_DIV.contains(&name.as_str()) {
            Some("div".to_string())
        } else if AS_SPAN.contains(&name.as_str()) {
            Some("span".to_string())
        } else {
            if !SILENT.contains(&name.as_str()) {
                self.dropped.push(format!("<{name}>"));
            }
            None
        };
        let void = VOID.contains(&name.as_str()) || self_closing;
        let Some(tag) = written else {
            if DROPPED_WITH_CONTENT.contains(&name.as_str()) && !void {
                self.skip = 1;
                self.stack.push((name, None));
            } else if !void {
                self.stack.push((name, None));
            }
            return;
        };
        self.out.push('<');
        self.out.push_str(&tag);
        if name == "math" && !attrs.iter().any(|(n, _)| n == "xmlns") {
            self.out.push_str(" xmlns=\"http://www.w3.org/1998/Math/MathML\"");
        }
        for (attr, value) in attrs {
            if math || kept_attribute(&tag, &attr) {
                self.out.push_str(&format!(" {attr}=\"{}\"", escape(&decode_all(&value))));
            }
        }
        if void {
            self.out.push_str("/>");
        } else {
            self.out.push('>');
            self.stack.push((name, Some(tag)));
        }
    }

    fn close(&mut self, name: &str, written: Option<String>) {
        match written {
            Some(tag) => {
                self.out.push_str("</");
                self.out.push_str(&tag);
                self.out.push('>');
            }
            None if DROPPED_WITH_CONTENT.contains(&name) => self.skip = self.skip.saturating_sub(1),
            None if self.skip > 0 => self.skip -= 1,
            None => {}
        }
    }
}

/// Where a tag that starts `s` (at `<`) ends: its `>`, outside quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    if bytes.len() < 2 || !(bytes[1].is_ascii_alphabetic() || bytes[1] == b'/' || bytes[1] == b'!' || bytes[1] == b'?')
    {
        return None;
    }
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// A tag's name and attributes (name lowercased, value as written; a bare attribute takes
/// its own name as its value, as XHTML writes `disabled="disabled"`).
fn split_name(inner: &str) -> (&str, Vec<(String, String)>) {
    let end = inner.find(|c: char| c.is_whitespace()).unwrap_or(inner.len());
    let (name, mut rest) = inner.split_at(end);
    let mut attrs = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let n = rest.find(|c: char| c.is_whitespace() || c == '=').unwrap_or(rest.len());
        let attr = rest[..n].to_ascii_lowercase();
        rest = rest[n..].trim_start();
        let value = if let Some(r) = rest.strip_prefix('=') {
            let r = r.trim_start();
            let (v, after) = match r.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = r[1..].find(q).map_or(r.len(), |i| i + 1);
                    (&r[1..close], r.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let e = r.find(char::is_whitespace).unwrap_or(r.len());
                    (&r[..e], &r[e..])
                }
            };
            rest = after;
            v.to_string()
        } else {
            attr.clone()
        };
        if !attr.is_empty() {
            attrs.push((attr, value));
        }
    }
    (name, attrs)
}

/// A character reference or one of the named entities the site's HTML uses.
fn decode(entity: &str) -> Option<char> {
    if let Some(num) = entity.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match entity {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "copy" => '©',
        "times" => '×',
        _ => return None,
    })
}

/// An attribute value with its references decoded (it is escaped again when written).
fn decode_all(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let entity = rest[1..].find(';').map(|e| &rest[1..e + 1]);
        match entity.and_then(decode) {
            Some(c) => {
                out.push(c);
                rest = &rest[entity.unwrap().len() + 2..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_well_formed_xhtml() {
        let (x, dropped) =
            xhtml(r#"<p>a<br>b &amp; c &nbsp;<img src="/i.png" alt="x &quot;y&quot;" loading=lazy></p>"#);
        assert_eq!(x, "<p>a<br/>b &amp; c \u{a0}<img src=\"/i.png\" alt=\"x &quot;y&quot;\"/></p>");
        assert!(dropped.is_empty());
    }

    #[test]
    fn site_elements_map_to_qti_ones_and_page_controls_go() {
        let html = r#"<figure class="code" data-lang="rust"><button data-action="copy">Copy</button><pre><code>x &lt; 1</code></pre><figcaption>A</figcaption></figure>"#;
        let (x, dropped) = xhtml(html);
        assert_eq!(x, r#"<div class="code"><pre><code>x &lt; 1</code></pre><div>A</div></div>"#);
        assert!(dropped.is_empty(), "the copy button is the page's, not the course's");
    }

    #[test]
    fn mathml_is_kept_whole_in_its_namespace() {
        let (x, dropped) = xhtml(r#"<math display="block" aria-label="x^2"><msup><mi>x</mi><mn>2</mn></msup></math>"#);
        assert_eq!(
            x,
            r#"<math xmlns="http://www.w3.org/1998/Math/MathML" display="block" aria-label="x^2"><msup><mi>x</mi><mn>2</mn></msup></math>"#
        );
        assert!(dropped.is_empty());
    }

    #[test]
    fn unclosed_elements_are_closed_and_stray_text_escaped() {
        let (x, _) = xhtml("<p><em>a</p> 3 < 4 & ]]> &bogus;");
        assert_eq!(x, "<p><em>a</em></p> 3 &lt; 4 &amp; ]]&gt; &amp;bogus;");
    }

    #[test]
    fn task_list_boxes_and_ids_are_left_out() {
        let (x, dropped) = xhtml(r#"<li id="t1"><input type="checkbox" disabled checked> done</li>"#);
        assert_eq!(x, "<li> done</li>");
        assert_eq!(dropped, ["<input>"]);
    }
}
