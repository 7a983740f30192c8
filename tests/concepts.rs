//! Concepts through the real binary: autolinking (where it links and where it never
//! does), aliases, plurals, Unicode, `autolink` modes, backlinks, the glossary and map,
//! and a generated course with 1,000 concepts.

mod common;

use std::path::Path;

use common::{read, repo, syllabus};

/// Writes a course from (path, text) pairs and builds it; returns the course folder.
fn course(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let root = dir.path().display().to_string();
    let run = syllabus(&["build", "--root", &root]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

fn page(dir: &Path, path: &str) -> String {
    read(dir.join("public").join(path).join("index.html"))
}

fn prose(html: &str) -> &str {
    let start = html.find("<div class=\"prose\" data-content>").expect("a prose block");
    // Up to the `</div>` that closes it: the body holds divs of its own (code blocks).
    let mut depth = 0;
    let mut at = start;
    loop {
        let (open, close) = (html[at..].find("<div"), html[at..].find("</div>").expect("closed"));
        match open {
            Some(o) if o < close => {
                depth += 1;
                at += o + 4;
            }
            _ => {
                depth -= 1;
                at += close;
                if depth == 0 {
                    return &html[start..at];
                }
                at += 6;
            }
        }
    }
}

const CONCEPTS: &[(&str, &str)] = &[
    ("content/concepts/nationalism.md", "---\nterm: Nationalism\ndefinition: Attachment to a nation.\n---\n"),
    (
        "content/concepts/top-down-nationalism.md",
        "---\nterm: Top-down nationalism\naliases: [nationalism from above]\ndefinition: Identity built by the state.\n---\n\nTop-down nationalism is defined here.\n",
    ),
    ("content/concepts/policy.md", "---\nterm: Policy\ndefinition: A course of action.\n---\n"),
    (
        "content/concepts/sponge-city.md",
        "---\nterm: 海绵城市\naliases: [sponge city]\ndefinition: A city that soaks up rain.\n---\n",
    ),
    ("content/concepts/flood.md", "---\nterm: Flood\ndefinition: Too much water.\n---\n"),
];

fn with_concepts(extra: &[(&'static str, &'static str)]) -> tempfile::TempDir {
    let intro = (
        "content/lessons/01-a/01-intro.md",
        "---\ntitle: Intro\nconcepts: [nationalism, top-down-nationalism, policy, sponge-city, flood]\n---\n\nIntro.\n",
    );
    let mut files: Vec<(&str, &str)> = CONCEPTS.to_vec();
    files.push(("course.yaml", "title: T\n"));
    files.push(intro);
    files.extend_from_slice(extra);
    course(&files)
}

#[test]
fn autolinks_never_touch_headings_code_links_or_image_text() {
    let dir = with_concepts(&[
        ("static/x.png", "png"),
        (
            "content/lessons/01-a/02-text.md",
            "---\ntitle: Text\nautolink: all\n---\n\n## Policy and floods\n\n\
         `policy` in code, and\n\n```\npolicy in a block\n```\n\n[a policy link](https://example.org) \
         ![a flood picture](/x.png) then policy and a flood.\n",
        ),
    ]);
    let html = page(dir.path(), "lessons/text");
    let body = prose(&html);
    assert!(body.contains("<h2 id=\"policy-and-floods\">Policy and floods</h2>"), "{body}");
    assert!(body.contains("<code class=\"nowrap\">policy</code>") && body.contains("policy in a block"), "{body}");
    assert!(body.contains(">a policy link</a>") && body.contains("alt=\"a flood picture\""), "{body}");
    assert!(
        body.contains(r#"then <a href="/concepts/policy/" class="concept-link" data-concept="policy">policy</a>"#),
        "{body}"
    );
    assert!(
        body.contains(r#"a <a href="/concepts/flood/" class="concept-link" data-concept="flood">flood</a>."#),
        "{body}"
    );
    assert_eq!(body.matches("data-concept=").count(), 2, "{body}");
}

#[test]
fn the_longest_term_wins_and_aliases_and_plurals_link() {
    let dir = with_concepts(&[(
        "content/lessons/01-a/02-text.md",
        "---\ntitle: Text\nautolink: all\n---\n\nTop-down nationalism differs from nationalism. \
         Nationalism from above, policies, Floods and ultranationalism.\n",
    )]);
    let body = page(dir.path(), "lessons/text");
    let body = prose(&body);
    for (concept, text) in [
        ("top-down-nationalism", "Top-down nationalism"),
        ("nationalism", "nationalism"),
        ("top-down-nationalism", "Nationalism from above"),
        ("policy", "policies"),
        ("flood", "Floods"),
    ] {
        let link = format!("class=\"concept-link\" data-concept=\"{concept}\">{text}</a>");
        assert!(body.contains(&link), "missing {link} in {body}");
    }
    assert!(body.contains(" and ultranationalism."), "part of a longer word is not a term: {body}");
}

#[test]
fn unicode_terms_link_next_to_english_ones() {
    let dir = with_concepts(&[(
        "content/lessons/01-a/02-text.md",
        "---\ntitle: Text\n---\n\n建设海绵城市flood control; a Sponge City.\n",
    )]);
    let body = page(dir.path(), "lessons/text");
    let body = prose(&body);
    assert!(body.contains(r#"建设<a href="/concepts/sponge-city/" class="concept-link" data-concept="sponge-city">海绵城市</a><a href="/concepts/flood/" class="concept-link" data-concept="flood">flood</a> control"#), "{body}");
    assert!(!body.contains(">Sponge City</a>"), "autolink first links a concept once per page: {body}");
}

#[test]
fn autolink_modes_first_all_and_off() {
    let text = "Policy here, policy there, policy everywhere.\n";
    let first = format!("---\ntitle: First\n---\n\n{text}");
    let all = format!("---\ntitle: All\nautolink: all\n---\n\n{text}");
    let off = format!("---\ntitle: Off\nautolink: off\n---\n\n{text}");
    let files: Vec<(&str, &str)> = vec![
        ("content/lessons/01-a/02-first.md", &first),
        ("content/lessons/01-a/03-all.md", &all),
        ("content/lessons/01-a/04-off.md", &off),
    ];
    let files: Vec<(&'static str, &'static str)> =
        files.into_iter().map(|(a, b)| (a, &*Box::leak(b.to_string().into_boxed_str()))).collect();
    let dir = with_concepts(&files);
    let count = |p: &str| prose(&page(dir.path(), p)).matches("data-concept=\"policy\"").count();
    assert_eq!((count("lessons/first"), count("lessons/all"), count("lessons/off")), (1, 3, 0));
    let dir = course(&[
        ("course.yaml", "title: T\nautolink: off\n"),
        ("content/concepts/policy.md", "---\nterm: Policy\ndefinition: A course of action.\n---\n"),
        ("content/lessons/01-a/01-x.md", "---\ntitle: X\nconcepts: [policy]\n---\n\nPolicy and [[concept:policy]].\n"),
    ]);
    let body = page(dir.path(), "lessons/x");
    assert_eq!(
        prose(&body).matches("data-concept=\"policy\"").count(),
        1,
        "a written link keeps its hook with autolink off"
    );
}

#[test]
fn concept_pages_list_their_uses_and_pages_list_their_backlinks() {
    let dir = with_concepts(&[
        (
            "content/lessons/01-a/02-uses.md",
            "---\ntitle: Uses\nreadings: [report]\n---\n\nA flood, and [[lesson:intro]].\n",
        ),
        ("content/lessons/02-b/01-later.md", "---\ntitle: Later\n---\n\nMore floods.\n"),
        ("content/articles/report.md", "---\ntitle: Report\n---\n\nThe flood of 2021, see [[lesson:intro]].\n"),
        (
            "content/quizzes/check.yaml",
            "title: Check\nquestions:\n  - type: true_false\n    prompt: Water?\n    answer: true\n    concepts: [flood]\n",
        ),
    ]);
    let flood = page(dir.path(), "concepts/flood");
    let used = &flood[flood.find("id=\"used-in\"").expect("a used-in section")..];
    let order: Vec<usize> =
        [">A<", "/lessons/uses/", "/lessons/later/", "Readings", "/articles/report/", "Quizzes", "/quizzes/check/"]
            .iter()
            .map(|s| used.find(s).unwrap_or_else(|| panic!("{s} missing from {used}")))
            .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "grouped by module, in course order: {order:?}");
    assert!(flood.contains("Introduced in <a href=\"/lessons/intro/\">Intro</a>"), "{flood}");
    let intro = page(dir.path(), "lessons/intro");
    let linked = &intro[intro.find("id=\"linked-from\"").expect("a linked-from section")..];
    assert!(linked.contains("/lessons/uses/") && linked.contains("/articles/report/"), "{linked}");
    let own = page(dir.path(), "concepts/top-down-nationalism");
    assert!(!prose(&own).contains("data-concept"), "a concept page never links itself: {own}");
}

#[test]
fn glossary_has_letters_aliases_and_introducing_lessons() {
    let dir = with_concepts(&[]);
    let g = page(dir.path(), "glossary");
    for part in [
        "href=\"#letter-f\"",
        "id=\"letter-t\"",
        "(nationalism from above)",
        "Introduced in <a href=\"/lessons/intro/\">Intro</a>",
        "id=\"letter-海\"",
    ] {
        assert!(g.contains(part), "glossary lacks {part}");
    }
    let f = g.find("id=\"letter-f\"").unwrap();
    let n = g.find("id=\"letter-n\"").unwrap();
    let t = g.find("id=\"letter-t\"").unwrap();
    assert!(f < n && n < t, "A to Z");
    let map = page(dir.path(), "concepts");
    assert_eq!(map.matches("class=\"map-node\"").count(), CONCEPTS.len(), "one map node per concept");
}

/// The benchmark generator's course (benches/gen_course.py, the project's own copy) with
/// 1,000 concepts builds without a warning, and
/// its lessons carry autolinks.
#[test]
fn a_generated_course_with_a_thousand_concepts() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("c");
    let generator = repo().join("benches/gen_course.py");
    let status = std::process::Command::new("python3")
        .arg(&generator)
        .arg(&root)
        .args(["--lessons", "1000", "--concepts", "1000", "--articles", "50", "--quizzes", "50"])
        .status()
        .expect("python3 runs");
    assert!(status.success());
    let run = syllabus(&["build", "--root", &root.display().to_string()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let problems: Vec<&str> = run.stderr.lines().filter(|l| l.contains("warning:") || l.contains("error:")).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let lesson = read(root.join("public/lessons/lesson-00500/index.html"));
    assert!(lesson.contains("class=\"concept-link\""), "generated lessons get autolinks");
    assert_eq!(read(root.join("public/concepts/index.html")).matches("class=\"map-node\"").count(), 1000);
}

#[test]
fn each_definition_is_shown_once_per_page_and_previews_find_it() {
    let dir = with_concepts(&[
        (
            "content/lessons/01-a/02-next.md",
            "---\ntitle: Next\nconcepts: [policy]\n---\n\nA policy of flood control and nationalism.\n",
        ),
        ("content/lessons/01-a/03-own.md", "---\ntitle: Own\nconcepts: [flood]\n---\n\nAnother flood.\n"),
    ]);
    let next = page(dir.path(), "lessons/next");
    let defined = |html: &str, id: &str| html.matches(&format!("data-definition-of=\"{id}\"")).count();
    // Key concepts carry their definitions; the rest of the text's concepts are listed below.
    assert_eq!(defined(&next, "policy"), 1, "{next}");
    assert_eq!(defined(&next, "flood"), 1);
    assert_eq!(defined(&next, "nationalism"), 1);
    let below = &next[next.find("id=\"concept-definitions\"").expect("a definitions section")..];
    assert!(below.contains("data-definition-of=\"flood\"") && !below.contains("data-definition-of=\"policy\""));
    // A page whose text links only to its own key concepts has no second list.
    let own = page(dir.path(), "lessons/own");
    assert!(prose(&own).contains("data-concept=\"flood\""), "{own}");
    assert!(!own.contains("id=\"concept-definitions\""), "{own}");
    assert_eq!(defined(&own, "flood"), 1);
}

#[test]
fn passages_keep_their_spaces_and_paragraph_links_say_which_paragraph() {
    let dir = with_concepts(&[
        ("content/articles/report.md", "---\ntitle: Dry summer\n---\n\nOne.\n\nTwo.\n\nThree.\n"),
        (
            "content/lessons/01-a/02-text.md",
            "---\ntitle: Text\n---\n\n[[example:policy|a policy that\nwas written]] and [[article:report#p3]] and [[article:report#p2|the second]].\n",
        ),
    ]);
    let lesson = page(dir.path(), "lessons/text");
    assert!(lesson.contains(r#"<a href="/articles/report/#p3">Dry summer, paragraph 3</a>"#), "{}", prose(&lesson));
    assert!(lesson.contains(r#"<a href="/articles/report/#p2">the second</a>"#), "{}", prose(&lesson));
    let concept = page(dir.path(), "concepts/policy");
    assert!(concept.contains("a policy that was written"), "the quoted passage keeps its space: {concept}");
}

#[test]
fn many_key_concepts_are_terms_with_their_definitions_at_the_end_and_few_are_shown_whole() {
    let dir = with_concepts(&[
        ("content/concepts/drought.md", "---\nterm: Drought\ndefinition: Too little water for too long.\n---\n"),
        ("content/lessons/01-a/02-dry.md", "---\ntitle: Dry\nconcepts: [drought]\n---\n\nText.\n"),
    ]);
    let many = page(dir.path(), "lessons/intro");
    let box_html = &many[many.find("id=\"key-concepts\"").unwrap()..many.find("data-content").unwrap()];
    assert!(box_html.contains("<ul class=\"concept-terms\">"), "{box_html}");
    assert!(!box_html.contains("Attachment to a nation."), "no definition in the box: {box_html}");
    let list = &many[many.find("id=\"concept-definitions\"").expect("the definitions at the end")..];
    for definition in
        ["Attachment to a nation.", "Identity built by the state.", "A course of action.", "Too much water."]
    {
        assert!(list.contains(definition), "{definition} is listed at the end: {list}");
    }
    let few = page(dir.path(), "lessons/dry");
    let box_html = &few[few.find("id=\"key-concepts\"").unwrap()..few.find("data-content").unwrap()];
    assert!(box_html.contains("Too little water for too long.") && !box_html.contains("concept-terms"), "{box_html}");
}
