//! `syllabus export quizzes --format qti12|qti21`: the packages read back by readers that
//! share no code with the writers (qti2latex's parser of Canvas QTI, from PyPI, through
//! `tests/readers/canvas_qti.py`; for QTI 2.1, `tests/readers/qti21.mjs`), compared with the
//! answer keys of the quiz pages the same course builds: the same quizzes, questions,
//! types, points, texts and right answers. Hostile text survives exactly; a course with an
//! error exports nothing; an output inside the course's sources is refused.

mod common;

use std::path::Path;
use std::process::Command;

use common::{SPECIAL, example_course, read, repo, syllabus, write};
use serde_json::Value;

/// The example course with the quiz of every question type; built into `public/`.
fn course() -> tempfile::TempDir {
    let course = example_course();
    let quiz = repo().join("tests/browser/all-types.yaml");
    std::fs::copy(quiz, course.path().join("content/quizzes/all-types.yaml")).unwrap();
    build(course.path());
    course
}

fn build(root: &Path) {
    let out = root.join("public").display().to_string();
    let run = syllabus(&["build", "--root", &root.display().to_string(), "--output", &out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

fn export(root: &Path, format: &str) -> (std::path::PathBuf, common::Run) {
    let zip = root.parent().unwrap().join(format!("{}-{format}.zip", root.file_name().unwrap().to_string_lossy()));
    let run = syllabus(&[
        "export",
        "quizzes",
        "--format",
        format,
        "--root",
        &root.display().to_string(),
        "--output",
        &zip.display().to_string(),
    ]);
    (zip, run)
}

/// A quiz page's answer key and each question's prompt as the page shows it.
fn page(root: &Path, quiz: &str) -> (Value, Vec<String>) {
    let html = read(root.join(format!("public/quizzes/{quiz}/index.html")));
    let start = html.find("data-quiz-key>").unwrap() + "data-quiz-key>".len();
    let key: Value = serde_json::from_str(&html[start..start + html[start..].find("</script>").unwrap()]).unwrap();
    let prompts = key["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            let open = format!("id=\"{}--prompt\">", q["id"].as_str().unwrap());
            let at = html.find(&open).unwrap() + open.len();
            html[at..at + html[at..].find("</div>\n").unwrap()].to_string()
        })
        .collect();
    (key, prompts)
}

fn canvas(zip: &Path) -> Value {
    let reader = repo().join("tests/readers/canvas_qti.py");
    let out = Command::new("python3").arg(reader).arg(zip).output().expect("python3 runs");
    assert!(out.status.success(), "qti2latex reads the package: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn quiz_ids(root: &Path) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(root.join("content/quizzes"))
        .unwrap()
        .flatten()
        .map(|e| e.path().file_stem().unwrap().to_string_lossy().to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn canvas_qti_reads_back_as_the_course_wrote_it() {
    let course = course();
    let root = course.path();
    let (zip, run) = export(root, "qti12");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.trim(), format!("Exported 19 questions from 3 quizzes to {}", zip.display()));
    let got = canvas(&zip);
    let ids = quiz_ids(root);
    let files: Vec<String> = ids.iter().map(|id| format!("{id}/{id}.xml")).collect();
    let mut manifest: Vec<String> =
        got["manifest"].as_array().unwrap().iter().map(|f| f.as_str().unwrap().to_string()).collect();
    manifest.sort();
    assert_eq!(manifest, files, "one assessment per quiz, each listed in the manifest");
    for id in &ids {
        let (key, prompts) = page(root, id);
        let quiz = &got["quizzes"][format!("{id}/{id}.xml")];
        assert_eq!(quiz["ident"], id.as_str());
        assert_eq!(quiz["title"], key["title"]);
        let items = quiz["items"].as_array().unwrap();
        let questions = key["questions"].as_array().unwrap();
        assert_eq!(items.len(), questions.len(), "{id}: every question");
        for ((item, q), prompt) in items.iter().zip(questions).zip(&prompts) {
            let what = format!("{id}/{}", q["id"].as_str().unwrap());
            assert_eq!(item["ident"], format!("{id}--{}", q["id"].as_str().unwrap()).as_str(), "{what}");
            assert_eq!(item["points"], q["points"], "{what}: points");
            assert_eq!(item["stem"].as_str().unwrap(), prompt.trim(), "{what}: the prompt's HTML");
            check_answers(&what, item, q);
        }
    }
}

/// The type Canvas reads and the right answers, against the page's answer key.
fn check_answers(what: &str, item: &Value, q: &Value) {
    let strings =
        |v: &Value| -> Vec<String> { v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect() };
    let correct = strings(&item["correct"]);
    let kind = item["type"].as_str().unwrap();
    match q["type"].as_str().unwrap() {
        t @ ("single" | "multiple") => {
            assert_eq!(
                kind,
                if t == "single" { "multiple_choice_question" } else { "multiple_answers_question" },
                "{what}"
            );
            let want: Vec<String> =
                q["correct"].as_array().unwrap().iter().map(|i| format!("c{}", i.as_u64().unwrap() + 1)).collect();
            assert_eq!(correct, want, "{what}: the right choices");
            let feedback = q["feedback"].as_array().unwrap();
            for (i, f) in feedback.iter().enumerate() {
                let fb = &item["feedback"][format!("c{}_fb", i + 1)];
                match f.as_str().unwrap() {
                    "" => assert!(fb.is_null(), "{what}: no feedback for choice {i}"),
                    text => assert_eq!(fb.as_str().unwrap(), text, "{what}: choice {i}'s feedback"),
                }
            }
        }
        "true_false" => {
            assert_eq!(kind, "true_false_question", "{what}");
            assert_eq!(correct, [q["answer"].as_bool().unwrap().to_string()], "{what}");
        }
        "short" => {
            assert_eq!(kind, "short_answer_question", "{what}");
            let mut want: Vec<String> = strings(&q["answers"]).iter().map(|a| a.trim().to_string()).collect();
            want.sort();
            assert_eq!(correct, want, "{what}: every accepted answer");
        }
        "numeric" => {
            assert_eq!(kind, "numerical_question", "{what}");
            let exact: f64 = correct[0].parse().unwrap();
            assert_eq!(exact, q["answer"].as_f64().unwrap(), "{what}: the exact answer");
        }
        "order" => {
            assert_eq!(kind, "matching_question", "{what}: order as places matched to items");
            let n = q["items"].as_array().unwrap().len();
            assert_eq!(correct, (1..=n).map(|i| format!("r{i}")).collect::<Vec<_>>(), "{what}");
        }
        "match" => {
            assert_eq!(kind, "matching_question", "{what}");
            let n = q["pairs"].as_u64().unwrap() as usize;
            assert_eq!(correct, (1..=n).map(|i| format!("r{i}")).collect::<Vec<_>>(), "{what}");
        }
        other => panic!("{what}: unknown type {other}"),
    }
}

fn hostile() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::hostile_quiz_course(dir.path(), true);
    build(dir.path());
    dir
}

#[test]
fn hostile_text_survives_canvas_qti_exactly() {
    let dir = hostile();
    let root = dir.path();
    let (zip, run) = export(root, "qti12");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let got = canvas(&zip);
    for id in quiz_ids(root) {
        let (key, prompts) = page(root, &id);
        let quiz = &got["quizzes"][format!("{id}/{id}.xml")];
        assert_eq!(quiz["title"], key["title"], "the title, as written");
        for ((item, q), prompt) in
            quiz["items"].as_array().unwrap().iter().zip(key["questions"].as_array().unwrap()).zip(&prompts)
        {
            assert_eq!(item["stem"].as_str().unwrap(), prompt.trim());
            check_answers(&id, item, q);
        }
    }
    let special = &got["quizzes"]["special/special.xml"];
    assert_eq!(special["title"], SPECIAL);
    let short = &special["items"][1];
    assert_eq!(short["correct"][0], SPECIAL.trim(), "an accepted answer, exactly");
    let numeric = &special["items"][2];
    assert_eq!(numeric["correct"][0], "-0.5");
}

fn qti21(zip: &Path) -> Value {
    let reader = repo().join("tests/readers/qti21.py");
    let converter = repo().join("tests/browser/node_modules/@citolab/qti-convert/dist/qti-convert-pkg.mjs");
    assert!(converter.exists(), "the QTI 2.1 test needs @citolab/qti-convert: (cd tests/browser && npm ci)");
    let out = Command::new("python3").arg(reader).arg(zip).arg(converter).output().expect("python3 runs");
    assert!(out.status.success(), "the package converts and reads: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// HTML as the text a reader sees: tags out, entities decoded, spaces collapsed.
fn text_of(html: &str) -> String {
    common::html_text(html).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text without any white space: the QTI 3 converter lays MathML out on lines of its own,
/// which a reader sees as spaces between a formula's parts.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect()
}

/// The texts of a question's choices (or order items, or match sides) on its quiz page.
fn choice_texts(root: &Path, quiz: &str, question: &str) -> Vec<String> {
    let html = read(root.join(format!("public/quizzes/{quiz}/index.html")));
    let start = html.find(&format!("data-question-id=\"{question}\"")).unwrap();
    let field = &html[start..start + html[start..].find("</fieldset>").unwrap()];
    let field = &field[..field.find("<details class=\"answer\"").unwrap_or(field.len())];
    let mut texts = Vec::new();
    for open in ["data-choice> <span>", "<span class=\"item-text\">"] {
        for (at, _) in field.match_indices(open) {
            let rest = &field[at + open.len()..];
            texts
                .push(text_of(&rest[..rest.find("</span></label>").or_else(|| rest.find("</span> <select")).unwrap()]));
        }
    }
    texts
}

#[test]
fn qti21_converts_and_reads_back_as_the_course_wrote_it() {
    for course in [course(), hostile()] {
        let root = course.path();
        let (zip, run) = export(root, "qti21");
        assert_eq!(run.code, 0, "{}", run.stderr);
        let got = qti21(&zip);
        for id in quiz_ids(root) {
            let (key, prompts) = page(root, &id);
            let test = &got["tests"][format!("test-{id}")];
            assert_eq!(test["title"], key["title"], "{id}: the test's title");
            let questions = key["questions"].as_array().unwrap();
            let refs: Vec<String> =
                questions.iter().map(|q| format!("item-{id}--{}", q["id"].as_str().unwrap())).collect();
            assert_eq!(test["items"], serde_json::json!(refs), "{id}: every question, in order");
            for (q, prompt) in questions.iter().zip(&prompts) {
                let qid = q["id"].as_str().unwrap();
                let what = format!("{id}/{qid}");
                let item = &got["items"][format!("item-{id}--{qid}")];
                assert_eq!(item["maxscore"], q["points"], "{what}: points");
                assert_eq!(
                    squeeze(item["prompt"].as_str().unwrap()),
                    squeeze(&text_of(prompt)),
                    "{what}: the prompt's text"
                );
                check_qti21(&what, item, q, &choice_texts(root, &id, qid));
            }
        }
    }
}

fn check_qti21(what: &str, item: &Value, q: &Value, texts: &[String]) {
    let interaction = item["interaction"].as_str().unwrap();
    let choices = item["choices"].as_object().unwrap();
    let correct: Vec<&str> = item["correct"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    let ids = |prefix: &str, n: usize| (1..=n).map(|i| format!("{prefix}{i}")).collect::<Vec<_>>();
    match q["type"].as_str().unwrap() {
        t @ ("single" | "multiple") => {
            assert_eq!(interaction, "qti-choice-interaction", "{what}");
            assert_eq!(item["max_choices"], if t == "single" { "1" } else { "0" }, "{what}");
            let got: Vec<String> =
                (1..=texts.len()).map(|i| squeeze(choices[&format!("c{i}")].as_str().unwrap())).collect();
            let want: Vec<String> = texts.iter().map(|t| squeeze(t)).collect();
            assert_eq!(got, want, "{what}: the choices' texts");
            let want: Vec<String> =
                q["correct"].as_array().unwrap().iter().map(|i| format!("c{}", i.as_u64().unwrap() + 1)).collect();
            assert_eq!(correct, want, "{what}: the right choices");
            for (i, f) in q["feedback"].as_array().unwrap().iter().enumerate() {
                let fb = &item["feedback"][format!("c{}", i + 1)];
                match f.as_str().unwrap() {
                    "" => assert!(fb.is_null(), "{what}: no feedback for choice {i}"),
                    html => assert_eq!(
                        squeeze(fb.as_str().unwrap()),
                        squeeze(&text_of(html)),
                        "{what}: choice {i}'s feedback"
                    ),
                }
            }
        }
        "true_false" => {
            assert_eq!(interaction, "qti-choice-interaction", "{what}");
            assert_eq!(correct, [q["answer"].as_bool().unwrap().to_string()], "{what}");
        }
        "short" => {
            assert_eq!(interaction, "qti-text-entry-interaction", "{what}");
            for a in q["answers"].as_array().unwrap() {
                let a = a.as_str().unwrap().trim();
                assert_eq!(item["mapping"][a], q["points"], "{what}: '{a}' earns the points");
            }
        }
        "numeric" => {
            assert_eq!(interaction, "qti-text-entry-interaction", "{what}");
            assert_eq!(item["exact"], q["answer"], "{what}");
            let t = q["tolerance"].as_f64().unwrap();
            let tolerance: f64 = item["tolerance"].as_str().unwrap().parse().unwrap();
            assert_eq!(tolerance, t, "{what}: the tolerance, either side");
        }
        "order" => {
            assert_eq!(interaction, "qti-order-interaction", "{what}");
            let n = q["items"].as_array().unwrap().len();
            assert_eq!(correct, ids("o", n), "{what}");
            let mut got: Vec<&str> = (1..=n).map(|i| choices[&format!("o{i}")].as_str().unwrap()).collect();
            let mut want: Vec<&str> = texts.iter().map(String::as_str).collect();
            got.sort_unstable();
            want.sort_unstable();
            assert_eq!(got, want, "{what}: the items' texts");
        }
        "match" => {
            assert_eq!(interaction, "qti-match-interaction", "{what}");
            let n = q["pairs"].as_u64().unwrap() as usize;
            let pairs: Vec<String> = (1..=n).map(|i| format!("l{i} r{i}")).collect();
            assert_eq!(correct, pairs, "{what}");
            let lefts: Vec<&str> = (1..=n).map(|i| choices[&format!("l{i}")].as_str().unwrap()).collect();
            assert_eq!(lefts, texts, "{what}: the left sides' texts");
        }
        other => panic!("{what}: unknown type {other}"),
    }
}

/// A quiz of partial-credit questions, for the scores of QTI 2.1's response processing.
const PARTIAL: &str = "title: Partial credit\nquestions:\n  - type: multiple\n    id: some-right\n    partial: true\n    points: 3\n    prompt: Which are even?\n    choices:\n      - text: '2'\n        correct: true\n      - text: '4'\n        correct: true\n      - text: '6'\n        correct: true\n      - text: '7'\n  - type: order\n    id: places\n    partial: true\n    points: 4\n    prompt: Order them.\n    items: [a, b, c, d]\n  - type: match\n    id: halves\n    partial: true\n    points: 2\n    prompt: Match them.\n    pairs:\n      - [a, A]\n      - [b, B]\n      - [c, C]\n      - [d, D]\n";

/// What a response earns by FORMAT's scoring rules, worked out here from the answer key.
fn expected(q: &Value, response: &Value) -> f64 {
    let points = q["points"].as_f64().unwrap();
    let partial = q["partial"].as_bool().unwrap_or(false);
    let share = |right: usize, of: usize| {
        if right == of {
            1.0
        } else if partial {
            right as f64 / of as f64
        } else {
            0.0
        }
    };
    points
        * match q["type"].as_str().unwrap() {
            "single" => {
                f64::from(response == &serde_json::json!(format!("c{}", q["correct"][0].as_u64().unwrap() + 1)))
            }
            "true_false" => f64::from(response == &serde_json::json!(q["answer"].as_bool().unwrap().to_string())),
            "short" => {
                f64::from(q["answers"].as_array().unwrap().iter().any(|a| a.as_str().unwrap().trim() == response))
            }
            "multiple" => {
                let right: Vec<String> =
                    q["correct"].as_array().unwrap().iter().map(|i| format!("c{}", i.as_u64().unwrap() + 1)).collect();
                let chosen: Vec<&str> = response.as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
                let hits = chosen.iter().filter(|c| right.iter().any(|r| r == *c)).count();
                if hits == right.len() && chosen.len() == hits {
                    1.0
                } else if partial {
                    ((hits as f64 - (chosen.len() - hits) as f64) / right.len() as f64).max(0.0)
                } else {
                    0.0
                }
            }
            "order" => {
                let items: Vec<&str> = q["items"].as_array().unwrap().iter().map(|i| i.as_str().unwrap()).collect();
                let placed = response.as_array().unwrap().iter().enumerate().filter(|(at, id)| {
                    let i: usize = id.as_str().unwrap()[1..].parse::<usize>().unwrap() - 1;
                    items[i] == items[*at]
                });
                share(placed.count(), items.len())
            }
            "match" => {
                let n = q["pairs"].as_u64().unwrap() as usize;
                let right = response
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|p| p[0].as_str().unwrap()[1..] == p[1].as_str().unwrap()[1..]);
                share(right.count(), n)
            }
            _ => unreachable!(),
        }
}

/// Responses to try on a question: right, wrong, and for partial credit something between.
fn responses(q: &Value) -> Vec<Value> {
    let ids = |prefix: &str, n: usize| (1..=n).map(|i| format!("{prefix}{i}")).collect::<Vec<_>>();
    match q["type"].as_str().unwrap() {
        "single" | "multiple" => {
            let n = q["feedback"].as_array().unwrap().len();
            let right: Vec<String> =
                q["correct"].as_array().unwrap().iter().map(|i| format!("c{}", i.as_u64().unwrap() + 1)).collect();
            let wrong: Vec<String> = ids("c", n).into_iter().filter(|c| !right.contains(c)).collect();
            if q["type"] == "single" {
                vec![serde_json::json!(right[0]), serde_json::json!(wrong[0])]
            } else {
                let mut one_wrong = right[..1].to_vec();
                one_wrong.extend(wrong.first().cloned());
                vec![
                    serde_json::json!(right),
                    serde_json::json!(right[..1]),
                    serde_json::json!(one_wrong),
                    serde_json::json!(wrong),
                ]
            }
        }
        "true_false" => vec![serde_json::json!("true"), serde_json::json!("false")],
        "short" => {
            vec![serde_json::json!(q["answers"][0].as_str().unwrap().trim()), serde_json::json!("not an answer")]
        }
        "order" => {
            let n = q["items"].as_array().unwrap().len();
            let right = ids("o", n);
            let mut swapped = right.clone();
            swapped.swap(0, 1);
            let mut rotated = right.clone();
            rotated.rotate_left(1);
            vec![serde_json::json!(right), serde_json::json!(swapped), serde_json::json!(rotated)]
        }
        "match" => {
            let n = q["pairs"].as_u64().unwrap() as usize;
            let pairs = |f: &dyn Fn(usize) -> usize| {
                (1..=n).map(|i| vec![format!("l{i}"), format!("r{}", f(i))]).collect::<Vec<_>>()
            };
            vec![
                serde_json::json!(pairs(&|i| i)),
                serde_json::json!(pairs(&|i| if i <= 2 { 3 - i } else { i })),
                serde_json::json!(pairs(&|i| i % n + 1)),
            ]
        }
        _ => Vec::new(),
    }
}

#[test]
fn qti21_scores_as_the_site_does_in_pyslet() {
    let course = course();
    let root = course.path();
    write(root, "content/quizzes/partial.yaml", PARTIAL);
    build(root);
    let (zip, run) = export(root, "qti21");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut cases = Vec::new();
    let mut want = Vec::new();
    for id in quiz_ids(root) {
        let (key, _) = page(root, &id);
        for q in key["questions"].as_array().unwrap() {
            // pyslet 0.7 reads no tolerance (numeric) and ignores a mapping's caseSensitive.
            for response in responses(q) {
                let item = format!("items/{id}/{}.xml", q["id"].as_str().unwrap());
                let label = format!("{id}/{} {response}", q["id"].as_str().unwrap());
                want.push((label, expected(q, &response), q["points"].as_f64().unwrap()));
                cases.push(serde_json::json!({ "item": item, "response": response }));
            }
        }
    }
    let reader = repo().join("tests/readers/qti21_score.py");
    let mut child = Command::new("python3")
        .arg(reader)
        .arg(&zip)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), serde_json::to_string(&cases).unwrap().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "pyslet scores the items: {}", String::from_utf8_lossy(&out.stderr));
    let scores: Vec<f64> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(scores.len(), want.len());
    let wrong: Vec<String> = (want.iter().zip(&scores))
        .filter(|((_, w, _), got)| (*w - **got).abs() > 1e-6)
        .map(|((what, w, _), got)| format!("{what}: expected {w}, pyslet scores {got}"))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let between = want.iter().filter(|(_, w, points)| *w > 0.0 && w < points).count();
    assert!(want.len() > 40 && between >= 3, "partial scores were tried ({between})");
}

#[test]
fn what_a_format_cannot_hold_is_a_warning_naming_the_question() {
    let course = example_course();
    let root = course.path();
    write(
        root,
        "content/quizzes/limits.yaml",
        "title: Limits\nquestions:\n  - type: match\n    id: styled\n    prompt: Match them.\n    pairs:\n      - ['*Code*', Orientation]\n      - [Aid, Help]\n  - type: true_false\n    id: boxes\n    prompt: |\n      Is this list done?\n\n      - [x] read\n      - [ ] write\n    answer: false\n",
    );
    let (_, run) = export(root, "qti12");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "content/quizzes/limits.yaml:3:5: warning: question 1 (styled): Canvas QTI 1.2: Canvas shows the sides of a matching question as plain text; their formatting is left out\n"
    );
    let (_, run) = export(root, "qti21");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "content/quizzes/limits.yaml:9:5: warning: question 2 (boxes): QTI 2.1: QTI 2.1 has no <input> in a question's text; left out\n"
    );
}

