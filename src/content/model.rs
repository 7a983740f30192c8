//! Model: turns loaded files into a typed `Course` (modules, lessons, articles, concepts,
//! quizzes, pages) with ids, course order and resolved references.

use std::borrow::Cow;
use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use crate::common::Kind;
use crate::common::diag::{Diagnostic, Pos, did_you_mean};
use crate::content::config::{Autolink, Config};
use crate::content::frontmatter::{Fields, Located};
use crate::content::load::{Doc, Loaded, Role, Source};
use crate::content::quiz::{self, Quiz};

/// Ids a top-level page may not take: the site uses these URLs itself.
pub const RESERVED_PAGE_IDS: &[&str] =
    &["lessons", "modules", "articles", "concepts", "quizzes", "glossary", "search", "404", "assets"];

/// File names Windows cannot create, refused as ids so a course builds everywhere.
const DEVICE_NAMES: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2",
    "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Where a page came from: its file (shared, so settling a course never copies texts),
/// and where its Markdown body starts.
#[derive(Debug, Clone)]
pub struct Origin {
    pub source: std::sync::Arc<Source>,
    pub body_offset: usize,
}

impl Origin {
    /// The whole file's text; the Markdown body starts at `body_offset`.
    pub fn text(&self) -> std::sync::Arc<str> {
        self.source.text()
    }
    pub fn path(&self) -> &str {
        &self.source.path
    }
}

/// A reference to another page by id, resolved to its index once the course is known.
#[derive(Clone, Debug)]
pub struct Ref {
    pub id: Located<String>,
    pub target: Option<usize>,
}

impl Ref {
    fn new(id: Located<String>) -> Ref {
        Ref { id, target: None }
    }
}

/// Resolved indices of a list of references (unknown ones dropped; already reported).
pub fn targets(refs: &[Ref]) -> impl Iterator<Item = usize> + '_ {
    refs.iter().filter_map(|r| r.target)
}

#[derive(Debug, Clone)]
pub struct Home {
    pub title: Option<String>,
    pub origin: Option<Origin>,
    pub extra: serde_json::Value,
}

#[derive(Debug, Clone)]
pub struct Module {
    pub id: String,
    pub dir: String,
    pub title: String,
    pub summary: String,
    pub origin: Option<Origin>,
    pub extra: serde_json::Value,
    /// Lesson indices, in order.
    pub lessons: Vec<usize>,
    order: OrderKey,
}

#[derive(Debug, Clone)]
pub struct Lesson {
    pub id: String,
    pub origin: Origin,
    /// The module folder it sits in, and that module's index once the course is settled.
    pub dir: String,
    pub module: usize,
    pub title: String,
    pub summary: String,
    pub objectives: Vec<String>,
    pub concepts: Vec<Ref>,
    pub readings: Vec<Ref>,
    pub quiz: Option<Ref>,
    pub prerequisites: Vec<Ref>,
    pub duration: String,
    pub autolink: Option<Autolink>,
    pub extra: serde_json::Value,
    order: OrderKey,
}

#[derive(Debug, Clone)]
pub struct Article {
    pub id: String,
    pub origin: Origin,
    pub title: String,
    pub authors: Vec<String>,
    pub date: Option<String>,
    pub publication: String,
    pub url: Option<Located<String>>,
    pub accessed: Option<String>,
    pub archive: Option<Located<String>>,
    pub concepts: Vec<Ref>,
    pub summary: String,
    pub autolink: Option<Autolink>,
    pub extra: serde_json::Value,
    order: OrderKey,
}

