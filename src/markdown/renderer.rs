//! The event pass: every pulldown-cmark event of a text, written out, rewritten or held
//! back (headings until their id is known, running text until its concept terms are
//! found), and the rendered HTML with what was learned on the way.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, LinkType, Tag, TagEnd};

use super::autolink::RunningText;
use super::callouts::Quote;
use super::code::CodeBuf;
use super::footnotes::Footnotes;
use super::ids::{HeadingBuf, HeadingIds};
use super::images::{Content, ImageBuf};
use super::links::LinkFrame;
use super::{Ctx, Place, Rendered, is_block_end};
use crate::common::Diagnostic;
use crate::util::html::escape;

pub(super) struct Renderer<'c, 'a> {
    pub(super) ctx: &'c Ctx<'a>,
    /// The text rendered (callout markers are read from it).
    pub(super) src: &'a str,
    pub(super) out: Vec<Event<'a>>,
    /// The heading being read: its events wait until its id is known.
    pub(super) heading: Option<HeadingBuf<'a>>,
    pub(super) ids: HeadingIds,
    /// Links being read, innermost last.
    pub(super) links: Vec<LinkFrame>,
    /// The image being read (its alt text), and how many the page has had.
    pub(super) image: Option<Box<ImageBuf>>,
    pub(super) images: usize,
    /// The code block being read.
    pub(super) code: Option<CodeBuf>,
    /// Block quotes being read, innermost last, and whether the first line of a callout
    /// (its marker, rendered apart) is being skipped.
    pub(super) quotes: Vec<Quote>,
    pub(super) marker_line: bool,
    /// The end of the paragraph a callout marker stood in, the depth of tags open in its
    /// line, and whether that line's block is a paragraph.
    marker_para_end: usize,
    pub(super) marker_depth: usize,
    marker_in_paragraph: bool,
    pub(super) exercises: usize,
    /// Callouts kept out of the search index that are open (solutions, hints, notes).
    pub(super) unsearched: usize,
    /// The paragraph being read.
    pub(super) para: Option<Para>,
    /// The level of the last heading (1: the page title).
    pub(super) heading_level: u8,
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

/// A paragraph being read: where it starts in the output and the source, what it holds,
/// and the source ranges (math, code) its stray dollar signs are not looked for in.
pub(super) struct Para {
    out_at: usize,
    start: usize,
    end: usize,
    skips: Vec<(usize, usize)>,
    pub(super) content: Content,
}

impl<'c, 'a> Renderer<'c, 'a> {
    /// A renderer for a text of `len` bytes.
    pub(super) fn new(ctx: &'c Ctx<'a>, src: &'a str) -> Self {
        let len = src.len();
        Renderer {
            ctx,
            src,
            // Room up front for an event per 8 bytes of Markdown (more than prose needs):
            // growing the list, each time a copy, was 3% of a large build's instructions.
            out: Vec::with_capacity(len / 8),
            heading: None,
            ids: HeadingIds::default(),
            links: Vec::new(),
            image: None,
            images: 0,
            code: None,
            quotes: Vec::new(),
            marker_line: false,
            marker_para_end: 0,
            marker_depth: 0,
            marker_in_paragraph: false,
            exercises: 0,
            unsearched: 0,
            para: None,
            heading_level: 1,
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
            && self.image.is_none()
            && self.code.is_none()
    }

    pub(super) fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        if self.marker_line {
            return self.marker_event(event, range);
        }
        if self.collect_text && self.unsearched == 0 {
            self.collect(&event);
        }
        if let Some(code) = &mut self.code
            && let Event::Text(t) = &event
        {
            return code.text.push_str(t);
        }
        if let Some(image) = &mut self.image {
            match &event {
                Event::Text(t) | Event::Code(t) => return image.alt.push_str(t),
                Event::End(TagEnd::Image) => return self.end_image(),
                _ => return,
            }
        }
        self.note_content(&event);
        // A line break inside an example passage is a space in its quoted text.
        if matches!(event, Event::SoftBreak | Event::HardBreak)
            && let Some((_, _, passage)) = self.links.last_mut().and_then(|f| f.example.as_mut())
        {
            passage.push(' ');
        }
        // Enough of a link's text to tell "here" from a real label (the link-text lint).
        if let Some(frame) = self.links.last_mut()
            && frame.text.len() <= 16
            && let Event::Text(t) | Event::Code(t) = &event
        {
            frame.text.push_str(t);
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
                self.skip_in_paragraph(range.start, range.len());
                self.inline_code(&t);
            }
            Event::InlineMath(latex) => self.math(&latex, false, range.start),
            Event::DisplayMath(latex) => self.math(&latex, true, range.start),
            Event::Html(h) | Event::InlineHtml(h) if !self.ctx.raw_html => self.push(Event::Text(h)),
            Event::Html(h) => {
                self.raw_html_ids(&h);
                self.push(Event::Html(h));
            }
            Event::InlineHtml(h) => {
                self.raw_html_ids(&h);
                self.push(Event::InlineHtml(h));
            }
            Event::TaskListMarker(done) => {
                let (checked, label) = if done { (" checked", "task_done") } else { ("", "task_not_done") };
                let label = escape(self.ctx.index.course.config.strings.get(label));
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
            Tag::Image { dest_url, title, .. } => self.start_image(&dest_url, title, range.start),
            Tag::CodeBlock(kind) => self.start_code_block(&kind, range.start),
            Tag::BlockQuote(kind) => {
                if !self.start_quote(range.start) {
                    self.push(Event::Start(Tag::BlockQuote(kind)));
                }
            }
            Tag::Table(alignments) => {
                self.tables += 1;
                let strings = &self.ctx.index.course.config.strings;
                let label = strings.format("table_number", None, &[("number", &strings.number(self.tables as f64))]);
                let html = format!(
                    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">\n",
                    escape(&label)
                );
                self.push(Event::Html(html.into()));
                self.push(Event::Start(Tag::Table(alignments)));
            }
            Tag::FootnoteDefinition(label) => self.footnote_definition(&label),
            Tag::Paragraph if self.heading.is_none() => {
                let out_at = self.out.len();
                self.para = Some(Para {
                    out_at,
                    start: range.start,
                    end: range.end,
                    skips: Vec::new(),
                    content: Content::Empty,
                });
                self.start_paragraph();
            }
            t => self.push(Event::Start(t)),
        }
    }

