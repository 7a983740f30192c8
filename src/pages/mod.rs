//! Pages: the list of files a site is made of, and for each page the data its template
//! receives (documented in the README), rendered through the theme.

pub mod theme;

use std::sync::OnceLock;

use serde::Serialize;
use serde_json::Value as Json;
use tera::Context;
use tera::Value;
use unicode_normalization::UnicodeNormalization;

use crate::common::Kind;
use crate::common::PageKey;
use crate::common::diag::Diagnostic;
use crate::content::model::{Answer, Question, Quiz};
use crate::content::model::{Article, Concept, Lesson, Module, Ref, targets};
use crate::index::SiteIndex;
use crate::markdown::{Heading, Rendered};
use crate::site::bodies::{Bodies, QuestionHtml, QuizHtml, Text};
use crate::site::graph::Graph;
use theme::Theme;

/// One file of the site to produce.
#[derive(Clone, Copy, Debug)]
pub enum Job {
    Home,
    Module(usize),
    Lesson(usize),
    Article(usize),
    Articles,
    Concept(usize),
    Concepts,
    Glossary,
    Quiz(usize),
    Quizzes,
    Search,
    Page(usize),
    NotFound,
    Robots,
    Sitemap,
    Bibtex,
    Ris,
}

/// Room for what a page shows besides its own text (the theme, lists, definitions).
const PAGE_ROOM: usize = 16 * 1024;
/// Room for each page in a concept's list of uses.
const USE_ROOM: usize = 128;

/// The template of one concept's item in a page's list of definitions.
const DEFINITION_ENTRY: &str = "partials/concept-definition.html";

/// The reading list for reference managers.
pub const BIBTEX_PATH: &str = "articles/readings.bib";
pub const RIS_PATH: &str = "articles/readings.ris";

/// Everything a page needs to be rendered.
pub struct Site<'a> {
    pub index: &'a SiteIndex<'a>,
    pub bodies: &'a Bodies,
    pub graph: &'a Graph,
    pub theme: &'a Theme,
    pub values: &'a Values,
}

/// Template values that many pages share (a concept with its definition, a link to a
/// lesson, a reading's card), each made once, on first use, and then shared by every
/// page that shows it.
pub struct Values {
    concepts: Vec<OnceLock<Value>>,
    /// A concept with its entry in a page's list of definitions, rendered once.
    entries: Vec<OnceLock<Result<(Value, String), Diagnostic>>>,
    lessons: Vec<OnceLock<Value>>,
    /// A lesson as an item of its module's list, `[elsewhere, on its own page]`.
    items: Vec<[OnceLock<Value>; 2]>,
    cards: Vec<OnceLock<Value>>,
    /// `{kind, title, url}` of every page, by kind and index (backlinks, uses).
    refs: Vec<Vec<OnceLock<Value>>>,
    /// A page as a list item linking to it, `<li><a href="url">title</a></li>`, by kind and index.
    ref_items: Vec<Vec<OnceLock<String>>>,
    /// Each lesson's module, apart from the lessons: a concept's uses look up hundreds.
    lesson_modules: Vec<u32>,
}

