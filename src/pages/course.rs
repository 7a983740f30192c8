//! The teaching pages: the home page with the course outline, module pages, and lesson
//! pages with their objectives, key concepts, readings, quiz and neighbours.

use tera::Context;

use super::Pages;
use super::views::{HomeView, LessonItem, LessonView, ModuleView};
use crate::common::routes::SitePage;
use crate::common::{Kind, PageKey};
use crate::content::model::{Lesson, Module, targets};

impl Pages<'_> {
    pub(super) fn home(&self) -> Context {
        let c = self.index.course;
        let title = c.home.title.as_deref().unwrap_or(&c.config.title);
        let mut ctx = self.base(title, "", Vec::new());
        let outline: Vec<ModuleView> = (0..c.modules.len()).map(|m| self.module_view(m, None)).collect();
        ctx.insert(
            "home",
            &HomeView { title, content: self.bodies.home.as_ref().map_or("", |r| &r.html), extra: &c.home.extra },
        );
        ctx.insert("outline", &outline);
        ctx.insert(
            "counts",
            &serde_json::json!({
                "modules": c.modules.len(), "lessons": c.lessons.len(), "articles": c.articles.len(),
                "concepts": c.concepts.len(), "quizzes": c.quizzes.len(),
            }),
        );
        ctx
    }

    pub(super) fn module(&self, idx: usize) -> Context {
        let c = self.index.course;
        let m = &c.modules[idx];
        let key = PageKey::new(Kind::Module, idx);
        let mut ctx = self.base(&m.title, self.index.site_path(key), vec![self.crumb(SitePage::Home)]);
        let mut view = serde_json::to_value(self.module_view(idx, None)).unwrap_or_default();
        view["content"] = self.bodies.modules[idx].as_ref().map_or("", |r| r.html.as_str()).into();
        ctx.insert("module", &view);
        ctx.insert("prev", &idx.checked_sub(1).map(|p| self.link(PageKey::new(Kind::Module, p))));
        ctx.insert("next", &(idx + 1 < c.modules.len()).then(|| self.link(PageKey::new(Kind::Module, idx + 1))));
        ctx
    }

    pub(super) fn lesson(&self, idx: usize) -> Context {
        let c = self.index.course;
        let l = &c.lessons[idx];
        let key = PageKey::new(Kind::Lesson, idx);
        let module = self.link(PageKey::new(Kind::Module, l.module));
        let mut ctx = self.base(&l.title, self.index.site_path(key), vec![self.crumb(SitePage::Home), module]);
        let body = &self.bodies.lessons[idx];
        let fields = &self.bodies.lesson_fields[idx];
        let view = LessonView {
            id: &l.id,
            title: &l.title,
            title_html: &l.title_html,
            url: self.href(Kind::Lesson, idx),
            number: self.lesson_number(idx),
            summary: fields.summary.as_ref().map_or("", |s| s.html.as_str()),
            summary_text: fields.summary.as_ref().map_or("", |s| s.text.as_str()),
            objectives: &fields.objectives,
            keypoints: &fields.keypoints,
            duration: self.strings().duration(&l.duration),
            content: &body.html,
            toc: &body.toc,
            concepts: targets(&l.concepts).map(|c| self.concept_value(c)).collect(),
            concepts_compact: super::compact(&l.concepts),
            readings: targets(&l.readings).map(|a| self.card_value(a)).collect(),
            quiz: l.quiz.as_ref().and_then(|q| q.target).map(|q| self.link(PageKey::new(Kind::Quiz, q))),
            prerequisites: targets(&l.prerequisites).map(|p| self.lesson_value(p)).collect(),
            backlinks: self.backlinks(key),
            review_concepts: self.review_concepts(idx),
            extra: &l.extra,
        };
        ctx.insert("lesson", &view);
        ctx.insert("module", &self.module_view(l.module, Some(idx)));
        ctx.insert("prev", &idx.checked_sub(1).map(|p| self.link(PageKey::new(Kind::Lesson, p))));
        ctx.insert("next", &(idx + 1 < c.lessons.len()).then(|| self.link(PageKey::new(Kind::Lesson, idx + 1))));
        ctx
    }

    pub(super) fn module_view(&self, idx: usize, current: Option<usize>) -> ModuleView<'_> {
        let m: &Module = &self.index.course.modules[idx];
        ModuleView {
            id: &m.id,
            title: &m.title,
            title_html: &m.title_html,
            url: self.href(Kind::Module, idx),
            summary: &m.summary,
            number: idx + 1,
            lessons: m.lessons.iter().map(|&l| self.item_value(l, current == Some(l))).collect(),
            keypoints: m.lessons.iter().any(|&l| !self.bodies.lesson_fields[l].keypoints.is_empty()),
            extra: &m.extra,
        }
    }

    pub(super) fn lesson_item(&self, idx: usize, current: bool) -> LessonItem<'_> {
        let l: &Lesson = &self.index.course.lessons[idx];
        let summary = self.bodies.lesson_fields[idx].summary.as_ref();
        LessonItem {
            id: &l.id,
            title: &l.title,
            title_html: &l.title_html,
            url: self.href(Kind::Lesson, idx),
            summary: summary.map_or("", |s| s.html.as_str()),
            summary_text: summary.map_or("", |s| s.text.as_str()),
            keypoints: &self.bodies.lesson_fields[idx].keypoints,
            duration: self.strings().duration(&l.duration),
            current,
            number: self.lesson_number(idx),
        }
    }

    /// `2.3`: module number and place in the module, both from 1.
    pub(super) fn lesson_number(&self, idx: usize) -> String {
        let c = self.index.course;
        let m = c.lessons[idx].module;
        let place = c.modules[m].lessons.iter().position(|&l| l == idx).unwrap_or(0);
        format!("{}.{}", m + 1, place + 1)
    }
}
