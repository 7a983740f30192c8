//! Markdown to HTML: pulldown-cmark's events rewritten for links (wikilinks, `.md` links,
//! site paths), heading ids, concept autolinks and the raw HTML policy, collecting each
//! text's links, anchors, mentions and diagnostics instead of stopping at the first. The
//! types a render gives and takes are here; the event pass is in `renderer`, with one file
//! for each thing it rewrites.

mod autolink;
mod callouts;
mod code;
mod footnotes;
pub mod highlight;
mod ids;
mod images;
mod links;
mod lints;
pub mod math;
mod renderer;

pub use ids::slug;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, TextMergeWithOffset};

use crate::common::PageKey;
use crate::common::diag::{Diagnostic, Pos};
use crate::content::config::Autolink;
use crate::content::source::Source;
use crate::index::SiteIndex;
use renderer::Renderer;

/// Where the text being rendered sits, for diagnostics.
#[derive(Clone, Copy)]
pub enum Place<'a> {
    /// A Markdown body starting at `offset` in `source`.
    Body { source: &'a Source, offset: usize },
    /// A front-matter or quiz field: every message points at the field.
    Field { path: &'a str, pos: Pos },
}

impl Place<'_> {
    pub(super) fn locate(&self, offset: usize) -> (&str, Pos) {
        match self {
            Place::Body { source, offset: base } => (&source.path, source.pos(base + offset)),
            Place::Field { path, pos } => (path, *pos),
        }
    }

    /// Where `offset` is, kept cheap: turned into a line and column only if reported.
    pub(super) fn loc(&self, offset: usize) -> Loc {
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
    /// Site paths of the files beside pages that this text links to or shows.
    pub files: Vec<String>,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_MATH
}

/// Renders a Markdown body.
pub fn render(text: &str, ctx: &Ctx) -> Rendered {
    let mut r = Renderer::new(ctx, text);
    r.reserve_exercise_ids();
    // Text events are not merged first: running text is gathered into one run anyway,
    // and merging copied every piece of text once more.
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        r.event(event, range);
    }
    r.finish()
}

/// Renders a field that holds block Markdown (a quiz question's prompt, explanation or
/// feedback): paragraphs, lists, code blocks and math, raw HTML shown as text, and the same
/// text plain in `plain` for where HTML cannot go.
pub fn render_field(text: &str, ctx: &Ctx) -> Rendered {
    let ctx = Ctx { raw_html: false, paragraph_ids: false, ..*ctx };
    let mut r = Renderer::new(&ctx, text);
    let mut plain = String::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        add_plain(&mut plain, &event);
        r.event(event, range);
    }
    let mut out = r.finish();
    out.html = out.html.trim().to_string();
    out.plain = plain.trim().to_string();
    out
}

/// Adds what `event` reads as to a plain-text copy: its text, or one space at a break or
/// between blocks.
fn add_plain(plain: &mut String, event: &Event) {
    match event {
        Event::Text(t)
        | Event::Code(t)
        | Event::Html(t)
        | Event::InlineHtml(t)
        | Event::InlineMath(t)
        | Event::DisplayMath(t) => plain.push_str(t),
        Event::SoftBreak | Event::HardBreak | Event::Start(Tag::Paragraph) if !plain.ends_with(' ') => plain.push(' '),
        Event::End(tag) if is_block_end(tag) && !plain.ends_with(' ') => plain.push(' '),
        _ => {}
    }
}

