//! Course settings from `course.yaml`, with defaults for every key, and the site's base URL.

use crate::common::diag::Diagnostic;
use crate::content::fields::Fields;
use crate::content::load::Doc;
use crate::i18n::{Strings, tables};
use std::sync::Arc;

/// How concept terms in running text become links.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Autolink {
    #[default]
    First,
    All,
    Off,
}

impl Autolink {
    pub fn parse(s: &str) -> Option<Autolink> {
        match s {
            "first" => Some(Autolink::First),
            "all" => Some(Autolink::All),
            "off" => Some(Autolink::Off),
            _ => None,
        }
    }
}

/// Where the site lives: an optional origin (`https://host`) and a path that starts and
/// ends with `/`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct BaseUrl {
    pub origin: Option<String>,
    pub path: String,
}

impl Default for BaseUrl {
    fn default() -> Self {
        BaseUrl { origin: None, path: "/".into() }
    }
}

impl BaseUrl {
    /// Parses `/`, `/course/`, `https://host/` or `https://host/course/`.
    pub fn parse(s: &str) -> Result<BaseUrl, String> {
        let s = s.trim();
        if let Some((scheme, rest)) = s.split_once("://") {
            if scheme != "http" && scheme != "https" {
                return Err(format!("base_url must start with http://, https:// or /, found '{s}'"));
            }
            let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            if host.is_empty() || host.contains(['?', '#', ' ', '"', '<', '>', '\\']) {
                return Err(format!("base_url has no valid host: '{s}'"));
            }
            Ok(BaseUrl { origin: Some(format!("{scheme}://{host}")), path: clean_path(path)? })
        } else if s.starts_with('/') || s.is_empty() {
            Ok(BaseUrl { origin: None, path: clean_path(s)? })
        } else if s.starts_with('.') {
            Err(format!(
                "base_url must start with http://, https:// or /, found '{s}'; for a folder that works opened from disk, build with --relative"
            ))
        } else {
            Err(format!("base_url must start with http://, https:// or /, found '{s}'"))
        }
    }

    /// The link to a site path such as `lessons/x/` (no leading slash).
    pub fn href(&self, site_path: &str) -> String {
        format!("{}{}", self.path, site_path.trim_start_matches('/'))
    }

    /// The absolute URL of a site path, when the base has an origin.
    pub fn absolute(&self, site_path: &str) -> Option<String> {
        self.origin.as_ref().map(|o| format!("{o}{}", self.href(site_path)))
    }
}

fn clean_path(path: &str) -> Result<String, String> {
    if path.contains(['?', '#', '"', '<', '>', '\\', ' ']) || path.split('/').any(|p| p == "..") {
        return Err(format!("base_url path '{path}' may hold only plain path segments"));
    }
    let trimmed = path.trim_matches('/');
    Ok(if trimmed.is_empty() { "/".into() } else { format!("/{trimmed}/") })
}

/// Settings from `course.yaml`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Config {
    pub title: String,
    pub description: String,
    pub author: String,
    pub language: String,
    pub base_url: BaseUrl,
    pub autolink: Autolink,
    pub raw_html: bool,
    pub extra: serde_json::Value,
    /// Show instructors' notes (`--instructor` on the command line; not a course.yaml key).
    pub instructor: bool,
    /// Links and assets by paths relative to each page, for a folder opened from disk
    /// (`--relative` on the command line; not a course.yaml key).
    pub relative: bool,
    /// Built for a SCORM package: every page loads `scorm.js`, which reports to the platform
    /// (`export course --format scorm12`; not a course.yaml key).
    pub scorm: bool,
    /// The theme's words in the course's language, with the course's overrides.
    #[serde(skip)]
    pub strings: Arc<Strings>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Course".into(),
            description: String::new(),
            author: String::new(),
            language: "en".into(),
            base_url: BaseUrl::default(),
            autolink: Autolink::First,
            raw_html: true,
            extra: serde_json::json!({}),
            instructor: false,
            relative: false,
            scorm: false,
            strings: crate::i18n::english(),
        }
    }
}

pub const KEYS: &[&str] =
    &["title", "description", "author", "language", "base_url", "autolink", "raw_html", "strings", "extra"];

/// Reads `course.yaml` (when there is one), reporting problems into `diags`.
pub fn read(doc: Option<&Doc>, diags: &mut Vec<Diagnostic>) -> Config {
    let mut config = Config::default();
    let Some(doc) = doc else { return config };
    let Some(node) = doc.yaml.clone() else {
        return config;
    };
    let Some(mut f) = Fields::new(&doc.source.path, node, KEYS, "course.yaml", diags) else {
        return config;
    };
    if let Some(t) = f.text("title") {
        config.title = t.value;
    }
    config.description = f.text("description").map(|t| t.value).unwrap_or_default();
    config.author = f.text("author").map(|t| t.value).unwrap_or_default();
    let language = f.text("language");
    if let Some(l) = &language {
        if l.value.is_empty() || !l.value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            f.error(l.pos, format!("'language' must be a language tag such as 'en' or 'pt-BR', found '{}'", l.value));
        } else {
            config.language = l.value.clone();
        }
    }
    if let Some(b) = f.text("base_url") {
        match BaseUrl::parse(&b.value) {
            Ok(base) => config.base_url = base,
            Err(m) => f.error(b.pos, m),
        }
    }
    if let Some(a) = f.text("autolink") {
        match Autolink::parse(&a.value) {
            Some(mode) => config.autolink = mode,
            None => f.error(a.pos, format!("'autolink' must be first, all or off, found '{}'", a.value)),
        }
    }
    if let Some(r) = f.boolean("raw_html") {
        config.raw_html = r.value;
    }
    let overrides =
        f.node("strings").map(|node| tables::overrides(&doc.source.path, node, f.diags())).unwrap_or_default();
    config.extra = f.extra();
    let english = config.language.eq_ignore_ascii_case("en") || config.language.to_ascii_lowercase().starts_with("en-");
    if let (Some(l), "en", false) = (&language, tables::for_tag(&config.language), english) {
        let msg = format!(
            "the theme has no strings in '{}': its words are in English (translate them under 'strings:' in course.yaml; the manual's \"Languages\" page lists them)",
            config.language
        );
        diags.push(Diagnostic::note(&doc.source.path, Some(l.pos), msg));
    }
    if config.language != "en" || !overrides.is_empty() {
        config.strings = Arc::new(Strings::new(&config.language, overrides));
    }
    config
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_keep_origin_and_path() {
        let b = BaseUrl::parse("https://example.org/course").unwrap();
        assert_eq!(b.origin.as_deref(), Some("https://example.org"));
        assert_eq!(b.path, "/course/");
        assert_eq!(b.href("/lessons/a/"), "/course/lessons/a/");
        assert_eq!(b.absolute("lessons/a/").unwrap(), "https://example.org/course/lessons/a/");
        assert_eq!(BaseUrl::parse("/").unwrap().path, "/");
        assert_eq!(BaseUrl::parse("https://h").unwrap().path, "/");
        assert!(BaseUrl::parse("javascript:alert(1)").is_err());
        assert!(BaseUrl::parse("ftp://h/").is_err());
        assert!(BaseUrl::parse("/a/../b").is_err());
    }
}
