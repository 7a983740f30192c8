//! End-to-end behaviour of `syllabus build`, `check` and `init` through the real binary:
//! the example course, links under a sub-path base URL, incremental writes, output safety.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{example_course, read, repo, snapshot, syllabus};

fn build(root: &Path, extra: &[&str]) -> common::Run {
    let root = root.display().to_string();
    let mut args = vec!["build", "--root", &root];
    args.extend_from_slice(extra);
    syllabus(&args)
}

/// The course's `templates/` folder, emptied: the course then has the built-in theme but
/// for what a test writes there (the example course's own templates are this repository's).
fn own_templates(course: &Path) -> std::path::PathBuf {
    let templates = course.join("templates");
    std::fs::remove_dir_all(&templates).unwrap();
    std::fs::create_dir_all(&templates).unwrap();
    templates
}

/// Diagnostic lines that are errors or warnings (notes are fine).
fn problems(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.contains(": error: ") || l.contains(": warning: ")).collect()
}

#[test]
fn example_course_builds_every_page_kind_without_warnings() {
    let course = example_course();
    let run = build(course.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(problems(&run.stderr).is_empty(), "{}", run.stderr);
    let out = course.path().join("public");
    for page in [
        "index.html",
        "404.html",
        "robots.txt",
        "about/index.html",
        "articles/index.html",
        "articles/north-korea-arms-russia/index.html",
        "concepts/index.html",
        "concepts/geopolitical-code/index.html",
        "concepts/top-down-nationalism/index.html",
        "glossary/index.html",
        "quizzes/index.html",
        "modules/foundations/index.html",
        "lessons/geopolitical-codes/index.html",
        "assets/syllabus.css",
        "assets/syllabus.js",
        ".syllabus-output",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
    assert!(!out.join("sitemap.xml").exists(), "no sitemap without a host in base_url");
    assert!(run.stderr.contains("note: sitemap.xml is not written"), "{}", run.stderr);
    let home = read(out.join("index.html"));
    for module in ["Module 1", "Module 2", "Module 3"] {
        assert!(home.contains(module), "home outline lacks {module}");
    }
    let lesson = read(out.join("lessons/geopolitical-codes/index.html"));
    for part in ["Objectives", "Key concepts", "35 min", "rel=\"next\"", "aria-label=\"Breadcrumb\"", "Readings"] {
        assert!(lesson.contains(part), "lesson page lacks {part}");
    }
    assert!(lesson.contains("data-concept=\"geopolitical-code\""), "concept links carry data-concept");
    let article = read(out.join("articles/north-korea-arms-russia/index.html"));
    assert!(article.contains("Morgan Aikele") && article.contains("2022-09-14"), "article citation");
    assert!(article.contains("Assigned in"), "article lists the lessons that assign it");
    let quiz_dir = std::fs::read_dir(out.join("quizzes")).unwrap().filter_map(|e| e.ok()).find(|e| e.path().is_dir());
    let quiz = read(quiz_dir.expect("a quiz page").path().join("index.html"));
    assert!(quiz.contains("<details class=\"answer\">") && quiz.contains("data-quiz-id="), "static quiz page");
    let count = |s: &str, pat: &str| s.matches(pat).count();
    for (name, page) in [("home", &home), ("lesson", &lesson), ("article", &article), ("quiz", &quiz)] {
        assert_eq!(count(page, "<h1"), 1, "{name} has one h1");
    }
}

/// Every `href` and `src` in the site that points into it resolves to a written file, and
/// every `#anchor` to an id on that page.
fn check_links(out: &Path, base_path: &str) -> Vec<String> {
    let files = snapshot(out);
    let mut broken = Vec::new();
    let ids_of = |html: &str| -> BTreeSet<String> { attr_values(html, "id").into_iter().collect() };
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for link in attr_values(&html, "href").into_iter().chain(attr_values(&html, "src")) {
            if link.starts_with("http") || link.starts_with("mailto:") || link.starts_with("data:") {
                continue;
            }
            let (target, anchor) = link.split_once('#').unwrap_or((&link, ""));
            let target = target.split('?').next().unwrap_or("");
            let file = if target.is_empty() {
                path.clone()
            } else if let Some(rest) = target.strip_prefix(base_path) {
                if rest.is_empty() || rest.ends_with('/') { format!("{rest}index.html") } else { rest.to_string() }
            } else {
                broken.push(format!("{path}: {link} is not under {base_path}"));
                continue;
            };
            match files.get(&file) {
                None => broken.push(format!("{path}: {link} (no file {file})")),
                Some(target) if !anchor.is_empty() && !ids_of(&String::from_utf8_lossy(target)).contains(anchor) => {
                    broken.push(format!("{path}: {link} (no id {anchor} in {file})"))
                }
                _ => {}
            }
        }
    }
    broken
}

fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let pat = format!(" {attr}=\"");
    html.match_indices(&pat)
        .filter_map(|(i, _)| {
            let rest = &html[i + pat.len()..];
            rest.find('"').map(|end| rest[..end].replace("&amp;", "&"))
        })
        .collect()
}

