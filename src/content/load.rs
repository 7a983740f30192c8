//! Load: finds the files of `content/`, `static/` and `templates/` (see `walk`), reads
//! every content file (in parallel) and splits and parses its front matter, and gives each
//! its role by where it sits. The only input I/O.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::common::Kind;
use crate::common::diag::{Diagnostic, Pos};
use crate::content::assets::{self, Assets};
use crate::content::frontmatter;
use crate::content::source::Source;
use crate::content::source::read_text;
use crate::content::walk;
use crate::content::yaml::Node;
use crate::util::path::rel;

/// What a file under `content/` is, by where it sits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    Home,
    Page,
    /// A module's `_index.md`; `dir` is the module folder's name.
    ModuleIndex {
        dir: String,
    },
    Lesson {
        dir: String,
    },
    Article,
    Concept,
    Quiz,
}

impl Role {
    /// The kind of page the file gives, if any (the home page is none).
    pub fn kind(&self) -> Option<Kind> {
        match self {
            Role::Home => None,
            Role::Page => Some(Kind::Page),
            Role::ModuleIndex { .. } => Some(Kind::Module),
            Role::Lesson { .. } => Some(Kind::Lesson),
            Role::Article => Some(Kind::Article),
            Role::Concept => Some(Kind::Concept),
            Role::Quiz => Some(Kind::Quiz),
        }
    }
}

/// One content file, read and with its YAML parsed.
#[derive(Debug)]
pub struct Doc {
    pub role: Role,
    pub source: Source,
    /// File name without extension.
    pub stem: String,
    /// Front matter (for `.md`) or the whole document (for quiz `.yaml`).
    pub yaml: Option<Node>,
    /// Where the Markdown body starts in `source.text`.
    pub body_offset: usize,
    /// The front matter could not be parsed (already reported); the page still exists,
    /// so links to it are not reported as broken too.
    pub broken: bool,
}

/// Everything read from disk.
#[derive(Debug, Default)]
pub struct Loaded {
    pub config: Option<Doc>,
    pub docs: Vec<Doc>,
    /// Content files that could not be read (reported), with their roles.
    pub unread: Vec<(String, Role)>,
    /// Files under `static/`, relative to it, `/`-separated.
    pub static_files: Vec<String>,
    /// Files beside the pages, and image sizes.
    pub assets: Assets,
    /// Files under `templates/`, relative to it.
    pub templates: Vec<(String, String)>,
}

/// Reads the course at `root`. Problems with single files become diagnostics; the rest
/// of the course is still read so that every problem is reported at once.
pub fn load(root: &Path, diags: &mut Vec<Diagnostic>) -> Loaded {
    let mut loaded = Loaded { config: config(root, diags), ..Loaded::default() };
    let content = root.join("content");
    let mut files = Vec::new();
    let mut page_files = Vec::new();
    if content.is_dir() {
        (files, page_files) = walk(root, &content, diags);
    } else {
        diags.push(Diagnostic::error(
            "content",
            None,
            "the course has no content/ folder (run `syllabus init DIR` to start one)",
        ));
    }
    let results: Vec<(String, Role, Read)> = files
        .into_par_iter()
        .map(|(path, role)| (rel(root, &path), role.clone(), guarded_read(root, &path, role)))
        .collect();
    for (path, role, read) in results {
        match read {
            Ok((doc, problem)) => {
                diags.extend(problem);
                loaded.docs.push(doc);
            }
            Err(d) => {
                diags.push(d);
                loaded.unread.push((path, role));
            }
        }
    }
    loaded.static_files = static_files(root, diags);
    loaded.assets = Assets::read(root, &loaded.static_files, page_files);
    loaded.templates = templates(root, diags);
    loaded
}

/// The files beside pages under `content/`, relative to it, with every image's size.
pub fn assets(root: &Path, static_files: &[String], diags: &mut Vec<Diagnostic>) -> Assets {
    let content = root.join("content");
    let page_files = if content.is_dir() { walk(root, &content, diags).1 } else { Vec::new() };
    Assets::read(root, static_files, page_files)
}

fn bad_name_diag(page_file: &str) -> Option<Diagnostic> {
    assets::bad_name(page_file).map(|msg| Diagnostic::error(format!("content/{page_file}"), None, msg))
}

