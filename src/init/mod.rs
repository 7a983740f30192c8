//! `syllabus init DIR`: writes a small starter course (every kind of content) that builds
//! as it is with the built-in templates.

use std::fs;
use std::io;
use std::path::Path;

/// The starter course, as (path, text).
const FILES: &[(&str, &str)] = &[
    ("course.yaml", include_str!("starter/course.yaml")),
    ("content/_index.md", include_str!("starter/content/_index.md")),
    ("content/about.md", include_str!("starter/content/about.md")),
    (
        "content/lessons/01-getting-started/_index.md",
        include_str!("starter/content/lessons/01-getting-started/_index.md"),
    ),
    (
        "content/lessons/01-getting-started/01-first-lesson.md",
        include_str!("starter/content/lessons/01-getting-started/01-first-lesson.md"),
    ),
    (
        "content/lessons/01-getting-started/02-second-lesson.md",
        include_str!("starter/content/lessons/01-getting-started/02-second-lesson.md"),
    ),
    ("content/articles/example-reading.md", include_str!("starter/content/articles/example-reading.md")),
    ("content/concepts/key-idea.md", include_str!("starter/content/concepts/key-idea.md")),
    ("content/concepts/second-idea.md", include_str!("starter/content/concepts/second-idea.md")),
    ("content/quizzes/first-check.yaml", include_str!("starter/content/quizzes/first-check.yaml")),
];

/// Writes the starter course into `dir`, which must be new or empty.
pub fn run(dir: &Path) -> io::Result<()> {
    if dir.exists() && (!dir.is_dir() || fs::read_dir(dir)?.next().is_some()) {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "the folder exists and is not empty; init writes only into a new or empty folder",
        ));
    }
    for (path, text) in FILES {
        let dest = dir.join(path);
        fs::create_dir_all(dest.parent().expect("starter paths have a parent"))?;
        fs::write(dest, text)?;
    }
    Ok(())
}
