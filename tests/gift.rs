//! `syllabus export quizzes --format gift`, read back by a GIFT reader written here from
//! Moodle's documentation of the format (docs.moodle.org/en/GIFT_format): questions apart
//! by blank lines, `//` comment lines, `$CATEGORY:` lines, `::name::`, a `[format]`, one
//! `{...}` answer part ending the question, `=` and `~` answers with `%weight%` and
//! `#feedback`, `####` general feedback, `{TRUE}`/`{FALSE}`, `{#answer:tolerance}`,
//! `=left -> right` pairs, and a backslash before `~ = # { } :` and `\` (and `\n`). The
//! reader refuses anything else, and what it reads is compared with the quiz files.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{example_course, read, repo, syllabus};
use serde_json::Value;

/* The reader -------------------------------------------------------------------------- */

/// GIFT text as characters, each marked `true` when a backslash escaped it.
#[derive(Clone, Debug)]
struct Gift(Vec<(char, bool)>);

impl Gift {
    /// Panics on a backslash that escapes nothing GIFT knows.
    fn new(s: &str) -> Gift {
        let mut out = Vec::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push((c, false));
                continue;
            }
            match chars.next() {
                Some(e @ ('~' | '=' | '#' | '{' | '}' | ':' | '\\')) => out.push((e, true)),
                Some('n') => out.push(('\n', true)),
                other => panic!("a backslash before {other:?} escapes nothing in GIFT: {s}"),
            }
        }
        Gift(out)
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn text(&self) -> String {
        self.0.iter().map(|(c, _)| c).collect()
    }

    /// The text of a field, once the structure is split off: GIFT's control characters
    /// may only be in it escaped.
    fn field(&self) -> String {
        let loose: Vec<char> = self.0.iter().filter(|(c, e)| !e && "~=#{}:".contains(*c)).map(|(c, _)| *c).collect();
        assert!(loose.is_empty(), "unescaped {loose:?} in the text {:?}", self.text());
        self.text()
    }

    fn slice(&self, from: usize, to: usize) -> Gift {
        Gift(self.0[from..to].to_vec())
    }

    fn trim(&self) -> Gift {
        let start = self.0.iter().position(|(c, e)| *e || !c.is_whitespace()).unwrap_or(self.len());
        let end = self.0.iter().rposition(|(c, e)| *e || !c.is_whitespace()).map_or(start, |i| i + 1);
        self.slice(start, end.max(start))
    }

    /// Whether `pat` starts at `i`, unescaped.
    fn at(&self, i: usize, pat: &str) -> bool {
        let pat: Vec<char> = pat.chars().collect();
        i + pat.len() <= self.len() && pat.iter().enumerate().all(|(k, c)| self.0[i + k] == (*c, false))
    }

    fn find(&self, pat: &str, from: usize) -> Option<usize> {
        (from..self.len()).find(|&i| self.at(i, pat))
    }

    fn rfind(&self, pat: &str) -> Option<usize> {
        (0..self.len()).rev().find(|&i| self.at(i, pat))
    }

    fn count(&self, c: char) -> usize {
        self.0.iter().filter(|x| **x == (c, false)).count()
    }

    /// Pieces that each start with one of `marks` (unescaped); text before the first is dropped.
    fn pieces(&self, marks: &[char]) -> Vec<(char, Gift)> {
        let starts: Vec<usize> = (0..self.len()).filter(|&i| marks.iter().any(|m| self.0[i] == (*m, false))).collect();
        assert!(
            self.slice(0, starts.first().copied().unwrap_or(self.len())).trim().len() == 0,
            "text before the first answer"
        );
        starts
            .iter()
            .enumerate()
            .map(|(k, &s)| (self.0[s].0, self.slice(s + 1, starts.get(k + 1).copied().unwrap_or(self.len())).trim()))
            .collect()
    }
}

