//! The index: where every page of the course lives (its site path and `href` under the
//! base URL), every page by id, by source file and by path, the site's other files, and
//! the concept-term automaton. Computed once from the settled course; every stage after
//! it reads the course through a `SiteIndex`.

pub mod resolve;
pub mod terms;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::common::routes::{ASSET_FILES, SitePage, page_path};
use crate::common::{Kind, PageKey};
use crate::content::config::BaseUrl;
use crate::content::model::{Concept, Course};
use crate::index::terms::Matcher;
use crate::util::html::escape;

pub use resolve::{LinkError, Resolved, Target};

/// What every stage after the model needs to know about the whole course, computed from
/// the course once (and kept by `serve` while ids and order stay the same).
pub struct IndexData {
    pub matcher: Arc<Matcher>,
    by_id: HashMap<String, Vec<PageKey>>,
    by_source: HashMap<String, PageKey>,
    by_path: HashMap<String, PageKey>,
    files: HashSet<String>,
    /// Files beside pages, relative to `content/`.
    page_files: HashSet<String>,
    /// Site path and href of every page, by kind and index.
    paths: [Vec<String>; 6],
    hrefs: [Vec<String>; 6],
    /// The opening `<a ...>` of a link to each concept, for autolinks.
    concept_open: Vec<String>,
    /// Formulas converted so far: a course repeats its formulas, and the live preview
    /// keeps them from one edit to the next while the index holds.
    pub formulas: crate::markdown::math::Formulas,
}

impl IndexData {
    /// The index of a course, with a new concept automaton (built on another thread
    /// meanwhile: at 1,000 concepts it takes as long as the rest).
    pub fn for_course(course: &Course) -> IndexData {
        let (matcher, mut data) = rayon::join(
            || Arc::new(Matcher::new(&course.concepts)),
            || IndexData::new(course, Arc::new(Matcher::new::<Arc<Concept>>(&[]))),
        );
        data.matcher = matcher;
        data
    }

    pub fn new(course: &Course, matcher: Arc<Matcher>) -> IndexData {
        let base = &course.config.base_url;
        let mut data = IndexData {
            matcher,
            by_id: HashMap::new(),
            by_source: HashMap::new(),
            by_path: HashMap::new(),
            files: HashSet::new(),
            page_files: HashSet::new(),
            paths: Default::default(),
            hrefs: Default::default(),
            concept_open: Vec::new(),
            formulas: Default::default(),
        };
        for kind in Kind::ALL {
            for (idx, id) in course.ids(kind).into_iter().enumerate() {
                let key = PageKey::new(kind, idx);
                let path = page_path(kind, id);
                data.by_id.entry(id.to_string()).or_default().push(key);
                data.by_path.insert(path.clone(), key);
                data.hrefs[kind as usize].push(base.href(&path));
                data.paths[kind as usize].push(path);
            }
        }
        let sources = course.lessons.iter().enumerate().map(|(i, x)| (PageKey::new(Kind::Lesson, i), Some(&x.origin)));
        let sources = sources
            .chain(course.articles.iter().enumerate().map(|(i, x)| (PageKey::new(Kind::Article, i), Some(&x.origin))))
            .chain(course.concepts.iter().enumerate().map(|(i, x)| (PageKey::new(Kind::Concept, i), Some(&x.origin))))
            .chain(course.pages.iter().enumerate().map(|(i, x)| (PageKey::new(Kind::Page, i), Some(&x.origin))))
            .chain(course.modules.iter().enumerate().map(|(i, x)| (PageKey::new(Kind::Module, i), x.origin.as_ref())));
        for (key, origin) in sources {
            if let Some(o) = origin {
                data.by_source.insert(o.path().to_string(), key);
            }
        }
        data.concept_open = (0..course.concepts.len())
            .map(|c| concept_link_open(course, c, &data.hrefs[Kind::Concept as usize][c]))
            .collect();
        let with_host = base.origin.is_some();
        data.files.extend(SitePage::ALL.iter().filter(|p| p.is_made(with_host)).map(|p| p.path().to_string()));
        data.files.extend(course.static_files.iter().cloned());
        data.files.extend(course.assets.page_files.iter().map(|f| crate::content::assets::site_path(f)));
        data.page_files = course.assets.page_files.iter().cloned().collect();
        data.files.extend(ASSET_FILES.iter().map(|path| path.to_string()));
        data
    }
}