impl Article {
    /// An article as the model makes it, for unit tests of what reads articles.
    #[cfg(test)]
    #[allow(clippy::too_many_arguments)]
    pub fn for_tests(
        id: &str,
        origin: Origin,
        title: &str,
        authors: Vec<String>,
        date: Option<String>,
        publication: &str,
        url: Option<Located<String>>,
        accessed: Option<String>,
        archive: Option<Located<String>>,
    ) -> Article {
        Article {
            id: id.into(),
            origin,
            title: title.into(),
            authors,
            date,
            publication: publication.into(),
            url,
            accessed,
            archive,
            concepts: Vec::new(),
            summary: String::new(),
            autolink: None,
            extra: serde_json::Value::Null,
            order: OrderKey::default(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Concept {
    pub id: String,
    pub origin: Origin,
    pub term: String,
    pub aliases: Vec<String>,
    /// Inline Markdown.
    pub definition: Located<String>,
    pub related: Vec<Ref>,
    pub extra: serde_json::Value,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    pub origin: Origin,
    pub title: String,
    pub extra: serde_json::Value,
    order: OrderKey,
}

/// The whole course, every list in course order.
#[derive(Debug)]
pub struct Course {
    pub config: Config,
    pub home: Home,
    pub modules: Vec<Module>,
    pub lessons: Vec<Lesson>,
    pub articles: Vec<Article>,
    pub concepts: Vec<Concept>,
    pub quizzes: Vec<Quiz>,
    pub pages: Vec<Page>,
    /// Pages left out as drafts: links to them are errors.
    pub drafts: HashMap<(Kind, String), String>,
    pub static_files: Vec<String>,
    pub templates: Vec<(String, String)>,
}

impl Course {
    pub fn ids(&self, kind: Kind) -> Vec<&str> {
        match kind {
            Kind::Lesson => self.lessons.iter().map(|x| x.id.as_str()).collect(),
            Kind::Module => self.modules.iter().map(|x| x.id.as_str()).collect(),
            Kind::Article => self.articles.iter().map(|x| x.id.as_str()).collect(),
            Kind::Concept => self.concepts.iter().map(|x| x.id.as_str()).collect(),
            Kind::Quiz => self.quizzes.iter().map(|x| x.id.as_str()).collect(),
            Kind::Page => self.pages.iter().map(|x| x.id.as_str()).collect(),
        }
    }
}

/// Order: `order:` wins, else the file's leading number, else the title.
#[derive(Clone, Debug, Default)]
struct OrderKey {
    rank: Option<f64>,
    title: String,
}

impl OrderKey {
    /// The same place in the order.
    fn same(&self, other: &OrderKey) -> bool {
        self.rank == other.rank && self.title == other.title
    }

    fn new(explicit: Option<f64>, number: Option<u64>, title: &str) -> OrderKey {
        OrderKey { rank: explicit.or(number.map(|n| n as f64)), title: title.to_lowercase() }
    }

    fn cmp(&self, other: &OrderKey) -> std::cmp::Ordering {
        let rank = |k: &OrderKey| (k.rank.is_none(), k.rank.unwrap_or(0.0));
        let (a, b) = (rank(self), rank(other));
        a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then_with(|| self.title.cmp(&other.title))
    }
}

/// Splits a file or folder name into its leading number and its id (`01-intro` is
/// `(Some(1), "intro")`), NFC-normalised.
pub fn split_name(stem: &str) -> (Option<u64>, String) {
    let digits = stem.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && stem.as_bytes().get(digits) == Some(&b'-') && digits + 1 < stem.len() {
        (stem[..digits].parse().ok(), stem[digits + 1..].nfc().collect())
    } else {
        (None, stem.nfc().collect())
    }
}

/// Checks an id's characters: lowercase letters of any script, digits, `-` and `_`.
pub fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("its id is empty".into());
    }
    if let Some(c) = id.chars().find(|c| !(c.is_alphanumeric() && !c.is_uppercase() || *c == '-' || *c == '_')) {
        let what = if c.is_uppercase() { "an uppercase letter".to_string() } else { format!("{c:?}") };
        return Err(format!("its id '{id}' contains {what}; ids are made of lowercase letters, digits, '-' and '_'"));
    }
    if DEVICE_NAMES.contains(&id) {
        return Err(format!("its id '{id}' is a device name on Windows; choose another name"));
    }
    Ok(())
}

const LESSON_KEYS: &[&str] = &[
    "title",
    "order",
    "summary",
    "objectives",
    "concepts",
    "readings",
    "quiz",
    "prerequisites",
    "duration",
    "autolink",
    "draft",
    "extra",
];
const MODULE_KEYS: &[&str] = &["title", "order", "summary", "extra"];
const ARTICLE_KEYS: &[&str] = &[
    "title",
    "author",
    "date",
    "publication",
    "url",
    "accessed",
    "archive",
    "concepts",
    "summary",
    "autolink",
    "draft",
    "extra",
];
const CONCEPT_KEYS: &[&str] = &["term", "aliases", "definition", "related", "draft", "extra"];
const PAGE_KEYS: &[&str] = &["title", "order", "draft", "extra"];
const HOME_KEYS: &[&str] = &["title", "extra"];

/// What one content file becomes, before the course is settled.
#[derive(Debug, Clone)]
pub enum Entity {
    Home(Home),
    /// A module's `_index.md`.
    Module(Module),
    Lesson(Lesson),
    Article(Article),
    Concept(Concept),
    Quiz(Quiz),
    Page(Page),
    /// A draft left out of this build: links to it are errors.
    Draft {
        kind: Kind,
        id: String,
    },
    /// A file that gives nothing (its problem is already reported).
    Nothing,
}

/// Every content file's entity, by path: the course before it is settled.
#[derive(Debug, Default, Clone)]
pub struct Entities {
    pub by_path: std::collections::BTreeMap<String, Entity>,
    pub static_files: Vec<String>,
    pub templates: Vec<(String, String)>,
}

/// Builds the course model from what was loaded.
pub fn build(loaded: Loaded, config: Config, drafts: bool, diags: &mut Vec<Diagnostic>) -> Course {
    let Entities { by_path, static_files, templates } = entities(loaded, drafts, diags);
    // Each entity moves into the course: nothing keeps them, unlike the live preview.
    settle_from(by_path.into_iter().map(|(path, e)| (path, Cow::Owned(e))), static_files, templates, config, diags)
}

/// Every file's entity, in parallel (each file's problems reported as it is read).
pub fn entities(loaded: Loaded, drafts: bool, diags: &mut Vec<Diagnostic>) -> Entities {
    use rayon::prelude::*;
    let built: Vec<(String, Entity, Vec<Diagnostic>)> = loaded
        .docs
        .into_par_iter()
        .map(|doc| {
            let path = doc.source.path.clone();
            let mut found = Vec::new();
            let entity = crate::common::diag::guard(&path, || entity(doc, drafts, &mut found)).unwrap_or_else(|d| {
                found.push(d);
                Entity::Nothing
            });
            (path, entity, found)
        })
        .collect();
    let mut out = Entities { static_files: loaded.static_files, templates: loaded.templates, ..Entities::default() };
    for (path, entity, mut found) in built {
        diags.append(&mut found);
        out.by_path.insert(path, entity);
    }
    out
}

/// What one file becomes.
pub fn entity(doc: Doc, drafts: bool, diags: &mut Vec<Diagnostic>) -> Entity {
    let mut b = Builder { drafts, diags, draft: None };
    let entity = match doc.role.clone() {
        Role::Home => Some(Entity::Home(b.home(doc))),
        Role::ModuleIndex { dir } => Some(Entity::Module(b.module(doc, dir))),
        Role::Lesson { dir } => b.lesson(doc, dir).map(Entity::Lesson),
        Role::Article => b.article(doc).map(Entity::Article),
        Role::Concept => b.concept(doc).map(Entity::Concept),
        Role::Quiz => b.quiz(doc).map(Entity::Quiz),
        Role::Page => b.page(doc).map(Entity::Page),
    };
    match (entity, b.draft) {
        (Some(e), _) => e,
        (None, Some((kind, id))) => Entity::Draft { kind, id },
        (None, None) => Entity::Nothing,
    }
}

/// Puts the entities together: modules from their folders, ids claimed (a duplicate is an
/// error naming both files), course order, references resolved.
pub fn settle(entities: &Entities, config: Config, diags: &mut Vec<Diagnostic>) -> Course {
    let all = entities.by_path.iter().map(|(path, e)| (path.clone(), Cow::Borrowed(e)));
    settle_from(all, entities.static_files.clone(), entities.templates.clone(), config, diags)
}

/// [`settle`] from entities by path, in path order, borrowed or owned.
fn settle_from<'e>(
    all: impl Iterator<Item = (String, Cow<'e, Entity>)>,
    static_files: Vec<String>,
    templates: Vec<(String, String)>,
    config: Config,
    diags: &mut Vec<Diagnostic>,
) -> Course {
    let mut course = Course {
        config,
        home: Home { title: None, origin: None, extra: serde_json::json!({}) },
        modules: Vec::new(),
        lessons: Vec::new(),
        articles: Vec::new(),
        concepts: Vec::new(),
        quizzes: Vec::new(),
        pages: Vec::new(),
        drafts: HashMap::new(),
        static_files,
        templates,
    };
    let mut claims = Claims::default();
    let mut modules: std::collections::BTreeMap<String, Module> = std::collections::BTreeMap::new();
    for (path, entity) in all {
        let path = path.as_str();
        match entity.into_owned() {
            Entity::Home(h) => course.home = h,
            Entity::Module(m) => {
                modules.insert(m.dir.clone(), m);
            }
            Entity::Lesson(l) => {
                modules.entry(l.dir.clone()).or_insert_with(|| Module::default_for(&l.dir));
                if claims.claim(Kind::Lesson, &l.id, path, diags) {
                    course.lessons.push(l);
                }
            }
            Entity::Article(a) if claims.claim(Kind::Article, &a.id, path, diags) => course.articles.push(a),
            Entity::Concept(c) if claims.claim(Kind::Concept, &c.id, path, diags) => course.concepts.push(c),
            Entity::Quiz(q) if claims.claim(Kind::Quiz, &q.id, path, diags) => course.quizzes.push(q),
            Entity::Page(p) if claims.claim(Kind::Page, &p.id, path, diags) => course.pages.push(p),
            Entity::Draft { kind, id } => {
                course.drafts.insert((kind, id), path.to_string());
            }
            _ => {}
        }
    }
    for module in modules.into_values() {
        let path =
            module.origin.as_ref().map_or_else(|| format!("content/lessons/{}", module.dir), |o| o.path().to_string());
        if let Err(m) = check_id(&module.id) {
            diags.push(Diagnostic::error(&path, None, format!("bad folder name: {m}")));
        }
        claims.claim(Kind::Module, &module.id, &path, diags);
        course.modules.push(module);
    }
    order(&mut course);
    resolve(&mut course, diags);
    course
}

/// Ids taken so far, per kind, with the file that took them.
#[derive(Default)]
struct Claims {
    seen: HashMap<(Kind, String), String>,
}

impl Claims {
    /// Registers an id; a duplicate is an error naming both files.
    fn claim(&mut self, kind: Kind, id: &str, path: &str, diags: &mut Vec<Diagnostic>) -> bool {
        if let Some(first) = self.seen.get(&(kind, id.to_string())) {
            let (a, b) = if first.as_str() <= path { (first.as_str(), path) } else { (path, first.as_str()) };
            let msg = format!("duplicate {} id '{id}': {a} and {b} both have it; rename one of them", kind.name());
            diags.push(Diagnostic::error(b, None, msg));
            return false;
        }
        self.seen.insert((kind, id.to_string()), path.to_string());
        true
    }
}

impl Module {
    /// A module with no `_index.md`: its title comes from its folder's name.
    fn default_for(dir: &str) -> Module {
        let (number, id) = split_name(dir);
        let title = default_title(&id);
        Module {
            id,
            dir: dir.to_string(),
            order: OrderKey::new(None, number, &title),
            title,
            summary: String::new(),
            origin: None,
            extra: serde_json::json!({}),
            lessons: Vec::new(),
        }
    }
}

fn default_title(id: &str) -> String {
    let t = id.replace(['-', '_'], " ");
    let mut c = t.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

struct Builder<'d> {
    drafts: bool,
    diags: &'d mut Vec<Diagnostic>,
    /// Set when the file is a draft left out of this build.
    draft: Option<(Kind, String)>,
}

impl Builder<'_> {
    /// The id of a file, checked; `None` (reported) when it is not valid.
    fn id_of(&mut self, doc: &Doc, kind: Kind) -> Option<(Option<u64>, String)> {
        let (number, id) = split_name(&doc.stem);
        if let Err(m) = check_id(&id) {
            self.diags.push(Diagnostic::error(&doc.source.path, None, format!("bad file name: {m}")));
            return None;
        }
        if kind == Kind::Page && RESERVED_PAGE_IDS.contains(&id.as_str()) {
            let msg = format!(
                "a page may not be called '{id}': the site uses /{id}/ itself (reserved: {})",
                RESERVED_PAGE_IDS.join(", ")
            );
            self.diags.push(Diagnostic::error(&doc.source.path, None, msg));
            return None;
        }
        Some((number, id))
    }

    fn fields<'a>(&'a mut self, doc: &'a mut Doc, known: &[&str], what: &str) -> Option<Fields<'a>> {
        let node = doc.yaml.take().unwrap_or(crate::content::frontmatter::Node {
            pos: Pos::START,
            value: crate::content::frontmatter::Value::Null,
        });
        Fields::new(&doc.source.path, node, known, what, self.diags)
    }

    /// True when the page is a draft left out of this build (recorded for link errors).
    fn skip_draft(&mut self, draft: bool, kind: Kind, id: &str, _path: &str) -> bool {
        if draft && !self.drafts {
            self.draft = Some((kind, id.to_string()));
            return true;
        }
        false
    }

    fn home(&mut self, mut doc: Doc) -> Home {
        let mut home = Home { title: None, origin: None, extra: serde_json::json!({}) };
        if let Some(mut f) = self.fields(&mut doc, HOME_KEYS, "the home page front matter") {
            home.title = f.text("title").map(|t| t.value);
            home.extra = f.extra();
        }
        home.origin = Some(origin(doc));
        home
    }

    fn module(&mut self, mut doc: Doc, dir: String) -> Module {
        let mut module = Module::default_for(&dir);
        let broken = doc.broken;
        if let Some(mut f) = self.fields(&mut doc, MODULE_KEYS, "a module's _index.md") {
            let title = if broken { None } else { f.required_text("title", "a module's _index.md") };
            if let Some(t) = title {
                module.title = t.value;
            }
            let explicit = f.number("order").map(|o| o.value);
            module.summary = f.text("summary").map(|t| t.value).unwrap_or_default();
            module.extra = f.extra();
            module.order = OrderKey::new(explicit, split_name(&module.dir).0, &module.title);
        }
        module.origin = Some(origin(doc));
        module
    }

    fn lesson(&mut self, mut doc: Doc, dir: String) -> Option<Lesson> {
        let (number, id) = self.id_of(&doc, Kind::Lesson)?;
        let broken = doc.broken;
        let mut f = self.fields(&mut doc, LESSON_KEYS, "a lesson's front matter")?;
        let title = required_title(&mut f, broken, "title", "a lesson", &id);
        let explicit = f.number("order").map(|o| o.value);
        let summary = f.text("summary").map(|t| t.value).unwrap_or_default();
        let objectives = f.text_list("objectives").into_iter().map(|o| o.value).collect();
        let concepts = f.text_list("concepts").into_iter().map(Ref::new).collect();
        let readings = f.text_list("readings").into_iter().map(Ref::new).collect();
        let quiz = f.text("quiz").map(Ref::new);
        let prerequisites = f.text_list("prerequisites").into_iter().map(Ref::new).collect();
        let duration = f.text("duration").map(|t| t.value).unwrap_or_default();
        let autolink = autolink_field(&mut f);
        let extra = f.extra();
        let draft = f.boolean("draft").is_some_and(|d| d.value);
        let path = doc.source.path.clone();
        if self.skip_draft(draft, Kind::Lesson, &id, &path) {
            return None;
        }
        Some(Lesson {
            order: OrderKey::new(explicit, number, &title),
            id,
            origin: origin(doc),
            dir,
            module: 0,
            title,
            summary,
            objectives,
            concepts,
            readings,
            quiz,
            prerequisites,
            duration,
            autolink,
            extra,
        })
    }

    fn article(&mut self, mut doc: Doc) -> Option<Article> {
        let (number, id) = self.id_of(&doc, Kind::Article)?;
        let broken = doc.broken;
        let mut f = self.fields(&mut doc, ARTICLE_KEYS, "an article's front matter")?;
        let title = required_title(&mut f, broken, "title", "an article", &id);
        let authors = f.text_list("author").into_iter().map(|a| a.value).collect();
        let date = f.date("date").map(|d| d.value);
        let publication = f.text("publication").map(|t| t.value).unwrap_or_default();
        let url = f.text("url");
        let accessed = f.date("accessed").map(|d| d.value);
        let archive = f.text("archive");
        for u in url.iter().chain(archive.iter()) {
            if let Err(m) = check_external_url(&u.value) {
                f.error(u.pos, m);
            }
        }
        let concepts = f.text_list("concepts").into_iter().map(Ref::new).collect();
        let summary = f.text("summary").map(|t| t.value).unwrap_or_default();
        let autolink = autolink_field(&mut f);
        let extra = f.extra();
        let draft = f.boolean("draft").is_some_and(|d| d.value);
        let path = doc.source.path.clone();
        if self.skip_draft(draft, Kind::Article, &id, &path) {
            return None;
        }
        Some(Article {
            order: OrderKey::new(None, number, &title),
            id,
            origin: origin(doc),
            title,
            authors,
            date,
            publication,
            url,
            accessed,
            archive,
            concepts,
            summary,
            autolink,
            extra,
        })
    }

    fn concept(&mut self, mut doc: Doc) -> Option<Concept> {
        let (_, id) = self.id_of(&doc, Kind::Concept)?;
        let broken = doc.broken;
        let mut f = self.fields(&mut doc, CONCEPT_KEYS, "a concept's front matter")?;
        let term = required_title(&mut f, broken, "term", "a concept", &id);
        let aliases = f.text_list("aliases").into_iter().map(|a| a.value).collect();
        let definition = if broken { None } else { f.required_text("definition", "a concept") };
        let pos = f.pos();
        let definition = definition.unwrap_or(Located { value: String::new(), pos });
        let related = f.text_list("related").into_iter().map(Ref::new).collect();
        let extra = f.extra();
        let draft = f.boolean("draft").is_some_and(|d| d.value);
        let path = doc.source.path.clone();
        if self.skip_draft(draft, Kind::Concept, &id, &path) {
            return None;
        }
        Some(Concept { id, origin: origin(doc), term, aliases, definition, related, extra })
    }

    fn quiz(&mut self, mut doc: Doc) -> Option<Quiz> {
        let (_, id) = self.id_of(&doc, Kind::Quiz)?;
        let broken = doc.broken;
        let f = self.fields(&mut doc, quiz::KEYS, "a quiz")?;
        let quiz = quiz::read(id.clone(), f, broken)?;
        Some(Quiz { origin: Some(origin(doc)), ..quiz })
    }

    fn page(&mut self, mut doc: Doc) -> Option<Page> {
        let (number, id) = self.id_of(&doc, Kind::Page)?;
        let broken = doc.broken;
        let mut f = self.fields(&mut doc, PAGE_KEYS, "a page's front matter")?;
        let title = required_title(&mut f, broken, "title", "a page", &id);
        let explicit = f.number("order").map(|o| o.value);
        let extra = f.extra();
        let draft = f.boolean("draft").is_some_and(|d| d.value);
        let path = doc.source.path.clone();
        if self.skip_draft(draft, Kind::Page, &id, &path) {
            return None;
        }
        Some(Page { order: OrderKey::new(explicit, number, &title), id, origin: origin(doc), title, extra })
    }
}

/// A required title-like key; a broken front matter falls back to the id, already reported.
fn required_title(f: &mut Fields, broken: bool, key: &str, what: &str, id: &str) -> String {
    if broken {
        return default_title(id);
    }
    f.required_text(key, what).map(|t| t.value).unwrap_or_else(|| default_title(id))
}

fn autolink_field(f: &mut Fields) -> Option<Autolink> {
    let a = f.text("autolink")?;
    let mode = Autolink::parse(&a.value);
    if mode.is_none() {
        f.error(a.pos, format!("'autolink' must be first, all or off, found '{}'", a.value));
    }
    mode
}

/// An article's `url` or `archive`: only http(s) addresses.
pub fn check_external_url(url: &str) -> Result<(), String> {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        Ok(())
    } else {
        Err(format!("'{url}' is not an http:// or https:// address"))
    }
}

