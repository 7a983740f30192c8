//! The live site for `serve`: the course kept in memory and rebuilt incrementally from
//! file changes (only the Markdown an edit affects is rendered again), pages rendered on
//! request, and the last good site kept while the course has errors.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::Kind;
use crate::common::PageKey;
use crate::common::diag::{self, Diagnostic};
use crate::content::config::{self, BaseUrl, Config};
use crate::content::entity::{self, Entities, Entity};
use crate::content::load;
use crate::content::model::{Course, Origin};
use crate::content::{patch, settle};
use crate::index::terms::Matcher;
use crate::index::{IndexData, SiteIndex};
use crate::pages::theme::Theme;
use crate::pages::{self, Job, Pages};
use crate::site::bodies::{self, Bodies, Body};
use crate::site::graph::{self, Graph};

/// What `serve` was asked for.
#[derive(Clone, Debug)]
pub struct Options {
    pub root: PathBuf,
    pub drafts: bool,
    /// The server's own address: served pages use it as their base URL.
    pub base_url: BaseUrl,
}

/// What a change did, for the browsers and the terminal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Only the stylesheet changed: swap it without a reload.
    Css,
    /// Anything else: reload.
    Reload,
    /// Nothing that matters changed (a backup file, a file outside the course).
    Nothing,
}

/// A consistent build of the course: the site served while it is the last good one.
pub struct State {
    pub course: Course,
    data: IndexData,
    bodies: Bodies,
    graph: Graph,
    theme: Theme,
    /// Problems with the course's own templates (the built-in ones serve meanwhile).
    theme_diags: Vec<Diagnostic>,
    /// Template values shared by pages, made as pages are rendered.
    values: pages::Values,
    /// Site path → page, for requests.
    jobs: HashMap<String, Job>,
    /// Pages rendered since this state was made.
    cache: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    /// The search index, made on the first request for it.
    search: Mutex<Option<SearchFiles>>,
}

/// A new state, its diagnostics, and the state it was built from.
type Built = (Box<State>, Vec<Diagnostic>, Option<Box<State>>);

/// The search index's files by site path.
type SearchFiles = Arc<HashMap<String, Vec<u8>>>;

/// A file of the served site.
pub enum Served {
    Page(Arc<Vec<u8>>),
    /// A file under the course's `static/` folder.
    Static(PathBuf),
    NotFound,
}

/// The live course.
pub struct Live {
    opts: Options,
    config: Config,
    entities: Entities,
    /// Problems found while reading each content file (and `course.yaml`), by path.
    file_diags: HashMap<String, Vec<Diagnostic>>,
    /// Problems found while settling the course (ids, references), by path.
    settle_diags: HashMap<String, Vec<Diagnostic>>,
    /// The last good build, served.
    pub good: Option<Box<State>>,
    /// Every diagnostic of the latest build (errors mean `good` is an older build).
    pub diags: Vec<Diagnostic>,
    /// How long the latest update took, from the change to a servable site.
    pub took: Duration,
}

impl Live {
    /// Reads and builds the whole course.
    pub fn new(opts: Options) -> Live {
        let mut live = Live {
            opts,
            config: Config::default(),
            entities: Entities::default(),
            file_diags: HashMap::new(),
            settle_diags: HashMap::new(),
            good: None,
            diags: Vec::new(),
            took: Duration::ZERO,
        };
        live.reload_all();
        live
    }

    /// The course folder.
    pub fn root(&self) -> &Path {
        &self.opts.root
    }

    pub fn has_errors(&self) -> bool {
        self.diags.iter().any(Diagnostic::is_error)
    }

    fn reload_all(&mut self) {
        let start = Instant::now();
        let root = self.opts.root.clone();
        let mut diags = Vec::new();
        let loaded = load::load(&root, &mut diags);
        self.config = self.read_config(loaded.config.as_ref(), &mut diags);
        self.file_diags = by_path(diags);
        let mut diags = Vec::new();
        self.entities = entity::entities(loaded, self.opts.drafts, &mut diags);
        for (path, found) in by_path(diags) {
            self.file_diags.entry(path).or_default().extend(found);
        }
        let old = self.good.take();
        let new = self.build(old, &HashSet::new(), &[], true);
        self.install(new, start);
    }

