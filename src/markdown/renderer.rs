//! The event pass: every pulldown-cmark event of a text, written out, rewritten or held
//! back (headings until their id is known, running text until its concept terms are
//! found), and the rendered HTML with what was learned on the way.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};

use super::autolink::RunningText;
use super::footnotes::Footnotes;
use super::ids::{HeadingBuf, HeadingIds};
use super::links::LinkFrame;
use super::{Ctx, Place, Rendered, is_block_end};
use crate::common::Diagnostic;

pub(super) struct Renderer<'c, 'a> {
    pub(super) ctx: &'c Ctx<'a>,
    pub(super) out: Vec<Event<'a>>,
    /// The heading being read: its events wait until its id is known.
    pub(super) heading: Option<HeadingBuf<'a>>,
    pub(super) ids: HeadingIds,
    /// Links being read, innermost last.
    pub(super) links: Vec<LinkFrame>,
    image_depth: usize,
    code_block: bool,
    pub(super) text: RunningText,
    pub(super) footnotes: Footnotes,
    /// Paragraphs (numbered on articles), example passages and tables so far.
    paragraphs: usize,
    pub(super) examples: usize,
    tables: usize,
    /// `#anchor` links to this page, checked once every id of the page is known.
    pub(super) self_anchors: Vec<(String, usize)>,
    /// Keep the body's plain text (course pages' bodies: what search indexes).
    collect_text: bool,
    pub(super) result: Rendered,
}

impl<'c, 'a> Renderer<'c, 'a> {
    /// A renderer for a text of `len` bytes.
    pub(super) fn new(ctx: &'c Ctx<'a>, len: usize) -> Self {
        Renderer {
            ctx,
            // Room up front for an event per 8 bytes of Markdown (more than prose needs):
            // growing the list, each time a copy, was 3% of a large build's instructions.
            out: Vec::with_capacity(len / 8),
            heading: None,
            ids: HeadingIds::default(),
            links: Vec::new(),
            image_depth: 0,
            code_block: false,
            text: RunningText::default(),
            footnotes: Footnotes::default(),
            paragraphs: 0,
            examples: 0,
            tables: 0,
            self_anchors: Vec::new(),
            collect_text: ctx.page.is_some() && matches!(ctx.place, Place::Body { .. }),
            result: Rendered::default(),
        }
    }

    pub(super) fn push(&mut self, e: Event<'a>) {
        match &mut self.heading {
            Some(h) => h.events.push(e),
            None => self.out.push(e),
        }
    }

