//! Shared helpers for the integration tests: run the real binary on a course folder and
//! look at what it wrote.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_syllabus")
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The result of one run of the binary.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn syllabus(args: &[&str]) -> Run {
    let out = Command::new(bin()).args(args).output().expect("the syllabus binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Copies a folder tree (files only, symlinks as files).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, by relative path.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return out;
    }
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            out.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

/// A copy of the example course (content, templates, static, course.yaml) in a temp folder.
pub fn example_course() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for part in ["content", "templates", "static"] {
        if repo().join(part).exists() {
            copy_tree(&repo().join(part), &dir.path().join(part));
        }
    }
    std::fs::copy(repo().join("course.yaml"), dir.path().join("course.yaml")).unwrap();
    dir
}

pub fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

/// The value put in every field.
pub const EVIL: &str = r#""><script>alert(1)</script><img src=x onerror=alert(2)>"#;

pub fn write(root: &Path, path: &str, text: &str) {
    let p = root.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A course with `EVIL` (YAML-quoted) in every field of every kind, and, unless raw HTML
/// is allowed, in page bodies too.
pub fn hostile_course(root: &Path, raw_html: bool) {
    let v = format!("'{}'", EVIL.replace('\'', "''"));
    let body = if raw_html { "plain words" } else { EVIL };
    write(
        root,
        "course.yaml",
        &format!("title: {v}\ndescription: {v}\nauthor: {v}\nbase_url: https://example.org/c/\nraw_html: {raw_html}\n"),
    );
    write(root, "content/_index.md", &format!("---\ntitle: {v}\n---\n\nHome {body}\n"));
    write(root, "content/lessons/01-m/_index.md", &format!("---\ntitle: {v}\nsummary: {v}\n---\n\n{body}\n"));
    write(
        root,
        "content/lessons/01-m/01-lesson.md",
        &format!(
            "---\ntitle: {v}\nsummary: {v}\nobjectives: [{v}]\nduration: {v}\nconcepts: [evil]\nreadings: [source]\nquiz: check\n---\n\n\
             ## {body}\n\nText {body} and the evil term, [[concept:evil]] and [[example:evil|{body}]].\n\n![{EVIL}](/x.png)\n"
        ),
    );
    write(
        root,
        "content/articles/source.md",
        &format!(
            "---\ntitle: {v}\nauthor: [{v}]\ndate: 2022-01-02\npublication: {v}\nsummary: {v}\nurl: 'https://example.org/?q=\"><script>'\n---\n\nBody {body}\n"
        ),
    );
    write(
        root,
        "content/concepts/evil.md",
        &format!("---\nterm: Evil term\naliases: [{v}]\ndefinition: {v}\n---\n\n{body}\n"),
    );
    write(root, "content/concepts/other.md", &format!("---\nterm: {v}\ndefinition: {v}\nrelated: [evil]\n---\n"));
    write(root, "content/about.md", &format!("---\ntitle: {v}\n---\n\n{body}\n"));
    write(root, "static/x.png", "png");
    write(
        root,
        "content/quizzes/check.yaml",
        &format!(
            "title: {v}\ndescription: {v}\nquestions:\n  - type: single\n    prompt: {v}\n    choices:\n      - text: {v}\n        correct: true\n        feedback: {v}\n      - text: b\n    explanation: {v}\n    concepts: [evil]\n  - type: short\n    prompt: {v}\n    answers: [{v}]\n  - type: order\n    prompt: {v}\n    items: [{v}, b]\n  - type: match\n    prompt: {v}\n    pairs:\n      - [{v}, x]\n      - [y, {v}]\n"
        ),
    );
}
