//! Render: the Markdown of every page and field of the course, in parallel, into HTML
//! with the links, anchors and mentions each one holds.

use std::collections::HashSet;
use std::sync::Arc;

use rayon::prelude::*;

use crate::common::Kind;
use crate::common::PageKey;
use crate::common::diag::Diagnostic;
use crate::common::routes::page_path;
use crate::content::config::Autolink;
use crate::content::model::Origin;
use crate::content::model::{Answer, Quiz};
use crate::content::yaml::Located;
use crate::index::SiteIndex;
use crate::markdown::{self, Ctx, Place, Rendered};

/// Element ids each page kind's built-in template uses; headings in a body never take them.
pub fn template_ids(kind: Option<Kind>) -> &'static [&'static str] {
    match kind {
        Some(Kind::Lesson) => &[
            "main",
            "objectives",
            "key-concepts",
            "keypoints",
            "readings",
            "check-your-understanding",
            "linked-from",
            "lesson-nav",
        ],
        Some(Kind::Article) => &[
            "main",
            "on-this-page",
            "citation",
            "cite-apa",
            "cite-mla",
            "citation-apa",
            "citation-mla",
            "illustrates",
            "assigned-in",
            "linked-from",
        ],
        Some(Kind::Concept) => &["main", "definition", "explanation", "examples", "related", "used-in"],
        Some(Kind::Quiz) => &["main", "questions", "result"],
        Some(Kind::Module) => &["main", "lessons", "keypoints"],
        Some(Kind::Page) | None => &["main", "outline", "on-this-page"],
    }
}

/// A quiz's Markdown fields as HTML, in the shape of the quiz.
#[derive(Debug, Default)]
pub struct QuizHtml {
    pub description: String,
    pub questions: Vec<QuestionHtml>,
    /// Links and diagnostics of every field together.
    pub rendered: Rendered,
}

#[derive(Debug, Default)]
pub struct QuestionHtml {
    pub prompt: String,
    /// The prompt as plain text (what search indexes of a quiz).
    pub prompt_text: String,
    pub explanation: String,
    /// Choices (single, multiple), items (order) or left sides (match).
    pub options: Vec<Text>,
    /// Feedback per choice, or right sides (match).
    pub second: Vec<Text>,
}

/// An inline field as HTML and as plain text (for `<option>` labels and attributes).
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Text {
    pub html: String,
    pub text: String,
}

/// A lesson's inline Markdown fields, rendered (their links and diagnostics join those
/// of the lesson's body).
#[derive(Debug, Default)]
pub struct LessonFields {
    pub summary: Option<Text>,
    pub objectives: Vec<Text>,
    pub keypoints: Vec<Text>,
}

/// Every rendered text of the course, by page kind and index.
#[derive(Debug, Default, Clone)]
pub struct Bodies {
    pub home: Option<Body>,
    pub modules: Vec<Option<Body>>,
    pub lessons: Vec<Body>,
    pub articles: Vec<Body>,
    pub concepts: Vec<Body>,
    /// Concept definitions (inline Markdown).
    pub definitions: Vec<Body>,
    pub pages: Vec<Body>,
    pub quizzes: Vec<Arc<QuizHtml>>,
    /// Each lesson's summary, objectives and key points.
    pub lesson_fields: Vec<Arc<LessonFields>>,
}

/// The running texts of page bodies, by kind and index, for the search index.
#[derive(Debug, Default)]
pub struct Texts {
    pub modules: Vec<String>,
    pub lessons: Vec<String>,
    pub articles: Vec<String>,
    pub concepts: Vec<String>,
    pub pages: Vec<String>,
}

/// A rendered text, shared: a live preview keeps the ones an edit did not touch.
pub type Body = Arc<Rendered>;

impl Bodies {
    /// Every rendered text with the page it belongs to (`None`: the home page).
    pub fn all(&self) -> impl Iterator<Item = (Option<PageKey>, &Rendered)> {
        fn keyed(kind: Kind) -> impl Fn((usize, &Body)) -> (Option<PageKey>, &Rendered) {
            move |(i, r)| (Some(PageKey::new(kind, i)), &**r)
        }
        self.home
            .iter()
            .map(|r| (None, &**r))
            .chain(
                self.modules
                    .iter()
                    .enumerate()
                    .filter_map(|(i, r)| r.as_ref().map(|r| (Some(PageKey::new(Kind::Module, i)), &**r))),
            )
            .chain(self.lessons.iter().enumerate().map(keyed(Kind::Lesson)))
            .chain(self.articles.iter().enumerate().map(keyed(Kind::Article)))
            .chain(self.concepts.iter().enumerate().map(keyed(Kind::Concept)))
            .chain(self.definitions.iter().enumerate().map(keyed(Kind::Concept)))
            .chain(self.pages.iter().enumerate().map(keyed(Kind::Page)))
            .chain(self.quizzes.iter().enumerate().map(|(i, q)| (Some(PageKey::new(Kind::Quiz, i)), &q.rendered)))
    }

