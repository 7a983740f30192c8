//! Front matter of every kind: any bytes as a lesson, article, concept, page or module
//! file must give an entity or diagnostics, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use syllabus::content::load::{Role, parse_doc};
use syllabus::content::source::{Source, normalize_text};
use syllabus::content::entity::entity;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let roles = [
        ("content/lessons/01-a/01-x.md", Role::Lesson { dir: "01-a".into() }),
        ("content/articles/x.md", Role::Article),
        ("content/concepts/x.md", Role::Concept),
        ("content/x.md", Role::Page),
        ("content/lessons/01-a/_index.md", Role::ModuleIndex { dir: "01-a".into() }),
        ("content/_index.md", Role::Home),
    ];
    let (path, role) = &roles[data.len() % roles.len()];
    let source = Source::new(path.to_string(), normalize_text(text.to_string()));
    let (doc, _) = parse_doc(source, role.clone());
    let mut diags = Vec::new();
    let _ = entity(doc, false, &mut diags);
});
