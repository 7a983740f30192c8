//! `syllabus export course --format scorm12`: the package's manifest (SCORM 1.2, the home
//! page as the launch page, every file of the package listed and no other), pages with
//! relative links that load scorm.js, and the course's quizzes in scorm.js for the score;
//! a course with an error exports nothing. The package inside a platform is
//! `tests/browser/scorm.mjs`, with scorm-again as the platform.

mod common;

use std::io::Read;

use common::{example_course, syllabus, write};

fn export(root: &std::path::Path) -> (std::path::PathBuf, common::Run) {
    let zip = root.parent().unwrap().join(format!("{}-scorm.zip", root.file_name().unwrap().to_string_lossy()));
    let run = syllabus(&[
        "export",
        "course",
        "--format",
        "scorm12",
        "--root",
        &root.display().to_string(),
        "--output",
        &zip.display().to_string(),
    ]);
    (zip, run)
}

fn text(archive: &mut zip::ZipArchive<std::fs::File>, name: &str) -> String {
    let mut out = String::new();
    archive.by_name(name).unwrap().read_to_string(&mut out).unwrap();
    out
}

#[test]
fn the_package_lists_every_file_and_launches_the_home_page() {
    let course = example_course();
    let (zip, run) = export(course.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "", "no note about a sitemap in a package");
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let names: Vec<String> =
        (0..archive.len()).map(|i| archive.by_index(i).unwrap().name().unwrap().to_string()).collect();
    assert_eq!(names[0], "imsmanifest.xml");
    assert!(
        run.stdout.starts_with(&format!("Exported the course as a SCORM 1.2 package of {} files to", names.len() - 1))
    );
    let manifest = text(&mut archive, "imsmanifest.xml");
    assert!(manifest.contains("<schema>ADL SCORM</schema>") && manifest.contains("<schemaversion>1.2</schemaversion>"));
    assert!(
        manifest.contains(
            r#"<resource identifier="course-site" type="webcontent" adlcp:scormtype="sco" href="index.html">"#
        )
    );
    let mut listed: Vec<&str> = manifest.split("<file href=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
    listed.sort_unstable();
    let mut files: Vec<&str> = names[1..].iter().map(String::as_str).collect();
    files.sort_unstable();
    assert_eq!(listed, files, "every file of the package is listed, and only those");
    assert!(!files.iter().any(|f| f.starts_with(".syllabus")), "not the build's own marker");
    let home = text(&mut archive, "index.html");
    assert!(home.contains(r#"<script src="assets/scorm.js?v="#), "every page loads scorm.js");
    assert!(home.contains(r#"href="lessons/geopolitical-codes/index.html""#), "links relative to the page");
    let scorm = text(&mut archive, "assets/scorm.js");
    assert!(scorm.contains(r#"var course = {"lessons":"#), "the course's data in scorm.js");
    assert!(scorm.contains(r#""geopolitical-codes-check":{"pass_mark":"#));
}

#[test]
fn a_course_with_an_error_exports_no_package() {
    let course = example_course();
    write(
        course.path(),
        "content/quizzes/broken.yaml",
        "title: Broken\nquestions:\n  - type: true_false\n    prompt: Which?\n",
    );
    let (zip, run) = export(course.path());
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("content/quizzes/broken.yaml") && run.stderr.ends_with("nothing was exported\n"),
        "{}",
        run.stderr
    );
    assert!(!zip.exists());
}
