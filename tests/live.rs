//! The live preview and a full build agree: random sequences of edits (body text, a title,
//! a concept's term or definition, a quiz, new, deleted and renamed files, course.yaml)
//! applied to a course while the preview's live course follows them give, page for page
//! and byte for byte, and diagnostic for diagnostic, what a full build of the same files
//! gives. `PROPTEST_CASES` sets how many sequences are tried (16 by default).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use syllabus::build::{self, Options};
use syllabus::content::config::BaseUrl;
use syllabus::serve::live::{self, Live, Served};

use common::{snapshot, write};

const BASE: &str = "http://127.0.0.1:1111/";

/// A small course with every kind of page, written into `root`.
fn course(root: &Path) {
    write(root, "course.yaml", "title: Live\nautolink: first\n");
    write(root, "content/_index.md", "---\ntitle: Home\n---\n\nWelcome to [[lesson:first]].\n");
    write(root, "content/about.md", "---\ntitle: About\n---\n\nAbout the [[concept:river]].\n");
    write(root, "content/lessons/01-one/_index.md", "---\ntitle: One\n---\n\nThe first module.\n");
    for (file, title, concepts, body) in [
        ("01-one/01-first.md", "First", "[river, rain]", "## Water\n\nA river and rain. See [[article:report#p1]].\n"),
        ("01-one/02-second.md", "Second", "[delta]", "## Land\n\nThe delta of a river. [[quiz:check]]\n"),
        ("02-two/01-third.md", "Third", "[]", "## More\n\nRain again, and [back](../01-one/01-first.md#water).\n"),
    ] {
        let fm = format!("---\ntitle: {title}\nconcepts: {concepts}\n---\n\n{body}");
        write(root, &format!("content/lessons/{file}"), &fm);
    }
    for (id, term, def) in [
        ("river", "River", "Water that flows to the sea."),
        ("rain", "Rain", "Water that falls from clouds."),
        ("delta", "Delta", "Land where a *river* meets the sea."),
    ] {
        write(
            root,
            &format!("content/concepts/{id}.md"),
            &format!("---\nterm: {term}\ndefinition: {def}\n---\n\nMore on {id}.\n"),
        );
    }
    write(
        root,
        "content/articles/report.md",
        "---\ntitle: A report\nauthor: Ada Lovelace\ndate: 2022-01-02\nconcepts: [river]\n---\n\nThe river rose.\n\nThen rain fell.\n",
    );
    write(
        root,
        "content/quizzes/check.yaml",
        "title: Check\nlesson: second\nquestions:\n  - type: single\n    prompt: Which is water?\n    choices:\n      - text: A river\n        correct: true\n      - text: A delta\n    concepts: [river]\n",
    );
}

