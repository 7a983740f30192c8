//! Exports of a checked course for other systems: quizzes as Moodle GIFT or IMS QTI
//! (Canvas's 1.2, and 2.1), concept cards for Anki or as CSV.

pub mod cards;
pub mod gift;
pub mod qti;
pub mod scorm;

/// The course at `root` read and checked as `syllabus check` does: the site, its
/// diagnostics, and whether any is an error (then an export writes nothing).
pub(crate) fn checked(root: &std::path::Path) -> (crate::site::Site, Vec<crate::common::Diagnostic>, bool) {
    let mut diags = Vec::new();
    let mut clock = crate::build::clock::Clock::start();
    let given = crate::build::stages::Given::default();
    let course = crate::build::stages::read(root, &given, &mut clock, &mut diags);
    let site = crate::build::stages::analyse(course, None, &mut clock, &mut diags);
    let failed = diags.iter().any(crate::common::Diagnostic::is_error);
    (site, diags, failed)
}

/// `href="/path"` and `src="/path"` with the origin in front (`//host` links stay as they
/// are): the site's HTML, shown on another host.
pub(crate) fn absolute_links(html: &str, origin: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let next = |s: &str| ["href=\"/", "src=\"/"].iter().filter_map(|a| s.find(a).map(|i| i + a.len())).min();
    while let Some(end) = next(rest) {
        // `end` is just after the `/` that starts the path.
        out.push_str(&rest[..end - 1]);
        if !rest[end..].starts_with('/') {
            out.push_str(origin);
        }
        out.push('/');
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}
