//! Pages: the list of files a site is made of, and for each page the data its template
//! receives (documented in the manual's templates chapter), rendered through the theme.
//! One file per family of pages; `values` holds what many pages share, `views` the shapes
//! templates see.

mod concepts;
mod course;
mod files;
mod globals;
mod print;
mod quizzes;
mod readings;
mod relative;
mod review;
pub mod theme;
mod values;
mod views;

pub use globals::set_globals;
pub use relative::{QUIZ_PAGE_SCRIPT, quiz_page_script};
pub use values::Values;

use tera::{Context, Value};

use crate::common::routes::SitePage;
use crate::common::{Diagnostic, Kind, PageKey};
use crate::content::model::{Ref, targets};
use crate::i18n::Strings;
use crate::index::SiteIndex;
use crate::markdown::Rendered;
use crate::site::bodies::Bodies;
use crate::site::graph::Graph;
use theme::Theme;
use views::{DefinitionEntry, LinkView, PageView, Url};

/// One file of the site to produce: a page syllabus makes itself, or a course page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Job {
    Site(SitePage),
    Course(PageKey),
    /// A module's print page, by the module's index.
    Print(usize),
}

/// Room for what a page shows besides its own text (the theme, lists, definitions).
const PAGE_ROOM: usize = 16 * 1024;

/// Sections a page must have before it shows an outline ("On this page"): below that, the
/// page is short enough to see whole.
const OUTLINE_SECTIONS: usize = 3;

/// The headings an outline lists (levels 2 and 3), or none for a page with few sections.
fn outline(toc: &[crate::markdown::Heading]) -> &[crate::markdown::Heading] {
    let sections = toc.iter().filter(|h| h.level == 2).count();
    if sections >= OUTLINE_SECTIONS { toc } else { &[] }
}

/// A lesson shows the definitions of its key concepts in full up to this many: three
/// definitions of a sentence or two take about 250 px, so with its title and objectives
/// the lesson's text still starts within a 1280 x 800 screen. More are shown as terms,
/// each a link with its preview, their definitions in the page's list.
pub const FULL_KEY_CONCEPTS: usize = 3;

/// Whether a lesson's key concepts are shown as terms only.
pub fn compact(concepts: &[Ref]) -> bool {
    concepts.len() > FULL_KEY_CONCEPTS
}

/// The template of one concept's item in a page's list of definitions.
const DEFINITION_ENTRY: &str = "partials/concept-definition.html";

/// Everything a page needs to be rendered.
pub struct Pages<'a> {
    pub index: &'a SiteIndex<'a>,
    pub bodies: &'a Bodies,
    pub graph: &'a Graph,
    pub theme: &'a Theme,
    pub values: &'a Values,
}

/// Every page of the site, in a stable order: the pages syllabus makes itself (those this
/// course has), then every course page by kind.
pub fn jobs(index: &SiteIndex) -> Vec<Job> {
    let with_host = index.base.origin.is_some();
    let mut jobs: Vec<Job> = SitePage::ALL.iter().filter(|p| p.is_made(with_host)).map(|&p| Job::Site(p)).collect();
    for kind in [Kind::Module, Kind::Lesson, Kind::Article, Kind::Concept, Kind::Quiz, Kind::Page] {
        jobs.extend((0..index.course.ids(kind).len()).map(|i| Job::Course(PageKey::new(kind, i))));
    }
    jobs.extend((0..index.course.modules.len()).map(Job::Print));
    jobs
}

/// The output path of a job, relative to the output folder.
pub fn output_path(index: &SiteIndex, job: Job) -> String {
    match job {
        Job::Site(page) => page.output_path(),
        Job::Course(key) => format!("{}index.html", index.site_path(key)),
        Job::Print(module) => {
            format!("{}{}index.html", index.site_path(PageKey::new(Kind::Module, module)), print::PRINT)
        }
    }
}