fn origin(doc: Doc) -> Origin {
    Origin { body_offset: doc.body_offset, source: std::sync::Arc::new(doc.source) }
}

/// Puts modules, lessons, articles, concepts and pages in course order.
fn order(course: &mut Course) {
    course.modules.sort_by(|a, b| a.order.cmp(&b.order));
    let index_of: HashMap<&str, usize> = course.modules.iter().enumerate().map(|(i, m)| (m.dir.as_str(), i)).collect();
    for lesson in &mut course.lessons {
        lesson.module = index_of[lesson.dir.as_str()];
    }
    course.lessons.sort_by(|a, b| a.module.cmp(&b.module).then_with(|| a.order.cmp(&b.order)));
    for (i, lesson) in course.lessons.iter().enumerate() {
        course.modules[lesson.module].lessons.push(i);
    }
    course.articles.sort_by(|a, b| a.order.cmp(&b.order));
    course.concepts.sort_by_cached_key(|c| (c.term.to_lowercase(), c.id.clone()));
    course.pages.sort_by(|a, b| a.order.cmp(&b.order));
    quiz::order(&mut course.quizzes, &course.lessons);
}

/// Resolves ids in `concepts`, `readings`, `quiz`, `prerequisites` and `related`; an unknown
/// id is an error with file and line.
fn resolve(course: &mut Course, diags: &mut Vec<Diagnostic>) {
    let r = Resolver::new(course);
    for (i, lesson) in course.lessons.iter_mut().enumerate() {
        r.lesson(lesson, i, diags);
    }
    for article in &mut course.articles {
        r.article(article, diags);
    }
    for concept in &mut course.concepts {
        r.concept(concept, diags);
    }
    for quiz in &mut course.quizzes {
        r.quiz(quiz, diags);
    }
}

