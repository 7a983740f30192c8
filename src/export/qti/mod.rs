//! IMS QTI exports of a course's quizzes, as zip packages a learning platform imports:
//! Canvas's QTI 1.2 profile (`--format qti12`, [`canvas`]) and IMS QTI 2.1 content
//! packages (`--format qti21`, for Blackboard, Brightspace and others, [`v21`]). Both
//! read the same checked course as the site and GIFT do; what a format cannot say exactly
//! is a warning naming the question. Zips come from the `zip` crate (deflate, through
//! flate2, already a dependency).

pub mod canvas;
pub mod v21;
mod xhtml;
mod xml;

pub use xml::escape as xml_escape;

use std::io::Write;
use std::path::Path;

use crate::common::diag::{self, Diagnostic};
use crate::content::model::{Question, Quiz};
use crate::index::SiteIndex;
use crate::site::bodies::{Bodies, QuestionHtml};

/// The two QTI formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Canvas's QTI 1.2.
    Canvas12,
    /// IMS QTI 2.1 content package.
    Qti21,
}

/// What an export made: the zip when the course has no error, and every diagnostic.
pub struct Export {
    pub zip: Option<Vec<u8>>,
    pub diags: Vec<Diagnostic>,
    pub quizzes: usize,
    pub questions: usize,
}

/// Reads and checks the course at `root` as `syllabus check` does, then packages its quizzes.
pub fn export(root: &Path, format: Format) -> Export {
    let (site, mut diags, failed) = super::checked(root);
    let (index, course) = (site.index(), &site.course);
    let zip = (!failed).then(|| {
        let files = match format {
            Format::Canvas12 => canvas::files(&index, &site.bodies, &mut diags),
            Format::Qti21 => v21::files(&index, &site.bodies, &mut diags),
        };
        let files: Vec<(String, &[u8])> = files.iter().map(|(p, t)| (p.clone(), t.as_bytes())).collect();
        zip(&files)
    });
    diag::sort(&mut diags);
    let questions = course.quizzes.iter().map(|q| q.questions.len()).sum();
    Export { zip, diags, quizzes: course.quizzes.len(), questions }
}

/// One quiz question with its rendered HTML, as the writers read it: its texts with site
/// links made absolute when the base URL has a host (a platform shows them elsewhere).
pub(crate) struct Item<'a> {
    pub quiz: &'a Quiz,
    pub q: &'a Question,
    pub h: &'a QuestionHtml,
    origin: Option<&'a str>,
}

impl<'a> Item<'a> {
    /// Every question of every quiz, with its quiz.
    pub fn all(index: &'a SiteIndex, bodies: &'a Bodies) -> Vec<Vec<Item<'a>>> {
        let course = index.course;
        let origin = course.config.base_url.origin.as_deref();
        (course.quizzes.iter().zip(&bodies.quizzes))
            .map(|(quiz, html)| {
                (quiz.questions.iter().zip(&html.questions)).map(|(q, h)| Item { quiz, q, h, origin }).collect()
            })
            .collect()
    }

    /// HTML of the site, for another host: links and images to the site made absolute.
    pub fn html(&self, html: &str) -> String {
        match self.origin {
            Some(origin) => crate::export::absolute_links(html, origin),
            None => html.to_string(),
        }
    }

    /// A warning about this question: what the format could not say, and what was done.
    pub fn warn(&self, diags: &mut Vec<Diagnostic>, format: &str, message: &str) {
        let msg = format!("question {} ({}): {format}: {message}", self.q.number, self.q.id);
        diags.push(Diagnostic::warning(self.quiz.path(), Some(self.q.pos), msg));
    }
}

/// The files of a package as one zip, deflated, in the order given (the manifest first).
pub(crate) fn zip(files: &[(String, &[u8])]) -> Vec<u8> {
    zip_read(files.iter().map(|(name, bytes)| Ok((name.clone(), bytes.to_vec())))).expect("files in memory read")
}

/// As [`zip`], each file read only as its turn comes (a whole site need not be in memory):
/// the first error reading one stops it.
pub(crate) fn zip_read(files: impl Iterator<Item = std::io::Result<(String, Vec<u8>)>>) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o644);
    for file in files {
        let (name, bytes) = file?;
        zip.start_file(name.as_str(), options).expect("a zip in memory takes any file");
        zip.write_all(&bytes).expect("a zip in memory takes any file");
    }
    Ok(zip.finish().expect("a zip in memory finishes").into_inner())
}

/// A number as XML and QTI write it: no exponent, at most 6 decimals, `1` not `1.0`.
pub(crate) fn number(n: f64) -> String {
    let s = format!("{n:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_no_exponent_and_no_trailing_zeros() {
        assert_eq!(number(1.0), "1");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(1e-7), "0");
        assert_eq!(number(100.0 / 3.0), "33.333333");
        assert_eq!(number(1e21), "1000000000000000000000");
        assert_eq!(number(-0.0), "0");
    }

    #[test]
    fn a_package_is_a_zip_with_its_files_in_order() {
        let zip = zip(&[("imsmanifest.xml".into(), b"<manifest/>".as_slice()), ("a/b.xml".into(), b"<b/>".as_slice())]);
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
        assert_eq!(archive.len(), 2);
        assert_eq!(archive.by_index(0).unwrap().name().unwrap(), "imsmanifest.xml");
        let mut text = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("a/b.xml").unwrap(), &mut text).unwrap();
        assert_eq!(text, "<b/>");
    }
}