    fn read_config(&self, doc: Option<&load::Doc>, diags: &mut Vec<Diagnostic>) -> Config {
        let mut config = config::read(doc, diags);
        config.base_url = self.opts.base_url.clone();
        config
    }

    /// Applies a batch of changed paths (created, edited, removed or renamed files).
    pub fn apply(&mut self, changed: &[PathBuf]) -> Outcome {
        let start = Instant::now();
        let root = self.opts.root.clone();
        let under = |dir: &str, p: &Path| p.starts_with(root.join(dir));
        let relevant: Vec<&PathBuf> = changed.iter().filter(|p| relevant(&root, p)).collect();
        if relevant.is_empty() {
            return Outcome::Nothing;
        }
        if relevant.iter().any(|p| **p == root.join("course.yaml")) || self.good.is_none() {
            self.reload_all();
            return Outcome::Reload;
        }
        let templates: Vec<&&PathBuf> = relevant.iter().filter(|p| under("templates", p)).collect();
        let css_only = !templates.is_empty()
            && relevant.len() == templates.len()
            && templates.iter().all(|p| p.file_name().is_some_and(|n| n == "syllabus.css"));
        if !templates.is_empty() {
            let mut diags = Vec::new();
            self.entities.templates = load::templates(&root, &mut diags);
            self.file_diags.insert("templates".into(), diags);
        }
        let mut touched = HashSet::new();
        let statics: Vec<String> = relevant
            .iter()
            .filter(|p| under("static", p))
            .map(|p| crate::util::path::rel(&root.join("static"), p))
            .collect();
        if !statics.is_empty() {
            let mut diags = Vec::new();
            self.entities.static_files = load::static_files(&root, &mut diags);
            self.file_diags.insert("static".into(), diags);
        }
        for path in relevant.iter().filter(|p| under("content", p)) {
            touched.insert(self.reread(path));
        }
        let old = self.good.take().expect("a state exists after the first build");
        let new = if templates.is_empty() && statics.is_empty() {
            match self.patch(old, &touched) {
                Ok(built) => built,
                Err(old) => self.build(Some(old), &touched, &statics, false),
            }
        } else {
            self.build(Some(old), &touched, &statics, false)
        };
        self.install(new, start);
        if css_only && !self.has_errors() { Outcome::Css } else { Outcome::Reload }
    }

    /// Reads one content file again (or forgets it); returns its course path.
    fn reread(&mut self, path: &Path) -> String {
        let root = &self.opts.root;
        let rel = crate::util::path::rel(root, path);
        self.entities.by_path.remove(&rel);
        self.file_diags.remove(&rel);
        match load::content_file(root, path) {
            None => {}
            Some(Err(d)) => {
                self.file_diags.insert(rel.clone(), vec![d]);
            }
            Some(Ok((doc, problem))) => {
                let mut diags: Vec<Diagnostic> = problem.into_iter().collect();
                let entity =
                    diag::guard(&rel, || entity::entity(doc, self.opts.drafts, &mut diags)).unwrap_or_else(|d| {
                        diags.push(d);
                        Entity::Nothing
                    });
                self.entities.by_path.insert(rel.clone(), entity);
                self.file_diags.insert(rel.clone(), diags);
            }
        }
        rel
    }