/// The course with its index: what every stage after the model reads.
#[derive(Clone, Copy)]
pub struct SiteIndex<'c> {
    pub course: &'c Course,
    pub base: &'c BaseUrl,
    data: &'c IndexData,
}

impl<'c> SiteIndex<'c> {
    pub fn view(course: &'c Course, data: &'c IndexData) -> SiteIndex<'c> {
        SiteIndex { course, base: &course.config.base_url, data }
    }

    /// The formulas converted so far in this build.
    pub fn formulas(&self) -> &'c crate::markdown::math::Formulas {
        &self.data.formulas
    }

    pub fn matcher(&self) -> &'c Matcher {
        &self.data.matcher
    }

    pub fn id(&self, key: PageKey) -> &'c str {
        let c = self.course;
        match key.kind {
            Kind::Lesson => &c.lessons[key.idx].id,
            Kind::Module => &c.modules[key.idx].id,
            Kind::Article => &c.articles[key.idx].id,
            Kind::Concept => &c.concepts[key.idx].id,
            Kind::Quiz => &c.quizzes[key.idx].id,
            Kind::Page => &c.pages[key.idx].id,
        }
    }

    pub fn title(&self, key: PageKey) -> &'c str {
        let c = self.course;
        match key.kind {
            Kind::Lesson => &c.lessons[key.idx].title,
            Kind::Module => &c.modules[key.idx].title,
            Kind::Article => &c.articles[key.idx].title,
            Kind::Concept => &c.concepts[key.idx].term,
            Kind::Quiz => &c.quizzes[key.idx].title,
            Kind::Page => &c.pages[key.idx].title,
        }
    }

    /// The opening tag of a link to concept `idx` (an autolink).
    pub fn concept_link_open(&self, idx: usize) -> &str {
        &self.data.concept_open[idx]
    }

    /// The source file of a page (`None`: the home page), if it has one.
    pub fn source(&self, key: Option<PageKey>) -> Option<&'c crate::content::source::Source> {
        let c = self.course;
        let origin = match key {
            None => c.home.origin.as_ref(),
            Some(k) => match k.kind {
                Kind::Lesson => Some(&c.lessons[k.idx].origin),
                Kind::Module => c.modules[k.idx].origin.as_ref(),
                Kind::Article => Some(&c.articles[k.idx].origin),
                Kind::Concept => Some(&c.concepts[k.idx].origin),
                Kind::Quiz => c.quizzes[k.idx].origin.as_ref(),
                Kind::Page => Some(&c.pages[k.idx].origin),
            },
        };
        origin.map(|o| &*o.source)
    }

    /// The file a page comes from, for messages.
    pub fn source_path(&self, key: PageKey) -> &'c str {
        let c = self.course;
        match key.kind {
            Kind::Lesson => c.lessons[key.idx].origin.path(),
            Kind::Module => c.modules[key.idx].origin.as_ref().map_or("", |o| o.path()),
            Kind::Article => c.articles[key.idx].origin.path(),
            Kind::Concept => c.concepts[key.idx].origin.path(),
            Kind::Quiz => c.quizzes[key.idx].path(),
            Kind::Page => c.pages[key.idx].origin.path(),
        }
    }

    pub fn site_path(&self, key: PageKey) -> &str {
        &self.data.paths[key.kind as usize][key.idx]
    }

    /// The `href` of a page, under the base URL.
    pub fn href(&self, key: PageKey) -> &str {
        &self.data.hrefs[key.kind as usize][key.idx]
    }

    /// `kind:id` as messages name a page.
    pub fn name(&self, key: PageKey) -> String {
        format!("{}:{}", key.kind.name(), self.id(key))
    }
}

/// The opening tag of a link to concept `idx` (to `href`, which may carry an anchor), with
/// the `data-concept` hook that previews and tests find it by.
pub fn concept_link_open(course: &Course, idx: usize, href: &str) -> String {
    let concept = &course.concepts[idx];
    format!("<a href=\"{}\" class=\"concept-link\" data-concept=\"{}\">", escape(href), escape(&concept.id),)
}
