//! Markdown to HTML: pulldown-cmark events rewritten for links (wikilinks, `.md` links,
//! site paths), heading ids, concept autolinks and raw HTML policy, collecting the links,
//! anchors, mentions and diagnostics of each page instead of stopping at the first.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, TextMergeWithOffset};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::common::Kind;
use crate::common::PageKey;
use crate::common::diag::{Diagnostic, Pos};
use crate::content::config::Autolink;
use crate::content::source::Source;
use crate::index::{SiteIndex, Target};

/// Where the text being rendered sits, for diagnostics.
#[derive(Clone, Copy)]
pub enum Place<'a> {
    /// A Markdown body starting at `offset` in `source`.
    Body { source: &'a Source, offset: usize },
    /// A front-matter or quiz field: every message points at the field.
    Field { path: &'a str, pos: Pos },
}

impl Place<'_> {
    fn locate(&self, offset: usize) -> (&str, Pos) {
        match self {
            Place::Body { source, offset: base } => (&source.path, source.pos(base + offset)),
            Place::Field { path, pos } => (path, *pos),
        }
    }

    /// Where `offset` is, kept cheap: turned into a line and column only if reported.
    fn loc(&self, offset: usize) -> Loc {
        match self {
            Place::Body { offset: base, .. } => Loc::Offset(base + offset),
            Place::Field { pos, .. } => Loc::At(*pos),
        }
    }
}

/// A place in a page's source file: a byte offset (in a body) or a known position (a field).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loc {
    Offset(usize),
    At(Pos),
}

impl Loc {
    /// The line and column, given the page's source file (for offsets).
    pub fn pos(self, source: Option<&Source>) -> Pos {
        match (self, source) {
            (Loc::At(pos), _) => pos,
            (Loc::Offset(offset), Some(source)) => source.pos(offset),
            (Loc::Offset(_), None) => Pos::START,
        }
    }
}

/// What a render needs to know about the page and the course.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub index: &'a SiteIndex<'a>,
    pub place: Place<'a>,
    /// The page rendered, if it is a course page (the home page is not).
    pub page: Option<PageKey>,
    /// Its site path, which relative links are resolved against.
    pub page_path: &'a str,
    pub autolink: Autolink,
    /// Look for concept mentions (lesson and article bodies).
    pub mentions: bool,
    pub raw_html: bool,
    /// Element ids the page's template uses, which headings must not take.
    pub reserved_ids: &'a [&'a str],
    /// Give every paragraph the id `pN` (articles).
    pub paragraph_ids: bool,
}

/// A link from this text to a course page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkUse {
    pub target: PageKey,
    pub at: Loc,
    /// The `#anchor` to check, if any, with the link as written for the message.
    pub anchor: Option<Box<Anchor>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub id: String,
    pub written: String,
}

impl LinkUse {
    pub fn new(target: PageKey, at: Loc, anchor: Option<String>, written: impl FnOnce() -> String) -> LinkUse {
        let anchor = anchor.map(|id| Box::new(Anchor { id, written: written() }));
        LinkUse { target, at, anchor }
    }
}

/// A passage marked `[[example:concept|passage]]`: an example of a concept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    pub concept: usize,
    /// The id of the highlight on its page.
    pub anchor: String,
    /// The passage as plain text, to quote on the concept's page.
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A rendered text and what was learned while rendering it.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<Heading>,
    pub anchors: Vec<String>,
    pub links: Vec<LinkUse>,
    /// Concepts mentioned in running text: the first mention of each, in order.
    pub mentions: Vec<(usize, Loc)>,
    pub diags: Vec<Diagnostic>,
    /// The text without markup (inline renders only), for attributes and plain lists.
    pub plain: String,
    pub examples: Vec<Example>,
    /// The running text of a course page's body, for the search index (empty otherwise).
    pub text: String,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

/// Renders a Markdown body.
pub fn render(text: &str, ctx: &Ctx) -> Rendered {
    let mut r = Renderer::new(ctx, text.len());
    // Text events are not merged first: running text is gathered into one run anyway,
    // and merging copied every piece of text once more.
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        r.event(event, range);
    }
    r.finish()
}

