//! Paths: site paths joined and normalised (for links, the output folder and the server
//! alike), percent-encoding, and file paths shown relative to the course.

use std::path::Path;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// Path relative to the root, `/`-separated, for messages.
pub fn rel(root: &Path, path: &Path) -> String {
    let r = path.strip_prefix(root).unwrap_or(path);
    r.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Joins a relative path onto a directory, resolving `.` and `..`; a path that climbs out
/// keeps its leading `..` so callers can refuse it.
pub fn join(dir: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    let mut climbed = 0;
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    climbed += 1;
                }
            }
            p => parts.push(p),
        }
    }
    let mut out = vec![".."; climbed];
    out.extend(parts);
    out.join("/")
}

/// A site path without `.` and `..`, keeping a trailing slash; `None` if it climbs out.
pub fn normalize(path: &str) -> Option<String> {
    let joined = join("", path);
    if joined.starts_with("..") {
        return None;
    }
    let slash = if path.ends_with('/') && !joined.is_empty() { "/" } else { "" };
    Some(format!("{joined}{slash}"))
}

/// Decodes `%20` and the like in a link path (an invalid escape is kept as written; a
/// path that does not decode to UTF-8 is kept whole).
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8().map_or_else(|_| s.to_string(), |d| d.into_owned())
}

/// What a URL in XML may not hold raw: controls, spaces, quotes and angle brackets (and,
/// always, every byte that is not ASCII).
const NOT_IN_XML_URLS: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>');

/// Percent-encodes the characters a URL in XML may not hold raw (non-ASCII, spaces).
pub fn percent_encode_url(url: &str) -> String {
    utf8_percent_encode(url, NOT_IN_XML_URLS).to_string()
}

/// Whether a site path names one place as it is written: no `.`, `..` or empty segment,
/// no leading slash, and no backslash, colon or NUL. The output folder writes only such
/// paths and the preview server serves only such paths.
pub fn is_normal(path: &str) -> bool {
    !path.contains(['\\', ':', '\0']) && normalize(path).is_some_and(|n| n == path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_paths() {
        assert_eq!(join("content/lessons/01-a", "../02-b/01-x.md"), "content/lessons/02-b/01-x.md");
        assert_eq!(join("content/lessons/01-a", "./x.md"), "content/lessons/01-a/x.md");
        assert_eq!(join("a", "../../x"), "../x");
        assert_eq!(normalize("img/../map.svg").as_deref(), Some("map.svg"));
        assert_eq!(normalize("../x"), None);
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("/a%20b/"), "/a b/");
        assert_eq!(percent_decode("%2e%2e/x"), "../x");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%E6%B5%B7"), "海");
        assert_eq!(percent_decode("%ff"), "%ff");
    }

    #[test]
    fn urls_in_xml_are_encoded() {
        assert_eq!(percent_encode_url("https://h/a b/海\"<"), "https://h/a%20b/%E6%B5%B7%22%3C");
    }

    #[test]
    fn normal_paths_name_one_place() {
        for good in ["", "a", "a/b/", "lessons/x/index.html", "海/"] {
            assert!(is_normal(good), "{good:?}");
        }
        for bad in ["/a", "a//b", "./a", "a/../b", "..", "a\\b", "c:/x", "a\0b", "a/."] {
            assert!(!is_normal(bad), "{bad:?}");
        }
    }
}
