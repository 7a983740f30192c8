//! Settling: the entities of every file put together into a `Course`: modules from their
//! folders, ids claimed (a duplicate is an error naming both files), course order, and
//! every reference by id resolved (an unknown id is an error with file and line).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use crate::common::diag::hint;
use crate::common::{Diagnostic, Kind};
use crate::content::config::Config;
use crate::content::entity::{Entities, Entity};
use crate::content::ids::check_id;
use crate::content::model::{Article, Concept, Course, Home, Ids, Lesson, Module, Quiz, Ref};

/// The files of the course that are not pages, as loaded.
struct Files {
    static_files: Vec<String>,
    assets: crate::content::assets::Assets,
    templates: Vec<(String, String)>,
}

/// [`settle`] from entities the course may take (a build), without copying them.
pub fn settle_owned(entities: Entities, config: Config, diags: &mut Vec<Diagnostic>) -> Course {
    let Entities { by_path, failed, static_files, assets, templates } = entities;
    let all = by_path.into_iter().map(|(path, e)| (path, Cow::Owned(e)));
    let files = Files { static_files, assets, templates };
    settle_from(all, !failed.is_empty(), files, config, diags)
}

/// Puts the entities together: modules from their folders, ids claimed (a duplicate is an
/// error naming both files), course order, references resolved.
pub fn settle(entities: &Entities, config: Config, diags: &mut Vec<Diagnostic>) -> Course {
    let all = entities.by_path.iter().map(|(path, e)| (path.clone(), Cow::Borrowed(e)));
    let incomplete = !entities.failed.is_empty();
    let files = Files {
        static_files: entities.static_files.clone(),
        assets: entities.assets.clone(),
        templates: entities.templates.clone(),
    };
    settle_from(all, incomplete, files, config, diags)
}

/// [`settle`] from entities by path, in path order, borrowed or owned (`incomplete`: some
/// file had an error).
fn settle_from<'e>(
    all: impl Iterator<Item = (String, Cow<'e, Entity>)>,
    incomplete: bool,
    files: Files,
    config: Config,
    diags: &mut Vec<Diagnostic>,
) -> Course {
    let Files { static_files, assets, templates } = files;
    let mut course = Course {
        config,
        home: Home { title: None, origin: None, extra: serde_json::json!({}) },
        modules: Vec::new(),
        lessons: Vec::new(),
        articles: Vec::new(),
        concepts: Vec::new(),
        quizzes: Vec::new(),
        pages: Vec::new(),
        drafts: HashMap::new(),
        failed: HashMap::new(),
        incomplete,
        static_files,
        assets,
        templates,
        ids: Arc::default(),
    };
    let mut claims = Claims::default();
    let mut modules: std::collections::BTreeMap<String, Module> = std::collections::BTreeMap::new();
    for (path, entity) in all {
        let path = path.as_str();
        match entity.into_owned() {
            Entity::Home(h) => course.home = h,
            Entity::Module(m) => {
                modules.insert(m.dir.clone(), m);
            }
            Entity::Lesson(l) => {
                modules.entry(l.dir.clone()).or_insert_with(|| Module::default_for(&l.dir));
                if claims.claim(Kind::Lesson, &l.id, path, diags) {
                    course.lessons.push(Arc::new(l));
                }
            }
            Entity::Article(a) if claims.claim(Kind::Article, &a.id, path, diags) => course.articles.push(Arc::new(a)),
            Entity::Concept(c) if claims.claim(Kind::Concept, &c.id, path, diags) => course.concepts.push(Arc::new(c)),
            Entity::Quiz(q) if claims.claim(Kind::Quiz, &q.id, path, diags) => course.quizzes.push(Arc::new(q)),
            Entity::Page(p) if claims.claim(Kind::Page, &p.id, path, diags) => course.pages.push(Arc::new(p)),
            Entity::Failed { kind, id } => {
                course.failed.insert((kind, id), path.to_string());
            }
            Entity::Draft { kind, id } => {
                course.drafts.insert((kind, id), path.to_string());
            }
            _ => {}
        }
    }
    for module in modules.into_values() {
        let path =
            module.origin.as_ref().map_or_else(|| format!("content/lessons/{}", module.dir), |o| o.path().to_string());
        if let Err(m) = check_id(&module.id) {
            diags.push(Diagnostic::error(&path, None, format!("bad folder name: {m}")));
        }
        claims.claim(Kind::Module, &module.id, &path, diags);
        course.modules.push(Arc::new(module));
    }
    order(&mut course);
    course.ids = Arc::new(Ids::of(&course));
    resolve(&mut course, diags);
    course
}

