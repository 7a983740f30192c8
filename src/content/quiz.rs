//! Quizzes: reads quiz YAML into typed questions and checks that every question can be
//! answered right, naming the file and the question number.

use std::collections::{HashMap, HashSet};

use crate::common::diag::Pos;
use crate::content::fields::Fields;
use crate::content::ids::check_id;
use crate::content::model::{Answer, Choice, Question, Quiz, Ref};
use crate::content::yaml::{Located, Node, Value};

pub const KEYS: &[&str] = &["title", "description", "lesson", "pass_mark", "shuffle", "questions", "extra"];
const QUESTION_KEYS: &[&str] = &[
    "type",
    "id",
    "prompt",
    "choices",
    "answer",
    "answers",
    "tolerance",
    "items",
    "pairs",
    "explanation",
    "concepts",
    "points",
    "partial",
    "review",
];
const CHOICE_KEYS: &[&str] = &["text", "correct", "feedback"];
const TYPES: &[&str] = &["single", "multiple", "true_false", "short", "numeric", "order", "match"];

/// Reads a quiz; `None` when it is too broken to use (every problem reported).
pub fn read(id: String, mut f: Fields, broken: bool) -> Option<Quiz> {
    if broken {
        return None;
    }
    let title = f.required_text("title", "a quiz").map(|t| t.value).unwrap_or_else(|| id.clone());
    let description = f.text("description");
    let lesson = f.text("lesson").map(|l| Ref { id: l, target: None });
    let pass_mark = f.number("pass_mark").and_then(|p| {
        if (0.0..=100.0).contains(&p.value) {
            Some(p.value)
        } else {
            f.error(p.pos, format!("'pass_mark' must be a percentage from 0 to 100, found {}", p.value));
            None
        }
    });
    let shuffle = f.boolean("shuffle").is_some_and(|s| s.value);
    let extra = f.extra();
    let questions = match f.list("questions") {
        Some((pos, items)) if items.is_empty() => {
            f.error(pos, "'questions' is empty: a quiz needs at least one question");
            Vec::new()
        }
        Some((_, items)) => read_questions(&mut f, items),
        None => {
            let pos = f.pos();
            f.error(pos, "missing required key 'questions' in a quiz");
            Vec::new()
        }
    };
    Some(Quiz { id, origin: None, title, description, lesson, pass_mark, shuffle, questions, extra })
}

fn read_questions(f: &mut Fields, items: Vec<Node>) -> Vec<Question> {
    let mut out = Vec::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    for (i, node) in items.into_iter().enumerate() {
        let number = i + 1;
        let what = format!("question {number}");
        let path = f.path();
        let Some(mut q) = Fields::new(path, node, QUESTION_KEYS, &what, f.diags()) else {
            continue;
        };
        if let Some((mut question, explicit)) = read_question(&mut q, number) {
            if !explicit {
                // An id made from the prompt takes a number when another question has it.
                let base = question.id.clone();
                let mut n = 1;
                while ids.contains_key(&question.id) {
                    n += 1;
                    question.id = format!("{base}-{n}");
                }
            }
            if let Some(first) = ids.insert(question.id.clone(), number) {
                let msg = format!("question {number}: id '{}' is already used by question {first}", question.id);
                f.error(question.pos, msg);
            }
            out.push(question);
        }
    }
    out
}