/// Renders inline Markdown (a definition, a prompt): block structure is flattened so
/// the result can sit inside a sentence. Raw HTML is always shown as text.
pub fn render_inline(text: &str, ctx: &Ctx) -> Rendered {
    let ctx = Ctx { raw_html: false, paragraph_ids: false, ..*ctx };
    let mut r = Renderer::new(&ctx, text.len());
    let mut paragraphs = 0;
    let mut plain = String::new();
    let parser = Parser::new_ext(text, options()).into_offset_iter();
    for (event, range) in TextMergeWithOffset::new(parser) {
        if let Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) = &event {
            plain.push_str(t);
        } else if matches!(event, Event::SoftBreak | Event::HardBreak | Event::Start(Tag::Paragraph))
            && !plain.is_empty()
        {
            plain.push(' ');
        }
        match event {
            Event::Start(Tag::Paragraph) => {
                paragraphs += 1;
                if paragraphs > 1 {
                    r.event(Event::Text(" ".into()), range);
                }
            }
            Event::Start(tag) if is_block(&tag) => {}
            Event::End(tag) if is_block_end(&tag) => {}
            Event::SoftBreak | Event::HardBreak => r.event(Event::Text(" ".into()), range),
            e => r.event(e, range),
        }
    }
    let mut out = r.finish();
    out.html = out.html.trim().to_string();
    out.plain = plain.trim().to_string();
    out
}

fn is_block(tag: &Tag) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

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

/// How a link's closing event is written.
enum Close {
    Tag,
    Html,
    /// An example passage: the concept link and its highlight.
    Example,
    /// The link was refused: its text stays, as text.
    Dropped,
}

struct LinkFrame {
    close: Close,
    /// Unpiped wikilink: its text is the target id, replaced by `label`.
    label: Option<String>,
    /// An example passage being read: the concept, the highlight's id, its text so far.
    example: Option<(usize, String, String)>,
}

impl LinkFrame {
    fn new(close: Close, label: Option<String>) -> LinkFrame {
        LinkFrame { close, label, example: None }
    }
}

struct HeadingBuf<'a> {
    level: HeadingLevel,
    explicit_id: Option<String>,
    /// Where the heading starts in the source, for a message about its id.
    offset: usize,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    events: Vec<Event<'a>>,
    text: String,
}

struct Renderer<'c, 'a> {
    ctx: &'c Ctx<'a>,
    out: Vec<Event<'a>>,
    heading: Option<HeadingBuf<'a>>,
    links: Vec<LinkFrame>,
    image_depth: usize,
    code_block: bool,
    /// Running text not yet searched for concept terms, and the offset it starts at.
    run: String,
    /// Where each piece of `run` came from: (offset in `run`, offset in the text).
    run_map: Vec<(usize, usize)>,
    /// Ids given so far (the theme's own count once a heading would take one).
    used_ids: FxHashMap<String, usize>,
    linked: FxHashSet<usize>,
    mentioned: FxHashSet<usize>,
    paragraphs: usize,
    examples: usize,
    tables: usize,
    /// Footnote labels in order of first appearance, and how often each was cited.
    footnotes: Vec<(String, usize)>,
    open_footnote: Option<String>,
    self_anchors: Vec<(String, usize)>,
    /// Hand-written heading ids not already taken above, with where each heading starts:
    /// checked at the end against the ids the elements below them got.
    explicit_ids: Vec<(String, usize)>,
    /// Hand-written heading ids already reported as taken above (one report a clash).
    repeated_ids: Vec<String>,
    /// Keep the body's plain text (course pages' bodies: what search indexes).
    collect_text: bool,
    result: Rendered,
}