    /// Moves out the plain texts kept for the search index, so it can free each one as
    /// soon as it is counted (texts of bodies shared with a live preview are copied).
    pub fn take_texts(&mut self) -> Texts {
        fn take(r: &mut Body) -> String {
            match Arc::get_mut(r) {
                Some(r) => std::mem::take(&mut r.text),
                None => r.text.clone(),
            }
        }
        let all = |list: &mut Vec<Body>| list.iter_mut().map(take).collect();
        Texts {
            modules: self.modules.iter_mut().map(|m| m.as_mut().map(take).unwrap_or_default()).collect(),
            lessons: all(&mut self.lessons),
            articles: all(&mut self.articles),
            concepts: all(&mut self.concepts),
            pages: all(&mut self.pages),
        }
    }

    /// The rendered texts of one page (a concept has its body and its definition).
    pub fn of(&self, key: PageKey) -> impl Iterator<Item = &Rendered> {
        let i = key.idx;
        let (first, second): (Option<&Rendered>, Option<&Rendered>) = match key.kind {
            Kind::Lesson => (self.lessons.get(i).map(|r| &**r), None),
            Kind::Module => (self.modules.get(i).and_then(|m| m.as_deref()), None),
            Kind::Article => (self.articles.get(i).map(|r| &**r), None),
            Kind::Concept => (self.concepts.get(i).map(|r| &**r), self.definitions.get(i).map(|r| &**r)),
            Kind::Quiz => (self.quizzes.get(i).map(|q| &q.rendered), None),
            Kind::Page => (self.pages.get(i).map(|r| &**r), None),
        };
        first.into_iter().chain(second)
    }

    /// Every diagnostic of every rendered text.
    pub fn diags(&self) -> Vec<Diagnostic> {
        self.all().flat_map(|(_, r)| r.diags.iter().cloned()).collect()
    }

    /// The course pages whose texts are not the same (shared) texts as in `old`, a render
    /// of the same course shape.
    pub fn changed_from(&self, old: &Bodies) -> Vec<PageKey> {
        fn list(kind: Kind, new: &[Body], old: &[Body], out: &mut Vec<PageKey>) {
            let same = |i: usize, b: &Body| old.get(i).is_some_and(|o| Arc::ptr_eq(o, b));
            out.extend(new.iter().enumerate().filter(|(i, b)| !same(*i, b)).map(|(i, _)| PageKey::new(kind, i)));
        }
        let mut out = Vec::new();
        list(Kind::Lesson, &self.lessons, &old.lessons, &mut out);
        list(Kind::Article, &self.articles, &old.articles, &mut out);
        list(Kind::Page, &self.pages, &old.pages, &mut out);
        for (i, (body, def)) in self.concepts.iter().zip(&self.definitions).enumerate() {
            let same = |a: Option<&Body>, b: &Body| a.is_some_and(|a| Arc::ptr_eq(a, b));
            if !same(old.concepts.get(i), body) || !same(old.definitions.get(i), def) {
                out.push(PageKey::new(Kind::Concept, i));
            }
        }
        for (i, m) in self.modules.iter().enumerate() {
            let was = old.modules.get(i).and_then(Option::as_ref);
            if !matches!((was, m), (Some(a), Some(b)) if Arc::ptr_eq(a, b)) && (was.is_some() || m.is_some()) {
                out.push(PageKey::new(Kind::Module, i));
            }
        }
        for (i, q) in self.quizzes.iter().enumerate() {
            if !old.quizzes.get(i).is_some_and(|o| Arc::ptr_eq(o, q)) {
                out.push(PageKey::new(Kind::Quiz, i));
            }
        }
        out
    }
}

/// What a render may keep from the last one (a live preview): its texts whose files are
/// not stale. Only valid while every page keeps its index and every id its page.
pub struct Keep<'a> {
    pub old: &'a Bodies,
    /// Course paths of the files whose texts must be rendered again.
    pub stale: &'a HashSet<String>,
}

