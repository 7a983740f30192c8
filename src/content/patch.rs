//! Live edits: the re-read entity of one edited file put in place of the old one in a
//! settled course, when nothing around it changes (ids, order, terms, quiz assignments),
//! so that the course need not be settled again.

use std::sync::Arc;

use crate::common::Diagnostic;
use crate::content::entity::Entity;
use crate::content::model::{Course, Lesson, Module, Quiz};
use crate::content::settle::Resolver;

/// Puts the new entity of the edited file `path` in place of the old one in a settled
/// course, when that changes nothing around it: same kind and id, same place in the course
/// order, the same concept terms and quiz assignments. `None` when the course must be
/// settled again instead (it may then be half patched: patch a copy). Reference errors of
/// the new entity go to `diags`.
pub fn patch(course: &mut Course, path: &str, entity: &Entity, diags: &mut Vec<Diagnostic>) -> Option<()> {
    match entity {
        Entity::Home(h) => {
            if course.home.origin.as_ref().is_none_or(|o| o.path() != path) {
                return None;
            }
            course.home = h.clone();
            Some(())
        }
        Entity::Module(m) => {
            let i = position(course.modules.iter().map(|x| x.origin.as_ref().map_or("", |o| o.path())), path)?;
            let old = &course.modules[i];
            if old.dir != m.dir || !old.order.same(&m.order) {
                return None;
            }
            let new = Module { lessons: old.lessons.clone(), ..m.clone() };
            course.modules[i] = Arc::new(new);
            Some(())
        }
        Entity::Lesson(l) => {
            let i = position(course.lessons.iter().map(|x| x.origin.path()), path)?;
            let old = &course.lessons[i];
            let quiz = |x: &Lesson| x.quiz.as_ref().map(|q| q.id.value.clone());
            if old.id != l.id || old.dir != l.dir || !old.order.same(&l.order) || quiz(old) != quiz(l) {
                return None;
            }
            let mut new = Lesson { module: old.module, ..l.clone() };
            Resolver::new(course).lesson(&mut new, i, diags);
            course.lessons[i] = Arc::new(new);
            Some(())
        }
        Entity::Article(a) => {
            let i = position(course.articles.iter().map(|x| x.origin.path()), path)?;
            let old = &course.articles[i];
            if old.id != a.id || !old.order.same(&a.order) {
                return None;
            }
            let mut new = a.clone();
            Resolver::new(course).article(&mut new, diags);
            course.articles[i] = Arc::new(new);
            Some(())
        }
        Entity::Concept(c) => {
            let i = position(course.concepts.iter().map(|x| x.origin.path()), path)?;
            let old = &course.concepts[i];
            if old.id != c.id || old.term != c.term || old.aliases != c.aliases {
                return None;
            }
            let mut new = c.clone();
            Resolver::new(course).concept(&mut new, diags);
            course.concepts[i] = Arc::new(new);
            Some(())
        }
        Entity::Quiz(q) => {
            let i = position(course.quizzes.iter().map(|x| x.path()), path)?;
            let old = &course.quizzes[i];
            let lesson = |x: &Quiz| x.lesson.as_ref().map(|l| l.id.value.clone());
            if old.id != q.id || old.title != q.title || lesson(old) != lesson(q) {
                return None;
            }
            let mut new = q.clone();
            Resolver::new(course).quiz(&mut new, diags);
            course.quizzes[i] = Arc::new(new);
            Some(())
        }
        Entity::Page(p) => {
            let i = position(course.pages.iter().map(|x| x.origin.path()), path)?;
            let old = &course.pages[i];
            if old.id != p.id || !old.order.same(&p.order) {
                return None;
            }
            course.pages[i] = Arc::new(p.clone());
            Some(())
        }
        Entity::Draft { .. } | Entity::Failed { .. } | Entity::Nothing => None,
    }
}

fn position<'a>(mut paths: impl Iterator<Item = &'a str>, path: &str) -> Option<usize> {
    paths.position(|p| p == path)
}
