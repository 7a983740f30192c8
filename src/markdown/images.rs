//! Images and figures: an image written with its size from the file (so the page does not
//! jump as it loads), lazily loaded after the first of a page, warned about when it has no
//! alt text; an image alone in its paragraph with a title becomes a `<figure>` whose
//! caption is the title, as inline Markdown.

use pulldown_cmark::{CowStr, Event};

use super::renderer::Renderer;
use crate::index::Target;
use crate::util::html::escape_into;

/// An image being read: its alt text arrives as the events inside it.
#[derive(Clone, Debug)]
pub(super) struct ImageBuf {
    src: String,
    title: String,
    size: Option<(u32, u32)>,
    lazy: bool,
    offset: usize,
    pub(super) alt: String,
}

/// What a paragraph holds so far, to tell a figure from an image in running text.
#[derive(Clone, Debug, Default)]
pub(super) enum Content {
    #[default]
    Empty,
    /// One image, and where its `<img>` is in the output.
    Image(Box<ImageBuf>, usize),
    Other,
}

impl ImageBuf {
    fn html(&self, with_title: bool) -> String {
        let mut html = String::with_capacity(self.src.len() + self.alt.len() + 80);
        html.push_str("<img src=\"");
        escape_into(&mut html, &self.src);
        html.push_str("\" alt=\"");
        escape_into(&mut html, self.alt.trim());
        html.push('"');
        if let Some((w, h)) = self.size {
            html.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
        }
        if with_title && !self.title.is_empty() {
            html.push_str(" title=\"");
            escape_into(&mut html, &self.title);
            html.push('"');
        }
        if self.lazy {
            html.push_str(" loading=\"lazy\"");
        }
        html.push_str(" decoding=\"async\">");
        html
    }
}

impl<'a> Renderer<'_, 'a> {
    pub(super) fn start_image(&mut self, dest: &str, title: CowStr<'a>, offset: usize) {
        let resolved = self.resolve_href(dest, true, offset);
        let size = match &resolved {
            Some((_, Target::File(site))) => self.ctx.index.course.assets.sizes.get(site.as_str()).copied(),
            _ => None,
        };
        let src = resolved.map_or_else(|| dest.to_string(), |(href, _)| href);
        let lazy = self.images > 0;
        self.images += 1;
        let image = ImageBuf { src, title: title.to_string(), size, lazy, offset, alt: String::new() };
        self.image = Some(Box::new(image));
    }

    pub(super) fn end_image(&mut self) {
        let Some(image) = self.image.take() else { return };
        if image.alt.trim().is_empty() {
            self.warn(
                image.offset,
                "image without alt text: learners who cannot see it get nothing; describe it between the brackets, ![like this](...)".into(),
            );
        }
        self.push(Event::InlineHtml(image.html(true).into()));
        if let Some(para) = &mut self.para {
            para.content = match para.content {
                Content::Empty => Content::Image(image, self.out.len() - 1),
                _ => Content::Other,
            };
        }
    }

    /// At the end of a paragraph that held only an image with a title: the paragraph
    /// becomes a figure, the title its caption.
    pub(super) fn end_paragraph_figure(&mut self, out_at: usize, content: Content) -> bool {
        let Content::Image(image, img_at) = content else { return false };
        if image.title.trim().is_empty() || self.ctx.paragraph_ids || self.heading.is_some() {
            return false;
        }
        let (caption, _) = self.inline_at(&image.title, image.offset);
        self.out[out_at] = Event::Html("<figure class=\"figure\">".into());
        self.out[img_at] = Event::InlineHtml(image.html(false).into());
        self.out.push(Event::Html(format!("<figcaption>{caption}</figcaption></figure>\n").into()));
        true
    }
}