impl Values {
    pub fn new(course: &crate::content::model::Course) -> Values {
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
fn per_page<T>(course: &crate::content::model::Course) -> Vec<Vec<OnceLock<T>>> {
    let mut lists: Vec<Vec<OnceLock<T>>> = Kind::ALL.iter().map(|_| Vec::new()).collect();
    for kind in Kind::ALL {
        lists[kind as usize] = (0..course.ids(kind).len()).map(|_| OnceLock::new()).collect();
    }
    lists
}

/// Every page of the site, in a stable order.
pub fn jobs(index: &SiteIndex) -> Vec<Job> {
    let c = index.course;
    let mut jobs = vec![
        Job::Home,
        Job::Articles,
        Job::Concepts,
        Job::Glossary,
        Job::Quizzes,
        Job::Search,
        Job::NotFound,
        Job::Robots,
        Job::Bibtex,
        Job::Ris,
    ];
    if c.config.base_url.origin.is_some() {
        jobs.push(Job::Sitemap);
    }
    jobs.extend((0..c.modules.len()).map(Job::Module));
    jobs.extend((0..c.lessons.len()).map(Job::Lesson));
    jobs.extend((0..c.articles.len()).map(Job::Article));
    jobs.extend((0..c.concepts.len()).map(Job::Concept));
    jobs.extend((0..c.quizzes.len()).map(Job::Quiz));
    jobs.extend((0..c.pages.len()).map(Job::Page));
    jobs
}

/// The output path of a job, relative to the output folder.
pub fn output_path(index: &SiteIndex, job: Job) -> String {
    let page = |kind, idx| format!("{}index.html", index.site_path(PageKey::new(kind, idx)));
    match job {
        Job::Home => "index.html".into(),
        Job::Module(i) => page(Kind::Module, i),
        Job::Lesson(i) => page(Kind::Lesson, i),
        Job::Article(i) => page(Kind::Article, i),
        Job::Concept(i) => page(Kind::Concept, i),
        Job::Quiz(i) => page(Kind::Quiz, i),
        Job::Page(i) => page(Kind::Page, i),
        Job::Articles => "articles/index.html".into(),
        Job::Concepts => "concepts/index.html".into(),
        Job::Glossary => "glossary/index.html".into(),
        Job::Quizzes => "quizzes/index.html".into(),
        Job::Search => "search/index.html".into(),
        Job::NotFound => "404.html".into(),
        Job::Robots => "robots.txt".into(),
        Job::Sitemap => "sitemap.xml".into(),
        Job::Bibtex => BIBTEX_PATH.into(),
        Job::Ris => RIS_PATH.into(),
    }
}

/// A page URL: borrowed from the index, or made for an index page.
type Url<'a> = std::borrow::Cow<'a, str>;

#[derive(Serialize)]
struct LinkView<'a> {
    title: &'a str,
    url: Url<'a>,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    author: &'a str,
    language: &'a str,
    /// The base URL's path: every link starts with it.
    base_path: &'a str,
    /// The absolute base URL, or empty when base_url has no host.
    base_url: String,
    css: String,
    js: String,
    quiz_js: String,
    /// The search script, loaded on every page; it fetches the index only once used.
    search_js: String,
    generator: &'static str,
    nav: Vec<LinkView<'a>>,
    extra: &'a Json,
}

/// Sets the data every template sees as `site`.
pub fn set_globals(index: &SiteIndex, theme: &mut Theme) {
    let c = index.course;
    let base = index.base;
    let mut nav = vec![
        LinkView { title: "Readings", url: base.href("articles/").into() },
        LinkView { title: "Concepts", url: base.href("concepts/").into() },
        LinkView { title: "Glossary", url: base.href("glossary/").into() },
        LinkView { title: "Quizzes", url: base.href("quizzes/").into() },
    ];
    nav.extend(
        c.pages
            .iter()
            .enumerate()
            .map(|(i, p)| LinkView { title: &p.title, url: index.href(PageKey::new(Kind::Page, i)).into() }),
    );
    let site = SiteView {
        title: &c.config.title,
        description: &c.config.description,
        author: &c.config.author,
        language: &c.config.language,
        base_path: &base.path,
        base_url: base.absolute("").unwrap_or_default(),
        css: format!("{}?v={}", base.href(theme::CSS_PATH), theme.css_version),
        js: format!("{}?v={}", base.href(theme::JS_PATH), theme.js_version),
        quiz_js: format!("{}?v={}", base.href(theme::QUIZ_JS_PATH), theme.quiz_js_version),
        search_js: format!("{}?v={}", base.href(theme::SEARCH_JS_PATH), theme.search_js_version),
        generator: concat!("syllabus ", env!("CARGO_PKG_VERSION")),
        nav,
        extra: &c.config.extra,
    };
    theme.set_global("site", &site);
}

impl Site<'_> {
    /// Renders one job to bytes.
    pub fn render(&self, job: Job) -> Result<Vec<u8>, Diagnostic> {
        let articles = &self.index.course.articles;
        let (template, ctx) = match job {
            Job::Bibtex => return Ok(crate::site::cite::bibtex(articles).into_bytes()),
            Job::Ris => return Ok(crate::site::cite::ris(articles).into_bytes()),
            Job::Home => ("index.html", self.home()),
            Job::Module(i) => ("module.html", self.module(i)),
            Job::Lesson(i) => ("lesson.html", self.lesson(i)),
            Job::Article(i) => ("article.html", self.article(i)),
            Job::Articles => ("articles.html", self.articles()),
            Job::Concept(i) => ("concept.html", self.concept(i)),
            Job::Concepts => ("concepts.html", self.concepts()),
            Job::Glossary => ("glossary.html", self.glossary()),
            Job::Quiz(i) => ("quiz.html", self.quiz(i)),
            Job::Quizzes => ("quizzes.html", self.quizzes()),
            Job::Search => ("search.html", self.base("Search", "search/", vec![self.home_crumb()])),
            Job::Page(i) => ("page.html", self.page(i)),
            Job::NotFound => ("404.html", self.plain("Page not found", "")),
            Job::Robots => ("robots.txt", self.robots()),
            Job::Sitemap => ("sitemap.xml", self.sitemap()),
        };
        let mut ctx = ctx;
        let rendered = self.rendered(job);
        if let Some(rendered) = rendered {
            let entries = self.concept_definitions(rendered, self.listed(job))?;
            // The whole list's HTML, joined here: a Tera loop over some twenty entries on
            // every page cost more than the rest of the page's template.
            let html = entries.iter().map(|(_, entry)| entry.as_str()).collect::<Vec<_>>().join("\n  ");
            ctx.insert_value("concept_definitions_html", Value::safe_string(&html));
            // The same list as values, for themes that loop over it: built only for them
            // (a clone of each entry, some 260,000 at 10,000 lessons).
            if self.theme.reads_definition_values {
                let values: Vec<Value> = entries.into_iter().map(|(value, _)| value.clone()).collect();
                ctx.insert_value("concept_definitions", Value::from(values));
            }
        }
        // The page's text and its concepts' definitions, with the theme around them.
        let uses = if let Job::Concept(i) = job { self.graph.concept_uses[i].len() } else { 0 };
        let capacity = rendered.map_or(0, |r| 2 * r.html.len()) + uses * USE_ROOM + PAGE_ROOM;
        self.theme.render_bytes(template, &ctx, capacity)
    }