    /// The fast path for edits that leave every id, order and term as it was: the edited
    /// entities are put in place in the last state, only their pages' Markdown is rendered
    /// again, and the link graph is updated for them. When the result has errors, all of it
    /// is undone and the last state served on. Gives the state back when a full build is
    /// needed instead.
    fn patch(&mut self, mut state: Box<State>, touched: &HashSet<String>) -> Result<Built, Box<State>> {
        let mut t = Lap::new();
        let mut replaced = Vec::new();
        let mut new_settle = HashMap::new();
        for path in touched {
            let mut found = Vec::new();
            let patched =
                self.entities.by_path.get(path).and_then(|e| patch::patch(&mut state.course, path, e, &mut found));
            match patched {
                Some(r) => {
                    replaced.push(r);
                    new_settle.insert(path.clone(), found);
                }
                None => {
                    for r in replaced.into_iter().rev() {
                        patch::unpatch(&mut state.course, r);
                    }
                    return Err(state);
                }
            }
        }
        t.lap("patch");
        let swapped: Vec<(Option<PageKey>, Vec<Swap>)> = replaced.iter().map(|r| state.rerender(r)).collect();
        t.lap("render");
        state.graph.recount(&state.course);
        let previous_settle = std::mem::take(&mut self.settle_diags);
        self.settle_diags = previous_settle.clone();
        self.settle_diags.extend(new_settle);
        let mut diags = self.all_diags(&state);
        t.lap("check");
        if diags.iter().any(Diagnostic::is_error) {
            // Put the last good state back together; its cache is still valid.
            for (key, swaps) in swapped.into_iter().rev() {
                state.swap_back(key, swaps);
            }
            for r in replaced.into_iter().rev() {
                patch::unpatch(&mut state.course, r);
            }
            state.graph.recount(&state.course);
        } else {
            state.values = pages::Values::new(&state.course);
            state.cache.lock().expect("never poisoned").clear();
            *state.search.lock().expect("never poisoned") = None;
        }
        diag::sort(&mut diags);
        Ok((state, diags, None))
    }

    /// Every diagnostic of a state: reading, settling, rendering, checking.
    fn all_diags(&self, state: &State) -> Vec<Diagnostic> {
        let mut diags: Vec<Diagnostic> =
            self.file_diags.values().chain(self.settle_diags.values()).flatten().cloned().collect();
        diags.extend(state.bodies.diags());
        let (index, bodies, graph, _) = state.site();
        crate::site::check::run(&index, bodies, graph, &mut diags);
        diags.extend(state.theme_diags.iter().cloned());
        diags
    }

    /// Builds a state from the entities, reusing from `old` every rendered text that the
    /// change did not affect (none with `all`). Returns the new state (even with errors),
    /// its diagnostics, and the old state back.
    fn build(&mut self, old: Option<Box<State>>, touched: &HashSet<String>, statics: &[String], all: bool) -> Built {
        let mut t = Lap::new();
        let mut settled = Vec::new();
        let course = settle::settle(&self.entities, self.config.clone(), &mut settled);
        self.settle_diags = by_path(settled);
        t.lap("settle");
        let matcher = match &old {
            Some(o) if same_terms(&o.course, &course) => o.data.matcher.clone(),
            _ => Arc::new(Matcher::new(&course.concepts)),
        };
        let data = IndexData::new(&course, matcher);
        let index = SiteIndex::view(&course, &data);
        t.lap("index");
        let stale = old.as_ref().map(|o| Stale::between(o, &course, touched, statics, all));
        t.lap("stale");
        let bodies = render_bodies(&index, old.as_deref(), stale.as_ref());
        t.lap("render");
        let graph = graph::build(&course, &bodies);
        t.lap("graph");
        let mut theme_diags = Vec::new();
        let theme = Theme::load(&course.templates, &mut theme_diags);
        let mut theme = match (theme, old.as_ref()) {
            (Some(t), _) => t,
            // A template error keeps the last good templates serving.
            (None, _) => Theme::load(&[], &mut Vec::new()).expect("the built-in templates load"),
        };
        pages::set_globals(&index, &mut theme);
        let jobs = pages::jobs(&index).into_iter().map(|j| (pages::output_path(&index, j), j)).collect();
        let values = pages::Values::new(&course);
        let state = Box::new(State {
            course,
            data,
            bodies,
            graph,
            theme,
            theme_diags,
            values,
            jobs,
            cache: Mutex::new(HashMap::new()),
            search: Mutex::new(None),
        });
        let mut diags = self.all_diags(&state);
        diag::sort(&mut diags);
        t.lap("check");
        (state, diags, old)
    }

