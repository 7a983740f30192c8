//! Moodle GIFT export: every quiz of a course as GIFT text, for learning-management systems
//! (`syllabus export quizzes --format gift`).
//!
//! Each quiz becomes a `$CATEGORY:` of its own; each question a named GIFT question whose
//! text is the HTML syllabus renders (`[html]`). single: `=` right, `~` wrong, with each
//! choice's feedback; multiple: each correct choice `100/k` percent and each wrong one
//! `-100` (any wrong choice scores 0: Moodle cannot require the exact set, this is the
//! nearest), or with `partial: true` `-100/k`, which Moodle floors at 0 exactly as the page
//! scores; true_false: `{TRUE}`/`{FALSE}`; short: every accepted answer at 100%;
//! numeric: `{#answer:tolerance}`; match: `=left -> right`; order: a matching of each
//! position (`Position 1`, ...) to its item. The explanation is the general feedback
//! (`####`). Text is escaped as GIFT requires (`~ = # { } :` and `\` take a backslash,
//! line ends become `\n`). Points have no GIFT syntax and are written in a comment.

use std::path::Path;

use crate::common::diag::{self, Diagnostic};
use crate::content::model::{Answer, Choice, Question, Quiz};
use crate::index::SiteIndex;
use crate::site::bodies::{Bodies, QuestionHtml};

/// Moodle reads a matching question only with this many pairs or more.
const MIN_MATCH_PAIRS: usize = 3;

/// What an export made: the GIFT text when the course has no error, and every diagnostic.
pub struct Export {
    pub text: Option<String>,
    pub diags: Vec<Diagnostic>,
    pub quizzes: usize,
    pub questions: usize,
}

/// Reads and checks the course at `root` as `syllabus check` does, then writes its quizzes.
pub fn export(root: &Path) -> Export {
    let (site, mut diags, failed) = super::checked(root);
    let (index, course) = (site.index(), &site.course);
    let text = (!failed).then(|| write(&index, &site.bodies, &mut diags));
    diag::sort(&mut diags);
    let questions = course.quizzes.iter().map(|q| q.questions.len()).sum();
    Export { text, diags, quizzes: course.quizzes.len(), questions }
}

/// Every quiz of the course as GIFT; what GIFT cannot hold is reported in `diags`.
pub fn write(index: &SiteIndex, bodies: &Bodies, diags: &mut Vec<Diagnostic>) -> String {
    let course = index.course;
    let origin = course.config.base_url.origin.as_deref();
    let mut out = format!(
        "// {} quizzes, exported by syllabus {}\n// Moodle GIFT format; import with \"Get category from file\" ticked.\n\n",
        comment(&course.config.title),
        env!("CARGO_PKG_VERSION")
    );
    for (quiz, html) in course.quizzes.iter().zip(&bodies.quizzes) {
        out.push_str(&format!("// Quiz: {} ({})\n", comment(&quiz.title), quiz.path()));
        out.push_str(&format!("$CATEGORY: {}/{}\n\n", category(&course.config.title), category(&quiz.title)));
        for (q, h) in quiz.questions.iter().zip(&html.questions) {
            let mut w = Writer { quiz, q, h, origin, diags: &mut *diags };
            out.push_str(&w.question());
        }
    }
    out
}

/// Writes one question.
struct Writer<'a> {
    quiz: &'a Quiz,
    q: &'a Question,
    h: &'a QuestionHtml,
    origin: Option<&'a str>,
    diags: &'a mut Vec<Diagnostic>,
}