#[test]
fn every_internal_link_resolves() {
    let course = example_course();
    let run = build(course.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let broken = check_links(&course.path().join("public"), "/");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn a_sub_path_base_url_prefixes_every_link_and_fills_the_sitemap() {
    let course = example_course();
    let run = build(course.path(), &["--base-url", "https://example.org/course/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = course.path().join("public");
    let broken = check_links(&out, "/course/");
    assert!(broken.is_empty(), "links not under /course/:\n{}", broken.join("\n"));
    let sitemap = read(out.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://example.org/course/lessons/geopolitical-codes/</loc>"), "{sitemap}");
    assert!(sitemap.contains("<loc>https://example.org/course/</loc>"));
    assert!(!sitemap.contains("<loc>/"), "sitemap URLs are absolute");
    assert!(read(out.join("robots.txt")).contains("Sitemap: https://example.org/course/sitemap.xml"));
    let page = read(out.join("index.html"));
    assert!(page.contains("href=\"/course/assets/syllabus.css?v="), "stylesheet under the sub-path");
}

#[test]
fn drafts_stay_out_of_the_site_and_the_sitemap_unless_asked_for() {
    let course = example_course();
    let draft = course.path().join("content/lessons/01-foundations/09-draft-lesson.md");
    std::fs::write(&draft, "---\ntitle: Not ready\ndraft: true\n---\n\nSoon.\n").unwrap();
    let run = build(course.path(), &["--base-url", "https://example.org/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = course.path().join("public");
    assert!(!out.join("lessons/draft-lesson").exists());
    assert!(!read(out.join("sitemap.xml")).contains("draft-lesson"));
    let run = build(course.path(), &["--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.join("lessons/draft-lesson/index.html").exists());
}

#[test]
fn a_rebuild_with_nothing_changed_writes_nothing_and_removes_what_is_gone() {
    let course = example_course();
    let out = course.path().join("public");
    let extra = course.path().join("content/extra.md");
    std::fs::write(&extra, "---\ntitle: Extra\n---\n\nFor a while.\n").unwrap();
    common::age(course.path());
    assert_eq!(build(course.path(), &[]).code, 0);
    let first = snapshot(&out);
    let stamp = std::fs::metadata(out.join("index.html")).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let run = build(course.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(": 0 written,"), "{}", run.stdout);
    assert_eq!(snapshot(&out), first);
    assert_eq!(std::fs::metadata(out.join("index.html")).unwrap().modified().unwrap(), stamp);
    std::fs::remove_file(&extra).unwrap();
    let run = build(course.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!out.join("extra").exists(), "a removed page disappears with its folder");
    assert!(run.stdout.contains("1 removed"), "{}", run.stdout);
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let course = example_course();
    let out = course.path().join("public");
    assert_eq!(build(course.path(), &[]).code, 0);
    let before = snapshot(&out);
    let lesson = course.path().join("content/lessons/01-foundations/01-geopolitical-codes.md");
    let text = read(&lesson).replacen("title:", "titel:", 1) + "\n[[lesson:nowhere]]\n";
    std::fs::write(&lesson, text).unwrap();
    std::fs::write(course.path().join("content/about.md"), "---\ntitle: [broken\n---\n").unwrap();
    let run = build(course.path(), &[]);
    assert_eq!(run.code, 1);
    let errors: Vec<&str> = run.stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 3, "every error of the build is printed:\n{}", run.stderr);
    assert!(run.stderr.ends_with("nothing was written\n"), "{}", run.stderr);
    assert_eq!(snapshot(&out), before);
}

#[test]
fn bom_and_crlf_change_nothing_in_the_output() {
    let fixtures = repo().join("tests/fixtures");
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for (dir, case) in [(&a, "valid-minimal"), (&b, "bom-crlf")] {
        let out = dir.path().join("out").display().to_string();
        let root = fixtures.join(case).join("course").display().to_string();
        let run = syllabus(&["build", "--root", &root, "--output", &out]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let site = |dir: &tempfile::TempDir| {
        let mut files = snapshot(&dir.path().join("out"));
        files.remove(".syllabus-output").expect("a marker with the build's manifest");
        files
    };
    assert_eq!(site(&a), site(&b));
}

#[test]
fn check_validates_without_writing() {
    let course = example_course();
    let root = course.path().display().to_string();
    let run = syllabus(&["check", "--root", &root]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("Checked "), "{}", run.stdout);
    assert!(!course.path().join("public").exists());
    std::fs::write(course.path().join("content/about.md"), "---\ntitle: About\n---\n[[nowhere]]\n").unwrap();
    let run = syllabus(&["check", "--root", &root]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("content/about.md:4:1: error: broken link [[nowhere]]"), "{}", run.stderr);
}

#[test]
fn init_writes_a_course_that_builds_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("my-course");
    let path = new.display().to_string();
    let run = syllabus(&["init", &path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for part in [
        "course.yaml",
        "content/_index.md",
        "content/about.md",
        "content/articles",
        "content/concepts",
        "content/quizzes",
    ] {
        assert!(new.join(part).exists(), "init wrote no {part}");
    }
    assert!(!new.join("templates").exists(), "the starter uses the built-in templates");
    let run = build(&new, &["--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(problems(&run.stderr).is_empty(), "{}", run.stderr);
    let quiz = read(new.join("public/quizzes/first-check/index.html"));
    for kind in ["single", "multiple", "true_false", "short", "numeric", "order", "match"] {
        assert!(quiz.contains(&format!("data-type=\"{kind}\"")), "the sample quiz shows a {kind} question");
    }
    let run = syllabus(&["init", &path]);
    assert_eq!(run.code, 1, "init refuses a folder that is not empty");
}

#[test]
fn a_malformed_command_line_exits_2() {
    assert_eq!(syllabus(&["build", "--bogus"]).code, 2);
    assert_eq!(syllabus(&["build", "--base-url", "ftp://example.org/"]).code, 2);
    assert_eq!(syllabus(&[]).code, 2);
    assert_eq!(syllabus(&["frobnicate"]).code, 2);
}

#[test]
fn the_output_folder_must_be_ours() {
    let course = example_course();
    let root = course.path().display().to_string();
    let before = snapshot(course.path());
    for out in [root.clone(), format!("{root}/content"), "/".to_string(), format!("{root}/..")] {
        let run = syllabus(&["build", "--root", &root, "--output", &out]);
        assert_eq!(run.code, 1, "--output {out} must be refused");
        assert!(run.stderr.contains("refusing to write the site into"), "{}", run.stderr);
    }
    let foreign = course.path().join("notes");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("mine.txt"), "keep me").unwrap();
    let run = syllabus(&["build", "--root", &root, "--output", &foreign.display().to_string()]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("not made by syllabus"), "{}", run.stderr);
    assert_eq!(read(foreign.join("mine.txt")), "keep me");
    std::fs::remove_dir_all(&foreign).unwrap();
    assert_eq!(snapshot(course.path()), before, "nothing in the course changed");
}

#[test]
fn static_files_are_copied_as_is_and_may_not_shadow_pages() {
    let course = example_course();
    let file = course.path().join("static/img/map.svg");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, b"<svg xmlns='http://www.w3.org/2000/svg'/>\r\n").unwrap();
    std::fs::write(course.path().join("content/about.md"), "---\ntitle: About\n---\n![Map](/img/map.svg)\n").unwrap();
    let run = build(course.path(), &["--base-url", "/sub/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = course.path().join("public");
    assert_eq!(std::fs::read(out.join("img/map.svg")).unwrap(), std::fs::read(&file).unwrap());
    assert!(read(out.join("about/index.html")).contains("src=\"/sub/img/map.svg\""));
    std::fs::create_dir_all(course.path().join("static/glossary")).unwrap();
    std::fs::write(course.path().join("static/glossary/index.html"), "mine").unwrap();
    let run = build(course.path(), &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("static/glossary/index.html: error: static/glossary/index.html has the same path as a page"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_course_template_replaces_the_built_in_one() {
    let course = example_course();
    let templates = own_templates(course.path());
    std::fs::write(templates.join("page.html"), "<p>custom {{ page.title }}</p>{{ page.content | safe }}").unwrap();
    let run = build(course.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let about = read(course.path().join("public/about/index.html"));
    assert!(about.starts_with("<p>custom About"), "{about}");
    std::fs::write(templates.join("lesson.html"), "{% if %}").unwrap();
    let run = build(course.path(), &[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.starts_with("templates/lesson.html: error: template error"), "{}", run.stderr);
}

#[test]
fn the_definition_entry_partial_is_the_theme_s_and_its_errors_are_reported() {
    let course = example_course();
    let templates = own_templates(course.path());
    std::fs::create_dir_all(templates.join("partials")).unwrap();
    let partial = templates.join("partials/concept-definition.html");
    std::fs::write(
        &partial,
        "<div data-definition-of=\"{{ c.id }}\"><dt>{{ c.term | upper }}</dt><dd>{{ c.definition | safe }}</dd></div>",
    )
    .unwrap();
    let run = build(course.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lesson = read(course.path().join("public/lessons/top-down-nationalism/index.html"));
    let section = &lesson[lesson.find("id=\"concept-definitions\"").expect("a list of definitions")..];
    assert!(
        section.contains("<div data-definition-of=\"geopolitical-justification\"><dt>GEOPOLITICAL JUSTIFICATION</dt>"),
        "{section}"
    );
    std::fs::write(&partial, "{{ c.term | no_such_filter }}").unwrap();
    let run = build(course.path(), &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("templates/partials/concept-definition.html: error: template error"),
        "{}",
        run.stderr
    );
    // Every page that lists a definition fails the same way: the error is shown once.
    assert_eq!(run.stderr.matches("template error").count(), 1, "{}", run.stderr);
}

#[test]
fn raw_html_is_kept_only_while_allowed() {
    let course = example_course();
    let about = course.path().join("content/about.md");
    std::fs::write(&about, "---\ntitle: About\n---\n\n<b class=\"x\">bold</b> text\n").unwrap();
    assert_eq!(build(course.path(), &[]).code, 0);
    let page = |c: &tempfile::TempDir| read(c.path().join("public/about/index.html"));
    assert!(page(&course).contains("<b class=\"x\">bold</b>"));
    let config = course.path().join("course.yaml");
    std::fs::write(&config, read(&config).replace("raw_html: true", "raw_html: false")).unwrap();
    assert_eq!(build(course.path(), &[]).code, 0);
    assert!(page(&course).contains("&lt;b class=\"x\"&gt;bold&lt;/b&gt;"), "{}", page(&course));
}

#[test]
fn every_link_form_resolves_to_its_page() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |path: &str, text: &str| {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write("course.yaml", "title: Links\nbase_url: https://example.org/c/\nautolink: off\n");
    write(
        "content/lessons/01-one/01-first.md",
        "---\ntitle: First\nconcepts: [flood]\n---\n\n## Part A\n\n\
         [[second]] [[lesson:second|the second]] [[lesson:second#part-b]] [[concept:flood]] \
         [[flood-page]] [[article:report#p2]] [[quiz:check]] [[module:one]] [[page:about|About us]] \
         [rel](02-second.md#part-b) [up](../01-one/02-second.md) [site](/about/) [here](#part-a) \
         [outside](https://example.com/x) ![img](/img/a.png) [find](/search/) [words](/glossary/) \
         [list](/articles/readings.bib)\n",
    );
    write("content/lessons/01-one/02-second.md", "---\ntitle: Second\n---\n\n## Part B\n\nText.\n");
    write("content/concepts/flood.md", "---\nterm: Flood\ndefinition: Too much water.\n---\n");
    write("content/flood-page.md", "---\ntitle: Flood page\n---\n");
    write("content/about.md", "---\ntitle: About\n---\n");
    write("content/articles/report.md", "---\ntitle: Report\n---\n\nOne.\n\nTwo.\n");
    write(
        "content/quizzes/check.yaml",
        "title: Check\nquestions:\n  - type: true_false\n    prompt: Yes?\n    answer: true\n",
    );
    write("static/img/a.png", "png");
    let run = build(root, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = read(root.join("public/lessons/first/index.html"));
    for expected in [
        r#"<a href="/c/lessons/second/">Second</a>"#,
        r#"<a href="/c/lessons/second/">the second</a>"#,
        r#"<a href="/c/lessons/second/#part-b">Second</a>"#,
        r#"<a href="/c/concepts/flood/" class="concept-link" data-concept="flood">Flood</a>"#,
        r#"<a href="/c/flood-page/">Flood page</a>"#,
        r#"<a href="/c/articles/report/#p2">Report, paragraph 2</a>"#,
        r#"<a href="/c/quizzes/check/">Check</a>"#,
        r#"<a href="/c/modules/one/">One</a>"#,
        r#"<a href="/c/about/">About us</a>"#,
        r#"<a href="/c/lessons/second/#part-b">rel</a>"#,
        r#"<a href="/c/lessons/second/">up</a>"#,
        r#"<a href="/c/about/">site</a>"#,
        r##"<a href="#part-a">here</a>"##,
        r#"<a href="https://example.com/x">outside</a>"#,
        r#"<img src="/c/img/a.png" alt="img" decoding="async">"#,
        r#"<h2 id="part-a">Part A</h2>"#,
        // Every page syllabus makes itself is a site path a link may name.
        r#"<a href="/c/search/">find</a>"#,
        r#"<a href="/c/glossary/">words</a>"#,
        r#"<a href="/c/articles/readings.bib">list</a>"#,
    ] {
        assert!(html.contains(expected), "missing {expected} in\n{html}");
    }
    let article = read(root.join("public/articles/report/index.html"));
    assert!(
        article.contains(r#"<p id="p1">One. <a class="para-link""#) && article.contains(r#"<p id="p2">Two. <a"#),
        "{article}"
    );
}

#[test]
fn tables_task_lists_and_footnotes_are_accessible() {
    let course = example_course();
    let about = course.path().join("content/about.md");
    let body = "---\ntitle: About\n---\n\nA claim[^src] and another[^2], again[^src].\n\n\
                | a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n[^src]: The source.\n[^2]: Second.\n";
    std::fs::write(&about, body).unwrap();
    let run = build(course.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = read(course.path().join("public/about/index.html"));
    for expected in [
        r#"<div class="table-wrap" tabindex="0" role="region" aria-label="Table 1">"#,
        r#"<input type="checkbox" disabled checked aria-label="Done">"#,
        r#"<input type="checkbox" disabled aria-label="Not done">"#,
        r##"<sup class="footnote-ref" id="fnref-src"><a href="#fn-src" aria-label="Note 1">1</a></sup>"##,
        r##"<sup class="footnote-ref" id="fnref-2"><a href="#fn-2" aria-label="Note 2">2</a></sup>"##,
        r##"<sup class="footnote-ref" id="fnref-src-2"><a href="#fn-src" aria-label="Note 1">1</a></sup>"##,
        r#"<div class="footnote-definition" id="fn-src"><span class="footnote-label">1.</span>"#,
        r##"<a href="#fnref-src" class="footnote-back" aria-label="Back to the text">↩</a></div>"##,
    ] {
        assert!(html.contains(expected), "missing {expected} in\n{html}");
    }
}

#[test]
fn an_unchanged_rebuild_is_skipped_but_any_change_is_seen() {
    let course = example_course();
    let out = course.path().join("public");
    let lesson = course.path().join("content/lessons/01-foundations/01-geopolitical-codes.md");
    std::fs::write(course.path().join("content/extra.md"), "---\ntitle: Extra\n---\n\nMentions [[nowhere-near]].\n")
        .unwrap();
    assert_eq!(build(course.path(), &[]).code, 1, "a broken course is never cached");
    std::fs::write(course.path().join("content/extra.md"), "---\ntitle: Extra\n---\n\n# A level-1 heading\n").unwrap();
    common::age(course.path());
    let first = build(course.path(), &[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(first.stderr.contains("warning: a level-1 heading"), "{}", first.stderr);
    let skipped = timed_build(course.path());
    assert!(skipped.stderr.contains("  cache "), "nothing changed: the build is skipped\n{}", skipped.stderr);
    assert!(skipped.stderr.starts_with(&first.stderr), "a skipped build repeats the warnings");
    assert!(skipped.stdout.contains(": 0 written,"), "{}", skipped.stdout);
    // A hand-edited or deleted output file is repaired.
    std::fs::remove_file(out.join("about/index.html")).unwrap();
    std::fs::write(out.join("glossary/index.html"), "tampered").unwrap();
    let run = build(course.path(), &[]);
    assert!(run.stdout.contains(": 2 written,"), "{}", run.stdout);
    assert!(read(out.join("glossary/index.html")).contains("<h1>Glossary</h1>"));
    // An edit, and a change of options, are seen.
    std::thread::sleep(std::time::Duration::from_millis(10));
    std::fs::write(&lesson, read(&lesson).replace("title: Geopolitical codes", "title: Geopolitical codes, again"))
        .unwrap();
    let run = build(course.path(), &[]);
    assert!(!run.stdout.contains(": 0 written,"), "{}", run.stdout);
    assert!(read(out.join("lessons/geopolitical-codes/index.html")).contains("<h1>Geopolitical codes, again</h1>"));
    let run = build(course.path(), &["--base-url", "/sub/"]);
    assert!(read(out.join("index.html")).contains("href=\"/sub/assets/syllabus.css"), "{}", run.stdout);
}

/// A build with `SYLLABUS_TIMINGS=1`, whose stages show whether it was skipped (`cache`).
fn timed_build(root: &Path) -> common::Run {
    let out = std::process::Command::new(common::bin())
        .args(["build", "--root", &root.display().to_string()])
        .env("SYLLABUS_TIMINGS", "1")
        .output()
        .unwrap();
    common::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Git's "racy clean" case: an edit that keeps the file's size and falls in the same tick
/// of the file system's clock as the last build keeps its stamp, and must not be skipped.
#[test]
fn a_same_size_edit_in_the_same_second_as_the_last_build_is_seen() {
    let course = example_course();
    let lesson = course.path().join("content/lessons/01-foundations/01-geopolitical-codes.md");
    assert_eq!(build(course.path(), &[]).code, 0);
    let stamp = std::fs::metadata(&lesson).unwrap().modified().unwrap();
    std::fs::write(&lesson, read(&lesson).replace("title: Geopolitical codes", "title: Geopolitical CODES")).unwrap();
    // As a file system that keeps times in whole seconds would: the same stamp.
    std::fs::File::options().write(true).open(&lesson).unwrap().set_modified(stamp).unwrap();
    let run = timed_build(course.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("  cache "), "the racy edit was skipped:\n{}", run.stderr);
    let page = read(course.path().join("public/lessons/geopolitical-codes/index.html"));
    assert!(page.contains("<h1>Geopolitical CODES</h1>"), "the edit is built");
}

#[test]
fn a_panic_is_reported_with_the_file_being_processed() {
    let course = example_course();
    let root = course.path().display().to_string();
    let run = std::process::Command::new(common::bin())
        .args(["build", "--root", &root])
        .env("SYLLABUS_TEST_PANIC_ON", "01-geopolitical-codes.md")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("content/lessons/01-foundations/01-geopolitical-codes.md: error: internal error while processing this file (test panic)"),
        "{stderr}"
    );
    assert!(!course.path().join("public").exists(), "nothing was written");
}

#[test]
fn headings_never_take_an_id_the_lesson_template_uses() {
    let course = example_course();
    let lesson = course.path().join("content/lessons/01-foundations/09-ids.md");
    let body = "---\ntitle: Ids\n---\n\n## Objectives\n\n## Objectives\n\n## Readings\n\n## Plain\n\n## Plain\n";
    std::fs::write(&lesson, body).unwrap();
    let run = build(course.path(), &[]);
    let html = read(course.path().join("public/lessons/ids/index.html"));
    for expected in [
        r#"<h2 id="objectives-1">Objectives</h2>"#,
        r#"<h2 id="objectives-2">Objectives</h2>"#,
        r#"<h2 id="readings-1">Readings</h2>"#,
        r#"<h2 id="plain">Plain</h2>"#,
        r#"<h2 id="plain-1">Plain</h2>"#,
    ] {
        assert!(html.contains(expected), "missing {expected} in\n{html}");
    }
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_concepts_uses_joined_are_the_items_a_loop_over_them_writes() {
    let course = example_course();
    let lesson = course.path().join("content/lessons/01-foundations/02-spheres-of-influence.md");
    let text = read(&lesson).replace(
        "title: Spheres of influence and containment",
        "title: 'Spheres <of> influence & \"containment\" it''s'",
    );
    std::fs::write(&lesson, text).unwrap();
    let templates = own_templates(course.path());
    let concept = "{% for g in concept.used_in %}<section><ul>{% for p in g.pages %}\
                   <li><a href=\"{{ p.url }}\">{{ p.title }}</a></li>{% endfor %}</ul>\
                   <ul>{{ g.pages_html | safe }}</ul></section>{% endfor %}";
    std::fs::write(templates.join("concept.html"), concept).unwrap();
    let run = build(course.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(course.path().join("public/concepts/containment/index.html"));
    let sections: Vec<&str> = page.split("<section>").skip(1).collect();
    assert!(sections.len() >= 3, "{page}");
    for section in sections {
        let lists: Vec<&str> = section.split("<ul>").skip(1).map(|l| &l[..l.find("</ul>").unwrap()]).collect();
        assert!(lists[0].starts_with("<li><a href=\"/"), "{section}");
        assert_eq!(lists[0], lists[1], "joined items differ from the loop's");
    }
    assert!(page.contains("Spheres &lt;of&gt; influence &amp; &quot;containment&quot;"), "{page}");
}

#[test]
fn a_concepts_groups_joined_are_what_a_loop_over_them_writes() {
    let course = example_course();
    let module = course.path().join("content/lessons/01-foundations/_index.md");
    let text = read(&module)
        .replace("title: \"Reading the world map: foundations\"", "title: 'Reading <the> map & \"it''s\"'");
    std::fs::write(&module, text).unwrap();
    let templates = own_templates(course.path());
    let concept = "<div id=\"looped\">{% for group in concept.used_in %}\n    <h3>{{ group.title }}</h3>\n    \
                   <ul>{{ group.pages_html | safe }}</ul>\n    {% endfor %}</div>\
                   <div id=\"joined\">{{ concept.used_in_html | safe }}</div>";
    std::fs::write(templates.join("concept.html"), concept).unwrap();
    let run = build(course.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(course.path().join("public/concepts/containment/index.html"));
    let div = |id: &str| {
        let start = page.find(&format!("<div id=\"{id}\">")).expect("the div") + id.len() + 11;
        page[start..start + page[start..].find("</div>").expect("its end")].to_string()
    };
    assert!(div("looped").matches("<h3>").count() >= 3, "{page}");
    assert_eq!(div("joined"), div("looped"));
    assert!(page.contains("<h3>Reading &lt;the&gt; map &amp; &quot;it&#39;s&quot;</h3>"), "{page}");
}

#[test]
fn a_theme_may_loop_over_the_definitions_or_write_them_joined() {
    let course = example_course();
    let templates = own_templates(course.path());
    let base = "{% block title %}{% endblock title %}{% block scripts %}{% endblock scripts %}\
                {% block body_class %}{% endblock body_class %}{% block search %}{% endblock search %}\
                <main>{% block content %}{% endblock content %}</main>\
                <ol>{% for c in concept_definitions %}<li>{{ c.id }}: {{ c.entry | safe }}</li>{% endfor %}</ol>\
                <dl>{{ concept_definitions_html | safe }}</dl>";
    std::fs::write(templates.join("base.html"), base).unwrap();
    let run = build(course.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lesson = read(course.path().join("public/lessons/top-down-nationalism/index.html"));
    let entry = "<div class=\"concept-definition\" data-definition-of=\"geopolitical-justification\">";
    let looped = format!("<li>geopolitical-justification: {entry}");
    assert!(lesson.contains(&looped), "{lesson}");
    let joined = &lesson[lesson.find("<dl>").expect("the joined list")..];
    assert!(joined.contains(entry), "{joined}");
    assert_eq!(lesson.matches("data-definition-of=").count() % 2, 0, "each entry twice: {lesson}");
}

/// Every file of a built site whose bytes hold `word`, by path.
fn files_holding(files: &std::collections::BTreeMap<String, Vec<u8>>, word: &str) -> Vec<String> {
    files.iter().filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(word)).map(|(p, _)| p.clone()).collect()
}

#[test]
fn answers_and_instructor_notes_stay_out_of_search_and_notes_out_of_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content/lessons/01-a")).unwrap();
    std::fs::write(
        root.join("content/lessons/01-a/01-tasks.md"),
        "---\ntitle: Tasks\n---\n\n## Task\n\nVisible kangaroovisible text.\n\n\
         > [!EXERCISE] Count\n> Count the emuexercise birds.\n>\n> > [!HINT]\n> > Try the platypushint.\n>\n\
         > > [!SOLUTION]\n> > Three quokkasolution.\n\n> [!INSTRUCTOR]\n> Allow wombatinstructor minutes; see [[concept:tide]].\n\n\
         Tides, at last.\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("content/concepts")).unwrap();
    std::fs::write(
        root.join("content/concepts/tide.md"),
        "---\nterm: Tides\ndefinition: The sea rising and falling.\n---\n",
    )
    .unwrap();
    let run = build(root, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = snapshot(&root.join("public"));
    // A note left out links to nothing: the concept's first mention the page shows is the
    // one autolinked.
    let lesson = String::from_utf8_lossy(&files["lessons/tasks/index.html"]).to_string();
    assert!(lesson.contains(r#"data-concept="tide">Tides</a>, at last"#), "{lesson}");
    let search = |word: &str| files_holding(&files, word).into_iter().filter(|p| p.starts_with("search/")).count();
    // Stems, as the index holds them, and snippets: prefixes find both.
    assert!(search("kangaroovis") > 0 && search("emuexerc") > 0, "the search index holds the lesson's text");
    for hidden in ["platypush", "quokkasol", "wombatinstr"] {
        assert_eq!(search(hidden), 0, "{hidden} is in the search index");
    }
    assert!(files_holding(&files, "quokkasolution").iter().any(|p| p == "lessons/tasks/index.html"));
    assert!(files_holding(&files, "wombatinstructor").is_empty(), "an instructor note is left out of the site");

    let teacher = root.join("teacher");
    let run = build(root, &["--instructor", "--output", &teacher.display().to_string()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = snapshot(&teacher);
    assert_eq!(
        files_holding(&files, "wombatinstructor"),
        ["lessons/tasks/index.html", "modules/a/print/index.html"],
        "only on its page and its module's print page"
    );
}

#[test]
fn images_get_their_size_from_the_file_and_load_lazily_after_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let lesson = root.join("content/lessons/01-a");
    std::fs::create_dir_all(lesson.join("fig")).unwrap();
    std::fs::create_dir_all(root.join("static/img")).unwrap();
    // A PNG header: 3 by 2 pixels (the size is all a build reads).
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend_from_slice(&[0, 0, 0, 3, 0, 0, 0, 2, 8, 2, 0, 0, 0, 0x12, 0x16, 0xf1, 0x4d]);
    std::fs::write(lesson.join("fig/dots.png"), &png).unwrap();
    std::fs::write(
        root.join("static/img/map.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 480\"/>",
    )
    .unwrap();
    std::fs::write(
        lesson.join("01-pictures.md"),
        "---\ntitle: Pictures\n---\n\n![Three dots](fig/dots.png \"Dots, *beside* the lesson\")\n\n\
         A map: ![The map](/img/map.svg).\n",
    )
    .unwrap();
    let run = build(root, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = read(root.join("public/lessons/pictures/index.html"));
    assert!(
        html.contains(
            "<figure class=\"figure\"><img src=\"/files/lessons/01-a/fig/dots.png\" alt=\"Three dots\" width=\"3\" height=\"2\" decoding=\"async\"><figcaption>Dots, <em>beside</em> the lesson</figcaption></figure>"
        ),
        "{html}"
    );
    assert!(
        html.contains("<img src=\"/img/map.svg\" alt=\"The map\" width=\"640\" height=\"480\" loading=\"lazy\" decoding=\"async\">"),
        "{html}"
    );
    assert_eq!(
        std::fs::read(root.join("public/files/lessons/01-a/fig/dots.png")).unwrap(),
        png,
        "published once, as it is"
    );
}

#[test]
fn callouts_hold_any_block_and_number_their_exercises() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content/lessons/01-a")).unwrap();
    std::fs::write(
        root.join("content/lessons/01-a/01-edges.md"),
        "---\ntitle: Edges\n---\n\n## Exercise 1\n\n\
         > [!TIP] Underlined\n> ===\n> After a heading-like marker.\n\n\
         > [!NOTE]\n> - a list straight after the marker\n\n\
         > [!EXERCISE]\n> First.\n>\n> > [!INSTRUCTOR]\n> > Hidden inside.\n\n\
         - An item:\n\n  > [!EXERCISE]- Folded\n  > Second, in a list.\n\n\
         [first](#exercise-1), [second](#exercise-2), [heading](#exercise-1-1).\n",
    )
    .unwrap();
    let run = build(root, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = read(root.join("public/lessons/edges/index.html"));
    for expected in [
        // A heading never takes an exercise's anchor, even above it.
        "<h2 id=\"exercise-1-1\">Exercise 1</h2>",
        "<span class=\"callout-name\">Tip</span>: Underlined</p><div class=\"callout-body\">\n<p>After a heading-like marker.</p>",
        "<span class=\"callout-name\">Note</span></p><div class=\"callout-body\">\n<ul>\n<li>a list straight after the marker</li>",
        "id=\"exercise-1\" aria-label=\"Exercise 1\"><p class=\"callout-title\">",
        "<details class=\"callout callout-exercise\" data-callout=\"exercise\" id=\"exercise-2\">",
        "<span class=\"callout-name\">Exercise 2</span>: Folded</summary>",
    ] {
        assert!(html.contains(expected), "missing {expected} in\n{html}");
    }
    assert!(!html.contains("Hidden inside"), "an instructor note inside an exercise is left out too");
}

#[test]
fn quiz_pages_give_no_definitions_away() {
    let course = example_course();
    let run = build(course.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let quiz = read(course.path().join("public/quizzes/geopolitical-codes-check/index.html"));
    assert!(quiz.contains("data-concept=\"geopolitical-code\""), "its questions ask about the concept");
    let concept = read(course.path().join("content/concepts/geopolitical-code.md"));
    let definition = concept.lines().find_map(|l| l.strip_prefix("definition: ")).unwrap().trim_matches('"');
    let words: String = definition.split_whitespace().take(6).collect::<Vec<_>>().join(" ");
    assert!(!quiz.contains(&words), "the quiz page holds the definition '{words}'");
    assert!(!quiz.contains("id=\"concept-definitions\""), "no list of definitions on a quiz page");
}

#[test]
fn objectives_summaries_and_key_points_are_inline_markdown_and_key_points_gather_on_the_module() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content/lessons/01-a")).unwrap();
    std::fs::write(
        root.join("content/lessons/01-a/01-grep.md"),
        "---\ntitle: Finding things with `grep`\nsummary: Use `grep` *well*.\nobjectives:\n  - Use `grep` to find a line\n\
         keypoints:\n  - '`grep -c` counts matches, $n$ of them'\n  - Quote patterns with spaces\n---\n\n## Searching\n\nText.\n",
    )
    .unwrap();
    std::fs::write(root.join("content/lessons/01-a/02-sort.md"), "---\ntitle: Sorting\n---\n\nText.\n").unwrap();
    let run = build(root, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lesson = read(root.join("public/lessons/grep/index.html"));
    for expected in [
        // A title's Markdown shows where HTML can go, and is plain text where it cannot.
        "<h1>Finding things with <code>grep</code></h1>",
        "<title>Finding things with grep · ",
        "<span aria-current=\"page\">Finding things with grep</span>",
        "<p class=\"lede\">Use <code class=\"nowrap\">grep</code> <em>well</em>.</p>",
        "<li>Use <code class=\"nowrap\">grep</code> to find a line</li>",
        "<h2 id=\"keypoints\">Key points</h2>",
        "<li><code>grep <span class=\"nowrap\">-c</span></code> counts matches, <math aria-label=\"n\">",
    ] {
        assert!(lesson.contains(expected), "missing {expected} in\n{lesson}");
    }
    let module = read(root.join("public/modules/a/index.html"));
    assert!(module.contains("Key points of this module"), "{module}");
    assert!(
        module.contains("<li>Quote patterns with spaces</li>") && !module.contains(">Sorting</a></h3>\n  <ul>"),
        "{module}"
    );
    assert!(
        module.contains("<p>Use <code class=\"nowrap\">grep</code> <em>well</em>.</p>"),
        "summaries render in the module's list"
    );
    // Where HTML cannot go, the same text is plain.
    let meta = read(root.join("public/search/d/0.json"));
    assert!(meta.contains("Use grep well."), "the search snippet is plain text: {meta}");
}

/// The example course in every language with built-in strings (and Hebrew, which has none
/// but reads right to left): it builds, and its pages carry the language, its direction and
/// its words.
#[test]
fn every_built_in_language_builds_the_example_course_in_its_words() {
    use syllabus::i18n::{Strings, tables};
    let course = example_course();
    let yaml = read(course.path().join("course.yaml"));
    for lang in tables::BUILTIN.iter().map(|(l, _)| *l).chain(["he", "pt-BR"]) {
        std::fs::write(course.path().join("course.yaml"), yaml.replace("language: en", &format!("language: {lang}")))
            .unwrap();
        let out = course.path().join(format!("public-{lang}"));
        let run = build(course.path(), &["--output", &out.display().to_string()]);
        assert_eq!(run.code, 0, "{lang}: {}", run.stderr);
        assert!(problems(&run.stderr).is_empty(), "{lang}: {}", run.stderr);
        let page = read(out.join("lessons/geopolitical-codes/index.html"));
        let strings = Strings::new(lang, Vec::new());
        let dir = if ["ar", "he"].contains(&lang) { "rtl" } else { "ltr" };
        assert!(page.contains(&format!("<html lang=\"{lang}\" dir=\"{dir}\"")), "{lang}: {}", &page[..200]);
        let objectives = syllabus::util::html::escape(strings.get("objectives"));
        assert!(
            page.contains(&format!("<h2 id=\"objectives\">{objectives}</h2>")),
            "{lang}: no '{objectives}' heading"
        );
        let script = read(out.join("assets/strings.js"));
        assert!(script.contains(&format!("\"lang\":\"{lang}\"")), "{lang}: strings.js is not in the course's language");
    }
}

/// A course's own strings land escaped in pages and in the scripts' data, and a number in
/// one of them is written in the language's digits.
#[test]
fn strings_from_course_yaml_are_escaped_in_pages_and_scripts() {
    let course = example_course();
    let yaml = read(course.path().join("course.yaml")).replace("language: en", "language: ar");
    let over = "strings:\n  key_points: \"<script>alert(1)</script> & co\"\n  take_the_quiz: \"</script><b>{title}\"\n";
    std::fs::write(course.path().join("course.yaml"), format!("{yaml}{over}")).unwrap();
    let run = build(course.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(course.path().join("public/lessons/geopolitical-codes/index.html"));
    assert!(page.contains("<h2 id=\"keypoints\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</h2>"), "{page}");
    assert!(!page.contains("<script>alert(1)") && !page.contains("</script><b>"));
    assert!(page.contains("<p class=\"kicker\">الدرس ١.١ ·"), "the lesson's number in Arabic-Indic digits");
    let script = read(course.path().join("public/assets/strings.js"));
    assert!(
        script.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 co"),
        "escaped in the scripts' data"
    );
    assert!(!script.contains("</script>"));
}
