//! Hostile and pathological courses through the real binary: markup in every field stays
//! text everywhere the site puts it, dangerous URLs are refused, absurd Markdown and YAML
//! build or fail cleanly (never a hang, a crash or a panic).

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{hostile_course, read, snapshot, syllabus, write};

/// Every occurrence of the payload in a built file must be escaped.
fn unescaped(files: &std::collections::BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut found = Vec::new();
    // BibTeX and RIS are plain text for reference managers, escaped as those formats
    // require (tests/readings.rs reads them back); every other file is HTML, XML or JSON.
    for (path, bytes) in files.iter().filter(|(p, _)| !p.ends_with(".bib") && !p.ends_with(".ris")) {
        let text = String::from_utf8_lossy(bytes);
        for bad in ["<script>alert(1)", "<img src=x onerror", "\"><script>"] {
            if text.contains(bad) {
                found.push(format!("{path}: contains {bad}"));
            }
        }
    }
    found
}

#[test]
fn markup_in_every_field_stays_text_everywhere() {
    // raw_html: false keeps even page bodies as text; with raw_html: true the author's body
    // HTML is trusted and kept (tests/build.rs), so only fields carry the payload there.
    for raw_html in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        hostile_course(dir.path(), raw_html);
        let run = syllabus(&["build", "--root", &dir.path().display().to_string()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let files = snapshot(&dir.path().join("public"));
        assert!(files.len() > 20, "every page kind was built");
        let bad = unescaped(&files);
        assert!(bad.is_empty(), "raw_html: {raw_html}:\n{}", bad.join("\n"));
    }
}

#[test]
fn refused_urls_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "content/articles/a.md",
        "---\ntitle: A\nurl: javascript:alert(1)\narchive: data:text/html,x\n---\n\n[x](JavaScript:alert(1)) [y](vbscript:x)\n",
    );
    let run = syllabus(&["check", "--root", &dir.path().display().to_string()]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "content/articles/a.md:3:6: error: 'javascript:alert(1)' is not an http:// or https:// address\n\
         content/articles/a.md:4:10: error: 'data:text/html,x' is not an http:// or https:// address\n\
         content/articles/a.md:7:1: error: refused 'javascript:' URL in a link; only http, https, mailto and site links are allowed\n\
         content/articles/a.md:7:26: error: refused 'vbscript:' URL in a link; only http, https, mailto and site links are allowed\n\
         syllabus: 4 errors, 0 warnings\n"
    );
}

/// Runs a build with a time limit; a hang is a failure, not a stuck test.
fn build_within(root: &Path, limit: Duration) -> (Option<i32>, String, Duration) {
    let start = Instant::now();
    let mut child = Command::new(common::bin())
        .args(["build", "--root", &root.display().to_string()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
            return (status.code(), err, start.elapsed());
        }
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("the build hung for more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn pathological_markdown_builds_without_hanging_or_crashing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let lesson = |name: &str, body: String| {
        write(root, &format!("content/lessons/01-a/{name}.md"), &format!("---\ntitle: {name}\n---\n\n{body}"))
    };
    lesson("01-quotes", format!("{} deep\n", ">".repeat(10_000)));
    lesson("02-lists", (0..1500).map(|i| format!("{}- item\n", "  ".repeat(i))).collect());
    lesson("03-emphasis", "*a ".repeat(50_000));
    lesson("04-brackets", "[".repeat(30_000));
    lesson("05-wikilinks", format!("{}{}", "[[".repeat(10_000), "](".repeat(10_000)));
    // A 50 MB lesson, and the time and memory these take, are in benches/pathological.py.
    let para = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. ".repeat(20) + "\n\n";
    lesson("06-two-megabytes", para.repeat(2_000_000 / para.len()));
    // Code: a 5 MB line (shown plain: too long to highlight) and 10,000 highlighted lines.
    lesson("07-long-line", format!("```python\n{}\n```\n", "x = 1; ".repeat(5_000_000 / 7)));
    let lines: String = (0..10_000).map(|i| format!("v{i} = f({i})  # n\n")).collect();
    lesson("08-many-lines", format!("```python\n{lines}```\n"));
    let (code, stderr, _) = build_within(root, Duration::from_secs(300));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let big = std::fs::metadata(root.join("public/lessons/two-megabytes/index.html")).unwrap().len();
    assert!(big > 2_000_000, "the long lesson is all there");
    let long = common::read(root.join("public/lessons/long-line/index.html"));
    assert!(long.len() > 5_000_000 && !long.contains("class=\"hl-"), "the 5 MB line is there, plain");
    let many = common::read(root.join("public/lessons/many-lines/index.html"));
    assert_eq!(many.matches("<span class=\"hl-comment\"># n</span>").count(), 10_000, "every line highlighted");
}

#[test]
fn yaml_bombs_and_deep_nesting_fail_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (i, c) in "bcdefghi".chars().enumerate() {
        let prev = (b'a' + i as u8) as char;
        bomb.push_str(&format!("{c}: &{c} [{}]\n", vec![format!("*{prev}"); 10].join(", ")));
    }
    write(dir.path(), "content/quizzes/bomb.yaml", &format!("title: Bomb\n{bomb}questions: []\n"));
    write(
        dir.path(),
        "content/quizzes/deep.yaml",
        &format!("title: Deep\nextra: {}{}\n", "[".repeat(10_000), "]".repeat(10_000)),
    );
    let deep_block: String = (0..10_000).map(|i| format!("{}k:\n", "  ".repeat(i))).collect();
    write(dir.path(), "content/about.md", &format!("---\ntitle: About\nextra:\n{deep_block}---\n"));
    let (code, stderr, _) = build_within(dir.path(), Duration::from_secs(60));
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("content/quizzes/bomb.yaml:") && stderr.contains("the YAML expands to too many values"),
        "{stderr}"
    );
    assert!(stderr.contains("content/quizzes/deep.yaml:") && stderr.contains("nested too deeply"), "{stderr}");
    assert!(stderr.contains("content/about.md:") && stderr.contains("nested too deeply"), "{stderr}");
}