impl<'c, 'a> Renderer<'c, 'a> {
    /// A renderer for a text of `len` bytes.
    fn new(ctx: &'c Ctx<'a>, len: usize) -> Self {
        Renderer {
            ctx,
            // Room up front for an event per 8 bytes of Markdown (more than prose needs):
            // growing the list, each time a copy, was 3% of a large build's instructions.
            out: Vec::with_capacity(len / 8),
            heading: None,
            links: Vec::new(),
            image_depth: 0,
            code_block: false,
            run: String::new(),
            run_map: Vec::new(),
            used_ids: FxHashMap::default(),
            linked: FxHashSet::default(),
            mentioned: FxHashSet::default(),
            paragraphs: 0,
            examples: 0,
            tables: 0,
            footnotes: Vec::new(),
            open_footnote: None,
            self_anchors: Vec::new(),
            explicit_ids: Vec::new(),
            repeated_ids: Vec::new(),
            collect_text: ctx.page.is_some() && matches!(ctx.place, Place::Body { .. }),
            result: Rendered::default(),
        }
    }

    fn push(&mut self, e: Event<'a>) {
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

    fn error(&mut self, offset: usize, msg: String) {
        let (path, pos) = self.ctx.place.locate(offset);
        self.result.diags.push(Diagnostic::error(path, Some(pos), msg));
    }

    fn warn(&mut self, offset: usize, msg: String) {
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

    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
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
            Event::Text(t) if self.in_running_text() => {
                self.run_map.push((self.run.len(), range.start));
                self.run.push_str(&t);
                return;
            }
            Event::SoftBreak if self.in_running_text() && !self.run.is_empty() => {
                self.run.push('\n');
                return;
            }
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
            Tag::Heading { level, id, classes, attrs } => {
                self.heading = Some(HeadingBuf {
                    level,
                    explicit_id: id.map(|i| i.to_string()),
                    offset: range.start,
                    classes,
                    attrs,
                    events: Vec::new(),
                    text: String::new(),
                });
                if level == HeadingLevel::H1 && matches!(self.ctx.place, Place::Body { .. }) {
                    self.warn(range.start, "a level-1 heading ('# ...') in the body: the page title is the page's only h1, so this one is shown as a level-2 heading; write '## ...'".into());
                }
            }
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
            Tag::FootnoteDefinition(label) => {
                let (n, id) = self.footnote(&label);
                let html = format!(
                    "<div class=\"footnote-definition\" id=\"fn-{id}\"><span class=\"footnote-label\">{n}.</span>\n"
                );
                self.push(Event::Html(html.into()));
                self.result.anchors.push(format!("fn-{id}"));
                self.open_footnote = Some(id);
            }
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
            TagEnd::Link => match self.links.pop() {
                Some(LinkFrame { close, label, example }) => {
                    if let Some(label) = label {
                        self.push(Event::Text(label.into()));
                    }
                    if let Some((concept, anchor, text)) = example {
                        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                        self.result.examples.push(Example { concept, anchor, text });
                    }
                    match close {
                        Close::Tag => self.push(Event::End(TagEnd::Link)),
                        Close::Html => self.push(Event::InlineHtml("</a>".into())),
                        Close::Example => self.push(Event::InlineHtml("</a></mark>".into())),
                        Close::Dropped => {}
                    }
                }
                None => self.push(Event::End(TagEnd::Link)),
            },
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
            TagEnd::FootnoteDefinition => {
                let id = self.open_footnote.take().unwrap_or_default();
                let back = format!(
                    "<a href=\"#fnref-{id}\" class=\"footnote-back\" aria-label=\"Back to the text\">↩</a></div>\n"
                );
                self.push(Event::Html(back.into()));
            }
            TagEnd::Paragraph if self.ctx.paragraph_ids => {
                let n = self.paragraphs;
                let link =
                    format!(" <a class=\"para-link\" href=\"#p{n}\" aria-label=\"Link to paragraph {n}\">¶</a></p>\n");
                self.push(Event::Html(link.into()));
            }
            t => self.push(Event::End(t)),
        }
    }

    /// A footnote's number (from 1, in order of first appearance) and its id part.
    fn footnote(&mut self, label: &str) -> (usize, String) {
        let n = match self.footnotes.iter().position(|(l, _)| l == label) {
            Some(i) => i + 1,
            None => {
                self.footnotes.push((label.to_string(), 0));
                self.footnotes.len()
            }
        };
        let id = match slug(label) {
            s if s.is_empty() => n.to_string(),
            s => s,
        };
        (n, id)
    }

