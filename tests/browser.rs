//! Browser tests: the built example course in headless Chromium, through the Node.js
//! scripts in `tests/browser/` (axe-core accessibility checks, layout at phone and desktop
//! widths, no request to another host, no script errors) and the interactive quizzes with
//! the progress a learner keeps (`quiz.mjs`).
//!
//! Needs Node.js and Debian's `chromium`; `.ci/run` installs both. The npm packages are
//! installed here with `npm ci` when missing. `SYLLABUS_SKIP_BROWSER=1` skips these tests
//! (and says so); otherwise a missing browser is a failure, not a pass.

mod common;

use std::path::Path;
use std::process::Command;

use common::{example_course, repo, syllabus};

fn browser_dir() -> std::path::PathBuf {
    repo().join("tests/browser")
}

/// Checks the tools are there, installing the npm packages if needed; `false` to skip.
fn ready() -> bool {
    if std::env::var_os("SYLLABUS_SKIP_BROWSER").is_some() {
        eprintln!("SYLLABUS_SKIP_BROWSER is set: browser tests skipped");
        return false;
    }
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "browser tests need Chromium at {chromium}: apt-get install -y chromium (or set SYLLABUS_SKIP_BROWSER=1)"
    );
    let dir = browser_dir();
    if !dir.join("node_modules/playwright-core").exists() || !dir.join("node_modules/axe-core").exists() {
        let status = Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&dir).status();
        assert!(status.is_ok_and(|s| s.success()), "npm ci in tests/browser failed; Node.js and npm are needed");
    }
    true
}

/// Builds the example course with `extra` arguments and runs a browser script on it.
fn run_script(script: &str, build_args: &[&str]) {
    run_script_with(script, build_args, |_| {});
}

