//! Template values that many pages share (a concept with its definition, a link to a
//! lesson, a reading's card), each made once, on first use, and then shared by every page
//! that shows it: on a large course a concept appears on hundreds of pages.

use std::sync::OnceLock;

use tera::Value;

use super::Pages;
use super::views::PageRef;
use crate::common::{Diagnostic, Kind, PageKey};
use crate::content::model::Course;
use crate::util::html::escape_into;

/// The shared values of one build, each slot filled on first use.
pub struct Values {
    pub(super) concepts: Vec<OnceLock<Value>>,
    /// A concept with its entry in a page's list of definitions, rendered once.
    pub(super) entries: Vec<OnceLock<Result<(Value, String), Diagnostic>>>,
    lessons: Vec<OnceLock<Value>>,
    /// A lesson as an item of its module's list, `[elsewhere, on its own page]`.
    items: Vec<[OnceLock<Value>; 2]>,
    cards: Vec<OnceLock<Value>>,
    /// `{kind, title, url}` of every page, by kind and index (backlinks, uses).
    refs: Vec<Vec<OnceLock<Value>>>,
    /// A page as a list item linking to it, `<li><a href="url">title</a></li>`, by kind and index.
    ref_items: Vec<Vec<OnceLock<String>>>,
    /// Each lesson's module, apart from the lessons: a concept's uses look up hundreds.
    pub(super) lesson_modules: Vec<u32>,
}

impl Values {
    pub fn new(course: &Course) -> Values {
        let empty = |n: usize| (0..n).map(|_| OnceLock::new()).collect();
        Values {
            concepts: empty(course.concepts.len()),
            entries: (0..course.concepts.len()).map(|_| OnceLock::new()).collect(),
            lessons: empty(course.lessons.len()),
            items: (0..course.lessons.len()).map(|_| [OnceLock::new(), OnceLock::new()]).collect(),
            cards: empty(course.articles.len()),
            refs: per_page(course),
            ref_items: per_page(course),
            lesson_modules: course.lessons.iter().map(|l| l.module as u32).collect(),
        }
    }
}

/// An empty slot for every page, by kind and index.
fn per_page<T>(course: &Course) -> Vec<Vec<OnceLock<T>>> {
    let mut lists: Vec<Vec<OnceLock<T>>> = Kind::ALL.iter().map(|_| Vec::new()).collect();
    for kind in Kind::ALL {
        lists[kind as usize] = (0..course.ids(kind).len()).map(|_| OnceLock::new()).collect();
    }
    lists
}

impl Pages<'_> {
    /// A concept as a shared template value.
    pub(super) fn concept_value(&self, idx: usize) -> Value {
        self.values.concepts[idx].get_or_init(|| Value::from_serializable(&self.concept_view(idx))).clone()
    }

    /// A link to a lesson as a shared template value.
    pub(super) fn lesson_value(&self, idx: usize) -> Value {
        self.values.lessons[idx]
            .get_or_init(|| Value::from_serializable(&self.link(PageKey::new(Kind::Lesson, idx))))
            .clone()
    }

    /// A reading's card (naming every lesson that assigns it) as a shared template value.
    pub(super) fn card_value(&self, idx: usize) -> Value {
        self.values.cards[idx].get_or_init(|| Value::from_serializable(&self.article_card(idx))).clone()
    }

    /// A lesson as an item of its module's list (every page of the module shows it), as a
    /// shared template value.
    pub(super) fn item_value(&self, idx: usize, current: bool) -> Value {
        self.values.items[idx][usize::from(current)]
            .get_or_init(|| Value::from_serializable(&self.lesson_item(idx, current)))
            .clone()
    }

    /// A page's kind, title and URL as a shared template value.
    pub(super) fn page_ref(&self, key: PageKey) -> Value {
        self.values.refs[key.kind as usize][key.idx]
            .get_or_init(|| {
                let r = PageRef {
                    kind: key.kind.name(),
                    kind_text: self.kind_text(key.kind),
                    title: self.index.title(key),
                    url: self.index.href(key).into(),
                };
                Value::from_serializable(&r)
            })
            .clone()
    }

    /// A page as a list item linking to it, made once.
    pub(super) fn ref_item(&self, key: PageKey) -> &str {
        self.values.ref_items[key.kind as usize][key.idx].get_or_init(|| {
            let mut item = String::from("<li><a href=\"");
            escape_into(&mut item, self.index.href(key));
            item.push_str("\">");
            escape_into(&mut item, self.index.title(key));
            item.push_str("</a></li>");
            item
        })
    }
}
