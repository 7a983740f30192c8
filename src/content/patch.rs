//! Live edits: the re-read entity of one edited file put in place of the old one in a
//! settled course, when nothing around it changes (ids, order, terms, quiz assignments).

use crate::common::{Diagnostic, Kind};
use crate::content::entity::Entity;
use crate::content::model::{Article, Concept, Course, Home, Lesson, Module, Page, Quiz};
use crate::content::settle::Resolver;

/// What a patch replaced, to put back if the patched course has errors.
#[derive(Debug)]
pub enum Replaced {
    Home(Home),
    Module(usize, Module),
    Lesson(usize, Lesson),
    Article(usize, Article),
    Concept(usize, Concept),
    Quiz(usize, Quiz),
    Page(usize, Page),
}

impl Replaced {
    /// The page it was (`None`: the home page).
    pub fn key(&self) -> Option<(Kind, usize)> {
        match self {
            Replaced::Home(_) => None,
            Replaced::Module(i, _) => Some((Kind::Module, *i)),
            Replaced::Lesson(i, _) => Some((Kind::Lesson, *i)),
            Replaced::Article(i, _) => Some((Kind::Article, *i)),
            Replaced::Concept(i, _) => Some((Kind::Concept, *i)),
            Replaced::Quiz(i, _) => Some((Kind::Quiz, *i)),
            Replaced::Page(i, _) => Some((Kind::Page, *i)),
        }
    }
}

/// Puts the new entity of an edited file in place of the old one in a settled course, when
/// that changes nothing around it: same kind and id, same place in the course order, the
/// same concept terms and quiz assignments. Returns what it replaced, or `None` when the
/// course must be settled again. Reference errors of the new entity go to `diags`.
pub fn patch(course: &mut Course, path: &str, entity: &Entity, diags: &mut Vec<Diagnostic>) -> Option<Replaced> {
    match entity {
        Entity::Home(h) => {
            if course.home.origin.as_ref().is_none_or(|o| o.path() != path) {
                return None;
            }
            Some(Replaced::Home(std::mem::replace(&mut course.home, h.clone())))
        }
        Entity::Module(m) => {
            let i = position(course.modules.iter().map(|x| x.origin.as_ref().map_or("", |o| o.path())), path)?;
            let old = &course.modules[i];
            if old.dir != m.dir || !old.order.same(&m.order) {
                return None;
            }
            let new = Module { lessons: old.lessons.clone(), ..m.clone() };
            Some(Replaced::Module(i, std::mem::replace(&mut course.modules[i], new)))
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
            Some(Replaced::Lesson(i, std::mem::replace(&mut course.lessons[i], new)))
        }
        Entity::Article(a) => {
            let i = position(course.articles.iter().map(|x| x.origin.path()), path)?;
            let old = &course.articles[i];
            if old.id != a.id || !old.order.same(&a.order) {
                return None;
            }
            let mut new = a.clone();
            Resolver::new(course).article(&mut new, diags);
            Some(Replaced::Article(i, std::mem::replace(&mut course.articles[i], new)))
        }
        Entity::Concept(c) => {
            let i = position(course.concepts.iter().map(|x| x.origin.path()), path)?;
            let old = &course.concepts[i];
            if old.id != c.id || old.term != c.term || old.aliases != c.aliases {
                return None;
            }
            let mut new = c.clone();
            Resolver::new(course).concept(&mut new, diags);
            Some(Replaced::Concept(i, std::mem::replace(&mut course.concepts[i], new)))
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
            Some(Replaced::Quiz(i, std::mem::replace(&mut course.quizzes[i], new)))
        }
        Entity::Page(p) => {
            let i = position(course.pages.iter().map(|x| x.origin.path()), path)?;
            let old = &course.pages[i];
            if old.id != p.id || !old.order.same(&p.order) {
                return None;
            }
            Some(Replaced::Page(i, std::mem::replace(&mut course.pages[i], p.clone())))
        }
        Entity::Draft { .. } | Entity::Nothing => None,
    }
}

fn position<'a>(mut paths: impl Iterator<Item = &'a str>, path: &str) -> Option<usize> {
    paths.position(|p| p == path)
}

/// Puts back what `patch` replaced.
pub fn unpatch(course: &mut Course, replaced: Replaced) {
    match replaced {
        Replaced::Home(h) => course.home = h,
        Replaced::Module(i, m) => course.modules[i] = m,
        Replaced::Lesson(i, l) => course.lessons[i] = l,
        Replaced::Article(i, a) => course.articles[i] = a,
        Replaced::Concept(i, c) => course.concepts[i] = c,
        Replaced::Quiz(i, q) => course.quizzes[i] = q,
        Replaced::Page(i, p) => course.pages[i] = p,
    }
}
