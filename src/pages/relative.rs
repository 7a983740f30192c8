//! Pages for a folder opened straight from disk (`build --relative`): every link to the
//! site made relative to the page (`../../lessons/x/index.html`), a folder's link naming its
//! `index.html` (a browser shows a folder's listing over `file://`, not its page). The
//! pages are rendered as for a server and rewritten here, so templates know nothing of it.

/// Attributes whose value may be a link to the site, and whether a folder link in it names
/// its `index.html` (`data-search-index` is a folder the search script adds file names to).
const ATTRIBUTES: &[(&str, bool)] = &[
    (" href=\"", true),
    (" src=\"", true),
    (" action=\"", true),
    (" poster=\"", true),
    (" xlink:href=\"", true),
    (" data-search-index=\"", false),
    // The answer key of a quiz page (JSON): its own address and its concepts' pages.
    ("\"url\":\"", true),
];

/// The script beside a quiz page in a relative build (`quizzes/<id>/page.js`): the page as a
/// string, for the review page, which cannot fetch it over `file://`.
pub const QUIZ_PAGE_SCRIPT: &str = "page.js";

/// `quizzes/<id>/page.js`: `syllabusQuizPage("<id>", "<the page's HTML>")`.
pub fn quiz_page_script(id: &str, html: &[u8]) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    let id = serde_json::to_string(id).expect("a string serializes");
    let page = crate::util::html::script_json(&serde_json::to_string(&html).expect("a string serializes"));
    format!("window.syllabusQuizPage({id}, {page});\n").into_bytes()
}

/// The attributes, found in one pass over a page (aho-corasick, already a dependency for
/// the concept autolinker): searching for each in turn read every page seven times.
static PATTERNS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
    aho_corasick::AhoCorasick::new(ATTRIBUTES.iter().map(|(a, _)| a)).expect("the attributes make an automaton")
});

/// `html` of the page written at `page` (an output path: `lessons/x/index.html`), with
/// every link that starts with the site's base path `base` made relative to that page.
pub fn relativize(html: &[u8], page: &str, base: &str) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(html) else { return html.to_vec() };
    let up = "../".repeat(page.matches('/').count());
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    let mut at = 0;
    for found in PATTERNS.find_iter(text) {
        if found.start() < at {
            continue;
        }
        let file = ATTRIBUTES[found.pattern().as_usize()].1;
        out.push_str(&text[at..found.end()]);
        let end = text[found.end()..].find('"').map_or(text.len(), |i| found.end() + i);
        let value = &text[found.end()..end];
        match value.strip_prefix(base).filter(|_| !value.starts_with("//")) {
            Some(path) => {
                out.push_str(&up);
                out.push_str(&with_index(path, file));
            }
            None => out.push_str(value),
        }
        at = end;
    }
    out.push_str(&text[at..]);
    out.into_bytes()
}

/// A site path whose folder part ends with `/` (or is empty) with `index.html` added before
/// its query or fragment, when `file` says so.
fn with_index(path: &str, file: bool) -> String {
    let cut = path.find(['?', '#']).unwrap_or(path.len());
    let (place, tail) = path.split_at(cut);
    if file && (place.is_empty() || place.ends_with('/')) {
        format!("{place}index.html{tail}")
    } else {
        path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(html: &str, page: &str, base: &str) -> String {
        String::from_utf8(relativize(html.as_bytes(), page, base)).unwrap()
    }

    #[test]
    fn links_become_relative_to_the_page_and_name_index_html() {
        let html = r#"<a href="/">Home</a> <a href="/lessons/a/#s2">A</a> <link href="/assets/x.css?v=1"> <img src="/files/i.png">"#;
        assert_eq!(
            rel(html, "lessons/b/index.html", "/"),
            r#"<a href="../../index.html">Home</a> <a href="../../lessons/a/index.html#s2">A</a> <link href="../../assets/x.css?v=1"> <img src="../../files/i.png">"#
        );
        assert_eq!(rel(r#"<a href="/glossary/">G</a>"#, "index.html", "/"), r#"<a href="glossary/index.html">G</a>"#);
    }

    #[test]
    fn other_links_stay_as_they_are() {
        let html = r##"<a href="#main">skip</a> <a href="https://x.org/">x</a> <a href="//cdn/">c</a> <a href="/other/">o</a>"##;
        assert_eq!(rel(html, "a/index.html", "/course/"), html);
    }

    #[test]
    fn the_search_folder_and_the_quiz_key_are_rewritten() {
        let html = r#"<form action="/c/search/" data-search-index="/c/search/"><script>{"url":"/c/quizzes/q/","review":[{"url":"/c/concepts/x/"}]}</script>"#;
        assert_eq!(
            rel(html, "quizzes/q/index.html", "/c/"),
            r#"<form action="../../search/index.html" data-search-index="../../search/"><script>{"url":"../../quizzes/q/index.html","review":[{"url":"../../concepts/x/index.html"}]}</script>"#
        );
    }
}
