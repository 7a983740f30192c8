//! Fixture courses under `tests/fixtures/<case>/course`, each built by the real binary; the
//! exit status and every line of stderr must match `expected.txt` exactly, and a failed
//! build must leave the previous output byte-for-byte as it was. One test per case, named
//! after its folder (`cargo test --test fixtures yaml` runs the YAML cases), in parallel.
//!
//! `expected.txt`: a first line `exit: N`, optional `args: ...` and `check: output-untouched`
//! lines, a line `---`, then the expected stderr (`<tmp>` stands for the temp folder).

mod common;

use common::{copy_tree, repo, snapshot, syllabus};

struct Expected {
    exit: i32,
    args: Vec<String>,
    stderr: String,
}

fn parse(text: &str) -> Expected {
    let (head, stderr) = text.split_once("---\n").expect("expected.txt has a --- line");
    let mut e = Expected { exit: 0, args: Vec::new(), stderr: stderr.to_string() };
    for line in head.lines() {
        if let Some(v) = line.strip_prefix("exit: ") {
            e.exit = v.trim().parse().expect("exit code");
        } else if let Some(v) = line.strip_prefix("args: ") {
            e.args = v.split_whitespace().map(String::from).collect();
        }
    }
    e
}

fn run_case(case: &std::path::Path) -> Result<(), String> {
    let expected = parse(&common::read(case.join("expected.txt")));
    let tmp = tempfile::tempdir().unwrap();
    let course = tmp.path().join("course");
    copy_tree(&case.join("course"), &course);
    let out = tmp.path().join("out");
    // A previous good output, which a failed build must leave untouched.
    std::fs::create_dir_all(out.join("old")).unwrap();
    std::fs::write(out.join(".syllabus-output"), "").unwrap();
    std::fs::write(out.join("old/index.html"), "previous build").unwrap();
    let before = snapshot(&out);
    let mut args = vec![
        "build".to_string(),
        "--root".into(),
        course.display().to_string(),
        "--output".into(),
        out.display().to_string(),
    ];
    args.extend(expected.args.iter().cloned());
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = syllabus(&argv);
    let stderr = run.stderr.replace(&tmp.path().display().to_string(), "<tmp>");
    let mut problems = Vec::new();
    if run.code != expected.exit {
        problems.push(format!("exit status {} (expected {})", run.code, expected.exit));
    }
    if stderr != expected.stderr {
        problems.push(format!("stderr differs.\n--- expected\n{}--- actual\n{}", expected.stderr, stderr));
    }
    if run.code != 0 && snapshot(&out) != before {
        problems.push("a failed build changed the output folder".into());
    }
    if run.code == 0 && !out.join("index.html").exists() {
        problems.push("a successful build wrote no index.html".into());
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("\n")) }
}

fn main() {
    let args = libtest_mimic::Arguments::from_args();
    let root = repo().join("tests/fixtures");
    let mut cases: Vec<_> =
        std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    assert!(cases.len() >= 10, "fixtures are missing");
    let trials = cases
        .into_iter()
        .map(|case| {
            let name = case.file_name().unwrap().to_string_lossy().into_owned();
            libtest_mimic::Trial::test(name, move || run_case(&case).map_err(Into::into))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