/// One change to the course's files.
#[derive(Clone, Debug)]
enum Edit {
    /// Appends text to a Markdown file (by index among them).
    Body(usize, &'static str),
    /// Sets a lesson's title.
    Title(usize, &'static str),
    /// Sets a concept's term.
    Term(usize, &'static str),
    /// Sets a concept's definition.
    Definition(usize, &'static str),
    /// Sets the quiz's first prompt.
    Prompt(&'static str),
    /// A new lesson in module `usize % 2`.
    NewLesson(usize, &'static str),
    /// A new concept.
    NewConcept(&'static str),
    /// Deletes a Markdown file.
    Delete(usize),
    /// Renames a Markdown file (a new leading number).
    Rename(usize, u8),
    /// Sets `autolink` in course.yaml.
    Autolink(&'static str),
}

fn edit() -> impl Strategy<Value = Edit> {
    let text = prop::sample::select(vec![
        "\nMore about the river and the delta.\n",
        "\nSee [[lesson:second]] and [[concept:rain|the rain]].\n",
        "\n## Water\n\nA second heading called Water.\n",
        "\nA broken [[lesson:nowhere]] link.\n",
        "\nA link to [the report's second paragraph](/articles/report/#p2).\n",
        "\n[[example:delta|where the river meets the sea]]\n",
    ]);
    let title = prop::sample::select(vec!["First", "Renamed lesson", "Zebra", "Aardvark"]);
    let term = prop::sample::select(vec!["River", "Stream", "Rain", "Flood"]);
    let def = prop::sample::select(vec!["Water in a bed.", "Links to [[concept:rain]].", "A [[lesson:gone]] link."]);
    prop_oneof![
        (0..20usize, text).prop_map(|(i, t)| Edit::Body(i, t)),
        (0..5usize, title).prop_map(|(i, t)| Edit::Title(i, t)),
        (0..5usize, term).prop_map(|(i, t)| Edit::Term(i, t)),
        (0..5usize, def).prop_map(|(i, d)| Edit::Definition(i, d)),
        prop::sample::select(vec!["Which is water?", "Which one flows?"]).prop_map(Edit::Prompt),
        (0..2usize, prop::sample::select(vec!["fourth", "fifth"])).prop_map(|(m, n)| Edit::NewLesson(m, n)),
        prop::sample::select(vec!["flood", "tide"]).prop_map(Edit::NewConcept),
        (0..20usize).prop_map(Edit::Delete),
        (0..20usize, 1..9u8).prop_map(|(i, n)| Edit::Rename(i, n)),
        prop::sample::select(vec!["first", "all", "off"]).prop_map(Edit::Autolink),
    ]
}

/// The Markdown files of a kind folder (or all of them), sorted.
fn files(root: &Path, under: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content").join(under))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    out.sort();
    out
}

/// Sets a front-matter key's line (`key: value`) in a Markdown file.
fn set_key(path: &Path, key: &str, value: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let line = text.lines().find(|l| l.starts_with(&format!("{key}:")));
    if let Some(line) = line {
        std::fs::write(path, text.replacen(line, &format!("{key}: {value}"), 1)).unwrap();
    }
}

/// Applies an edit; returns the paths it changed.
fn apply(root: &Path, edit: &Edit) -> Vec<PathBuf> {
    let pick = |list: Vec<PathBuf>, i: usize| (!list.is_empty()).then(|| list[i % list.len()].clone());
    match edit {
        Edit::Body(i, text) => pick(files(root, ""), *i)
            .map(|p| {
                let mut body = std::fs::read_to_string(&p).unwrap();
                body.push_str(text);
                std::fs::write(&p, body).unwrap();
                vec![p]
            })
            .unwrap_or_default(),
        Edit::Title(i, title) => pick(files(root, "lessons"), *i)
            .filter(|p| !p.ends_with("_index.md"))
            .map(|p| {
                set_key(&p, "title", title);
                vec![p]
            })
            .unwrap_or_default(),
        Edit::Term(i, term) => pick(files(root, "concepts"), *i)
            .map(|p| {
                set_key(&p, "term", term);
                vec![p]
            })
            .unwrap_or_default(),
        Edit::Definition(i, def) => pick(files(root, "concepts"), *i)
            .map(|p| {
                set_key(&p, "definition", &format!("\"{def}\""));
                vec![p]
            })
            .unwrap_or_default(),
        Edit::Prompt(prompt) => {
            let p = root.join("content/quizzes/check.yaml");
            let text = std::fs::read_to_string(&p).unwrap();
            let line = text.lines().find(|l| l.trim_start().starts_with("prompt:")).unwrap().to_string();
            std::fs::write(&p, text.replacen(&line, &format!("    prompt: {prompt}"), 1)).unwrap();
            vec![p]
        }
        Edit::NewLesson(m, name) => {
            let dir = ["01-one", "02-two"][m % 2];
            let p = root.join(format!("content/lessons/{dir}/05-{name}.md"));
            std::fs::write(&p, format!("---\ntitle: {name}\n---\n\nA {name} lesson about the river.\n")).unwrap();
            vec![p]
        }
        Edit::NewConcept(id) => {
            let p = root.join(format!("content/concepts/{id}.md"));
            std::fs::write(&p, format!("---\nterm: {id}\ndefinition: A {id}.\n---\n")).unwrap();
            vec![p]
        }
        Edit::Delete(i) => pick(files(root, ""), *i)
            .map(|p| {
                std::fs::remove_file(&p).unwrap();
                vec![p]
            })
            .unwrap_or_default(),
        Edit::Rename(i, n) => pick(files(root, "lessons"), *i)
            .filter(|p| !p.ends_with("_index.md"))
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().to_string();
                let rest = name.split_once('-').map_or(name.as_str(), |(_, r)| r);
                let to = p.with_file_name(format!("0{n}-{rest}"));
                std::fs::rename(&p, &to).unwrap();
                vec![p, to]
            })
            .unwrap_or_default(),
        Edit::Autolink(mode) => {
            let p = root.join("course.yaml");
            std::fs::write(&p, format!("title: Live\nautolink: {mode}\n")).unwrap();
            vec![p]
        }
    }
}

/// A full build of the course into a new folder: its files and diagnostics.
fn full_build(root: &Path, out: &Path) -> (BTreeMap<String, Vec<u8>>, Vec<String>, bool) {
    let opts = Options {
        root: root.to_path_buf(),
        output: Some(out.to_path_buf()),
        given: syllabus::build::stages::Given { base_url: Some(BaseUrl::parse(BASE).unwrap()), ..Default::default() },
        strict: false,
        external: None,
    };
    let report = build::run(&opts);
    let failed = report.diags.iter().any(|d| d.is_error());
    let mut files = snapshot(out);
    files.remove(".syllabus-output");
    (files, report.diags.iter().map(ToString::to_string).collect(), failed)
}

/// Every file the live course serves, by site path.
fn served(live: &Live) -> BTreeMap<String, Vec<u8>> {
    let state = live.state().expect("a build is served");
    let mut out = BTreeMap::new();
    for path in state.paths() {
        let bytes = match live.get(&format!("/{path}")) {
            Served::Page(bytes) => bytes.to_vec(),
            Served::Static(file) => std::fs::read(file).unwrap(),
            Served::NotFound => panic!("{path} is listed but not served"),
        };
        out.insert(path, bytes);
    }
    out
}

fn check(edits: &[Edit]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("course");
    course(&root);
    let opts =
        live::Options { root: root.clone(), drafts: false, base_url: BaseUrl::parse(BASE).unwrap(), instructor: false };
    let mut live = Live::new(opts);
    for (step, edit) in edits.iter().enumerate() {
        let changed = apply(&root, edit);
        live.apply(&changed);
        let (built, diags, failed) = full_build(&root, &dir.path().join(format!("out-{step}")));
        let live_diags: Vec<String> = live.diags.iter().map(ToString::to_string).collect();
        prop_assert_eq!(&live_diags, &diags, "diagnostics after {:?}", edit);
        if failed {
            continue;
        }
        // The search index is served as the build writes it, but `assets/search.js` is
        // written with the index's manifest inside it: compare the rest byte for byte.
        let mut live_files = served(&live);
        for (path, bytes) in &built {
            if path.starts_with("search/") && !live_files.contains_key(path) {
                let got = live.get(&format!("/{path}"));
                prop_assert!(matches!(got, Served::Page(b) if *b == *bytes), "{} after {:?}", path, edit);
                continue;
            }
            if path == "assets/search.js" {
                live_files.remove(path);
                continue;
            }
            let got = live_files.remove(path);
            prop_assert!(got.as_ref() == Some(bytes), "{} differs after {:?}", path, edit);
        }
        prop_assert!(live_files.is_empty(), "served but not built: {:?}", live_files.keys().collect::<Vec<_>>());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(16),
        ..ProptestConfig::default()
    })]

    #[test]
    fn live_edits_give_what_a_full_build_gives(edits in prop::collection::vec(edit(), 1..7)) {
        check(&edits)?;
    }
}

/// Each kind of edit alone, so that a failure names the simplest case first.
#[test]
fn every_kind_of_edit_alone() {
    let edits = [
        Edit::Body(0, "\nMore about the river and the delta.\n"),
        Edit::Title(0, "Zebra"),
        Edit::Term(0, "Stream"),
        Edit::Definition(1, "Links to [[concept:rain]]."),
        Edit::Prompt("Which one flows?"),
        Edit::NewLesson(1, "fourth"),
        Edit::NewConcept("flood"),
        Edit::Delete(3),
        Edit::Rename(1, 7),
        Edit::Autolink("all"),
    ];
    for edit in edits {
        check(std::slice::from_ref(&edit)).unwrap_or_else(|e| panic!("{edit:?}: {e}"));
    }
}
