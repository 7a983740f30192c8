//! `syllabus export cards`: the example course's concepts as Anki's text import and as CSV,
//! each read back by a reader that does not share the writer's code (a parser of Anki's
//! header lines written from Anki's manual, `tests/readers/anki_text.py`, and Python's `csv`
//! module); `review: false` leaves a concept out; a course with errors exports nothing.

mod common;

use std::process::Command;

use common::{example_course, read, repo, syllabus};

/// The course's concepts that review: term and module of each, by id, from the built site's
/// own glossary would be circular: they are listed here from the example course's files.
fn concept_terms(root: &std::path::Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root.join("content/concepts")).unwrap().flatten() {
        let text = read(entry.path());
        if text.contains("\nreview: false") {
            continue;
        }
        let id = entry.path().file_stem().unwrap().to_string_lossy().to_string();
        let term = text.lines().find_map(|l| l.strip_prefix("term: ")).unwrap().trim_matches('"').to_string();
        out.push((id, term));
    }
    out.sort();
    out
}

fn python(script: &str, args: &[&str]) -> serde_json::Value {
    let out = Command::new("python3").arg("-c").arg(script).args(args).output().expect("python3 runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn concepts_export_as_anki_notes_that_anki_reads_as_they_are() {
    let course = example_course();
    // One concept opts out of review.
    let opted = course.path().join("content/concepts/containment.md");
    let text = read(&opted);
    std::fs::write(&opted, text.replacen("\n---\n", "\nreview: false\n---\n", 1)).unwrap();
    let file = course.path().join("cards.txt");
    let root = course.path().display().to_string();
    let run =
        syllabus(&["export", "cards", "--format", "anki", "--root", &root, "--output", &file.display().to_string()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = concept_terms(course.path());
    assert!(!expected.iter().any(|(id, _)| id == "containment") && expected.len() >= 5);
    assert_eq!(run.stdout.trim(), format!("Exported {} cards to {}", expected.len(), file.display()));

    let reader = repo().join("tests/readers/anki_text.py");
    let out = Command::new("python3").arg(&reader).arg(&file).output().expect("python3 runs");
    assert!(out.status.success(), "Anki's format, as its manual reads: {}", String::from_utf8_lossy(&out.stderr));
    let parsed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let headers = &parsed["headers"];
    assert_eq!(headers["separator"], "tab");
    assert_eq!(headers["html"], "true");
    assert_eq!(headers["notetype"], "Basic (and reversed card)");
    assert_eq!(headers["deck"], "Power, Codes and Nations: Political Geography through the News");
    let columns: Vec<&str> = parsed["columns"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    assert_eq!(columns, ["GUID", "Front", "Back", "URL", "Tags"]);
    assert_eq!(headers["guid column"], "1");
    assert_eq!(headers["tags column"], "5");
    let notes = parsed["notes"].as_array().unwrap();
    let mut got: Vec<(String, String)> = notes
        .iter()
        .map(|n| {
            let guid = n[0].as_str().unwrap();
            (guid.rsplit('/').next().unwrap().to_string(), n[1].as_str().unwrap().to_string())
        })
        .collect();
    got.sort();
    assert_eq!(got, expected, "one note per concept that reviews, with its term in front");
    for n in notes {
        let back = n[2].as_str().unwrap();
        assert!(!back.is_empty() && !back.contains("<a "), "a definition without links to the site: {back}");
        assert!(n[3].as_str().unwrap().starts_with("/concepts/"), "the concept's page (no host in base_url)");
        assert!(!n[4].as_str().unwrap().is_empty() && !n[4].as_str().unwrap().contains(' '), "the module as one tag");
    }
    let geo = notes.iter().find(|n| n[0].as_str().unwrap().ends_with("/geopolitical-code")).unwrap();
    assert_eq!(geo[4], "foundations");
}

#[test]
fn concepts_export_as_csv_with_absolute_urls_when_the_site_has_a_host() {
    let course = example_course();
    let yaml =
        read(course.path().join("course.yaml")).replace("base_url: \"/\"", "base_url: \"https://example.org/course/\"");
    std::fs::write(course.path().join("course.yaml"), yaml).unwrap();
    let root = course.path().display().to_string();
    let run = syllabus(&["export", "cards", "--format", "csv", "--root", &root]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = course.path().join("cards.csv");
    std::fs::write(&file, &run.stdout).unwrap();
    let script = "import csv, json, sys\nrows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))\nprint(json.dumps(rows))";
    let rows = python(script, &[&file.display().to_string()]);
    let rows = rows.as_array().unwrap();
    let mut got: Vec<(String, String)> =
        rows.iter().map(|r| (r["id"].as_str().unwrap().to_string(), r["term"].as_str().unwrap().to_string())).collect();
    got.sort();
    assert_eq!(got, concept_terms(course.path()));
    for r in rows {
        let id = r["id"].as_str().unwrap();
        assert_eq!(r["url"], format!("https://example.org/course/concepts/{id}/"));
        let definition = r["definition"].as_str().unwrap();
        assert!(!definition.is_empty() && !definition.contains('<'), "plain text: {definition}");
    }
    assert!(
        rows.iter().any(|r| r["definition"].as_str().unwrap().contains(',')),
        "a definition with a comma reads back whole"
    );
}

#[test]
fn a_course_with_errors_exports_no_cards() {
    let course = example_course();
    let concept = course.path().join("content/concepts/containment.md");
    std::fs::write(&concept, read(&concept).replacen("term:", "trem:", 1)).unwrap();
    let root = course.path().display().to_string();
    let run = syllabus(&["export", "cards", "--format", "anki", "--root", &root]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("content/concepts/containment.md:") && run.stderr.ends_with("; nothing was exported\n"),
        "{}",
        run.stderr
    );
}