    fn install(&mut self, (state, diags, old): Built, start: Instant) {
        let failed = diags.iter().any(Diagnostic::is_error);
        self.diags = diags;
        // A build with errors is never served; the last good one stays (or, before any
        // good build, this one, with its errors shown over it).
        self.good = if failed { old.or(Some(state)) } else { Some(state) };
        self.took = start.elapsed();
    }

    /// The file at a site path (already decoded and checked to stay inside the site).
    pub fn get(&self, site_path: &str) -> Served {
        let Some(state) = &self.good else { return Served::NotFound };
        let path = site_path.trim_start_matches('/');
        let page = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() };
        if let Some(bytes) = state.page(&page).or_else(|| state.page(&format!("{page}/index.html"))) {
            return Served::Page(bytes);
        }
        if let Some(bytes) = state.search_file(&page) {
            return Served::Page(bytes);
        }
        if state.course.static_files.contains(&page) {
            return Served::Static(self.opts.root.join("static").join(&page));
        }
        Served::NotFound
    }
}

/// A page's rendered text before and after an edit, to undo it.
enum Swap {
    Body(usize, Body),
    Definition(usize, Body),
    Module(usize, Option<Body>),
    Home(Option<Body>),
    Quiz(usize, Arc<crate::site::bodies::QuizHtml>),
}

impl State {
    /// Renders again the Markdown of a patched page, swapping it in and updating the graph;
    /// returns what was swapped out.
    fn rerender(&mut self, replaced: &patch::Replaced) -> (Option<PageKey>, Vec<Swap>) {
        let index = SiteIndex::view(&self.course, &self.data);
        let key = replaced.key().map(|(k, i)| PageKey::new(k, i));
        let c = &self.course;
        let fresh = |key: Option<PageKey>, o: &Origin, a| Arc::new(bodies::body(&index, key, o, a));
        let (old, new, swaps): (Vec<Body>, Vec<Body>, Vec<Swap>) = match key {
            None => {
                let new = c.home.origin.as_ref().map(|o| fresh(None, o, None));
                let old = std::mem::replace(&mut self.bodies.home, new.clone());
                (old.clone().into_iter().collect(), new.into_iter().collect(), vec![Swap::Home(old)])
            }
            Some(k) => {
                let i = k.idx;
                match k.kind {
                    Kind::Lesson => {
                        let new = fresh(Some(k), &c.lessons[i].origin, c.lessons[i].autolink);
                        let old = std::mem::replace(&mut self.bodies.lessons[i], new.clone());
                        (vec![old.clone()], vec![new], vec![Swap::Body(i, old)])
                    }
                    Kind::Article => {
                        let new = fresh(Some(k), &c.articles[i].origin, c.articles[i].autolink);
                        let old = std::mem::replace(&mut self.bodies.articles[i], new.clone());
                        (vec![old.clone()], vec![new], vec![Swap::Body(i, old)])
                    }
                    Kind::Page => {
                        let new = fresh(Some(k), &c.pages[i].origin, None);
                        let old = std::mem::replace(&mut self.bodies.pages[i], new.clone());
                        (vec![old.clone()], vec![new], vec![Swap::Body(i, old)])
                    }
                    Kind::Concept => {
                        let body = fresh(Some(k), &c.concepts[i].origin, None);
                        let def = Arc::new(bodies::definition(&index, i));
                        let old_body = std::mem::replace(&mut self.bodies.concepts[i], body.clone());
                        let old_def = std::mem::replace(&mut self.bodies.definitions[i], def.clone());
                        let swaps = vec![Swap::Body(i, old_body.clone()), Swap::Definition(i, old_def.clone())];
                        (vec![old_body, old_def], vec![body, def], swaps)
                    }
                    Kind::Module => {
                        let new = c.modules[i].origin.as_ref().map(|o| fresh(Some(k), o, None));
                        let old = std::mem::replace(&mut self.bodies.modules[i], new.clone());
                        (old.clone().into_iter().collect(), new.into_iter().collect(), vec![Swap::Module(i, old)])
                    }
                    Kind::Quiz => {
                        let new = Arc::new(bodies::quiz(&index, i, &c.quizzes[i]));
                        let old = std::mem::replace(&mut self.bodies.quizzes[i], new.clone());
                        if let Some(k) = key {
                            self.graph.replace(k, &[&old.rendered], &[&new.rendered]);
                        }
                        return (key, vec![Swap::Quiz(i, old)]);
                    }
                }
            }
        };
        if let Some(k) = key {
            let old: Vec<&crate::markdown::Rendered> = old.iter().map(|b| &**b).collect();
            let new: Vec<&crate::markdown::Rendered> = new.iter().map(|b| &**b).collect();
            self.graph.replace(k, &old, &new);
        }
        (key, swaps)
    }

