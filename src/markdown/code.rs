//! Code: a fenced block's info string (language up to the first space or comma, then
//! `title="..."`), the block written highlighted with its caption, label and copy control,
//! and inline code kept from breaking inside a word.

use pulldown_cmark::{CodeBlockKind, Event};

use super::highlight::{self, Lang};
use super::renderer::Renderer;
use crate::util::html::{escape, escape_into};

/// Info strings longer than this are cut (with a warning): a language and a title fit.
const MAX_INFO: usize = 200;

/// A fenced or indented block being read.
pub(super) struct CodeBuf {
    lang: Lang,
    /// The language as written, for `data-lang`.
    name: String,
    title: Option<String>,
    pub(super) text: String,
}

/// What an info string says: the language word and the `title="..."` attribute.
fn parse_info(info: &str) -> (&str, Option<&str>) {
    let info = info.trim();
    let end = info.find([' ', '\t', ',', '{']).unwrap_or(info.len());
    let name = &info[..end];
    let title = info[end..].find("title=").and_then(|at| {
        let rest = &info[end + at + 6..];
        match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].find(q).map(|close| &rest[1..1 + close]),
            Some(_) => rest.split([' ', ',', '}']).next(),
            None => None,
        }
    });
    (name, title.filter(|t| !t.trim().is_empty()))
}

impl Renderer<'_, '_> {
    pub(super) fn start_code_block(&mut self, kind: &CodeBlockKind, offset: usize) {
        let info = match kind {
            CodeBlockKind::Fenced(info) => info.as_ref(),
            CodeBlockKind::Indented => "",
        };
        let info = if info.len() > MAX_INFO {
            let cut = info.floor_char_boundary(MAX_INFO);
            self.warn(
                offset,
                format!(
                    "this code block's info string is {} bytes long; only its first {MAX_INFO} are read (the language, then title=\"...\")",
                    info.len()
                ),
            );
            &info[..cut]
        } else {
            info
        };
        let (name, title) = parse_info(info);
        self.code = Some(CodeBuf {
            lang: highlight::lang(name),
            name: name.to_ascii_lowercase(),
            title: title.map(str::to_string),
            text: String::new(),
        });
    }

    pub(super) fn end_code_block(&mut self) {
        let Some(block) = self.code.take() else { return };
        let mut html = String::with_capacity(block.text.len() * 3 + 300);
        let strings = &self.ctx.index.course.config.strings;
        let label = match block.lang {
            Lang::Output => Some(escape(strings.get("output"))),
            Lang::Error => Some(escape(strings.get("error"))),
            _ => None,
        };
        let class = match block.lang {
            Lang::Output => "code output",
            Lang::Error => "code error",
            _ => "code",
        };
        let caption = match (label, &block.title) {
            (Some(label), Some(title)) => Some(format!("<span class=\"code-label\">{label}</span> {}", escape(title))),
            (Some(label), None) => Some(format!("<span class=\"code-label\">{label}</span>")),
            (None, Some(title)) => Some(format!("<span class=\"code-title\">{}</span>", escape(title))),
            (None, None) => None,
        };
        let element = if caption.is_some() { "figure" } else { "div" };
        html.push_str(&format!("<{element} class=\"{class}\""));
        if !block.name.is_empty() {
            html.push_str(" data-lang=\"");
            escape_into(&mut html, &block.name);
            html.push('"');
        }
        html.push('>');
        if let Some(caption) = caption {
            html.push_str(&format!("<figcaption class=\"code-head\">{caption}</figcaption>"));
        }
        html.push_str(&format!(
            "<button type=\"button\" class=\"copy\" data-action=\"copy\" aria-label=\"{}\" hidden>{}</button>",
            escape(strings.get("copy_code")),
            escape(strings.get("copy"))
        ));
        html.push_str("<pre tabindex=\"0\"><code");
        if let Lang::Grammar(name) = block.lang {
            html.push_str(&format!(" class=\"language-{name}\""));
        }
        html.push('>');
        highlight::highlight(block.lang, &block.text, &mut html);
        html.push_str(&format!("</code></pre></{element}>\n"));
        self.push(Event::Html(html.into()));
    }

    /// Inline code: a word with a hyphen or slash (`--base-url`, `a/b`) does not break at
    /// it; code with spaces still wraps between its words.
    pub(super) fn inline_code(&mut self, code: &str) {
        let mut html = String::with_capacity(code.len() + 40);
        if code.contains(char::is_whitespace) {
            html.push_str("<code>");
            for (i, word) in code.split(' ').enumerate() {
                if i > 0 {
                    html.push(' ');
                }
                if word.contains(['-', '/', '?', '!', '}', ')', ']']) {
                    html.push_str("<span class=\"nowrap\">");
                    escape_into(&mut html, word);
                    html.push_str("</span>");
                } else {
                    escape_into(&mut html, word);
                }
            }
        } else {
            html.push_str("<code class=\"nowrap\">");
            escape_into(&mut html, code);
        }
        html.push_str("</code>");
        self.push(Event::InlineHtml(html.into()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_strings_give_language_and_title() {
        assert_eq!(parse_info("rust,ignore"), ("rust", None));
        assert_eq!(parse_info("python title=\"fit.py\""), ("python", Some("fit.py")));
        assert_eq!(parse_info("python title='a b.py' linenos"), ("python", Some("a b.py")));
        assert_eq!(parse_info("sh title=run.sh"), ("sh", Some("run.sh")));
        assert_eq!(parse_info("{.python}"), ("", None));
        assert_eq!(parse_info(""), ("", None));
        assert_eq!(parse_info("js title=\"\""), ("js", None));
    }
}
