//! Heading ids: GitHub's slugs made unique on the page, around the ids the theme gives
//! parts of the page, and the warnings for an id written by hand (`{#id}`) that another
//! element of the page has too.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use rustc_hash::FxHashMap;

use super::Heading;
use super::renderer::Renderer;

/// A heading's id as GitHub makes it: lowercased, letters and digits of any script kept
/// with `-` and `_`, spaces turned into `-`, other punctuation dropped.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    out.extend(text.trim().chars().flat_map(char::to_lowercase).filter_map(|c| match c {
        c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
        c if c.is_whitespace() => Some('-'),
        _ => None,
    }));
    out
}

/// A heading being read: its events wait until its text, and so its id, is known.
pub(super) struct HeadingBuf<'a> {
    level: HeadingLevel,
    explicit_id: Option<String>,
    /// Where the heading starts in the source, for a message about its id.
    offset: usize,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    pub(super) events: Vec<Event<'a>>,
    pub(super) text: String,
}

/// The heading ids of a page so far.
#[derive(Default)]
pub(super) struct HeadingIds {
    /// Ids given so far (the theme's own count once a heading would take one), each with
    /// how many headings after the first wanted it.
    used: FxHashMap<String, usize>,
    /// Hand-written heading ids not already taken above, with where each heading starts:
    /// checked at the end against the ids the elements below them got.
    explicit: Vec<(String, usize)>,
    /// Hand-written heading ids already reported as taken above (one report a clash).
    repeated: Vec<String>,
}

impl<'a> Renderer<'_, 'a> {
    pub(super) fn start_heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        offset: usize,
    ) {
        let explicit_id = id.map(|i| i.to_string());
        self.heading =
            Some(HeadingBuf { level, explicit_id, offset, classes, attrs, events: Vec::new(), text: String::new() });
        if self.demotes_h1(level) {
            self.warn(offset, "a level-1 heading ('# ...') in the body: the page title is the page's only h1, so this one is shown as a level-2 heading; write '## ...'".into());
        }
    }

    pub(super) fn finish_heading(&mut self) {
        let Some(h) = self.heading.take() else { return };
        let level = if self.demotes_h1(h.level) { HeadingLevel::H2 } else { h.level };
        self.check_heading_level(level as u8, h.offset);
        let id = match h.explicit_id {
            Some(id) => {
                self.check_explicit_id(&id, h.offset);
                self.ids.used.entry(id.clone()).or_insert(0);
                id
            }
            None => self.unique_id(&h.text),
        };
        self.result.anchors.push(id.clone());
        let depth = level as u8;
        if depth <= 3 {
            self.result.toc.push(Heading { level: depth, id: id.clone(), text: h.text.trim().to_string() });
        }
        self.out.push(Event::Start(Tag::Heading { level, id: Some(id.into()), classes: h.classes, attrs: h.attrs }));
        self.out.extend(h.events);
        self.out.push(Event::End(TagEnd::Heading(level)));
    }

    /// An id written on a heading (`{#id}`) that another element of the page has too:
    /// links to it would find only the first.
    fn check_explicit_id(&mut self, id: &str, offset: usize) {
        if self.ctx.reserved_ids.contains(&id) {
            let msg = format!(
                "heading id '{id}' is the id of a part of the page the theme writes ({}); choose another id",
                self.ctx.reserved_ids.join(", ")
            );
            self.warn(offset, msg);
        } else if self.result.anchors.iter().any(|a| a == id) {
            // Every id the body gave so far: headings, paragraphs, footnotes, examples.
            self.warn(
                offset,
                format!("heading id '{id}' is already the id of an element above it on this page; choose another id"),
            );
            self.ids.repeated.push(id.to_string());
        } else {
            self.ids.explicit.push((id.to_string(), offset));
        }
    }

    /// Warns about each hand-written heading id that an element below the heading got too
    /// (a paragraph's `p3`, a footnote's `fn-note`, an example's `example-2`); a heading
    /// below that wrote the same id was reported at its own line already.
    pub(super) fn check_ids_below(&mut self) {
        for (id, offset) in std::mem::take(&mut self.ids.explicit) {
            let uses = self.result.anchors.iter().filter(|a| **a == id).count();
            let reported = self.ids.repeated.iter().filter(|r| **r == id).count();
            if uses > 1 + reported {
                let msg =
                    format!("heading id '{id}' is also the id of an element below it on this page; choose another id");
                self.warn(offset, msg);
            }
        }
    }

    /// Takes `id` for an element other than a heading (an exercise): a heading with the
    /// same text gets `-1`.
    pub(super) fn reserve_id(&mut self, id: &str) {
        self.ids.used.entry(id.to_string()).or_insert(0);
    }

    /// The heading's slug, or the slug with `-1`, `-2`, ... when the page has it already.
    fn unique_id(&mut self, text: &str) -> String {
        let base = match slug(text) {
            s if s.is_empty() => "section".to_string(),
            s => s,
        };
        let mut id = base.clone();
        loop {
            if self.ctx.reserved_ids.contains(&id.as_str()) {
                self.ids.used.entry(id.clone()).or_insert(0);
            }
            let Some(n) = self.ids.used.get_mut(&id) else { break };
            *n += 1;
            id = format!("{base}-{n}");
        }
        self.ids.used.insert(id.clone(), 0);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_github() {
        assert_eq!(slug("Who sells what, and to whom?"), "who-sells-what-and-to-whom");
        assert_eq!(slug("Ça va -- bien_2"), "ça-va----bien_2");
        assert_eq!(slug("海绵 城市!"), "海绵-城市");
    }
}
