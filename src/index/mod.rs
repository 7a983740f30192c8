//! Index: every page's URL, and the resolution of wikilinks, relative `.md` links and
//! site paths to pages, with the errors a broken link gets.

pub mod terms;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::common::routes::{SitePage, page_path};
use crate::common::{Kind, PageKey};
use crate::content::config::BaseUrl;
use crate::content::model::Course;
use crate::index::terms::Matcher;
use crate::util::html::escape;
use crate::util::path::{join, normalize, percent_decode};

/// Where a link goes, once resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A page of the course, with an anchor to check.
    Page(PageKey, Option<String>),
    /// Another file of the site (static file, index page): nothing more to check.
    File,
    /// An anchor on the page itself.
    SelfAnchor(String),
    /// Outside the site.
    External,
}

/// A resolved link: the `href` to write and what it points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub href: String,
    pub target: Target,
}

/// What every stage after the model needs to know about the whole course, computed from
/// the course once (and kept by `serve` while ids and order stay the same).
pub struct IndexData {
    pub matcher: Arc<Matcher>,
    by_id: HashMap<String, Vec<PageKey>>,
    by_source: HashMap<String, PageKey>,
    by_path: HashMap<String, PageKey>,
    files: HashSet<String>,
    /// Site path and href of every page, by kind and index.
    paths: [Vec<String>; 6],
    hrefs: [Vec<String>; 6],
    /// The opening `<a ...>` of a link to each concept, for autolinks.
    concept_open: Vec<String>,
}

