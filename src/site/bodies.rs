//! Render: the Markdown of every page and field of the course, in parallel, into HTML
//! with the links, anchors and mentions each one holds.

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
        Some(Kind::Lesson) => {
            &["main", "objectives", "key-concepts", "readings", "check-your-understanding", "linked-from", "lesson-nav"]
        }
        Some(Kind::Article) => &[
            "main",
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
        Some(Kind::Module) => &["main", "lessons"],
        Some(Kind::Page) | None => &["main", "outline"],
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

    /// Moves every diagnostic out (from bodies no one else shares; others keep theirs).
    pub fn take_diags(&mut self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut take = |r: &mut Body| match Arc::get_mut(r) {
            Some(r) => out.append(&mut r.diags),
            None => out.extend(r.diags.iter().cloned()),
        };
        self.home.iter_mut().for_each(&mut take);
        self.modules.iter_mut().flatten().for_each(&mut take);
        for list in [&mut self.lessons, &mut self.articles, &mut self.concepts, &mut self.definitions, &mut self.pages]
        {
            list.iter_mut().for_each(&mut take);
        }
        for q in &mut self.quizzes {
            match Arc::get_mut(q) {
                Some(q) => out.append(&mut q.rendered.diags),
                None => out.extend(q.rendered.diags.iter().cloned()),
            }
        }
        out
    }
}

/// Renders every page's Markdown.
pub fn bodies(index: &SiteIndex) -> Bodies {
    let course = index.course;
    let body = |key: Option<PageKey>, origin: &Origin, autolink: Option<Autolink>| {
        Arc::new(body(index, key, origin, autolink))
    };
    let key = PageKey::new;
    let lessons = course.lessons.par_iter().enumerate();
    let lessons = lessons.map(|(i, l)| body(Some(key(Kind::Lesson, i)), &l.origin, l.autolink)).collect();
    let articles = course.articles.par_iter().enumerate();
    let articles = articles.map(|(i, a)| body(Some(key(Kind::Article, i)), &a.origin, a.autolink)).collect();
    let concepts = course.concepts.par_iter().enumerate();
    let concepts = concepts.map(|(i, c)| body(Some(key(Kind::Concept, i)), &c.origin, None)).collect();
    let definitions = course.concepts.par_iter().enumerate();
    let definitions = definitions
        .map(|(i, c)| Arc::new(inline(index, key(Kind::Concept, i), c.origin.path(), &c.definition)))
        .collect();
    let pages = course.pages.par_iter().enumerate();
    let pages = pages.map(|(i, p)| body(Some(key(Kind::Page, i)), &p.origin, None)).collect();
    let quizzes = course.quizzes.par_iter().enumerate().map(|(i, q)| Arc::new(quiz(index, i, q))).collect();
    Bodies {
        home: course.home.origin.as_ref().map(|o| body(None, o, None)),
        modules: course
            .modules
            .iter()
            .enumerate()
            .map(|(i, m)| m.origin.as_ref().map(|o| body(Some(PageKey::new(Kind::Module, i)), o, None)))
            .collect(),
        lessons,
        articles,
        concepts,
        definitions,
        pages,
        quizzes,
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

/// Renders one inline field of page `key`.
fn inline(index: &SiteIndex, key: PageKey, path: &str, field: &Located<String>) -> Rendered {
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
    markdown::render_inline(&field.value, &ctx)
}

/// Renders a quiz's Markdown fields.
pub fn quiz(index: &SiteIndex, i: usize, quiz: &Quiz) -> QuizHtml {
    let key = PageKey::new(Kind::Quiz, i);
    let path = quiz.path();
    let mut all = Rendered::default();
    let mut field = |f: &Located<String>| {
        let mut r = inline(index, key, path, f);
        all.links.append(&mut r.links);
        all.diags.append(&mut r.diags);
        Text { html: r.html, text: r.plain }
    };
    let description = quiz.description.as_ref().map(&mut field).unwrap_or_default().html;
    let mut questions = Vec::with_capacity(quiz.questions.len());
    for q in &quiz.questions {
        let Text { html: prompt, text: prompt_text } = field(&q.prompt);
        let explanation = q.explanation.as_ref().map(&mut field).unwrap_or_default().html;
        let (options, second) = match &q.answer {
            Answer::Single(choices) | Answer::Multiple(choices) => {
                let options = choices.iter().map(|c| field(&c.text)).collect();
                let feedback =
                    choices.iter().map(|c| c.feedback.as_ref().map(&mut field).unwrap_or_default()).collect();
                (options, feedback)
            }
            Answer::Order(items) => (items.iter().map(&mut field).collect(), Vec::new()),
            Answer::Match(pairs) => {
                let left = pairs.iter().map(|p| field(&p.0)).collect();
                let right = pairs.iter().map(|p| field(&p.1)).collect();
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