/// A field's `[format]` and text.
fn format_of(t: &Gift) -> (Option<String>, String) {
    if t.at(0, "[")
        && let Some(end) = t.find("]", 0)
    {
        let name = t.slice(1, end).text();
        if ["html", "moodle", "plain", "markdown"].contains(&name.as_str()) {
            return (Some(name), t.slice(end + 1, t.len()).trim().field());
        }
    }
    (None, t.field())
}

#[derive(Debug)]
struct Answer {
    mark: char,
    weight: Option<f64>,
    format: Option<String>,
    text: String,
    feedback: Option<String>,
}

#[derive(Debug)]
enum Kind {
    Choice(Vec<Answer>),
    TrueFalse(bool),
    Short(Vec<Answer>),
    Numeric(f64, f64),
    Match(Vec<(String, String)>),
}

#[derive(Debug)]
struct Question {
    category: String,
    name: String,
    format: Option<String>,
    text: String,
    kind: Kind,
    general: Option<String>,
}

fn answer(mark: char, t: &Gift) -> Answer {
    let mut t = t.clone();
    let mut weight = None;
    if t.at(0, "%") {
        let end = t.find("%", 1).expect("a weight ends with %");
        weight = Some(t.slice(1, end).text().parse::<f64>().expect("a weight is a number"));
        t = t.slice(end + 1, t.len());
    }
    let (body, feedback) = match t.find("#", 0) {
        Some(h) => (t.slice(0, h).trim(), Some(format_of(&t.slice(h + 1, t.len()).trim()).1)),
        None => (t.trim(), None),
    };
    let (format, text) = format_of(&body);
    Answer { mark, weight, format, text, feedback }
}

fn kind_of(a: &Gift) -> Kind {
    if a.at(0, "#") {
        let colon = a.find(":", 1).expect("answer:tolerance");
        let num = |g: Gift| g.trim().text().parse::<f64>().expect("a number");
        return Kind::Numeric(num(a.slice(1, colon)), num(a.slice(colon + 1, a.len())));
    }
    if a.count('~') > 0 {
        return Kind::Choice(a.pieces(&['=', '~']).iter().map(|(m, t)| answer(*m, t)).collect());
    }
    if a.count('=') > 0 && a.find("->", 0).is_some() {
        let pairs = a.pieces(&['=']).into_iter().map(|(_, p)| {
            let arrow = p.find("->", 0).expect("left -> right");
            (format_of(&p.slice(0, arrow).trim()).1, p.slice(arrow + 2, p.len()).trim().field())
        });
        return Kind::Match(pairs.collect());
    }
    match a.text().as_str() {
        "TRUE" | "T" => Kind::TrueFalse(true),
        "FALSE" | "F" => Kind::TrueFalse(false),
        _ => Kind::Short(a.pieces(&['=']).iter().map(|(m, t)| answer(*m, t)).collect()),
    }
}

fn question(category: &str, t: &Gift) -> Question {
    let mut rest = t.trim();
    assert!(rest.at(0, "::"), "every exported question has a name: {}", t.text());
    let end = rest.find("::", 2).expect("a name ends with ::");
    let name = rest.slice(2, end).text();
    rest = rest.slice(end + 2, rest.len()).trim();
    assert_eq!((rest.count('{'), rest.count('}')), (1, 1), "one answer part in {name}");
    let open = rest.find("{", 0).unwrap();
    assert!(rest.at(rest.len() - 1, "}"), "the answer part ends question {name}");
    let (format, text) = format_of(&rest.slice(0, open).trim());
    let mut answers = rest.slice(open + 1, rest.len() - 1).trim();
    let mut general = None;
    if let Some(g) = answers.rfind("####") {
        general = Some(format_of(&answers.slice(g + 4, answers.len()).trim()).1);
        answers = answers.slice(0, g).trim();
    }
    Question { category: category.into(), name, format, text, kind: kind_of(&answers), general }
}

