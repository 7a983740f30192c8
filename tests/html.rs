//! Every page a course builds is valid HTML: the Nu HTML checker (vnu-jar from npm, run
//! with Java, offline) on the example course, the manual, a generated course, a course of
//! code, math, callouts and figures, the French and Arabic courses, and a course with markup
//! in every field, errors only.
//!
//! Needs Java and the npm packages of `tests/browser` (`npm ci` there); `.ci/run` installs
//! them. `SYLLABUS_SKIP_BROWSER=1` shows these tests as ignored, as it does the browser
//! tests; otherwise a missing tool is a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{repo, syllabus};
use libtest_mimic::{Arguments, Failed, Trial};

fn main() {
    let args = Arguments::from_args();
    let skip = std::env::var_os("SYLLABUS_SKIP_BROWSER").is_some();
    let courses: [(&str, Course); 7] = [
        ("the_example_course_is_valid_html", |_| repo()),
        ("the_manual_is_valid_html", |_| repo().join("docs")),
        ("a_generated_course_is_valid_html", generated),
        ("code_math_callouts_and_figures_are_valid_html", technical),
        ("a_french_course_is_valid_html", |_| repo().join("tests/browser/fr-course")),
        ("an_arabic_course_is_valid_html", |_| repo().join("tests/browser/ar-course")),
        ("markup_in_every_field_stays_valid_html", |dir| {
            common::hostile_course(dir, false);
            dir.to_path_buf()
        }),
    ];
    let trials = courses
        .into_iter()
        .map(|(name, course)| Trial::test(name, move || check(course)).with_ignored_flag(skip))
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

/// Writes (or names) a course, given a temporary folder; returns its root.
type Course = fn(&Path) -> PathBuf;

/// A course from the benchmark generator, small enough to check in seconds.
fn generated(dir: &Path) -> PathBuf {
    let root = dir.join("generated");
    let status = Command::new("python3")
        .arg(repo().join("benches/gen_course.py"))
        .arg(&root)
        .args(["--lessons", "60", "--concepts", "20", "--articles", "6", "--quizzes", "6"])
        .status()
        .expect("python3 runs");
    assert!(status.success(), "the generator failed");
    root
}

/// The course of code, math, callouts and figures, with a lesson holding every formula of
/// the math corpus (`tests/data/math-corpus.tex`), inline and displayed.
fn technical(dir: &Path) -> PathBuf {
    let root = dir.join("technical");
    common::copy_tree(&repo().join("tests/browser/content-course"), &root);
    let corpus = common::read(repo().join("tests/data/math-corpus.tex"));
    let mut lesson = String::from("---\ntitle: Every formula\n---\n\n## Formulas\n\n");
    for formula in corpus.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('%')) {
        lesson.push_str(&format!("Inline ${formula}$ and displayed:\n\n$$\n{formula}\n$$\n\n"));
    }
    std::fs::write(root.join("content/lessons/01-writing/02-corpus.md"), lesson).unwrap();
    root
}

/// Builds the course `course` gives and runs the checker on every page of it.
fn check(course: Course) -> Result<(), Failed> {
    let vnu = repo().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    if !vnu.exists() {
        return Err("the HTML checker is missing: (cd tests/browser && npm ci)".into());
    }
    let dir = tempfile::tempdir().unwrap();
    let root = course(dir.path());
    let out = dir.path().join("public");
    let run = syllabus(&["build", "--root", &root.display().to_string(), "--output", &out.display().to_string()]);
    if run.code != 0 {
        return Err(format!("the build failed:\n{}", run.stderr).into());
    }
    let checked = Command::new("java")
        .args(["-jar", &vnu.display().to_string(), "--errors-only", "--skip-non-html", "--format", "gnu"])
        .arg(&out)
        .output()
        .map_err(|e| format!("cannot run java (apt-get install -y default-jre-headless): {e}"))?;
    let report = String::from_utf8_lossy(&checked.stderr).replace(&format!("file:{}", out.display()), "");
    if !checked.status.success() || !report.trim().is_empty() {
        return Err(format!("the Nu HTML checker found errors:\n{report}").into());
    }
    Ok(())
}