    /// Adds an event's text to `result.text`, with a space at breaks and block ends.
    fn collect(&mut self, event: &Event) {
        let text = &mut self.result.text;
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak if !text.ends_with(' ') => text.push(' '),
            Event::End(tag) if is_block_end(tag) && !text.ends_with(' ') => text.push(' '),
            _ => {}
        }
    }

    pub(super) fn error(&mut self, offset: usize, msg: String) {
        let (path, pos) = self.ctx.place.locate(offset);
        self.result.diags.push(Diagnostic::error(path, Some(pos), msg));
    }

    pub(super) fn warn(&mut self, offset: usize, msg: String) {
        let (path, pos) = self.ctx.place.locate(offset);
        self.result.diags.push(Diagnostic::warning(path, Some(pos), msg));
    }

    fn in_running_text(&self) -> bool {
        self.ctx.mentions
            && self.heading.is_none()
            && self.links.is_empty()
            && self.image_depth == 0
            && !self.code_block
    }

    pub(super) fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        if self.collect_text {
            self.collect(&event);
        }
        if let Some(frame) = self.links.last()
            && frame.label.is_some()
            && matches!(event, Event::Text(_) | Event::Code(_) | Event::SoftBreak)
        {
            return;
        }
        match event {
            Event::Text(t) if self.in_running_text() => return self.text.add(&t, range.start),
            Event::SoftBreak if self.in_running_text() && !self.text.is_empty() => return self.text.newline(),
            _ => self.flush_run(),
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                if let Some(h) = &mut self.heading {
                    h.text.push_str(&t);
                }
                if let Some((_, _, passage)) = self.links.last_mut().and_then(|f| f.example.as_mut()) {
                    passage.push_str(&t);
                }
                self.push(Event::Text(t));
            }
            Event::Code(t) => {
                if let Some(h) = &mut self.heading {
                    h.text.push_str(&t);
                }
                self.push(Event::Code(t));
            }
            Event::Html(h) | Event::InlineHtml(h) if !self.ctx.raw_html => self.push(Event::Text(h)),
            Event::TaskListMarker(done) => {
                let (checked, label) = if done { (" checked", "Done") } else { ("", "Not done") };
                let html = format!("<input type=\"checkbox\" disabled{checked} aria-label=\"{label}\"> ");
                self.push(Event::InlineHtml(html.into()));
            }
            Event::FootnoteReference(label) => self.footnote_reference(&label),
            e => self.push(e),
        }
    }

    fn start(&mut self, tag: Tag<'a>, range: Range<usize>) {
        match tag {
            Tag::Heading { level, id, classes, attrs } => self.start_heading(level, id, classes, attrs, range.start),
            Tag::Link { link_type: LinkType::WikiLink { has_pothole }, dest_url, .. } => {
                self.wikilink(&dest_url, has_pothole, range.start)
            }
            Tag::Link { link_type, dest_url, title, id } => self.link(link_type, dest_url, title, id, range.start),
            Tag::Image { link_type, dest_url, title, id } => {
                self.image_depth += 1;
                let dest = self.resolve_href(&dest_url, true, range.start).map(|(href, _)| href);
                let dest_url = dest.map_or(dest_url, CowStr::from);
                self.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
            }
            Tag::CodeBlock(kind) => {
                self.code_block = true;
                self.push(Event::Start(Tag::CodeBlock(kind)));
            }
            Tag::Table(alignments) => {
                self.tables += 1;
                let html = format!(
                    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table {}\">\n",
                    self.tables
                );
                self.push(Event::Html(html.into()));
                self.push(Event::Start(Tag::Table(alignments)));
            }
            Tag::FootnoteDefinition(label) => self.footnote_definition(&label),
            Tag::Paragraph if self.ctx.paragraph_ids => {
                self.paragraphs += 1;
                let id = format!("p{}", self.paragraphs);
                self.push(Event::Html(format!("<p id=\"{id}\">").into()));
                self.result.anchors.push(id);
            }
            t => self.push(Event::Start(t)),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => self.finish_heading(),
            TagEnd::Link => self.close_link(),
            TagEnd::Image => {
                self.image_depth = self.image_depth.saturating_sub(1);
                self.push(Event::End(TagEnd::Image));
            }
            TagEnd::CodeBlock => {
                self.code_block = false;
                self.push(Event::End(TagEnd::CodeBlock));
            }
            TagEnd::Table => {
                self.push(Event::End(TagEnd::Table));
                self.push(Event::Html("</div>\n".into()));
            }
            TagEnd::FootnoteDefinition => self.close_footnote_definition(),
            TagEnd::Paragraph if self.ctx.paragraph_ids => {
                let n = self.paragraphs;
                let link =
                    format!(" <a class=\"para-link\" href=\"#p{n}\" aria-label=\"Link to paragraph {n}\">¶</a></p>\n");
                self.push(Event::Html(link.into()));
            }
            t => self.push(Event::End(t)),
        }
    }

    /// The rendered HTML, once every `#anchor` to this page is checked against its ids.
    pub(super) fn finish(mut self) -> Rendered {
        self.flush_run();
        self.check_ids_below();
        let known: HashSet<&str> =
            self.result.anchors.iter().map(String::as_str).chain(self.ctx.reserved_ids.iter().copied()).collect();
        let missing: Vec<(String, usize)> =
            self.self_anchors.iter().filter(|(a, _)| !known.contains(a.as_str())).cloned().collect();
        for (anchor, offset) in missing {
            self.error(offset, format!("broken anchor '#{anchor}': no heading or element with that id on this page"));
        }
        let mut html = String::with_capacity(self.out.len() * 16);
        pulldown_cmark::html::push_html(&mut html, self.out.into_iter());
        html.shrink_to_fit();
        self.result.html = html;
        self.result.text.shrink_to_fit();
        self.result.links.shrink_to_fit();
        self.result.mentions.shrink_to_fit();
        self.result
    }

    /// Whether a level-1 heading in this text is shown as level 2 (in page bodies, where the
    /// page title is the one `h1`).
    pub(super) fn demotes_h1(&self, level: HeadingLevel) -> bool {
        level == HeadingLevel::H1 && matches!(self.ctx.place, Place::Body { .. })
    }
}
