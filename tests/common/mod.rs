//! Shared helpers for the integration tests: run the real binary on a course folder and
//! look at what it wrote.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

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

/// Sets every file under `dir` to have been modified an hour ago: a course at rest, whose
/// files the build cache trusts (a file modified within seconds of a build is not).
pub fn age(dir: &Path) {
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_file() {
            let file = std::fs::File::options().write(true).open(entry.path()).unwrap();
            file.set_modified(hour_ago).unwrap();
        }
    }
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
            "title: {v}\ndescription: {v}\nquestions:\n  - type: single\n    prompt: {v}\n    choices:\n      - text: {v}\n        correct: true\n        feedback: {v}\n      - text: b\n    explanation: {v}\n    concepts: [evil]\n  - type: short\n    prompt: {v}\n    answers: [{v}]\n  - type: order\n    prompt: {v}\n    items: [{v}, b]\n  - type: match\n    prompt: {v}\n    pairs:\n      - [{v}, x]\n      - [why, {v}]\n"
        ),
    );
}

/// A running `syllabus serve`, killed when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
    pub root: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn start(extra: &[&str]) -> Server {
    let dir = example_course();
    let root = dir.path().to_path_buf();
    let mut args = vec!["--root".to_string(), root.display().to_string()];
    args.extend(extra.iter().map(|a| a.to_string()));
    launch(dir, root.clone(), &root, &args, &[]).0
}

/// Starts `syllabus serve ARGS --port 0` in `cwd` with `env`, serving the course at `root`
/// (in `dir`); returns the server and what it printed before it listened.
pub fn launch(
    dir: tempfile::TempDir,
    root: PathBuf,
    cwd: &Path,
    args: &[String],
    env: &[(&str, &str)],
) -> (Server, Vec<String>) {
    let mut child = Command::new(bin())
        .arg("serve")
        .args(args)
        .args(["--port", "0"])
        .current_dir(cwd)
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut said = Vec::new();
    let port = loop {
        let line = lines.next().expect("the server says where it listens").unwrap();
        if let Some(at) = line.split(" at http://127.0.0.1:").nth(1) {
            break at.split('/').next().unwrap().parse().unwrap();
        }
        said.push(line);
    };
    std::thread::spawn(move || for _ in lines {});
    (Server { child, port, root, _dir: dir }, said)
}

impl Server {
    pub fn request(&self, path: &str, host: Option<&str>) -> (u16, String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let host = host.map_or_else(|| format!("127.0.0.1:{}", self.port), str::to_string);
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        (status, head.to_string(), body.to_string())
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        let (status, _, body) = self.request(path, None);
        (status, body)
    }

    /// The reload events, as they arrive.
    pub fn events(&self) -> Receiver<String> {
        let (tx, rx) = channel();
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(stream, "GET /__syllabus/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", self.port).unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { break };
                if let Some(event) = line.strip_prefix("event: ") {
                    let _ = tx.send(event.to_string());
                }
            }
        });
        std::thread::sleep(Duration::from_millis(200));
        rx
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }
}

/// Text that XML, HTML, GIFT and CDATA all treat specially.
pub const SPECIAL: &str = r#"]]> & <b>bold</b> ~ = # { } : \ "quoted" 'single' 3 < 4"#;

/// A question with formulas, inline and displayed.
const MATH: &str = "  - type: single\n    prompt: 'When is $x^2 < 4$? $$\\frac{a}{b} \\leq 1$$'\n    choices:\n      - text: '$-2 < x < 2$'\n        correct: true\n      - text: '$x > 2$'\n";

/// The hostile course with a quiz of `SPECIAL` text and, with `math`, formulas: every export of quizzes
/// must give it back exactly.
pub fn hostile_quiz_course(root: &Path, math: bool) {
    hostile_course(root, false);
    let v = format!("'{}'", SPECIAL.replace('\'', "''"));
    write(
        root,
        "content/quizzes/special.yaml",
        &format!(
            "title: {v}\nquestions:\n  - type: multiple\n    prompt: {v}\n    choices:\n      - text: {v}\n        correct: true\n        feedback: {v}\n      - text: plain\n    explanation: {v}\n  - type: short\n    prompt: {v}\n    answers: [{v}]\n  - type: numeric\n    prompt: {v}\n    answer: -0.5\n    tolerance: 0.25\n  - type: true_false\n    prompt: {v}\n    answer: false\n    explanation: {v}\n{}",
            if math { MATH } else { "" }
        ),
    );
}

/// The text of HTML the site writes: its tags left out, the entities it writes decoded.
pub fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}