/// The ids of a settled course, to resolve references with.
struct Resolver {
    concepts: HashMap<String, usize>,
    articles: HashMap<String, usize>,
    quizzes: HashMap<String, usize>,
    lessons: HashMap<String, usize>,
    drafts: HashMap<(Kind, String), String>,
}

impl Resolver {
    fn new(course: &Course) -> Resolver {
        let index = |kind: Kind| -> HashMap<String, usize> {
            course.ids(kind).into_iter().enumerate().map(|(i, id)| (id.to_string(), i)).collect()
        };
        Resolver {
            concepts: index(Kind::Concept),
            articles: index(Kind::Article),
            quizzes: index(Kind::Quiz),
            lessons: index(Kind::Lesson),
            drafts: course.drafts.clone(),
        }
    }

    fn one(&self, diags: &mut Vec<Diagnostic>, path: &str, key: &str, kind: Kind, r: &mut Ref) {
        let map = match kind {
            Kind::Concept => &self.concepts,
            Kind::Article => &self.articles,
            Kind::Quiz => &self.quizzes,
            _ => &self.lessons,
        };
        r.target = map.get(&r.id.value).copied();
        if r.target.is_some() {
            return;
        }
        let msg = if let Some(file) = self.drafts.get(&(kind, r.id.value.clone())) {
            format!(
                "{key} names {} '{}', which is a draft ({file}); publish it or remove it here",
                kind.name(),
                r.id.value
            )
        } else {
            let hint = did_you_mean(&r.id.value, map.keys().map(String::as_str));
            format!("{key} names unknown {} '{}'{hint}", kind.name(), r.id.value)
        };
        diags.push(Diagnostic::error(path, Some(r.id.pos), msg));
    }

