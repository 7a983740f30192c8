//! Concept autolinks: running text (not headings, links, images or code) is gathered into
//! one run, searched once for concept terms, and written out with the mentions linked as
//! the page's `autolink` setting says (first mention, every mention, or none).

use pulldown_cmark::Event;
use rustc_hash::FxHashSet;

use super::LinkUse;
use super::renderer::Renderer;
use crate::common::{Kind, PageKey};
use crate::content::config::Autolink;

/// Running text not yet searched for concept terms, and the concepts seen so far.
#[derive(Default)]
pub(super) struct RunningText {
    run: String,
    /// Where each piece of `run` came from: (offset in `run`, offset in the text).
    map: Vec<(usize, usize)>,
    /// Concepts the page links to so far, by hand or automatically.
    pub(super) linked: FxHashSet<usize>,
    /// Concepts the page mentions so far.
    mentioned: FxHashSet<usize>,
}

/// What the page had linked and mentioned at some point, to go back to.
pub(super) struct Seen {
    linked: FxHashSet<usize>,
    mentioned: FxHashSet<usize>,
}

impl RunningText {
    pub(super) fn seen(&self) -> Seen {
        Seen { linked: self.linked.clone(), mentioned: self.mentioned.clone() }
    }

    /// Forgets the concepts linked and mentioned since `seen`.
    pub(super) fn restore(&mut self, seen: Seen) {
        (self.linked, self.mentioned) = (seen.linked, seen.mentioned);
    }

    /// Adds a piece of text that starts at `offset` in the source.
    pub(super) fn add(&mut self, text: &str, offset: usize) {
        self.map.push((self.run.len(), offset));
        self.run.push_str(text);
    }

    /// Adds a line break (a soft break inside running text).
    pub(super) fn newline(&mut self) {
        self.run.push('\n');
    }

    pub(super) fn is_empty(&self) -> bool {
        self.run.is_empty()
    }
}

impl Renderer<'_, '_> {
    /// Searches the buffered running text for concept terms and writes it out.
    pub(super) fn flush_run(&mut self) {
        if self.text.run.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.text.run);
        let map = std::mem::take(&mut self.text.map);
        let index = self.ctx.index;
        let mut last = 0;
        for m in index.matcher().find(&text) {
            let piece = map.partition_point(|(at, _)| *at <= m.start).saturating_sub(1);
            let source_offset = map.get(piece).map_or(0, |(at, src)| src + (m.start - at));
            let at = self.ctx.place.loc(source_offset);
            if self.text.mentioned.insert(m.concept) {
                self.result.mentions.push((m.concept, at));
            }
            let link = match self.ctx.autolink {
                Autolink::Off => false,
                Autolink::First => !self.text.linked.contains(&m.concept),
                Autolink::All => true,
            } && self.ctx.page != Some(PageKey::new(Kind::Concept, m.concept));
            if !link {
                continue;
            }
            self.text.linked.insert(m.concept);
            self.result.links.push(LinkUse::new(PageKey::new(Kind::Concept, m.concept), at, None, String::new));
            if m.start > last {
                self.out.push(Event::Text(text[last..m.start].to_string().into()));
            }
            self.out.push(Event::InlineHtml(index.concept_link_open(m.concept).into()));
            self.out.push(Event::Text(text[m.start..m.end].to_string().into()));
            self.out.push(Event::InlineHtml("</a>".into()));
            last = m.end;
        }
        if last < text.len() {
            self.out.push(Event::Text(text[last..].to_string().into()));
        }
        // The buffers are kept for the next run, which need not grow them again.
        self.text.run = text;
        self.text.run.clear();
        self.text.map = map;
        self.text.map.clear();
    }
}