    /// Puts back what `rerender` swapped out, and the graph as it was.
    fn swap_back(&mut self, key: Option<PageKey>, swaps: Vec<Swap>) {
        let (mut gone, mut back): (Vec<Body>, Vec<Body>) = (Vec::new(), Vec::new());
        let (mut gone_quiz, mut back_quiz) = (Vec::new(), Vec::new());
        for swap in swaps {
            match swap {
                Swap::Home(old) => {
                    gone.extend(std::mem::replace(&mut self.bodies.home, old.clone()));
                    back.extend(old);
                }
                Swap::Module(i, old) => {
                    gone.extend(std::mem::replace(&mut self.bodies.modules[i], old.clone()));
                    back.extend(old);
                }
                Swap::Definition(i, old) => {
                    gone.push(std::mem::replace(&mut self.bodies.definitions[i], old.clone()));
                    back.push(old);
                }
                Swap::Body(i, old) => {
                    let list = match key.map(|k| k.kind) {
                        Some(Kind::Lesson) => &mut self.bodies.lessons,
                        Some(Kind::Article) => &mut self.bodies.articles,
                        Some(Kind::Concept) => &mut self.bodies.concepts,
                        _ => &mut self.bodies.pages,
                    };
                    gone.push(std::mem::replace(&mut list[i], old.clone()));
                    back.push(old);
                }
                Swap::Quiz(i, old) => {
                    gone_quiz.push(std::mem::replace(&mut self.bodies.quizzes[i], old.clone()));
                    back_quiz.push(old);
                }
            }
        }
        if let Some(k) = key {
            let gone: Vec<&crate::markdown::Rendered> =
                gone.iter().map(|b| &**b).chain(gone_quiz.iter().map(|q| &q.rendered)).collect();
            let back: Vec<&crate::markdown::Rendered> =
                back.iter().map(|b| &**b).chain(back_quiz.iter().map(|q| &q.rendered)).collect();
            self.graph.replace(k, &gone, &back);
        }
    }

    fn site(&self) -> (SiteIndex<'_>, &Bodies, &Graph, &Theme) {
        (SiteIndex::view(&self.course, &self.data), &self.bodies, &self.graph, &self.theme)
    }

    /// A page or theme file, rendered on first request.
    fn page(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        if let Some(bytes) = self.cache.lock().expect("never poisoned").get(path) {
            return Some(bytes.clone());
        }
        let bytes = if let Some(job) = self.jobs.get(path) {
            let (index, bodies, graph, theme) = self.site();
            let site = Pages { index: &index, bodies, graph, theme, values: &self.values };
            match site.render(*job) {
                Ok(b) => b,
                Err(d) => format!(
                    "<!doctype html><title>Template error</title><pre>{}</pre>",
                    crate::util::html::escape(&d.to_string())
                )
                .into_bytes(),
            }
        } else {
            self.theme.files.iter().find(|(p, _)| p == path)?.1.clone()
        };
        let bytes = Arc::new(bytes);
        self.cache.lock().expect("never poisoned").insert(path.to_string(), bytes.clone());
        Some(bytes)
    }