impl Writer<'_> {
    fn question(&mut self) -> String {
        let q = self.q;
        let points = if q.points == 1.0 { "1 point".to_string() } else { format!("{} points", q.points) };
        let mut out = format!("// question {} ({}, {points})\n", q.number, q.answer.type_name());
        let name = escape(&format!("{}/{}", self.quiz.id, q.id));
        out.push_str(&format!("::{name}::[html]{}", self.html(&self.h.prompt)));
        let general = match self.h.explanation.is_empty() {
            true => String::new(),
            false => format!("####{}", self.html(&self.h.explanation)),
        };
        let body = self.answers();
        if !body.ends_with('\n') {
            // One token (TRUE, FALSE, #number:tolerance) with the general feedback after it.
            out.push_str(&format!("{{{body}{general}}}\n\n"));
        } else if general.is_empty() {
            out.push_str(&format!("{{\n{body}}}\n\n"));
        } else {
            out.push_str(&format!("{{\n{body}\t{general}\n}}\n\n"));
        }
        out
    }

    /// The answer part, without its braces: one line per answer (`\t...\n`), or one token.
    fn answers(&mut self) -> String {
        match &self.q.answer {
            Answer::Single(choices) => self.choices(choices, false),
            Answer::Multiple(choices) => self.choices(choices, true),
            Answer::TrueFalse(b) => (if *b { "TRUE" } else { "FALSE" }).into(),
            Answer::Short(answers) => self.short(answers),
            Answer::Numeric { answer, tolerance } => format!("#{answer}:{tolerance}"),
            Answer::Order(_) => {
                let pairs: Vec<(String, String)> = (self.h.options.iter().enumerate())
                    .map(|(i, item)| (format!("Position {}", i + 1), item.text.clone()))
                    .collect();
                self.pairs(&pairs, "items")
            }
            Answer::Match(_) => {
                let pairs: Vec<(String, String)> = (self.h.options.iter().zip(&self.h.second))
                    .map(|(left, right)| (left.html.replace("->", "-&gt;"), right.text.clone()))
                    .collect();
                self.pairs(&pairs, "pairs")
            }
        }
    }

    fn choices(&self, choices: &[Choice], multiple: bool) -> String {
        let right = choices.iter().filter(|c| c.correct).count().max(1);
        let wrong = match (multiple, self.q.partial) {
            (true, true) => format!("~%-{}%", weight(100.0 / right as f64)),
            (true, false) => "~%-100%".into(),
            (false, _) => "~".into(),
        };
        let mut out = String::new();
        for (c, (text, feedback)) in choices.iter().zip(self.h.options.iter().zip(&self.h.second)) {
            let mark = match (c.correct, multiple) {
                (true, true) => format!("~%{}%", weight(100.0 / right as f64)),
                (true, false) => "=".into(),
                // A text that starts like a weight (`%50%...`) gets an explicit one.
                (false, false) if text.html.starts_with('%') => "~%0%".into(),
                (false, _) => wrong.clone(),
            };
            out.push_str(&format!("\t{mark}{}", self.field(&text.html)));
            if !feedback.html.is_empty() {
                out.push_str(&format!("#{}", self.field(&feedback.html)));
            }
            out.push('\n');
        }
        out
    }

    /// Accepted answers at 100%; GIFT reads a short answer holding `->` as a matching
    /// question, so such an answer is left out, with a warning.
    fn short(&mut self, answers: &[String]) -> String {
        let mut out = String::new();
        for a in answers {
            if a.contains("->") {
                self.warn(format!(
                    "the accepted answer '{a}' holds '->', which GIFT cannot write in a short answer; it is left out"
                ));
            } else {
                // `[` would start a format name: name the format, plain text.
                let format = if a.trim().starts_with('[') { "[plain]" } else { "" };
                out.push_str(&format!("\t=%100%{format}{}\n", escape(a.trim())));
            }
        }
        out
    }

    fn pairs(&mut self, pairs: &[(String, String)], what: &str) -> String {
        if pairs.len() < MIN_MATCH_PAIRS {
            self.warn(format!(
                "Moodle needs at least {MIN_MATCH_PAIRS} pairs in a matching question; this one is exported with {} {what}",
                pairs.len()
            ));
        }
        pairs.iter().map(|(left, right)| format!("\t={} -> {}\n", self.field(left), escape(right.trim()))).collect()
    }

    fn warn(&mut self, message: String) {
        let msg = format!("question {}: {message}", self.q.number);
        self.diags.push(Diagnostic::warning(self.quiz.path(), Some(self.q.pos), msg));
    }

    /// HTML escaped for GIFT, its site links made absolute when the base URL has a host.
    fn html(&self, html: &str) -> String {
        let html = tex(html);
        match self.origin {
            Some(origin) => escape(&super::absolute_links(&html, origin)),
            None => escape(&html),
        }
    }

    /// An answer or feedback in the question's format (HTML); one that starts with `[`
    /// names its format, so GIFT does not take its first word for one.
    fn field(&self, html: &str) -> String {
        if html.starts_with('[') { format!("[html]{}", self.html(html)) } else { self.html(html) }
    }
}

/// Each `<math>` element as `$$TeX$$`, the form Moodle's TeX filter reads, from the TeX
/// source the build names the element by (`aria-label`), escaped as HTML text.
fn tex(html: &str) -> std::borrow::Cow<'_, str> {
    const OPEN: &str = "<math aria-label=\"";
    if !html.contains(OPEN) {
        return html.into();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        let label = &rest[start + OPEN.len()..];
        let (Some(quote), Some(len)) = (label.find('"'), rest[start..].find("</math>")) else { break };
        // Still escaped for HTML, as the question text is HTML: Moodle's filters read the
        // text, where `&lt;` is `<`.
        out.push_str(&rest[..start]);
        out.push_str(&format!("$${}$$", &label[..quote]));
        rest = &rest[start + len + "</math>".len()..];
    }
    out.push_str(rest);
    out.into()
}

/// Escapes GIFT's control characters `~ = # { } :` and the backslash; line ends become `\n`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A percentage weight as Moodle writes them: at most 5 decimals (`33.33333`, `50`).
fn weight(percent: f64) -> String {
    let s = format!("{percent:.5}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A category name: one line, `/` doubled (a single `/` would start a sub-category).
fn category(name: &str) -> String {
    one_line(name).replace('/', "//")
}

fn comment(text: &str) -> String {
    one_line(text)
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_line_ends_are_escaped() {
        assert_eq!(escape(r"a~b=c#d{e}f:g\h"), r"a\~b\=c\#d\{e\}f\:g\\h");
        assert_eq!(escape("one\r\ntwo"), r"one\ntwo");
    }

    #[test]
    fn math_becomes_tex_for_moodle() {
        let mathml = crate::markdown::math::to_mathml("a<b \\& \\frac{1}{2}", false).unwrap();
        let html = format!("<p>So {mathml} holds.</p>");
        assert_eq!(tex(&html), "<p>So $$a&lt;b \\&amp; \\frac{1}{2}$$ holds.</p>");
        assert_eq!(tex("<p>no math</p>"), "<p>no math</p>");
    }

    #[test]
    fn weights_have_at_most_five_decimals() {
        assert_eq!(weight(100.0 / 3.0), "33.33333");
        assert_eq!(weight(50.0), "50");
        assert_eq!(weight(100.0 / 6.0), "16.66667");
    }

    #[test]
    fn site_links_get_the_origin() {
        let html = r#"<a href="/c/concepts/x/">x</a> <img src="/c/i.png"> <a href="//other/">o</a> <a href="https://h/">h</a>"#;
        assert_eq!(
            super::super::absolute_links(html, "https://site"),
            r#"<a href="https://site/c/concepts/x/">x</a> <img src="https://site/c/i.png"> <a href="//other/">o</a> <a href="https://h/">h</a>"#
        );
    }

    #[test]
    fn categories_keep_slashes_as_text() {
        assert_eq!(category("Either/or  quiz\n"), "Either//or quiz");
    }
}
