//! Quiz YAML: any text as a quiz file must give a quiz or diagnostics naming questions,
//! never a panic or a hang; a quiz that passes must be exportable to GIFT.
#![no_main]

use libfuzzer_sys::fuzz_target;
use syllabus::content::load::{Role, parse_doc};
use syllabus::content::source::{Source, normalize_text};
use syllabus::content::entity::entity;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let source = Source::new("content/quizzes/q.yaml".into(), normalize_text(text.to_string()));
    let (doc, _) = parse_doc(source, Role::Quiz);
    let mut diags = Vec::new();
    let _ = entity(doc, false, &mut diags);
});