/// A question, and whether its id was written (not made from the prompt).
fn read_question(q: &mut Fields, number: usize) -> Option<(Question, bool)> {
    let pos = q.pos();
    let label = format!("question {number}");
    let Some(kind) = q.text("type") else {
        q.error(pos, format!("{label}: missing required key 'type' (one of: {})", TYPES.join(", ")));
        return None;
    };
    if !TYPES.contains(&kind.value.as_str()) {
        let hint = crate::common::diag::did_you_mean(&kind.value, TYPES.iter().copied());
        q.error(
            kind.pos,
            format!("{label}: unknown type '{}'{hint}; expected one of: {}", kind.value, TYPES.join(", ")),
        );
        return None;
    }
    let prompt = q.text("prompt");
    if prompt.as_ref().is_none_or(|p| p.value.trim().is_empty()) {
        q.error(prompt.as_ref().map_or(pos, |p| p.pos), format!("{label}: missing required key 'prompt'"));
    }
    let prompt = prompt.unwrap_or(Located { value: String::new(), pos });
    let (id, explicit) = match q.text("id") {
        Some(id) => {
            if let Err(m) = check_id(&id.value) {
                q.error(id.pos, format!("{label}: {}", m.replace("its id", "the id")));
            }
            (id.value, true)
        }
        None => (id_from_prompt(&prompt.value, number), false),
    };
    let explanation = q.text("explanation");
    let concepts = q.text_list("concepts").into_iter().map(|c| Ref { id: c, target: None }).collect();
    let points = match q.number("points") {
        Some(p) if p.value > 0.0 => p.value,
        Some(p) => {
            q.error(p.pos, format!("{label}: 'points' must be more than 0, found {}", p.value));
            1.0
        }
        None => 1.0,
    };
    let partial = match q.boolean("partial") {
        Some(p) if p.value && !matches!(kind.value.as_str(), "multiple" | "order" | "match") => {
            let msg = format!("{label}: 'partial' applies to multiple, order and match questions, not {}", kind.value);
            q.error(p.pos, msg);
            false
        }
        Some(p) => p.value,
        None => false,
    };
    let review = q.boolean("review").is_none_or(|r| r.value);
    let answer = read_answer(q, &kind.value, &label, pos)?;
    Some((Question { number, id, pos, prompt, explanation, concepts, points, partial, review, answer }, explicit))
}

/// Keys that only some types use; the others are refused so typos do not pass silently.
fn refuse_foreign_keys(q: &mut Fields, kind: &str, label: &str, allowed: &[&str]) {
    for key in ["choices", "answer", "answers", "tolerance", "items", "pairs"] {
        if !allowed.contains(&key)
            && let Some(node) = q.node(key)
        {
            q.error(node.pos, format!("{label}: '{key}' does not apply to a {kind} question"));
        }
    }
}

fn read_answer(q: &mut Fields, kind: &str, label: &str, pos: Pos) -> Option<Answer> {
    let answer = match kind {
        "single" | "multiple" => {
            refuse_foreign_keys(q, kind, label, &["choices"]);
            let choices = read_choices(q, label, pos);
            let correct = choices.iter().filter(|c| c.correct).count();
            if choices.len() < 2 {
                q.error(pos, format!("{label}: a {kind} question needs at least two choices, found {}", choices.len()));
            } else if correct == 0 {
                q.error(pos, format!("{label}: no choice is marked 'correct: true', so it cannot be answered right"));
            } else if kind == "single" && correct > 1 {
                q.error(pos, format!("{label}: a single question needs exactly one correct choice, found {correct} (use type: multiple)"));
            }
            if kind == "single" { Answer::Single(choices) } else { Answer::Multiple(choices) }
        }
        "true_false" => {
            refuse_foreign_keys(q, kind, label, &["answer"]);
            let Some(a) = q.boolean("answer") else {
                q.error(pos, format!("{label}: a true_false question needs 'answer: true' or 'answer: false'"));
                return None;
            };
            Answer::TrueFalse(a.value)
        }
        "short" => {
            refuse_foreign_keys(q, kind, label, &["answers"]);
            let answers: Vec<String> =
                q.text_list("answers").into_iter().map(|a| a.value).filter(|a| !a.trim().is_empty()).collect();
            if answers.is_empty() {
                q.error(pos, format!("{label}: a short question needs 'answers', a list of accepted answers"));
            }
            Answer::Short(answers)
        }
        "numeric" => {
            refuse_foreign_keys(q, kind, label, &["answer", "tolerance"]);
            let answer = q.number("answer");
            let tolerance = q.number("tolerance").map_or(0.0, |t| t.value);
            if tolerance < 0.0 {
                q.error(pos, format!("{label}: 'tolerance' must not be negative"));
            }
            let Some(answer) = answer else {
                q.error(pos, format!("{label}: a numeric question needs 'answer', a number"));
                return None;
            };
            Answer::Numeric { answer: answer.value, tolerance: tolerance.abs() }
        }
        "order" => {
            refuse_foreign_keys(q, kind, label, &["items"]);
            let items = q.text_list("items");
            if items.len() < 2 {
                q.error(pos, format!("{label}: an order question needs at least two 'items', found {}", items.len()));
            }
            Answer::Order(items)
        }
        _ => {
            refuse_foreign_keys(q, kind, label, &["pairs"]);
            let pairs = read_pairs(q, label);
            if pairs.len() < 2 {
                q.error(pos, format!("{label}: a match question needs at least two 'pairs', found {}", pairs.len()));
            }
            check_distinct(q, label, "left side", pairs.iter().map(|p| &p.0));
            check_distinct(q, label, "right side", pairs.iter().map(|p| &p.1));
            Answer::Match(pairs)
        }
    };
    Some(answer)
}

