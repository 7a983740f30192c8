//! Escaping text for where it lands in a page: HTML text and attribute values, and JSON
//! inside a `<script>` element.

/// Escapes text for HTML content and attribute values (`&`, `<`, `>`, `"` and `'`),
/// exactly as the templates' autoescape and pulldown-cmark do: the one escaper of
/// every page, from pulldown-cmark-escape (vector instructions on x86-64).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s);
    out
}

/// [`escape`], appending to `out`.
pub fn escape_into(out: &mut String, s: &str) {
    pulldown_cmark_escape::escape_html(out, s).expect("writing to a String cannot fail");
}

/// JSON with `<`, `>`, `&` and the two JavaScript line separators escaped, so it can sit
/// inside a `<script>` element (nothing ends the element or starts a comment) or be served
/// as a file that no browser reads as HTML.
pub fn script_json(json: &str) -> String {
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len() + 16);
    let mut copied = 0;
    for (i, &b) in bytes.iter().enumerate() {
        // U+2028 and U+2029 are the bytes E2 80 A8 and E2 80 A9.
        let (escape, len) = match b {
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            0xE2 => match bytes.get(i + 1..i + 3) {
                Some([0x80, 0xA8]) => ("\\u2028", 3),
                Some([0x80, 0xA9]) => ("\\u2029", 3),
                _ => continue,
            },
            _ => continue,
        };
        out.push_str(&json[copied..i]);
        out.push_str(escape);
        copied = i + len;
    }
    out.push_str(&json[copied..]);
    out
}

/// HTML without its `<a>` elements' tags (their text kept).
pub fn unlinked(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<a") {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let is_tag = from[2..].starts_with([' ', '>']);
        match (is_tag, from.find('>')) {
            (true, Some(end)) => rest = &from[end + 1..],
            _ => {
                out.push_str("<a");
                rest = &from[2..];
            }
        }
    }
    out.push_str(rest);
    out.replace("</a>", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_for_html() {
        assert_eq!(escape("\"><script>'&"), "&quot;&gt;&lt;script&gt;&#39;&amp;");
        let mut out = String::from("<p>");
        escape_into(&mut out, "a < b");
        assert_eq!(out, "<p>a &lt; b");
    }

    #[test]
    fn script_json_cannot_close_the_element() {
        let raw = serde_json::to_string(&"</script><!-- & \u{2028}").unwrap();
        let safe = script_json(&raw);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&') && !safe.contains('\u{2028}'));
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "</script><!-- & \u{2028}");
        let text = "a<b>c&d\u{2028}e\u{2029}f \u{2027} € é 海 <";
        let expected = "a\\u003cb\\u003ec\\u0026d\\u2028e\\u2029f \u{2027} € é 海 \\u003c";
        assert_eq!(script_json(text), expected);
    }
}