    fn lesson(&self, lesson: &mut Lesson, i: usize, diags: &mut Vec<Diagnostic>) {
        let path = lesson.origin.source.path.clone();
        lesson.concepts.iter_mut().for_each(|r| self.one(diags, &path, "'concepts'", Kind::Concept, r));
        lesson.readings.iter_mut().for_each(|r| self.one(diags, &path, "'readings'", Kind::Article, r));
        lesson.quiz.iter_mut().for_each(|r| self.one(diags, &path, "'quiz'", Kind::Quiz, r));
        for r in &mut lesson.prerequisites {
            self.one(diags, &path, "'prerequisites'", Kind::Lesson, r);
            if r.target.is_some_and(|t| t >= i) {
                let msg = format!("prerequisite '{}' comes at or after this lesson in course order", r.id.value);
                diags.push(Diagnostic::warning(&path, Some(r.id.pos), msg));
            }
        }
    }

    fn article(&self, article: &mut Article, diags: &mut Vec<Diagnostic>) {
        let path = article.origin.source.path.clone();
        article.concepts.iter_mut().for_each(|r| self.one(diags, &path, "'concepts'", Kind::Concept, r));
    }

    fn concept(&self, concept: &mut Concept, diags: &mut Vec<Diagnostic>) {
        let path = concept.origin.source.path.clone();
        concept.related.iter_mut().for_each(|r| self.one(diags, &path, "'related'", Kind::Concept, r));
    }

