//! Accessibility lints, as warnings where the problem is (errors under `--strict`): a
//! heading that skips a level, a link whose whole text is "here"; and the ids written in
//! raw HTML (`<a id="old-name"></a>`), which are anchors like a heading's.

use super::renderer::Renderer;

/// Link texts that say nothing when a screen reader lists a page's links.
const VAGUE: [&str; 3] = ["here", "click here", "click"];

impl Renderer<'_, '_> {
    /// A heading at `level` (as shown) after the previous one: the first below the page
    /// title is `##`, and each may go at most one level deeper than the one before.
    pub(super) fn check_heading_level(&mut self, level: u8, offset: usize) {
        if !matches!(self.ctx.place, super::Place::Body { .. }) {
            return;
        }
        let above = self.heading_level;
        self.heading_level = level;
        if level > above + 1 {
            let (want, what) = if above == 1 {
                ("##".to_string(), "the first heading below the page title".to_string())
            } else {
                ("#".repeat(usize::from(above) + 1), format!("a heading under a level-{above} heading"))
            };
            let msg = format!(
                "heading skips a level: {what} is level {above_plus}, written '{want} ...', not level {level} (screen reader users move through a page by its levels)",
                above_plus = above + 1
            );
            self.warn(offset, msg);
        }
    }

    /// A link whose whole text is "here" or "click here".
    pub(super) fn check_link_text(&mut self, text: &str, offset: usize) {
        let words = text.trim().trim_end_matches(['.', '!', ':']).to_lowercase();
        if VAGUE.contains(&words.as_str()) {
            let msg = format!(
                "link text '{}' says nothing out of its sentence (screen readers list links by their text); name what it links to",
                text.trim()
            );
            self.warn(offset, msg);
        }
    }

    /// Every `id="..."` in a piece of raw HTML becomes an anchor of the page.
    pub(super) fn raw_html_ids(&mut self, html: &str) {
        self.result.anchors.extend(html_ids(html).map(str::to_string));
    }
}

/// The values of `id` attributes in raw HTML (quoted with `"` or `'`, or unquoted).
pub fn html_ids(html: &str) -> impl Iterator<Item = &str> {
    let bytes = html.as_bytes();
    memchr::memmem::find_iter(bytes, b"id=").filter_map(move |at| {
        let before = *bytes.get(at.checked_sub(1)?)?;
        if !before.is_ascii_whitespace() {
            return None;
        }
        let rest = &html[at + 3..];
        let value = match rest.chars().next()? {
            q @ ('"' | '\'') => &rest[1..1 + rest[1..].find(q)?],
            _ => &rest[..rest.find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/').unwrap_or(rest.len())],
        };
        (!value.is_empty()).then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_raw_html_are_found() {
        let ids: Vec<&str> = html_ids("<a id=\"old-name\"></a><p class=x id='b' data-id=\"no\"><span id=c>").collect();
        assert_eq!(ids, ["old-name", "b", "c"]);
        assert_eq!(html_ids("<a valid=\"x\">").count(), 0);
    }
}