    /// The rendered Markdown a page shows, if it has any.
    fn rendered(&self, job: Job) -> Option<&Rendered> {
        let b = self.bodies;
        match job {
            Job::Home => b.home.as_deref(),
            Job::Module(i) => b.modules[i].as_deref(),
            Job::Lesson(i) => Some(&b.lessons[i]),
            Job::Article(i) => Some(&b.articles[i]),
            Job::Concept(i) => Some(&b.concepts[i]),
            Job::Quiz(i) => Some(&b.quizzes[i].rendered),
            Job::Page(i) => Some(&b.pages[i]),
            _ => None,
        }
    }

    /// Every concept the page's text links to, once, in order, except those the page lists
    /// with their definitions already (`listed`): the definitions behind the page's concept
    /// previews (and, without JavaScript, a short glossary of the page).
    fn concept_definitions(&self, rendered: &Rendered, listed: &[Ref]) -> Result<Vec<&(Value, String)>, Diagnostic> {
        // Sized for every link up front: growing it cost more than the inserts.
        let mut seen = rustc_hash::FxHashSet::with_capacity_and_hasher(
            rendered.links.len() + listed.len(),
            rustc_hash::FxBuildHasher,
        );
        seen.extend(targets(listed));
        rendered
            .links
            .iter()
            .filter(|l| l.target.kind == Kind::Concept && seen.insert(l.target.idx))
            .map(|l| self.definition_entry(l.target.idx))
            .collect()
    }

    /// A concept with `entry`, its item in the list of definitions, rendered once from
    /// `partials/concept-definition.html` for every page that lists it (a lesson page
    /// lists some twenty: rendering each there took a sixth of all page rendering).
    fn definition_entry(&self, idx: usize) -> Result<&(Value, String), Diagnostic> {
        self.values.entries[idx]
            .get_or_init(|| {
                let mut ctx = Context::new();
                ctx.insert("c", &self.concept_value(idx));
                let entry = self.theme.render(DEFINITION_ENTRY, &ctx)?;
                let value =
                    Value::from_serializable(&DefinitionEntry { concept: self.concept_view(idx), entry: &entry });
                Ok((value, entry))
            })
            .as_ref()
            .map_err(Diagnostic::clone)
    }

    /// The concepts a page lists with their definitions in its own template: a lesson's
    /// key concepts, the concepts a reading illustrates, a concept's related ones.
    fn listed(&self, job: Job) -> &[Ref] {
        let c = self.index.course;
        match job {
            Job::Lesson(i) => &c.lessons[i].concepts,
            Job::Article(i) => &c.articles[i].concepts,
            Job::Concept(i) => &c.concepts[i].related,
            _ => &[],
        }
    }

