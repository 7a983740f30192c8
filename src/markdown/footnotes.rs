//! Footnotes: numbered from 1 in order of first citation, each reference and definition
//! with an id (`fnref-…`, `fn-…`) and links both ways.

use pulldown_cmark::Event;

use super::ids::slug;
use super::renderer::Renderer;
use crate::util::html::escape;

/// The footnotes of a page so far.
#[derive(Default)]
pub(super) struct Footnotes {
    /// Labels in order of first appearance, and how often each was cited.
    labels: Vec<(String, usize)>,
    /// The id of the definition being read.
    open: Option<String>,
}

impl Footnotes {
    /// A footnote's number (from 1, in order of first appearance) and its id part.
    fn number(&mut self, label: &str) -> (usize, String) {
        let n = match self.labels.iter().position(|(l, _)| l == label) {
            Some(i) => i + 1,
            None => {
                self.labels.push((label.to_string(), 0));
                self.labels.len()
            }
        };
        let id = match slug(label) {
            s if s.is_empty() => n.to_string(),
            s => s,
        };
        (n, id)
    }
}

impl Renderer<'_, '_> {
    pub(super) fn footnote_reference(&mut self, label: &str) {
        let (n, id) = self.footnotes.number(label);
        let cited = &mut self.footnotes.labels[n - 1].1;
        *cited += 1;
        let ref_id = if *cited == 1 { format!("fnref-{id}") } else { format!("fnref-{id}-{cited}") };
        let strings = &self.ctx.index.course.config.strings;
        let shown = strings.number(n as f64);
        let label = escape(&strings.format("footnote_number", None, &[("number", &shown)]));
        let html = format!(
            "<sup class=\"footnote-ref\" id=\"{ref_id}\"><a href=\"#fn-{id}\" aria-label=\"{label}\">{shown}</a></sup>"
        );
        self.result.anchors.push(ref_id);
        self.push(Event::InlineHtml(html.into()));
    }

    pub(super) fn footnote_definition(&mut self, label: &str) {
        let (n, id) = self.footnotes.number(label);
        let shown = self.ctx.index.course.config.strings.number(n as f64);
        let html = format!(
            "<div class=\"footnote-definition\" id=\"fn-{id}\"><span class=\"footnote-label\">{shown}.</span>\n"
        );
        self.push(Event::Html(html.into()));
        self.result.anchors.push(format!("fn-{id}"));
        self.footnotes.open = Some(id);
    }

    pub(super) fn close_footnote_definition(&mut self) {
        let id = self.footnotes.open.take().unwrap_or_default();
        let label = escape(self.ctx.index.course.config.strings.get("back_to_text"));
        let back = format!("<a href=\"#fnref-{id}\" class=\"footnote-back\" aria-label=\"{label}\">↩</a></div>\n");
        self.push(Event::Html(back.into()));
    }
}
