//! Callouts: a block quote whose first line is `[!KIND] title` becomes a note, a warning,
//! an exercise (numbered, with an `#exercise-N` anchor), a hint or solution (folded, as a
//! `<details>` that needs no script), or an instructor's note (left out unless the build
//! is given `--instructor`). Each kind has a visible name and a marker, not colour alone,
//! and a role screen readers announce.

use pulldown_cmark::Event;

use super::renderer::Renderer;
use crate::util::html::escape_into;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
    Exercise,
    Hint,
    Solution,
    Example,
    Discussion,
    Instructor,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::Note,
        Kind::Tip,
        Kind::Important,
        Kind::Warning,
        Kind::Caution,
        Kind::Exercise,
        Kind::Hint,
        Kind::Solution,
        Kind::Example,
        Kind::Discussion,
        Kind::Instructor,
    ];

    /// The name written in the marker (`NOTE`).
    pub fn marker(self) -> &'static str {
        match self {
            Kind::Note => "NOTE",
            Kind::Tip => "TIP",
            Kind::Important => "IMPORTANT",
            Kind::Warning => "WARNING",
            Kind::Caution => "CAUTION",
            Kind::Exercise => "EXERCISE",
            Kind::Hint => "HINT",
            Kind::Solution => "SOLUTION",
            Kind::Example => "EXAMPLE",
            Kind::Discussion => "DISCUSSION",
            Kind::Instructor => "INSTRUCTOR",
        }
    }

    /// The string that names it to the learner (`Note`, in the course's language).
    fn label(self) -> &'static str {
        match self {
            Kind::Note => "note",
            Kind::Tip => "tip",
            Kind::Important => "important",
            Kind::Warning => "warning",
            Kind::Caution => "caution",
            Kind::Exercise => "exercise",
            Kind::Hint => "hint",
            Kind::Solution => "solution",
            Kind::Example => "example",
            Kind::Discussion => "discussion",
            Kind::Instructor => "for_the_instructor",
        }
    }

    /// A marker drawn beside the name (hidden from screen readers, which read the name).
    fn icon(self) -> &'static str {
        match self {
            Kind::Note => "ℹ",
            Kind::Tip => "✱",
            Kind::Important => "!",
            Kind::Warning => "⚠",
            Kind::Caution => "⊘",
            Kind::Exercise => "✎",
            Kind::Hint => "?",
            Kind::Solution => "✓",
            Kind::Example => "❖",
            Kind::Discussion => "❝",
            Kind::Instructor => "§",
        }
    }

    fn class(self) -> String {
        self.marker().to_ascii_lowercase()
    }

    /// Shown folded unless the marker says `+`.
    fn folds(self) -> bool {
        matches!(self, Kind::Hint | Kind::Solution)
    }

    /// Kept out of the search index: answers, and notes learners do not see.
    fn unsearched(self) -> bool {
        matches!(self, Kind::Hint | Kind::Solution | Kind::Instructor)
    }

    /// A region (named landmark) for the kinds that hold a task; a note for the rest.
    fn is_region(self) -> bool {
        matches!(self, Kind::Exercise | Kind::Example | Kind::Discussion)
    }
}

/// How a callout folds: not at all, folded (`-`), or foldable and open (`+`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fold {
    No,
    Closed,
    Open,
}

/// A callout's first line, read from the source.
#[derive(Debug, PartialEq, Eq)]
pub struct Marker<'s> {
    pub kind: Result<Kind, &'s str>,
    pub fold: Option<Fold>,
    pub title: &'s str,
    /// Where the title starts, from the start of the quote.
    pub title_at: usize,
}