    fn quiz(&self, quiz: &mut Quiz, diags: &mut Vec<Diagnostic>) {
        let path = quiz.path().to_string();
        quiz.lesson.iter_mut().for_each(|r| self.one(diags, &path, "'lesson'", Kind::Lesson, r));
        for q in &mut quiz.questions {
            let key = format!("question {}: 'concepts'", q.number);
            q.concepts.iter_mut().for_each(|r| self.one(diags, &path, &key, Kind::Concept, r));
        }
    }
}

/// What a patch replaced, to put back if the patched course has errors.
#[derive(Debug)]
pub enum Replaced {
    Home(Home),
    Module(usize, Module),
    Lesson(usize, Lesson),
    Article(usize, Article),
    Concept(usize, Concept),
    Quiz(usize, Quiz),
    Page(usize, Page),
}

impl Replaced {
    /// The page it was (`None`: the home page).
    pub fn key(&self) -> Option<(Kind, usize)> {
        match self {
            Replaced::Home(_) => None,
            Replaced::Module(i, _) => Some((Kind::Module, *i)),
            Replaced::Lesson(i, _) => Some((Kind::Lesson, *i)),
            Replaced::Article(i, _) => Some((Kind::Article, *i)),
            Replaced::Concept(i, _) => Some((Kind::Concept, *i)),
            Replaced::Quiz(i, _) => Some((Kind::Quiz, *i)),
            Replaced::Page(i, _) => Some((Kind::Page, *i)),
        }
    }
}

