//! A module's print page: its lessons in order as one document, each lesson's key points,
//! and the quizzes of its lessons with blanks to fill in and their answers at the end.

use serde::Serialize;
use tera::Context;

use super::Pages;
use super::views::{QuestionView, Url};
use crate::common::routes::SitePage;
use crate::common::{Kind, PageKey};
use crate::site::bodies::Text;

/// The folder of a module's print page, under the module's own.
pub const PRINT: &str = "print/";

/// A quiz as its print page shows it: questions with blanks, answers at the end (no
/// answer key for a script, nothing of the quiz page's own).
#[derive(Serialize)]
struct PrintQuiz<'a> {
    id: &'a str,
    title: &'a str,
    questions: Vec<QuestionView<'a>>,
}

#[derive(Serialize)]
struct PrintLesson<'a> {
    id: &'a str,
    title: &'a str,
    number: String,
    url: Url<'a>,
    objectives: &'a [Text],
    keypoints: &'a [Text],
    /// Where the lesson's HTML goes: a marker the page is filled at once rendered (its ids
    /// then given the lesson's id in front, so that the lessons' ids stay apart).
    content: String,
}

impl Pages<'_> {
    pub(super) fn module_print(&self, idx: usize) -> Context {
        let c = self.index.course;
        let m = &c.modules[idx];
        let key = PageKey::new(Kind::Module, idx);
        let path = format!("{}{PRINT}", self.index.site_path(key));
        let crumbs = vec![self.crumb(SitePage::Home), self.link(key)];
        let title = self.strings().format("to_print", None, &[("title", &m.title)]);
        let mut ctx = self.base(&title, &path, crumbs);
        let lessons: Vec<PrintLesson> = m
            .lessons
            .iter()
            .map(|&l| {
                let lesson = &c.lessons[l];
                let fields = &self.bodies.lesson_fields[l];
                PrintLesson {
                    id: &lesson.id,
                    title: &lesson.title,
                    number: self.lesson_number(l),
                    url: self.href(Kind::Lesson, l),
                    objectives: &fields.objectives,
                    keypoints: &fields.keypoints,
                    content: marker(l),
                }
            })
            .collect();
        let mut quizzes: Vec<usize> = Vec::new();
        for q in m.lessons.iter().filter_map(|&l| c.lessons[l].quiz.as_ref()?.target) {
            if !quizzes.contains(&q) {
                quizzes.push(q);
            }
        }
        let quizzes: Vec<PrintQuiz> = quizzes
            .iter()
            .map(|&q| {
                let (quiz, html) = (&c.quizzes[q], &self.bodies.quizzes[q]);
                let questions = quiz.questions.iter().zip(&html.questions).map(|(qq, h)| self.question_view(qq, h));
                PrintQuiz { id: &quiz.id, title: &quiz.title, questions: questions.collect() }
            })
            .collect();
        ctx.insert("module", &self.module_view(idx, None));
        ctx.insert("lessons", &lessons);
        ctx.insert("quizzes", &quizzes);
        ctx
    }
}

/// The placeholder of lesson `l`'s HTML on a print page.
fn marker(l: usize) -> String {
    format!("<!--syllabus-print-lesson-{l}-->")
}

impl Pages<'_> {
    /// A rendered print page with each lesson's marker replaced by its HTML.
    pub(super) fn fill_print(&self, module: usize, page: Vec<u8>) -> Vec<u8> {
        let c = self.index.course;
        let lessons = &c.modules[module].lessons;
        let room: usize = lessons.iter().map(|&l| self.bodies.lessons[l].html.len() + 1024).sum();
        let mut out = String::with_capacity(page.len() + room);
        let page = String::from_utf8(page).unwrap_or_default();
        let mut from = 0;
        for &l in lessons {
            let mark = marker(l);
            let Some(at) = page[from..].find(&mark).map(|at| from + at) else { continue };
            out.push_str(&page[from..at]);
            push_prefixed(&mut out, &self.bodies.lessons[l].html, &c.lessons[l].id);
            from = at + mark.len();
        }
        out.push_str(&page[from..]);
        out.into_bytes()
    }
}

/// `html` with every `id` and in-page link given `prefix--` in front.
#[cfg(test)]
fn prefixed_ids(html: &str, prefix: &str) -> String {
    let mut out = String::new();
    push_prefixed(&mut out, html, prefix);
    out
}

/// Adds `html` to `out` with every `id` and in-page link given `prefix--` in front.
fn push_prefixed(out: &mut String, html: &str, prefix: &str) {
    let bytes = html.as_bytes();
    let mut at: Vec<usize> = memchr::memmem::find_iter(bytes, b" id=\"").map(|i| i + 5).collect();
    at.extend(memchr::memmem::find_iter(bytes, b"href=\"#").map(|i| i + 7));
    at.sort_unstable();
    let mut from = 0;
    for i in at {
        out.push_str(&html[from..i]);
        out.push_str(prefix);
        out.push_str("--");
        from = i;
    }
    out.push_str(&html[from..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_their_links_take_the_lesson_s_id() {
        assert_eq!(
            prefixed_ids("<h2 id=\"a\">A</h2><a href=\"#a\">x</a><a href=\"/b/#c\">y</a>", "l"),
            "<h2 id=\"l--a\">A</h2><a href=\"#l--a\">x</a><a href=\"/b/#c\">y</a>"
        );
    }
}