/// Renders every page's Markdown, in parallel, keeping what `keep` allows.
pub fn render(index: &SiteIndex, keep: Option<&Keep>) -> Bodies {
    let course = index.course;
    let key = PageKey::new;
    // The last render's text of an unchanged file.
    let old = |list: fn(&Bodies) -> &Vec<Body>, i: usize, origin: &Origin| -> Option<Body> {
        let keep = keep?;
        (!keep.stale.contains(origin.path())).then(|| list(keep.old).get(i).cloned()).flatten()
    };
    let page = |k: PageKey, origin: &Origin, autolink: Option<Autolink>| {
        old(list_of(k.kind), k.idx, origin).unwrap_or_else(|| Arc::new(body(index, Some(k), origin, autolink)))
    };
    // A lesson's body and its fields, rendered together: they come from one file.
    let lessons: Vec<(Body, Arc<LessonFields>)> = course
        .lessons
        .par_iter()
        .enumerate()
        .map(|(i, l)| {
            let kept = keep.filter(|k| !k.stale.contains(l.origin.path()));
            if let Some(k) = kept
                && let (Some(body), Some(fields)) = (k.old.lessons.get(i), k.old.lesson_fields.get(i))
            {
                return (body.clone(), fields.clone());
            }
            let mut rendered = body(index, Some(key(Kind::Lesson, i)), &l.origin, l.autolink);
            let fields = lesson_fields(index, i, &mut rendered);
            (Arc::new(rendered), Arc::new(fields))
        })
        .collect();
    let (lessons, lesson_fields): (Vec<Body>, Vec<Arc<LessonFields>>) = lessons.into_iter().unzip();
    let articles = course.articles.par_iter().enumerate();
    let articles = articles.map(|(i, a)| page(key(Kind::Article, i), &a.origin, a.autolink)).collect();
    let concepts = course.concepts.par_iter().enumerate();
    let concepts = concepts.map(|(i, c)| page(key(Kind::Concept, i), &c.origin, None)).collect();
    let definitions = course
        .concepts
        .par_iter()
        .enumerate()
        .map(|(i, c)| old(|b| &b.definitions, i, &c.origin).unwrap_or_else(|| Arc::new(definition(index, i))));
    let definitions = definitions.collect();
    let pages = course.pages.par_iter().enumerate();
    let pages = pages.map(|(i, p)| page(key(Kind::Page, i), &p.origin, None)).collect();
    let quizzes = course.quizzes.par_iter().enumerate().map(|(i, q)| {
        let kept = keep.zip(q.origin.as_ref()).filter(|(k, o)| !k.stale.contains(o.path()));
        kept.and_then(|(k, _)| k.old.quizzes.get(i).cloned()).unwrap_or_else(|| Arc::new(quiz(index, i, q)))
    });
    let quizzes = quizzes.collect();
    let optional = |old: Option<&Body>, k: Option<PageKey>, origin: &Origin| -> Body {
        let kept = keep.filter(|k| !k.stale.contains(origin.path())).and(old.cloned());
        kept.unwrap_or_else(|| Arc::new(body(index, k, origin, None)))
    };
    let home = course.home.origin.as_ref().map(|o| optional(keep.and_then(|k| k.old.home.as_ref()), None, o));
    let modules = course.modules.iter().enumerate().map(|(i, m)| {
        let old = keep.and_then(|k| k.old.modules.get(i)).and_then(Option::as_ref);
        m.origin.as_ref().map(|o| optional(old, Some(key(Kind::Module, i)), o))
    });
    Bodies { home, modules: modules.collect(), lessons, articles, concepts, definitions, pages, quizzes, lesson_fields }
}

/// The list of a kind's bodies (lessons, articles, concepts, pages).
fn list_of(kind: Kind) -> fn(&Bodies) -> &Vec<Body> {
    match kind {
        Kind::Lesson => |b| &b.lessons,
        Kind::Article => |b| &b.articles,
        Kind::Concept => |b| &b.concepts,
        _ => |b| &b.pages,
    }
}

/// Renders the Markdown body of a page (`None`: the home page), with the page's own
/// `autolink` setting if it has one.
pub fn body(index: &SiteIndex, key: Option<PageKey>, origin: &Origin, autolink: Option<Autolink>) -> Rendered {
    let course = index.course;
    let page_path = key.map_or("", |k| index.site_path(k));
    let mentions = matches!(key.map(|k| k.kind), Some(Kind::Lesson | Kind::Article));
    let ctx = Ctx {
        index,
        place: Place::Body { source: &origin.source, offset: origin.body_offset },
        page: key,
        page_path,
        autolink: if mentions { autolink.unwrap_or(course.config.autolink) } else { Autolink::Off },
        mentions,
        raw_html: course.config.raw_html,
        reserved_ids: template_ids(key.map(|k| k.kind)),
        paragraph_ids: key.is_some_and(|k| k.kind == Kind::Article),
    };
    let text = origin.text();
    let body = text.get(origin.body_offset..).unwrap_or_default();
    let rendered = crate::common::diag::guard(origin.path(), || markdown::render(body, &ctx))
        .unwrap_or_else(|d| Rendered { diags: vec![d], ..Rendered::default() });
    // The text is not needed any more: a large course keeps only its rendered pages.
    origin.source.release();
    rendered
}

/// Renders the definition of concept `i` (inline Markdown).
pub fn definition(index: &SiteIndex, i: usize) -> Rendered {
    let c = &index.course.concepts[i];
    inline(index, PageKey::new(Kind::Concept, i), c.origin.path(), &c.definition)
}

