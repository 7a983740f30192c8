//! `build --relative`: a folder whose pages work opened from disk. Every link, picture,
//! stylesheet and script of every page is a relative path that names a file the build
//! wrote (a folder's `index.html`, never the folder); the search index and each quiz page
//! are also scripts, since a page opened from disk can fetch nothing. What the pages do in a
//! browser over `file://` is `tests/browser/offline.mjs`.

mod common;

use std::path::{Path, PathBuf};

use common::{example_course, read, syllabus};
use walkdir::WalkDir;

fn build_relative(root: &Path) -> PathBuf {
    let out = root.join("public");
    let run = syllabus(&[
        "build",
        "--root",
        &root.display().to_string(),
        "--output",
        &out.display().to_string(),
        "--relative",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    out
}

/// Every value of the attributes that hold links, in a page, and whether it may be a
/// folder (the search script's folder, which it adds file names to).
fn links(html: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for (attr, folder) in
        [(" href=\"", false), (" src=\"", false), (" action=\"", false), (" data-search-index=\"", true)]
    {
        for (at, _) in html.match_indices(attr) {
            let rest = &html[at + attr.len()..];
            out.push((rest[..rest.find('"').unwrap()].replace("&amp;", "&"), folder));
        }
    }
    out
}

#[test]
fn every_link_of_every_page_names_a_file_of_the_folder() {
    let course = example_course();
    let out = build_relative(course.path());
    let mut pages = 0;
    let mut checked = 0;
    for entry in WalkDir::new(&out).into_iter().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let html = read(path);
        assert!(html.contains("<html lang=\"en\" dir=\"ltr\" class=\"no-js\" data-relative>"), "{}", path.display());
        let dir = path.parent().unwrap();
        for (link, folder) in links(&html) {
            let what = format!("{} links to '{link}'", path.strip_prefix(&out).unwrap().display());
            if link.starts_with('#') || link.contains("://") || link.starts_with("mailto:") || link.starts_with("data:")
            {
                continue;
            }
            assert!(!link.starts_with('/'), "{what}: an absolute path, which a page opened from disk cannot follow");
            let file = link.split(['?', '#']).next().unwrap();
            let target = dir.join(file);
            assert!(target.exists(), "{what}: there is no such file");
            assert!(folder || target.is_file(), "{what}: a folder, which a browser lists over file://");
            checked += 1;
        }
    }
    assert!(pages > 30 && checked > 1000, "{pages} pages, {checked} links");
}

#[test]
fn the_search_index_and_quiz_pages_are_also_scripts() {
    let course = example_course();
    let out = build_relative(course.path());
    for json in WalkDir::new(out.join("search"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
    {
        let script = json.path().with_extension("js");
        let name = json.path().strip_prefix(out.join("search")).unwrap().display().to_string();
        let text = read(&script);
        assert!(text.starts_with(&format!("window.syllabusSearchFile(\"{name}\",")), "{}", script.display());
        assert!(text.contains(read(json.path()).trim()), "{name}: the same data");
    }
    for quiz in ["geopolitical-codes-check", "nationalism-check"] {
        let script = read(out.join(format!("quizzes/{quiz}/page.js")));
        assert!(
            script.starts_with(&format!("window.syllabusQuizPage(\"{quiz}\", \"\\u003c!doctype html\\u003e")),
            "{quiz}"
        );
        assert!(!script.contains("</script>"), "markup escaped inside the string");
    }
    // A server build writes neither.
    let plain = example_course();
    let out = plain.path().join("public");
    let run =
        syllabus(&["build", "--root", &plain.path().display().to_string(), "--output", &out.display().to_string()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!out.join("search/index.js").exists() && !out.join("quizzes/nationalism-check/page.js").exists());
    assert!(!read(out.join("index.html")).contains("data-relative"));
}

#[test]
fn a_dot_base_url_is_refused_with_the_way_to_a_folder_that_works_from_disk() {
    let course = example_course();
    let run = syllabus(&["build", "--root", &course.path().display().to_string(), "--base-url", "./"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "base_url must start with http://, https:// or /, found './'; for a folder that works opened from disk, build with --relative"
        ),
        "{}",
        run.stderr
    );
}
