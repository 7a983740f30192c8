//! The site's URLs: where each course page lives, and the one list of the pages syllabus
//! makes itself. The index resolves links to them, the build renders them, the sitemap
//! lists them and page ids may not take their names, all from [`SitePage::ALL`]: adding a
//! page kind means adding it there.

use crate::common::Kind;

/// The theme's stylesheet and scripts, at fixed site paths.
pub const CSS: &str = "assets/syllabus.css";
pub const JS: &str = "assets/syllabus.js";
/// The quiz script, loaded only by the pages that use it.
pub const QUIZ_JS: &str = "assets/quiz.js";
/// The learner's progress (quizzes, lessons done, review cards), kept in the browser.
pub const PROGRESS_JS: &str = "assets/progress.js";
/// The spaced-repetition scheduler, which checks review cards wherever progress is read.
pub const FSRS_JS: &str = "assets/fsrs.js";
/// The review page's script.
pub const REVIEW_JS: &str = "assets/review.js";
/// Reports progress to a learning platform's SCORM 1.2 run-time, in a SCORM package.
pub const SCORM_JS: &str = "assets/scorm.js";
pub const SEARCH_JS: &str = "assets/search.js";
/// The folder files beside pages are published under (`files/<path under content>`).
pub const PAGE_FILES: &str = "files";
/// The theme's words for its scripts, in the course's language.
pub const STRINGS_JS: &str = "assets/strings.js";
pub const ASSET_FILES: [&str; 9] = [CSS, JS, QUIZ_JS, SEARCH_JS, STRINGS_JS, PROGRESS_JS, FSRS_JS, REVIEW_JS, SCORM_JS];

/// The site path (no leading slash) of a course page of `kind` with `id`.
pub fn page_path(kind: Kind, id: &str) -> String {
    match kind.folder() {
        Some(folder) => format!("{folder}/{id}/"),
        None => format!("{id}/"),
    }
}

impl Kind {
    /// The folder a kind's pages live in (`lessons` for `/lessons/<id>/`); top-level pages
    /// have none.
    pub fn folder(self) -> Option<&'static str> {
        match self {
            Kind::Lesson => Some("lessons"),
            Kind::Module => Some("modules"),
            Kind::Article => Some("articles"),
            Kind::Concept => Some("concepts"),
            Kind::Quiz => Some("quizzes"),
            Kind::Page => None,
        }
    }
}

/// A page syllabus makes itself, besides one per course page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SitePage {
    Home,
    Articles,
    Concepts,
    Glossary,
    Quizzes,
    Search,
    Review,
    NotFound,
    Robots,
    Sitemap,
    Bibtex,
    Ris,
}

impl SitePage {
    /// Every page syllabus makes itself, in the order they are built.
    pub const ALL: [SitePage; 12] = [
        SitePage::Home,
        SitePage::Articles,
        SitePage::Concepts,
        SitePage::Glossary,
        SitePage::Quizzes,
        SitePage::Search,
        SitePage::Review,
        SitePage::NotFound,
        SitePage::Robots,
        SitePage::Sitemap,
        SitePage::Bibtex,
        SitePage::Ris,
    ];

    /// Its site path: a folder (`articles/`) or a file (`robots.txt`).
    pub fn path(self) -> &'static str {
        match self {
            SitePage::Home => "",
            SitePage::Articles => "articles/",
            SitePage::Concepts => "concepts/",
            SitePage::Glossary => "glossary/",
            SitePage::Quizzes => "quizzes/",
            SitePage::Search => "search/",
            SitePage::Review => "review/",
            SitePage::NotFound => "404.html",
            SitePage::Robots => "robots.txt",
            SitePage::Sitemap => "sitemap.xml",
            SitePage::Bibtex => "articles/readings.bib",
            SitePage::Ris => "articles/readings.ris",
        }
    }

    /// The file it is written to, relative to the output folder.
    pub fn output_path(self) -> String {
        let path = self.path();
        if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() }
    }

    /// Whether the site has it: `sitemap.xml` needs absolute URLs, so a base URL with a host.
    pub fn is_made(self, base_has_host: bool) -> bool {
        self != SitePage::Sitemap || base_has_host
    }

    /// Whether the sitemap lists it (the pages a learner reads, not files or the 404).
    pub fn in_sitemap(self) -> bool {
        matches!(
            self,
            SitePage::Home
                | SitePage::Articles
                | SitePage::Concepts
                | SitePage::Glossary
                | SitePage::Quizzes
                | SitePage::Review
        )
    }

    /// The page id it keeps a top-level page from taking (`search` for `/search/`).
    fn reserved_id(self) -> Option<&'static str> {
        match self {
            SitePage::NotFound => Some("404"),
            page => page.path().strip_suffix('/').filter(|p| !p.is_empty() && !p.contains('/')),
        }
    }
}

/// Ids a top-level page may not take: the site uses these paths itself (a kind's folder,
/// a page syllabus makes, the theme's assets).
pub fn reserved_page_ids() -> Vec<&'static str> {
    let folders = Kind::ALL.iter().filter_map(|k| k.folder());
    let pages = SitePage::ALL.iter().filter_map(|p| p.reserved_id());
    let assets = ASSET_FILES.iter().filter_map(|p| p.split_once('/').map(|(folder, _)| folder));
    let mut ids: Vec<&str> = Vec::new();
    for id in folders.chain(pages).chain(assets).chain([PAGE_FILES]) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_ids_cover_every_folder_the_site_uses() {
        let ids = reserved_page_ids();
        let expected = [
            "lessons", "modules", "articles", "concepts", "quizzes", "glossary", "search", "review", "404", "assets",
            "files",
        ];
        assert_eq!(ids, expected);
    }

    #[test]
    fn output_paths_end_in_a_file() {
        assert_eq!(SitePage::Home.output_path(), "index.html");
        assert_eq!(SitePage::Search.output_path(), "search/index.html");
        assert_eq!(SitePage::Ris.output_path(), "articles/readings.ris");
        assert_eq!(page_path(Kind::Lesson, "a"), "lessons/a/");
        assert_eq!(page_path(Kind::Page, "about"), "about/");
    }
}