/// The marker on the first line of a block quote's source, if it has one.
pub fn marker(quote: &str) -> Option<Marker<'_>> {
    let line = &quote[..quote.find('\n').unwrap_or(quote.len())];
    let after_gt = line.trim_start().strip_prefix('>')?;
    let after_gt = after_gt.strip_prefix(' ').unwrap_or(after_gt);
    let inner = after_gt.trim_start().strip_prefix("[!")?;
    let close = inner.find(']')?;
    let name = inner[..close].trim();
    let kind = Kind::ALL.into_iter().find(|k| k.marker().eq_ignore_ascii_case(name)).ok_or(name);
    let rest = &inner[close + 1..];
    let (fold, rest) = match rest.chars().next() {
        Some('-') => (Some(Fold::Closed), &rest[1..]),
        Some('+') => (Some(Fold::Open), &rest[1..]),
        _ => (None, rest),
    };
    let title = rest.trim();
    let title_at = line.len() - rest.trim_start().len();
    Some(Marker { kind, fold, title: title.trim_end_matches('\r'), title_at })
}

/// A block quote being read: a plain quote, or a callout.
pub(super) enum Quote {
    Plain,
    Callout(Open),
    /// A marker that was wrong (reported): shown as a plain quote without its marker line.
    Refused,
}

pub(super) struct Open {
    kind: Kind,
    element: &'static str,
    /// Where its output starts, for an instructor's note left out.
    from: usize,
    /// Output length once the title is written, to see whether anything followed.
    body_from: usize,
    /// An instructor's note left out: what the text had before it, to go back to.
    hidden: Option<Box<Before>>,
    offset: usize,
}

/// A text's state before a note left out of the page: the note's anchors, links, mentions,
/// examples and exercises must not count for a page that does not show them (its links
/// were checked as they were read).
pub(super) struct Before {
    anchors: usize,
    links: usize,
    mentions: usize,
    examples: usize,
    self_anchors: usize,
    exercises: usize,
    seen: super::autolink::Seen,
}

impl Renderer<'_, '_> {
    /// Keeps `exercise-1`, `exercise-2`, ... (one for each `[!EXERCISE]` in the text) from
    /// the headings, which come first but must not take an exercise's anchor.
    pub(super) fn reserve_exercise_ids(&mut self) {
        let bytes = self.src.as_bytes();
        let count = memchr::memmem::find_iter(bytes, b"[!")
            .filter(|&at| bytes.get(at + 2..at + 10).is_some_and(|w| w.eq_ignore_ascii_case(b"exercise")))
            .count();
        for n in 1..=count {
            self.reserve_id(&format!("exercise-{n}"));
        }
    }

    /// A block quote starting at `offset`: a callout if its first line has a marker.
    pub(super) fn start_quote(&mut self, offset: usize) -> bool {
        let Some(m) = marker(&self.src[offset..]) else {
            self.quotes.push(Quote::Plain);
            return false;
        };
        self.marker_line = true;
        let kind = match m.kind {
            Ok(kind) => kind,
            Err(name) => {
                let known = Kind::ALL.map(Kind::marker);
                let upper = name.to_ascii_uppercase();
                let hint = crate::common::diag::did_you_mean(&upper, known);
                let what = if name.is_empty() {
                    "a callout marker needs a kind".to_string()
                } else {
                    format!("unknown callout kind '{name}'{hint}")
                };
                self.error(offset, format!("{what}; the kinds are {}", known.join(", ")));
                self.quotes.push(Quote::Refused);
                self.push(Event::Html("<blockquote>\n".into()));
                return true;
            }
        };
        let fold = m.fold.unwrap_or(if kind.folds() { Fold::Closed } else { Fold::No });
        let (title_html, title_text) = self.callout_title(m.title, offset + m.title_at);
        let hidden = (kind == Kind::Instructor && !self.ctx.index.course.config.instructor).then(|| {
            Box::new(Before {
                anchors: self.result.anchors.len(),
                links: self.result.links.len(),
                mentions: self.result.mentions.len(),
                examples: self.result.examples.len(),
                self_anchors: self.self_anchors.len(),
                exercises: self.exercises,
                seen: self.text.seen(),
            })
        });
        let from = self.out.len();
        let strings = &self.ctx.index.course.config.strings;
        let mut name = strings.get(kind.label()).to_string();
        let mut id = None;
        if kind == Kind::Exercise {
            self.exercises += 1;
            name = strings.format("exercise_number", None, &[("number", &strings.number(self.exercises as f64))]);
            let anchor = format!("exercise-{}", self.exercises);
            self.reserve_id(&anchor);
            self.result.anchors.push(anchor.clone());
            id = Some(anchor);
        }
        let label = match title_text.is_empty() {
            true => name.clone(),
            false => strings.format("label_title", None, &[("label", &name), ("title", &title_text)]),
        };
        let element = match (fold, kind.is_region()) {
            (Fold::No, true) => "section",
            (Fold::No, false) => "div",
            _ => "details",
        };
        let mut html = format!("<{element} class=\"callout callout-{0}\" data-callout=\"{0}\"", kind.class());
        if let Some(id) = &id {
            html.push_str(&format!(" id=\"{id}\""));
        }
        match element {
            "details" if fold == Fold::Open => html.push_str(" open>"),
            "details" => html.push('>'),
            _ => {
                html.push_str(if element == "div" { " role=\"note\" aria-label=\"" } else { " aria-label=\"" });
                escape_into(&mut html, &label);
                html.push_str("\">");
            }
        }
        let title_tag = if element == "details" { "summary" } else { "p" };
        html.push_str(&format!(
            "<{title_tag} class=\"callout-title\"><span class=\"callout-icon\" aria-hidden=\"true\">{}</span> <span class=\"callout-name\">{name}</span>",
            kind.icon()
        ));
        if !title_html.is_empty() {
            html.push_str(": ");
            html.push_str(&title_html);
        }
        html.push_str(&format!("</{title_tag}><div class=\"callout-body\">\n"));
        self.push(Event::Html(html.into()));
        if kind.unsearched() {
            self.unsearched += 1;
        }
        let body_from = self.out.len();
        self.quotes.push(Quote::Callout(Open { kind, element, from, body_from, hidden, offset }));
        true
    }