#[test]
fn a_killed_build_leaves_no_half_written_file_and_the_next_one_repairs() {
    let course = common::example_course();
    let root = course.path().display().to_string();
    let out = course.path().join("public");
    assert_eq!(syllabus(&["build", "--root", &root]).code, 0);
    let old = snapshot(&out);
    // Change every page, so a build rewrites them all, and know what it should write.
    let config = course.path().join("course.yaml");
    std::fs::write(&config, read(&config).replace("title: \"Power", "title: \"Killed: Power")).unwrap();
    let expected_dir = tempfile::tempdir().unwrap();
    let expected_out = expected_dir.path().join("out");
    assert_eq!(syllabus(&["build", "--root", &root, "--output", &expected_out.display().to_string()]).code, 0);
    let new = snapshot(&expected_out);
    // Moments spread over the whole build, and three random ones (named if one fails).
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos() as u64;
    let random =
        (1..=3u64).map(|i| (seed.wrapping_mul(6364136223846793005).wrapping_add(i * 1442695040888963407) >> 33) % 200);
    for delay_ms in [0u64, 5, 10, 20, 40, 80, 160].into_iter().chain(random) {
        let mut child = Command::new(common::bin())
            .args(["build", "--root", &root])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        for (path, bytes) in snapshot(&out) {
            if path == ".syllabus-output" || path.ends_with(".syllabus-tmp") {
                continue;
            }
            let whole = old.get(&path) == Some(&bytes) || new.get(&path) == Some(&bytes);
            assert!(whole, "after a kill at {delay_ms} ms, {path} is neither the old nor the new file");
        }
    }
    assert_eq!(syllabus(&["build", "--root", &root]).code, 0);
    let mut repaired = snapshot(&out);
    let mut new = new;
    repaired.remove(".syllabus-output");
    new.remove(".syllabus-output");
    assert_eq!(repaired, new, "the next build repairs the output");
}

#[test]
fn symbolic_links_are_followed_only_inside_the_course_and_loops_are_errors() {
    // Links outside the course are skipped with a warning naming where they lead; nothing
    // of what they point at is published.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("course");
    write(&root, "content/lessons/01-a/01-real.md", "---\ntitle: Real\n---\n\nText.\n");
    let outside = dir.path().join("outside");
    write(&outside, "secret.md", "---\ntitle: Secret\n---\n\nOutside the course.\n");
    write(&outside, "secret.png", "png");
    std::os::unix::fs::symlink(root.join("content/lessons/01-a/01-real.md"), root.join("content/about.md")).unwrap();
    std::os::unix::fs::symlink(outside.join("secret.md"), root.join("content/secret.md")).unwrap();
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::os::unix::fs::symlink(outside.join("secret.png"), root.join("static/secret.png")).unwrap();
    std::os::unix::fs::symlink(root.join("content"), root.join("content/lessons/01-a/loop")).unwrap();
    let run = syllabus(&["build", "--root", &root.display().to_string()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let real = outside.canonicalize().unwrap();
    let skipped = |link: &str, to: &str| {
        format!(
            "{link}: warning: symbolic link leads outside the course (to {}), so it is skipped; copy what it points at into the course instead",
            real.join(to).display()
        )
    };
    assert!(run.stderr.contains(&skipped("content/secret.md", "secret.md")), "{}", run.stderr);
    assert!(run.stderr.contains(&skipped("static/secret.png", "secret.png")), "{}", run.stderr);
    assert!(run.stderr.contains("content/lessons/01-a/loop: error: cannot read: symbolic link loop"), "{}", run.stderr);
    assert!(!root.join("public").exists(), "nothing written");
    std::fs::remove_file(root.join("content/lessons/01-a/loop")).unwrap();
    let run = syllabus(&["build", "--root", &root.display().to_string()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!root.join("public/secret").exists() && !root.join("public/secret.png").exists(), "nothing outside");
    assert!(
        read(root.join("public/about/index.html")).contains("<h1>Real</h1>"),
        "a link inside the course is followed"
    );
}

/// A named pipe where a lesson should be would make a build that opens it wait forever.
#[test]
fn a_named_pipe_is_skipped_with_a_warning_and_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "content/lessons/01-a/01-real.md", "---\ntitle: Real\n---\n\nText.\n");
    for fifo in ["content/lessons/01-a/03-pipe.md", "static/pipe.png"] {
        std::fs::create_dir_all(root.join(fifo).parent().unwrap()).unwrap();
        assert!(Command::new("mkfifo").arg(root.join(fifo)).status().unwrap().success());
    }
    let (code, stderr, _) = build_within(root, Duration::from_secs(60));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr
            .contains("content/lessons/01-a/03-pipe.md: warning: not a regular file (a named pipe), so it is skipped"),
        "{stderr}"
    );
    assert!(
        stderr.contains("static/pipe.png: warning: not a regular file (a named pipe), so it is skipped"),
        "{stderr}"
    );
}

