//! The course as the stages after reading it see it: modules, lessons, articles, concepts,
//! quizzes and pages, each list in course order, with references resolved to indices.

use std::collections::HashMap;
use std::sync::Arc;

use crate::common::{Kind, Pos};
use crate::content::config::{Autolink, Config};
use crate::content::ids::{default_title, split_name};
use crate::content::source::Source;
use crate::content::yaml::Located;

/// Where a page came from: its file (shared, so settling a course never copies texts),
/// and where its Markdown body starts.
#[derive(Debug, Clone)]
pub struct Origin {
    pub source: std::sync::Arc<Source>,
    pub body_offset: usize,
}

impl Origin {
    /// The whole file's text; the Markdown body starts at `body_offset`.
    pub fn text(&self) -> std::sync::Arc<str> {
        self.source.text()
    }
    pub fn path(&self) -> &str {
        &self.source.path
    }
}

/// A reference to another page by id, resolved to its index once the course is known.
#[derive(Clone, Debug)]
pub struct Ref {
    pub id: Located<String>,
    pub target: Option<usize>,
}

impl Ref {
    pub fn new(id: Located<String>) -> Ref {
        Ref { id, target: None }
    }
}

/// Resolved indices of a list of references (unknown ones dropped; already reported).
pub fn targets(refs: &[Ref]) -> impl Iterator<Item = usize> + '_ {
    refs.iter().filter_map(|r| r.target)
}

#[derive(Debug, Clone)]
pub struct Home {
    pub title: Option<String>,
    pub origin: Option<Origin>,
    pub extra: serde_json::Value,
}

#[derive(Debug, Clone)]
pub struct Module {
    pub id: String,
    pub dir: String,
    /// Plain text; `title_html` is its inline Markdown as HTML.
    pub title: String,
    pub title_html: String,
    pub summary: String,
    pub origin: Option<Origin>,
    pub extra: serde_json::Value,
    /// Lesson indices, in order.
    pub lessons: Vec<usize>,
    pub(crate) order: OrderKey,
}

#[derive(Debug, Clone)]
pub struct Lesson {
    pub id: String,
    pub origin: Origin,
    /// The module folder it sits in, and that module's index once the course is settled.
    pub dir: String,
    pub module: usize,
    /// Plain text; `title_html` is its inline Markdown as HTML.
    pub title: String,
    pub title_html: String,
    /// Inline Markdown, like the objectives and key points.
    pub summary: Option<Located<String>>,
    pub objectives: Vec<Located<String>>,
    /// The lesson's take-aways, shown at its end and gathered on its module's page.
    pub keypoints: Vec<Located<String>>,
    pub concepts: Vec<Ref>,
    pub readings: Vec<Ref>,
    pub quiz: Option<Ref>,
    pub prerequisites: Vec<Ref>,
    pub duration: String,
    pub autolink: Option<Autolink>,
    pub extra: serde_json::Value,
    pub(crate) order: OrderKey,
}

#[derive(Debug, Clone)]
pub struct Article {
    pub id: String,
    pub origin: Origin,
    /// Plain text; `title_html` is its inline Markdown as HTML.
    pub title: String,
    pub title_html: String,
    pub authors: Vec<Author>,
    pub date: Option<String>,
    pub publication: String,
    pub url: Option<Located<String>>,
    pub accessed: Option<String>,
    pub archive: Option<Located<String>>,
    pub concepts: Vec<Ref>,
    pub summary: String,
    pub autolink: Option<Autolink>,
    pub extra: serde_json::Value,
    pub(crate) order: OrderKey,
}

impl Article {
    /// An article as the model makes it, for unit tests of what reads articles.
    #[cfg(test)]
    #[allow(clippy::too_many_arguments)]
    pub fn for_tests(
        id: &str,
        origin: Origin,
        title: &str,
        authors: Vec<Author>,
        date: Option<String>,
        publication: &str,
        url: Option<Located<String>>,
        accessed: Option<String>,
        archive: Option<Located<String>>,
    ) -> Article {
        Article {
            id: id.into(),
            origin,
            title: title.into(),
            title_html: crate::util::html::escape(title),
            authors,
            date,
            publication: publication.into(),
            url,
            accessed,
            archive,
            concepts: Vec::new(),
            summary: String::new(),
            autolink: None,
            extra: serde_json::Value::Null,
            order: OrderKey::default(),
        }
    }
}