/// Renders inline Markdown (a definition, a choice): block structure is flattened so
/// the result can sit inside a sentence. Raw HTML is always shown as text.
pub fn render_inline(text: &str, ctx: &Ctx) -> Rendered {
    let ctx = Ctx { raw_html: false, paragraph_ids: false, ..*ctx };
    let mut r = Renderer::new(&ctx, text);
    let mut paragraphs = 0;
    let mut plain = String::new();
    let parser = Parser::new_ext(text, options()).into_offset_iter();
    for (event, range) in TextMergeWithOffset::new(parser) {
        add_plain(&mut plain, &event);
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

pub(super) fn is_block_end(tag: &TagEnd) -> bool {
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

/// Whether a one-line text reads the same with or without inline Markdown: no character
/// that starts markup, an escape, an entity or smart punctuation (quotes, `--`, `...`),
/// and no line break.
pub fn is_plain(text: &str) -> bool {
    !text.bytes().any(|b| {
        matches!(
            b,
            b'*' | b'_'
                | b'`'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'&'
                | b'$'
                | b'\\'
                | b'~'
                | b'!'
                | b'\''
                | b'"'
                | b'\n'
                | b'\r'
        )
    }) && !text.contains("--")
        && !text.contains("..")
}

/// A title's inline Markdown (emphasis, code, math) as HTML, and the same as plain text
/// (what `<title>`, links, navigation and search show). A title that would read as a
/// block of Markdown (`1. Intro`, `# Notes`) is taken as plain text.
pub fn title(text: &str) -> (String, String) {
    let plain_html = || (crate::util::html::escape(text), text.to_string());
    if !text.contains(['*', '_', '`', '$', '~']) || starts_a_block(text.trim_start()) {
        return plain_html();
    }
    let mut html = String::with_capacity(text.len() + 16);
    let mut plain = String::with_capacity(text.len());
    let esc = crate::util::html::escape_into;
    for event in Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_MATH) {
        match event {
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                esc(&mut html, &t);
                plain.push_str(&t);
            }
            Event::Code(t) => {
                html.push_str("<code>");
                esc(&mut html, &t);
                html.push_str("</code>");
                plain.push_str(&t);
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                match math::to_mathml(&t, false) {
                    Ok(m) => html.push_str(&m),
                    Err(_) => esc(&mut html, &t),
                }
                plain.push_str(&t);
            }
            Event::Start(Tag::Emphasis) => html.push_str("<em>"),
            Event::End(TagEnd::Emphasis) => html.push_str("</em>"),
            Event::Start(Tag::Strong) => html.push_str("<strong>"),
            Event::End(TagEnd::Strong) => html.push_str("</strong>"),
            Event::Start(Tag::Strikethrough) => html.push_str("<del>"),
            Event::End(TagEnd::Strikethrough) => html.push_str("</del>"),
            Event::SoftBreak | Event::HardBreak => {
                html.push(' ');
                plain.push(' ');
            }
            _ => {}
        }
    }
    (html, plain)
}

/// Whether a line starts a Markdown block other than a paragraph.
fn starts_a_block(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let after_digits = &line[digits..];
    ["# ", "> ", "- ", "+ ", "* ", "```", "~~~"].iter().any(|m| line.starts_with(m))
        || line == "#"
        || (digits > 0 && (after_digits.starts_with(". ") || after_digits.starts_with(") ")))
}

#[cfg(test)]
mod title_tests {
    use super::*;

    #[test]
    fn titles_keep_inline_markdown_and_have_a_plain_form() {
        assert_eq!(
            title("Using `grep` *well*"),
            ("Using <code>grep</code> <em>well</em>".into(), "Using grep well".into())
        );
        assert_eq!(title("Plain & simple"), ("Plain &amp; simple".into(), "Plain & simple".into()));
        assert_eq!(title("1. Intro to `ls`"), ("1. Intro to `ls`".into(), "1. Intro to `ls`".into()));
        let (html, plain) = title("The area $\\pi r^2$");
        assert!(html.contains("<math") && plain == "The area \\pi r^2", "{html}");
    }
}

#[cfg(test)]
mod plain_tests {
    use super::*;

    #[test]
    fn plain_texts_are_told_from_markup() {
        assert!(is_plain("Explain why Russia turned to North Korea for ammunition in 2022"));
        for marked in ["Use `grep`", "a *b*", "[[concept:x]]", "A & B", "don't", "x -- y", "wait...", "$x$", "a\\b"] {
            assert!(!is_plain(marked), "{marked}");
        }
    }
}