/// Renders lesson `i`'s summary, objectives and key points (inline Markdown), their links
/// and diagnostics added to `all`, the lesson body's.
pub fn lesson_fields(index: &SiteIndex, i: usize, all: &mut Rendered) -> LessonFields {
    let lesson = &index.course.lessons[i];
    let key = PageKey::new(Kind::Lesson, i);
    let mut field = |f: &Located<String>| {
        let mut r = inline(index, key, lesson.origin.path(), f);
        all.links.append(&mut r.links);
        all.diags.append(&mut r.diags);
        Text { html: r.html, text: r.plain }
    };
    let summary = lesson.summary.as_ref().map(&mut field);
    let objectives = lesson.objectives.iter().map(&mut field).collect();
    let keypoints = lesson.keypoints.iter().map(&mut field).collect();
    LessonFields { summary, objectives, keypoints }
}

/// Renders one field of page `key` that holds block Markdown.
fn field(index: &SiteIndex, key: PageKey, path: &str, field: &Located<String>) -> Rendered {
    render_field(index, key, path, field, markdown::render_field)
}

/// Renders one inline field of page `key`. Most fields are plain words: they skip the
/// Markdown pass (at 10,000 lessons, some 40,000 summaries and objectives).
fn inline(index: &SiteIndex, key: PageKey, path: &str, field: &Located<String>) -> Rendered {
    if markdown::is_plain(&field.value) {
        let text = field.value.trim();
        return Rendered { html: crate::util::html::escape(text), plain: text.to_string(), ..Rendered::default() };
    }
    render_field(index, key, path, field, markdown::render_inline)
}

/// Renders a front-matter or quiz field of page `key` with `render`: no autolinks, no raw
/// HTML, every message at the field.
fn render_field(
    index: &SiteIndex,
    key: PageKey,
    path: &str,
    field: &Located<String>,
    render: fn(&str, &Ctx) -> Rendered,
) -> Rendered {
    let page_path = page_path(key.kind, index.id(key));
    let ctx = Ctx {
        index,
        place: Place::Field { path, pos: field.pos },
        page: Some(key),
        page_path: &page_path,
        autolink: Autolink::Off,
        mentions: false,
        raw_html: false,
        reserved_ids: template_ids(Some(key.kind)),
        paragraph_ids: false,
    };
    render(&field.value, &ctx)
}

/// Renders a quiz's Markdown fields.
pub fn quiz(index: &SiteIndex, i: usize, quiz: &Quiz) -> QuizHtml {
    let key = PageKey::new(Kind::Quiz, i);
    let path = quiz.path();
    let mut all = Rendered::default();
    // Choices, items and sides are inline Markdown; prompts, explanations and feedback
    // may hold paragraphs, lists and code blocks.
    let mut render = |f: &Located<String>, block: bool| {
        let mut r = if block { field(index, key, path, f) } else { inline(index, key, path, f) };
        all.links.append(&mut r.links);
        all.diags.append(&mut r.diags);
        Text { html: r.html, text: r.plain }
    };
    let description = quiz.description.as_ref().map(|d| render(d, false)).unwrap_or_default().html;
    let mut questions = Vec::with_capacity(quiz.questions.len());
    for q in &quiz.questions {
        let Text { html: prompt, text: prompt_text } = render(&q.prompt, true);
        let explanation = q.explanation.as_ref().map(|e| render(e, true)).unwrap_or_default().html;
        let (options, second) = match &q.answer {
            Answer::Single(choices) | Answer::Multiple(choices) => {
                let options = choices.iter().map(|c| render(&c.text, false)).collect();
                let feedback = choices.iter().map(|c| c.feedback.as_ref().map(|f| render(f, true)).unwrap_or_default());
                (options, feedback.collect())
            }
            Answer::Order(items) => (items.iter().map(|t| render(t, false)).collect(), Vec::new()),
            Answer::Match(pairs) => {
                let left = pairs.iter().map(|p| render(&p.0, false)).collect();
                let right = pairs.iter().map(|p| render(&p.1, false)).collect();
                (left, right)
            }
            Answer::TrueFalse(_) | Answer::Short(_) | Answer::Numeric { .. } => (Vec::new(), Vec::new()),
        };
        questions.push(QuestionHtml { prompt, prompt_text, explanation, options, second });
        all.anchors.push(q.id.clone());
    }
    for q in &quiz.questions {
        for c in crate::content::model::targets(&q.concepts) {
            all.links.push(markdown::LinkUse::new(
                PageKey::new(Kind::Concept, c),
                markdown::Loc::At(q.pos),
                None,
                String::new,
            ));
        }
    }
    QuizHtml { description, questions, rendered: all }
}