/// As `run_script`, after `setup` has changed the copy of the example course.
fn run_script_with(script: &str, build_args: &[&str], setup: impl FnOnce(&Path)) {
    if !ready() {
        return;
    }
    let course = example_course();
    setup(course.path());
    let root = course.path().display().to_string();
    let out = course.path().join("public");
    let out_s = out.display().to_string();
    let mut args = vec!["build", "--root", &root, "--output", &out_s];
    args.extend_from_slice(build_args);
    let run = syllabus(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let shots = repo().join("target/screenshots");
    let status = Command::new("node")
        .arg(browser_dir().join(script))
        .args(["--site", &out_s])
        .args(if script == "a11y.mjs" || script == "quiz.mjs" {
            vec!["--screenshots".to_string(), shots.display().to_string()]
        } else {
            Vec::new()
        })
        .status()
        .expect("node runs");
    assert!(status.success(), "{script} failed on the example course (see its report above)");
}

#[test]
fn every_page_kind_is_accessible_and_responsive() {
    run_script("a11y.mjs", &[]);
}

#[test]
fn concept_previews_work_with_mouse_keyboard_touch_and_without_javascript() {
    run_script("concepts.mjs", &[]);
}

#[test]
fn quizzes_score_explain_review_and_keep_progress() {
    run_script_with("quiz.mjs", &[], |root| {
        let quiz = browser_dir().join("all-types.yaml");
        std::fs::copy(quiz, root.join("content/quizzes/all-types.yaml")).expect("copy the all-types quiz");
    });
}

/// Builds the search fixture course (`tests/browser/search-course`), at the root or under
/// a sub-path, and runs `search.mjs` on it served there.
fn run_search(prefix: &str) {
    if !ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(&browser_dir().join("search-course"), dir.path());
    let root = dir.path().display().to_string();
    let out = dir.path().join("public").display().to_string();
    let run = syllabus(&["build", "--root", &root, "--output", &out, "--base-url", prefix]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let status = Command::new("node")
        .arg(browser_dir().join("search.mjs"))
        .args(["--site", &out, "--prefix", prefix])
        .status()
        .expect("node runs");
    assert!(status.success(), "search.mjs failed with the site at {prefix} (see its report above)");
}

#[test]
fn search_finds_terms_phrases_stems_and_cjk_but_never_quiz_answers() {
    run_search("/");
}

#[test]
fn search_works_under_a_sub_path() {
    run_search("/course/");
}

/// Words to compare the two tokenizers on: every word of the example course, each with
/// suffixes that exercise every step of the English stemmer, and texts in other scripts.
fn parity_cases() -> Vec<String> {
    let mut words = std::collections::BTreeSet::new();
    for entry in walkdir::WalkDir::new(repo().join("content")).into_iter().flatten() {
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            words.extend(text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 1).map(str::to_lowercase));
        }
    }
    const SUFFIXES: &[&str] = &[
        "", "s", "es", "ies", "ied", "ed", "eed", "eedly", "ing", "ingly", "edly", "ly", "y", "ness", "ful", "fully",
        "fulness", "ation", "ational", "tional", "ize", "izer", "ization", "alize", "able", "ably", "ible", "ive",
        "iveness", "iviti", "ism", "alism", "ist", "ity", "aliti", "biliti", "bli", "ment", "ement", "ent", "entli",
        "ence", "enci", "ance", "anci", "ant", "er", "ous", "ousli", "ousness", "al", "alli", "ical", "icate", "iciti",
        "ic", "ative", "ator", "ogi", "li", "lessli", "fulli", "ion", "sion", "tion", "e", "ll", "at", "bl", "iz",
    ];
    let mut cases: Vec<String> = Vec::new();
    for word in &words {
        cases.extend(SUFFIXES.iter().map(|s| format!("{word}{s}")));
    }
    for stem in ["hop", "tap", "fil", "gener", "commun", "arsen", "sky", "ski", "dy", "ly", "ty", "say", "play", "cry"]
    {
        cases.extend(SUFFIXES.iter().map(|s| format!("{stem}{s}")));
    }
    cases.extend(
        [
            "Café naïve ＡＢＣ résumé cafe\u{301} Straße İstanbul ΟΔΟΣ Ørsted",
            "海绵城市 建设海绵城市，以减少内涝。 sponge城市 ソウルの서울 한국어 텍스트",
            "inning innings outing canning herring earring proceed exceed succeeded",
            "skis skies dying lying tying idly gently ugly early only singly news howe atlas cosmos bias andes",
            "'quoted' don't learner's O'Neill x y z 1 22 333 ½ ①",
            "yes youth yelled crying saying buyer Yvonne",
        ]
        .map(String::from),
    );
    cases
}

#[test]
fn search_js_makes_the_same_terms_as_the_index() {
    if !ready() {
        return;
    }
    let tokenizer = syllabus::site::search::tokenize::Tokenizer::new("en");
    let cases: Vec<(String, Vec<String>)> = parity_cases()
        .into_iter()
        .map(|text| {
            let terms = tokenizer.terms(&text);
            (text, terms)
        })
        .collect();
    assert!(cases.len() > 10_000, "too few words to compare: {}", cases.len());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cases.json");
    let json = serde_json::json!({ "stem": tokenizer.stemmer_name(), "cases": cases });
    std::fs::write(&file, serde_json::to_vec(&json).unwrap()).unwrap();
    let status = Command::new("node").arg(browser_dir().join("terms.mjs")).arg(&file).status().expect("node runs");
    assert!(status.success(), "search.js and src/tokenize.rs disagree (see above)");
}

#[test]
fn no_script_from_a_field_runs_on_any_page() {
    if !ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    common::hostile_course(dir.path(), false);
    let root = dir.path().display().to_string();
    let out = dir.path().join("public").display().to_string();
    let run = syllabus(&["build", "--root", &root, "--output", &out, "--base-url", "/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let status =
        Command::new("node").arg(browser_dir().join("hostile.mjs")).args(["--site", &out]).status().expect("node runs");
    assert!(status.success(), "hostile.mjs found a script from a field running (see its report above)");
}
