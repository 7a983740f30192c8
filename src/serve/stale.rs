//! What a change makes stale in the live preview's last build: whether every page kept its
//! place (so the index and the untouched texts hold), and which files' texts must be
//! rendered again (the edited ones, and those that show a changed title).

use std::collections::HashSet;

use crate::build::stages::same_terms;
use crate::common::{Kind, PageKey};
use crate::content::model::{Course, Origin};
use crate::site::Site;

/// The texts of the last build that a new course cannot keep.
pub struct Stale {
    /// Every page kept its kind, id, file and place, and every concept its terms.
    pub same_shape: bool,
    /// Course paths of the files whose texts must be rendered again.
    pub paths: HashSet<String>,
}

impl Stale {
    /// Nothing can be kept.
    pub fn everything() -> Stale {
        Stale { same_shape: false, paths: HashSet::new() }
    }

    /// What the new `course`, made after the files `touched` and the static files
    /// `statics` changed, cannot keep of the `old` site.
    pub fn between(old: &Site, new: &Course, touched: &HashSet<String>, statics: &[String]) -> Stale {
        let same_shape = Kind::ALL.iter().all(|&k| shape(&old.course, k) == shape(new, k))
            && old.course.drafts.len() == new.drafts.len()
            && old.course.drafts.keys().all(|k| new.drafts.contains_key(k))
            && same_terms(&old.course, new)
            && old.course.static_files.len() == new.static_files.len()
            && old.course.assets == new.assets;
        let mut paths = touched.clone();
        if same_shape {
            // Pages whose title changed: the texts linking to them show the title.
            let (o, n) = (old.index(), crate::index::SiteIndex::view(new, &old.data));
            for kind in Kind::ALL {
                for i in 0..old.course.ids(kind).len() {
                    let key = PageKey::new(kind, i);
                    if o.title(key) != n.title(key) {
                        paths.extend(old.graph.backlinks(key).iter().map(|from| o.source_path(*from).to_string()));
                        // The graph leaves out the home page's links.
                        let home = old.bodies.home.as_ref().filter(|h| h.links.iter().any(|l| l.target == key));
                        paths.extend(home.and(new.home.origin.as_ref()).map(|h| h.path().to_string()));
                    }
                }
            }
        }
        // A static file added or removed: the texts that name it.
        for file in statics {
            for (path, origin) in origins(new) {
                if origin.text().contains(file.as_str()) {
                    paths.insert(path.to_string());
                }
            }
        }
        Stale { same_shape, paths }
    }
}

/// Kind, id and file of every page of a kind, in order: if these are the same, every
/// page index, URL and link target is too.
fn shape(course: &Course, kind: Kind) -> Vec<(&str, &str)> {
    let file = |i: usize| -> &str {
        match kind {
            Kind::Lesson => course.lessons[i].origin.path(),
            Kind::Module => course.modules[i].origin.as_ref().map_or("", |o| o.path()),
            Kind::Article => course.articles[i].origin.path(),
            Kind::Concept => course.concepts[i].origin.path(),
            Kind::Quiz => course.quizzes[i].path(),
            Kind::Page => course.pages[i].origin.path(),
        }
    };
    course.ids(kind).into_iter().enumerate().map(|(i, id)| (id, file(i))).collect()
}

/// Every page with Markdown, with its file.
fn origins(course: &Course) -> impl Iterator<Item = (&str, &Origin)> {
    let home = course.home.origin.iter();
    let modules = course.modules.iter().filter_map(|m| m.origin.as_ref());
    home.chain(modules)
        .chain(course.lessons.iter().map(|l| &l.origin))
        .chain(course.articles.iter().map(|a| &a.origin))
        .chain(course.concepts.iter().map(|c| &c.origin))
        .chain(course.pages.iter().map(|p| &p.origin))
        .map(|o| (o.path(), o))
}