/// An article's author: a person, whose name citation styles invert and abbreviate, or an
/// organisation (CSL's "literal" name, `{literal: BBC News}`), printed whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Author {
    Person(String),
    Organisation(String),
}

impl Author {
    /// The name as written.
    pub fn name(&self) -> &str {
        match self {
            Author::Person(n) | Author::Organisation(n) => n,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Concept {
    pub id: String,
    pub origin: Origin,
    pub term: String,
    pub aliases: Vec<String>,
    /// Inline Markdown.
    pub definition: Located<String>,
    pub related: Vec<Ref>,
    /// Among the cards of the review page and the exported cards (`review: false` leaves it out).
    pub review: bool,
    pub extra: serde_json::Value,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    pub origin: Origin,
    /// Plain text; `title_html` is its inline Markdown as HTML.
    pub title: String,
    pub title_html: String,
    pub extra: serde_json::Value,
    pub(crate) order: OrderKey,
}

#[derive(Debug, Clone)]
pub struct Quiz {
    pub id: String,
    pub origin: Option<Origin>,
    pub title: String,
    /// Inline Markdown.
    pub description: Option<Located<String>>,
    pub lesson: Option<Ref>,
    pub pass_mark: Option<f64>,
    pub shuffle: bool,
    pub questions: Vec<Question>,
    pub extra: serde_json::Value,
}

impl Quiz {
    pub fn path(&self) -> &str {
        self.origin.as_ref().map_or("", |o| o.path())
    }

    pub fn total_points(&self) -> f64 {
        self.questions.iter().map(|q| q.points).sum()
    }
}

#[derive(Debug, Clone)]
pub struct Question {
    /// From 1, as messages count them.
    pub number: usize,
    pub id: String,
    pub pos: Pos,
    /// Block Markdown, like the explanation and feedback.
    pub prompt: Located<String>,
    pub explanation: Option<Located<String>>,
    pub concepts: Vec<Ref>,
    pub points: f64,
    /// Partial credit (multiple, order, match): a share of the points for a share right.
    pub partial: bool,
    /// Asked again on the review page once answered (`review: false` leaves it out).
    pub review: bool,
    pub answer: Answer,
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub text: Located<String>,
    pub correct: bool,
    pub feedback: Option<Located<String>>,
}

/// What the learner is asked for, and what counts as right.
#[derive(Debug, Clone)]
pub enum Answer {
    Single(Vec<Choice>),
    Multiple(Vec<Choice>),
    TrueFalse(bool),
    Short(Vec<String>),
    Numeric { answer: f64, tolerance: f64 },
    Order(Vec<Located<String>>),
    Match(Vec<(Located<String>, Located<String>)>),
}

impl Answer {
    pub fn type_name(&self) -> &'static str {
        match self {
            Answer::Single(_) => "single",
            Answer::Multiple(_) => "multiple",
            Answer::TrueFalse(_) => "true_false",
            Answer::Short(_) => "short",
            Answer::Numeric { .. } => "numeric",
            Answer::Order(_) => "order",
            Answer::Match(_) => "match",
        }
    }
}

/// The whole course, every list in course order. Each page is shared, so that a copy of
/// the course (the live preview patching an edit) copies no page.
#[derive(Debug, Clone)]
pub struct Course {
    pub config: Config,
    pub home: Home,
    pub modules: Vec<Arc<Module>>,
    pub lessons: Vec<Arc<Lesson>>,
    pub articles: Vec<Arc<Article>>,
    pub concepts: Vec<Arc<Concept>>,
    pub quizzes: Vec<Arc<Quiz>>,
    pub pages: Vec<Arc<Page>>,
    /// Pages left out as drafts: links to them are errors.
    pub drafts: HashMap<(Kind, String), String>,
    /// Pages whose files failed to load (reported): naming them is not an error too.
    pub failed: HashMap<(Kind, String), String>,
    /// Some file had an error, so what the course says of its concepts is incomplete: the
    /// teaching-order checks wait until it loads.
    pub incomplete: bool,
    pub static_files: Vec<String>,
    /// Files beside the pages, and the size of every image.
    pub assets: crate::content::assets::Assets,
    pub templates: Vec<(String, String)>,
    /// Each page's index by id (set when the course is settled).
    pub ids: Arc<Ids>,
}

/// Each page's index by id, kind by kind: references by id resolve through it.
#[derive(Debug, Default)]
pub struct Ids {
    by_kind: [HashMap<String, usize>; 6],
}

impl Ids {
    pub fn of(course: &Course) -> Ids {
        let mut by_kind: [HashMap<String, usize>; 6] = Default::default();
        for kind in Kind::ALL {
            let ids = course.ids(kind).into_iter().enumerate();
            by_kind[kind as usize] = ids.map(|(i, id)| (id.to_string(), i)).collect();
        }
        Ids { by_kind }
    }

    /// The index of the page of `kind` with `id`.
    pub fn get(&self, kind: Kind, id: &str) -> Option<usize> {
        self.by_kind[kind as usize].get(id).copied()
    }

    /// Every id of a kind, in no order.
    pub fn all(&self, kind: Kind) -> impl Iterator<Item = &str> {
        self.by_kind[kind as usize].keys().map(String::as_str)
    }
}

impl Course {
    pub fn ids(&self, kind: Kind) -> Vec<&str> {
        match kind {
            Kind::Lesson => self.lessons.iter().map(|x| x.id.as_str()).collect(),
            Kind::Module => self.modules.iter().map(|x| x.id.as_str()).collect(),
            Kind::Article => self.articles.iter().map(|x| x.id.as_str()).collect(),
            Kind::Concept => self.concepts.iter().map(|x| x.id.as_str()).collect(),
            Kind::Quiz => self.quizzes.iter().map(|x| x.id.as_str()).collect(),
            Kind::Page => self.pages.iter().map(|x| x.id.as_str()).collect(),
        }
    }
}

/// Order: `order:` wins, else the file's leading number, else the title.
#[derive(Clone, Debug, Default)]
pub(crate) struct OrderKey {
    rank: Option<f64>,
    title: String,
}

impl OrderKey {
    /// The same place in the order.
    pub(crate) fn same(&self, other: &OrderKey) -> bool {
        self.rank == other.rank && self.title == other.title
    }

    pub(crate) fn new(explicit: Option<f64>, number: Option<u64>, title: &str) -> OrderKey {
        OrderKey { rank: explicit.or(number.map(|n| n as f64)), title: title.to_lowercase() }
    }

    pub(crate) fn cmp(&self, other: &OrderKey) -> std::cmp::Ordering {
        let rank = |k: &OrderKey| (k.rank.is_none(), k.rank.unwrap_or(0.0));
        let (a, b) = (rank(self), rank(other));
        a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then_with(|| self.title.cmp(&other.title))
    }
}

impl Module {
    /// A module with no `_index.md`: its title comes from its folder's name.
    pub(crate) fn default_for(dir: &str) -> Module {
        let (number, id) = split_name(dir);
        let title = default_title(&id);
        Module {
            id,
            dir: dir.to_string(),
            order: OrderKey::new(None, number, &title),
            title_html: crate::util::html::escape(&title),
            title,
            summary: String::new(),
            origin: None,
            extra: serde_json::json!({}),
            lessons: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_puts_numbered_first_then_titles() {
        let a = OrderKey::new(None, Some(2), "b");
        let b = OrderKey::new(Some(1.5), None, "z");
        let c = OrderKey::new(None, None, "a");
        let mut v = [c.clone(), a.clone(), b.clone()];
        v.sort_by(|x, y| x.cmp(y));
        assert_eq!(v.iter().map(|k| k.title.as_str()).collect::<Vec<_>>(), ["z", "b", "a"]);
    }
}
