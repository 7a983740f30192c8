//! Links: wikilinks (`[[kind:id#anchor|label]]`), example passages (`[[example:id|...]]`),
//! Markdown links and images, each resolved through the index, written with its `href`
//! under the base URL and recorded for the checks; a broken one is an error where it is.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::renderer::Renderer;
use super::{Example, LinkUse};
use crate::common::{Kind, PageKey};
use crate::index::{LinkError, Target};

/// How a link's closing event is written.
pub(super) enum Close {
    Tag,
    Html,
    /// An example passage: the concept link and its highlight.
    Example,
    /// The link was refused: its text stays, as text.
    Dropped,
}

/// A link being read.
pub(super) struct LinkFrame {
    close: Close,
    /// Unpiped wikilink: its text is the target id, replaced by `label`.
    pub(super) label: Option<String>,
    /// An example passage being read: the concept, the highlight's id, its text so far.
    pub(super) example: Option<(usize, String, String)>,
    /// The link's text as written, and where the link starts (for the link-text lint).
    pub(super) text: String,
    offset: usize,
}

impl LinkFrame {
    fn new(close: Close, label: Option<String>) -> LinkFrame {
        LinkFrame { close, label, example: None, text: String::new(), offset: 0 }
    }

    fn at(mut self, offset: usize) -> LinkFrame {
        self.offset = offset;
        self
    }
}

/// The paragraph an article's `#pN` anchor points at.
fn paragraph_number(key: PageKey, anchor: Option<&str>) -> Option<u32> {
    let n = anchor?.strip_prefix('p')?;
    (key.kind == Kind::Article && !n.starts_with('0')).then(|| n.parse().ok()).flatten()
}

impl<'a> Renderer<'_, 'a> {
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
                self.text.linked.insert(key.idx);
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
            Err(LinkError::Broken(msg)) => {
                self.error(offset, msg.replace("[[concept:", "[[example:"));
                self.links.push(LinkFrame::new(Close::Dropped, None));
            }
            Err(LinkError::Unloaded) => self.links.push(LinkFrame::new(Close::Dropped, None)),
        }
    }

    pub(super) fn wikilink(&mut self, dest: &str, piped: bool, offset: usize) {
        if let Some(id) = dest.trim().strip_prefix("example:") {
            return self.example(id, piped, offset);
        }
        let label = |title: &str| (!piped).then(|| title.to_string());
        match self.ctx.index.wikilink(dest) {
            Ok((key, anchor)) => {
                let index = self.ctx.index;
                let href =
                    format!("{}{}", index.href(key), anchor.as_ref().map(|a| format!("#{a}")).unwrap_or_default());
                let title = match paragraph_number(key, anchor.as_deref()) {
                    Some(n) => self.ctx.index.course.config.strings.format(
                        "paragraph_of",
                        None,
                        &[
                            ("title", index.title(key)),
                            ("number", &self.ctx.index.course.config.strings.number(n as f64)),
                        ],
                    ),
                    None => index.title(key).to_string(),
                };
                self.record(key, anchor, offset, format!("[[{dest}]]"));
                let close = self.open_link(key, &href);
                self.links.push(LinkFrame::new(close, label(&title)).at(offset));
            }
            Err(LinkError::Broken(msg)) => {
                self.error(offset, msg);
                self.links.push(LinkFrame::new(Close::Dropped, None));
            }
            // The page failed to load, which is reported: its link is left out silently.
            Err(LinkError::Unloaded) => self.links.push(LinkFrame::new(Close::Dropped, None)),
        }
    }

    /// Writes the opening of a link to a course page; concept links carry `data-concept`.
    fn open_link(&mut self, key: PageKey, href: &str) -> Close {
        if key.kind == Kind::Concept {
            let html = crate::index::concept_link_open(self.ctx.index.course, key.idx, href);
            self.push(Event::InlineHtml(html.into()));
            self.text.linked.insert(key.idx);
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

    /// Writes the end of the innermost link: its label, its closing tag, and an example
    /// passage's text for the concept page.
    pub(super) fn close_link(&mut self) {
        let Some(LinkFrame { close, label, example, text, offset }) = self.links.pop() else {
            return self.push(Event::End(TagEnd::Link));
        };
        if label.is_none() && matches!(close, Close::Tag | Close::Html) {
            self.check_link_text(&text, offset);
        }
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

    fn record(&mut self, target: PageKey, anchor: Option<String>, offset: usize, written: String) {
        let at = self.ctx.place.loc(offset);
        self.result.links.push(LinkUse::new(target, at, anchor, || written));
    }

    pub(super) fn resolve_href(&mut self, dest: &str, image: bool, offset: usize) -> Option<(String, Target)> {
        let (path, _) = self.ctx.place.locate(offset);
        let path = path.to_string();
        match self.ctx.index.href_target(&path, self.ctx.page_path, dest, image) {
            Ok(r) => {
                match &r.target {
                    Target::Page(key, anchor) => self.record(*key, anchor.clone(), offset, dest.to_string()),
                    Target::SelfAnchor(a) => self.self_anchors.push((a.clone(), offset)),
                    Target::File(site) if site.starts_with(&format!("{}/", crate::content::assets::PAGE_FILES)) => {
                        self.result.files.push(site.clone())
                    }
                    Target::File(_) | Target::External => {}
                }
                Some((r.href, r.target))
            }
            Err(LinkError::Broken(msg)) => {
                self.error(offset, msg);
                None
            }
            Err(LinkError::Unloaded) => None,
        }
    }

    pub(super) fn link(
        &mut self,
        link_type: LinkType,
        dest: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        offset: usize,
    ) {
        match self.resolve_href(&dest, false, offset) {
            Some((href, Target::Page(key, _))) if key.kind == Kind::Concept => {
                let close = self.open_link(key, &href);
                self.links.push(LinkFrame::new(close, None).at(offset));
            }
            Some((href, _)) => {
                self.push(Event::Start(Tag::Link { link_type, dest_url: href.into(), title, id }));
                self.links.push(LinkFrame::new(Close::Tag, None).at(offset));
            }
            None => self.links.push(LinkFrame::new(Close::Dropped, None)),
        }
    }
}