    fn href(&self, kind: Kind, idx: usize) -> Url<'_> {
        Url::Borrowed(self.index.href(PageKey::new(kind, idx)))
    }

    fn link(&self, key: PageKey) -> LinkView<'_> {
        LinkView { title: self.index.title(key), url: self.index.href(key).into() }
    }

    /// The context common to all pages: the page's own title, URL and breadcrumbs.
    fn base(&self, title: &str, site_path: &str, crumbs: Vec<LinkView>) -> Context {
        let mut ctx = Context::new();
        ctx.insert("page_title", title);
        ctx.insert("page_url", &self.index.base.href(site_path));
        ctx.insert("canonical", &self.index.base.absolute(site_path).unwrap_or_default());
        ctx.insert("current_path", site_path);
        ctx.insert("breadcrumbs", &crumbs);
        ctx.insert("concept_definitions", &[(); 0]);
        ctx.insert("concept_definitions_html", "");
        ctx
    }

    fn home_crumb(&self) -> LinkView<'_> {
        LinkView { title: "Home", url: self.index.base.href("").into() }
    }

    fn plain(&self, title: &str, path: &str) -> Context {
        self.base(title, path, Vec::new())
    }

    /// A concept as a shared template value.
    fn concept_value(&self, idx: usize) -> Value {
        self.values.concepts[idx].get_or_init(|| Value::from_serializable(&self.concept_view(idx))).clone()
    }

    /// A link to a lesson as a shared template value.
    fn lesson_value(&self, idx: usize) -> Value {
        self.values.lessons[idx]
            .get_or_init(|| Value::from_serializable(&self.link(PageKey::new(Kind::Lesson, idx))))
            .clone()
    }

    /// A reading's card (naming every lesson that assigns it) as a shared template value.
    fn card_value(&self, idx: usize) -> Value {
        self.values.cards[idx].get_or_init(|| Value::from_serializable(&self.article_card(idx))).clone()
    }

    fn concept_view(&self, idx: usize) -> ConceptView<'_> {
        let c: &Concept = &self.index.course.concepts[idx];
        let def: &Rendered = &self.bodies.definitions[idx];
        let intro = self.graph.introduced_by[idx].map(|l| self.link(PageKey::new(Kind::Lesson, l)));
        ConceptView {
            id: &c.id,
            term: &c.term,
            url: self.href(Kind::Concept, idx),
            definition: &def.html,
            definition_text: &def.plain,
            aliases: &c.aliases,
            introduced_by: intro,
        }
    }

    /// A lesson as an item of its module's list (every page of the module shows it), as a
    /// shared template value.
    fn item_value(&self, idx: usize, current: bool) -> Value {
        self.values.items[idx][usize::from(current)]
            .get_or_init(|| Value::from_serializable(&self.lesson_item(idx, current)))
            .clone()
    }

    fn lesson_item(&self, idx: usize, current: bool) -> LessonItem<'_> {
        let l: &Lesson = &self.index.course.lessons[idx];
        LessonItem {
            id: &l.id,
            title: &l.title,
            url: self.href(Kind::Lesson, idx),
            summary: &l.summary,
            duration: &l.duration,
            current,
            number: self.lesson_number(idx),
        }
    }

    /// `2.3`: module number and place in the module, both from 1.
    fn lesson_number(&self, idx: usize) -> String {
        let c = self.index.course;
        let m = c.lessons[idx].module;
        let place = c.modules[m].lessons.iter().position(|&l| l == idx).unwrap_or(0);
        format!("{}.{}", m + 1, place + 1)
    }

    fn module_view(&self, idx: usize, current: Option<usize>) -> ModuleView<'_> {
        let m: &Module = &self.index.course.modules[idx];
        ModuleView {
            id: &m.id,
            title: &m.title,
            url: self.href(Kind::Module, idx),
            summary: &m.summary,
            number: idx + 1,
            lessons: m.lessons.iter().map(|&l| self.item_value(l, current == Some(l))).collect(),
            extra: &m.extra,
        }
    }

    fn home(&self) -> Context {
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

    fn module(&self, idx: usize) -> Context {
        let c = self.index.course;
        let m = &c.modules[idx];
        let key = PageKey::new(Kind::Module, idx);
        let mut ctx = self.base(&m.title, self.index.site_path(key), vec![self.home_crumb()]);
        let mut view = serde_json::to_value(self.module_view(idx, None)).unwrap_or_default();
        view["content"] = self.bodies.modules[idx].as_ref().map_or("", |r| r.html.as_str()).into();
        ctx.insert("module", &view);
        ctx.insert("prev", &idx.checked_sub(1).map(|p| self.link(PageKey::new(Kind::Module, p))));
        ctx.insert("next", &(idx + 1 < c.modules.len()).then(|| self.link(PageKey::new(Kind::Module, idx + 1))));
        ctx
    }

    fn lesson(&self, idx: usize) -> Context {
        let c = self.index.course;
        let l = &c.lessons[idx];
        let key = PageKey::new(Kind::Lesson, idx);
        let module = self.link(PageKey::new(Kind::Module, l.module));
        let mut ctx = self.base(&l.title, self.index.site_path(key), vec![self.home_crumb(), module]);
        let body = &self.bodies.lessons[idx];
        let view = LessonView {
            id: &l.id,
            title: &l.title,
            url: self.href(Kind::Lesson, idx),
            number: self.lesson_number(idx),
            summary: &l.summary,
            objectives: &l.objectives,
            duration: &l.duration,
            content: &body.html,
            toc: &body.toc,
            concepts: targets(&l.concepts).map(|c| self.concept_value(c)).collect(),
            readings: targets(&l.readings).map(|a| self.card_value(a)).collect(),
            quiz: l.quiz.as_ref().and_then(|q| q.target).map(|q| self.link(PageKey::new(Kind::Quiz, q))),
            prerequisites: targets(&l.prerequisites).map(|p| self.lesson_value(p)).collect(),
            backlinks: self.backlinks(key),
            extra: &l.extra,
        };
        ctx.insert("lesson", &view);
        ctx.insert("module", &self.module_view(l.module, Some(idx)));
        ctx.insert("prev", &idx.checked_sub(1).map(|p| self.link(PageKey::new(Kind::Lesson, p))));
        ctx.insert("next", &(idx + 1 < c.lessons.len()).then(|| self.link(PageKey::new(Kind::Lesson, idx + 1))));
        ctx
    }

    fn backlinks(&self, key: PageKey) -> Vec<Value> {
        self.graph.backlinks(key).iter().map(|&k| self.page_ref(k)).collect()
    }

    /// A page's kind, title and URL as a shared template value.
    fn page_ref(&self, key: PageKey) -> Value {
        self.values.refs[key.kind as usize][key.idx]
            .get_or_init(|| {
                let r =
                    PageRef { kind: key.kind.name(), title: self.index.title(key), url: self.index.href(key).into() };
                Value::from_serializable(&r)
            })
            .clone()
    }

    /// A reading's card, listing every lesson that assigns it.
    fn article_card(&self, idx: usize) -> ArticleCard<'_> {
        self.article_card_assigned(idx, &self.graph.assigned_by[idx])
    }

    /// A reading's card, listing the given lessons as the ones that assign it.
    fn article_card_assigned(&self, idx: usize, lessons: &[usize]) -> ArticleCard<'_> {
        let a: &Article = &self.index.course.articles[idx];
        ArticleCard {
            id: &a.id,
            title: &a.title,
            url: self.href(Kind::Article, idx),
            authors: &a.authors,
            author: join_names(&a.authors),
            date: a.date.as_deref().unwrap_or(""),
            publication: &a.publication,
            summary: &a.summary,
            citation: crate::site::cite::short(a),
            assigned_by: lessons.iter().map(|&l| self.lesson_value(l)).collect(),
        }
    }

    fn article(&self, idx: usize) -> Context {
        let a = &self.index.course.articles[idx];
        let key = PageKey::new(Kind::Article, idx);
        let readings = LinkView { title: "Readings", url: self.index.base.href("articles/").into() };
        let mut ctx = self.base(&a.title, self.index.site_path(key), vec![self.home_crumb(), readings]);
        let body = &self.bodies.articles[idx];
        let view = ArticleView {
            card: self.article_card(idx),
            source_url: a.url.as_ref().map_or("", |u| u.value.as_str()),
            accessed: a.accessed.as_deref().unwrap_or(""),
            archive: a.archive.as_ref().map_or("", |u| u.value.as_str()),
            apa: crate::site::cite::apa(a),
            mla: crate::site::cite::mla(a),
            content: &body.html,
            toc: &body.toc,
            concepts: targets(&a.concepts).map(|c| self.concept_value(c)).collect(),
            backlinks: self.backlinks(key),
            extra: &a.extra,
        };
        ctx.insert("article", &view);
        ctx
    }

    fn articles(&self) -> Context {
        let mut ctx = self.base("Readings", "articles/", vec![self.home_crumb()]);
        let course = self.index.course;
        let cards: Vec<Value> = (0..course.articles.len()).map(|a| self.card_value(a)).collect();
        ctx.insert("articles", &cards);
        ctx.insert("reading_groups", &self.reading_groups());
        ctx.insert("bibtex_url", &self.index.base.href(BIBTEX_PATH));
        ctx.insert("ris_url", &self.index.base.href(RIS_PATH));
        ctx
    }

    /// Readings grouped by the module whose lessons assign them, in course order (a
    /// reading assigned in two modules is in both, each card naming that module's
    /// lessons), then those no lesson assigns.
    fn reading_groups(&self) -> Vec<ReadingGroup<'_>> {
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
            groups.push(ReadingGroup { title: "Other readings", module: None, articles: others });
        }
        groups
    }

    fn concept(&self, idx: usize) -> Context {
        let c = &self.index.course.concepts[idx];
        let key = PageKey::new(Kind::Concept, idx);
        let concepts = LinkView { title: "Concepts", url: self.index.base.href("concepts/").into() };
        let mut ctx = self.base(&c.term, self.index.site_path(key), vec![self.home_crumb(), concepts]);
        let (used_in, used_in_html) = self.used_in(idx);
        let view = ConceptPage {
            concept: self.concept_view(idx),
            content: &self.bodies.concepts[idx].html,
            related: targets(&c.related).map(|r| self.concept_value(r)).collect(),
            used_in,
            used_in_html: Value::safe_string(&used_in_html),
            examples: self.examples(idx),
            extra: &c.extra,
        };
        ctx.insert("concept", &view);
        ctx
    }

    /// Passages marked as examples of a concept, each with its source and a link back.
    fn examples(&self, idx: usize) -> Vec<ExampleView<'_>> {
        let course = self.index.course;
        self.graph.examples[idx]
            .iter()
            .map(|(page, anchor, text)| ExampleView {
                text,
                url: format!("{}#{anchor}", self.index.href(*page)),
                source: self.index.title(*page),
                citation: match page.kind {
                    Kind::Article => crate::site::cite::short(&course.articles[page.idx]),
                    kind => format!("{}: {}", capitalized(kind.name()), self.index.title(*page)),
                },
            })
            .collect()
    }

    /// The pages that use a concept, grouped: lessons by module, then readings, then quizzes;
    /// and the groups as HTML, joined (a concept of a large course has hundreds of groups,
    /// and a template loop over them cost more than the rest of its page).
    fn used_in(&self, idx: usize) -> (Vec<UseGroup<'_>>, String) {
        let c = self.index.course;
        let mut groups: Vec<(&str, Vec<PageKey>)> = Vec::new();
        for &key in &self.graph.concept_uses[idx] {
            let heading = match key.kind {
                Kind::Lesson => c.modules[self.values.lesson_modules[key.idx] as usize].title.as_str(),
                Kind::Article => "Readings",
                Kind::Quiz => "Quizzes",
                _ => "Other pages",
            };
            match groups.last_mut() {
                Some((title, keys)) if *title == heading => keys.push(key),
                _ => groups.push((heading, vec![key])),
            }
        }
        let mut html = String::with_capacity(self.graph.concept_uses[idx].len() * USE_ROOM);
        let groups = groups.into_iter().map(|(title, keys)| self.use_group(title, &keys, &mut html)).collect();
        (groups, html)
    }

    /// A group of pages that use a concept: their values, for themes that loop over them, and
    /// the list items joined. On a large course a concept has hundreds of uses, and a loop
    /// over them in the template cost twice the rest of its page. The group is also added
    /// to `page_html`, as a heading and the list.
    fn use_group<'s>(&'s self, title: &'s str, keys: &[PageKey], page_html: &mut String) -> UseGroup<'s> {
        let mut html = String::with_capacity(keys.len() * 96);
        for &key in keys {
            html.push_str(self.ref_item(key));
        }
        page_html.push_str("\n    <h3>");
        page_html.push_str(&escaped(title));
        page_html.push_str("</h3>\n    <ul>");
        page_html.push_str(&html);
        page_html.push_str("</ul>\n    ");
        UseGroup {
            title,
            pages: keys.iter().map(|&key| self.page_ref(key)).collect(),
            pages_html: Value::safe_string(&html),
        }
    }

    /// A page as a list item linking to it, made once.
    fn ref_item(&self, key: PageKey) -> &str {
        self.values.ref_items[key.kind as usize][key.idx].get_or_init(|| {
            let mut item = b"<li><a href=\"".to_vec();
            let escape = |text: &str, out: &mut Vec<u8>| tera::escape_html(text, out).expect("writing to memory");
            escape(self.index.href(key), &mut item);
            item.extend_from_slice(b"\">");
            escape(self.index.title(key), &mut item);
            item.extend_from_slice(b"</a></li>");
            String::from_utf8(item).expect("escaped UTF-8 stays UTF-8")
        })
    }

    fn concepts(&self) -> Context {
        let mut ctx = self.base("Concepts", "concepts/", vec![self.home_crumb()]);
        let all: Vec<Value> = (0..self.index.course.concepts.len()).map(|c| self.concept_value(c)).collect();
        ctx.insert("concepts", &all);
        ctx.insert("concept_map", &crate::site::conceptmap::svg(self.index, self.graph));
        ctx
    }

    fn glossary(&self) -> Context {
        let mut ctx = self.base("Glossary", "glossary/", vec![self.home_crumb()]);
        let mut letters: Vec<Letter> = Vec::new();
        for (i, c) in self.index.course.concepts.iter().enumerate() {
            let letter = initial(&c.term);
            match letters.last_mut() {
                Some(l) if l.letter == letter => l.concepts.push(self.concept_value(i)),
                _ => letters.push(Letter {
                    anchor: format!("letter-{}", letter.to_lowercase()),
                    letter,
                    concepts: vec![self.concept_value(i)],
                }),
            }
        }
        ctx.insert("letters", &letters);
        ctx
    }

    fn quiz(&self, idx: usize) -> Context {
        let q = &self.index.course.quizzes[idx];
        let key = PageKey::new(Kind::Quiz, idx);
        let quizzes = LinkView { title: "Quizzes", url: self.index.base.href("quizzes/").into() };
        let mut ctx = self.base(&q.title, self.index.site_path(key), vec![self.home_crumb(), quizzes]);
        ctx.insert("quiz", &self.quiz_view(idx, q, &self.bodies.quizzes[idx]));
        ctx
    }

    fn quiz_view<'s>(&'s self, idx: usize, q: &'s Quiz, html: &'s QuizHtml) -> QuizView<'s> {
        QuizView {
            id: &q.id,
            title: &q.title,
            url: self.href(Kind::Quiz, idx),
            description: &html.description,
            pass_mark: q.pass_mark.map(number),
            shuffle: q.shuffle,
            total_points: number(q.total_points()),
            lessons: self.graph.quiz_lessons[idx].iter().map(|&l| self.lesson_value(l)).collect(),
            questions: q.questions.iter().zip(&html.questions).map(|(qq, h)| self.question_view(qq, h)).collect(),
            key: crate::site::quizkey::answer_key(self.index, idx, q, html),
            extra: &q.extra,
        }
    }

    fn question_view<'s>(&'s self, q: &'s Question, h: &'s QuestionHtml) -> QuestionView<'s> {
        let mut v = QuestionView {
            number: q.number,
            id: &q.id,
            kind: q.answer.type_name(),
            prompt: &h.prompt,
            explanation: &h.explanation,
            points: number(q.points),
            concepts: targets(&q.concepts).map(|c| self.concept_value(c)).collect(),
            choices: Vec::new(),
            answer: None,
            answers: &[],
            tolerance: None,
            items: Vec::new(),
            shuffled: Vec::new(),
            pairs: Vec::new(),
        };
        match &q.answer {
            Answer::Single(choices) | Answer::Multiple(choices) => {
                v.choices = choices
                    .iter()
                    .enumerate()
                    .map(|(i, c)| ChoiceView {
                        index: i,
                        text: &h.options[i],
                        correct: c.correct,
                        feedback: &h.second[i].html,
                    })
                    .collect();
            }
            Answer::TrueFalse(b) => v.answer = Some(Json::Bool(*b)),
            Answer::Short(answers) => v.answers = answers,
            Answer::Numeric { answer, tolerance } => {
                v.answer = Some(number(*answer));
                v.tolerance = (*tolerance > 0.0).then(|| number(*tolerance));
            }
            Answer::Order(_) => {
                v.items = h.options.iter().enumerate().map(|(i, t)| Item { index: i, text: t }).collect();
                v.shuffled = scramble(&q.id, h.options.len())
                    .into_iter()
                    .map(|i| Item { index: i, text: &h.options[i] })
                    .collect();
            }
            Answer::Match(_) => {
                v.pairs = h
                    .options
                    .iter()
                    .zip(&h.second)
                    .enumerate()
                    .map(|(i, (l, r))| Pair { index: i, left: l, right: r })
                    .collect();
                v.shuffled = scramble(&q.id, h.second.len())
                    .into_iter()
                    .map(|i| Item { index: i, text: &h.second[i] })
                    .collect();
            }
        }
        v
    }

    fn quizzes(&self) -> Context {
        let c = self.index.course;
        let mut ctx = self.base("Quizzes", "quizzes/", vec![self.home_crumb()]);
        let cards: Vec<QuizCard> = c
            .quizzes
            .iter()
            .enumerate()
            .map(|(i, q)| QuizCard {
                id: &q.id,
                title: &q.title,
                url: self.href(Kind::Quiz, i),
                description: &self.bodies.quizzes[i].description,
                questions: q.questions.len(),
                total_points: number(q.total_points()),
                lessons: self.graph.quiz_lessons[i].iter().map(|&l| self.lesson_value(l)).collect(),
            })
            .collect();
        ctx.insert("quizzes", &cards);
        ctx
    }

    fn page(&self, idx: usize) -> Context {
        let p = &self.index.course.pages[idx];
        let key = PageKey::new(Kind::Page, idx);
        let mut ctx = self.base(&p.title, self.index.site_path(key), vec![self.home_crumb()]);
        let body = &self.bodies.pages[idx];
        ctx.insert(
            "page",
            &PageView {
                id: &p.id,
                title: &p.title,
                url: self.href(Kind::Page, idx),
                content: &body.html,
                toc: &body.toc,
                extra: &p.extra,
            },
        );
        ctx
    }

    fn robots(&self) -> Context {
        let mut ctx = Context::new();
        ctx.insert("sitemap", &self.index.base.absolute("sitemap.xml"));
        ctx
    }

    fn sitemap(&self) -> Context {
        let mut urls: Vec<String> = ["", "articles/", "concepts/", "glossary/", "quizzes/"]
            .iter()
            .filter_map(|p| self.index.base.absolute(p))
            .collect();
        for kind in [Kind::Module, Kind::Lesson, Kind::Article, Kind::Concept, Kind::Quiz, Kind::Page] {
            for i in 0..self.index.course.ids(kind).len() {
                urls.extend(self.index.base.absolute(self.index.site_path(PageKey::new(kind, i))));
            }
        }
        let urls: Vec<String> = urls.iter().map(|u| crate::util::path::percent_encode_url(u)).collect();
        let mut ctx = Context::new();
        ctx.insert("urls", &urls);
        ctx
    }
}

