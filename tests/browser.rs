//! Browser tests: the built example course in headless Chromium, through the Node.js
//! scripts in `tests/browser/` (axe-core accessibility checks, layout at phone and desktop
//! widths, no request to another host, no script errors), the interactive quizzes with the
//! progress a learner keeps (`quiz.mjs`), search, and the preview's error overlay.
//!
//! Needs Node.js with the packages of `tests/browser` (`npm ci` there) and Debian's
//! `chromium`; `.ci/run` installs them. `SYLLABUS_SKIP_BROWSER=1` shows these tests as
//! ignored; otherwise a missing tool is a failure, not a pass. Its own harness (one test
//! each, run in parallel, filtered by name as usual).

mod common;

use std::path::Path;
use std::process::Command;

use common::{example_course, repo, syllabus};
use libtest_mimic::{Arguments, Trial};

fn main() {
    let args = Arguments::from_args();
    let skip = std::env::var_os("SYLLABUS_SKIP_BROWSER").is_some();
    let tests: [(&str, fn()); 17] = [
        ("every_page_kind_is_accessible_and_responsive", every_page_kind_is_accessible_and_responsive),
        (
            "concept_previews_work_with_mouse_keyboard_touch_and_without_javascript",
            concept_previews_work_with_mouse_keyboard_touch_and_without_javascript,
        ),
        ("quizzes_score_explain_review_and_keep_progress", quizzes_score_explain_review_and_keep_progress),
        (
            "search_finds_terms_phrases_stems_and_cjk_but_never_quiz_answers",
            search_finds_terms_phrases_stems_and_cjk_but_never_quiz_answers,
        ),
        ("search_works_under_a_sub_path", search_works_under_a_sub_path),
        ("search_js_makes_the_same_terms_as_the_index", search_js_makes_the_same_terms_as_the_index),
        ("no_script_from_a_field_runs_on_any_page", no_script_from_a_field_runs_on_any_page),
        (
            "the_preview_error_overlay_is_readable_in_light_and_dark",
            the_preview_error_overlay_is_readable_in_light_and_dark,
        ),
        (
            "code_math_callouts_and_figures_read_well_and_work_without_javascript",
            code_math_callouts_and_figures_read_well_and_work_without_javascript,
        ),
        (
            "a_module_prints_as_one_document_with_its_answers_at_the_end",
            a_module_prints_as_one_document_with_its_answers_at_the_end,
        ),
        ("screenshots_for_review", screenshots_for_review),
        ("a_french_course_speaks_french_everywhere", a_french_course_speaks_french_everywhere),
        ("the_review_scheduler_gives_fsrs_reference_values", the_review_scheduler_gives_fsrs_reference_values),
        ("an_arabic_course_reads_right_to_left_in_arabic", an_arabic_course_reads_right_to_left_in_arabic),
        ("a_learner_reviews_cards_through_a_week", a_learner_reviews_cards_through_a_week),
        ("a_relative_build_works_opened_from_disk", a_relative_build_works_opened_from_disk),
        ("a_scorm_package_reports_to_a_platform_and_resumes", a_scorm_package_reports_to_a_platform_and_resumes),
    ];
    let trials = tests
        .into_iter()
        .map(|(name, test)| {
            Trial::test(name, move || {
                ready();
                test();
                Ok(())
            })
            .with_ignored_flag(skip)
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

fn browser_dir() -> std::path::PathBuf {
    repo().join("tests/browser")
}

/// Checks the tools are there; a missing one is a failure that says how to install it.
fn ready() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "browser tests need Chromium at {chromium}: apt-get install -y chromium (or set SYLLABUS_SKIP_BROWSER=1 to skip them)"
    );
    let dir = browser_dir();
    assert!(
        dir.join("node_modules/playwright-core").exists() && dir.join("node_modules/axe-core").exists(),
        "browser tests need their npm packages: (cd tests/browser && npm ci)"
    );
}

/// Builds the example course with `extra` arguments and runs a browser script on it.
fn run_script(script: &str, build_args: &[&str]) {
    run_script_with(script, build_args, |_| {});
}

/// As `run_script`, after `setup` has changed the copy of the example course.
fn run_script_with(script: &str, build_args: &[&str], setup: impl FnOnce(&Path)) {
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
        .args(if ["a11y.mjs", "quiz.mjs", "review.mjs"].contains(&script) {
            vec!["--screenshots".to_string(), shots.display().to_string()]
        } else {
            Vec::new()
        })
        .status()
        .expect("node runs");
    assert!(status.success(), "{script} failed on the example course (see its report above)");
}

fn every_page_kind_is_accessible_and_responsive() {
    run_script("a11y.mjs", &[]);
}

/// Screenshots of the pages to look at after a change to the theme, in
/// `target/screenshots/review-*.png`: a lesson with its outline, the phone header, a
/// module's key points, a quiz with code in its prompt, the concept map at 9 and at 1,000
/// concepts, a module's print page.
fn screenshots_for_review() {
    let dir = tempfile::tempdir().unwrap();
    let build = |root: &Path, out: &Path| {
        let run = syllabus(&["build", "--root", &root.display().to_string(), "--output", &out.display().to_string()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    };
    let example = example_course();
    build(example.path(), &dir.path().join("example"));
    let content = dir.path().join("content-course");
    common::copy_tree(&browser_dir().join("content-course"), &content);
    build(&content, &dir.path().join("content"));
    let large = dir.path().join("large-course");
    let status = Command::new("python3")
        .arg(repo().join("benches/gen_course.py"))
        .arg(&large)
        .args(["--lessons", "120", "--concepts", "1000", "--articles", "2", "--quizzes", "2"])
        .status()
        .expect("python3 runs");
    assert!(status.success(), "the generator failed");
    build(&large, &dir.path().join("large"));
    let site = |name: &str| dir.path().join(name).display().to_string();
    let status = Command::new("node")
        .arg(browser_dir().join("shots.mjs"))
        .args(["--example", &site("example"), "--content", &site("content"), "--large", &site("large")])
        .args(["--out", &repo().join("target/screenshots").display().to_string()])
        .status()
        .expect("node runs");
    assert!(status.success(), "shots.mjs failed");
}

fn a_module_prints_as_one_document_with_its_answers_at_the_end() {
    run_script("print.mjs", &[]);
}

fn concept_previews_work_with_mouse_keyboard_touch_and_without_javascript() {
    run_script("concepts.mjs", &[]);
}

fn quizzes_score_explain_review_and_keep_progress() {
    run_script_with("quiz.mjs", &[], |root| {
        let quiz = browser_dir().join("all-types.yaml");
        std::fs::copy(quiz, root.join("content/quizzes/all-types.yaml")).expect("copy the all-types quiz");
    });
}

/// The review page through a learner's week on a fake clock (`review.mjs`), with the
/// all-types quiz so that every question type is asked again.
fn a_learner_reviews_cards_through_a_week() {
    run_script_with("review.mjs", &[], |root| {
        let quiz = browser_dir().join("all-types.yaml");
        std::fs::copy(quiz, root.join("content/quizzes/all-types.yaml")).expect("copy the all-types quiz");
    });
}

/// The example course built with `--relative`, opened over `file://` (`offline.mjs`).
fn a_relative_build_works_opened_from_disk() {
    run_script("offline.mjs", &["--relative"]);
}

/// The example course as a SCORM 1.2 package, unzipped beside a test platform whose API is
/// scorm-again (`scorm.mjs`).
fn a_scorm_package_reports_to_a_platform_and_resumes() {
    let course = example_course();
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("course.zip");
    let root = course.path().display().to_string();
    let run =
        syllabus(&["export", "course", "--format", "scorm12", "--root", &root, "--output", &zip.display().to_string()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    archive.extract(dir.path().join("course")).unwrap();
    let lms = dir.path().join("lms");
    std::fs::create_dir_all(&lms).unwrap();
    std::fs::copy(browser_dir().join("scorm-lms/index.html"), lms.join("index.html")).unwrap();
    std::fs::copy(browser_dir().join("node_modules/scorm-again/dist/scorm12.js"), lms.join("scorm12.js")).unwrap();
    let status = Command::new("node")
        .arg(browser_dir().join("scorm.mjs"))
        .args(["--root", &dir.path().display().to_string()])
        .status();
    assert!(status.expect("node runs").success(), "scorm.mjs failed (see its report above)");
}

/// Builds the search fixture course (`tests/browser/search-course`), at the root or under
/// a sub-path, and runs `search.mjs` on it served there.
fn run_search(prefix: &str) {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(&browser_dir().join("search-course"), dir.path());
    let root = dir.path().display().to_string();
    let out = dir.path().join("public").display().to_string();
    let run = syllabus(&["build", "--root", &root, "--output", &out, "--base-url", prefix]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let status = Command::new("node")
        .arg(browser_dir().join("search.mjs"))
        .args(["--site", &out, "--prefix", prefix])
        .status()
        .expect("node runs");
    assert!(status.success(), "search.mjs failed with the site at {prefix} (see its report above)");
}

/// Builds `tests/browser/content-course` without and with `--instructor` and runs
/// `content.mjs` on both.
fn code_math_callouts_and_figures_read_well_and_work_without_javascript() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(&browser_dir().join("content-course"), dir.path());
    // Eight pages of its own: more top-level links than the header shows on one line.
    for i in 1..=8 {
        let page = format!("---\ntitle: Page number {i}\n---\n\nText.\n");
        std::fs::write(dir.path().join(format!("content/page-{i}.md")), page).unwrap();
    }
    let root = dir.path().display().to_string();
    let out = dir.path().join("public").display().to_string();
    let teacher = dir.path().join("teacher").display().to_string();
    for (output, extra) in [(&out, None), (&teacher, Some("--instructor"))] {
        let mut args = vec!["build", "--root", &root, "--output", output, "--strict"];
        args.extend(extra);
        let run = syllabus(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let status = Command::new("node")
        .arg(browser_dir().join("content.mjs"))
        .args(["--site", &out, "--instructor-site", &teacher])
        .status()
        .expect("node runs");
    assert!(status.success(), "content.mjs failed (see its report above)");
}

/// Builds `tests/browser/LANG-course` and runs on it, in its language, the quiz and concept
/// tests, `i18n.mjs` (no English left after every interaction, axe, search stemmed in the
/// language, screenshots) and, with `layout`, the accessibility and layout checks at
/// three widths.
fn course_in_its_language(lang: &str, searches: &[(&str, &str)], layout: bool) {
    let dir = tempfile::tempdir().unwrap();
    let course = browser_dir().join(format!("{lang}-course"));
    let out = dir.path().join("public").display().to_string();
    let run = syllabus(&["build", "--root", &course.display().to_string(), "--output", &out, "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let shots = repo().join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let node = |script: &str, extra: &[String]| {
        let status = Command::new("node")
            .arg(browser_dir().join(script))
            .args(["--site", &out])
            .args(extra)
            .status()
            .expect("node runs");
        assert!(status.success(), "{script} failed on the {lang} course (see its report above)");
    };
    let mut args = vec!["--course".to_string(), course.display().to_string(), "--lang".into(), lang.into()];
    for (query, expect) in searches {
        args.extend(["--query".to_string(), query.to_string(), "--expect".into(), expect.to_string()]);
    }
    args.extend(["--screenshots".to_string(), shots.display().to_string()]);
    node("i18n.mjs", &args);
    node("quiz.mjs", &[]);
    node("concepts.mjs", &[]);
    if layout {
        node("a11y.mjs", &[]);
    }
}

/// `templates/fsrs.js`, the review page's scheduler, against the values the FSRS reference
/// implementations publish in their tests, with a clock it never reads.
fn the_review_scheduler_gives_fsrs_reference_values() {
    let status = Command::new("node").arg(browser_dir().join("fsrs.mjs")).status().expect("node runs");
    assert!(status.success(), "fsrs.mjs found a difference (see above)");
}

fn a_french_course_speaks_french_everywhere() {
    let searches =
        [("Ruissellements", "/concepts/ruissellement/"), ("impermeabilisation", "/concepts/impermeabilisation/")];
    course_in_its_language("fr", &searches, false);
}

fn an_arabic_course_reads_right_to_left_in_arabic() {
    course_in_its_language("ar", &[("أمطار", "/lessons/computing-runoff/")], true);
}

fn search_finds_terms_phrases_stems_and_cjk_but_never_quiz_answers() {
    run_search("/");
}

fn search_works_under_a_sub_path() {
    run_search("/course/");
}

/// Words to compare the two tokenizers on: every word of the example course, each with
/// suffixes that exercise every step of the English stemmer, and texts in other scripts.
fn parity_cases() -> Vec<String> {
    let mut words = std::collections::BTreeSet::new();
    for entry in walkdir::WalkDir::new(repo().join("content")).into_iter().flatten() {
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            words.extend(text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 1).map(str::to_lowercase));
        }
    }
    const SUFFIXES: &[&str] = &[
        "", "s", "es", "ies", "ied", "ed", "eed", "eedly", "ing", "ingly", "edly", "ly", "y", "ness", "ful", "fully",
        "fulness", "ation", "ational", "tional", "ize", "izer", "ization", "alize", "able", "ably", "ible", "ive",
        "iveness", "iviti", "ism", "alism", "ist", "ity", "aliti", "biliti", "bli", "ment", "ement", "ent", "entli",
        "ence", "enci", "ance", "anci", "ant", "er", "ous", "ousli", "ousness", "al", "alli", "ical", "icate", "iciti",
        "ic", "ative", "ator", "ogi", "li", "lessli", "fulli", "ion", "sion", "tion", "e", "ll", "at", "bl", "iz",
    ];
    let mut cases: Vec<String> = Vec::new();
    for word in &words {
        cases.extend(SUFFIXES.iter().map(|s| format!("{word}{s}")));
    }
    for stem in ["hop", "tap", "fil", "gener", "commun", "arsen", "sky", "ski", "dy", "ly", "ty", "say", "play", "cry"]
    {
        cases.extend(SUFFIXES.iter().map(|s| format!("{stem}{s}")));
    }
    cases.extend(
        [
            "Café naïve ＡＢＣ résumé cafe\u{301} Straße İstanbul ΟΔΟΣ Ørsted",
            "海绵城市 建设海绵城市，以减少内涝。 sponge城市 ソウルの서울 한국어 텍스트",
            "inning innings outing canning herring earring proceed exceed succeeded",
            "skis skies dying lying tying idly gently ugly early only singly news howe atlas cosmos bias andes",
            "'quoted' don't learner's O'Neill x y z 1 22 333 ½ ①",
            "yes youth yelled crying saying buyer Yvonne",
        ]
        .map(String::from),
    );
    cases
}

/// The words of `tests/data/stemming/NAME.txt`: every root with every ending, then the
/// free-standing words.
fn stemming_words(name: &str) -> Vec<String> {
    let text = common::read(repo().join(format!("tests/data/stemming/{name}.txt")));
    let (mut roots, mut endings, mut words) = (Vec::new(), Vec::new(), Vec::new());
    let mut section = "";
    for line in text.lines().map(str::trim) {
        match line {
            "# roots" | "# endings" | "# words" => section = line,
            "" => {}
            _ if line.starts_with('#') => {}
            _ => match section {
                "# roots" => roots.push(line.to_string()),
                "# endings" => endings.push(line.to_string()),
                _ => words.push(line.to_string()),
            },
        }
    }
    let mut all: Vec<String> = roots.iter().flat_map(|r| endings.iter().map(move |e| format!("{r}{e}"))).collect();
    all.extend(words);
    all.sort();
    all.dedup();
    all
}

fn search_js_makes_the_same_terms_as_the_index() {
    use syllabus::site::search::tokenize::{STEMMERS, Tokenizer};
    let mut languages = Vec::new();
    // English: the example course's words with the suffixes of every step, and other scripts.
    let english = Tokenizer::new("en");
    let cases: Vec<(String, Vec<String>)> =
        parity_cases().into_iter().map(|t| (t.clone(), english.terms(&t))).collect();
    assert!(cases.len() > 10_000, "too few English words to compare: {}", cases.len());
    languages.push(serde_json::json!({ "stem": "english", "cases": cases }));
    // Every other language with a stemmer: its own words, each with an accent-free twin.
    let mut seen = std::collections::BTreeSet::new();
    for (tag, _, name) in STEMMERS.iter().filter(|(_, _, n)| *n != "english") {
        if !seen.insert(*name) {
            continue;
        }
        let tokenizer = Tokenizer::new(tag);
        let words = stemming_words(name);
        assert!(words.len() >= 10_000, "tests/data/stemming/{name}.txt gives {} words, fewer than 10,000", words.len());
        let cases: Vec<(String, Vec<String>)> = words.iter().map(|w| (w.clone(), tokenizer.terms(w))).collect();
        languages.push(serde_json::json!({ "stem": name, "cases": cases }));
    }
    // Plural categories, as the build picks them and as strings.js asks the browser.
    let mut plurals = Vec::new();
    for tag in ["en", "fr", "de", "es", "pt", "pt-PT", "it", "nl", "zh", "ja", "ar", "ru", "he", "pl", "cy", "tlh"] {
        let strings = syllabus::i18n::Strings::new(tag, Vec::new());
        let data: serde_json::Value = serde_json::from_str(&strings.script_data()).unwrap();
        let mut numbers: Vec<f64> = (0..=300).map(f64::from).collect();
        numbers.extend([0.5, 1.5, 2.25, 1000.0, 1_000_000.0, 2_000_000.0]);
        let rust: Vec<(f64, &str)> =
            numbers.iter().map(|&n| (n, syllabus::i18n::text::category_name(strings.category(n)))).collect();
        plurals.push(serde_json::json!({ "tag": tag, "plural": data["plural"], "rust": rust }));
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cases.json");
    let json = serde_json::json!({ "languages": languages, "plurals": plurals });
    std::fs::write(&file, serde_json::to_vec(&json).unwrap()).unwrap();
    let status = Command::new("node").arg(browser_dir().join("terms.mjs")).arg(&file).status().expect("node runs");
    assert!(status.success(), "the browser's terms or plurals differ from the build's (see above)");
}

fn no_script_from_a_field_runs_on_any_page() {
    let dir = tempfile::tempdir().unwrap();
    common::hostile_course(dir.path(), false);
    let root = dir.path().display().to_string();
    let out = dir.path().join("public").display().to_string();
    let run = syllabus(&["build", "--root", &root, "--output", &out, "--base-url", "/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let status =
        Command::new("node").arg(browser_dir().join("hostile.mjs")).args(["--site", &out]).status().expect("node runs");
    assert!(status.success(), "hostile.mjs found a script from a field running (see its report above)");
}

/// The preview's overlay over a page of a course with an error, in Chromium.
fn the_preview_error_overlay_is_readable_in_light_and_dark() {
    let server = common::start(&[]);
    let events = server.events();
    let lesson = server.path("content/lessons/01-foundations/01-geopolitical-codes.md");
    let text = common::read(&lesson);
    std::fs::write(&lesson, text.replacen("title: Geopolitical codes", "titel: Broken", 1)).unwrap();
    assert!(events.recv_timeout(std::time::Duration::from_secs(10)).is_ok(), "a reload after the bad edit");
    let url = format!("http://127.0.0.1:{}/lessons/geopolitical-codes/", server.port);
    let shots = repo().join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let status = Command::new("node")
        .arg(browser_dir().join("overlay.mjs"))
        .args(["--url", &url, "--screenshots", &shots.display().to_string()])
        .status()
        .expect("node runs");
    assert!(status.success(), "overlay.mjs found a problem (see its report above)");
}