    fn start_paragraph(&mut self) {
        match () {
            () if self.ctx.paragraph_ids => {
                self.paragraphs += 1;
                let id = format!("p{}", self.paragraphs);
                self.push(Event::Html(format!("<p id=\"{id}\">").into()));
                self.result.anchors.push(id);
            }
            () => self.push(Event::Start(Tag::Paragraph)),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => self.finish_heading(),
            TagEnd::Link => self.close_link(),
            TagEnd::Image => {}
            TagEnd::CodeBlock => self.end_code_block(),
            TagEnd::BlockQuote(_) => self.end_quote(),
            TagEnd::Table => {
                self.push(Event::End(TagEnd::Table));
                self.push(Event::Html("</div>\n".into()));
            }
            TagEnd::FootnoteDefinition => self.close_footnote_definition(),
            TagEnd::Paragraph if self.para.is_some() => {
                let para = self.para.take().expect("checked above");
                self.stray_dollars(&para);
                if !self.end_paragraph_figure(para.out_at, para.content) {
                    self.end_paragraph();
                }
            }
            t => self.push(Event::End(t)),
        }
    }

    fn end_paragraph(&mut self) {
        match () {
            () if self.ctx.paragraph_ids => {
                let n = self.paragraphs;
                let strings = &self.ctx.index.course.config.strings;
                let label = strings.format("link_to_paragraph", None, &[("number", &strings.number(n as f64))]);
                let label = escape(&label);
                let link = format!(" <a class=\"para-link\" href=\"#p{n}\" aria-label=\"{label}\">¶</a></p>\n");
                self.push(Event::Html(link.into()));
            }
            () => self.push(Event::End(TagEnd::Paragraph)),
        }
    }

