//! Writing XML by hand, safely: text and attribute values escaped, characters XML 1.0
//! cannot hold dropped, elements closed in order.

/// Text or an attribute value escaped for XML 1.0: `& < > " '` as entities, and the
/// control characters XML forbids (all below U+0020 but tab, line feed and carriage
/// return, and U+FFFE, U+FFFF) left out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// An XML document written element by element.
pub struct Xml {
    out: String,
    open: Vec<&'static str>,
}

impl Xml {
    /// A document with its XML declaration.
    pub fn new() -> Xml {
        Xml { out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"), open: Vec::new() }
    }

    fn start(&mut self, tag: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            self.out.push_str(&escape(value));
            self.out.push('"');
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.open.len() {
            self.out.push_str("  ");
        }
    }

    /// Opens an element; [`Xml::close`] closes it.
    pub fn open(&mut self, tag: &'static str, attrs: &[(&str, &str)]) -> &mut Xml {
        self.start(tag, attrs);
        self.out.push_str(">\n");
        self.open.push(tag);
        self
    }

    /// Closes the element opened last.
    pub fn close(&mut self) -> &mut Xml {
        let tag = self.open.pop().expect("an element to close");
        self.indent();
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push_str(">\n");
        self
    }

    /// An element holding only `text` (escaped); empty text writes an empty element.
    pub fn leaf(&mut self, tag: &str, attrs: &[(&str, &str)], text: &str) -> &mut Xml {
        self.start(tag, attrs);
        if text.is_empty() {
            self.out.push_str("/>\n");
        } else {
            self.out.push('>');
            self.out.push_str(&escape(text));
            self.out.push_str("</");
            self.out.push_str(tag);
            self.out.push_str(">\n");
        }
        self
    }

    /// Markup written as it is: it must be well-formed XML itself.
    pub fn raw(&mut self, markup: &str) -> &mut Xml {
        self.indent();
        self.out.push_str(markup);
        self.out.push('\n');
        self
    }

    /// The document; every element must be closed.
    pub fn finish(self) -> String {
        assert!(self.open.is_empty(), "unclosed elements: {:?}", self.open);
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_forbidden_characters_dropped() {
        assert_eq!(escape("a<b>&\"c'\u{1}\u{FFFE}\td"), "a&lt;b&gt;&amp;&quot;c&apos;\td");
        assert_eq!(escape("]]>"), "]]&gt;");
    }

    #[test]
    fn elements_nest_and_close_in_order() {
        let mut x = Xml::new();
        x.open("a", &[("id", "x\"y")]).leaf("b", &[], "1 < 2").leaf("c", &[("k", "v")], "").close();
        assert_eq!(
            x.finish(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a id=\"x&quot;y\">\n  <b>1 &lt; 2</b>\n  <c k=\"v\"/>\n</a>\n"
        );
    }
}