/// `course.yaml`, read and parsed, if there is one.
pub fn config(root: &Path, diags: &mut Vec<Diagnostic>) -> Option<Doc> {
    let path = root.join("course.yaml");
    if !path.is_file() {
        return None;
    }
    match read_doc(root, &path, Role::Page) {
        Ok((doc, problem)) => {
            diags.extend(problem);
            Some(doc)
        }
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// The files under `static/`, relative to it.
pub fn static_files(root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    list_files(root, &root.join("static"), diags)
}

/// The course's own templates: name (relative to `templates/`) and text.
pub fn templates(root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<(String, String)> {
    let template_dir = root.join("templates");
    list_files(root, &template_dir, diags)
        .into_iter()
        .filter_map(|name| match read_text(root, &template_dir.join(&name)) {
            Ok(text) => Some((name, text)),
            Err(d) => {
                diags.push(d);
                None
            }
        })
        .collect()
}

/// What reading one content file gave: the document (with a YAML problem, or not), or the
/// error that kept it from being read.
pub type Read = Result<(Doc, Option<Diagnostic>), Diagnostic>;

/// Reads one file under `content/`, with its role; `None` when the path is not a course
/// file (an editor's backup, a folder, a file in the wrong place).
pub fn content_file(root: &Path, path: &Path) -> Option<(Role, Read)> {
    let rel = path.strip_prefix(root.join("content")).ok()?;
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if parts.iter().any(|p| walk::ignored(p)) || !path.is_file() {
        return None;
    }
    let role = role_of(&parts)?;
    Some((role.clone(), guarded_read(root, path, role)))
}

/// The course's content files and their roles, and the other files, which are published
/// beside the pages (relative to `content/`); `.md` and `.yaml` files in the wrong place
/// are reported.
fn walk(root: &Path, content: &Path, diags: &mut Vec<Diagnostic>) -> (Vec<(PathBuf, Role)>, Vec<String>) {
    let mut out = Vec::new();
    let mut beside = Vec::new();
    for path in walk::files(root, content, diags) {
        let parts: Vec<String> = path
            .strip_prefix(content)
            .unwrap_or(&path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let name = parts.last().map(String::as_str).unwrap_or_default();
        match role_of(&parts) {
            Some(role) => out.push((path, role)),
            None if [".md", ".yaml", ".yml"].iter().any(|ext| name.ends_with(ext)) => {
                let msg = "not a course file here, so it is ignored (content/ holds .md pages, and quizzes as .yaml under content/quizzes/)";
                diags.push(Diagnostic::warning(rel(root, &path), None, msg));
            }
            None => {
                let file = parts.join("/");
                match bad_name_diag(&file) {
                    Some(d) => diags.push(d),
                    None => beside.push(file),
                }
            }
        }
    }
    (out, beside)
}

fn role_of(parts: &[String]) -> Option<Role> {
    let md = |name: &str| name.ends_with(".md");
    match parts {
        [name] if name == "_index.md" => Some(Role::Home),
        [name] if md(name) => Some(Role::Page),
        [dir, name] if dir == "articles" && md(name) => Some(Role::Article),
        [dir, name] if dir == "concepts" && md(name) => Some(Role::Concept),
        [dir, name] if dir == "quizzes" && (name.ends_with(".yaml") || name.ends_with(".yml")) => Some(Role::Quiz),
        [dir, module, name] if dir == "lessons" && name == "_index.md" => {
            Some(Role::ModuleIndex { dir: module.clone() })
        }
        [dir, module, name] if dir == "lessons" && md(name) => Some(Role::Lesson { dir: module.clone() }),
        _ => None,
    }
}

/// Files under `dir` (relative to it), sorted; none if `dir` does not exist.
fn list_files(root: &Path, dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    walk::files(root, dir, diags).iter().map(|p| rel(dir, p)).collect()
}

fn guarded_read(root: &Path, path: &Path, role: Role) -> Read {
    crate::common::diag::guard(&rel(root, path), || read_doc(root, path, role)).and_then(|r| r)
}

/// Reads one content file. An unreadable file is an `Err`; a YAML error keeps the page
/// (marked broken) and returns the diagnostic beside it.
fn read_doc(root: &Path, path: &Path, role: Role) -> Result<(Doc, Option<Diagnostic>), Diagnostic> {
    let text = read_text(root, path)?;
    let source = Source::new(rel(root, path), text).with_file(path.to_path_buf());
    Ok(parse_doc(source, role))
}

/// Splits and parses a file already read (its path, relative to the course root, says
/// its name and whether it is all YAML). Fuzzing starts here.
pub fn parse_doc(source: Source, role: Role) -> (Doc, Option<Diagnostic>) {
    let path = Path::new(&source.path);
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let whole_yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
    let text = source.text();
    let mut doc = Doc { role, stem, yaml: None, body_offset: 0, broken: false, source };
    let (yaml_text, first_line) = if whole_yaml {
        doc.body_offset = text.len();
        (Some(&*text), 1)
    } else {
        match frontmatter::split(&text) {
            Ok(split) => {
                doc.body_offset = split.body_offset;
                (split.yaml.map(|(y, _)| y), split.yaml.map_or(1, |(_, l)| l))
            }
            Err(m) => {
                doc.broken = true;
                let d = Diagnostic::error(&doc.source.path, Some(Pos::START), m);
                return (doc, Some(d));
            }
        }
    };
    let parsed = yaml_text.map(|y| crate::content::yaml::parse(y, first_line));
    let problem = match parsed {
        Some(Ok(node)) => {
            doc.yaml = Some(node);
            None
        }
        Some(Err((pos, m))) => {
            doc.broken = true;
            Some(Diagnostic::error(&doc.source.path, Some(pos), m))
        }
        None => None,
    };
    (doc, problem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_follow_the_folder_layout() {
        let p = |s: &str| s.split('/').map(String::from).collect::<Vec<_>>();
        assert_eq!(role_of(&p("_index.md")), Some(Role::Home));
        assert_eq!(role_of(&p("about.md")), Some(Role::Page));
        assert_eq!(role_of(&p("lessons/01-a/_index.md")), Some(Role::ModuleIndex { dir: "01-a".into() }));
        assert_eq!(role_of(&p("lessons/01-a/02-b.md")), Some(Role::Lesson { dir: "01-a".into() }));
        assert_eq!(role_of(&p("quizzes/q.yaml")), Some(Role::Quiz));
        assert_eq!(role_of(&p("lessons/x.md")), None);
        assert_eq!(role_of(&p("articles/img.png")), None);
    }
}
