//! The review page as the build writes it: the study sheet in teaching order with every
//! reviewed concept (escaped, its definition without links), `review: false` leaving a
//! concept or a question out, the concepts each lesson adds to the learner's cards, the
//! navigation's due count, and the scripts each page loads. What the page does in the
//! browser is `tests/browser/review.mjs`.

mod common;

use common::{example_course, read, syllabus, write};

/// The example course with one concept out of review, one term with markup characters, a
/// concept no lesson introduces, and one question out of review; built.
fn built() -> tempfile::TempDir {
    let course = example_course();
    let root = course.path();
    let edit = |path: &str, from: &str, to: &str| {
        let file = root.join(path);
        let text = read(&file);
        assert!(text.contains(from), "{path} holds {from:?}");
        std::fs::write(&file, text.replacen(from, to, 1)).unwrap();
    };
    edit("content/concepts/containment.md", "\n---\n", "\nreview: false\n---\n");
    edit("content/concepts/state-media.md", "term: ", "term: <State> & ");
    write(
        root,
        "content/concepts/soft-power.md",
        "---\nterm: Soft power\ndefinition: Getting what one wants through attraction, as opposed to coercion.\n---\n\nNo lesson lists it.\n",
    );
    edit("content/lessons/03-nationalism/03-reading-the-news.md", "\n---\n", "\n---\n\nSoft power is also at play.\n");
    edit(
        "content/quizzes/nationalism-check.yaml",
        "    id: name-bottom-up\n",
        "    id: name-bottom-up\n    review: false\n",
    );
    let out = root.join("public").display().to_string();
    let run = syllabus(&["build", "--root", &root.display().to_string(), "--output", &out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    course
}

/// The concept ids of the study sheet, in order.
fn sheet(page: &str) -> Vec<String> {
    page.split("<dt data-review-concept=\"").skip(1).map(|s| s[..s.find('"').unwrap()].to_string()).collect()
}

#[test]
fn the_study_sheet_lists_reviewed_concepts_in_teaching_order() {
    let course = built();
    let page = read(course.path().join("public/review/index.html"));
    let ids = sheet(&page);
    let taught = [
        "geopolitical-code",
        "geopolitical-justification",
        "sphere-of-influence",
        "strategic-diversification",
        "military-aid",
        "top-down-nationalism",
        "bottom-up-nationalism",
        "state-media",
        "soft-power",
    ];
    assert_eq!(ids, taught, "lessons' order, containment (review: false) left out, soft power last");
    assert!(page.contains(
        r#"<dt data-review-concept="geopolitical-code" data-lesson="geopolitical-codes">Geopolitical code</dt><dd>"#
    ));
    assert!(
        page.contains(r#"<dt data-review-concept="soft-power">Soft power</dt><dd>Getting what one wants"#),
        "no lesson"
    );
    assert!(page.contains("&lt;State&gt; &amp; "), "the term is escaped");
    let list = &page[page.find("<dl class=\"study-list\">").unwrap()..page.find("</dl>").unwrap()];
    assert!(!list.contains("<a "), "definitions without links: {list}");
    assert!(page.contains(r#"<details class="study-sheet" open data-study-sheet>"#), "open without JavaScript");
    assert!(page.contains("<noscript><p class=\"review-noscript\">Scheduling reviews needs JavaScript."));
    for hook in ["data-review-card", r#"data-action="reveal""#, r#"data-grade="1""#, r#"data-grade="4""#] {
        assert!(page.contains(hook), "the review page carries {hook}");
    }
}

#[test]
fn lessons_and_unintroduced_concepts_add_their_cards_when_opened() {
    let course = built();
    let out = course.path().join("public");
    let lesson = read(out.join("lessons/spheres-of-influence/index.html"));
    assert!(lesson.contains(r#"data-review-concepts="sphere-of-influence">"#), "containment is out of review");
    let lesson = read(out.join("lessons/top-down-nationalism/index.html"));
    assert!(lesson.contains(r#"data-review-concepts="top-down-nationalism bottom-up-nationalism""#));
    let reading = read(out.join("lessons/reading-the-news/index.html"));
    assert!(!reading.contains("data-review-concepts"), "a lesson introducing nothing adds no card");
    let fsrs = reading.find("/assets/fsrs.js").expect("lessons load the scheduler");
    assert!(fsrs < reading.find("/assets/progress.js").expect("and the progress script, after it"));

    let soft = read(out.join("concepts/soft-power/index.html"));
    assert!(soft.contains(r#"data-review-concepts="soft-power""#) && soft.contains("/assets/progress.js"));
    let code = read(out.join("concepts/geopolitical-code/index.html"));
    assert!(!code.contains("data-review-concepts") && !code.contains("/assets/progress.js"), "its lesson adds it");
}

#[test]
fn a_question_out_of_review_says_so_in_its_answer_key() {
    let course = built();
    let quiz = read(course.path().join("public/quizzes/nationalism-check/index.html"));
    let start = quiz.find("data-quiz-key>").unwrap() + "data-quiz-key>".len();
    let key: serde_json::Value =
        serde_json::from_str(&quiz[start..start + quiz[start..].find("</script>").unwrap()]).unwrap();
    let out: Vec<&str> = key["questions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["no_review"] == true)
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert_eq!(out, ["name-bottom-up"]);
    for script in ["/assets/fsrs.js", "/assets/progress.js", "/assets/quiz.js"] {
        assert!(quiz.contains(script), "a quiz page loads {script}");
    }
}

#[test]
fn the_navigation_links_the_review_page_with_its_due_count() {
    let course = built();
    let out = course.path().join("public");
    let home = read(out.join("index.html"));
    assert!(home.contains(r#"<a href="/review/">Review <span class="due-badge" data-review-due hidden></span></a>"#));
    assert!(home.contains(r#"data-review-due-line hidden><a href="/review/">Review</a>"#));
    let review = read(out.join("review/index.html"));
    for script in ["/assets/fsrs.js", "/assets/progress.js", "/assets/quiz.js", "/assets/review.js"] {
        assert!(review.contains(script), "the review page loads {script}");
        assert!(out.join(&script[1..]).is_file(), "{script} is written");
    }
}
