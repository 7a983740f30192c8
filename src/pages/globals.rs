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
    /// The learner's progress and the scheduler it checks review cards with: loaded by
    /// every page that reads or writes progress, before `quiz_js` and `review_js`.
    progress_js: String,
    fsrs_js: String,
    review_js: String,
    /// The SCORM script, loaded by every page of a SCORM package (`scorm` is true).
    scorm_js: String,
    scorm: bool,
    /// The review page, whose link in the navigation shows how many cards are due.
    review_url: String,
    /// The search script, loaded on every page; it fetches the index only once used.
    search_js: String,
    /// The theme's words for the scripts; loaded before them.
    strings_js: String,
    generator: &'static str,
    /// Built with `--relative`: the scripts add `index.html` to the folders they link to and
    /// read the search index and quiz pages from script files rather than fetch them.
    relative: bool,
    /// The navigation: the first links shown in the header, the rest under "More".
    nav: Vec<LinkView<'a>>,
    nav_more: Vec<LinkView<'a>>,
    extra: &'a Json,
}

/// Links the header shows before the rest go under "More": five fit on one line beside the
/// course's title and the search box at 1280 px.
const NAV_SHOWN: usize = 5;

/// The lists the navigation links to, before the course's own top-level pages.
const NAV: [SitePage; 5] =
    [SitePage::Articles, SitePage::Concepts, SitePage::Glossary, SitePage::Quizzes, SitePage::Review];

/// Sets the data every template sees as `site`.
pub fn set_globals(index: &SiteIndex, theme: &mut Theme) {
    let c = index.course;
    let base = index.base;
    theme.localize(&c.config.strings, Tokenizer::new(&c.config.language).stemmer_name());
    if c.config.scorm {
        let quizzes: serde_json::Map<String, Json> = c
            .quizzes
            .iter()
            .map(|q| (q.id.clone(), serde_json::json!({ "points": q.total_points(), "pass_mark": q.pass_mark })))
            .collect();
        theme.set_scorm_course(&serde_json::json!({ "quizzes": quizzes, "lessons": c.lessons.len() }));
    }
    // Only the lists the course has something in.
    let has = |p: SitePage| match p {
        SitePage::Articles => !c.articles.is_empty(),
        SitePage::Concepts | SitePage::Glossary => !c.concepts.is_empty(),
        SitePage::Quizzes => !c.quizzes.is_empty(),
        SitePage::Review => c.concepts.iter().any(|c| c.review) || !c.quizzes.is_empty(),
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
    let asset = |path: &str| format!("{}?v={}", base.href(path), theme.version(path));
    let nav_more = if nav.len() > NAV_SHOWN + 1 { nav.split_off(NAV_SHOWN) } else { Vec::new() };
    let site = SiteView {
        title: &c.config.title,
        description: &c.config.description,
        author: &c.config.author,
        language: &c.config.language,
        base_path: &base.path,
        base_url: base.absolute("").unwrap_or_default(),
        css: asset(routes::CSS),
        js: asset(routes::JS),
        quiz_js: asset(routes::QUIZ_JS),
        progress_js: asset(routes::PROGRESS_JS),
        fsrs_js: asset(routes::FSRS_JS),
        review_js: asset(routes::REVIEW_JS),
        scorm_js: asset(routes::SCORM_JS),
        scorm: c.config.scorm,
        review_url: base.href(SitePage::Review.path()),
        search_js: asset(routes::SEARCH_JS),
        strings_js: asset(routes::STRINGS_JS),
        generator: concat!("syllabus ", env!("CARGO_PKG_VERSION")),
        relative: c.config.relative,
        nav,
        nav_more,
        extra: &c.config.extra,
    };
    theme.set_global("site", &site);
}
