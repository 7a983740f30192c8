//! The answer key of a quiz page: what the browser script needs to score, explain and
//! review each question, as JSON escaped for a `<script type="application/json">` element.

use serde::Serialize;

use crate::links::{PageKey, SiteIndex};
use crate::load::Kind;
use crate::model::targets;
use crate::quiz::{Answer, Question, Quiz};
use crate::render::{QuestionHtml, QuizHtml};

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
    script_json(&serde_json::to_string(&key).expect("the key serializes"))
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
        correct: None,
        feedback: None,
        answer: None,
        tolerance: None,
        answers: None,
        items: None,
        pairs: None,
        explanation: &h.explanation,
        review,
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

/// JSON with `<`, `>`, `&` and the two JavaScript line separators escaped, so it can sit
/// inside a `<script>` element (nothing ends the element or starts a comment) or be served
/// as a file that no browser reads as HTML.
pub fn script_json(json: &str) -> String {
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len() + 16);
    let mut copied = 0;
    for (i, &b) in bytes.iter().enumerate() {
        // U+2028 and U+2029 are the bytes E2 80 A8 and E2 80 A9.
        let (escape, len) = match b {
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            0xE2 => match bytes.get(i + 1..i + 3) {
                Some([0x80, 0xA8]) => ("\\u2028", 3),
                Some([0x80, 0xA9]) => ("\\u2029", 3),
                _ => continue,
            },
            _ => continue,
        };
        out.push_str(&json[copied..i]);
        out.push_str(escape);
        copied = i + len;
    }
    out.push_str(&json[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_element() {
        let raw = serde_json::to_string(&"</script><!-- & \u{2028}").unwrap();
        let safe = script_json(&raw);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&') && !safe.contains('\u{2028}'));
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "</script><!-- & \u{2028}");
        let text = "a<b>c&d\u{2028}e\u{2029}f \u{2027} € é 海 <";
        let expected = "a\\u003cb\\u003ec\\u0026d\\u2028e\\u2029f \u{2027} € é 海 \\u003c";
        assert_eq!(script_json(text), expected);
    }
}
