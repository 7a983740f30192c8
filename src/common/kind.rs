//! The kinds of page a course is made of, and the key that names one page of a course.

/// The kinds of page a course is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Lesson,
    Module,
    Article,
    Concept,
    Quiz,
    Page,
}

impl Kind {
    pub const ALL: [Kind; 6] = [Kind::Lesson, Kind::Module, Kind::Article, Kind::Concept, Kind::Quiz, Kind::Page];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Lesson => "lesson",
            Kind::Module => "module",
            Kind::Article => "article",
            Kind::Concept => "concept",
            Kind::Quiz => "quiz",
            Kind::Page => "page",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A page of the course: its kind and its index in the course's list of that kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PageKey {
    pub kind: Kind,
    pub idx: usize,
}

impl PageKey {
    pub fn new(kind: Kind, idx: usize) -> PageKey {
        PageKey { kind, idx }
    }
}