    /// An event of a callout's marker line, which is rendered apart: skipped up to the
    /// line's end, where the callout's first paragraph starts (if the text goes on). The
    /// line's block is a paragraph, or a heading (`===` under it): skipped to its end.
    fn marker_event(&mut self, event: Event<'a>, range: Range<usize>) {
        match event {
            Event::Start(tag) => {
                if self.marker_depth == 0 {
                    self.marker_in_paragraph = matches!(tag, Tag::Paragraph);
                    self.marker_para_end = range.end;
                }
                self.marker_depth += 1;
            }
            Event::End(_) => {
                self.marker_depth = self.marker_depth.saturating_sub(1);
                self.marker_line = self.marker_depth > 0;
            }
            Event::SoftBreak | Event::HardBreak if self.marker_depth == 1 && self.marker_in_paragraph => {
                self.marker_line = false;
                self.marker_depth = 0;
                let end = self.marker_para_end.max(range.end);
                self.event(Event::Start(Tag::Paragraph), range.end..end);
            }
            _ => {}
        }
    }

    /// Marks the paragraph as holding more than one image, when `event` is anything else.
    fn note_content(&mut self, event: &Event) {
        let Some(para) = &mut self.para else { return };
        let only_space = match event {
            Event::Text(t) => t.trim().is_empty(),
            Event::SoftBreak | Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Paragraph) => true,
            _ => false,
        };
        if !only_space || (matches!(event, Event::Start(Tag::Image { .. })) && !matches!(para.content, Content::Empty))
        {
            para.content = Content::Other;
        }
    }

    /// A source range of the paragraph (math, a code span) not to look for `$` in.
    pub(super) fn skip_in_paragraph(&mut self, offset: usize, len: usize) {
        if let Some(para) = &mut self.para {
            para.skips.push((offset, offset + len));
        }
    }

    /// Dollar signs in the paragraph that pulldown-cmark left as text although they look
    /// like math: `$$` never closed, or `$...$` with unbalanced braces.
    fn stray_dollars(&mut self, para: &Para) {
        let Some(text) = self.src.get(para.start..para.end) else { return };
        if memchr::memchr(b'$', text.as_bytes()).is_none() {
            return;
        }
        let mut bytes = text.as_bytes().to_vec();
        for &(from, to) in &para.skips {
            let (from, to) =
                (from.saturating_sub(para.start).min(bytes.len()), to.saturating_sub(para.start).min(bytes.len()));
            bytes[from..to].fill(b' ');
        }
        let text = String::from_utf8_lossy(&bytes);
        for (at, msg) in super::math::stray_dollars(&text) {
            self.error(para.start + at, msg.to_string());
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
        if let Some(code) = self.code.take() {
            // A fence left open runs to the end of the text; it is still a block.
            self.code = Some(code);
            self.end_code_block();
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

    /// A piece of this text (a callout's title, a figure's caption) rendered as inline
    /// Markdown where it stands at `offset`: its HTML and plain text, its links and
    /// diagnostics joining this text's.
    pub(super) fn inline_at(&mut self, text: &str, offset: usize) -> (String, String) {
        let place = match self.ctx.place {
            Place::Body { source, offset: base } => Place::Body { source, offset: base + offset },
            field => field,
        };
        let mut r = super::render_inline(text, &Ctx { place, ..*self.ctx });
        self.result.links.append(&mut r.links);
        self.result.diags.append(&mut r.diags);
        (r.html, r.plain)
    }

    /// Whether a level-1 heading in this text is shown as level 2 (in page bodies, where the
    /// page title is the one `h1`).
    pub(super) fn demotes_h1(&self, level: HeadingLevel) -> bool {
        level == HeadingLevel::H1 && matches!(self.ctx.place, Place::Body { .. })
    }
}