    /// A file of the search index, which is built on the first request for one.
    fn search_file(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        if !path.starts_with("search/") {
            return None;
        }
        let mut search = self.search.lock().expect("never poisoned");
        let files = search.get_or_insert_with(|| {
            let (index, _, _, _) = self.site();
            let mut bodies = self.bodies.clone();
            Arc::new(crate::site::search::files(&index, &mut bodies).into_iter().collect())
        });
        files.get(path).map(|b| Arc::new(b.clone()))
    }
}

/// Stage times of a rebuild, printed with `SYLLABUS_TIMINGS=1`.
struct Lap {
    last: Instant,
    on: bool,
}

impl Lap {
    fn new() -> Lap {
        Lap { last: Instant::now(), on: std::env::var_os("SYLLABUS_TIMINGS").is_some() }
    }

    fn lap(&mut self, stage: &str) {
        if self.on {
            eprintln!("  {stage:<8} {:>7.1} ms", self.last.elapsed().as_secs_f64() * 1000.0);
        }
        self.last = Instant::now();
    }
}

/// Whether a path is a course file a rebuild should look at.
fn relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else { return false };
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned());
    let first = parts.next().unwrap_or_default();
    let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let backup = name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with('#')
        || name == "4913";
    match first.as_str() {
        "course.yaml" => true,
        "content" | "templates" | "static" => !backup,
        _ => false,
    }
}

/// Whether two courses have the same concept terms (so the automaton can be kept).
fn same_terms(a: &Course, b: &Course) -> bool {
    a.concepts.len() == b.concepts.len()
        && a.concepts.iter().zip(&b.concepts).all(|(x, y)| x.id == y.id && x.term == y.term && x.aliases == y.aliases)
}

fn by_path(diags: Vec<Diagnostic>) -> HashMap<String, Vec<Diagnostic>> {
    let mut out: HashMap<String, Vec<Diagnostic>> = HashMap::new();
    for d in diags {
        out.entry(d.path.clone()).or_default().push(d);
    }
    out
}

/// Which rendered texts of the old state can serve the new course unchanged.
struct Stale {
    /// Everything must be rendered again (ids, order, terms or settings changed).
    all: bool,
    /// Files whose text must be rendered again.
    paths: HashSet<String>,
}

impl Stale {
    fn between(old: &State, new: &Course, touched: &HashSet<String>, statics: &[String], all: bool) -> Stale {
        let same_shape = !all
            && Kind::ALL.iter().all(|&k| shape(&old.course, k) == shape(new, k))
            && old.course.drafts.len() == new.drafts.len()
            && old.course.drafts.keys().all(|k| new.drafts.contains_key(k))
            && same_terms(&old.course, new)
            && old.course.static_files.len() == new.static_files.len();
        let mut paths = touched.clone();
        if same_shape {
            // Pages whose title changed: the texts linking to them show the title.
            for kind in Kind::ALL {
                for i in 0..old.course.ids(kind).len() {
                    let key = PageKey::new(kind, i);
                    let (o, n) = (SiteIndex::view(&old.course, &old.data), SiteIndex::view(new, &old.data));
                    if o.title(key) != n.title(key) {
                        for from in old.graph.backlinks(key) {
                            paths.insert(o.source_path(*from).to_string());
                        }
                    }
                }
            }
        }
        // A static file added or removed: the texts that name it.
        for file in statics {
            for (path, origin) in origins(new) {
                if origin.text().contains(file.as_str()) {
                    paths.insert(path.to_string());
                }
            }
        }
        Stale { all: !same_shape, paths }
    }
}

