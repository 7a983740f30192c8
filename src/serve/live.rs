//! The live course for `serve`: the course kept in memory and built again after every
//! change through the build's own stages (`build::stages`), keeping what the change did
//! not touch; pages rendered on request. A build never changes once made, so the last good
//! one keeps being served while the course has errors, and after an internal error.

use std::collections::{HashMap, HashSet};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::stale::Stale;
use crate::build::clock::{Clock, Lap};
use crate::build::stages::{self, Reuse};
use crate::common::diag::{self, Diagnostic};
use crate::content::config::{BaseUrl, Config};
use crate::content::entity::{self, Entities};
use crate::content::{load, patch, settle};
use crate::pages::theme::Theme;
use crate::pages::{self, Job, Pages, Values};
use crate::site::Site;
use crate::util::html::escape;

/// What `serve` was asked for.
#[derive(Clone, Debug)]
pub struct Options {
    /// The course folder, absolute (events name files by their absolute paths).
    pub root: PathBuf,
    pub drafts: bool,
    /// The server's own address: served pages use it as their base URL.
    pub base_url: BaseUrl,
    /// Show instructors' notes.
    pub instructor: bool,
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

/// A build of the course, never changed once made: served while it is the last good one.
pub struct State {
    site: Site,
    theme: Theme,
    /// Problems with the course's own templates (the built-in ones serve meanwhile).
    theme_diags: Vec<Diagnostic>,
    /// Template values shared by pages, made as pages are rendered.
    values: Values,
    /// Site path → page, for requests.
    jobs: Arc<HashMap<String, Job>>,
    /// Pages rendered since this build was made.
    cache: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    /// The search index, made on the first request for it.
    search: Mutex<Option<SearchFiles>>,
}

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
    good: Option<Arc<State>>,
    /// The latest build, good or not: the next one starts from it (its course is the
    /// files as they are, but for the ones changed since).
    latest: Option<Arc<State>>,
    /// Every diagnostic of the latest build (errors mean `good` is an older build).
    pub diags: Vec<Diagnostic>,
    /// How long the latest update took, from the change to a servable site.
    pub took: Duration,
    /// The stages of the latest update.
    pub timings: Vec<Lap>,
    /// An internal error stopped the latest update: the next reads the whole course again.
    failed: bool,
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
            latest: None,
            diags: Vec::new(),
            took: Duration::ZERO,
            timings: Vec::new(),
            failed: false,
        };
        live.guarded(Instant::now(), |live| live.reload_all());
        live
    }

    /// The course folder.
    pub fn root(&self) -> &Path {
        &self.opts.root
    }

    pub fn has_errors(&self) -> bool {
        self.diags.iter().any(Diagnostic::is_error)
    }

    /// The build being served.
    pub fn state(&self) -> Option<Arc<State>> {
        self.good.clone()
    }

    /// Applies a batch of changed paths (created, edited, removed or renamed files).
    pub fn apply(&mut self, changed: &[PathBuf]) -> Outcome {
        let start = Instant::now();
        if !changed.iter().any(|p| relevant(&self.opts.root, p)) {
            return Outcome::Nothing;
        }
        self.guarded(start, |live| live.update(changed))
    }

    /// Runs an update; a panic inside becomes an error shown over the last good site, and
    /// the next update reads the whole course again.
    fn guarded(&mut self, start: Instant, update: impl FnOnce(&mut Live) -> Outcome) -> Outcome {
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| update(self)));
        self.took = start.elapsed();
        outcome.unwrap_or_else(|payload| {
            let what = diag::panic_message(payload.as_ref());
            let msg = format!(
                "internal error while rebuilding ({what}); this is a bug in syllabus, please report it. The last good site is still served; the next save reads the whole course again"
            );
            self.diags = vec![Diagnostic::error("syllabus", None, msg)];
            self.failed = true;
            Outcome::Reload
        })
    }

    fn update(&mut self, changed: &[PathBuf]) -> Outcome {
        let root = self.opts.root.clone();
        let under = |dir: &str, p: &Path| p.starts_with(root.join(dir));
        let relevant: Vec<&PathBuf> = changed.iter().filter(|p| relevant(&root, p)).collect();
        if self.failed || self.good.is_none() || relevant.iter().any(|p| **p == root.join("course.yaml")) {
            return self.reload_all();
        }
        let mut clock = Clock::start();
        let templates: Vec<&&PathBuf> = relevant.iter().filter(|p| under("templates", p)).collect();
        let css_only = !templates.is_empty()
            && relevant.len() == templates.len()
            && templates.iter().all(|p| p.file_name().is_some_and(|n| n == "syllabus.css"));
        if !templates.is_empty() {
            let mut diags = Vec::new();
            self.entities.templates = load::templates(&root, &mut diags);
            self.file_diags.insert("templates".into(), diags);
        }
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
        let touched: HashSet<String> =
            relevant.iter().filter(|p| under("content", p)).map(|path| self.reread(path)).collect();
        let page_source = |p: &Path| p.extension().is_some_and(|e| e == "md" || e == "yaml" || e == "yml");
        let beside: Vec<String> = relevant
            .iter()
            .filter(|p| under("content", p) && !page_source(p))
            .map(|p| crate::util::path::rel(&root, p))
            .collect();
        if !statics.is_empty() || !beside.is_empty() {
            // Files beside pages, and image sizes: read again, and the site is built anew.
            let mut diags = Vec::new();
            self.entities.assets = load::assets(&root, &self.entities.static_files, &mut diags);
            self.file_diags.extend(by_path(diags));
        }
        let statics: Vec<String> = statics.into_iter().chain(beside).collect();
        clock.lap("load");
        let redo = if templates.is_empty() { Redo::Changed } else { Redo::Templates };
        self.rebuild(&touched, &statics, redo, clock);
        if css_only && !self.has_errors() { Outcome::Css } else { Outcome::Reload }
    }

    fn given(&self) -> stages::Given {
        stages::Given {
            drafts: self.opts.drafts,
            base_url: Some(self.opts.base_url.clone()),
            instructor: self.opts.instructor,
            relative: false,
            scorm: false,
        }
    }

    /// Reads and builds everything.
    fn reload_all(&mut self) -> Outcome {
        let mut clock = Clock::start();
        let mut diags = Vec::new();
        let (config, entities) = stages::load(&self.opts.root, &self.given(), &mut clock, &mut diags);
        (self.config, self.entities) = (config, entities);
        self.file_diags = by_path(diags);
        self.failed = false;
        self.rebuild(&HashSet::new(), &[], Redo::All, clock);
        Outcome::Reload
    }

    /// Reads one content file again (or forgets it); returns its course path.
    fn reread(&mut self, path: &Path) -> String {
        let root = &self.opts.root;
        let rel = crate::util::path::rel(root, path);
        #[cfg(debug_assertions)]
        if std::env::var("SYLLABUS_TEST_PANIC_ON_REBUILD").is_ok_and(|p| !p.is_empty() && rel.ends_with(&p)) {
            // A failpoint for the test that proves the preview survives a panic (debug builds only).
            panic!("test panic while rebuilding");
        }
        self.entities.by_path.remove(&rel);
        self.entities.failed.remove(&rel);
        self.file_diags.remove(&rel);
        if let Some((role, read)) = load::content_file(root, path) {
            let loading = entity::of_file(&rel, &role, read, self.opts.drafts);
            if loading.failed {
                self.entities.failed.insert(rel.clone());
            }
            self.entities.by_path.insert(rel.clone(), loading.entity);
            self.file_diags.insert(rel.clone(), loading.found);
        }
        rel
    }

    /// Builds the course from its entities, keeping from the last good build what the
    /// change (files `touched`, static files `statics`, and what `redo` says) did not affect.
    fn rebuild(&mut self, touched: &HashSet<String>, statics: &[String], redo: Redo, mut clock: Clock) {
        let old = self.latest.clone().filter(|_| redo != Redo::All);
        let templates = redo != Redo::Changed;
        let patched = old.as_ref().filter(|_| statics.is_empty() && !templates).and_then(|o| self.patch(o, touched));
        let (course, stale) = match patched {
            Some(course) => (course, Stale { same_shape: true, paths: touched.clone() }),
            None => {
                let mut settled = Vec::new();
                let course = settle::settle(&self.entities, self.config.clone(), &mut settled);
                self.settle_diags = by_path(settled);
                let stale =
                    old.as_ref().map_or_else(Stale::everything, |o| Stale::between(&o.site, &course, touched, statics));
                (course, stale)
            }
        };
        clock.lap("model");
        let reuse = old.as_ref().map(|o| Reuse { old: &o.site, stale: &stale.paths, same_shape: stale.same_shape });
        let mut diags: Vec<Diagnostic> =
            self.file_diags.values().chain(self.settle_diags.values()).flatten().cloned().collect();
        let site = stages::analyse(course, reuse.as_ref(), &mut clock, &mut diags);
        let kept = old.as_ref().filter(|_| !templates);
        let (mut theme, theme_diags) = match kept {
            Some(o) => (o.theme.clone(), o.theme_diags.clone()),
            None => load_theme(&site.course.templates),
        };
        diags.extend(theme_diags.iter().cloned());
        pages::set_globals(&site.index(), &mut theme);
        let jobs = match old.as_ref().filter(|_| stale.same_shape) {
            Some(o) => o.jobs.clone(),
            None => Arc::new(jobs(&site)),
        };
        clock.lap("pages");
        let values = Values::new(&site.course);
        let state = State {
            site,
            theme,
            theme_diags,
            values,
            jobs,
            cache: Mutex::new(HashMap::new()),
            search: Mutex::new(None),
        };
        diag::sort(&mut diags);
        // A build with errors is never served; the last good one stays (or, before any
        // good build, this one, with its errors shown over it).
        let state = Arc::new(state);
        let serve = !diags.iter().any(Diagnostic::is_error) || self.good.is_none();
        let unused = (self.latest.replace(state.clone()), serve.then(|| self.good.replace(state)).flatten());
        self.diags = diags;
        self.timings = clock.laps;
        // Freeing a course of 10,000 lessons takes longer than rebuilding after an edit:
        // the reload need not wait for it.
        std::thread::spawn(move || drop((old, unused)));
    }

    /// The last good course with the edited files' new entities in place, when none of
    /// them moves anything around it (see `content::patch`); their reference errors
    /// replace their old ones.
    fn patch(&mut self, old: &State, touched: &HashSet<String>) -> Option<crate::content::model::Course> {
        let mut course = old.site.course.clone();
        let mut found = HashMap::new();
        for path in touched {
            let mut diags = Vec::new();
            patch::patch(&mut course, path, self.entities.by_path.get(path)?, &mut diags)?;
            found.insert(path.clone(), diags);
        }
        self.settle_diags.extend(found);
        Some(course)
    }

    /// The file at a site path (already decoded and checked to stay inside the site).
    pub fn get(&self, site_path: &str) -> Served {
        match &self.good {
            Some(state) => state.get(site_path, &self.opts.root),
            None => Served::NotFound,
        }
    }
}

