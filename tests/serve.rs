//! `syllabus serve` through the real binary: a real server on a free port, driven by real
//! file edits, HTTP requests and the reload event stream.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use common::{Server, example_course, launch, read, start};

fn next_event(rx: &Receiver<String>) -> String {
    rx.recv_timeout(Duration::from_secs(10)).expect("a reload event within 10 s")
}

/// Polls a page until `check` holds (the rebuild runs after the event is sent).
fn eventually(server: &Server, path: &str, check: impl Fn(u16, &str) -> bool) -> (u16, String) {
    let start = Instant::now();
    loop {
        let (status, body) = server.get(path);
        if check(status, &body) || start.elapsed() > Duration::from_secs(10) {
            return (status, body);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

const LESSON: &str = "content/lessons/01-foundations/01-geopolitical-codes.md";

fn edit(path: &Path, from: &str, to: &str) {
    let text = read(path);
    assert!(text.contains(from), "{from} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn an_edit_reloads_every_browser_with_the_new_page() {
    let server = start(&[]);
    let (status, page) = server.get("/lessons/geopolitical-codes/");
    assert_eq!(status, 200);
    assert!(page.contains("<script src=\"/__syllabus/live.js\"></script>"), "served pages get the reload script");
    let events = server.events();
    edit(&server.path(LESSON), "title: Geopolitical codes", "title: Geopolitical codes, edited");
    assert_eq!(next_event(&events), "reload");
    let (_, page) = eventually(&server, "/lessons/geopolitical-codes/", |_, b| b.contains("codes, edited"));
    assert!(page.contains("<h1>Geopolitical codes, edited</h1>"));
    // An editor's atomic save: write a temporary file, rename it over the page.
    let tmp = server.path("content/lessons/01-foundations/.01-geopolitical-codes.md.swp");
    std::fs::write(&tmp, read(server.path(LESSON)).replace("codes, edited", "codes, saved atomically")).unwrap();
    std::fs::rename(&tmp, server.path(LESSON)).unwrap();
    assert_eq!(next_event(&events), "reload");
    let (_, page) = eventually(&server, "/lessons/geopolitical-codes/", |_, b| b.contains("saved atomically"));
    assert!(page.contains("saved atomically"));
    let (_, js) = server.get("/__syllabus/live.js");
    assert!(js.contains("EventSource"), "the reload script is served");
}

#[test]
fn pages_appear_move_and_disappear_with_their_files() {
    let server = start(&[]);
    let events = server.events();
    let page = server.path("content/extra.md");
    std::fs::write(&page, "---\ntitle: Extra page\n---\n\nNew.\n").unwrap();
    assert_eq!(next_event(&events), "reload");
    assert_eq!(eventually(&server, "/extra/", |s, _| s == 200).0, 200, "a new file appears");
    std::fs::rename(&page, server.path("content/moved.md")).unwrap();
    assert_eq!(next_event(&events), "reload");
    assert_eq!(eventually(&server, "/moved/", |s, _| s == 200).0, 200, "a renamed page moves");
    assert_eq!(server.get("/extra/").0, 404);
    std::fs::remove_file(server.path("content/moved.md")).unwrap();
    assert_eq!(next_event(&events), "reload");
    let (status, body) = eventually(&server, "/moved/", |s, _| s == 404);
    assert_eq!(status, 404, "a deleted page disappears");
    assert!(body.contains("Page not found"), "the site's 404 page: {body}");
}

#[test]
fn a_bad_edit_keeps_the_last_good_site_and_shows_the_errors() {
    let server = start(&[]);
    let events = server.events();
    edit(&server.path(LESSON), "title: Geopolitical codes", "titel: <b>Broken</b>");
    assert_eq!(next_event(&events), "reload");
    let (_, page) = eventually(&server, "/about/", |_, b| b.contains("syllabus-errors"));
    assert!(page.contains("id=\"syllabus-errors\""), "an overlay on every page: {page}");
    assert!(page.contains("unknown key &#39;titel&#39;"), "errors are escaped: {page}");
    assert!(page.contains("01-geopolitical-codes.md:2:1: error:"), "with file:line:column");
    let (_, lesson) = server.get("/lessons/geopolitical-codes/");
    assert!(lesson.contains("<h1>Geopolitical codes</h1>"), "the last good page is still served");
    edit(&server.path(LESSON), "titel: <b>Broken</b>", "title: Geopolitical codes, fixed");
    assert_eq!(next_event(&events), "reload");
    let (_, lesson) = eventually(&server, "/lessons/geopolitical-codes/", |_, b| b.contains("codes, fixed"));
    assert!(!lesson.contains("syllabus-errors"), "the next good save clears the overlay");
}

#[test]
fn a_stylesheet_change_swaps_the_css_without_a_reload() {
    let server = start(&[]);
    let events = server.events();
    let css = server.path("templates/syllabus.css");
    std::fs::write(&css, format!("{}\n/* changed */\n", read(&css))).unwrap();
    assert_eq!(next_event(&events), "css");
    let (_, page) = server.get("/");
    let href = page.split("rel=\"stylesheet\" href=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let (_, served) = server.get(&href);
    assert!(served.contains("/* changed */"), "the new stylesheet is served at {href}");
}

#[test]
fn a_burst_of_changes_is_one_rebuild() {
    let server = start(&[]);
    let events = server.events();
    for i in 0..60 {
        std::fs::write(server.path(&format!("content/burst-{i}.md")), format!("---\ntitle: Burst {i}\n---\n")).unwrap();
    }
    assert_eq!(next_event(&events), "reload");
    std::thread::sleep(Duration::from_millis(800));
    assert!(events.try_recv().is_err(), "one reload for the whole burst");
    assert_eq!(server.get("/burst-59/").0, 200);
}

#[test]
fn polling_sees_changes_too() {
    let server = start(&["--poll"]);
    let events = server.events();
    // Polling compares with what it saw at its first look, by modification times in
    // whole seconds (notify's poller): the edit must fall in a later second than the
    // copy of the course it first saw, which was made before the server started.
    std::thread::sleep(Duration::from_millis(1100));
    edit(&server.path(LESSON), "title: Geopolitical codes", "title: Polled codes");
    assert_eq!(next_event(&events), "reload");
    assert!(
        eventually(&server, "/lessons/geopolitical-codes/", |_, b| b.contains("Polled codes"))
            .1
            .contains("Polled codes")
    );
}

#[test]
fn nothing_outside_the_site_is_ever_served() {
    let server = start(&[]);
    std::fs::write(server.path("secret.txt"), "top secret").unwrap();
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/lessons/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/static/..\\..\\secret.txt",
        "//etc/passwd",
        "/%2Fetc%2Fpasswd",
        "/content/about.md",
        "/course.yaml",
        "/C:/Windows/win.ini",
    ] {
        let (status, head, body) = server.request(path, None);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(!body.contains("top secret") && !body.contains("root:"), "{path} leaked a file");
        assert!(!head.to_ascii_lowercase().contains("access-control-allow-origin"), "{path}: no CORS header");
    }
}

#[test]
fn only_the_server_s_own_name_is_answered() {
    let server = start(&[]);
    let port = server.port;
    assert_eq!(server.request("/", Some(&format!("evil.example.com:{port}"))).0, 403, "DNS rebinding");
    assert_eq!(server.request("/", Some("127.0.0.1")).0, 403, "another port");
    assert_eq!(server.request("/", Some(&format!("localhost:{port}"))).0, 200);
    let (_, head, _) = server.request("/", None);
    assert!(!head.to_ascii_lowercase().contains("access-control-allow-origin"));
}

#[test]
fn built_sites_never_carry_the_reload_script_or_drafts() {
    let course = example_course();
    let draft = course.path().join("content/lessons/01-foundations/09-secret-draft.md");
    std::fs::write(&draft, "---\ntitle: Secret draft\ndraft: true\n---\n\nNot yet.\n").unwrap();
    let root = course.path().display().to_string();
    assert_eq!(common::syllabus(&["build", "--root", &root]).code, 0);
    for (path, bytes) in common::snapshot(&course.path().join("public")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("__syllabus"), "{path} carries the reload script");
        assert!(!text.contains("Secret draft"), "{path} carries a draft");
    }
}

#[test]
fn binding_beyond_this_machine_warns() {
    let dir = example_course();
    let mut child = Command::new(common::bin())
        .args(["serve", "--root", &dir.path().display().to_string(), "--port", "0", "--bind", "0.0.0.0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stderr.take().unwrap()).read_line(&mut first).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(first.starts_with("warning: serving on 0.0.0.0"), "{first}");
}

#[test]
fn an_edit_updates_the_pages_that_list_or_link_to_it() {
    let server = start(&[]);
    let events = server.events();
    let target = "/lessons/top-down-nationalism/";
    let linked = |body: &str| {
        let from = body.find("id=\"linked-from\"").map_or("", |i| &body[i..]);
        from.contains("/lessons/geopolitical-codes/")
    };
    assert!(!linked(&server.get(target).1), "no link yet");
    let lesson = server.path(LESSON);
    std::fs::write(&lesson, format!("{}\nSee also [[lesson:top-down-nationalism]].\n", read(&lesson))).unwrap();
    assert_eq!(next_event(&events), "reload");
    let (_, page) = eventually(&server, target, |_, b| linked(b));
    assert!(linked(&page), "the linked lesson lists the new backlink");
    std::fs::write(&lesson, read(&lesson).replace("\nSee also [[lesson:top-down-nationalism]].\n", "")).unwrap();
    assert_eq!(next_event(&events), "reload");
    let (_, page) = eventually(&server, target, |_, b| !linked(b));
    assert!(!linked(&page), "and drops it when the link goes");
    // A concept's definition edited: the lessons that list it show the new text.
    let concept = server.path("content/concepts/geopolitical-code.md");
    edit(&concept, "definition: \"The working", "definition: \"Newly defined. The working");
    assert_eq!(next_event(&events), "reload");
    let (_, page) = eventually(&server, "/lessons/geopolitical-codes/", |_, b| b.contains("Newly defined."));
    assert!(page.contains("Newly defined."));
}

/// `serve` started inside the course (the default `--root .`), or with a relative or
/// symbolic-link root: each sees an edit, and says what it watches.
#[test]
fn relative_and_linked_roots_see_edits() {
    let cases: [(&str, Option<&str>); 5] = [
        ("course", None),
        ("course", Some(".")),
        ("", Some("course")),
        ("elsewhere", Some("../course")),
        ("", Some("link")),
    ];
    let servers: Vec<(Server, String)> = cases
        .iter()
        .map(|(cwd, root)| {
            let dir = tempfile::tempdir().unwrap();
            let course = dir.path().join("course");
            let example = example_course();
            common::copy_tree(&example.path().join("content"), &course.join("content"));
            common::copy_tree(&example.path().join("static"), &course.join("static"));
            std::fs::copy(common::repo().join("course.yaml"), course.join("course.yaml")).unwrap();
            std::fs::create_dir_all(dir.path().join("elsewhere")).unwrap();
            #[cfg(unix)]
            std::os::unix::fs::symlink(&course, dir.path().join("link")).unwrap();
            let args: Vec<String> = root.iter().flat_map(|r| ["--root".to_string(), r.to_string()]).collect();
            let cwd = dir.path().join(cwd);
            let (server, said) = launch(dir, course.clone(), &cwd, &args, &[]);
            let real = course.canonicalize().unwrap().display().to_string();
            let watching = format!("Watching content/, static/ and course.yaml in {real}");
            assert_eq!(said.first(), Some(&watching), "{cwd:?} {root:?}");
            (server, format!("{cwd:?} --root {root:?}"))
        })
        .collect();
    let streams: Vec<_> = servers.iter().map(|(s, _)| s.events()).collect();
    for (server, _) in &servers {
        edit(&server.path(LESSON), "title: Geopolitical codes", "title: Seen from anywhere");
    }
    for ((server, case), events) in servers.iter().zip(&streams) {
        assert_eq!(events.recv_timeout(Duration::from_secs(10)).as_deref(), Ok("reload"), "{case}: no reload");
        let (_, page) = eventually(server, "/lessons/geopolitical-codes/", |_, b| b.contains("Seen from anywhere"));
        assert!(page.contains("<h1>Seen from anywhere</h1>"), "{case}: the edit is not served");
    }
}

/// An internal error while rebuilding: the error shows over the last good site, which
/// keeps being served, and the next save recovers.
#[test]
fn a_panic_while_rebuilding_keeps_the_last_good_site() {
    let dir = example_course();
    let root = dir.path().to_path_buf();
    let args = ["--root".to_string(), root.display().to_string()];
    let env = [("SYLLABUS_TEST_PANIC_ON_REBUILD", "02-spheres-of-influence.md")];
    let (server, _) = launch(dir, root.clone(), &root, &args, &env);
    let events = server.events();
    edit(&server.path(LESSON), "title: Geopolitical codes", "title: Before the panic");
    assert_eq!(next_event(&events), "reload");
    eventually(&server, "/lessons/geopolitical-codes/", |_, b| b.contains("Before the panic"));
    let other = server.path("content/lessons/01-foundations/02-spheres-of-influence.md");
    std::fs::write(&other, format!("{}\nMore.\n", read(&other))).unwrap();
    assert_eq!(next_event(&events), "reload");
    let (status, page) = eventually(&server, "/lessons/geopolitical-codes/", |_, b| b.contains("syllabus-errors"));
    assert_eq!(status, 200);
    assert!(page.contains("internal error while rebuilding (test panic while rebuilding)"), "{page}");
    assert!(page.contains("<h1>Before the panic</h1>"), "the last good site is still served");
    edit(&server.path(LESSON), "title: Before the panic", "title: After the panic");
    assert_eq!(next_event(&events), "reload");
    let (_, page) = eventually(&server, "/lessons/geopolitical-codes/", |_, b| b.contains("After the panic"));
    assert!(!page.contains("syllabus-errors"), "the next save recovers: {page}");
}

#[test]
fn a_file_beside_a_lesson_is_served_and_follows_its_edits() {
    let server = start(&["--instructor"]);
    let events = server.events();
    let fig = server.path("content/lessons/01-foundations/fig");
    std::fs::create_dir_all(&fig).unwrap();
    std::fs::write(fig.join("map.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"30\"/>")
        .unwrap();
    edit(&server.path(LESSON), "## ", "![A map](fig/map.svg)\n\n> [!INSTRUCTOR]\n> Ask about the map first.\n\n## ");
    assert_eq!(next_event(&events), "reload");
    let (_, page) = eventually(&server, "/lessons/geopolitical-codes/", |_, b| b.contains("fig/map.svg"));
    assert!(
        page.contains("src=\"/files/lessons/01-foundations/fig/map.svg\" alt=\"A map\" width=\"40\" height=\"30\""),
        "{page}"
    );
    assert!(page.contains("data-callout=\"instructor\""), "serve --instructor shows the notes");
    let (status, svg) = server.get("/files/lessons/01-foundations/fig/map.svg");
    assert_eq!((status, svg.contains("height=\"30\"")), (200, true));
    // A new size, read again: the page follows.
    std::fs::write(fig.join("map.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"80\" height=\"60\"/>")
        .unwrap();
    let (_, page) = eventually(&server, "/lessons/geopolitical-codes/", |_, b| b.contains("width=\"80\""));
    assert!(page.contains("width=\"80\" height=\"60\""), "the new size shows");
}