/// Text escaped for HTML, as the templates' autoescape does it.
fn escaped(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    tera::escape_html(text, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("escaped UTF-8 stays UTF-8")
}

/// The glossary letter of a term: its first letter without accents, uppercased.
fn initial(term: &str) -> String {
    term.nfd().find(|c| c.is_alphanumeric()).map(|c| c.to_uppercase().collect::<String>()).unwrap_or_else(|| "#".into())
}

/// A fixed shuffle (from the question id) so the no-JavaScript page does not show
/// items in their answer order, and every build gives the same page.
fn scramble(seed: &str, n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = u64::from_str_radix(&crate::util::hash::fingerprint(seed.as_bytes()), 16).unwrap_or(1) | 1;
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        order.swap(i, (state % (i as u64 + 1)) as usize);
    }
    if n > 1 && order.iter().enumerate().all(|(i, &o)| i == o) {
        order.rotate_left(1);
    }
    order
}

/// A number for templates: whole numbers as integers (`3`, not `3.0`).
fn number(x: f64) -> Json {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        Json::from(x as i64)
    } else {
        serde_json::Number::from_f64(x).map_or(Json::Null, Json::Number)
    }
}

fn capitalized(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[derive(Serialize)]
struct HomeView<'a> {
    title: &'a str,
    content: &'a str,
    extra: &'a Json,
}