/// Puts the new entity of an edited file in place of the old one in a settled course, when
/// that changes nothing around it: same kind and id, same place in the course order, the
/// same concept terms and quiz assignments. Returns what it replaced, or `None` when the
/// course must be settled again. Reference errors of the new entity go to `diags`.
pub fn patch(course: &mut Course, path: &str, entity: &Entity, diags: &mut Vec<Diagnostic>) -> Option<Replaced> {
    match entity {
        Entity::Home(h) => {
            if course.home.origin.as_ref().is_none_or(|o| o.path() != path) {
                return None;
            }
            Some(Replaced::Home(std::mem::replace(&mut course.home, h.clone())))
        }
        Entity::Module(m) => {
            let i = position(course.modules.iter().map(|x| x.origin.as_ref().map_or("", |o| o.path())), path)?;
            let old = &course.modules[i];
            if old.dir != m.dir || !old.order.same(&m.order) {
                return None;
            }
            let new = Module { lessons: old.lessons.clone(), ..m.clone() };
            Some(Replaced::Module(i, std::mem::replace(&mut course.modules[i], new)))
        }
        Entity::Lesson(l) => {
            let i = position(course.lessons.iter().map(|x| x.origin.path()), path)?;
            let old = &course.lessons[i];
            let quiz = |x: &Lesson| x.quiz.as_ref().map(|q| q.id.value.clone());
            if old.id != l.id || old.dir != l.dir || !old.order.same(&l.order) || quiz(old) != quiz(l) {
                return None;
            }
            let mut new = Lesson { module: old.module, ..l.clone() };
            Resolver::new(course).lesson(&mut new, i, diags);
            Some(Replaced::Lesson(i, std::mem::replace(&mut course.lessons[i], new)))
        }
        Entity::Article(a) => {
            let i = position(course.articles.iter().map(|x| x.origin.path()), path)?;
            let old = &course.articles[i];
            if old.id != a.id || !old.order.same(&a.order) {
                return None;
            }
            let mut new = a.clone();
            Resolver::new(course).article(&mut new, diags);
            Some(Replaced::Article(i, std::mem::replace(&mut course.articles[i], new)))
        }
        Entity::Concept(c) => {
            let i = position(course.concepts.iter().map(|x| x.origin.path()), path)?;
            let old = &course.concepts[i];
            if old.id != c.id || old.term != c.term || old.aliases != c.aliases {
                return None;
            }
            let mut new = c.clone();
            Resolver::new(course).concept(&mut new, diags);
            Some(Replaced::Concept(i, std::mem::replace(&mut course.concepts[i], new)))
        }
        Entity::Quiz(q) => {
            let i = position(course.quizzes.iter().map(|x| x.path()), path)?;
            let old = &course.quizzes[i];
            let lesson = |x: &Quiz| x.lesson.as_ref().map(|l| l.id.value.clone());
            if old.id != q.id || old.title != q.title || lesson(old) != lesson(q) {
                return None;
            }
            let mut new = q.clone();
            Resolver::new(course).quiz(&mut new, diags);
            Some(Replaced::Quiz(i, std::mem::replace(&mut course.quizzes[i], new)))
        }
        Entity::Page(p) => {
            let i = position(course.pages.iter().map(|x| x.origin.path()), path)?;
            let old = &course.pages[i];
            if old.id != p.id || !old.order.same(&p.order) {
                return None;
            }
            Some(Replaced::Page(i, std::mem::replace(&mut course.pages[i], p.clone())))
        }
        Entity::Draft { .. } | Entity::Nothing => None,
    }
}

