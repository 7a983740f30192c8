//! Readings through the real binary: example passages quoted on concept pages, paragraph
//! anchors, APA and MLA citations, the reading list grouped by module and exported as
//! BibTeX and RIS (read back by parsers), and `check --external` against a local server.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;

use common::{read, syllabus};

fn write_course(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

const ARTICLE: &str = "---\ntitle: Floods of {2021} & after\nauthor: [Ann Lee, \"Chen, Bo\"]\ndate: 2022-09-14\n\
publication: The Review\nurl: https://example.org/report?id=1&x=2\naccessed: 2023-01-05\n\
archive: https://web.archive.org/report\n---\n\nThe first paragraph.\n\n\
[[example:flood|The river rose over its banks]] in the second.\n\nThe third.\n";

fn course() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_course(
        dir.path(),
        &[
            ("course.yaml", "title: R\n"),
            ("content/concepts/flood.md", "---\nterm: Flood\ndefinition: Too much water.\n---\n"),
            ("content/articles/report.md", ARTICLE),
            (
                "content/articles/extra.md",
                "---\ntitle: Unassigned\nauthor: {literal: BBC News}\ndate: 2023-02-01\n---\n\nText.\n",
            ),
            (
                "content/lessons/01-water/01-floods.md",
                "---\ntitle: Floods\nconcepts: [flood]\nreadings: [report]\n---\n\nSee [[article:report#p2|the second paragraph]].\n",
            ),
            ("content/lessons/02-land/01-levees.md", "---\ntitle: Levees\nreadings: [report]\n---\n\nAgain.\n"),
        ],
    );
    let run = syllabus(&["build", "--root", &dir.path().display().to_string()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

#[test]
fn example_passages_and_paragraph_anchors() {
    let dir = course();
    let out = dir.path().join("public");
    let article = read(out.join("articles/report/index.html"));
    assert!(article.contains(r#"<mark class="example" id="example-1"><a href="/concepts/flood/" class="concept-link" data-concept="flood">The river rose over its banks</a></mark>"#), "{article}");
    for n in 1..=3 {
        assert!(article.contains(&format!(r##"<p id="p{n}">"##)), "paragraph {n} has an anchor");
        assert!(
            article
                .contains(&format!(r##"<a class="para-link" href="#p{n}" aria-label="Link to paragraph {n}">¶</a>"##))
        );
    }
    let lesson = read(out.join("lessons/floods/index.html"));
    assert!(lesson.contains(r##"<a href="/articles/report/#p2">the second paragraph</a>"##), "{lesson}");
    let concept = read(out.join("concepts/flood/index.html"));
    let examples = &concept[concept.find("id=\"examples\"").expect("an examples section")..];
    assert!(examples.contains("<blockquote><p>The river rose over its banks</p></blockquote>"), "{examples}");
    assert!(
        examples.contains("Lee, A., &amp; Chen, B. (2022). Floods of {2021} &amp; after. The Review."),
        "{examples}"
    );
    assert!(examples.contains(r##"<a href="/articles/report/#example-1">"##), "{examples}");
}

#[test]
fn apa_and_mla_citations() {
    let dir = course();
    let article = read(dir.path().join("public/articles/report/index.html"));
    let url = r#"<a href="https://example.org/report?id=1&amp;x=2">"#;
    let apa = format!(
        "Lee, A., &amp; Chen, B. (2022, September 14). Floods of {{2021}} &amp; after. <i>The Review</i>. {url}https://example.org/report?id=1&amp;x=2</a>"
    );
    assert!(article.contains(&apa), "APA:\n{apa}\nin\n{article}");
    let mla = r#"Lee, Ann, and Bo Chen. “Floods of {2021} &amp; after.” <i>The Review</i>, 14 Sept. 2022, <a href="https://example.org/report?id=1&amp;x=2">example.org/report?id=1&amp;x=2</a>. Accessed 5 Jan. 2023."#;
    assert!(article.contains(mla), "MLA:\n{mla}\nin\n{article}");
    assert!(article.contains(r#"<a href="https://web.archive.org/report">Archived copy</a>"#));
    // The date of access is a <time> element inside the translated sentence, not its text.
    assert!(article.contains(r#"(accessed <time datetime="2023-01-05">5 January 2023</time>)"#), "{article}");
    assert!(article.contains(r#"data-copy="citation-apa""#) && article.contains(r#"id="citation-apa""#));
}

#[test]
fn the_reading_list_is_grouped_by_module_and_exported() {
    let dir = course();
    let out = dir.path().join("public");
    let index = read(out.join("articles/index.html"));
    let water = index.find(">Water</a></h2>").expect("a group for module 1");
    let land = index.find(">Land</a></h2>").expect("a group for module 2");
    let other = index.find(">Other readings</h2>").expect("a group for unassigned readings");
    assert!(water < land && land < other);
    assert_eq!(index.matches(r#"<a href="/articles/report/">"#).count(), 2, "assigned in two modules, listed in both");
    assert!(index.contains(r#"href="/articles/readings.bib""#) && index.contains(r#"href="/articles/readings.ris""#));

    let bib = read(out.join("articles/readings.bib"));
    let parsed = biblatex::Bibliography::parse(&bib).expect("the BibTeX file parses");
    let entry = parsed.get("report").expect("an entry keyed by the article id");
    let authors: Vec<String> = entry.author().unwrap().iter().map(|p| format!("{} {}", p.given_name, p.name)).collect();
    assert_eq!(authors, ["Ann Lee", "Bo Chen"]);
    let title: String = entry.title().unwrap().iter().map(|c| c.v.get().to_string()).collect();
    assert_eq!(title, "Floods of {2021} & after");
    assert_eq!(entry.url().unwrap(), "https://example.org/report?id=1&x=2");
    assert_eq!(parsed.len(), 2);
    // An organisation is one name, kept whole.
    let extra = parsed.get("extra").expect("the unassigned reading");
    let names: Vec<(String, String)> =
        extra.author().unwrap().iter().map(|p| (p.name.clone(), p.given_name.clone())).collect();
    assert_eq!(names, [("BBC News".to_string(), String::new())]);

    let ris = read(out.join("articles/readings.ris"));
    let records = parse_ris(&ris);
    assert_eq!(records.len(), 2);
    let report = records.iter().find(|r| r.iter().any(|(t, v)| t == "ID" && v == "report")).expect("the report");
    let get = |tag: &str| report.iter().filter(|(t, _)| t == tag).map(|(_, v)| v.as_str()).collect::<Vec<_>>();
    assert_eq!(get("TY"), ["NEWS"]);
    assert_eq!(get("AU"), ["Lee, Ann", "Chen, Bo"]);
    assert_eq!(get("TI"), ["Floods of {2021} & after"]);
    assert_eq!(get("DA"), ["2022/09/14/"]);
    assert_eq!(get("UR"), ["https://example.org/report?id=1&x=2"]);
    let extra = records.iter().find(|r| r.iter().any(|(t, v)| t == "ID" && v == "extra")).expect("the other reading");
    assert!(extra.contains(&("AU".to_string(), "BBC News".to_string())), "{extra:?}");
}

#[test]
fn an_organisation_author_is_printed_whole() {
    let dir = course();
    let article = read(dir.path().join("public/articles/extra/index.html"));
    assert!(article.contains("BBC News. (2023, February 1). Unassigned."), "APA:\n{article}");
    assert!(article.contains("BBC News. “Unassigned.”"), "MLA:\n{article}");
    assert!(!article.contains("News, B."), "{article}");
}

/// An independent RIS reader: `XX  - value` lines, records ending with `ER  -`.
fn parse_ris(text: &str) -> Vec<Vec<(String, String)>> {
    let mut records = Vec::new();
    let mut current = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        assert!(line.len() >= 5 && &line[2..6] == "  - " || line.trim_end() == "ER  -", "malformed RIS line {line:?}");
        let tag = &line[..2];
        assert!(tag.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()), "bad tag {tag:?}");
        if tag == "ER" {
            records.push(std::mem::take(&mut current));
        } else {
            current.push((tag.to_string(), line[6..].to_string()));
        }
    }
    assert!(current.is_empty(), "a record without ER");
    records
}

/// A local server: `/ok` answers, `/nohead` refuses HEAD but answers GET, `/gone` is 404,
/// `/slow` never answers in time.
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let mut line = String::new();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                reader.read_line(&mut line).unwrap();
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                        break;
                    }
                }
                let mut parts = line.split_whitespace();
                let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                let status = match (method, path) {
                    (_, "/ok") => "200 OK",
                    ("HEAD", "/nohead") => "405 Method Not Allowed",
                    ("GET", "/nohead") => "200 OK",
                    (_, "/slow") => {
                        std::thread::sleep(std::time::Duration::from_secs(3));
                        "200 OK"
                    }
                    _ => "404 Not Found",
                };
                let _ = write!(stream, "HTTP/1.1 {status}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
            });
        }
    });
    format!("http://{addr}")
}

#[test]
fn check_external_warns_on_dead_article_links() {
    let base = serve();
    let dir = tempfile::tempdir().unwrap();
    let article = |name: &str, path: &str, archive: &str| {
        (
            format!("content/articles/{name}.md"),
            format!("---\ntitle: {name}\nurl: {base}{path}\n{archive}---\n\nText.\n"),
        )
    };
    let files = [
        article("a-ok", "/ok", ""),
        article("b-nohead", "/nohead", ""),
        article("c-gone", "/gone", "archive: https://web.archive.org/gone\n"),
        article("d-slow", "/slow", ""),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    write_course(dir.path(), &files);
    let root = dir.path().display().to_string();
    let run = std::process::Command::new(common::bin())
        .args(["check", "--external", "--root", &root])
        .env("SYLLABUS_HTTP_TIMEOUT", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr).replace(&base, "BASE");
    assert_eq!(
        stderr,
        "content/articles/c-gone.md:3:6: warning: url BASE/gone does not answer: HTTP 404 Not Found; the archived copy is https://web.archive.org/gone\n\
         content/articles/d-slow.md:3:6: warning: url BASE/slow does not answer: no answer within 1 s; no archived copy is named (add 'archive:')\n"
    );
    assert_eq!(run.status.code(), Some(0), "warnings only");
    for bad in ["inf", "abc", "-3"] {
        let run = std::process::Command::new(common::bin())
            .args(["check", "--external", "--root", &root])
            .env("SYLLABUS_HTTP_TIMEOUT", bad)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        let expected = format!(
            "syllabus: error: SYLLABUS_HTTP_TIMEOUT must be a number of seconds from 0.1 to 3600, such as 10; found '{bad}'\n"
        );
        assert_eq!(stderr, expected);
        assert_eq!(run.status.code(), Some(2), "a bad setting is a bad command line, not a crash");
    }
    let plain = syllabus(&["check", "--root", &root]);
    assert!(plain.stderr.is_empty(), "no request without --external: {}", plain.stderr);
}