#[derive(Serialize)]
struct ConceptView<'a> {
    id: &'a str,
    term: &'a str,
    url: Url<'a>,
    definition: &'a str,
    definition_text: &'a str,
    aliases: &'a [String],
    introduced_by: Option<LinkView<'a>>,
}

#[derive(Serialize)]
struct DefinitionEntry<'a> {
    #[serde(flatten)]
    concept: ConceptView<'a>,
    entry: &'a str,
}

#[derive(Serialize)]
struct LessonItem<'a> {
    id: &'a str,
    title: &'a str,
    url: Url<'a>,
    summary: &'a str,
    duration: &'a str,
    current: bool,
    number: String,
}

#[derive(Serialize)]
struct ModuleView<'a> {
    id: &'a str,
    title: &'a str,
    url: Url<'a>,
    summary: &'a str,
    number: usize,
    lessons: Vec<Value>,
    extra: &'a Json,
}

#[derive(Serialize)]
struct PageRef<'a> {
    kind: &'static str,
    title: &'a str,
    url: Url<'a>,
}

#[derive(Serialize)]
struct LessonView<'a> {
    id: &'a str,
    title: &'a str,
    url: Url<'a>,
    number: String,
    summary: &'a str,
    objectives: &'a [String],
    duration: &'a str,
    content: &'a str,
    toc: &'a [Heading],
    concepts: Vec<Value>,
    readings: Vec<Value>,
    quiz: Option<LinkView<'a>>,
    prerequisites: Vec<Value>,
    backlinks: Vec<Value>,
    extra: &'a Json,
}