    fn footnote_reference(&mut self, label: &str) {
        let (n, id) = self.footnote(label);
        let cited = &mut self.footnotes[n - 1].1;
        *cited += 1;
        let ref_id = if *cited == 1 { format!("fnref-{id}") } else { format!("fnref-{id}-{cited}") };
        let html = format!(
            "<sup class=\"footnote-ref\" id=\"{ref_id}\"><a href=\"#fn-{id}\" aria-label=\"Note {n}\">{n}</a></sup>"
        );
        self.result.anchors.push(ref_id);
        self.push(Event::InlineHtml(html.into()));
    }

    fn finish_heading(&mut self) {
        let Some(h) = self.heading.take() else { return };
        let level = if h.level == HeadingLevel::H1 && matches!(self.ctx.place, Place::Body { .. }) {
            HeadingLevel::H2
        } else {
            h.level
        };
        let id = match h.explicit_id {
            Some(id) => {
                self.check_explicit_id(&id, h.offset);
                self.used_ids.entry(id.clone()).or_insert(0);
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
            self.repeated_ids.push(id.to_string());
        } else {
            self.explicit_ids.push((id.to_string(), offset));
        }
    }

    /// Warns about each hand-written heading id that an element below the heading got too
    /// (a paragraph's `p3`, a footnote's `fn-note`, an example's `example-2`); a heading
    /// below that wrote the same id was reported at its own line already.
    fn check_ids_below(&mut self) {
        for (id, offset) in std::mem::take(&mut self.explicit_ids) {
            let uses = self.result.anchors.iter().filter(|a| **a == id).count();
            let reported = self.repeated_ids.iter().filter(|r| **r == id).count();
            if uses > 1 + reported {
                let msg =
                    format!("heading id '{id}' is also the id of an element below it on this page; choose another id");
                self.warn(offset, msg);
            }
        }
    }

    fn unique_id(&mut self, text: &str) -> String {
        let base = match slug(text) {
            s if s.is_empty() => "section".to_string(),
            s => s,
        };
        let mut id = base.clone();
        loop {
            if self.ctx.reserved_ids.contains(&id.as_str()) {
                self.used_ids.entry(id.clone()).or_insert(0);
            }
            let Some(n) = self.used_ids.get_mut(&id) else { break };
            *n += 1;
            id = format!("{base}-{n}");
        }
        self.used_ids.insert(id.clone(), 0);
        id
    }

    /// `[[example:concept|passage]]`: the passage stays, highlighted and linked to the
    /// concept, with an id the concept's page links back to.
    fn example(&mut self, id: &str, piped: bool, offset: usize) {
        let key = self.ctx.index.wikilink(&format!("concept:{}", id.trim()));
        match key {
            Ok((key, _)) if piped => {
                self.examples += 1;
                let anchor = format!("example-{}", self.examples);
                self.record(key, None, offset, format!("[[example:{id}]]"));
                self.result.anchors.push(anchor.clone());
                self.linked.insert(key.idx);
                let open = crate::index::concept_link_open(self.ctx.index.course, key.idx, self.ctx.index.href(key));
                self.push(Event::InlineHtml(format!("<mark class=\"example\" id=\"{anchor}\">{open}").into()));
                let mut frame = LinkFrame::new(Close::Example, None);
                frame.example = Some((key.idx, anchor, String::new()));
                self.links.push(frame);
            }
            Ok(_) => {
                self.error(offset, format!("an example needs its passage: write [[example:{id}|the passage]]"));
                self.links.push(LinkFrame::new(Close::Dropped, Some(String::new())));
            }
            Err(msg) => {
                self.error(offset, msg.replace("[[concept:", "[[example:"));
                self.links.push(LinkFrame::new(Close::Dropped, None));
            }
        }
    }

    fn wikilink(&mut self, dest: &str, piped: bool, offset: usize) {
        if let Some(id) = dest.trim().strip_prefix("example:") {
            return self.example(id, piped, offset);
        }
        let label = |title: &str| (!piped).then(|| title.to_string());
        match self.ctx.index.wikilink(dest) {
            Ok((key, anchor)) => {
                let index = self.ctx.index;
                let href =
                    format!("{}{}", index.href(key), anchor.as_ref().map(|a| format!("#{a}")).unwrap_or_default());
                self.record(key, anchor, offset, format!("[[{dest}]]"));
                let title = index.title(key);
                let close = self.open_link(key, &href);
                self.links.push(LinkFrame::new(close, label(title)));
            }
            Err(msg) => {
                self.error(offset, msg);
                self.links.push(LinkFrame::new(Close::Dropped, None));
            }
        }
    }

    /// Writes the opening of a link to a course page; concept links carry `data-concept`.
    fn open_link(&mut self, key: PageKey, href: &str) -> Close {
        if key.kind == Kind::Concept {
            let html = crate::index::concept_link_open(self.ctx.index.course, key.idx, href);
            self.push(Event::InlineHtml(html.into()));
            self.linked.insert(key.idx);
            Close::Html
        } else {
            self.push(Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url: href.to_string().into(),
                title: "".into(),
                id: "".into(),
            }));
            Close::Tag
        }
    }

    fn record(&mut self, target: PageKey, anchor: Option<String>, offset: usize, written: String) {
        let at = self.ctx.place.loc(offset);
        self.result.links.push(LinkUse::new(target, at, anchor, || written));
    }

    fn resolve_href(&mut self, dest: &str, image: bool, offset: usize) -> Option<(String, Target)> {
        let (path, _) = self.ctx.place.locate(offset);
        let path = path.to_string();
        match self.ctx.index.href_target(&path, self.ctx.page_path, dest, image) {
            Ok(r) => {
                match &r.target {
                    Target::Page(key, anchor) => self.record(*key, anchor.clone(), offset, dest.to_string()),
                    Target::SelfAnchor(a) => self.self_anchors.push((a.clone(), offset)),
                    Target::File | Target::External => {}
                }
                Some((r.href, r.target))
            }
            Err(msg) => {
                self.error(offset, msg);
                None
            }
        }
    }

    fn link(&mut self, link_type: LinkType, dest: CowStr<'a>, title: CowStr<'a>, id: CowStr<'a>, offset: usize) {
        match self.resolve_href(&dest, false, offset) {
            Some((href, Target::Page(key, _))) if key.kind == Kind::Concept => {
                let close = self.open_link(key, &href);
                self.links.push(LinkFrame::new(close, None));
            }
            Some((href, _)) => {
                self.push(Event::Start(Tag::Link { link_type, dest_url: href.into(), title, id }));
                self.links.push(LinkFrame::new(Close::Tag, None));
            }
            None => self.links.push(LinkFrame::new(Close::Dropped, None)),
        }
    }

    /// Searches the buffered running text for concept terms and writes it out.
    fn flush_run(&mut self) {
        if self.run.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.run);
        let map = std::mem::take(&mut self.run_map);
        let index = self.ctx.index;
        let mut last = 0;
        for m in index.matcher().find(&text) {
            let piece = map.partition_point(|(at, _)| *at <= m.start).saturating_sub(1);
            let source_offset = map.get(piece).map_or(0, |(at, src)| src + (m.start - at));
            let at = self.ctx.place.loc(source_offset);
            if self.mentioned.insert(m.concept) {
                self.result.mentions.push((m.concept, at));
            }
            let link = match self.ctx.autolink {
                Autolink::Off => false,
                Autolink::First => !self.linked.contains(&m.concept),
                Autolink::All => true,
            } && self.ctx.page != Some(PageKey::new(Kind::Concept, m.concept));
            if !link {
                continue;
            }
            self.linked.insert(m.concept);
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
        self.run = text;
        self.run.clear();
        self.run_map = map;
        self.run_map.clear();
    }

    fn finish(mut self) -> Rendered {
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