    /// The title after the marker, rendered as inline Markdown where it stands.
    fn callout_title(&mut self, title: &str, offset: usize) -> (String, String) {
        if title.is_empty() {
            return (String::new(), String::new());
        }
        self.inline_at(title, offset)
    }

    pub(super) fn end_quote(&mut self) {
        match self.quotes.pop() {
            Some(Quote::Callout(open)) => self.close_callout(open),
            Some(Quote::Refused) => self.push(Event::Html("</blockquote>\n".into())),
            Some(Quote::Plain) | None => self.push(Event::End(pulldown_cmark::TagEnd::BlockQuote(None))),
        }
    }

    fn close_callout(&mut self, open: Open) {
        self.marker_line = false;
        self.marker_depth = 0;
        if open.kind.unsearched() {
            self.unsearched -= 1;
        }
        if self.out.len() == open.body_from {
            let msg = format!(
                "the {} callout is empty: write its text on the lines after the marker, each starting with '>'",
                open.kind.marker()
            );
            self.error(open.offset, msg);
        }
        if let Some(before) = open.hidden {
            self.out.truncate(open.from);
            self.result.anchors.truncate(before.anchors);
            self.result.links.truncate(before.links);
            self.result.mentions.truncate(before.mentions);
            self.result.examples.truncate(before.examples);
            self.self_anchors.truncate(before.self_anchors);
            self.exercises = before.exercises;
            self.text.restore(before.seen);
            return;
        }
        self.push(Event::Html(format!("</div></{}>\n", open.element).into()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_read_from_the_first_line() {
        let m = marker("> [!note] A *title*\n> body").unwrap();
        assert_eq!(m.kind, Ok(Kind::Note));
        assert_eq!(m.fold, None);
        assert_eq!(m.title, "A *title*");
        assert_eq!(&"> [!note] A *title*"[m.title_at..], "A *title*");
        let m = marker(">[!SOLUTION]- Show it").unwrap();
        assert_eq!((m.kind, m.fold, m.title), (Ok(Kind::Solution), Some(Fold::Closed), "Show it"));
        assert_eq!(marker("> [!HINT]+").unwrap().fold, Some(Fold::Open));
        assert_eq!(marker("> [!EXERSICE] x").unwrap().kind, Err("EXERSICE"));
        assert_eq!(marker("> [!] x").unwrap().kind, Err(""));
        assert_eq!(marker("> plain quote"), None);
        assert_eq!(marker("> > [!NOTE]"), None);
    }
}
