//! Link resolution: a wikilink (`[[kind:id#anchor|label]]`), a relative `.md` link or a
//! site path to the page or file it points at, with the error a broken one gets (the
//! closest id, or the ids of that kind there are).

use crate::common::{Kind, PageKey};
use crate::index::SiteIndex;
use crate::util::path::{join, normalize, percent_decode};

/// Where a link goes, once resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A page of the course, with an anchor to check.
    Page(PageKey, Option<String>),
    /// Another file of the site (static file, index page), by its site path: nothing
    /// more to check.
    File(String),
    /// An anchor on the page itself.
    SelfAnchor(String),
    /// Outside the site.
    External,
}

/// Why a link does not resolve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// A broken link; the message says why and what is close.
    Broken(String),
    /// It points at a file that failed to load, which is reported already.
    Unloaded,
}

impl From<String> for LinkError {
    fn from(message: String) -> LinkError {
        LinkError::Broken(message)
    }
}

/// A resolved link: the `href` to write and what it points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub href: String,
    pub target: Target,
}

impl SiteIndex<'_> {
    /// Resolves a wikilink target `kind:id#anchor` (kind and anchor optional).
    pub fn wikilink(&self, dest: &str) -> Result<(PageKey, Option<String>), LinkError> {
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

    fn bare(&self, id: &str, dest: &str) -> Result<PageKey, LinkError> {
        match self.data.by_id.get(id).map(Vec::as_slice) {
            Some([key]) => Ok(*key),
            Some(keys) if keys.len() > 1 => {
                let forms: Vec<String> = keys.iter().map(|k| format!("[[{}:{id}]]", k.kind.name())).collect();
                Err(LinkError::Broken(format!(
                    "[[{dest}]] is ambiguous: '{id}' names pages of {} kinds; write one of {}",
                    keys.len(),
                    forms.join(", ")
                )))
            }
            _ => Err(self.missing(None, id, dest)),
        }
    }

    fn missing(&self, kind: Option<Kind>, id: &str, dest: &str) -> LinkError {
        let kinds = || Kind::ALL.into_iter().filter(|k| kind.is_none_or(|kind| kind == *k));
        if kinds().any(|k| self.course.failed.contains_key(&(k, id.to_string()))) {
            return LinkError::Unloaded;
        }
        if let Some(file) = kinds().find_map(|k| self.course.drafts.get(&(k, id.to_string()))) {
            return LinkError::Broken(format!("[[{dest}]] links to a draft ({file}); publish it or remove the link"));
        }
        let hint = match kind {
            Some(k) => crate::common::diag::hint(id, k, self.course.ids(k)),
            None => crate::common::diag::did_you_mean(id, self.data.by_id.keys().map(String::as_str)),
        };
        let what = kind.map_or("page".to_string(), |k| k.name().to_string());
        LinkError::Broken(format!("broken link [[{dest}]]: there is no {what} '{id}'{hint}"))
    }

    /// Resolves the destination of a Markdown link or image written in the file `from`
    /// (a path under the course root), on the page at site path `page_path`.
    pub fn href_target(&self, from: &str, page_path: &str, dest: &str, image: bool) -> Result<Resolved, LinkError> {
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
                )
                .into());
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
            let Some(&key) = self.data.by_source.get(file.as_str()) else {
                if self.course.failed.values().any(|failed| *failed == file) {
                    return Err(LinkError::Unloaded);
                }
                return Err(format!("broken link '{dest}': no course page at {file}").into());
            };
            return Ok(Resolved {
                href: format!("{}{}", self.href(key), anchor_suffix(&anchor)),
                target: Target::Page(key, anchor),
            });
        }
        if !path.starts_with('/')
            && let Some(site) = self.page_file(from, &path)
        {
            return Ok(Resolved { href: format!("{}{rest}", self.base.href(&site)), target: Target::File(site) });
        }
        let site = if let Some(abs) = path.strip_prefix('/') {
            normalize(abs).ok_or_else(|| format!("broken link '{dest}': it leaves the site"))?
        } else {
            let joined = join(page_path.trim_end_matches('/'), &path);
            if joined.starts_with("../") || joined == ".." {
                return Err(format!("broken link '{dest}': it leaves the site").into());
            }
            let keep_slash = if path.ends_with('/') && !joined.is_empty() { "/" } else { "" };
            format!("{joined}{keep_slash}")
        };
        let found = self.site_target(&site, &anchor, rest, dest);
        if found.is_err() && !path.starts_with('/') && !path.is_empty() {
            let beside = join(from.rsplit_once('/').map_or("", |(d, _)| d), &path);
            if beside.starts_with("content/") {
                return Err(format!(
                    "broken link '{dest}': no file beside the page at {beside}, and no page or file at /{site}"
                )
                .into());
            }
        }
        found
    }

    /// A file beside the page written in `from` (a path under the course root), by its
    /// path relative to that page's folder: its site path, if there is such a file.
    fn page_file(&self, from: &str, path: &str) -> Option<String> {
        let file = join(from.rsplit_once('/').map_or("", |(d, _)| d), path);
        let under = file.strip_prefix("content/")?;
        self.data.page_files.contains(under).then(|| crate::content::assets::site_path(under))
    }

    fn site_target(&self, site: &str, anchor: &Option<String>, rest: &str, dest: &str) -> Result<Resolved, LinkError> {
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
            return Ok(Resolved { href, target: Target::File(site.to_string()) });
        }
        Err(format!("broken link '{dest}': no page or file at /{site}").into())
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