fn position<'a>(mut paths: impl Iterator<Item = &'a str>, path: &str) -> Option<usize> {
    paths.position(|p| p == path)
}

/// Puts back what `patch` replaced.
pub fn unpatch(course: &mut Course, replaced: Replaced) {
    match replaced {
        Replaced::Home(h) => course.home = h,
        Replaced::Module(i, m) => course.modules[i] = m,
        Replaced::Lesson(i, l) => course.lessons[i] = l,
        Replaced::Article(i, a) => course.articles[i] = a,
        Replaced::Concept(i, c) => course.concepts[i] = c,
        Replaced::Quiz(i, q) => course.quizzes[i] = q,
        Replaced::Page(i, p) => course.pages[i] = p,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_into_number_and_id() {
        assert_eq!(split_name("01-geopolitical-codes"), (Some(1), "geopolitical-codes".into()));
        assert_eq!(split_name("intro"), (None, "intro".into()));
        assert_eq!(split_name("2024"), (None, "2024".into()));
        assert_eq!(split_name("3-"), (None, "3-".into()));
    }

    #[test]
    fn ids_allow_lowercase_letters_of_any_script() {
        assert!(check_id("海绵城市").is_ok());
        assert!(check_id("café_2").is_ok());
        assert!(check_id("Intro").unwrap_err().contains("uppercase"));
        assert!(check_id("a b").is_err());
        assert!(check_id("a.b").is_err());
        assert!(check_id("con").is_err());
    }

    #[test]
    fn order_puts_numbered_first_then_titles() {
        let a = OrderKey::new(None, Some(2), "b");
        let b = OrderKey::new(Some(1.5), None, "z");
        let c = OrderKey::new(None, None, "a");
        let mut v = [c.clone(), a.clone(), b.clone()];
        v.sort_by(|x, y| x.cmp(y));
        assert_eq!(v.iter().map(|k| k.title.as_str()).collect::<Vec<_>>(), ["z", "b", "a"]);
    }
}