fn check_distinct<'a>(q: &mut Fields, label: &str, what: &str, items: impl Iterator<Item = &'a Located<String>>) {
    let mut seen = HashSet::new();
    for item in items {
        if !seen.insert(item.value.trim().to_lowercase()) {
            q.error(item.pos, format!("{label}: duplicate {what} '{}'", item.value));
        }
    }
}

fn read_choices(q: &mut Fields, label: &str, pos: Pos) -> Vec<Choice> {
    let Some((_, nodes)) = q.list("choices") else {
        q.error(pos, format!("{label}: missing required key 'choices'"));
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, node) in nodes.into_iter().enumerate() {
        let what = format!("{label}, choice {}", i + 1);
        let path = q.path();
        let Some(mut c) = Fields::new(path, node, CHOICE_KEYS, &what, q.diags()) else {
            continue;
        };
        let Some(text) = c.text("text") else {
            let pos = c.pos();
            c.error(pos, format!("{what}: missing required key 'text'"));
            continue;
        };
        let correct = c.boolean("correct").is_some_and(|b| b.value);
        let feedback = c.text("feedback");
        out.push(Choice { text, correct, feedback });
    }
    out
}

fn read_pairs(q: &mut Fields, label: &str) -> Vec<(Located<String>, Located<String>)> {
    let Some((_, nodes)) = q.list("pairs") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for node in nodes {
        let pos = node.pos;
        let texts: Option<Vec<Located<String>>> = match node.value {
            Value::Seq(items) if items.len() == 2 => {
                items.into_iter().map(|n| n.value.as_text().map(|value| Located { value, pos: n.pos })).collect()
            }
            _ => None,
        };
        match texts {
            Some(mut t) => {
                let right = t.pop().expect("two items");
                let left = t.pop().expect("two items");
                out.push((left, right));
            }
            None => q.error(pos, format!("{label}: each pair must be a list of two texts: [left, right]")),
        }
    }
    out
}

/// A stable id from the prompt's first words (`Which best describes…` → `which-best-describes`).
pub fn id_from_prompt(prompt: &str, number: usize) -> String {
    let words: Vec<String> = prompt
        .split_whitespace()
        .map(|w| w.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>())
        .filter(|w| !w.is_empty())
        .take(6)
        .collect();
    if words.is_empty() { format!("q{number}") } else { words.join("-") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_prompts() {
        assert_eq!(
            id_from_prompt("Which best describes a *geopolitical code*?", 1),
            "which-best-describes-a-geopolitical-code"
        );
        assert_eq!(id_from_prompt("¿?", 4), "q4");
    }
}
