//! The values every template sees as `site`: the course's settings, the theme files'
//! URLs and the navigation.

use serde::Serialize;
use serde_json::Value as Json;

use super::theme::Theme;
use super::views::LinkView;
use crate::common::routes::{self, SitePage};
use crate::common::{Kind, PageKey};
use crate::index::SiteIndex;
use crate::site::search::tokenize::Tokenizer;

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    author: &'a str,
    language: &'a str,
    /// The base URL's path: every link starts with it.
    base_path: &'a str,
    /// The absolute base URL, or empty when base_url has no host.
    base_url: String,
    css: String,
    js: String,
    quiz_js: String,
    /// The search script, loaded on every page; it fetches the index only once used.
    search_js: String,
    /// The theme's words for the scripts; loaded before them.
    strings_js: String,
    generator: &'static str,
    /// The navigation: the first links shown in the header, the rest under "More".
    nav: Vec<LinkView<'a>>,
    nav_more: Vec<LinkView<'a>>,
    extra: &'a Json,
}

/// Links the header shows before the rest go under "More": five fit on one line beside the
/// course's title and the search box at 1280 px.
const NAV_SHOWN: usize = 5;

/// The lists the navigation links to, before the course's own top-level pages.
const NAV: [SitePage; 4] = [SitePage::Articles, SitePage::Concepts, SitePage::Glossary, SitePage::Quizzes];

/// Sets the data every template sees as `site`.
pub fn set_globals(index: &SiteIndex, theme: &mut Theme) {
    let c = index.course;
    let base = index.base;
    theme.localize(&c.config.strings, Tokenizer::new(&c.config.language).stemmer_name());
    // Only the lists the course has something in.
    let has = |p: SitePage| match p {
        SitePage::Articles => !c.articles.is_empty(),
        SitePage::Concepts | SitePage::Glossary => !c.concepts.is_empty(),
        SitePage::Quizzes => !c.quizzes.is_empty(),
        _ => true,
    };
    let mut nav: Vec<LinkView> = NAV
        .iter()
        .filter(|&&p| has(p))
        .map(|&p| LinkView { title: super::title(p, &c.config.strings), url: base.href(p.path()).into() })
        .collect();
    nav.extend(
        c.pages
            .iter()
            .enumerate()
            .map(|(i, p)| LinkView { title: &p.title, url: index.href(PageKey::new(Kind::Page, i)).into() }),
    );
    let nav_more = if nav.len() > NAV_SHOWN + 1 { nav.split_off(NAV_SHOWN) } else { Vec::new() };
    let site = SiteView {
        title: &c.config.title,
        description: &c.config.description,
        author: &c.config.author,
        language: &c.config.language,
        base_path: &base.path,
        base_url: base.absolute("").unwrap_or_default(),
        css: format!("{}?v={}", base.href(routes::CSS), theme.css_version),
        js: format!("{}?v={}", base.href(routes::JS), theme.js_version),
        quiz_js: format!("{}?v={}", base.href(routes::QUIZ_JS), theme.quiz_js_version),
        search_js: format!("{}?v={}", base.href(routes::SEARCH_JS), theme.search_js_version),
        strings_js: format!("{}?v={}", base.href(routes::STRINGS_JS), theme.strings_js_version),
        generator: concat!("syllabus ", env!("CARGO_PKG_VERSION")),
        nav,
        nav_more,
        extra: &c.config.extra,
    };
    theme.set_global("site", &site);
}