#[derive(Serialize)]
struct ArticleCard<'a> {
    id: &'a str,
    title: &'a str,
    url: Url<'a>,
    authors: &'a [String],
    author: String,
    date: &'a str,
    publication: &'a str,
    summary: &'a str,
    citation: String,
    assigned_by: Vec<Value>,
}

#[derive(Serialize)]
struct ArticleView<'a> {
    #[serde(flatten)]
    card: ArticleCard<'a>,
    source_url: &'a str,
    accessed: &'a str,
    archive: &'a str,
    /// APA 7 and MLA 9 references (HTML).
    apa: String,
    mla: String,
    content: &'a str,
    toc: &'a [Heading],
    concepts: Vec<Value>,
    backlinks: Vec<Value>,
    extra: &'a Json,
}

#[derive(Serialize)]
struct ConceptPage<'a> {
    #[serde(flatten)]
    concept: ConceptView<'a>,
    content: &'a str,
    related: Vec<Value>,
    used_in: Vec<UseGroup<'a>>,
    /// `used_in` as HTML: each group's heading and list.
    used_in_html: Value,
    examples: Vec<ExampleView<'a>>,
    extra: &'a Json,
}

#[derive(Serialize)]
struct ExampleView<'a> {
    text: &'a str,
    url: String,
    source: &'a str,
    citation: String,
}

