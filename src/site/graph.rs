//! Graph: who links to whom, which pages use each concept, which lessons introduce
//! concepts and assign readings and quizzes, computed once from the rendered course.

use crate::common::Kind;
use crate::common::PageKey;
use crate::content::model::{Course, targets};
use crate::markdown::Rendered;
use crate::site::bodies::Bodies;

#[derive(Debug, Default, Clone)]
pub struct Graph {
    /// Pages that link to each page, in course order, each once, by kind and index.
    backlinks: [Vec<Vec<PageKey>>; 6],
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

impl Graph {
    /// The pages that link to a page, in course order.
    pub fn backlinks(&self, key: PageKey) -> &[PageKey] {
        self.backlinks[key.kind as usize].get(key.idx).map_or(&[], Vec::as_slice)
    }

    /// Updates the graph for one page whose rendered texts went from `old` to `new`
    /// (a live preview's edit), without looking at any other page.
    pub fn replace(&mut self, key: PageKey, old: &[&Rendered], new: &[&Rendered]) {
        for r in old {
            for link in &r.links {
                if let Some(list) = self.backlinks[link.target.kind as usize].get_mut(link.target.idx) {
                    list.retain(|k| *k != key);
                }
                if link.target.kind == Kind::Concept {
                    self.concept_uses[link.target.idx].retain(|k| *k != key);
                }
            }
            for (c, _) in &r.mentions {
                self.concept_uses[*c].retain(|k| *k != key);
            }
            for e in &r.examples {
                self.examples[e.concept].retain(|(page, _, _)| *page != key);
            }
        }
        let uses = matches!(key.kind, Kind::Lesson | Kind::Article | Kind::Quiz);
        for r in new {
            for link in &r.links {
                if link.target != key
                    && let Some(list) = self.backlinks[link.target.kind as usize].get_mut(link.target.idx)
                {
                    insert_in_order(list, key);
                }
                if link.target.kind == Kind::Concept && uses {
                    insert_in_order(&mut self.concept_uses[link.target.idx], key);
                }
            }
            for (c, _) in &r.mentions {
                insert_in_order(&mut self.concept_uses[*c], key);
            }
            for e in &r.examples {
                let list = &mut self.examples[e.concept];
                let at = list.partition_point(|(page, _, _)| course_rank(*page) <= course_rank(key));
                list.insert(at, (key, e.anchor.clone(), e.text.clone()));
            }
        }
    }

    /// Recomputes what comes from front matter: introductions, assignments, quizzes.
    pub fn recount(&mut self, course: &Course) {
        let (introduced_by, assigned_by, quiz_lessons) = assignments(course);
        self.introduced_by = introduced_by;
        self.assigned_by = assigned_by;
        self.quiz_lessons = quiz_lessons;
    }
}

/// Adds a page to a list kept in course order, once.
fn insert_in_order(list: &mut Vec<PageKey>, key: PageKey) {
    if let Err(at) = list.binary_search_by_key(&course_rank(key), |k| course_rank(*k)) {
        list.insert(at, key);
    }
}

pub fn build(course: &Course, bodies: &Bodies) -> Graph {
    let mut backlinks: [Vec<Vec<PageKey>>; 6] = Default::default();
    for kind in Kind::ALL {
        backlinks[kind as usize] = vec![Vec::new(); course.ids(kind).len()];
    }
    let mut uses: Vec<Vec<PageKey>> = vec![Vec::new(); course.concepts.len()];
    let mut examples: Vec<Vec<(PageKey, String, String)>> = vec![Vec::new(); course.concepts.len()];
    // A page's links and mentions come together, so a page already at the end of a list
    // is not pushed again: the lists stay near their final size instead of holding every
    // mention until they are sorted.
    let push = |list: &mut Vec<PageKey>, from: PageKey| {
        if list.last() != Some(&from) {
            list.push(from);
        }
    };
    for (from, rendered) in bodies.all() {
        let Some(from) = from else { continue };
        for link in &rendered.links {
            if link.target != from
                && let Some(list) = backlinks[link.target.kind as usize].get_mut(link.target.idx)
            {
                push(list, from);
            }
            if link.target.kind == Kind::Concept && matches!(from.kind, Kind::Lesson | Kind::Article | Kind::Quiz) {
                push(&mut uses[link.target.idx], from);
            }
        }
        for (concept, _) in &rendered.mentions {
            push(&mut uses[*concept], from);
        }
        for e in &rendered.examples {
            examples[e.concept].push((from, e.anchor.clone(), e.text.clone()));
        }
    }
    for list in &mut examples {
        list.sort_by_key(|(page, _, _)| course_rank(*page));
    }
    let (introduced_by, assigned_by, quiz_lessons) = assignments(course);
    let in_course_order = |mut pages: Vec<PageKey>| {
        pages.sort_unstable_by_key(|&k| course_rank(k));
        pages.dedup();
        pages.shrink_to_fit();
        pages
    };
    Graph {
        backlinks: backlinks.map(|lists| lists.into_iter().map(in_course_order).collect()),
        concept_uses: uses.into_iter().map(in_course_order).collect(),
        introduced_by,
        assigned_by,
        quiz_lessons,
        examples,
    }
}

/// Which lesson introduces each concept, which lessons assign each article and each quiz.
#[allow(clippy::type_complexity)]
fn assignments(course: &Course) -> (Vec<Option<usize>>, Vec<Vec<usize>>, Vec<Vec<usize>>) {
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
    (introduced_by, assigned_by, quiz_lessons)
}