#[test]
fn an_error_in_the_course_exports_nothing_and_sources_are_not_written() {
    let course = example_course();
    let root = course.path();
    write(
        root,
        "content/quizzes/broken.yaml",
        "title: Broken\nquestions:\n  - type: single\n    prompt: Which?\n    choices:\n      - text: a\n",
    );
    for format in ["qti12", "qti21"] {
        let (zip, run) = export(root, format);
        assert_eq!(run.code, 1, "{format}");
        assert!(run.stderr.contains("content/quizzes/broken.yaml"), "{}", run.stderr);
        assert!(run.stderr.ends_with("nothing was exported\n"), "{}", run.stderr);
        assert!(!zip.exists(), "{format}: no file");
    }
    let inside = root.join("content/quizzes.zip");
    let run = syllabus(&[
        "export",
        "quizzes",
        "--format",
        "qti12",
        "--root",
        &root.display().to_string(),
        "--output",
        &inside.display().to_string(),
    ]);
    assert_eq!(run.code, 1);
    let shown = inside.canonicalize().unwrap_or_else(|_| root.canonicalize().unwrap().join("content/quizzes.zip"));
    assert_eq!(
        run.stderr,
        format!("syllabus: refusing to write '{}': it is inside the course's content/ folder\n", shown.display())
    );
    assert!(!inside.exists());
}
