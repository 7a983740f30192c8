//! Markdown rendering with wikilinks, example passages, relative links and autolinks: any
//! text as a lesson body of a small course must render (with diagnostics), never panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use syllabus::content::config::Config;
use syllabus::common::PageKey;
use syllabus::index::{IndexData, SiteIndex};
use syllabus::common::Kind;
use syllabus::content::load::{Loaded, Role, parse_doc};
use syllabus::content::source::Source;
use syllabus::content::model::Course;
use syllabus::site::bodies as render;

const FILES: &[(&str, &str)] = &[
    ("content/lessons/01-a/01-first.md", "---\ntitle: First\nconcepts: [flood]\n---\n\n## Part\n\nText.\n"),
    ("content/lessons/01-a/02-second.md", "---\ntitle: Second\n---\n\nText.\n"),
    ("content/concepts/flood.md", "---\nterm: Flood\naliases: [floods, 海绵城市]\ndefinition: Water.\n---\n"),
    ("content/concepts/top-down.md", "---\nterm: Top-down nationalism\ndefinition: From above.\n---\n"),
    ("content/articles/report.md", "---\ntitle: Report\n---\n\nOne.\n\nTwo.\n"),
    ("content/about.md", "---\ntitle: About\n---\n"),
];

fn course() -> &'static Course {
    static COURSE: OnceLock<Course> = OnceLock::new();
    COURSE.get_or_init(|| {
        let docs = FILES
            .iter()
            .map(|(path, text)| {
                let role = match path.split('/').nth(1).unwrap_or("") {
                    "lessons" => Role::Lesson { dir: "01-a".into() },
                    "concepts" => Role::Concept,
                    "articles" => Role::Article,
                    _ => Role::Page,
                };
                parse_doc(Source::new(path.to_string(), text.to_string()), role).0
            })
            .collect();
        let loaded = Loaded { docs, ..Loaded::default() };
        let entities = syllabus::content::entity::entities(loaded, false, &mut Vec::new());
        syllabus::content::settle::settle_owned(entities, Config::default(), &mut Vec::new())
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let course = course();
    let data = IndexData::for_course(course);
    let index = SiteIndex::view(course, &data);
    let mut lesson = course.lessons[1].origin.clone();
    lesson.source = Source::new(lesson.source.path.clone(), format!("---\ntitle: Second\n---\n{text}")).into();
    lesson.body_offset = "---\ntitle: Second\n---\n".len();
    let _ = render::body(&index, Some(PageKey::new(Kind::Lesson, 1)), &lesson, None);
    let article = PageKey::new(Kind::Article, 0);
    let _ = render::body(&index, Some(article), &lesson, Some(syllabus::content::config::Autolink::All));
});
