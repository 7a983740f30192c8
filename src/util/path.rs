//! Paths: site paths joined and normalised (for links, the output folder and the server
//! alike), percent-encoding, and file paths shown relative to the course.

use std::path::Path;

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

/// Decodes `%20` and the like in a link path (an invalid escape is kept as written).
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Percent-encodes the characters a URL in XML may not hold raw (non-ASCII, spaces).
pub fn percent_encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if b.is_ascii_graphic() && b != b'"' && b != b'<' && b != b'>' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
    }
}
