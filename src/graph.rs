//! Graph: who links to whom, which pages use each concept, which lessons introduce
//! concepts and assign readings and quizzes, computed once from the rendered course.

use std::collections::HashMap;

use crate::links::PageKey;
use crate::load::Kind;
use crate::model::{Course, targets};
use crate::render::Bodies;

#[derive(Debug, Default)]
pub struct Graph {
    /// Pages that link to each page, in course order, each once.
    pub backlinks: HashMap<PageKey, Vec<PageKey>>,
    /// Lessons, articles and quizzes that link to, mention or ask about each concept.
    pub concept_uses: Vec<Vec<PageKey>>,
    /// The first lesson, in course order, that lists each concept in `concepts:`.
    pub introduced_by: Vec<Option<usize>>,
    /// Lessons that list each article in `readings:`.
    pub assigned_by: Vec<Vec<usize>>,
    /// Lessons that name each quiz in `quiz:` (and the quiz's own `lesson:`).
    pub quiz_lessons: Vec<Vec<usize>>,
    /// Passages marked as examples of each concept: page, highlight id, text.
    pub examples: Vec<Vec<(PageKey, String, String)>>,
}

/// Sort key putting pages in course order: lessons, then articles, quizzes, the rest.
pub fn course_rank(key: PageKey) -> (u8, usize) {
    let kind = match key.kind {
        Kind::Lesson => 0,
        Kind::Article => 1,
        Kind::Quiz => 2,
        Kind::Module => 3,
        Kind::Concept => 4,
        Kind::Page => 5,
    };
    (kind, key.idx)
}

pub fn build(course: &Course, bodies: &Bodies) -> Graph {
    let mut backlinks: HashMap<PageKey, Vec<PageKey>> = HashMap::new();
    let mut uses: Vec<Vec<PageKey>> = vec![Vec::new(); course.concepts.len()];
    let mut examples: Vec<Vec<(PageKey, String, String)>> = vec![Vec::new(); course.concepts.len()];
    for (from, rendered) in bodies.all() {
        let Some(from) = from else { continue };
        for link in &rendered.links {
            if link.target != from {
                backlinks.entry(link.target).or_default().push(from);
            }
            if link.target.kind == Kind::Concept && matches!(from.kind, Kind::Lesson | Kind::Article | Kind::Quiz) {
                uses[link.target.idx].push(from);
            }
        }
        for (concept, _) in &rendered.mentions {
            uses[*concept].push(from);
        }
        for e in &rendered.examples {
            examples[e.concept].push((from, e.anchor.clone(), e.text.clone()));
        }
    }
    for list in &mut examples {
        list.sort_by_key(|(page, _, _)| course_rank(*page));
    }
    let mut introduced_by = vec![None; course.concepts.len()];
    let mut assigned_by = vec![Vec::new(); course.articles.len()];
    let mut quiz_lessons = vec![Vec::new(); course.quizzes.len()];
    for (i, lesson) in course.lessons.iter().enumerate() {
        for c in targets(&lesson.concepts) {
            introduced_by[c].get_or_insert(i);
        }
        for a in targets(&lesson.readings) {
            if !assigned_by[a].contains(&i) {
                assigned_by[a].push(i);
            }
        }
        if let Some(q) = lesson.quiz.as_ref().and_then(|q| q.target) {
            quiz_lessons[q].push(i);
        }
    }
    for (q, quiz) in course.quizzes.iter().enumerate() {
        if let Some(l) = quiz.lesson.as_ref().and_then(|l| l.target)
            && !quiz_lessons[q].contains(&l)
        {
            quiz_lessons[q].push(l);
            quiz_lessons[q].sort_unstable();
        }
    }
    let in_course_order = |mut pages: Vec<PageKey>| {
        pages.sort_unstable_by_key(|&k| course_rank(k));
        pages.dedup();
        pages.shrink_to_fit();
        pages
    };
    Graph {
        backlinks: backlinks.into_iter().map(|(k, v)| (k, in_course_order(v))).collect(),
        concept_uses: uses.into_iter().map(in_course_order).collect(),
        introduced_by,
        assigned_by,
        quiz_lessons,
        examples,
    }
}
