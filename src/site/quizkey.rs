//! The answer key of a quiz page: what the browser script needs to score, explain and
//! review each question, as JSON escaped for a `<script type="application/json">` element.

use serde::Serialize;

use crate::common::Kind;
use crate::common::PageKey;
use crate::content::model::targets;
use crate::content::model::{Answer, Question, Quiz};
use crate::index::SiteIndex;
use crate::site::bodies::{QuestionHtml, QuizHtml};

#[derive(Serialize)]
struct Key<'a> {
    quiz: &'a str,
    title: &'a str,
    url: &'a str,
    pass_mark: Option<f64>,
    shuffle: bool,
    questions: Vec<KeyQuestion<'a>>,
}

/// One question; only the fields of its type are written.
#[derive(Serialize)]
struct KeyQuestion<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    points: f64,
    /// Partial credit (multiple, order, match).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    partial: bool,
    /// single, multiple: indexes of the correct choices.
    #[serde(skip_serializing_if = "Option::is_none")]
    correct: Option<Vec<usize>>,
    /// single, multiple: feedback HTML of each choice ("" for none).
    #[serde(skip_serializing_if = "Option::is_none")]
    feedback: Option<Vec<&'a str>>,
    /// true_false: the answer; numeric: the number.
    #[serde(skip_serializing_if = "Option::is_none")]
    answer: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tolerance: Option<f64>,
    /// short: the accepted answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    answers: Option<&'a [String]>,
    /// order: the item texts in the right order (equal texts are interchangeable).
    #[serde(skip_serializing_if = "Option::is_none")]
    items: Option<Vec<&'a str>>,
    /// match: how many pairs (left `i` goes with right `i`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pairs: Option<usize>,
    explanation: &'a str,
    review: Vec<Review<'a>>,
    /// `review: false`: answering it makes no review card.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    no_review: bool,
}

/// A concept to review after a wrong answer.
#[derive(Serialize)]
struct Review<'a> {
    id: &'a str,
    term: &'a str,
    url: &'a str,
}

/// The answer key of quiz `idx`, ready to be written inside a `<script>` element.
pub fn answer_key(index: &SiteIndex, idx: usize, quiz: &Quiz, html: &QuizHtml) -> String {
    let key = Key {
        quiz: &quiz.id,
        title: &quiz.title,
        url: index.href(PageKey::new(Kind::Quiz, idx)),
        pass_mark: quiz.pass_mark,
        shuffle: quiz.shuffle,
        questions: quiz.questions.iter().zip(&html.questions).map(|(q, h)| question(index, q, h)).collect(),
    };
    crate::util::html::script_json(&serde_json::to_string(&key).expect("the key serializes"))
}

fn question<'a>(index: &'a SiteIndex, q: &'a Question, h: &'a QuestionHtml) -> KeyQuestion<'a> {
    let course = index.course;
    let review = targets(&q.concepts)
        .map(|c| Review {
            id: &course.concepts[c].id,
            term: &course.concepts[c].term,
            url: index.href(PageKey::new(Kind::Concept, c)),
        })
        .collect();
    let mut k = KeyQuestion {
        id: &q.id,
        kind: q.answer.type_name(),
        points: q.points,
        partial: q.partial,
        correct: None,
        feedback: None,
        answer: None,
        tolerance: None,
        answers: None,
        items: None,
        pairs: None,
        explanation: &h.explanation,
        review,
        no_review: !q.review,
    };
    match &q.answer {
        Answer::Single(choices) | Answer::Multiple(choices) => {
            k.correct = Some(choices.iter().enumerate().filter(|(_, c)| c.correct).map(|(i, _)| i).collect());
            k.feedback = Some(h.second.iter().map(|t| t.html.as_str()).collect());
        }
        Answer::TrueFalse(b) => k.answer = Some((*b).into()),
        Answer::Short(answers) => k.answers = Some(answers),
        Answer::Numeric { answer, tolerance } => {
            k.answer = serde_json::Number::from_f64(*answer).map(Into::into);
            k.tolerance = Some(*tolerance);
        }
        Answer::Order(items) => k.items = Some(items.iter().map(|i| i.value.trim()).collect()),
        Answer::Match(pairs) => k.pairs = Some(pairs.len()),
    }
    k
}