/// Reads a GIFT file: blocks apart by blank lines, comment lines dropped.
fn read_gift(file: &str) -> Vec<Question> {
    let mut blocks: Vec<Vec<&str>> = vec![Vec::new()];
    for line in file.lines() {
        if line.trim().is_empty() {
            blocks.push(Vec::new());
        } else if !line.trim_start().starts_with("//") {
            blocks.last_mut().unwrap().push(line);
        }
    }
    let mut category = String::new();
    let mut out = Vec::new();
    for block in blocks.into_iter().filter(|b| !b.is_empty()) {
        let text = block.join("\n");
        if let Some(c) = text.strip_prefix("$CATEGORY:") {
            assert!(!c.contains('\n'), "a category is one line");
            category = c.trim().to_string();
        } else {
            out.push(question(&category, &Gift::new(&text)));
        }
    }
    out
}

/* Comparing with the quiz files ------------------------------------------------------- */

/// Text as a reader sees it: no tags, entities decoded, plain quotes, spaces collapsed.
fn plain(html: &str) -> String {
    normal(&common::html_text(html))
}

/// Source text as it reads once rendered: emphasis marks and Markdown's backslash escapes
/// gone, wikilinks as their labels.
fn source(root: &Path, md: &str) -> String {
    let mut s = String::new();
    let mut chars = md.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(p)) if p.is_ascii_punctuation() => {}
            ('*', _) => {}
            (c, _) => s.push(c),
        }
    }
    while let Some(start) = s.find("[[concept:") {
        let end = start + s[start..].find("]]").unwrap();
        let id = &s[start + 10..end];
        let file = read(root.join(format!("content/concepts/{id}.md")));
        let term = file.lines().find_map(|l| l.strip_prefix("term: ")).unwrap().to_string();
        s.replace_range(start..end + 2, &term);
    }
    normal(&s)
}