#[derive(Serialize)]
struct ReadingGroup<'a> {
    title: &'a str,
    module: Option<LinkView<'a>>,
    articles: Vec<ArticleCard<'a>>,
}

#[derive(Serialize)]
struct UseGroup<'a> {
    title: &'a str,
    pages: Vec<Value>,
    /// `pages` as list items, `<li><a href="url">title</a></li>` each, joined.
    pages_html: Value,
}

#[derive(Serialize)]
struct Letter {
    letter: String,
    anchor: String,
    concepts: Vec<Value>,
}

#[derive(Serialize)]
struct QuizView<'a> {
    id: &'a str,
    title: &'a str,
    url: Url<'a>,
    description: &'a str,
    pass_mark: Option<Json>,
    shuffle: bool,
    total_points: Json,
    lessons: Vec<Value>,
    questions: Vec<QuestionView<'a>>,
    /// The answer key as JSON for a `<script type="application/json">` element.
    key: String,
    extra: &'a Json,
}

#[derive(Serialize)]
struct QuestionView<'a> {
    number: usize,
    id: &'a str,
    kind: &'static str,
    prompt: &'a str,
    explanation: &'a str,
    points: Json,
    concepts: Vec<Value>,
    choices: Vec<ChoiceView<'a>>,
    /// true_false: the answer; numeric: the number.
    answer: Option<Json>,
    answers: &'a [String],
    tolerance: Option<Json>,
    /// order: items in the right order.
    items: Vec<Item<'a>>,
    /// order: items as shown; match: right sides as offered.
    shuffled: Vec<Item<'a>>,
    pairs: Vec<Pair<'a>>,
}

#[derive(Serialize)]
struct ChoiceView<'a> {
    index: usize,
    text: &'a Text,
    correct: bool,
    feedback: &'a str,
}

#[derive(Serialize)]
struct Item<'a> {
    index: usize,
    text: &'a Text,
}

#[derive(Serialize)]
struct Pair<'a> {
    index: usize,
    left: &'a Text,
    right: &'a Text,
}

#[derive(Serialize)]
struct QuizCard<'a> {
    id: &'a str,
    title: &'a str,
    url: Url<'a>,
    description: &'a str,
    questions: usize,
    total_points: Json,
    lessons: Vec<Value>,
}

#[derive(Serialize)]
struct PageView<'a> {
    id: &'a str,
    title: &'a str,
    url: Url<'a>,
    content: &'a str,
    toc: &'a [Heading],
    extra: &'a Json,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glossary_initials_drop_accents() {
        assert_eq!(initial("Éducation"), "E");
        assert_eq!(initial("海绵城市"), "海");
        assert_eq!(initial("'quoted'"), "Q");
    }

    #[test]
    fn scramble_is_stable_and_never_the_identity() {
        assert_eq!(scramble("q", 4), scramble("q", 4));
        let s = scramble("x", 3);
        assert_ne!(s, vec![0, 1, 2]);
        let mut sorted = s.clone();
        sorted.sort();
        assert_eq!(sorted, vec![0, 1, 2]);
    }

    #[test]
    fn names_join_naturally() {
        assert_eq!(join_names(&["A".into(), "B".into(), "C".into()]), "A, B and C");
    }
}
