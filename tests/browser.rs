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