/// Kind, id and file of every page of a kind, in order: if these are the same, every
/// page index, URL and link target is too.
fn shape(course: &Course, kind: Kind) -> Vec<(&str, &str)> {
    let file = |i: usize| -> &str {
        match kind {
            Kind::Lesson => course.lessons[i].origin.path(),
            Kind::Module => course.modules[i].origin.as_ref().map_or("", |o| o.path()),
            Kind::Article => course.articles[i].origin.path(),
            Kind::Concept => course.concepts[i].origin.path(),
            Kind::Quiz => course.quizzes[i].path(),
            Kind::Page => course.pages[i].origin.path(),
        }
    };
    course.ids(kind).into_iter().enumerate().map(|(i, id)| (id, file(i))).collect()
}

/// Every page with Markdown, with its file.
fn origins(course: &Course) -> impl Iterator<Item = (&str, &Origin)> {
    let home = course.home.origin.iter();
    let modules = course.modules.iter().filter_map(|m| m.origin.as_ref());
    home.chain(modules)
        .chain(course.lessons.iter().map(|l| &l.origin))
        .chain(course.articles.iter().map(|a| &a.origin))
        .chain(course.concepts.iter().map(|c| &c.origin))
        .chain(course.pages.iter().map(|p| &p.origin))
        .map(|o| (o.path(), o))
}

/// The new course's rendered texts: those of the old state where still valid (same file,
/// same index, not stale), the rest rendered now.
fn render_bodies(index: &SiteIndex, old: Option<&State>, stale: Option<&Stale>) -> Bodies {
    let (Some(old), Some(stale)) = (old, stale) else { return bodies::bodies(index) };
    if stale.all {
        return bodies::bodies(index);
    }
    let course = index.course;
    let keep = |origin: &Origin, old_body: Option<&Body>| -> Option<Body> {
        let body = old_body?;
        (!stale.paths.contains(origin.path())).then(|| body.clone())
    };
    let fresh = |key: Option<PageKey>, origin: &Origin, autolink| Arc::new(bodies::body(index, key, origin, autolink));
    let b = &old.bodies;
    let key = PageKey::new;
    Bodies {
        home: course.home.origin.as_ref().map(|o| keep(o, b.home.as_ref()).unwrap_or_else(|| fresh(None, o, None))),
        modules: course
            .modules
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let o = m.origin.as_ref()?;
                Some(
                    keep(o, b.modules.get(i).and_then(Option::as_ref))
                        .unwrap_or_else(|| fresh(Some(key(Kind::Module, i)), o, None)),
                )
            })
            .collect(),
        lessons: course
            .lessons
            .iter()
            .enumerate()
            .map(|(i, l)| {
                keep(&l.origin, b.lessons.get(i))
                    .unwrap_or_else(|| fresh(Some(key(Kind::Lesson, i)), &l.origin, l.autolink))
            })
            .collect(),
        articles: course
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| {
                keep(&a.origin, b.articles.get(i))
                    .unwrap_or_else(|| fresh(Some(key(Kind::Article, i)), &a.origin, a.autolink))
            })
            .collect(),
        concepts: course
            .concepts
            .iter()
            .enumerate()
            .map(|(i, c)| {
                keep(&c.origin, b.concepts.get(i))
                    .unwrap_or_else(|| fresh(Some(key(Kind::Concept, i)), &c.origin, None))
            })
            .collect(),
        definitions: course
            .concepts
            .iter()
            .enumerate()
            .map(|(i, c)| {
                keep(&c.origin, b.definitions.get(i)).unwrap_or_else(|| Arc::new(bodies::definition(index, i))).clone()
            })
            .collect(),
        pages: course
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| {
                keep(&p.origin, b.pages.get(i)).unwrap_or_else(|| fresh(Some(key(Kind::Page, i)), &p.origin, None))
            })
            .collect(),
        quizzes: course
            .quizzes
            .iter()
            .enumerate()
            .map(|(i, q)| match (q.origin.as_ref(), b.quizzes.get(i)) {
                (Some(o), Some(old)) if !stale.paths.contains(o.path()) => old.clone(),
                _ => Arc::new(bodies::quiz(index, i, q)),
            })
            .collect(),
    }
}
