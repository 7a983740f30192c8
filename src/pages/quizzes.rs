//! Quiz pages: every question with its choices, feedback and explanation (shown without
//! JavaScript), the answer key for the page's script, and the list of quizzes.

use serde_json::Value as Json;
use tera::Context;

use super::Pages;
use super::views::{ChoiceView, Item, Pair, QuestionView, QuizCard, QuizView};
use crate::common::routes::SitePage;
use crate::common::{Kind, PageKey};
use crate::content::model::{Answer, Question, Quiz, targets};
use crate::site::bodies::{QuestionHtml, QuizHtml};
use crate::site::quizkey;

impl Pages<'_> {
    pub(super) fn quiz(&self, idx: usize) -> Context {
        let q = &self.index.course.quizzes[idx];
        let key = PageKey::new(Kind::Quiz, idx);
        let crumbs = vec![self.crumb(SitePage::Home), self.crumb(SitePage::Quizzes)];
        let mut ctx = self.base(&q.title, self.index.site_path(key), crumbs);
        ctx.insert("quiz", &self.quiz_view(idx, q, &self.bodies.quizzes[idx]));
        ctx
    }

    pub(super) fn quiz_view<'s>(&'s self, idx: usize, q: &'s Quiz, html: &'s QuizHtml) -> QuizView<'s> {
        QuizView {
            id: &q.id,
            title: &q.title,
            url: self.href(Kind::Quiz, idx),
            description: &html.description,
            pass_mark: q.pass_mark.map(number),
            shuffle: q.shuffle,
            total_points: number(q.total_points()),
            lessons: self.graph.quiz_lessons[idx].iter().map(|&l| self.lesson_value(l)).collect(),
            questions: q.questions.iter().zip(&html.questions).map(|(qq, h)| self.question_view(qq, h)).collect(),
            key: quizkey::answer_key(self.index, idx, q, html),
            extra: &q.extra,
        }
    }

    pub(super) fn question_view<'s>(&'s self, q: &'s Question, h: &'s QuestionHtml) -> QuestionView<'s> {
        let mut v = QuestionView {
            number: q.number,
            id: &q.id,
            kind: q.answer.type_name(),
            prompt: &h.prompt,
            explanation: &h.explanation,
            points: number(q.points),
            concepts: targets(&q.concepts).map(|c| self.concept_value(c)).collect(),
            choices: Vec::new(),
            answer: None,
            answers: &[],
            tolerance: None,
            items: Vec::new(),
            shuffled: Vec::new(),
            pairs: Vec::new(),
        };
        match &q.answer {
            Answer::Single(choices) | Answer::Multiple(choices) => {
                v.choices = choices
                    .iter()
                    .enumerate()
                    .map(|(i, c)| ChoiceView {
                        index: i,
                        text: &h.options[i],
                        correct: c.correct,
                        feedback: &h.second[i].html,
                    })
                    .collect();
            }
            Answer::TrueFalse(b) => v.answer = Some(Json::Bool(*b)),
            Answer::Short(answers) => v.answers = answers,
            Answer::Numeric { answer, tolerance } => {
                v.answer = Some(number(*answer));
                v.tolerance = (*tolerance > 0.0).then(|| number(*tolerance));
            }
            Answer::Order(_) => {
                v.items = h.options.iter().enumerate().map(|(i, t)| Item { index: i, text: t }).collect();
                v.shuffled = scramble(&q.id, h.options.len())
                    .into_iter()
                    .map(|i| Item { index: i, text: &h.options[i] })
                    .collect();
            }
            Answer::Match(_) => {
                v.pairs = h
                    .options
                    .iter()
                    .zip(&h.second)
                    .enumerate()
                    .map(|(i, (l, r))| Pair { index: i, left: l, right: r })
                    .collect();
                v.shuffled = scramble(&q.id, h.second.len())
                    .into_iter()
                    .map(|i| Item { index: i, text: &h.second[i] })
                    .collect();
            }
        }
        v
    }

    pub(super) fn quizzes(&self) -> Context {
        let c = self.index.course;
        let mut ctx = self.listing(SitePage::Quizzes);
        let cards: Vec<QuizCard> = c
            .quizzes
            .iter()
            .enumerate()
            .map(|(i, q)| QuizCard {
                id: &q.id,
                title: &q.title,
                url: self.href(Kind::Quiz, i),
                description: &self.bodies.quizzes[i].description,
                questions: q.questions.len(),
                total_points: number(q.total_points()),
                lessons: self.graph.quiz_lessons[i].iter().map(|&l| self.lesson_value(l)).collect(),
            })
            .collect();
        ctx.insert("quizzes", &cards);
        ctx
    }
}

/// A fixed shuffle (from the question id) so the no-JavaScript page does not show
/// items in their answer order, and every build gives the same page.
fn scramble(seed: &str, n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = u64::from_str_radix(&crate::util::hash::fingerprint(seed.as_bytes()), 16).unwrap_or(1) | 1;
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        order.swap(i, (state % (i as u64 + 1)) as usize);
    }
    if n > 1 && order.iter().enumerate().all(|(i, &o)| i == o) {
        order.rotate_left(1);
    }
    order
}

/// A number for templates: whole numbers as integers (`3`, not `3.0`).
fn number(x: f64) -> Json {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        Json::from(x as i64)
    } else {
        serde_json::Number::from_f64(x).map_or(Json::Null, Json::Number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scramble_is_stable_and_never_the_identity() {
        assert_eq!(scramble("q", 4), scramble("q", 4));
        let s = scramble("x", 3);
        assert_ne!(s, vec![0, 1, 2]);
        let mut sorted = s.clone();
        sorted.sort();
        assert_eq!(sorted, vec![0, 1, 2]);
    }
}
