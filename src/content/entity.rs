//! One content file to what it gives the course (a lesson, a concept, a quiz, ...), with
//! every field read and checked; the course is put together from these by `settle`.

use crate::common::routes::reserved_page_ids;
use crate::common::{Diagnostic, Kind, Pos};
use crate::content::config::Autolink;
use crate::content::fields::Fields;
use crate::content::ids::{check_id, default_title, split_name};
use crate::content::load::{Doc, Loaded, Read, Role};
use crate::content::model::{Article, Author, Concept, Home, Lesson, Module, OrderKey, Origin, Page, Quiz, Ref};
use crate::content::quiz;
use crate::content::yaml::{Located, Value};

const LESSON_KEYS: &[&str] = &[
    "title",
    "order",
    "summary",
    "objectives",
    "keypoints",
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
const CONCEPT_KEYS: &[&str] = &["term", "aliases", "definition", "related", "review", "draft", "extra"];
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
    /// A file that failed to load (its problem is reported): its kind and id stay known,
    /// so that what names it is not reported as broken too.
    Failed {
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
    /// Files whose reading had an error: what they hold is incomplete or missing.
    pub failed: std::collections::BTreeSet<String>,
    pub static_files: Vec<String>,
    pub assets: crate::content::assets::Assets,
    pub templates: Vec<(String, String)>,
}

/// Every file's entity, in parallel (each file's problems reported as it is read).
pub fn entities(loaded: Loaded, drafts: bool, diags: &mut Vec<Diagnostic>) -> Entities {
    use rayon::prelude::*;
    let built: Vec<(String, Loading)> = loaded
        .docs
        .into_par_iter()
        .map(|doc| {
            let (path, role) = (doc.source.path.clone(), doc.role.clone());
            let loading = of_file(&path, &role, Ok((doc, None)), drafts);
            (path, loading)
        })
        .collect();
    let mut out = Entities {
        static_files: loaded.static_files,
        assets: loaded.assets,
        templates: loaded.templates,
        ..Entities::default()
    };
    let unread = loaded.unread.into_iter().map(|(path, role)| (failed(&path, &role), path));
    for (path, Loading { entity, mut found, failed }) in built {
        if failed {
            out.failed.insert(path.clone());
        }
        diags.append(&mut found);
        out.by_path.insert(path, entity);
    }
    for (entity, path) in unread {
        out.failed.insert(path.clone());
        out.by_path.insert(path, entity);
    }
    out
}

/// What loading one file gave.
pub struct Loading {
    pub entity: Entity,
    /// The problems reading it and building its entity found.
    pub found: Vec<Diagnostic>,
    /// It had an error: what it holds is incomplete or missing.
    pub failed: bool,
}

/// One file's entity and the problems building it found, from what reading it gave.
pub fn of_file(path: &str, role: &Role, read: Read, drafts: bool) -> Loading {
    let (doc, mut found) = match read {
        Ok((doc, problem)) => (doc, problem.into_iter().collect::<Vec<_>>()),
        Err(d) => return Loading { entity: failed(path, role), found: vec![d], failed: true },
    };
    let broken = doc.broken;
    let built = crate::common::diag::guard(path, || entity(doc, drafts, &mut found));
    let entity = built.unwrap_or_else(|d| {
        found.push(d);
        Entity::Nothing
    });
    let failed_here = broken || found.iter().any(Diagnostic::is_error);
    let entity = match entity {
        Entity::Nothing if failed_here => failed(path, role),
        entity => entity,
    };
    Loading { entity, found, failed: failed_here }
}

/// What a file that failed to load leaves: its kind and id, when its name gives a valid id.
fn failed(path: &str, role: &Role) -> Entity {
    let stem = std::path::Path::new(path).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let name = match role {
        Role::ModuleIndex { dir } => dir.as_str(),
        _ => stem.as_str(),
    };
    let id = split_name(name).1;
    match role.kind() {
        Some(kind) if check_id(&id).is_ok() => Entity::Failed { kind, id },
        _ => Entity::Nothing,
    }
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
        if kind == Kind::Page && reserved_page_ids().contains(&id.as_str()) {
            let msg = format!(
                "a page may not be called '{id}': the site uses /{id}/ itself (reserved: {})",
                reserved_page_ids().join(", ")
            );
            self.diags.push(Diagnostic::error(&doc.source.path, None, msg));
            return None;
        }
        Some((number, id))
    }

    fn fields<'a>(&'a mut self, doc: &'a mut Doc, known: &[&str], what: &str) -> Option<Fields<'a>> {
        let node = doc
            .yaml
            .take()
            .unwrap_or(crate::content::yaml::Node { pos: Pos::START, value: crate::content::yaml::Value::Null });
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
                (module.title, module.title_html) = titled(t.value);
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
        let (title, title_html) = titled(required_title(&mut f, broken, "title", "a lesson", &id));
        let explicit = f.number("order").map(|o| o.value);
        let summary = f.text("summary").filter(|s| !s.value.trim().is_empty());
        let objectives = f.text_list("objectives");
        let keypoints = f.text_list("keypoints");
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
            title_html,
            summary,
            objectives,
            keypoints,
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
        let (title, title_html) = titled(required_title(&mut f, broken, "title", "an article", &id));
        let authors = authors(&mut f);
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
            title_html,
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
        let review = f.boolean("review").is_none_or(|r| r.value);
        let extra = f.extra();
        let draft = f.boolean("draft").is_some_and(|d| d.value);
        let path = doc.source.path.clone();
        if self.skip_draft(draft, Kind::Concept, &id, &path) {
            return None;
        }
        Some(Concept { id, origin: origin(doc), term, aliases, definition, related, review, extra })
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
        let (title, title_html) = titled(required_title(&mut f, broken, "title", "a page", &id));
        let explicit = f.number("order").map(|o| o.value);
        let extra = f.extra();
        let draft = f.boolean("draft").is_some_and(|d| d.value);
        let path = doc.source.path.clone();
        if self.skip_draft(draft, Kind::Page, &id, &path) {
            return None;
        }
        Some(Page { order: OrderKey::new(explicit, number, &title), id, origin: origin(doc), title, title_html, extra })
    }
}

/// A required title-like key; a broken front matter falls back to the id, already reported.
/// A title as written: its plain text and its inline Markdown as HTML.
fn titled(title: String) -> (String, String) {
    let (html, plain) = crate::markdown::title(&title);
    (plain, html)
}

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

/// An article's `author`: a name, a mapping `{literal: Organisation}`, or a list of these.
fn authors(f: &mut Fields) -> Vec<Author> {
    let Some(node) = f.node("author") else { return Vec::new() };
    let items = match node.value {
        Value::Seq(items) => items,
        _ => vec![node],
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        if let Some(name) = item.value.as_text() {
            out.push(Author::Person(name));
        } else if let Value::Map(_) = item.value {
            let what = "an organisation author ({literal: Name})";
            let Some(mut org) = Fields::new(f.path(), item, &["literal"], what, f.diags()) else { continue };
            out.extend(org.required_text("literal", what).map(|n| Author::Organisation(n.value)));
        } else {
            let msg = format!(
                "'author' must be a name, {{literal: Organisation}} or a list of these, found {}",
                item.value.kind_name()
            );
            f.error(item.pos, msg);
        }
    }
    out
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