/// What a rebuild must do again besides the changed files' texts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Redo {
    /// Only what the changed files affect.
    Changed,
    /// That, and the theme (a template changed).
    Templates,
    /// Everything (the settings changed, or the whole course was read again).
    All,
}

/// The theme from the course's templates, or the built-in one while they have errors.
fn load_theme(templates: &[(String, String)]) -> (Theme, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let theme = Theme::load(templates, &mut diags);
    let theme = theme.unwrap_or_else(|| Theme::load(&[], &mut Vec::new()).expect("the built-in templates load"));
    (theme, diags)
}

/// Every page of a site by its path.
fn jobs(site: &Site) -> HashMap<String, Job> {
    let index = site.index();
    pages::jobs(&index).into_iter().map(|j| (pages::output_path(&index, j), j)).collect()
}

impl State {
    /// The site path of every page, theme file and static file of this build.
    pub fn paths(&self) -> Vec<String> {
        let pages = self.jobs.keys().cloned();
        let theme = self.theme.files.iter().map(|(p, _)| p.clone());
        let beside = self.site.course.assets.page_files.iter().map(|f| crate::content::assets::site_path(f));
        pages.chain(theme).chain(self.site.course.static_files.iter().cloned()).chain(beside).collect()
    }

    /// The file at a site path, rendered on first request; static files from `root`.
    pub fn get(&self, site_path: &str, root: &Path) -> Served {
        let path = site_path.trim_start_matches('/');
        let page = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() };
        if let Some(bytes) = self.page(&page).or_else(|| self.page(&format!("{page}/index.html"))) {
            return Served::Page(bytes);
        }
        if let Some(bytes) = self.search_file(&page) {
            return Served::Page(bytes);
        }
        if self.site.course.static_files.contains(&page) {
            return Served::Static(root.join("static").join(&page));
        }
        if let Some(file) = page.strip_prefix(crate::common::routes::PAGE_FILES).and_then(|p| p.strip_prefix('/'))
            && self.site.course.assets.page_files.iter().any(|f| f == file)
        {
            return Served::Static(root.join("content").join(file));
        }
        Served::NotFound
    }

    /// A page or theme file, rendered on first request.
    fn page(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        if let Some(bytes) = self.cache.lock().expect("never poisoned").get(path) {
            return Some(bytes.clone());
        }
        let bytes = if let Some(job) = self.jobs.get(path) {
            let index = self.site.index();
            let pages = Pages {
                index: &index,
                bodies: &self.site.bodies,
                graph: &self.site.graph,
                theme: &self.theme,
                values: &self.values,
            };
            let rendered = diag::guard(path, || pages.render(*job)).and_then(|r| r);
            rendered.unwrap_or_else(|d| {
                format!("<!doctype html><title>Template error</title><pre>{}</pre>", escape(&d.to_string()))
                    .into_bytes()
            })
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
            let mut bodies = self.site.bodies.clone();
            Arc::new(crate::site::search::files(&self.site.index(), &mut bodies).into_iter().collect())
        });
        files.get(path).map(|b| Arc::new(b.clone()))
    }
}

/// Whether a path is a course file a rebuild should look at.
fn relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else { return false };
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned());
    let first = parts.next().unwrap_or_default();
    let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // What a build passes over, and the temporary files of editors' atomic saves, which
    // are renamed over the page a moment later.
    let backup = crate::content::walk::ignored(&name) || name.ends_with(".tmp");
    match first.as_str() {
        "course.yaml" => true,
        "content" | "templates" | "static" => !backup,
        _ => false,
    }
}

fn by_path(diags: Vec<Diagnostic>) -> HashMap<String, Vec<Diagnostic>> {
    let mut out: HashMap<String, Vec<Diagnostic>> = HashMap::new();
    for d in diags {
        out.entry(d.path.clone()).or_default().push(d);
    }
    out
}