/// Ids taken so far, per kind, with the file that took them.
#[derive(Default)]
struct Claims {
    seen: HashMap<(Kind, String), String>,
}

impl Claims {
    /// Registers an id; a duplicate is an error naming both files.
    fn claim(&mut self, kind: Kind, id: &str, path: &str, diags: &mut Vec<Diagnostic>) -> bool {
        if let Some(first) = self.seen.get(&(kind, id.to_string())) {
            let (a, b) = if first.as_str() <= path { (first.as_str(), path) } else { (path, first.as_str()) };
            let msg = format!("duplicate {} id '{id}': {a} and {b} both have it; rename one of them", kind.name());
            diags.push(Diagnostic::error(b, None, msg));
            return false;
        }
        self.seen.insert((kind, id.to_string()), path.to_string());
        true
    }
}

/// Puts modules, lessons, articles, concepts and pages in course order.
fn order(course: &mut Course) {
    course.modules.sort_by(|a, b| a.order.cmp(&b.order));
    let index_of: HashMap<&str, usize> = course.modules.iter().enumerate().map(|(i, m)| (m.dir.as_str(), i)).collect();
    for lesson in &mut course.lessons {
        Arc::make_mut(lesson).module = index_of[lesson.dir.as_str()];
    }
    course.lessons.sort_by(|a, b| a.module.cmp(&b.module).then_with(|| a.order.cmp(&b.order)));
    for (i, lesson) in course.lessons.iter().enumerate() {
        Arc::make_mut(&mut course.modules[lesson.module]).lessons.push(i);
    }
    course.articles.sort_by(|a, b| a.order.cmp(&b.order));
    course.concepts.sort_by_cached_key(|c| (c.term.to_lowercase(), c.id.clone()));
    course.pages.sort_by(|a, b| a.order.cmp(&b.order));
    order_quizzes(&mut course.quizzes, &course.lessons);
}

/// Resolves ids in `concepts`, `readings`, `quiz`, `prerequisites` and `related`; an unknown
/// id is an error with file and line.
fn resolve(course: &mut Course, diags: &mut Vec<Diagnostic>) {
    let r = Resolver::new(course);
    for (i, lesson) in course.lessons.iter_mut().enumerate() {
        r.lesson(Arc::make_mut(lesson), i, diags);
    }
    for article in &mut course.articles {
        r.article(Arc::make_mut(article), diags);
    }
    for concept in &mut course.concepts {
        r.concept(Arc::make_mut(concept), diags);
    }
    for quiz in &mut course.quizzes {
        r.quiz(Arc::make_mut(quiz), diags);
    }
}

/// A settled course's ids, to resolve references with.
pub(crate) struct Resolver {
    ids: Arc<Ids>,
    drafts: HashMap<(Kind, String), String>,
    failed: HashMap<(Kind, String), String>,
}

impl Resolver {
    pub(crate) fn new(course: &Course) -> Resolver {
        Resolver { ids: course.ids.clone(), drafts: course.drafts.clone(), failed: course.failed.clone() }
    }

