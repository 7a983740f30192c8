//! Reading pages: an article with its citations and the lessons that assign it, and the
//! list of readings grouped by the module whose lessons assign them.

use tera::{Context, Value};

use super::Pages;
use super::views::{ArticleCard, ArticleView, ReadingGroup};
use crate::common::routes::SitePage;
use crate::common::{Kind, PageKey};
use crate::content::model::{Article, Author, targets};
use crate::i18n::Strings;
use crate::site::cite;
use crate::util::path::percent_encode_url;

impl Pages<'_> {
    pub(super) fn article(&self, idx: usize) -> Context {
        let a = &self.index.course.articles[idx];
        let key = PageKey::new(Kind::Article, idx);
        let crumbs = vec![self.crumb(SitePage::Home), self.crumb(SitePage::Articles)];
        let mut ctx = self.base(&a.title, self.index.site_path(key), crumbs);
        let body = &self.bodies.articles[idx];
        let strings = &self.index.course.config.strings;
        let view = ArticleView {
            card: self.article_card(idx),
            source_url: a.url.as_ref().map_or(String::new(), |u| percent_encode_url(&u.value)),
            accessed: a.accessed.as_deref().unwrap_or(""),
            date_text: a.date.as_deref().map(|d| strings.date(d)).unwrap_or_default(),
            accessed_text: a.accessed.as_deref().map(|d| strings.date(d)).unwrap_or_default(),
            accessed_html: a.accessed.as_deref().map(|d| time_html(d, &strings.date(d))).unwrap_or_default(),
            archive: a.archive.as_ref().map_or(String::new(), |u| percent_encode_url(&u.value)),
            apa: cite::apa(a, strings),
            mla: cite::mla(a, strings),
            content: &body.html,
            toc: &body.toc,
            concepts: targets(&a.concepts).map(|c| self.concept_value(c)).collect(),
            backlinks: self.backlinks(key),
            extra: &a.extra,
        };
        ctx.insert("article", &view);
        ctx
    }

    pub(super) fn articles(&self) -> Context {
        let mut ctx = self.listing(SitePage::Articles);
        let course = self.index.course;
        let cards: Vec<Value> = (0..course.articles.len()).map(|a| self.card_value(a)).collect();
        ctx.insert("articles", &cards);
        ctx.insert("reading_groups", &self.reading_groups());
        ctx.insert("bibtex_url", &self.index.base.href(SitePage::Bibtex.path()));
        ctx.insert("ris_url", &self.index.base.href(SitePage::Ris.path()));
        ctx
    }

    /// Readings grouped by the module whose lessons assign them, in course order (a
    /// reading assigned in two modules is in both, each card naming that module's
    /// lessons), then those no lesson assigns.
    pub(super) fn reading_groups(&self) -> Vec<ReadingGroup<'_>> {
        let course = self.index.course;
        let mut groups: Vec<ReadingGroup> = Vec::new();
        for (m, module) in course.modules.iter().enumerate() {
            let mut ids: Vec<(usize, Vec<usize>)> = Vec::new();
            for &l in &module.lessons {
                for a in targets(&course.lessons[l].readings) {
                    match ids.iter_mut().find(|(id, _)| *id == a) {
                        Some((_, lessons)) => lessons.push(l),
                        None => ids.push((a, vec![l])),
                    }
                }
            }
            if !ids.is_empty() {
                let articles = ids.iter().map(|(a, lessons)| self.article_card_assigned(*a, lessons)).collect();
                let module_link = Some(self.link(PageKey::new(Kind::Module, m)));
                groups.push(ReadingGroup { title: &module.title, module: module_link, articles });
            }
        }
        let others: Vec<ArticleCard> = (0..course.articles.len())
            .filter(|&a| self.graph.assigned_by[a].is_empty())
            .map(|a| self.article_card(a))
            .collect();
        if !others.is_empty() {
            let title = course.config.strings.get("other_readings");
            groups.push(ReadingGroup { title, module: None, articles: others });
        }
        groups
    }

    /// A reading's card, listing every lesson that assigns it.
    pub(super) fn article_card(&self, idx: usize) -> ArticleCard<'_> {
        self.article_card_assigned(idx, &self.graph.assigned_by[idx])
    }

    /// A reading's card, listing the given lessons as the ones that assign it.
    pub(super) fn article_card_assigned(&self, idx: usize, lessons: &[usize]) -> ArticleCard<'_> {
        let a: &Article = &self.index.course.articles[idx];
        ArticleCard {
            id: &a.id,
            title: &a.title,
            url: self.href(Kind::Article, idx),
            authors: a.authors.iter().map(Author::name).collect(),
            author: join_names(&a.authors, &self.index.course.config.strings),
            date: a.date.as_deref().unwrap_or(""),
            publication: &a.publication,
            summary: &a.summary,
            citation: cite::short(a),
            assigned_by: lessons.iter().map(|&l| self.lesson_value(l)).collect(),
        }
    }
}

fn join_names(authors: &[Author], strings: &Strings) -> String {
    let names: Vec<&str> = authors.iter().map(Author::name).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => strings.format("names_and", None, &[("names", &strings.list(init)), ("last", last)]),
    }
}

/// A date as a `<time>` element: `date` (ISO 8601) in its attribute, `text` shown.
fn time_html(date: &str, text: &str) -> String {
    let (date, text) = (crate::util::html::escape(date), crate::util::html::escape(text));
    format!("<time datetime=\"{date}\">{text}</time>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_join_naturally() {
        let person = |n: &str| Author::Person(n.into());
        let names = [person("A"), person("B"), Author::Organisation("C".into())];
        assert_eq!(join_names(&names, &Strings::default()), "A, B and C");
    }
}