/// The title of a page syllabus makes itself, as its heading, breadcrumb and navigation say.
fn title(page: SitePage, strings: &Strings) -> &str {
    let name = match page {
        SitePage::Home => "home",
        SitePage::Articles => "readings",
        SitePage::Concepts => "concepts",
        SitePage::Glossary => "glossary",
        SitePage::Quizzes => "quizzes",
        SitePage::Search => "search",
        SitePage::Review => "review",
        SitePage::NotFound => "page_not_found",
        SitePage::Robots | SitePage::Sitemap | SitePage::Bibtex | SitePage::Ris => return "",
    };
    strings.get(name)
}

impl Pages<'_> {
    /// The theme's words in the course's language.
    fn strings(&self) -> &Strings {
        &self.index.course.config.strings
    }

    /// A kind of page as the course's language names it.
    fn kind_text(&self, kind: Kind) -> &str {
        self.strings().get(match kind {
            Kind::Lesson => "kind_lesson",
            Kind::Module => "kind_module",
            Kind::Article => "kind_article",
            Kind::Concept => "kind_concept",
            Kind::Quiz => "kind_quiz",
            Kind::Page => "kind_page",
        })
    }

    /// Renders one job to bytes.
    pub fn render(&self, job: Job) -> Result<Vec<u8>, Diagnostic> {
        let articles = &self.index.course.articles;
        let (template, mut ctx) = match job {
            Job::Site(page) => match page {
                SitePage::Bibtex => return Ok(crate::site::cite::bibtex(articles).into_bytes()),
                SitePage::Ris => return Ok(crate::site::cite::ris(articles).into_bytes()),
                SitePage::Home => ("index.html", self.home()),
                SitePage::Articles => ("articles.html", self.articles()),
                SitePage::Concepts => ("concepts.html", self.concepts()),
                SitePage::Glossary => ("glossary.html", self.glossary()),
                SitePage::Quizzes => ("quizzes.html", self.quizzes()),
                SitePage::Search => ("search.html", self.listing(page)),
                SitePage::Review => ("review.html", self.review()),
                SitePage::NotFound => ("404.html", self.base(title(page, self.strings()), "", Vec::new())),
                SitePage::Robots => ("robots.txt", self.robots()),
                SitePage::Sitemap => ("sitemap.xml", self.sitemap()),
            },
            Job::Course(key) => match key.kind {
                Kind::Module => ("module.html", self.module(key.idx)),
                Kind::Lesson => ("lesson.html", self.lesson(key.idx)),
                Kind::Article => ("article.html", self.article(key.idx)),
                Kind::Concept => ("concept.html", self.concept(key.idx)),
                Kind::Quiz => ("quiz.html", self.quiz(key.idx)),
                Kind::Page => ("page.html", self.page(key.idx)),
            },
            Job::Print(module) => ("print.html", self.module_print(module)),
        };
        let rendered = self.rendered(job);
        if matches!(job, Job::Course(PageKey { kind: Kind::Lesson | Kind::Article | Kind::Page, .. }))
            && let Some(r) = rendered
        {
            ctx.insert("outline", outline(&r.toc));
        }
        // A quiz page lists no definitions: they would answer its questions.
        let is_quiz = matches!(job, Job::Course(PageKey { kind: Kind::Quiz, .. }));
        if let Some(rendered) = rendered.filter(|_| !is_quiz) {
            let entries = self.concept_definitions(rendered, job)?;
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
        let uses = match job {
            Job::Course(PageKey { kind: Kind::Concept, idx }) => self.graph.concept_uses[idx].len(),
            _ => 0,
        };
        let capacity = rendered.map_or(0, |r| 2 * r.html.len()) + uses * concepts::USE_ROOM + PAGE_ROOM;
        let bytes = self.theme.render_bytes(template, &ctx, capacity)?;
        let bytes = match job {
            // The lessons' HTML goes in after the template, not through it (a tenth of the
            // build's output at 10,000 lessons, copied once instead of three times).
            Job::Print(module) => self.fill_print(module, bytes),
            _ => bytes,
        };
        if !self.index.course.config.relative {
            return Ok(bytes);
        }
        let path = output_path(self.index, job);
        Ok(match path.ends_with(".html") {
            true => relative::relativize(&bytes, &path, &self.index.base.path),
            false => bytes,
        })
    }

    /// The rendered Markdown a page shows, if it has any.
    fn rendered(&self, job: Job) -> Option<&Rendered> {
        let b = self.bodies;
        match job {
            Job::Site(SitePage::Home) => b.home.as_deref(),
            Job::Site(_) | Job::Print(_) => None,
            Job::Course(key) => match key.kind {
                Kind::Module => b.modules[key.idx].as_deref(),
                Kind::Quiz => Some(&b.quizzes[key.idx].rendered),
                _ => b.of(key).next(),
            },
        }
    }

    /// Every concept the page's text links to, once, in order, except those the page lists
    /// with their definitions already (`listed`): the definitions behind the page's concept
    /// previews (and, without JavaScript, a short glossary of the page).
    fn concept_definitions(&self, rendered: &Rendered, job: Job) -> Result<Vec<&(Value, String)>, Diagnostic> {
        let (listed, first) = self.listed(job);
        // Sized for every link up front: growing it cost more than the inserts.
        let mut seen = rustc_hash::FxHashSet::with_capacity_and_hasher(
            rendered.links.len() + listed.len() + first.len(),
            rustc_hash::FxBuildHasher,
        );
        seen.extend(targets(listed));
        let linked = rendered.links.iter().filter(|l| l.target.kind == Kind::Concept).map(|l| l.target.idx);
        targets(first).chain(linked).filter(|&c| seen.insert(c)).map(|c| self.definition_entry(c)).collect()
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

    /// The concepts a page lists with their definitions in its own template (a lesson's
    /// few key concepts, the concepts a reading illustrates, a concept's related ones),
    /// and those it names without their definitions, which the page's list of definitions
    /// gives first (a lesson's many key concepts).
    fn listed(&self, job: Job) -> (&[Ref], &[Ref]) {
        let c = self.index.course;
        match job {
            Job::Course(PageKey { kind: Kind::Lesson, idx }) if compact(&c.lessons[idx].concepts) => {
                (&[], &c.lessons[idx].concepts)
            }
            Job::Course(PageKey { kind: Kind::Lesson, idx }) => (&c.lessons[idx].concepts, &[]),
            Job::Course(PageKey { kind: Kind::Article, idx }) => (&c.articles[idx].concepts, &[]),
            Job::Course(PageKey { kind: Kind::Concept, idx }) => (&c.concepts[idx].related, &[]),
            _ => (&[], &[]),
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
        ctx.insert("outline", &[(); 0]);
        ctx
    }

    /// A breadcrumb leading to a page syllabus makes itself.
    fn crumb(&self, page: SitePage) -> LinkView<'_> {
        LinkView { title: title(page, self.strings()), url: self.index.base.href(page.path()).into() }
    }

    /// The context of a page syllabus makes itself, below the home page.
    fn listing(&self, page: SitePage) -> Context {
        self.base(title(page, self.strings()), page.path(), vec![self.crumb(SitePage::Home)])
    }

    fn page(&self, idx: usize) -> Context {
        let p = &self.index.course.pages[idx];
        let key = PageKey::new(Kind::Page, idx);
        let mut ctx = self.base(&p.title, self.index.site_path(key), vec![self.crumb(SitePage::Home)]);
        let body = &self.bodies.pages[idx];
        ctx.insert(
            "page",
            &PageView {
                id: &p.id,
                title: &p.title,
                title_html: &p.title_html,
                url: self.href(Kind::Page, idx),
                content: &body.html,
                toc: &body.toc,
                extra: &p.extra,
            },
        );
        ctx
    }

    fn backlinks(&self, key: PageKey) -> Vec<Value> {
        self.graph.backlinks(key).iter().map(|&k| self.page_ref(k)).collect()
    }
}