#[test]
fn two_files_for_one_url_are_an_error_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    // "café" written with a composed é and with e + a combining accent: one URL.
    write(dir.path(), "content/lessons/01-a/01-caf\u{e9}.md", "---\ntitle: One\n---\n");
    write(dir.path(), "content/lessons/02-b/01-cafe\u{301}.md", "---\ntitle: Two\n---\n");
    let run = syllabus(&["check", "--root", &dir.path().display().to_string()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("error: duplicate lesson id 'caf\u{e9}': content/lessons/01-a/01-caf\u{e9}.md and content/lessons/02-b/01-cafe\u{301}.md both have it"),
        "{}",
        run.stderr
    );
    let upper = tempfile::tempdir().unwrap();
    write(upper.path(), "content/Lessons.md", "---\ntitle: Case\n---\n");
    let run = syllabus(&["check", "--root", &upper.path().display().to_string()]);
    assert!(
        run.stderr.contains("content/Lessons.md: error: bad file name: its id 'Lessons' contains an uppercase letter"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_full_disk_is_reported_and_the_output_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let course = common::example_course();
    let disk = dir.path().join("disk");
    std::fs::create_dir_all(&disk).unwrap();
    // A 64 KB file system (as root), else a 64 KB limit on file sizes: writes fail either way.
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs", &disk.display().to_string()])
        .status()
        .is_ok_and(|s| s.success());
    let out = disk.join("site");
    let script = format!(
        "{} exec {} build --root {} --output {}",
        if mounted { "" } else { "trap '' XFSZ; ulimit -f 16;" },
        common::bin(),
        course.path().display(),
        out.display()
    );
    let run = Command::new("bash").args(["-c", &script]).output().unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr).to_string();
    let left = snapshot(&disk);
    if mounted {
        let _ = Command::new("umount").arg(&disk).status();
    }
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    let reason = if mounted { "No space left on device" } else { "File too large" };
    assert!(stderr.contains("cannot write") && stderr.contains(reason), "{stderr}");
    assert!(left.is_empty(), "nothing was left behind: {:?}", left.keys().collect::<Vec<_>>());
}

/// Two builds into one output folder take turns: the second waits for the first and says
/// which process it waits for; builds started together all succeed.
#[test]
fn builds_into_one_output_folder_take_turns() {
    let course = common::example_course();
    let root = course.path().display().to_string();
    let out = course.path().join("public");
    // Hold the lock as a build would.
    let lock_path = syllabus::output::folder::lock_path(&out);
    let mut held =
        std::fs::File::options().read(true).write(true).create(true).truncate(true).open(&lock_path).unwrap();
    held.lock().unwrap();
    std::io::Write::write_all(&mut held, b"process 4242").unwrap();
    let mut child = Command::new(common::bin())
        .args(["build", "--root", &root])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    std::io::BufRead::read_line(&mut stderr, &mut first).unwrap();
    let expected = format!("syllabus: a build (process 4242) is writing {}; waiting for it to finish\n", out.display());
    assert_eq!(first, expected);
    std::thread::sleep(Duration::from_millis(300));
    assert!(child.try_wait().unwrap().is_none(), "it waits while the lock is held");
    assert!(!out.exists(), "and writes nothing meanwhile");
    drop(held);
    assert!(child.wait().unwrap().success(), "then it builds");
    assert!(out.join("index.html").exists());
    // Four builds at once into a new folder: each succeeds, one after another.
    std::fs::remove_dir_all(&out).unwrap();
    let children: Vec<_> = (0..4)
        .map(|_| {
            Command::new(common::bin())
                .args(["build", "--root", &root])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        assert!(!stderr.contains("cannot write"), "{stderr}");
    }
    assert!(out.join("index.html").exists());
}