    fn one(&self, diags: &mut Vec<Diagnostic>, path: &str, key: &str, kind: Kind, r: &mut Ref) {
        r.target = self.ids.get(kind, &r.id.value);
        // A file that failed to load was reported: naming it is not an error too.
        if r.target.is_some() || self.failed.contains_key(&(kind, r.id.value.clone())) {
            return;
        }
        let msg = if let Some(file) = self.drafts.get(&(kind, r.id.value.clone())) {
            format!(
                "{key} names {} '{}', which is a draft ({file}); publish it or remove it here",
                kind.name(),
                r.id.value
            )
        } else {
            let hint = hint(&r.id.value, kind, self.ids.all(kind));
            format!("{key} names unknown {} '{}'{hint}", kind.name(), r.id.value)
        };
        diags.push(Diagnostic::error(path, Some(r.id.pos), msg));
    }

    pub(crate) fn lesson(&self, lesson: &mut Lesson, i: usize, diags: &mut Vec<Diagnostic>) {
        let path = lesson.origin.source.path.clone();
        lesson.concepts.iter_mut().for_each(|r| self.one(diags, &path, "'concepts'", Kind::Concept, r));
        lesson.readings.iter_mut().for_each(|r| self.one(diags, &path, "'readings'", Kind::Article, r));
        lesson.quiz.iter_mut().for_each(|r| self.one(diags, &path, "'quiz'", Kind::Quiz, r));
        for r in &mut lesson.prerequisites {
            self.one(diags, &path, "'prerequisites'", Kind::Lesson, r);
            if r.target.is_some_and(|t| t >= i) {
                let msg = format!("prerequisite '{}' comes at or after this lesson in course order", r.id.value);
                diags.push(Diagnostic::warning(&path, Some(r.id.pos), msg));
            }
        }
    }

    pub(crate) fn article(&self, article: &mut Article, diags: &mut Vec<Diagnostic>) {
        let path = article.origin.source.path.clone();
        article.concepts.iter_mut().for_each(|r| self.one(diags, &path, "'concepts'", Kind::Concept, r));
    }

    pub(crate) fn concept(&self, concept: &mut Concept, diags: &mut Vec<Diagnostic>) {
        let path = concept.origin.source.path.clone();
        concept.related.iter_mut().for_each(|r| self.one(diags, &path, "'related'", Kind::Concept, r));
    }

    pub(crate) fn quiz(&self, quiz: &mut Quiz, diags: &mut Vec<Diagnostic>) {
        let path = quiz.path().to_string();
        quiz.lesson.iter_mut().for_each(|r| self.one(diags, &path, "'lesson'", Kind::Lesson, r));
        for q in &mut quiz.questions {
            let key = format!("question {}: 'concepts'", q.number);
            q.concepts.iter_mut().for_each(|r| self.one(diags, &path, &key, Kind::Concept, r));
        }
    }
}

/// Orders quizzes by the first lesson, in course order, that assigns them; then by title.
fn order_quizzes(quizzes: &mut Vec<Arc<Quiz>>, lessons: &[Arc<Lesson>]) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, lesson) in lessons.iter().enumerate() {
        if let Some(q) = &lesson.quiz {
            first.entry(q.id.value.as_str()).or_insert(i);
        }
    }
    let lesson_rank: HashMap<&str, usize> = lessons.iter().enumerate().map(|(i, l)| (l.id.as_str(), i)).collect();
    let rank = |q: &Quiz| {
        let by_lesson = q.lesson.as_ref().and_then(|l| lesson_rank.get(l.id.value.as_str()).copied());
        let by_link = first.get(q.id.as_str()).copied();
        [by_lesson, by_link].into_iter().flatten().min().unwrap_or(usize::MAX)
    };
    let mut keyed: Vec<((usize, String), Arc<Quiz>)> =
        std::mem::take(quizzes).into_iter().map(|q| ((rank(&q), q.title.to_lowercase()), q)).collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    *quizzes = keyed.into_iter().map(|(_, q)| q).collect();
}