impl IndexData {
    /// The index of a course, with a new concept automaton (built on another thread
    /// meanwhile: at 1,000 concepts it takes as long as the rest).
    pub fn for_course(course: &Course) -> IndexData {
        let (matcher, mut data) = rayon::join(
            || Arc::new(Matcher::new(&course.concepts)),
            || IndexData::new(course, Arc::new(Matcher::new(&[]))),
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
            paths: Default::default(),
            hrefs: Default::default(),
            concept_open: Vec::new(),
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
        data.files.extend(crate::pages::theme::THEME_FILES.iter().map(|(_, path, _)| path.to_string()));
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

    /// Resolves a wikilink target `kind:id#anchor` (kind and anchor optional).
    pub fn wikilink(&self, dest: &str) -> Result<(PageKey, Option<String>), String> {
        let (spec, anchor) = match dest.split_once('#') {
            Some((s, a)) => (s.trim(), Some(a.trim().to_string())),
            None => (dest.trim(), None),
        };
        let (kind, id) = match spec.split_once(':') {
            Some((k, id)) => {
                let kind = Kind::from_name(k.trim()).ok_or_else(|| {
                    let names = Kind::ALL.map(Kind::name);
                    let hint = crate::common::diag::did_you_mean(k, names);
                    format!("unknown kind '{k}' in [[{dest}]]{hint}; expected one of: {}", names.join(", "))
                })?;
                (Some(kind), id.trim())
            }
            None => (None, spec),
        };
        let key = match kind {
            Some(kind) => self.find(kind, id).ok_or_else(|| self.missing(Some(kind), id, dest))?,
            None => self.bare(id, dest)?,
        };
        Ok((key, anchor.filter(|a| !a.is_empty())))
    }

    fn find(&self, kind: Kind, id: &str) -> Option<PageKey> {
        self.data.by_id.get(id)?.iter().copied().find(|k| k.kind == kind)
    }

    fn bare(&self, id: &str, dest: &str) -> Result<PageKey, String> {
        match self.data.by_id.get(id).map(Vec::as_slice) {
            Some([key]) => Ok(*key),
            Some(keys) if keys.len() > 1 => {
                let forms: Vec<String> = keys.iter().map(|k| format!("[[{}:{id}]]", k.kind.name())).collect();
                Err(format!(
                    "[[{dest}]] is ambiguous: '{id}' names pages of {} kinds; write one of {}",
                    keys.len(),
                    forms.join(", ")
                ))
            }
            _ => Err(self.missing(None, id, dest)),
        }
    }

    fn missing(&self, kind: Option<Kind>, id: &str, dest: &str) -> String {
        let draft = Kind::ALL
            .into_iter()
            .filter(|k| kind.is_none_or(|kind| kind == *k))
            .find_map(|k| self.course.drafts.get(&(k, id.to_string())));
        if let Some(file) = draft {
            return format!("[[{dest}]] links to a draft ({file}); publish it or remove the link");
        }
        let candidates: Vec<&str> = match kind {
            Some(k) => self.course.ids(k),
            None => self.data.by_id.keys().map(String::as_str).collect(),
        };
        let hint = crate::common::diag::did_you_mean(id, candidates);
        let what = kind.map_or("page".to_string(), |k| k.name().to_string());
        format!("broken link [[{dest}]]: there is no {what} '{id}'{hint}")
    }

    /// Resolves the destination of a Markdown link or image written in the file `from`
    /// (a path under the course root), on the page at site path `page_path`.
    pub fn href_target(&self, from: &str, page_path: &str, dest: &str, image: bool) -> Result<Resolved, String> {
        let dest = dest.trim();
        if dest.is_empty() {
            return Ok(Resolved { href: String::new(), target: Target::External });
        }
        if let Some(anchor) = dest.strip_prefix('#') {
            return Ok(Resolved { href: dest.to_string(), target: Target::SelfAnchor(anchor.to_string()) });
        }
        if let Some(scheme) = scheme(dest) {
            let lower = scheme.to_ascii_lowercase();
            let data_image = image && dest.get(..11).is_some_and(|p| p.eq_ignore_ascii_case("data:image/"));
            if matches!(lower.as_str(), "javascript" | "vbscript" | "data") && !data_image {
                return Err(format!(
                    "refused '{lower}:' URL in a link; only http, https, mailto and site links are allowed"
                ));
            }
            return Ok(Resolved { href: dest.to_string(), target: Target::External });
        }
        if dest.starts_with("//") {
            return Ok(Resolved { href: dest.to_string(), target: Target::External });
        }
        let (path, rest) = dest.split_at(dest.find(['#', '?']).unwrap_or(dest.len()));
        let anchor = rest.split_once('#').map(|(_, a)| a.to_string()).filter(|a| !a.is_empty());
        let path = percent_decode(path);
        if !path.starts_with('/') && (path.ends_with(".md") || path.ends_with(".yaml")) {
            let file = join(from.rsplit_once('/').map_or("", |(d, _)| d), &path);
            let key = self
                .data
                .by_source
                .get(file.as_str())
                .copied()
                .ok_or_else(|| format!("broken link '{dest}': no course page at {file}"))?;
            return Ok(Resolved {
                href: format!("{}{}", self.href(key), anchor_suffix(&anchor)),
                target: Target::Page(key, anchor),
            });
        }
        let site = if let Some(abs) = path.strip_prefix('/') {
            normalize(abs).ok_or_else(|| format!("broken link '{dest}': it leaves the site"))?
        } else {
            let joined = join(page_path.trim_end_matches('/'), &path);
            if joined.starts_with("../") || joined == ".." {
                return Err(format!("broken link '{dest}': it leaves the site"));
            }
            let keep_slash = if path.ends_with('/') && !joined.is_empty() { "/" } else { "" };
            format!("{joined}{keep_slash}")
        };
        self.site_target(&site, &anchor, rest, dest)
    }

    fn site_target(&self, site: &str, anchor: &Option<String>, rest: &str, dest: &str) -> Result<Resolved, String> {
        let href = format!("{}{rest}", self.base.href(site));
        let as_dir = if site.is_empty() || site.ends_with('/') { site.to_string() } else { format!("{site}/") };
        if let Some(key) = self.data.by_path.get(&as_dir).or_else(|| self.data.by_path.get(site)) {
            let href = format!("{}{rest}", self.href(*key));
            return Ok(Resolved { href, target: Target::Page(*key, anchor.clone()) });
        }
        let index_page = site.strip_suffix("index.html").unwrap_or(site);
        if self.data.files.contains(site) || self.data.files.contains(&as_dir) || self.data.files.contains(index_page) {
            let href = if self.data.files.contains(&as_dir) && !site.ends_with('/') && !site.is_empty() {
                format!("{}{rest}", self.base.href(&as_dir))
            } else {
                href
            };
            return Ok(Resolved { href, target: Target::File });
        }
        Err(format!("broken link '{dest}': no page or file at /{site}"))
    }
}

fn anchor_suffix(anchor: &Option<String>) -> String {
    anchor.as_ref().map(|a| format!("#{a}")).unwrap_or_default()
}

/// The scheme of an absolute URL (`https` in `https://x`), if the text has one.
fn scheme(dest: &str) -> Option<&str> {
    let colon = dest.find(':')?;
    let s = &dest[..colon];
    let mut chars = s.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    ok.then_some(s)
}

/// The opening tag of a link to concept `idx`, with the hook and the plain definition as
/// a fallback preview.
pub fn concept_link_open(course: &Course, idx: usize, href: &str) -> String {
    let concept = &course.concepts[idx];
    format!("<a href=\"{}\" class=\"concept-link\" data-concept=\"{}\">", escape(href), escape(&concept.id),)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_recognised() {
        assert_eq!(scheme("https://x"), Some("https"));
        assert_eq!(scheme("JavaScript:alert(1)"), Some("JavaScript"));
        assert_eq!(scheme("../a.md"), None);
        assert_eq!(scheme("a.md#x:y"), None);
    }
}