fn normal(s: &str) -> String {
    let s = s.replace(['’', '‘'], "'").replace(['“', '”'], "\"");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Moodle's grades (percent); a weight must be one of them, or import stops.
const MOODLE_GRADES: &[f64] = &[
    100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0, 25.0, 20.0, 16.66667,
    14.28571, 12.5, 11.11111, 10.0, 5.0, 0.0,
];

fn moodle_grade(w: f64) -> bool {
    MOODLE_GRADES.iter().any(|g| (g - w.abs()).abs() < 1e-9)
}

/// Checks every question of the course's quiz files against what the reader read.
fn compare(root: &Path, gift: &[Question]) -> usize {
    let course: Value = serde_saphyr::from_str(&read(root.join("course.yaml"))).unwrap();
    let mut by_quiz: BTreeMap<String, Vec<&Question>> = BTreeMap::new();
    for q in gift {
        by_quiz.entry(q.name.split('/').next().unwrap().to_string()).or_default().push(q);
    }
    let mut compared = 0;
    for entry in std::fs::read_dir(root.join("content/quizzes")).unwrap() {
        let path = entry.unwrap().path();
        let id = path.file_stem().unwrap().to_string_lossy().to_string();
        let quiz: Value = serde_saphyr::from_str(&read(&path)).unwrap();
        let questions = quiz["questions"].as_array().unwrap();
        let exported = by_quiz.get(&id).unwrap_or_else(|| panic!("quiz {id} is exported"));
        assert_eq!(exported.len(), questions.len(), "{id}: every question");
        for (i, (yaml, q)) in questions.iter().zip(exported).enumerate() {
            let what = format!("{id} question {}", i + 1);
            let category = format!(
                "{}/{}",
                text_of(&course["title"]).replace('/', "//"),
                text_of(&quiz["title"]).replace('/', "//")
            );
            assert_eq!(q.category, normal(&category), "{what}: its quiz's category");
            if let Some(qid) = yaml.get("id") {
                assert_eq!(q.name, format!("{id}/{}", text_of(qid)), "{what}: name");
            }
            assert_eq!(q.format.as_deref(), Some("html"), "{what}: HTML text");
            assert_eq!(plain(&q.text), source(root, &text_of(&yaml["prompt"])), "{what}: prompt");
            let explanation = yaml.get("explanation").map(|e| source(root, &text_of(e)));
            assert_eq!(q.general.as_deref().map(plain), explanation, "{what}: explanation as general feedback");
            compare_answers(root, &what, yaml, &q.kind);
            compared += 1;
        }
    }
    compared
}

fn compare_answers(root: &Path, what: &str, yaml: &Value, kind: &Kind) {
    let list = |key: &str| yaml[key].as_array().cloned().unwrap_or_default();
    match (yaml["type"].as_str().unwrap(), kind) {
        (t @ ("single" | "multiple"), Kind::Choice(answers)) => {
            let choices = list("choices");
            assert_eq!(answers.len(), choices.len(), "{what}: every choice");
            let right = choices.iter().filter(|c| c["correct"] == Value::Bool(true)).count() as f64;
            let mut total = 0.0;
            for (c, a) in choices.iter().zip(answers) {
                let correct = c["correct"] == Value::Bool(true);
                assert_eq!(plain(&a.text), source(root, &text_of(&c["text"])), "{what}: choice text");
                assert!(a.format.is_none() || a.format.as_deref() == Some("html"), "{what}: choice format");
                let feedback = c.get("feedback").map(|f| source(root, &text_of(f)));
                assert_eq!(a.feedback.as_deref().map(plain), feedback, "{what}: choice feedback");
                if t == "single" {
                    assert_eq!(a.mark, if correct { '=' } else { '~' }, "{what}: = marks the right choice");
                    assert!(a.weight.is_none_or(|w| w == 0.0), "{what}: no partial credit in a single");
                } else {
                    let w = a.weight.expect("every choice of a multiple has a weight");
                    assert!(a.mark == '~' && moodle_grade(w), "{what}: ~%{w}% is a Moodle grade");
                    assert!(if correct { (w - 100.0 / right).abs() < 1e-4 } else { w == -100.0 }, "{what}: weight {w}");
                    total += w.max(0.0);
                }
            }
            assert!(t == "single" || (total - 100.0).abs() < 1e-3, "{what}: the right choices make 100%");
        }
        ("true_false", Kind::TrueFalse(b)) => assert_eq!(Some(*b), yaml["answer"].as_bool(), "{what}: answer"),
        ("short", Kind::Short(answers)) => {
            let expected: Vec<String> = list("answers").iter().map(text_of).filter(|a| !a.contains("->")).collect();
            let got: Vec<String> = answers.iter().map(|a| a.text.clone()).collect();
            assert_eq!(got, expected, "{what}: accepted answers");
            assert!(answers.iter().all(|a| a.mark == '=' && a.weight == Some(100.0)), "{what}: each at 100%");
        }
        ("numeric", Kind::Numeric(a, t)) => {
            assert_eq!(Some(*a), yaml["answer"].as_f64(), "{what}: answer");
            assert_eq!(*t, yaml.get("tolerance").and_then(Value::as_f64).unwrap_or(0.0), "{what}: tolerance");
        }
        ("order", Kind::Match(pairs)) => {
            let items: Vec<String> = list("items").iter().map(|i| source(root, &text_of(i))).collect();
            let expected: Vec<(String, String)> =
                items.into_iter().enumerate().map(|(i, item)| (format!("Position {}", i + 1), item)).collect();
            let got: Vec<(String, String)> = pairs.iter().map(|(l, r)| (l.clone(), normal(r))).collect();
            assert_eq!(got, expected, "{what}: positions to items");
        }
        ("match", Kind::Match(pairs)) => {
            let expected: Vec<(String, String)> =
                list("pairs").iter().map(|p| (source(root, &text_of(&p[0])), source(root, &text_of(&p[1])))).collect();
            let got: Vec<(String, String)> = pairs.iter().map(|(l, r)| (plain(l), normal(r))).collect();
            assert_eq!(got, expected, "{what}: pairs");
        }
        (t, k) => panic!("{what}: a {t} question was exported as {k:?}"),
    }
}

/* The tests --------------------------------------------------------------------------- */

fn gift_course() -> std::path::PathBuf {
    repo().join("tests/gift/course")
}

#[test]
fn the_example_course_exports_to_a_file_that_reads_back_as_its_quizzes() {
    let course = example_course();
    let out = course.path().join("quizzes.gift");
    let run = syllabus(&[
        "export",
        "quizzes",
        "--format",
        "gift",
        "--root",
        &course.path().display().to_string(),
        "--output",
        &out.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert!(run.stdout.starts_with("Exported 12 questions from 2 quizzes to "), "{}", run.stdout);
    let gift = read_gift(&read(&out));
    assert_eq!(compare(course.path(), &gift), 12);
}

#[test]
fn hostile_text_and_formulas_read_back_exactly() {
    let dir = tempfile::tempdir().unwrap();
    common::hostile_quiz_course(dir.path(), false);
    let run = syllabus(&["export", "quizzes", "--format", "gift", "--root", &dir.path().display().to_string()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let gift = read_gift(&run.stdout);
    assert_eq!(compare(dir.path(), &gift), 8, "every question of the hostile course and of the special quiz");
    let texts: Vec<&str> = gift
        .iter()
        .filter_map(|q| if let Kind::Short(a) = &q.kind { Some(a) } else { None })
        .flatten()
        .map(|a| a.text.as_str())
        .collect();
    assert!(texts.contains(&common::SPECIAL.trim()), "an accepted answer, exactly: {texts:?}");
}

#[test]
fn control_characters_are_escaped_and_what_gift_cannot_hold_is_reported() {
    let root = gift_course();
    let run = syllabus(&["export", "quizzes", "--format", "gift", "--root", &root.display().to_string()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "content/quizzes/control-characters.yaml:35:5: warning: question 4: the accepted answer 'a->b' holds '->', which GIFT cannot write in a short answer; it is left out\n\
         content/quizzes/control-characters.yaml:55:5: warning: question 8: Moodle needs at least 3 pairs in a matching question; this one is exported with 2 pairs\n"
    );
    let gift = read_gift(&run.stdout);
    assert_eq!(compare(&root, &gift), 8);
    // Site links work from Moodle: the base URL's host is put in front.
    assert!(gift[0].text.contains(r#"href="https://example.org/course/concepts/braces/""#), "{}", gift[0].text);
    // A choice that starts like a weight or a format keeps its text.
    let Kind::Choice(choices) = &gift[0].kind else { panic!() };
    assert_eq!((choices[1].weight, choices[1].text.as_str()), (Some(0.0), "%50% of {x}"));
    assert_eq!((choices[2].format.as_deref(), choices[2].text.as_str()), (Some("html"), "[moodle] a ~ b"));
    // Every other match exported has the three pairs Moodle needs.
    let small: Vec<&str> =
        gift.iter().filter(|q| matches!(&q.kind, Kind::Match(p) if p.len() < 3)).map(|q| q.name.as_str()).collect();
    assert_eq!(small, ["control-characters/two-pairs"]);
}

#[test]
fn the_reader_refuses_what_gift_does_not_allow() {
    let bad = [
        r"::a::Q{=x \y}",
        "::a::Q{=x}{=y}",
        "::a::Q{=x} after",
        "::a::Q{~%x%y ~z}",
        "::a::Q: why?{T}",
        "::a::Q{=a#b#c ~d}",
    ];
    for bad in bad {
        let result = std::panic::catch_unwind(|| read_gift(bad));
        assert!(result.is_err(), "the reader accepted {bad}");
    }
    let q = &read_gift("// c\n::n::[html]A \\{b\\}?{\n\t=%50%x\\=1#ok\n\t~y\n\t####why\n}\n")[0];
    assert_eq!((q.text.as_str(), q.general.as_deref()), ("A {b}?", Some("why")));
}

#[test]
fn a_course_with_an_error_exports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.gift");
    let root = repo().join("tests/fixtures/quiz-errors/course");
    let args = [
        "export",
        "quizzes",
        "--format",
        "gift",
        "--root",
        &root.display().to_string(),
        "--output",
        &out.display().to_string(),
    ];
    let run = syllabus(&args);
    assert_eq!(run.code, 1);
    assert!(run.stderr.ends_with("syllabus: 21 errors; nothing was exported\n"), "{}", run.stderr);
    assert!(!out.exists());
    let run = syllabus(&["export", "quizzes", "--format", "qti"]);
    assert_eq!(run.code, 2, "an unknown format is a malformed command line");
}

#[test]
fn a_generated_course_exports_every_question_type() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("c");
    let status = std::process::Command::new("python3")
        .arg(repo().join("benches/gen_course.py"))
        .arg(&root)
        .args(["--lessons", "20", "--concepts", "5", "--articles", "2", "--quizzes", "5"])
        .status()
        .expect("python3 runs");
    assert!(status.success());
    let run = syllabus(&["export", "quizzes", "--format", "gift", "--root", &root.display().to_string()]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let gift = read_gift(&run.stdout);
    assert_eq!(compare(&root, &gift), 35);
}

#[test]
fn math_is_exported_as_tex_for_moodle() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content/quizzes")).unwrap();
    std::fs::write(root.join("course.yaml"), "title: Math\n").unwrap();
    std::fs::write(
        root.join("content/quizzes/roots.yaml"),
        "title: Roots\nquestions:\n  - type: single\n    prompt: 'Solve $x^{2} = \\frac{1}{4}$ for $x > 0$.'\n\
         \x20   explanation: 'Since $\\sqrt{1/4} = 1/2$.'\n    choices:\n\
         \x20     - text: '$x = \\frac{1}{2}$'\n        correct: true\n        feedback: 'Yes: $(1/2)^2 = 1/4$.'\n\
         \x20     - text: '$x = 2$'\n",
    )
    .unwrap();
    let run = syllabus(&["export", "quizzes", "--format", "gift", "--root", &root.display().to_string()]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert!(!run.stdout.contains("<math"), "no MathML in GIFT: {}", run.stdout);
    let gift = read_gift(&run.stdout);
    // Prompts, explanations and feedback are block Markdown: HTML paragraphs.
    assert_eq!(gift[0].text, "<p>Solve $$x^{2} = \\frac{1}{4}$$ for $$x &gt; 0$$.</p>");
    assert_eq!(gift[0].general.as_deref(), Some("<p>Since $$\\sqrt{1/4} = 1/2$$.</p>"));
    let Kind::Choice(choices) = &gift[0].kind else { panic!("{:?}", gift[0].kind) };
    assert_eq!(choices[0].text, "$$x = \\frac{1}{2}$$");
    assert_eq!(choices[0].feedback.as_deref(), Some("<p>Yes: $$(1/2)^2 = 1/4$$.</p>"));
}

#[test]
fn partial_credit_is_exported_as_moodle_scores_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content/quizzes")).unwrap();
    std::fs::write(root.join("course.yaml"), "title: Partial\n").unwrap();
    let question = |partial: &str| {
        format!(
            "  - type: multiple\n    prompt: Which are even?\n{partial}    choices:\n      - text: two\n        correct: true\n\
             \x20     - text: four\n        correct: true\n      - text: five\n"
        )
    };
    let quiz = format!("title: Evens\nquestions:\n{}{}", question("    partial: true\n"), question(""));
    std::fs::write(root.join("content/quizzes/evens.yaml"), quiz).unwrap();
    let run = syllabus(&["export", "quizzes", "--format", "gift", "--root", &root.display().to_string()]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let gift = read_gift(&run.stdout);
    let weights = |q: &Question| match &q.kind {
        Kind::Choice(choices) => choices.iter().map(|c| c.weight.unwrap()).collect::<Vec<f64>>(),
        other => panic!("{other:?}"),
    };
    // partial: a wrong choice takes one right choice's share away, floored at 0 by Moodle.
    assert_eq!(weights(&gift[0]), [50.0, 50.0, -50.0]);
    // Without it, the nearest Moodle has: a wrong choice cancels everything.
    assert_eq!(weights(&gift[1]), [50.0, 50.0, -100.0]);
}
